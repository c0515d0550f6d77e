"""Pages of the score card's follow-up: the home NGO's self-evaluation, the interface
meeting and the joint action plan (with the previous round's open actions to follow up),
and appreciative inquiry.

Every read goes through `selectors_plan` (which starts from the access rule); home admins
and staff write (`access.may_run_scorecards`); a partner user updates the status of the
actions their organisation owns or shares (`access.may_update_action`). Every form
works without JavaScript.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hamwe.accounts import access
from hamwe.accounts.decorators import requires, role_required
from hamwe.core.pages import add_service_errors, apply_edit
from hamwe.core.registries import lessons_received

from ..models import InquiryItem
from ..rounds import selectors as rounds
from . import selectors, services
from .forms import (
    ActionForm,
    ActionStatusForm,
    CommitmentForm,
    InquiryForm,
    InquiryItemForm,
    MeetingForm,
    PropositionForm,
    SelfEvaluationForm,
)


def _plan_url(pk):
    return reverse("scorecards:plan", args=[pk])


# Self-evaluation (phase 3) ------------------------------------------------------------


@role_required
@require_http_methods(["GET", "POST"])
def self_evaluation(request, pk):
    """The home NGO scores itself on every indicator. Home users only: partners meet the
    self-scores at the interface meeting, through the results."""
    if not access.is_home(request.user):
        raise PermissionDenied
    round_ = rounds.round_for_user(user=request.user, pk=pk)
    may_edit = access.may_run_scorecards(request.user)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied
    indicators = round_.indicators.select_related("self_score")
    form = SelfEvaluationForm(
        request.POST if request.method == "POST" else None, round_=round_, indicators=indicators
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.self_evaluation_record(
                round_=round_, by=request.user, scores=form.scores()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The self-evaluation was saved."))
            return redirect("scorecards:self_evaluation", pk=pk)
    context = {"round": round_, "form": form, "may_edit": may_edit}
    return render(request, "scorecards/plan_self_evaluation.html", context)


# Interface meeting and joint action plan (phase 4) --------------------------------------


@role_required
@require_http_methods(["GET", "POST"])
def meeting_new(request, pk):
    round_ = rounds.round_for_manager(user=request.user, pk=pk)
    form = MeetingForm(request.POST or None, round_=round_)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_record(
                round_=round_,
                by=request.user,
                held_on=form.cleaned_data["held_on"],
                organisations=form.cleaned_data["organisations"],
                agreed=form.cleaned_data["agreed"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The interface meeting was recorded."))
            return redirect("scorecards:meeting_detail", pk=pk, meeting_pk=meeting.pk)
    return render(request, "scorecards/plan_meeting_form.html", {"round": round_, "form": form})


def _with_update_forms(request, actions, *, invited):
    """Mark each action the user may update and give it its status form."""
    for action in actions:
        action.overdue = selectors.is_overdue(action, timezone.localdate())
        sharing = selectors.action_parties(action, invited=invited.get(action.round_id))
        action.may_update = access.may_update_action(
            request.user, action, sharing_organisation_ids=sharing
        )
        if action.may_update:
            action.status_form = ActionStatusForm(instance=action, prefix=f"a{action.pk}")
    return actions


@role_required
@require_GET
def meeting_detail(request, pk, meeting_pk):
    meeting = selectors.meeting_for_user(user=request.user, round_pk=pk, pk=meeting_pk)
    round_ = meeting.round
    actions = list(
        selectors.plan_actions(round_=round_, user=request.user).filter(meeting=meeting)
    )
    for action in actions:
        action.overdue = selectors.is_overdue(action, timezone.localdate())
    context = {
        "round": round_,
        "meeting": meeting,
        "actions": actions,
        "may_edit": access.may_run_scorecards(request.user),
    }
    return render(request, "scorecards/plan_meeting_detail.html", context)


@role_required
@require_http_methods(["GET", "POST"])
def action_new(request, pk):
    round_ = rounds.round_for_manager(user=request.user, pk=pk)
    initial = {}
    meeting_pk = request.GET.get("meeting", "")
    if meeting_pk.isdigit() and round_.meetings.filter(pk=meeting_pk).exists():
        initial["meeting"] = int(meeting_pk)
    form = ActionForm(request.POST or None, round_=round_, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_add(round_=round_, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action was added to the plan."))
            return redirect(_plan_url(pk))
    return render(request, "scorecards/plan_action_form.html", {"round": round_, "form": form})


def _next_url(request, default):
    url = request.POST.get("next", "")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


@role_required
@require_http_methods(["GET", "POST"])
def action_edit(request, pk, action_pk):
    action = selectors.action_for_editor(user=request.user, round_pk=pk, pk=action_pk)
    prefix = f"a{action.pk}"
    form = ActionStatusForm(request.POST or None, instance=action, prefix=prefix)
    if request.method == "POST" and form.is_valid():
        saved, form = apply_edit(
            request,
            form,
            partial(services.action_update, action=action, by=request.user),
            success_message=_("The action was updated."),
            fresh_form=lambda current: ActionStatusForm(instance=current, prefix=prefix),
        )
        if saved:
            return redirect(_next_url(request, _plan_url(pk)))
    context = {
        "round": action.round,
        "action": action,
        "form": form,
        "overdue": selectors.is_overdue(action, timezone.localdate()),
    }
    return render(request, "scorecards/plan_action_edit.html", context)


@role_required
@require_GET
def plan(request, pk):
    """The joint action plan of a round, its completion, and the previous round's actions
    still open, to be followed up now."""
    round_ = rounds.round_for_user(user=request.user, pk=pk)
    today = timezone.localdate()
    invited = {round_.pk: selectors.invited_organisation_ids(round_)}
    actions = list(selectors.plan_actions(round_=round_, user=request.user))
    previous = list(
        selectors.actions_visible_to(
            selectors.open_actions_from_previous(round_), request.user
        )
    )
    if previous:
        invited[round_.previous_id] = selectors.invited_organisation_ids(previous[0].round)
    _with_update_forms(request, actions + previous, invited=invited)
    context = {
        "round": round_,
        "actions": actions,
        "previous_actions": previous,
        "completion": selectors.completion(actions, today=today),
        "meetings": selectors.meetings_of(round_=round_),
        "inquiries": selectors.inquiries_visible_to(request.user).filter(round=round_),
        "may_edit": access.may_run_scorecards(request.user),
        "is_home": access.is_home(request.user),
        "here": request.get_full_path(),
    }
    return render(request, "scorecards/plan_page.html", context)


# Appreciative inquiry (METHODS.md §4) --------------------------------------------------


@requires(access.may_run_scorecards)
@require_http_methods(["GET", "POST"])
def inquiry_new(request):
    form = InquiryForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.inquiry_create(
                by=request.user,
                held_on=form.cleaned_data["held_on"],
                topics=form.cleaned_data["topics"],
                organisations=form.cleaned_data["organisations"],
                round_=form.cleaned_data["round"],
            )
        except ValidationError as error:
            add_service_errors(form, error, {"round_": "round"})
        else:
            messages.success(request, _("The inquiry session was recorded."))
            return redirect("scorecards:inquiry_detail", inquiry_pk=session.pk)
    return render(request, "scorecards/inquiry_form.html", {"form": form})


STEP_INTRO = {
    InquiryItem.Step.DISCOVER: gettext_lazy("What gives life? The stories told in pairs."),
    InquiryItem.Step.DREAM: gettext_lazy("What might be?"),
    InquiryItem.Step.DESIGN: gettext_lazy(
        "Provocative propositions: what should be. One may become a score-card indicator."
    ),
    InquiryItem.Step.DELIVER: gettext_lazy(
        "Commitments, with who carries them. One may become an action."
    ),
}


def _inquiry_page(request, session, *, bound=None, status=200):
    """The inquiry with its four steps. `bound` holds a refused form to show again:
    ("add", step, form) or ("indicator"/"action", item pk, form)."""
    may_edit = access.may_run_scorecards(request.user)
    items = list(selectors.inquiry_items(session))
    steps = []
    for step, label in InquiryItem.Step.choices:
        step_items = [i for i in items if i.step == step]
        add_form = None
        if may_edit:
            add_form = InquiryItemForm(prefix=step)
            if bound and bound[0] == "add" and bound[1] == step:
                add_form = bound[2]
            for item in step_items:
                if step == InquiryItem.Step.DESIGN and not item.became_indicator_id:
                    item.convert_form = PropositionForm(prefix=f"i{item.pk}")
                elif step == InquiryItem.Step.DELIVER and not item.became_action_id:
                    item.convert_form = CommitmentForm(user=request.user, prefix=f"i{item.pk}")
                if bound and bound[0] in ("indicator", "action") and bound[1] == item.pk:
                    item.convert_form = bound[2]
        steps.append(
            {
                "key": step,
                "label": label,
                "intro": STEP_INTRO[step],
                "items": step_items,
                "add_form": add_form,
            }
        )
    context = {
        "inquiry": session,
        "topics": session.topics.splitlines(),
        "steps": steps,
        "may_edit": may_edit,
        # The step to the knowledge hub, where an app receives lessons.
        "offers_lessons": may_edit and lessons_received(),
    }
    return render(request, "scorecards/inquiry_detail.html", context, status=status)


@role_required
@require_GET
def inquiry_detail(request, inquiry_pk):
    session = selectors.inquiry_for_user(user=request.user, pk=inquiry_pk)
    return _inquiry_page(request, session)


def _inquiry_url(session, anchor):
    return reverse("scorecards:inquiry_detail", args=[session.pk]) + f"#{anchor}"


@role_required
@require_POST
def inquiry_item_add(request, inquiry_pk):
    session = selectors.inquiry_for_editor(user=request.user, pk=inquiry_pk)
    step = request.POST.get("step", "")
    prefix = step if step in InquiryItem.Step.values else None
    form = InquiryItemForm(request.POST, prefix=prefix)
    if prefix and form.is_valid():
        try:
            services.inquiry_item_add(
                session=session, by=request.user, step=step, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Added."))
            return redirect(_inquiry_url(session, step))
    if not prefix:
        messages.error(request, _("Choose a step."))
        return redirect(_inquiry_url(session, "steps"))
    return _inquiry_page(request, session, bound=("add", step, form), status=400)


@role_required
@require_POST
def proposition_to_indicator(request, inquiry_pk, item_pk):
    session = selectors.inquiry_for_editor(user=request.user, pk=inquiry_pk)
    item = selectors.inquiry_item_for(session=session, pk=item_pk)
    form = PropositionForm(request.POST, prefix=f"i{item.pk}")
    if form.is_valid():
        try:
            indicator = services.proposition_to_indicator(
                item=item, by=request.user, round_=form.cleaned_data["round"]
            )
        except ValidationError as error:
            add_service_errors(form, error, {"round_": "round"})
        else:
            messages.success(
                request,
                _("The proposition is now an indicator of %(round)s.")
                % {"round": indicator.round.title},
            )
            return redirect(_inquiry_url(session, InquiryItem.Step.DESIGN))
    return _inquiry_page(request, session, bound=("indicator", item.pk, form), status=400)


@role_required
@require_POST
def commitment_to_action(request, inquiry_pk, item_pk):
    session = selectors.inquiry_for_editor(user=request.user, pk=inquiry_pk)
    item = selectors.inquiry_item_for(session=session, pk=item_pk)
    form = CommitmentForm(request.POST, user=request.user, prefix=f"i{item.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            action = services.commitment_to_action(
                item=item,
                by=request.user,
                round_=data["round"],
                owner=data["owner"],
                owner_organisation=data["owner_organisation"],
                due_on=data["due_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error, {"round_": "round"})
        else:
            messages.success(
                request,
                _("The commitment is now an action of the plan of %(round)s.")
                % {"round": action.round.title},
            )
            return redirect(_inquiry_url(session, InquiryItem.Step.DELIVER))
    return _inquiry_page(request, session, bound=("action", item.pk, form), status=400)


@role_required
@require_POST
def proposition_to_knowledge(request, inquiry_pk, item_pk):
    """A proposition becomes a draft knowledge item in one step."""
    session = selectors.inquiry_for_editor(user=request.user, pk=inquiry_pk)
    item = selectors.inquiry_item_for(session=session, pk=item_pk)
    if not lessons_received():
        raise Http404
    try:
        url = services.proposition_to_lesson(
            item=item, by=request.user, language=translation.get_language() or "en",
            source_url=_inquiry_url(session, f"item-{item.pk}"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_inquiry_url(session, InquiryItem.Step.DESIGN))
    messages.success(request, _("The proposition is now a draft knowledge item."))
    return redirect(url)
