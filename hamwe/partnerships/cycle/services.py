"""Writes about partnerships: named, keyword-only, atomic. The caller has asked
`accounts.access` (through `selectors.may_*`) whether `by` may make them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamwe.core.records import save_as, update_versioned
from hamwe.policy import facts

from ..models import (
    GateTick,
    Partnership,
    QualificationCheck,
    Review,
    ReviewValue,
    StageChange,
)
from ..policy import current_policy

REVIEW_INTERVAL_DAYS = 180


def qualification_questions():
    """The questionnaire, generated from the policy's non-partnership patterns."""
    return [
        {
            "key": p.key,
            "question": p.question,
            "pattern": p.text,
            "label": p.label,
            "remedy": p.remedy,
        }
        for p in current_policy().non_partnerships
    ]


@transaction.atomic
def qualification_run(*, partnership, by, answers, occasion="record") -> QualificationCheck:
    """Is this a partnership? `answers` maps each pattern key to True when the pattern
    is present. Any pattern present makes it "not a partnership, because ..."."""
    questions = qualification_questions()
    missing = [q["key"] for q in questions if q["key"] not in answers]
    if missing:
        raise ValidationError(_("Answer every question (%(keys)s).") % {"keys": ", ".join(missing)})
    found = [q["key"] for q in questions if answers[q["key"]]]
    check = QualificationCheck.objects.create(
        partnership=partnership,
        answers={q["key"]: bool(answers[q["key"]]) for q in questions},
        is_partnership=not found,
        patterns_found=found,
        occasion=occasion,
        by=by,
    )
    labels = [q["label"] for q in questions if q["key"] in found]
    Partnership.objects.filter(pk=partnership.pk).update(
        is_partnership=not found, relationship_label="; ".join(labels)
    )
    partnership.is_partnership, partnership.relationship_label = not found, "; ".join(labels)
    return check


def gate_status(partnership, stage_key=None, *, policy=None):
    """The gate checklist of a stage, one entry per item: `item`, `done`, `tick` (the hand
    tick, or None), and for an item bound to a fact (`fact`: its catalogue entry) that the
    record establishes, `finding` (what the record shows, read now) with `by_hand` False.
    An item bound to a fact no module establishes yet is ticked by hand. `policy`: the
    live policy when the caller has it already."""
    policy = policy or current_policy()
    stage = policy.stage(stage_key or partnership.stage)
    if stage is None:
        return []
    ticks = {t.item: t for t in partnership.gate_ticks.filter(stage=stage.key).select_related("by")}
    findings, entries = {}, []
    for item in stage.gate:
        tick = ticks.get(item.key)
        entry = {"item": item, "tick": tick, "done": tick is not None, "by_hand": True,
                 "fact": facts.CATALOGUE.get(item.fact) if item.fact else None,
                 "finding": None}
        if item.fact and facts.is_established_by_record(item.fact):
            if item.fact not in findings:
                findings[item.fact] = facts.establish(
                    item.fact, partnership, stage=stage.key, pack=policy.pack)
            finding = findings[item.fact]
            # The record decides: a hand tick made before the item was bound counts for
            # nothing.
            entry.update(tick=None, done=finding.holds, by_hand=False, finding=finding)
        entries.append(entry)
    return entries


@transaction.atomic
def gate_tick(*, partnership, by, item, evidence) -> GateTick:
    policy = current_policy()
    stage = policy.stage(partnership.stage)
    gate_item = next((g for g in stage.gate if g.key == item), None) if stage else None
    if gate_item is None:
        raise ValidationError({"item": _("This item is not on the current stage's gate.")})
    if gate_item.fact and facts.is_established_by_record(gate_item.fact):
        raise ValidationError({"item": _(
            "This item is ticked by the record itself, once %(until)s; it cannot be ticked "
            "by hand."
        ) % {"until": facts.CATALOGUE[gate_item.fact].until}})
    if not evidence.strip():
        raise ValidationError({"evidence": _("Say what shows this is done.")})
    # A re-tick (new evidence) says who ticked it last and when: auto_now_add alone would
    # keep the first tick's time.
    tick, _created = GateTick.objects.update_or_create(
        partnership=partnership,
        stage=stage.key,
        item=item,
        defaults={"evidence": evidence.strip(), "by": by, "at": timezone.now()},
    )
    return tick


@transaction.atomic
def gate_untick(*, partnership, by, item) -> None:
    GateTick.objects.filter(partnership=partnership, stage=partnership.stage, item=item).delete()


@transaction.atomic
def stage_move(*, partnership, by, to_stage, to_phase="", note="") -> StageChange:
    """Move to another phase of the stage, to the next stage once its gate is complete,
    or back to a stage the policy's loops allow (revising goes back to planning)."""
    policy = current_policy()
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    here, there = policy.stage_index(partnership.stage), policy.stage_index(to_stage)
    target = policy.stage(to_stage)
    if target is None:
        raise ValidationError({"to_stage": _("No such stage in the policy's cycle.")})
    phases = [p.key for p in target.phases]
    to_phase = to_phase or phases[0]
    if to_phase not in phases:
        raise ValidationError({"to_phase": _("No such phase in this stage.")})
    if (to_stage, to_phase) == (partnership.stage, partnership.phase):
        raise ValidationError({"to_phase": _("The partnership is already at this phase.")})
    if there == here + 1:
        open_items = [
            g["item"].text for g in gate_status(partnership, policy=policy) if not g["done"]
        ]
        if open_items:
            raise ValidationError(
                _("The gate of this stage is not complete: %(items)s")
                % {"items": "; ".join(item.rstrip(".") for item in open_items)}
            )
    elif there < here:
        if to_stage not in policy.loops_from(partnership.stage):
            raise ValidationError(
                {"to_stage": _("The policy's cycle does not loop back from here to there.")}
            )
        if not note.strip():
            raise ValidationError({"note": _("Say why the partnership goes back.")})
    elif there != here:
        raise ValidationError({"to_stage": _("Stages are taken one at a time.")})
    change = StageChange.objects.create(
        partnership=partnership,
        from_stage=partnership.stage,
        to_stage=to_stage,
        to_phase=to_phase,
        note=note.strip(),
        by=by,
    )
    updates = {"stage": to_stage, "phase": to_phase}
    if there > 0 and partnership.status == Partnership.Status.PROPOSED:
        updates["status"] = Partnership.Status.ACTIVE
    update_versioned(
        partnership, by=by, expected_version=partnership.version, changes=updates, reason=note
    )
    return change


def _rating(value) -> bool:
    """A rating on the 1-5 scale (not a bool, which int() would take for 0 or 1)."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5


@transaction.atomic
def review_record(*, partnership, by, data, values, answers) -> Review:
    """A partnership review: re-runs the qualification check, records each party's
    value against what it expected and each principle's rating, and sets the next
    review date."""
    principles = {p.key for p in current_policy().principles}
    ratings = data.get("principle_ratings", {})
    if set(ratings) != principles or not all(_rating(r) for r in ratings.values()):
        raise ValidationError({"principle_ratings": _("Rate every principle from 1 to 5.")})
    if any(v["party"].partnership_id != partnership.pk for v in values):
        raise ValidationError(_("Rate the value to this partnership's own parties."))
    if not all(_rating(v["rating"]) for v in values):
        raise ValidationError(_("Rate each party's value from 1 to 5."))
    review = Review(partnership=partnership, by=by, **data)
    review.full_clean()  # before the check is run: a refused review leaves no check behind
    review.qualification = qualification_run(partnership=partnership, by=by, answers=answers,
                                             occasion="review")
    save_as(review, by=by)
    for value in values:
        ReviewValue.objects.create(review=review, **value)
    next_review = review.held_on + datetime.timedelta(days=REVIEW_INTERVAL_DAYS)
    current = Partnership.objects.get(pk=partnership.pk)
    update_versioned(
        current, by=by, expected_version=current.version, changes={"next_review_on": next_review}
    )
    return review
