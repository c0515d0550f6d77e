"""Writes about users: named, keyword-only, atomic."""

from allauth.account.forms import ResetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import access
from .models import HOME_ROLES, Role, User


@transaction.atomic
def user_invite(*, by, email, full_name="", role, organisation=None, is_partner_admin=False,
                request=None) -> User:
    """Create an account without a password and e-mail its owner a link to choose one.

    A partner admin may invite only partner users of their own organisation, and may not
    make them partner admins of a different organisation.
    """
    organisation_id = organisation.pk if organisation else None
    if role == Role.PARTNER and organisation is None:
        raise ValidationError({"organisation": _("A partner user belongs to an organisation.")})
    if role in HOME_ROLES and organisation is not None:
        raise ValidationError(
            {"organisation": _("Home-organisation users do not belong to a partner.")}
        )
    if not access.may_manage_users(by):
        if role != Role.PARTNER or not access.may_invite(by, organisation_id=organisation_id):
            raise PermissionDenied(_("You may invite colleagues of your own organisation only."))
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Someone already has an account with this address.")})
    user = User(
        email=email,
        full_name=full_name,
        role=role,
        organisation=organisation,
        is_partner_admin=is_partner_admin and role == Role.PARTNER,
    )
    user.set_unusable_password()
    user._change_reason = f"invited by {by.email}"
    user.save()
    if request is not None:
        # Mailed only once the account really exists (after commit).
        transaction.on_commit(lambda: _send_choose_password_link(request, email))
    return user


def _send_choose_password_link(request, email):
    from allauth.core import context

    form = ResetPasswordForm(data={"email": email})
    if form.is_valid():
        with context.request_context(request):
            form.save(request)


@transaction.atomic
def user_set_admin(*, email, password, full_name="") -> User:
    """Create or reset a home-organisation admin (the `hamwe createadmin` command)."""
    user, _created = User.objects.get_or_create(
        email=email.strip().lower(), defaults={"full_name": full_name}
    )
    user.role = Role.ADMIN
    user.organisation = None
    user.is_partner_admin = False
    user.is_active = True
    user.is_superuser = True
    user.set_password(password)
    user.save()
    return user
