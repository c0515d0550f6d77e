"""Pages of people: key positions and who holds them, the competency framework with the
partners' consultation, and the yearly evaluations with their development plans.

Every read goes through `selectors` (which start from the access rule); an evaluation is
read only by the person, their manager and home admins (`access.may_see_evaluation`,
`access.evaluations_visible_to`). Every form works without JavaScript.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hamwe.accounts import access
from hamwe.accounts.decorators import requires, role_required
from hamwe.core.pages import add_service_errors
from hamwe.core.records import EditConflict
from hamwe.partners.models import Organisation

from . import policy, selectors, services
from .forms import (
    ActionForm,
    AppointmentForm,
    ConsultationForm,
    DoneForm,
    EndForm,
    EvaluationStartForm,
    FeedbackForm,
    FeedbackInviteForm,
    InputForm,
    RatingsForm,
)
from .models import Appointment, Rating


def _positions():
    return [(k, p.name) for k, p in policy.framework().positions.items()]


def _partners():
    return access.organisations_with_partner_users(Organisation.objects.all()).order_by(
        "name")


# --- Key positions ------------------------------------------------------------------------


def _index(request, *, form=None, status=200):
    today = timezone.localdate()
    may_manage = access.may_manage_key_positions(request.user)
    if may_manage and form is None:
        form = AppointmentForm(positions=_positions(), initial={"starts_on": today})
    return render(request, "people/index.html", {
        "positions": selectors.positions_overview(user=request.user, as_of=today),
        "form": form if may_manage else None, "may_manage": may_manage,
        "end_form": EndForm(initial={"ends_on": today}),
    }, status=status)


@requires(access.may_see_key_positions)
@require_GET
def index(request):
    return _index(request)


@requires(access.may_manage_key_positions)
@require_POST
def appointment_new(request):
    form = AppointmentForm(request.POST, positions=_positions())
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.appointment_create(
                by=request.user, position=data["position"], user=data["user"],
                name=data["name"], manager=data["manager"], starts_on=data["starts_on"],
                ends_on=data["ends_on"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The key position is filled."))
            return redirect("people:index")
    return _index(request, form=form, status=400)


@role_required
@require_POST
def appointment_end(request, pk):
    appointment = selectors.appointment_for_admin(user=request.user, pk=pk)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            services.appointment_end(appointment=appointment, by=request.user,
                                     ends_on=form.cleaned_data["ends_on"],
                                     expected_version=form.cleaned_data["version"])
        except EditConflict as conflict:
            messages.error(request, conflict.message)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The appointment is ended; it stays in the history."))
    else:
        messages.error(request, _("Give the day the appointment ends."))
    return redirect("people:index")


# --- The competency framework and the consultation -----------------------------------------


def _competencies(request, *, form=None, status=200):
    may_run = access.may_run_consultations(request.user)
    if may_run and form is None:
        form = ConsultationForm(organisations=_partners())
    framework = policy.framework()
    return render(request, "people/competencies.html", {
        "competencies": list(framework.competencies.values()),
        "consultations": selectors.consultations_for(request.user),
        "form": form if may_run else None,
    }, status=status)


@requires(access.may_see_key_positions)
@require_GET
def competencies(request):
    return _competencies(request)


@requires(access.may_run_consultations)
@require_POST
def consultation_new(request):
    form = ConsultationForm(request.POST, organisations=_partners())
    if form.is_valid():
        try:
            consultation = services.consultation_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The partners are asked for their input."))
            return redirect("people:consultation", consultation.pk)
    return _competencies(request, form=form, status=400)


@requires(access.may_see_key_positions)
@require_GET
def consultation(request, pk):
    consultation = selectors.consultation_for_user(user=request.user, pk=pk)
    return render(request, "people/consultation.html", {
        "consultation": consultation,
        "rows": selectors.consultation_results(consultation),
        "may_close": access.may_run_consultations(request.user)
        and consultation.status == consultation.Status.OPEN,
    })


@requires(access.may_see_key_positions)
@require_POST
def consultation_close(request, pk):
    consultation = selectors.consultation_for_user(user=request.user, pk=pk)
    if not access.may_run_consultations(request.user):
        raise PermissionDenied
    try:
        services.consultation_close(consultation=consultation, by=request.user,
                                    expected_version=int(request.POST.get("version", 0)))
    except (EditConflict, ValueError):
        messages.error(request, EditConflict.message)
    else:
        messages.success(request, _("The consultation is closed."))
    return redirect("people:consultation", pk)


@requires(access.may_give_competency_input)
@require_http_methods(["GET", "POST"])
def consultation_answer(request, pk):
    """A partner user gives their view on each competency, named or anonymous."""
    invitation = selectors.consultation_invitation(user=request.user, pk=pk)
    consultation = invitation.consultation
    framework = policy.framework()
    competencies = list(framework.competencies.items())
    if invitation.used or consultation.status != consultation.Status.OPEN:
        return render(request, "people/consultation_done.html",
                      {"consultation": consultation, "used": invitation.used})
    form = InputForm(request.POST or None, competencies=competencies)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_answer(consultation=consultation, user=request.user,
                                         inputs=form.inputs(),
                                         named=form.cleaned_data["named"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(request, "people/consultation_done.html",
                          {"consultation": consultation, "used": True, "thanks": True})
    return render(request, "people/consultation_answer.html",
                  {"consultation": consultation, "form": form},
                  status=400 if form.is_bound else 200)


# --- Evaluations --------------------------------------------------------------------------


def _evaluations(request, *, form=None, status=200):
    appointments = selectors.appointments_to_evaluate(request.user)
    if form is None and appointments.exists():
        form = EvaluationStartForm(
            appointments=appointments,
            initial={"year": policy.fiscal_calendar().year_of(timezone.localdate())})
    return render(request, "people/evaluations.html", {
        "evaluations": selectors.evaluations_for(request.user), "form": form,
    }, status=status)


@requires(access.is_home)
@require_GET
def evaluations(request):
    """The evaluations the user may read: their own, their people's; all for admins."""
    return _evaluations(request)


@requires(access.is_home_editor)
@require_POST
def evaluation_new(request):
    form = EvaluationStartForm(request.POST, appointments=Appointment.objects.all())
    if form.is_valid():
        if not access.may_start_evaluation(
                request.user, manager_id=form.cleaned_data["appointment"].manager_id):
            raise PermissionDenied
        try:
            evaluation = services.evaluation_start(
                by=request.user, appointment=form.cleaned_data["appointment"],
                year=form.cleaned_data["year"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The evaluation is started."))
            return redirect("people:evaluation", evaluation.pk)
    return _evaluations(request, form=form, status=400)


def _names(evaluation, framework=None):
    framework = framework or policy.framework()
    return [(k, framework.competency_name(k)) for k in evaluation.competencies]


@requires(access.is_home)
@require_GET
def evaluation(request, pk):
    evaluation = selectors.evaluation_for_user(user=request.user, pk=pk)
    appointment = evaluation.appointment
    user = request.user
    framework = policy.framework()
    names = _names(evaluation, framework)
    ratings = {(r.by, r.competency): r for r in evaluation.ratings.all()}
    rows = [{"name": name, "self": ratings.get((Rating.By.SELF, key)),
             "manager": ratings.get((Rating.By.MANAGER, key))} for key, name in names]
    open_ = evaluation.manager_done_on is None
    may_ask = open_ and access.may_start_evaluation(user, manager_id=appointment.manager_id)
    may_plan = access.may_plan_development(user, person_id=appointment.user_id,
                                           manager_id=appointment.manager_id)
    return render(request, "people/evaluation.html", {
        "evaluation": evaluation, "appointment": appointment,
        "position": framework.position_name(appointment.position),
        "rows": rows,
        "may_self": open_ and access.may_self_assess(user, person_id=appointment.user_id),
        "may_manage": open_ and access.may_assess_as_manager(
            user, manager_id=appointment.manager_id),
        "feedback": selectors.feedback_summary(evaluation),
        "invite_form": FeedbackInviteForm(users=access.partner_users_of(
            _partners().values("pk")).select_related("organisation")) if may_ask else None,
        "action_form": ActionForm(competencies=names) if may_plan else None,
        "may_plan": may_plan, "done_form": DoneForm(initial={"done_on": timezone.localdate()}),
    })


def _assess(request, pk, *, side):
    evaluation = selectors.evaluation_for_user(user=request.user, pk=pk)
    appointment = evaluation.appointment
    if side == Rating.By.SELF:
        allowed = access.may_self_assess(request.user, person_id=appointment.user_id)
    else:
        allowed = access.may_assess_as_manager(request.user, manager_id=appointment.manager_id)
    if not allowed or evaluation.manager_done_on:  # closed once the manager completes it
        raise PermissionDenied
    names = _names(evaluation)
    initial = {}
    for rating in evaluation.ratings.all():
        if rating.by == side:
            initial[f"score_{rating.competency}"] = rating.score
            initial[f"comment_{rating.competency}"] = rating.comment
    form = RatingsForm(request.POST or None, competencies=names, initial=initial)
    if request.method == "POST" and form.is_valid():
        service = services.self_assess if side == Rating.By.SELF else services.manager_assess
        try:
            service(evaluation=evaluation, by=request.user, ratings=form.ratings())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assessment is saved."))
            return redirect("people:evaluation", evaluation.pk)
    return render(request, "people/assess.html", {
        "evaluation": evaluation, "form": form, "side": side,
        "position": policy.framework().position_name(appointment.position),
    }, status=400 if form.is_bound else 200)


@requires(access.is_home)
@require_http_methods(["GET", "POST"])
def self_assess(request, pk):
    return _assess(request, pk, side=Rating.By.SELF)


@requires(access.is_home_editor)
@require_http_methods(["GET", "POST"])
def manager_assess(request, pk):
    return _assess(request, pk, side=Rating.By.MANAGER)


@requires(access.is_home_editor)
@require_POST
def feedback_invite(request, pk):
    evaluation = selectors.evaluation_for_manager(user=request.user, pk=pk)
    form = FeedbackInviteForm(request.POST, users=access.partner_users_of(
        _partners().values("pk")))
    if form.is_valid():
        try:
            services.feedback_invite(evaluation=evaluation, by=request.user,
                                     users=form.cleaned_data["users"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The partners are asked for their feedback."))
    else:
        messages.error(request, _("Choose the partner users to ask."))
    return redirect("people:evaluation", pk)


@requires(access.may_give_feedback)
@require_http_methods(["GET", "POST"])
def feedback_give(request, pk):
    """A partner user's anonymous feedback on a person's partnership work."""
    invitation = selectors.feedback_invitation(user=request.user, pk=pk)
    evaluation = invitation.evaluation
    context = {"name": evaluation.appointment.holder_name,
               "position": policy.framework().position_name(evaluation.appointment.position)}
    if invitation.used or evaluation.manager_done_on:
        return render(request, "people/feedback_done.html", {**context,
                                                             "used": invitation.used})
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_give(evaluation=evaluation, user=request.user,
                                   **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(request, "people/feedback_done.html", {**context, "used": True,
                                                                 "thanks": True})
    return render(request, "people/feedback_form.html", {**context, "form": form},
                  status=400 if form.is_bound else 200)


@requires(access.is_home)
@require_POST
def action_add(request, pk):
    evaluation = selectors.evaluation_for_planner(user=request.user, pk=pk)
    form = ActionForm(request.POST, competencies=_names(evaluation))
    if form.is_valid():
        try:
            services.action_add(evaluation=evaluation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The action is in the development plan."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(reverse("people:evaluation", args=[pk]) + "#plan")


@requires(access.is_home)
@require_POST
def action_done(request, pk):
    action = selectors.action_for_planner(user=request.user, pk=pk)
    form = DoneForm(request.POST)
    if form.is_valid():
        try:
            services.action_done(action=action, by=request.user,
                                 done_on=form.cleaned_data["done_on"],
                                 expected_version=form.cleaned_data["version"])
        except EditConflict as conflict:
            messages.error(request, conflict.message)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The action is done."))
    return redirect(reverse("people:evaluation", args=[action.evaluation_id]) + "#plan")
