"""Assessments: the list, starting one, the score sheet answered criterion by criterion
(one small form per criterion and side, saved on its own so a dropped connection loses
one answer at most; htmx swaps the criterion in place, and without JavaScript each form
posts and comes back), the partner's submission, completion and the XLSX export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hamwe.accounts import access
from hamwe.accounts.decorators import role_required
from hamwe.core.pages import add_service_errors
from hamwe.core.records import EditConflict
from hamwe.core.spreadsheets import xlsx_response
from hamwe.partners.models import Organisation

from ..framework import framework_of
from ..models import Assessment, Score
from ..plan.selectors import actions_of
from ..results.radar import results_radar
from ..results.selectors import assessment_results
from . import selectors, services
from .forms import ScoreForm, StartForm

PAGE_SIZE = 50
SIDES = (Score.Side.SELF, Score.Side.FACILITATOR, Score.Side.AGREED)


@role_required
def assessment_list(request):
    """Assessments the user may read, newest first; `?organisation=` narrows to one
    partner. Queries: the count and one page (with the partner's name)."""
    qs = selectors.assessments_for_user(request.user)
    organisation = request.GET.get("organisation", "")
    if organisation.isdigit() and len(organisation) < 19:
        qs = qs.filter(organisation_id=int(organisation))
    page = Paginator(qs.order_by("-assessed_on", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "capacity/list.html", {
        "page": page, "assessments": page.object_list,
        "may_start": access.may_run_assessments(request.user) or access.is_partner(request.user),
    })


def _start_form(request, data=None):
    user = request.user
    if access.may_run_assessments(user):
        organisations = Organisation.objects.filter(is_home=False).order_by("name")
        modes = Assessment.Mode.values
    else:
        organisations = Organisation.objects.filter(pk=user.organisation_id, is_home=False)
        modes = [Assessment.Mode.SELF, Assessment.Mode.MUTUAL]
    initial = {"assessed_on": timezone.localdate(), "kind": Assessment.Kind.BASELINE,
               "mode": modes[0] if len(modes) < 3 else Assessment.Mode.FACILITATED}
    wanted = request.GET.get("organisation", "")
    if wanted.isdigit() and len(wanted) < 19:
        initial["organisation"] = int(wanted)
    elif not access.may_run_assessments(user):
        initial["organisation"] = user.organisation_id
    return StartForm(data, organisations=organisations, modes=modes, initial=initial)


@role_required
@require_http_methods(["GET", "POST"])
def assessment_new(request):
    if not (access.may_run_assessments(request.user) or access.is_partner(request.user)):
        raise PermissionDenied
    form = _start_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not access.may_start_assessment(request.user, data["organisation"].pk):
            raise PermissionDenied
        try:
            assessment = services.assessment_start(by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assessment is started: score it criterion by "
                                        "criterion; each answer is saved on its own."))
            return redirect("capacity:detail", pk=assessment.pk)
    return render(request, "capacity/start.html", {"form": form})


def _form_for(assessment, framework, criterion, side, score, data=None):
    initial = {}
    if score is not None:
        initial = {"level": score.level, "justification": score.justification,
                   "evidence": score.evidence, "version": score.version}
    return ScoreForm(data, criterion=criterion, framework=framework,
                     prefix_key=f"{criterion.key}-{side}", initial=initial)


def _row_context(request, assessment, framework, row, forms=None):
    """One criterion's card: each side's score, and a form for each side the user may
    give while the assessment is open."""
    forms = forms or {}
    user = request.user
    sides = []
    for side in SIDES:
        score = row[side]
        form = None
        if assessment.is_open and selectors.may_score(user, assessment, side):
            form = forms.get(side) or _form_for(assessment, framework, row["criterion"], side,
                                                score)
        sides.append({"side": side, "label": Score.Side(side).label, "score": score,
                      "form": form,
                      "level_name": framework.level_name(score.level) if score else ""})
    return {"row": row, "criterion": row["criterion"], "sides": sides,
            "assessment": assessment, "framework": framework}


@role_required
def assessment_detail(request, pk):
    assessment = selectors.assessment_for_user(user=request.user, pk=pk)
    framework = framework_of(assessment)
    sheet = selectors.score_sheet(assessment, framework)
    for block in sheet:
        block["cards"] = [_row_context(request, assessment, framework, row)
                          for row in block["rows"]]
    results = assessment_results(assessment)
    user = request.user
    context = {
        "assessment": assessment, "framework": framework, "sheet": sheet, "results": results,
        "radar": results_radar(results, labels=_("Domain scores")) if results else "",
        "may_run": access.may_run_assessments(user),
        "may_self": access.may_self_score(user, assessment),
        "actions": list(actions_of(assessment.organisation_id, user=user))
        if not assessment.of_home else [],
        "scored": sum(1 for block in sheet for row in block["rows"] if row["self"]),
        "agreed": sum(1 for block in sheet for row in block["rows"] if row["agreed"]),
        "total": len(framework.criteria),
    }
    return render(request, "capacity/detail.html", context)


@role_required
@require_http_methods(["GET", "POST"])
def score_save(request, pk, criterion, side):
    """One side's score of one criterion: its own small page without JavaScript, or the
    criterion's card swapped in place with htmx."""
    assessment = selectors.assessment_for_user(user=request.user, pk=pk)
    if side not in Score.Side.values:
        raise Http404
    if not selectors.may_score(request.user, assessment, side):
        raise PermissionDenied
    framework = framework_of(assessment)
    row = selectors.score_row(assessment, criterion, framework)
    if row is None:
        raise Http404
    form = _form_for(assessment, framework, row["criterion"], side, row[side],
                     request.POST if request.method == "POST" else None)
    saved = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.score_set(assessment=assessment, criterion=criterion, side=side,
                               level=data["level"], justification=data["justification"],
                               evidence=data["evidence"], expected_version=data["version"],
                               by=request.user)
        except EditConflict as conflict:
            form = _form_for(assessment, framework, row["criterion"], side, conflict.current)
            form.add_error(None, str(conflict.message))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            saved = True
            if not request.htmx:
                messages.success(request, _("Saved: %(criterion)s.") % {
                    "criterion": row["criterion"].name})
                return redirect(reverse("capacity:detail", args=[pk]) + f"#c-{criterion}")
            row = selectors.score_row(assessment, criterion, framework)
            form = None
    context = _row_context(request, assessment, framework, row,
                           forms={side: form} if form is not None else None)
    context["saved"] = saved
    if request.htmx:
        return render(request, "capacity/_criterion.html", context)
    return render(request, "capacity/score.html", {**context, "side": side})


@role_required
@require_POST
def assessment_submit(request, pk):
    assessment = selectors.assessment_for_self_scorer(user=request.user, pk=pk)
    try:
        services.self_submit(assessment=assessment, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your scores are submitted; the facilitator will go "
                                    "through them with you."))
    return redirect("capacity:detail", pk=pk)


@role_required
@require_POST
def assessment_complete(request, pk):
    assessment = selectors.assessment_for_runner(user=request.user, pk=pk)
    try:
        services.assessment_complete(assessment=assessment, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The assessment is completed on the agreed scores. "
                                    "Now plan the strengthening from its gaps."))
    return redirect("capacity:detail", pk=pk)


@role_required
def assessment_export(request, pk):
    """The score sheet as XLSX: one row per criterion with each side's level,
    justification and evidence."""
    assessment = selectors.assessment_for_user(user=request.user, pk=pk)
    framework = framework_of(assessment)
    header = [_("Domain"), _("Criterion"), _("Self score"), _("Justification"),
              _("Evidence"), _("Facilitator's score"), _("Justification"), _("Evidence"),
              _("Agreed score"), _("Justification")]
    rows = []
    for block in selectors.score_sheet(assessment, framework):
        for row in block["rows"]:
            line = [str(block["domain"].name), str(row["criterion"].name)]
            for side in SIDES:
                score = row[side]
                line += [score.level if score else "", score.justification if score else ""]
                if side != Score.Side.AGREED:
                    line.append(score.evidence if score else "")
            rows.append(line)
    filename = f"capacity-assessment-{assessment.pk}.xlsx"
    return xlsx_response(filename, _("Assessment"), header, rows)
