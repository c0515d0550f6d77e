"""Rounds and answering: the list of rounds, a round's indicators, proposals, thresholds
and invitations, opening and closing, and the answer forms.

Home admins and staff run rounds (`access.may_run_scorecards`); partner users see the
rounds they are invited to, propose indicators while a round is a draft and answer. The
answer page has one address per round, the same for every respondent: whoever is signed
in answers with their own invitation. Answers are anonymous by construction (see
services._reshuffle and docs/decisions.md): these views never show, log or pass along who
answered what.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hamwe.accounts import access
from hamwe.accounts.decorators import requires, role_required
from hamwe.core.pages import add_service_errors, apply_edit

from ..models import Invitation, Round
from . import services
from .forms import (
    AnswerForm,
    IndicatorForm,
    IndicatorTextForm,
    InviteForm,
    ProposalDecisionForm,
    ProposalForm,
    RoundForm,
    ThresholdsForm,
    scale_label,
)
from .selectors import round_for_manager, round_for_user


def _detail_url(pk, anchor=""):
    url = reverse("scorecards:round_detail", args=[pk])
    return f"{url}#{anchor}" if anchor else url


def _flash_errors(request, error):
    for message in error.messages:
        messages.error(request, message)


@role_required
def round_list(request):
    user = request.user
    rounds = list(Round.objects.visible_to(user))
    mine = {}
    if access.is_partner(user):
        mine = {
            i.round_id: i
            for i in Invitation.objects.filter(user=user, round__in=[r.pk for r in rounds])
        }
    for round_ in rounds:
        round_.my_invitation = mine.get(round_.pk)
    return render(
        request,
        "scorecards/round_list.html",
        {
            "rounds": rounds,
            "is_partner": access.is_partner(user),
            "may_manage": access.may_run_scorecards(user),
        },
    )


@requires(access.may_run_scorecards)
@require_http_methods(["GET", "POST"])
def round_new(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The round was created as a draft."))
            return redirect("scorecards:round_detail", pk=round_.pk)
    return render(request, "scorecards/round_form.html", {"form": form})


def _detail_context(request, round_, **forms):
    user = request.user
    manage = access.may_run_scorecards(user)
    draft = round_.status == Round.Status.DRAFT
    partner = access.is_partner(user)
    context = {
        "round": round_,
        "indicators": list(round_.indicators.all()),
        "scale": scale_label(round_),
        "draft": draft,
        "is_open": round_.status == Round.Status.OPEN,
        "may_manage": manage,
        "is_partner": partner,
    }
    if manage:
        context.update(
            {
                # Pending proposals, without who proposed them: the indicator never names
                # its proposer, and the choice should not depend on it either.
                "proposals": list(round_.proposals.filter(accepted__isnull=True))
                if draft
                else [],
                "indicator_form": forms.get("indicator_form") or IndicatorForm()
                if draft
                else None,
                "thresholds_form": forms.get("thresholds_form")
                or ThresholdsForm(instance=round_),
                "invite_form": forms.get("invite_form") or InviteForm()
                if round_.status != Round.Status.CLOSED
                else None,
            }
        )
    context["show_invitations"] = access.is_home(user)
    if access.is_home(user):
        context["invited"] = list(
            round_.invitations.values("organisation__name")
            .annotate(people=Count("pk"))
            .order_by("organisation__name")
        )
    if partner:
        context["my_invitation"] = Invitation.objects.filter(round=round_, user=user).first()
        context["my_proposals"] = list(
            round_.proposals.filter(organisation_id=user.organisation_id)
        )
        context["proposal_form"] = forms.get("proposal_form") or ProposalForm() if draft else None
    return context


@role_required
def round_detail(request, pk):
    round_ = round_for_user(user=request.user, pk=pk)
    return render(request, "scorecards/round_detail.html", _detail_context(request, round_))


@role_required
@require_POST
def indicator_add(request, pk):
    round_ = round_for_manager(user=request.user, pk=pk)
    form = IndicatorForm(request.POST)
    if form.is_valid():
        try:
            services.indicator_add(round_=round_, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Indicator added."))
            return redirect(_detail_url(pk, "indicators"))
    if round_.status != Round.Status.DRAFT:
        messages.error(request, _("The round is open: its indicators and thresholds are frozen."))
        return redirect(_detail_url(pk, "indicators"))
    context = _detail_context(request, round_, indicator_form=form)
    return render(request, "scorecards/round_detail.html", context)


@role_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, pk, indicator_pk):
    round_ = round_for_manager(user=request.user, pk=pk)
    indicator = get_object_or_404(round_.indicators, pk=indicator_pk)
    form = IndicatorTextForm(request.POST or None, initial={"text": indicator.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(
                indicator=indicator, by=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Wording saved."))
            return redirect(_detail_url(pk, "indicators"))
    return render(
        request,
        "scorecards/round_indicator_form.html",
        {"form": form, "round": round_, "indicator": indicator,
         "draft": round_.status == Round.Status.DRAFT},
    )


@role_required
@require_POST
def proposal_new(request, pk):
    round_ = round_for_user(user=request.user, pk=pk)
    if not access.is_partner(request.user):
        raise PermissionDenied
    form = ProposalForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_add(round_=round_, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: your proposal was sent to the home "
                                        "organisation."))
            return redirect(_detail_url(pk, "proposals"))
    if round_.status != Round.Status.DRAFT:
        messages.error(request, _("The round is open: its indicators and thresholds are frozen."))
        return redirect(_detail_url(pk))
    context = _detail_context(request, round_, proposal_form=form)
    return render(request, "scorecards/round_detail.html", context)


@role_required
@require_POST
def proposal_decide(request, pk):
    round_ = round_for_manager(user=request.user, pk=pk)
    form = ProposalDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a proposal and accept or decline it."))
        return redirect(_detail_url(pk, "proposals"))
    proposal = get_object_or_404(round_.proposals, pk=form.cleaned_data["proposal"])
    accept = form.cleaned_data["decision"] == "accept"
    try:
        services.proposal_decide(proposal=proposal, by=request.user, accept=accept)
    except ValidationError as error:
        _flash_errors(request, error)
    else:
        messages.success(
            request,
            _("The proposal is now an indicator.") if accept else _("Proposal declined."),
        )
    return redirect(_detail_url(pk, "proposals"))


@role_required
@require_POST
def round_thresholds(request, pk):
    round_ = round_for_manager(user=request.user, pk=pk)
    form = ThresholdsForm(request.POST, instance=round_)
    if form.is_valid():

        def update(*, data, expected_version):
            # The form has already written the new numbers onto `round_`: the service
            # compares them with the stored ones, so give it the stored row.
            return services.round_update_thresholds(
                round_=Round.objects.get(pk=round_.pk), by=request.user,
                expected_version=expected_version, **data,
            )

        saved, form = apply_edit(
            request,
            form,
            update,
            success_message=_("Minimum group sizes saved."),
            fresh_form=lambda current: ThresholdsForm(instance=current),
        )
        if saved:
            return redirect(_detail_url(pk, "thresholds"))
    round_.refresh_from_db()
    context = _detail_context(request, round_, thresholds_form=form)
    return render(request, "scorecards/round_detail.html", context)


def _mail_invitations(round_, invitations):
    """E-mail each invited user that they may answer. Every respondent receives the same
    address (the round's answer page): nothing in a mail, a link, a log line or a
    Referer tells one respondent from another. Returns how many could not be sent (they
    can still answer from their list of score cards)."""
    base = settings.HAMWE_BASE_URL.rstrip("/")
    link = base + reverse("scorecards:answer", args=[round_.pk])
    mails = []
    for invitation in invitations:
        body = render_to_string(
            "scorecards/round_invite_email.txt",
            {"round": round_, "user": invitation.user, "link": link,
             "rounds_link": base + reverse("scorecards:rounds")},
        )
        subject = _("Please rate how we work with you: %(title)s") % {"title": round_.title}
        mails.append(EmailMessage(subject=subject, body=body, to=[invitation.user.email]))
    failed = 0
    connection = get_connection(fail_silently=False)
    for mail in mails:
        try:
            connection.send_messages([mail])
        except Exception:  # noqa: BLE001 - one bad address must not stop the others
            failed += 1
    return failed


@role_required
@require_POST
def round_invite(request, pk):
    round_ = round_for_manager(user=request.user, pk=pk)
    form = InviteForm(request.POST)
    if round_.status == Round.Status.CLOSED:
        messages.error(request, _("The round is closed."))
        return redirect(_detail_url(pk, "invitations"))
    if not form.is_valid():
        context = _detail_context(request, round_, invite_form=form)
        return render(request, "scorecards/round_detail.html", context)
    users = access.partner_users_of(form.cleaned_data["organisations"])
    try:
        invitations = services.invite(round_=round_, by=request.user, users=list(users))
    except ValidationError as error:
        _flash_errors(request, error)
        return redirect(_detail_url(pk, "invitations"))
    if round_.status != Round.Status.OPEN:
        # A draft may still change or never open: the e-mails go out when it opens.
        messages.success(
            request,
            _("%(count)s people invited; each will be sent an e-mail asking them to answer "
              "when the round opens.") % {"count": len(invitations)},
        )
        return redirect(_detail_url(pk, "invitations"))
    failed = _mail_invitations(round_, invitations)
    messages.success(
        request,
        _("%(count)s people invited; each was sent an e-mail asking them to answer.")
        % {"count": len(invitations)},
    )
    _flash_unsent(request, failed)
    return redirect(_detail_url(pk, "invitations"))


def _flash_unsent(request, failed):
    if failed:
        messages.error(
            request,
            _("%(count)s e-mails could not be sent: those partners can still answer from "
              "their list of score cards.") % {"count": failed},
        )


@role_required
@require_POST
def round_open(request, pk):
    round_ = round_for_manager(user=request.user, pk=pk)
    try:
        round_ = services.round_open(round_=round_, by=request.user)
    except ValidationError as error:
        _flash_errors(request, error)
    else:
        # Those invited while it was a draft are asked now (see round_invite).
        invited = round_.invitations.filter(used=False).select_related("user")
        _flash_unsent(request, _mail_invitations(round_, invited))
        messages.success(request, _("The round is open: invited partners can answer. Each "
                                    "was sent an e-mail asking them to answer."))
    return redirect(_detail_url(pk))


@role_required
@require_POST
def round_close(request, pk):
    round_ = round_for_manager(user=request.user, pk=pk)
    try:
        services.round_close(round_=round_, by=request.user)
    except ValidationError as error:
        _flash_errors(request, error)
    else:
        messages.success(request, _("The round is closed."))
    return redirect(_detail_url(pk))


def _refusal(request, message, status):
    return render(
        request, "scorecards/answer_refused.html", {"message": message}, status=status
    )


def _why_not(invitation, round_):
    """(message, status) when the signed-in user may not answer the round now; the
    texts are the service's own."""
    if invitation is None:
        return _("You are not invited to answer this round."), 403
    if invitation.used:
        return _("You have already answered this round."), 410
    if round_.status != Round.Status.OPEN:
        return _("This round is not open."), 410
    return None


@role_required
@require_http_methods(["GET", "POST"])
def answer(request, pk):
    """The answer form: one address for every respondent of the round. The signed-in
    user's own invitation decides whether they may answer (the session proves who they
    are; nothing in the address or the form does)."""
    round_ = round_for_user(user=request.user, pk=pk)
    invitation = services.invitation_of(round_=round_, user=request.user)
    refused = _why_not(invitation, round_)
    if refused:
        return _refusal(request, *refused)
    form = AnswerForm(request.POST or None, round_=round_, indicators=round_.indicators.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_submit(round_=round_, user=request.user, scores=form.scores())
        except ValidationError as error:
            refused = _why_not(services.invitation_of(round_=round_, user=request.user), round_)
            if refused:
                return _refusal(request, *refused)
            add_service_errors(form, error)
        else:
            return redirect("scorecards:answer_done")
    return render(
        request,
        "scorecards/answer_form.html",
        {"form": form, "round": round_, "scale": scale_label(round_)},
    )


@role_required
def answer_done(request):
    return render(request, "scorecards/answer_done.html")


@role_required
@require_http_methods(["GET", "POST"])
def group_answer(request, pk):
    round_ = round_for_manager(user=request.user, pk=pk)
    is_open = round_.status == Round.Status.OPEN
    form = AnswerForm(
        request.POST or None, round_=round_, indicators=round_.indicators.all(), group=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.group_answer_submit(
                round_=round_,
                by=request.user,
                group_size=form.cleaned_data["group_size"],
                scores=form.scores(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # The facilitator entered them; still, say only that they were received.
            messages.success(request, _("The group's answer was received."))
            return redirect(_detail_url(pk))
    return render(
        request,
        "scorecards/round_group_answer.html",
        {"form": form, "round": round_, "scale": scale_label(round_), "is_open": is_open},
    )
