"""Writes of the knowledge hub: items and their attachments, publishing, adoptions and
their confirmation, use of items, learning events. Named, keyword-only and atomic; every
write goes through `save_as` / `update_versioned` (validated, audited) and keeps the
search index in step in the same transaction. Callers have asked `selectors` / `access`
who may write; the rules across rows are here."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamwe.accounts import access
from hamwe.core.records import delete_as, save_as, update_versioned
from hamwe.core.uploads import check_upload
from hamwe.partners.models import Organisation

from . import search
from .models import Adoption, Attachment, Item, LearningEvent, Participation, Use

ITEM_FIELDS = ("kind", "title", "summary", "body", "language", "name_origins")
ITEM_M2M = ("origins", "thematic_areas", "programme_models", "provinces")


def _check_origins(by, origins):
    if not origins:
        raise ValidationError({"origins": _("Name at least one origin organisation.")})
    if access.is_partner(by) and not access.may_publish_knowledge(by) and not any(
            access.belongs_to(by, o.pk) for o in origins):
        raise ValidationError(
            {"origins": _("Your own organisation is among the origins of what you share.")})


def _check_sharing(sharing, shared_with):
    if sharing == Item.Sharing.CHOSEN and not shared_with:
        raise ValidationError({"shared_with": _("Choose the partners it is shared with.")})


@transaction.atomic
def item_create(*, by, kind, title, origins, summary="", body="", language="en",
                sharing=Item.Sharing.INTERNAL, shared_with=(), thematic_areas=(),
                programme_models=(), provinces=(), name_origins=True, event=None,
                publish_on=None, source="", source_label="", source_url="") -> Item:
    """A new item: a draft, unless one who may publish (`access.may_publish_knowledge`)
    publishes it at once (`publish_on`). A partner user's item names its organisation
    among the origins; what it asks to be shared with applies once published."""
    origins, shared_with = list(origins), list(shared_with)
    _check_origins(by, origins)
    _check_sharing(sharing, shared_with)
    if publish_on is not None and not access.may_publish_knowledge(by):
        raise ValidationError(_("Only the home organisation's staff publish items."))
    if source and Item.objects.filter(source=source).exists():
        raise ValidationError(_("This lesson was already made into a knowledge item."))
    item = save_as(Item(
        kind=kind, title=title.strip(), summary=summary.strip(), body=body.strip(),
        language=language, sharing=sharing, name_origins=name_origins, event=event,
        documented_by=by, published_on=publish_on, source=source,
        source_label=source_label[:300], source_url=source_url[:300],
    ), by=by)
    item.origins.set(origins)
    item.shared_with.set(shared_with)
    item.thematic_areas.set(thematic_areas)
    item.programme_models.set(programme_models)
    item.provinces.set(provinces)
    search.index([item.pk])
    return item


def item_update(*, item, by, data, expected_version) -> Item:
    """What the item says and whom it comes from; sharing is `item_publish`'s."""
    changes = {name: data[name].strip() if isinstance(data[name], str) else data[name]
               for name in ITEM_FIELDS if name in data}
    m2m = {name: list(data[name]) for name in ITEM_M2M if name in data}
    if "origins" in m2m:
        _check_origins(by, m2m["origins"])
    with transaction.atomic():
        item = update_versioned(item, by=by, expected_version=expected_version,
                                changes=changes, m2m=m2m)
        search.index([item.pk])
    return item


@transaction.atomic
def item_publish(*, item, by, sharing, shared_with=(), on=None) -> Item:
    """Publish an item (or change whom a published item is shared with)."""
    shared_with = list(shared_with)
    _check_sharing(sharing, shared_with)
    item = Item.objects.select_for_update().get(pk=item.pk)
    item.sharing = sharing
    item.published_on = item.published_on or on or datetime.date.today()
    item.version += 1
    save_as(item, by=by, update_fields=["sharing", "published_on", "version", "updated_at"])
    item.shared_with.set(shared_with if sharing == Item.Sharing.CHOSEN else [])
    return item


@transaction.atomic
def attachment_add(*, item, by, upload, name="") -> Attachment:
    try:
        check_upload(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    return save_as(Attachment(item=item, file=upload, name=(name or upload.name)[:200],
                              added_by=by), by=by)


def _origin_ids(item) -> set[int]:
    return set(item.origins.values_list("pk", flat=True))


@transaction.atomic
def adoption_record(*, item, by, organisation, taken_up_in, adopted_on, effect="") -> Adoption:
    """Record that `organisation` took up `item`. The side that records it (the adopter,
    or the item's origin) is kept, so that the other side confirms it."""
    origins = _origin_ids(item)
    if item.is_draft:
        raise ValidationError(_("A draft cannot be adopted yet: publish it first."))
    if organisation.pk in origins:
        raise ValidationError(
            {"organisation": _("An organisation does not adopt its own item.")})
    if not access.may_record_adoption(by, organisation.pk, origins):
        raise ValidationError({"organisation": _("Record an adoption of your own organisation, "
                                                 "or of an item your organisation shared.")})
    by_adopter = (access.belongs_to(by, organisation.pk)
                  or (access.is_home(by) and organisation.is_home))
    adoption = save_as(Adoption(
        item=item, organisation=organisation, taken_up_in=taken_up_in.strip(),
        adopted_on=adopted_on, effect=effect.strip(), recorded_by=by,
        recorded_by_adopter=by_adopter,
    ), by=by)
    adoption.parties.set([organisation.pk, *origins])
    return adoption


@transaction.atomic
def adoption_confirm(*, adoption, by, on=None) -> Adoption:
    adoption = Adoption.objects.select_for_update().select_related("item").get(pk=adoption.pk)
    if not access.may_confirm_adoption(by, adoption, _origin_ids(adoption.item)):
        raise ValidationError(_("The other side confirms an adoption, once."))
    adoption.confirmed_on = on or datetime.date.today()
    adoption.confirmed_by = by
    return save_as(adoption, by=by, update_fields=["confirmed_on", "confirmed_by"])


def use_record(*, item, by, kind, purpose, on=None) -> Use:
    """`by` consulted `item` for, or used it in, `purpose`: once a day each way."""
    on = on or datetime.date.today()
    existing = Use.objects.filter(item=item, user=by, kind=kind, on=on).first()
    if existing is not None:
        return existing
    return save_as(Use(item=item, user=by, kind=kind, purpose=purpose.strip(), on=on), by=by)


@transaction.atomic
def event_record(*, by, title, held_on, kind=LearningEvent.Kind.LEARNING, place="",
                 shared="", participants=(), practices=(), challenges=()) -> LearningEvent:
    """A learning event with its participants by organisation ((organisation, people)
    pairs), and the best practices and remaining challenges it brought out, recorded in
    the same step as draft items of the participants, documented at the event."""
    participants = [(o, n) for o, n in participants if o is not None]
    if not participants:
        raise ValidationError({"participants": _("Name at least one participating "
                                                 "organisation.")})
    if len({o.pk for o, _n in participants}) != len(participants):
        raise ValidationError({"participants": _("Name each organisation once.")})
    event = save_as(LearningEvent(title=title.strip(), kind=kind, held_on=held_on,
                                  place=place.strip(), shared=shared.strip()), by=by)
    for organisation, people in participants:
        save_as(Participation(event=event, organisation=organisation, people=people), by=by)
    origins = [o for o, _n in participants]
    for kind_, texts in ((Item.Kind.PRACTICE, practices), (Item.Kind.LESSON, challenges)):
        for text in texts:
            text = text.strip()
            if text:
                item_create(by=by, kind=kind_, title=text[:200], summary=text[:1000],
                            origins=origins, event=event)
    return event


@transaction.atomic
def event_participation_set(*, event, organisation, people, by) -> LearningEvent:
    """How many people came to `event` from `organisation`: a participant added, its count
    corrected, or (0) the organisation taken off, never the last one. The event's row is
    locked, so two people correcting its list at once cannot both take one off."""
    event = LearningEvent.objects.select_for_update().get(pk=event.pk)
    current = Participation.objects.filter(event=event, organisation=organisation).first()
    if not people:
        if current is None:
            raise ValidationError({"organisation": _(
                "%(organisation)s did not take part: there is nothing to take off.")
                % {"organisation": organisation}})
        if event.participations.count() == 1:
            raise ValidationError({"people": _(
                "An event keeps at least one participating organisation.")})
        delete_as(current, by=by)
        return event
    if current is None:
        current = Participation(event=event, organisation=organisation)
    current.people = people
    save_as(current, by=by)
    return event


def lesson_receive(*, lesson, by) -> Item:
    """A lesson offered elsewhere in Hamwe (`hamwe.core.registries.offer_lesson`) becomes
    a draft lesson of its organisations."""
    origins = list(Organisation.objects.filter(pk__in=lesson.organisation_ids))
    if not origins:
        home = Organisation.objects.filter(is_home=True).first()
        origins = [home] if home else []
    language = lesson.language if lesson.language in ("en", "fr", "sv") else "en"
    return item_create(
        by=by, kind=Item.Kind.LESSON, title=lesson.title[:200], summary=lesson.text[:1000],
        body=lesson.text if len(lesson.text) > 1000 else "", origins=origins,
        language=language, source=lesson.source[:120], source_label=lesson.source_label,
        source_url=lesson.source_url)
