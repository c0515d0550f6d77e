"""The isolation sweep's view of users and sign-in: a sample for every route of this app
and of allauth's sign-in and two-factor pages, and the users that someone who may not
must never change (see hamwe/tests/samples.py).

Sign-in, password and two-factor pages act on the signed-in person's own account and
session, never on a record of A's, so the sweep reads them only.
"""

from hamwe.accounts.models import User
from hamwe.tests.samples import current, page, read

# A person's access is managed by home admins and, for a partner user, by the partner
# admins of their organisation; `users_visible_to` (which asks may_manage_users) decides
# whose page one may even see.
MANAGE_A = frozenset({"partner_admin_a", "admin"})
MANAGER_GUARD = ("may_manage_users", "may_manage_user")


def _user_a(ctx):
    return {"pk": ctx.user_a.pk}


def _seen(ctx):
    """partner_a's access as their page shows it now (two managers on one person)."""
    from hamwe.accounts import services

    return services.access_state(current(ctx.user_a))

USER_SAMPLES = {
    "accounts:users": read(),
    # Admins invite anyone; a partner admin of A only colleagues of A.
    "accounts:invite": page(
        post=lambda ctx: {"email": "invited@sweep.example", "full_name": "Invited by the sweep",
                          "role": "partner", "organisation": ctx.org_a.pk},
        writers=frozenset({"partner_admin_a", "admin"}), guard="may_invite"),
    "accounts:user": read(_user_a),
    # partner_a made a partner admin, or their access ended.
    "accounts:user_access": page(
        _user_a, post=lambda ctx: {"is_partner_admin": "on", "seen": _seen(ctx)},
        writers=MANAGE_A, guard=MANAGER_GUARD),
    "accounts:user_active": page(
        _user_a, post=lambda ctx: {"active": "0", "seen": _seen(ctx)},
        writers=MANAGE_A, guard=MANAGER_GUARD),
    # Its only effect is an e-mail, sent once the request's transaction commits, which
    # the tests' transaction never does: nothing the sweep's snapshot could see changes,
    # so it is probed as a read (leaks, errors, and that no record changes).
    "accounts:user_invite_again": read(_user_a),
    # One's own API tokens: making one asks for a fresh second factor, which no persona of
    # the sweep has, so the page is read only; no one in the sweep has a token to revoke,
    # so every persona gets 404 (or is sent to sign in).
    "accounts:tokens": read(),
    "accounts:token_revoke": read(lambda ctx: {"pk": 1}),
}
SIGN_IN_SAMPLES = {
    **{
        name: read()
        for name in (
            "account_login", "account_logout", "account_inactive", "account_signup",
            "account_reauthenticate", "account_email", "account_email_verification_sent",
            "account_change_password", "account_set_password", "account_reset_password",
            "account_confirm_login_code", "account_reset_password_from_key_done",
            "account_reset_password_done",
            "mfa_index", "mfa_authenticate", "mfa_reauthenticate", "mfa_activate_totp",
            "mfa_deactivate_totp", "mfa_view_recovery_codes", "mfa_generate_recovery_codes",
            "mfa_download_recovery_codes",
        )
    },
    "account_confirm_email": read(lambda ctx: {"key": "not-a-real-key"}),
    "account_reset_password_from_key": read(lambda ctx: {"uidb36": "1", "key": "set-password"}),
}

SAMPLES = {**USER_SAMPLES, **SIGN_IN_SAMPLES}


def users_state():
    """Every user's account: who they are, their role and organisation."""
    return tuple(
        User.objects.order_by("pk").values_list(
            "pk", "email", "role", "organisation_id", "is_partner_admin", "is_active"
        )
    )
