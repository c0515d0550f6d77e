"""Writes about users and their API tokens: named, keyword-only, atomic."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from knox import crypto
from knox.settings import CONSTANTS, knox_settings

from . import access
from .models import HOME_ROLES, ApiToken, Role, User


@transaction.atomic
def user_invite(*, by, email, full_name="", role, organisation=None, is_partner_admin=False,
                request=None) -> User:
    """Create an account without a password and e-mail its owner the invitation: a link
    to choose a password and, where two-factor sign-in is required, to set up the
    authenticator in the same visit (the one way into such an account, see adapter.py).

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
        # Mailed only once the account really exists (after commit); a mail server that
        # is down raises adapter.MailNotSent, which the page reports.
        transaction.on_commit(lambda: _send_invitation(request, user, by))
    return user


def first_sign_in_path(user) -> str:
    """The path of a one-time link that lets `user` choose a password (allauth's
    password reset key, valid PASSWORD_RESET_TIMEOUT), and so sign in and set up an
    authenticator: what an invitation carries and `hamwe createadmin` prints."""
    from allauth.account import app_settings as account_settings
    from allauth.account.utils import user_pk_to_url_str

    key = account_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    return reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
    )


def _send_invitation(request, user, by):
    from allauth.account.adapter import get_adapter
    from allauth.core import context

    with context.request_context(request):
        get_adapter(request).send_mail("accounts/email/invitation", user.email, {
            "user": user,
            "inviter": by,
            "home_name": settings.HAMWE_HOME_NAME,
            "link": request.build_absolute_uri(first_sign_in_path(user)),
            "reset_link": request.build_absolute_uri(reverse("account_reset_password")),
            "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            "needs_authenticator": access.requires_2fa(user),
        })


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


# --- API tokens ---------------------------------------------------------------------------

TOKEN_LIFETIMES = (30, 90, 365)  # days a token may live, as its owner chooses


def _end_of_day(days: int) -> datetime.datetime:
    """Midnight (local time) at the end of the day `days` days from today: an expiry that
    says nothing of the hour the token was made."""
    last_day = timezone.localdate() + datetime.timedelta(days=days)
    midnight = datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(midnight)


@transaction.atomic
def token_create(*, by, name, days) -> tuple[ApiToken, str]:
    """Make a personal API token for `by` (the caller checked the second factor was just
    given); returns the row and the token itself, which is shown once and never stored."""
    if not access.may_make_api_tokens(by):
        raise PermissionDenied(_("Set up two-factor sign-in before making API tokens."))
    if days not in TOKEN_LIFETIMES:
        raise ValidationError({"days": _("Choose one of the offered lifetimes.")})
    live = ApiToken.objects.select_for_update().filter(user=by, expiry__gt=timezone.now())
    if live.count() >= ApiToken.MAX_PER_USER:
        raise ValidationError(
            _("You have %(count)d tokens already: revoke one you no longer use first.")
            % {"count": ApiToken.MAX_PER_USER}
        )
    token = knox_settings.TOKEN_PREFIX + crypto.create_token_string()
    row = ApiToken(
        user=by, name=name.strip(), expiry=_end_of_day(days),
        digest=crypto.hash_token(token), token_key=token[: CONSTANTS.TOKEN_KEY_LENGTH],
    )
    row.full_clean()
    row.save()
    return row, token


@transaction.atomic
def token_revoke(*, by, token) -> None:
    """Revoke a token: its owner, or a home admin (anyone's)."""
    if not access.may_revoke_token(by, token):
        raise PermissionDenied
    token.delete()
