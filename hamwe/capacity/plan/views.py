"""The strengthening plan: the weakest criteria of a completed assessment proposed as
actions (home staff choose and adjust them), and each action's follow-up by its owner."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hamwe.accounts import access
from hamwe.accounts.decorators import role_required
from hamwe.core.pages import add_service_errors, apply_edit

from ..assessments.selectors import assessment_for_runner
from . import selectors, services
from .forms import ActionForm, GapForm


@role_required
@require_http_methods(["GET", "POST"])
def plan_from_gaps(request, pk):
    assessment = assessment_for_runner(user=request.user, pk=pk)
    gaps = services.gaps(assessment) if not assessment.is_open else []
    due = timezone.localdate() + datetime.timedelta(days=90)
    data = request.POST if request.method == "POST" else None
    for gap in gaps:
        key = gap["criterion"].key
        gap["form"] = GapForm(data, prefix=key, initial={
            "title": gap["aim_text"], "due_on": due})
    if request.method == "POST" and gaps and all(g["form"].is_valid() for g in gaps):
        chosen = [{"criterion": g["criterion"].key, **g["form"].cleaned_data}
                  for g in gaps if g["form"].cleaned_data["include"]]
        try:
            made = services.plan_from_gaps(assessment=assessment, choices=chosen,
                                           by=request.user)
        except ValidationError as error:
            add_service_errors(gaps[0]["form"], error)
        else:
            messages.success(request, _("%(count)s actions added to the strengthening plan.")
                             % {"count": len(made)})
            return redirect("capacity:detail", pk=pk)
    return render(request, "capacity/plan.html", {"assessment": assessment, "gaps": gaps})


@role_required
@require_http_methods(["GET", "POST"])
def action_edit(request, pk):
    action = selectors.action_for_user(user=request.user, pk=pk)
    may_edit = access.may_update_capacity_action(request.user, action)
    if request.method == "POST":
        action = selectors.action_for_editor(user=request.user, pk=pk)
        form = ActionForm(request.POST, instance=action)
        if form.is_valid():
            saved, form = apply_edit(
                request, form,
                lambda data, expected_version: services.action_update(
                    action=action, by=request.user, expected_version=expected_version, **data),
                success_message=_("The action is saved."),
                fresh_form=lambda current: ActionForm(instance=current))
            if saved:
                return redirect("capacity:action_edit", pk=pk)
    else:
        form = ActionForm(instance=action) if may_edit else None
    return render(request, "capacity/action.html", {"action": action, "form": form})
