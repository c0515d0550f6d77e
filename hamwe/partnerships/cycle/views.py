"""Pages of the partnership cycle: "is this a partnership?", the stage gates, moves
through the cycle, and reviews. Everyone who may see a partnership reads them; home
admins and staff act (`access.may_edit_partnership`). Every form works without JavaScript; with
htmx, a tick or untick redraws only its gate item (and the move form when the gate's
completeness changes), so what is typed in the other items stays; a move reloads the
page."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import (
    HttpResponseClientRedirect,
    HttpResponseClientRefresh,
    reswap,
    retarget,
)

from hamwe.accounts import access
from hamwe.accounts.decorators import role_required
from hamwe.core.pages import add_service_errors

from ..policy import current_policy
from ..records import selectors as records
from . import panel, selectors, services
from .forms import (
    GateTickForm,
    GateUntickForm,
    QualificationForm,
    ReviewForm,
    ReviewValueFormSet,
    StageMoveForm,
)

PANEL = "partnerships/_cycle_panel.html"
GATE_ITEM = "partnerships/_gate_item_swap.html"


def _move_options(partnership, policy):
    gate = services.gate_status(partnership, policy=policy)
    return selectors.move_options(policy=policy, partnership=partnership, gate=gate)


def _panel_url(partnership):
    return reverse("partnerships:detail", args=[partnership.pk]) + "#cycle"


def _done(request, partnership, message, *, whole_page=False, item=None, moves=None):
    """After a change made from the cycle panel: back to the partnership's page, or with
    htmx, what changed as it is now: the gate item `item` alone (so that what is typed in
    the others stays), with the move form when the gate's completeness may have changed
    (`moves(state)` says), else the panel. A change that shows elsewhere on the page too
    (the stage) reloads the whole page."""
    if request.htmx and not whole_page:
        fresh = records.partnership_for_user(user=request.user, pk=partnership.pk, whole=True)
        may_edit = access.may_edit_partnership(request.user, fresh)
        if item is not None:
            state = panel.cycle_state(fresh, may_edit=may_edit)
            entry = panel.gate_entry(state, item)
            if entry is not None:
                return render(request, GATE_ITEM, {
                    "partnership": fresh, "cycle": state, "entry": entry, "notice": message,
                    "move_changed": moves is not None and moves(state),
                })
        return render(request, PANEL, {
            "partnership": fresh, "cycle_notice": message, "may_edit": may_edit,
        })
    messages.success(request, message)
    if request.htmx:
        # A redirect to the page the browser is already on, "#cycle" added, would only
        # scroll to the panel (browsers do not reload for a new fragment): reload instead.
        if urlsplit(request.htmx.current_url or "").path == urlsplit(_panel_url(partnership)).path:
            return HttpResponseClientRefresh()
        return HttpResponseClientRedirect(_panel_url(partnership))
    return redirect(_panel_url(partnership))


def _refused(request, partnership, **bound):
    """A cycle form that was refused: with htmx, the gate item whose own form it is (a
    tick without evidence), else the panel, with the form as sent and why; without, the
    panel on a page of its own."""
    may_edit = access.may_edit_partnership(request.user, partnership)
    if request.htmx and "tick" in bound:
        state = panel.cycle_state(partnership, may_edit=may_edit, bound=bound)
        entry = panel.gate_entry(state, bound["tick"].data.get("item"))
        if entry is not None and entry.get("form") is bound["tick"]:
            return render(request, GATE_ITEM, {
                "partnership": partnership, "cycle": state, "entry": entry})
    context = {"partnership": partnership, "cycle_bound": bound, "may_edit": may_edit}
    if request.htmx:
        # The form sent was for an item the gate no longer shows open (a stale page):
        # the whole panel, as it is now.
        return reswap(retarget(render(request, PANEL, context), "#cycle"), "outerHTML")
    return render(request, "partnerships/cycle_page.html", context)


@role_required
@require_GET
def cycle(request, pk):
    """The cycle panel on a page of its own (where refused forms are shown again)."""
    partnership = records.partnership_for_user(user=request.user, pk=pk, whole=True)
    return render(request, "partnerships/cycle_page.html", {
        "partnership": partnership,
        "may_edit": access.may_edit_partnership(request.user, partnership),
    })


@role_required
@require_http_methods(["GET", "POST"])
def qualify(request, pk):
    partnership = records.partnership_for_user(user=request.user, pk=pk, whole=True)
    may_edit = access.may_edit_partnership(request.user, partnership)
    questions = services.qualification_questions()
    form = None
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        form = QualificationForm(request.POST, questions=questions)
        if form.is_valid():
            try:
                check = services.qualification_run(
                    partnership=partnership, by=request.user, answers=form.answers()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if check.is_partnership:
                    messages.success(request, _("Checked: this is a partnership."))
                else:
                    messages.warning(request, _("Checked: this is not a partnership."))
                return redirect(reverse("partnerships:qualify", args=[pk]) + "#result")
    checks = selectors.checks_of(partnership)
    for past in checks:
        past.findings = selectors.check_findings(past, questions)
    latest = checks[0] if checks else None
    if form is None and may_edit:
        initial = QualificationForm.initial_from(latest)
        form = QualificationForm(questions=questions, initial=initial)
    context = {
        "partnership": partnership,
        "form": form,
        "questions": questions,
        "checks": checks,
        "latest": latest,
        "findings": latest.findings if latest else [],
    }
    return render(request, "partnerships/cycle_qualify.html", context)


@role_required
@require_POST
def gate_tick(request, pk):
    partnership = records.partnership_for_editor(user=request.user, pk=pk, whole=True)
    form = GateTickForm(request.POST)
    if form.is_valid():
        try:
            services.gate_tick(
                partnership=partnership,
                by=request.user,
                item=form.cleaned_data["item"],
                evidence=form.cleaned_data["evidence"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # A tick may complete the gate: the move form then offers the next stage.
            return _done(request, partnership, _("Ticked."), item=form.cleaned_data["item"],
                         moves=lambda state: state["gate_complete"])
    return _refused(request, partnership, tick=form)


@role_required
@require_POST
def gate_untick(request, pk):
    partnership = records.partnership_for_editor(user=request.user, pk=pk, whole=True)
    form = GateUntickForm(request.POST)
    if not form.is_valid():
        return _refused(request, partnership, untick=form)
    item = form.cleaned_data["item"]
    services.gate_untick(partnership=partnership, by=request.user, item=item)
    # An untick reopens a complete gate when every other item is done.
    return _done(request, partnership, _("The tick was removed."), item=item,
                 moves=lambda state: all(e["done"] for e in state["gate"]
                                         if e["item"].key != item))


@role_required
@require_POST
def stage_move(request, pk):
    partnership = records.partnership_for_editor(user=request.user, pk=pk, whole=True)
    policy = current_policy()
    options = _move_options(partnership, policy)
    form = StageMoveForm(request.POST, options=options)
    if form.is_valid():
        to_stage, to_phase = form.cleaned_data["target"]
        try:
            services.stage_move(
                partnership=partnership,
                by=request.user,
                to_stage=to_stage,
                to_phase=to_phase,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error, {"to_stage": "target", "to_phase": "target"})
        else:
            stage = policy.stage(to_stage)
            phase = next(p for p in stage.phases if p.key == to_phase)
            return _done(
                request,
                partnership,
                _("Moved to %(stage)s · %(phase)s.") % {"stage": stage.name, "phase": phase.name},
                whole_page=True,
            )
    return _refused(request, partnership, move=form)


@role_required
@require_http_methods(["GET", "POST"])
def review_new(request, pk):
    partnership = records.partnership_for_editor(user=request.user, pk=pk, whole=True)
    policy = current_policy()
    questions = services.qualification_questions()
    data = request.POST if request.method == "POST" else None
    form = ReviewForm(data, principles=policy.principles, initial={"held_on": timezone.localdate()})
    values = ReviewValueFormSet(data, parties=partnership.parties.all(), prefix="value")
    check = QualificationForm(
        data,
        questions=questions,
        prefix="q",
        initial=QualificationForm.initial_from(selectors.latest_check(partnership)),
    )
    if data is not None and all([form.is_valid(), values.is_valid(), check.is_valid()]):
        try:
            review = services.review_record(
                partnership=partnership,
                by=request.user,
                data=form.review_data(),
                values=values.values(),
                answers=check.answers(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The review was recorded."))
            return redirect("partnerships:review_detail", pk=partnership.pk, review_pk=review.pk)
    context = {
        "partnership": partnership,
        "form": form,
        "values": values,
        "value_forms": list(zip(values.forms, values.parties, strict=False)),
        "check": check,
    }
    return render(request, "partnerships/cycle_review_form.html", context)


@role_required
@require_GET
def review_detail(request, pk, review_pk):
    review = selectors.review_for_user(user=request.user, partnership_pk=pk, pk=review_pk)
    partnership = records.partnership_for_user(user=request.user, pk=pk, whole=True)
    policy = current_policy()
    questions = services.qualification_questions()
    known = {p.key for p in policy.principles}
    ratings = [(p.name, p.text, review.principle_ratings.get(p.key)) for p in policy.principles]
    ratings += [(key, "", r) for key, r in review.principle_ratings.items() if key not in known]
    context = {
        "partnership": partnership,
        "review": review,
        "ratings": ratings,
        "findings": (
            selectors.check_findings(review.qualification, questions)
            if review.qualification
            else []
        ),
        "is_latest": selectors.latest_review(partnership) == review,
        "may_edit": access.may_edit_partnership(request.user, partnership),
    }
    if context["is_latest"]:
        options = _move_options(partnership, policy)
        suggestion = selectors.review_suggestion(
            policy=policy, partnership=partnership, review=review, options=options
        )
        context["suggestion"] = suggestion
        if context["may_edit"]:
            context["move_form"] = StageMoveForm(
                options=options, initial={"target": suggestion["target"]}
            )
            context["move_blocked"] = options["blocked"]
    return render(request, "partnerships/cycle_review_detail.html", context)
