from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import access, services
from .decorators import requires, role_required
from .forms import InviteForm
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
