"""What the cycle panel shows of a partnership, for the template tag that draws the panel
and for the views that redraw one gate item of it (htmx)."""

import datetime

from django.utils import timezone

from ..policy import current_policy
from . import selectors, services
from .forms import GateTickForm, StageMoveForm


def cycle_state(partnership, *, may_edit, bound=None, notice=""):
    """The panel's state. The caller has fetched `partnership` through the access helper,
    so whoever sees the page may read its cycle; forms are there for those the view found
    may edit it (`may_edit`, from `access.may_edit_partnership`). A refused form comes
    back bound, with its errors, in `bound` ("tick", "untick" or "move")."""
    bound = bound or {}
    policy = current_policy()
    gate = services.gate_status(partnership, policy=policy)
    options = selectors.move_options(policy=policy, partnership=partnership, gate=gate)
    # Errors of a refused tick or untick that no open item of the gate can show.
    gate_errors = []
    if may_edit:
        sent = bound.get("tick")
        for entry in gate:
            key = entry["item"].key
            if not entry["done"] and entry["by_hand"]:
                if sent is not None and sent.data.get("item") == key:
                    entry["form"], sent = sent, None
                else:
                    entry["form"] = GateTickForm(initial={"item": key},
                                                 auto_id=f"id_tick_{key}_%s")
        for form in (sent, bound.get("untick")):
            if form is not None:
                gate_errors += [e for errors in form.errors.values() for e in errors]
    reviews = list(selectors.reviews_of(partnership))
    today = timezone.localdate()
    next_review = partnership.next_review_on
    stage = policy.stage(partnership.stage)
    return {
        "stage": stage,
        "phase": next((p for p in getattr(stage, "phases", []) if p.key == partnership.phase),
                      None),
        "track": selectors.cycle_track(policy=policy, partnership=partnership),
        "gate": gate,
        "gate_complete": all(entry["done"] for entry in gate),
        "options": options,
        "history": selectors.stage_history(policy=policy, partnership=partnership),
        "review": reviews[0] if reviews else None,
        "earlier_reviews": reviews[1:],
        "next_review_on": next_review,
        "review_overdue": next_review is not None and next_review < today,
        "review_due_soon": next_review is not None
        and today <= next_review <= today + datetime.timedelta(
            days=selectors.REMINDER_WINDOW_DAYS
        ),
        "may_edit": may_edit,
        "move_form": bound.get("move") or (StageMoveForm(options=options) if may_edit else None),
        "gate_errors": gate_errors,
        "notice": notice,
    }


def gate_entry(state, key):
    """The entry of the gate item `key` in a panel state, or None."""
    return next((entry for entry in state["gate"] if entry["item"].key == key), None)
