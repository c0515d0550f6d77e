"""Reads of the knowledge hub. Every lookup starts from the access rule.

Who sees what:
- home users read every item, adoption, use and event; home admins and staff change them;
- a partner user reads the items its organisation originates (its drafts too) and the
  published items shared with it (all partners, public, or its organisation chosen);
  never another partner's internal item or draft. It edits its own drafts;
- an adoption is read by the adopter and the item's origin organisations;
- a learning event is read by the organisations that took part.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery, Sum

from hamwe.accounts import access
from hamwe.core.records import one_or_404

from .models import Adoption, Item, LearningEvent, Participation, Use


def items_visible_to(user):
    return Item.objects.visible_to(user)


def item_for_user(*, user, pk) -> Item:
    return one_or_404(
        items_visible_to(user).select_related("documented_by", "event").prefetch_related(
            "origins", "shared_with", "thematic_areas", "programme_models", "provinces",
            "attachments"),
        pk=pk)


def origin_ids(item) -> set[int]:
    return {o.pk for o in item.origins.all()}


def item_for_editor(*, user, pk) -> Item:
    """An item the user may change: 404 when unreadable, 403 when only readable."""
    item = item_for_user(user=user, pk=pk)
    if not access.may_edit_item(user, origin_ids(item), draft=item.is_draft):
        raise PermissionDenied
    return item


def item_for_publisher(*, user, pk) -> Item:
    item = item_for_user(user=user, pk=pk)
    if not access.may_publish_knowledge(user):
        raise PermissionDenied
    return item


def attachment_for_user(*, user, item_pk, pk):
    item = item_for_user(user=user, pk=item_pk)
    return one_or_404(item.attachments.all(), pk=pk)


def adoptions_visible_to(user):
    return Adoption.objects.visible_to(user)


def adoptions_of(*, item, user):
    return adoptions_visible_to(user).filter(item=item).select_related(
        "organisation", "recorded_by", "confirmed_by")


def adoption_for_user(*, user, item_pk, pk) -> Adoption:
    return one_or_404(adoptions_visible_to(user).select_related("item", "organisation"),
                      item_id=item_pk, pk=pk)


def adoption_for_confirmer(*, user, item_pk, pk) -> Adoption:
    adoption = adoption_for_user(user=user, item_pk=item_pk, pk=pk)
    origins = set(adoption.item.origins.values_list("pk", flat=True))
    if not access.may_confirm_adoption(user, adoption, origins):
        raise PermissionDenied
    return adoption


def adoptions_to_confirm(user):
    """Adoptions waiting for the user's side to confirm them (one query)."""
    waiting = adoptions_visible_to(user).filter(confirmed_on__isnull=True).exclude(
        recorded_by=user)
    if access.is_home_editor(user):
        return waiting.select_related("item", "organisation")
    if not access.is_partner(user):
        return Adoption.objects.none()
    mine = Q(recorded_by_adopter=False, organisation=user.organisation_id)
    theirs = Q(recorded_by_adopter=True, item__origins=user.organisation_id) & ~Q(
        organisation=user.organisation_id)
    return waiting.filter(mine | theirs).distinct().select_related("item", "organisation")


def uses_of(*, item, user):
    return Use.objects.visible_to(user).filter(item=item).select_related("user")


def users_using_knowledge(start, end) -> set[int]:
    """Ids of the users who, between `start` and `end` (dates, both included), recorded a
    use of an item (consulted or used it) or documented one: what the strategy's measure
    of knowledge use by key positions counts (one query)."""
    used = Use.objects.filter(on__gte=start, on__lte=end).order_by().values_list(
        "user_id", flat=True)
    documented = Item.objects.filter(
        created_at__date__gte=start, created_at__date__lte=end, documented_by__isnull=False
    ).order_by().values_list("documented_by_id", flat=True)
    return set(used.union(documented))


def drafts_to_publish(user):
    if not access.may_publish_knowledge(user):
        return Item.objects.none()
    return Item.objects.filter(published_on__isnull=True).order_by("created_at", "pk")


def events_visible_to(user):
    return access.scope(LearningEvent.objects.all(), user, via="organisations")


def events_for_list(user):
    return events_visible_to(user).annotate(
        organisations_count=Count("participations", distinct=True),
        items_count=Count("items", distinct=True))


def event_for_user(*, user, pk) -> LearningEvent:
    participations = Prefetch("participations", queryset=Participation.objects.select_related(
        "organisation").order_by("-organisation__is_home", "organisation__name", "pk"))
    return one_or_404(events_visible_to(user).prefetch_related(participations), pk=pk)


def event_for_organiser(*, user, pk) -> LearningEvent:
    """An event whose participants `user` may correct: those who record events."""
    event = event_for_user(user=user, pk=pk)
    if not access.may_publish_knowledge(user):
        raise PermissionDenied
    return event


def event_items(*, event, user):
    return items_visible_to(user).filter(event=event).for_list()


def annual_event(*, on_or_before, user):
    """The latest annual learning event held on or before a day (the strategy's yearly
    event with partners, where best practices and remaining challenges are discussed and
    documented), with how many organisations and people took part and how many items it
    documented, and `visible`: whether `user` may open it (its participants and the home
    organisation may). None when none was held. One query."""
    visible = events_visible_to(user).filter(pk=OuterRef("pk"))
    return (
        LearningEvent.objects.filter(kind=LearningEvent.Kind.ANNUAL,
                                     held_on__lte=on_or_before)
        .annotate(
            organisations_count=Count("participations", distinct=True),
            people_count=Subquery(
                Participation.objects.filter(event=OuterRef("pk")).order_by()
                .values("event").annotate(n=Sum("people")).values("n")),
            items_count=Count("items", distinct=True),
            visible=Exists(visible),
        )
        .order_by("-held_on", "-pk")
        .first()
    )


PUBLIC_PAGE = 15


def public_items(*, page=1):
    """Success stories and toolkits marked public, newest first, a page of the public
    page at a time (and whether there are more)."""
    start = (page - 1) * PUBLIC_PAGE
    items = list(Item.objects.public().filter(kind__in=[Item.Kind.STORY, Item.Kind.TOOLKIT])
                 .prefetch_related("origins").order_by("-published_on", "-pk")
                 [start:start + PUBLIC_PAGE + 1])
    return items[:PUBLIC_PAGE], len(items) > PUBLIC_PAGE


def public_origin_names(item) -> list[str]:
    """The origin organisations a public page names: none when the item asks not to."""
    if not item.name_origins:
        return []
    return [o.acronym or o.name for o in item.origins.all()]


def organisation_items(*, organisation, user):
    return items_visible_to(user).filter(origins=organisation).for_list()


def today():
    return datetime.date.today()
