"""The demo's logins (data/accounts.yaml): home users first, partner users once their
organisations exist, and at the end one shared password for all of them."""

from django.contrib.auth.hashers import make_password

from hamwe.accounts.models import Role, User
from hamwe.accounts.services import user_deactivate, user_invite, user_set_admin

from .data import read
from .registry import slug


def home_users(demo, rng):
    """The home organisation's admin, staff and viewer."""
    rows = read("accounts")["home_users"]
    (admin_label, admin_email, admin_name, _admin_role), *others = rows
    admin = User.objects.filter(email=admin_email).first()
    if admin is None or not _has(admin, _home_fields(Role.ADMIN)):
        admin = user_set_admin(email=admin_email, password=demo.password, full_name=admin_name)
    demo.admin = admin
    demo.logins.append((admin_label, admin.email))
    demo.users.append(admin)
    for label, email, name, role in others:
        user = _login(demo, email=email, full_name=name, fields=_home_fields(role))
        demo.logins.append((label, user.email))
        if role == Role.STAFF:
            demo.staff = user


def partner_users(demo, rng):
    """Printed portal logins of two partners (a partner admin and a colleague each), and
    the partner staff who answer the score card."""
    for acronym, (admin_name, colleague_name) in read("accounts")["partner_logins"].items():
        organisation = demo.organisations[acronym]
        domain = slug(acronym)
        partner_admin = _login(
            demo, email=f"admin@{domain}.example", full_name=admin_name,
            fields=_partner_fields(organisation, is_admin=True),
        )
        colleague = _login(
            demo, email=f"{slug(colleague_name.split()[0])}@{domain}.example",
            full_name=colleague_name, fields=_partner_fields(organisation, is_admin=False),
        )
        demo.logins += [
            (f"Partner admin ({acronym})", partner_admin.email),
            (f"Partner ({acronym})", colleague.email),
        ]
        demo.partner_admins[organisation.pk] = partner_admin
        demo.partner_logins += [partner_admin, colleague]
    for acronym, name in read("accounts")["respondents"]:
        organisation = demo.organisations[acronym]
        demo.respondents.append(_login(
            demo, email=f"{slug(name.split()[0])}@{slug(acronym)}.example", full_name=name,
            fields=_partner_fields(organisation, is_admin=False),
        ))
    demo.notes.append(
        f"{len(demo.respondents)} more partner users (listed under Users) share the password."
    )


def access_changes(demo, rng):
    """Someone who left, deactivated by the admin, and an invitation not yet used: what
    the Users page manages. Neither shares the demo's password."""
    for email, name in read("accounts")["left"]:
        person = User.objects.filter(email=email).first() or user_invite(
            by=demo.admin, email=email, full_name=name, role=Role.STAFF)
        user_deactivate(by=demo.admin, person=person)
    for acronym, name in read("accounts")["invited"]:
        email = f"{slug(name.split()[0])}@{slug(acronym)}.example"
        if not User.objects.filter(email=email).exists():
            user_invite(by=demo.admin, email=email, full_name=name, role=Role.PARTNER,
                        organisation=demo.organisations[acronym])


def share_password(demo):
    """A new password at each run, so the one printed always works: set without a save,
    so the audit trail stays quiet, and hashed once (a slow hash per login adds seconds)."""
    User.objects.filter(pk__in=[user.pk for user in demo.users]).update(
        password=make_password(demo.password)
    )


def _home_fields(role):
    return {"role": role, "organisation": None, "is_partner_admin": False, "is_active": True,
            "is_superuser": role == Role.ADMIN}


def _partner_fields(organisation, *, is_admin):
    return {"role": Role.PARTNER, "organisation": organisation, "is_partner_admin": is_admin,
            "is_active": True, "is_superuser": False}


def _has(user, fields):
    return all(getattr(user, name) == value for name, value in fields.items())


def _login(demo, *, email, full_name, fields):
    """A demo login with the role it is shown with: invited by the demo admin if missing
    (as an admin would), put right if someone changed it since."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = user_invite(
            by=demo.admin, email=email, full_name=full_name, role=fields["role"],
            organisation=fields["organisation"], is_partner_admin=fields["is_partner_admin"],
        )
    if not _has(user, fields):
        for name, value in fields.items():
            setattr(user, name, value)
        user.save()
    demo.users.append(user)
    return user
