from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import access, selectors, services
from .decorators import requires, role_required
from .forms import AccessForm, InviteForm
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
    else:
        messages.success(request, _("The invitation was sent again to %(email)s.")
                         % {"email": person.email})
    return redirect("accounts:user", pk=person.pk)


def _add_errors(form, error):
    for field, errors in error.message_dict.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)
