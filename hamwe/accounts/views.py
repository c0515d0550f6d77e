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
from .forms import InviteForm, TokenForm
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
