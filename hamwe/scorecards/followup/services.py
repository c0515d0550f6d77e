"""Writes of the score card's follow-up (METHODS.md §1 phases 3-5, §4): the home NGO's
self-evaluation, interface meetings, the joint action plan and its reminders, and
appreciative inquiry. Callers have asked `selectors_plan` / `access` who may write."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hamwe.core.records import save_as, update_versioned
from hamwe.core.registries import Lesson, offer_lesson

from ..models import (
    Action,
    Indicator,
    InquiryItem,
    InquirySession,
    InterfaceMeeting,
)
from ..rounds import services as rounds
from . import selectors


@transaction.atomic
def self_evaluation_record(*, round_, by, scores) -> None:
    """The home NGO's own score on indicators of the round, all or none.
    `scores`: [{"indicator": Indicator, "score": n, "reason": ""}]."""
    for item in scores:
        if item["indicator"].round_id != round_.pk:
            raise ValidationError(_("An indicator of another round was scored."))
        rounds.self_score_set(
            indicator=item["indicator"],
            by=by,
            score=item["score"],
            reason=item.get("reason", "").strip(),
        )


def _check_invited(round_, organisations, *, field):
    invited = selectors.invited_organisation_ids(round_)
    if any(o.pk not in invited for o in organisations):
        raise ValidationError({field: _("Choose among the organisations invited to this round.")})


@transaction.atomic
def meeting_record(*, round_, by, held_on, organisations, agreed) -> InterfaceMeeting:
    organisations = list(organisations)
    if not organisations:
        raise ValidationError({"organisations": _("Name at least one organisation present.")})
    _check_invited(round_, organisations, field="organisations")
    meeting = save_as(
        InterfaceMeeting(round=round_, held_on=held_on, agreed=agreed.strip()), by=by
    )
    meeting.organisations.set(organisations)
    return meeting


@transaction.atomic
def action_add(
    *, round_, by, text, owner, due_on, owner_organisation=None, indicator=None, meeting=None
) -> Action:
    # Who owns a partner's action is the model's rule; that it is invited, the round's.
    if owner == Action.Owner.PARTNER and owner_organisation is not None:
        _check_invited(round_, [owner_organisation], field="owner_organisation")
    if indicator is not None and indicator.round_id != round_.pk:
        raise ValidationError({"indicator": _("Choose an indicator of this round.")})
    if meeting is not None and meeting.round_id != round_.pk:
        raise ValidationError({"meeting": _("Choose a meeting of this round.")})
    action = Action(
        round=round_,
        meeting=meeting,
        indicator=indicator,
        text=text.strip(),
        owner=owner,
        owner_organisation=owner_organisation,
        due_on=due_on,
    )
    return save_as(action, by=by)


def action_update(*, action, by, data, expected_version) -> Action:
    """Status and follow-up: what those who carry an action out keep up to date."""
    changes = {"status": data["status"], "follow_up": data.get("follow_up", "").strip()}
    if changes["status"] not in Action.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    return update_versioned(action, by=by, expected_version=expected_version, changes=changes)


@transaction.atomic
def inquiry_create(*, by, held_on, topics, organisations, round_=None) -> InquirySession:
    topics = "\n".join(line.strip() for line in topics.splitlines() if line.strip())
    if not topics:
        raise ValidationError({"topics": _("Name at least one affirmative topic.")})
    session = save_as(InquirySession(round=round_, held_on=held_on, topics=topics), by=by)
    session.organisations.set(organisations)
    return session


def inquiry_item_add(*, session, by, step, text) -> InquiryItem:
    return save_as(InquiryItem(session=session, step=step, text=text.strip()), by=by)


def _unique_key(round_, text):
    base = slugify(text)[:60].strip("-") or "inquiry"
    taken = set(round_.indicators.values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def proposition_to_indicator(*, item, by, round_) -> Indicator:
    """A design proposition becomes an indicator of a draft round (METHODS.md §4)."""
    item = InquiryItem.objects.select_for_update().get(pk=item.pk)
    if item.step != InquiryItem.Step.DESIGN:
        raise ValidationError(_("Only a proposition (design) can become an indicator."))
    if item.became_indicator_id is not None:
        raise ValidationError(_("This proposition is already an indicator."))
    indicator = rounds.indicator_add(
        round_=round_,
        by=by,
        key=_unique_key(round_, item.text),
        text=item.text[:400],
        source=Indicator.Source.INQUIRY,
    )
    item.became_indicator = indicator
    save_as(item, by=by, update_fields=["became_indicator"])
    return indicator


@transaction.atomic
def commitment_to_action(*, item, by, round_, owner, due_on, owner_organisation=None) -> Action:
    """A deliver commitment becomes an action of a round's joint plan."""
    item = InquiryItem.objects.select_for_update().get(pk=item.pk)
    if item.step != InquiryItem.Step.DELIVER:
        raise ValidationError(_("Only a commitment (deliver) can become an action."))
    if item.became_action_id is not None:
        raise ValidationError(_("This commitment is already an action."))
    action = action_add(
        round_=round_,
        by=by,
        text=item.text[:400],
        owner=owner,
        due_on=due_on,
        owner_organisation=owner_organisation,
    )
    item.became_action = action
    save_as(item, by=by, update_fields=["became_action"])
    return action


def proposition_to_lesson(*, item, by, language, source_url="") -> str:
    """A design proposition offered to the knowledge hub as a draft lesson of the
    organisations present (through the registry: score cards never import knowledge).
    Offered once (the receiver refuses a second time). Returns the new item's page."""
    if item.step != InquiryItem.Step.DESIGN:
        raise ValidationError(_("Only a proposition (design) can become a knowledge item."))
    session = item.session
    held_on = session.held_on.isoformat()
    return offer_lesson(Lesson(
        title=item.text[:200],
        text=item.text,
        organisation_ids=tuple(session.organisations.values_list("pk", flat=True)),
        language=language,
        source=f"inquiry-item:{item.pk}",
        source_label=_("Appreciative inquiry of %(date)s") % {"date": held_on},
        source_url=source_url,
    ), by=by)
