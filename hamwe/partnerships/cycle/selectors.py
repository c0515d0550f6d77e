"""Reads about partnerships. Every one starts from the access rule in accounts."""

import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ..models import (
    Partnership,
    QualificationCheck,
    Review,
    ReviewValue,
    StageChange,
)


def latest_check(partnership):
    """The last qualification check run on the partnership, or None."""
    return (
        QualificationCheck.objects.filter(partnership=partnership).select_related("by").first()
    )


# --- The cycle: where a partnership stands, where it may go next, what is due ----------

REMINDER_WINDOW_DAYS = 14


def _names(policy):
    """Stage and phase names by key, for history rows whose keys the policy may have
    dropped since (they then show their key)."""
    stages = {s.key: s.name for s in policy.stages}
    phases = {(s.key, p.key): p.name for s in policy.stages for p in s.phases}
    return stages, phases


def cycle_track(*, policy, partnership):
    """The policy's stages as steps, each with its phases numbered through the cycle
    (1-12 in The Partnering Toolbook), marked as behind, current or ahead of where the
    partnership stands."""
    here = policy.stage_index(partnership.stage)
    track, number = [], 0
    for i, stage in enumerate(policy.stages):
        phases = []
        for phase in stage.phases:
            number += 1
            current = i == here and phase.key == partnership.phase
            phases.append({"phase": phase, "number": number, "current": current})
        state = "current" if i == here else ("behind" if i < here else "ahead")
        track.append({"stage": stage, "state": state, "phases": phases})
    return track


def stage_history(*, policy, partnership):
    """Every move in the partnership's cycle, oldest first, with the policy's names."""
    stages, phases = _names(policy)
    return [
        {
            "change": change,
            "from": stages.get(change.from_stage, change.from_stage),
            "to": stages.get(change.to_stage, change.to_stage),
            "phase": phases.get((change.to_stage, change.to_phase), change.to_phase),
        }
        for change in StageChange.objects.filter(partnership=partnership).select_related("by")
    ]


def move_value(stage, phase) -> str:
    """How a move's destination travels in a form: "stage-key/phase-key"."""
    return f"{stage.key}/{phase.key}"


def move_options(*, policy, partnership, gate):
    """Where the partnership may move from here, as the policy's cycle allows: another
    phase of its stage, the next stage once the gate (`services.gate_status`) is complete,
    or back to a stage the policy's loops allow (with a note).

    Returns the choices grouped for a <select>, the kind of each choice ("phase", "next",
    "loop"), and, when the next stage is closed, which stage and the gate items still open.
    """
    stages = policy.stages
    here = policy.stage_index(partnership.stage)
    groups, kinds, blocked = [], {}, None

    def add(label, kind, stage, phases):
        choices = [(move_value(stage, p), f"{stage.name} · {p.name}") for p in phases]
        if choices:
            groups.append((label, choices))
            kinds.update({value: kind for value, _label in choices})

    if here >= 0:
        stage = stages[here]
        others = [p for p in stage.phases if p.key != partnership.phase]
        add(_("Another phase of this stage"), "phase", stage, others)
    if here + 1 < len(stages):
        following = stages[here + 1]
        still_open = [g["item"].text for g in gate if not g["done"]]
        if still_open:
            blocked = {"stage": following, "open": still_open}
        else:
            add(_("Next stage"), "next", following, following.phases)
    for key in policy.loops_from(partnership.stage):
        target = policy.stage(key)
        if target is not None and policy.stage_index(key) < here:
            add(_("Back to %(stage)s (say why)") % {"stage": target.name}, "loop", target,
                target.phases)
    return {"groups": groups, "kinds": kinds, "blocked": blocked}


def review_suggestion(*, policy, partnership, review, options):
    """The next stage decision a review's recommendation suggests (METHODS.md §2):
    continue -> stay, or advance once the gate is complete; revise -> loop back; sustain
    -> the next stage; end -> the cycle's last phase (sustaining or terminating).

    Returns the advice, and the move to preselect when the cycle offers it now."""
    stages = policy.stages
    here = policy.stage_index(partnership.stage)
    following = stages[here + 1] if 0 <= here < len(stages) - 1 else None
    offered = options["kinds"]
    first_of_next = move_value(following, following.phases[0]) if following else ""
    recommendation = review.recommendation
    if recommendation == Review.Recommendation.CONTINUE:
        # Continuing as agreed moves nothing by itself: nothing is preselected.
        if following is None:
            text = _("Continue as agreed: stay in this stage.")
        elif first_of_next in offered:
            text = _(
                "Continue as agreed: stay in this stage, or move on to %(stage)s: its gate "
                "is complete."
            ) % {"stage": following.name}
        else:
            text = _(
                "Continue as agreed: stay in this stage, and move on to %(stage)s once "
                "its gate is complete."
            ) % {"stage": following.name}
        return {"text": text, "target": ""}
    if recommendation == Review.Recommendation.REVISE:
        loops = [v for v, kind in offered.items() if kind == "loop"]
        if not loops:
            return {
                "text": _(
                    "Revise the agreement: the policy's cycle does not loop back from this "
                    "stage, so revise it here or where the cycle loops back."
                ),
                "target": "",
            }
        names = [policy.stage(k).name for k in policy.loops_from(partnership.stage)
                 if policy.stage(k) is not None]
        return {
            "text": _(
                "Revise the agreement: go back (with a note saying why) to one of these "
                "stages: %(stages)s."
            ) % {"stages": ", ".join(names)},
            "target": loops[0],
        }
    if recommendation == Review.Recommendation.SUSTAIN:
        if following is None:
            return {"text": _("Sustain the outcomes: this is the cycle's last stage."),
                    "target": ""}
        if first_of_next not in offered:
            return {
                "text": _("Move on to %(stage)s once this stage's gate is complete.")
                % {"stage": following.name},
                "target": "",
            }
        return {"text": _("Move on to %(stage)s.") % {"stage": following.name},
                "target": first_of_next}
    last = stages[-1]
    end = move_value(last, last.phases[-1])
    return {
        "text": _(
            "End the partnership: move to %(phase)s (%(stage)s), one stage at a time and "
            "once each gate is complete."
        ) % {"phase": last.phases[-1].name, "stage": last.name},
        "target": end if end in offered else "",
    }


def checks_of(partnership):
    """The qualification checks run on the partnership, newest first, each with the
    review it was part of (if any)."""
    checks = list(QualificationCheck.objects.filter(partnership=partnership).select_related("by"))
    reviews = {
        r.qualification_id: r
        for r in Review.objects.filter(qualification__in=[c.pk for c in checks])
    }
    for check in checks:
        check.review = reviews.get(check.pk)
    return checks


def check_findings(check, questions):
    """The patterns a check found, each with the policy's text, label and remedy (a
    pattern the policy has dropped since shows its key)."""
    by_key = {q["key"]: q for q in questions}
    return [
        by_key.get(key, {"key": key, "question": "", "pattern": key, "label": key, "remedy": ""})
        for key in check.patterns_found
    ]


def reviews_of(partnership):
    """The partnership's reviews, newest first."""
    return Review.objects.filter(partnership=partnership).select_related("by")


def latest_review(partnership):
    return reviews_of(partnership).first()


def review_for_user(*, user, partnership_pk, pk) -> Review:
    return get_object_or_404(
        Review.objects.filter(partnership__in=Partnership.objects.visible_to(user))
        .select_related("partnership", "by", "qualification__by")
        .prefetch_related(
            Prefetch(
                "values",
                queryset=ReviewValue.objects.select_related("party__organisation").order_by(
                    "party_id"
                ),
            )
        ),
        partnership_id=partnership_pk,
        pk=pk,
    )


def reviews_due(*, today, within_days=REMINDER_WINDOW_DAYS):
    """Partnerships still running whose next review is within `within_days` or overdue,
    soonest first."""
    return (
        Partnership.objects.exclude(status=Partnership.Status.ENDED)
        .filter(next_review_on__lte=today + datetime.timedelta(days=within_days))
        .order_by("next_review_on", "title", "pk")
    )
