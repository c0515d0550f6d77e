from urllib.parse import urlencode

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import access, selectors, services, signin
from .adapter import MailNotSent
from .decorators import requires, role_required
from .forms import AccessForm, InviteForm, TokenForm
from .models import User


@requires(access.may_list_users)
def user_list(request):
    users = access.users_visible_to(User.objects.select_related("organisation"), request.user)
    return render(request, "accounts/user_list.html", {"users": users})


@role_required
@require_http_methods(["GET", "POST"])
def user_invite(request):
    user = request.user
    if not (access.may_manage_users(user) or access.may_invite(
            user, organisation_id=user.organisation_id)):
        raise PermissionDenied
    Organisation = apps.get_model("partners", "Organisation")
    fixed = None if access.may_manage_users(user) else user.organisation
    form = InviteForm(
        request.POST or None,
        organisations=Organisation.objects.visible_to(user).filter(is_home=False),
        fixed_organisation=fixed,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invited = services.user_invite(
                by=user,
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
                organisation=fixed or data["organisation"],
                is_partner_admin=data["is_partner_admin"],
                request=request,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        except MailNotSent:
            messages.warning(
                request,
                _("%(email)s has an account now, but the invitation e-mail could not be "
                  "sent: the mail server did not accept it. Once mail works again, they can "
                  "ask for a link with “Forgot your password?”.")
                % {"email": data["email"].strip().lower()},
            )
            return redirect("accounts:users")
        else:
            messages.success(
                request,
                _("%(email)s was invited: they received an e-mail to choose a password.")
                % {"email": invited.email},
            )
            return redirect("accounts:users")
    return render(request, "accounts/user_invite.html", {"form": form})


@role_required
def user_detail(request, pk):
    person = selectors.person_for_manager(request.user, pk)
    return _user_page(request, person)


def _user_page(request, person, *, form=None, status=200):
    may_manage = access.may_manage_user(request.user, person)
    if form is None and may_manage:
        form = AccessForm(person=person, initial={"seen": services.access_state(person)},
                          may_change_role=access.may_change_role(request.user, person))
    return render(request, "accounts/user_detail.html", {
        "person": person,
        "may_manage": may_manage,
        "form": form,
        "seen": services.access_state(person),
        "may_invite_again": may_manage and services.may_be_invited_again(person),
        "audit": selectors.person_audit(person) if access.may_see_audit(request.user) else [],
    }, status=status)


@role_required
@require_POST
def user_access(request, pk):
    person = selectors.person_for_manager(request.user, pk)
    if not access.may_manage_user(request.user, person):
        raise PermissionDenied
    may_change_role = access.may_change_role(request.user, person)
    form = AccessForm(request.POST, person=person, may_change_role=may_change_role)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.user_change_access(
                by=request.user, person=person, seen=data["seen"],
                role=data.get("role") or None if may_change_role else None,
                is_partner_admin=None if may_change_role else data["is_partner_admin"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The access of %(name)s is changed.")
                             % {"name": person.full_name or person.email})
            return redirect("accounts:user", pk=person.pk)
    person.refresh_from_db()
    return _user_page(request, person, form=form, status=400)


@role_required
@require_POST
def user_active(request, pk):
    """Deactivate (`active=0`) or reactivate (`active=1`) someone."""
    person = selectors.person_for_manager(request.user, pk)
    if not access.may_manage_user(request.user, person):
        raise PermissionDenied
    reactivate = request.POST.get("active") == "1"
    change = services.user_reactivate if reactivate else services.user_deactivate
    try:
        change(by=request.user, person=person, seen=request.POST.get("seen"))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, (
            _("%(name)s may sign in again.") if reactivate else
            _("%(name)s can no longer sign in; their open sessions have ended.")
        ) % {"name": person.full_name or person.email})
    return redirect("accounts:user", pk=person.pk)


@role_required
@require_POST
def user_invite_again(request, pk):
    person = selectors.person_for_manager(request.user, pk)
    if not access.may_manage_user(request.user, person):
        raise PermissionDenied
    try:
        services.invitation_resend(by=request.user, person=person, request=request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except MailNotSent:
        messages.warning(request, _("The invitation could not be sent again: the mail server "
                                    "did not accept it. Try again once mail works."))
    else:
        messages.success(request, _("The invitation was sent again to %(email)s.")
                         % {"email": person.email})
    return redirect("accounts:user", pk=person.pk)


def _add_errors(form, error):
    for field, errors in error.message_dict.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


@never_cache  # the page shows a new token once: no copy may stay in a cache
@role_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    """One's own API tokens, a form to make one (after a fresh second factor), and for
    home admins everyone's tokens."""
    user = request.user
    may_make = access.may_make_api_tokens(user)
    fresh = may_make and signin.second_factor_is_fresh(request)
    form = TokenForm(request.POST if request.method == "POST" else None)
    made = None
    if request.method == "POST":
        if not fresh:
            return redirect(_confirm_second_factor_url(request) if may_make else "mfa_index")
        if form.is_valid():
            try:
                token, made = services.token_create(
                    by=user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                form = TokenForm()
    return render(request, "accounts/token_list.html", {
        "form": form, "made": made, "may_make": may_make, "fresh": fresh,
        "confirm_url": _confirm_second_factor_url(request),
        "own": selectors.tokens_of(user),
        "others": selectors.tokens_of_others(user),
    })


def _confirm_second_factor_url(request):
    return reverse("mfa_reauthenticate") + "?" + urlencode({"next": reverse("accounts:tokens")})


@role_required
@require_POST
def token_revoke(request, pk):
    token = selectors.token_for_revoker(user=request.user, pk=pk)
    services.token_revoke(by=request.user, token=token)
    messages.success(request, _("The token “%(name)s” was revoked: it no longer "
                                "works.") % {"name": token.name})
    return redirect("accounts:tokens")
