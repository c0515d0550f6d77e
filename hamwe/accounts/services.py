"""Writes about users and their API tokens: named, keyword-only, atomic."""

import datetime

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from knox import crypto
from knox.settings import CONSTANTS, knox_settings

from hamwe.core.records import save_as

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


# --- Managing access: roles, the partner-admin flag, deactivation, invitations ---------


def _managed(by, person):
    if not access.may_manage_user(by, person):
        raise PermissionDenied(_("You may not change this person's access."))


def _save(person, *, by, reason):
    # The person's own history (simple-history) is the audit: who changed what, when.
    save_as(person, by=by, reason=reason)
    return person


def _refuse_stale(person, seen):
    """Two admins on one person: the second form, made before the first change, is refused
    rather than silently undoing it. `seen` is the state the form showed (role, partner
    admin, active)."""
    if seen is not None and seen != access_state(person):
        raise ValidationError({NON_FIELD_ERRORS: _(
            "Someone changed this person's access while you were looking: see what it is "
            "now and choose again.")})


def access_state(person) -> str:
    """A short token of a person's access as a form last showed it."""
    return f"{person.role}:{int(person.is_partner_admin)}:{int(person.is_active)}"


@transaction.atomic
def user_change_access(*, by, person, role=None, is_partner_admin=None, seen=None) -> User:
    """Change a home user's role (among the home roles) or a partner user's partner-admin
    flag. An active admin always remains: only an active admin changes an admin, and no
    one changes themselves."""
    person = User.objects.select_for_update().get(pk=person.pk)
    _managed(by, person)
    _refuse_stale(person, seen)
    changes = []
    if role is not None and role != person.role:
        if not access.may_change_role(by, person) or role not in HOME_ROLES:
            raise ValidationError({"role": _(
                "A home user's role is one of the home roles; a partner user stays a "
                "partner user.")})
        changes.append(f"role {person.role} -> {role}")
        person.role = role
    if is_partner_admin is not None and is_partner_admin != person.is_partner_admin:
        if person.role != Role.PARTNER:
            raise ValidationError({"is_partner_admin": _("Only a partner user is a partner "
                                                         "admin.")})
        changes.append("partner admin" if is_partner_admin else "no longer partner admin")
        person.is_partner_admin = is_partner_admin
    if not changes:
        return person
    return _save(person, by=by, reason="; ".join(changes))


@transaction.atomic
def user_deactivate(*, by, person, seen=None) -> User:
    """End someone's access at once: they can no longer sign in, the sessions they have
    open stop working on their next request (the authentication backend refuses an
    inactive user, and their sessions are deleted here too), and their API tokens are
    revoked (knox refuses an inactive user's token as well). Their name stays on what
    they recorded."""
    person = User.objects.select_for_update().get(pk=person.pk)
    _managed(by, person)
    _refuse_stale(person, seen)
    if not person.is_active:
        return person
    person.is_active = False
    _save(person, by=by, reason="deactivated")
    _end_sessions(person)
    ApiToken.objects.filter(user=person).delete()
    return person


@transaction.atomic
def user_reactivate(*, by, person, seen=None) -> User:
    person = User.objects.select_for_update().get(pk=person.pk)
    _managed(by, person)
    _refuse_stale(person, seen)
    if person.is_active:
        return person
    person.is_active = True
    return _save(person, by=by, reason="reactivated")


def _end_sessions(person):
    """Delete the person's sessions. A session names its user only inside its signed
    data, so each live one is read (a few hundred at most: sessions end the day they
    start, see accounts/trail.py)."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    stale = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(person.pk):
            stale.append(session.pk)
    Session.objects.filter(pk__in=stale).delete()


def may_be_invited_again(person) -> bool:
    """Someone who has not yet chosen a password (never signed in)."""
    return person.is_active and not person.has_usable_password() and person.last_login is None


@transaction.atomic
def invitation_resend(*, by, person, request) -> User:
    """E-mail the invitation again (a fresh link to choose a password and, where two-factor
    sign-in is required, set up the authenticator), to someone who has not used it yet."""
    _managed(by, person)
    if not may_be_invited_again(person):
        raise ValidationError({NON_FIELD_ERRORS: _(
            "This person has already chosen a password: they can reset it from the sign-in "
            "page.")})
    # After commit, as the first invitation; a mail server that is down raises
    # adapter.MailNotSent, which the page reports.
    transaction.on_commit(lambda: _send_invitation(request, person, by))
    return person
