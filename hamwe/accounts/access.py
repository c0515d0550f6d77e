"""The access rule: the one place that says who may see and change what.

Every read of partner data goes through `scope()` (each model's QuerySet has a
`visible_to(user)` method that calls it with the path to the owning organisation), and
every write asks one of the `may_*` predicates. Nothing else decides access: a view,
export or API endpoint that wants partner data asks here.

The rule:
- home-organisation admins, staff and viewers see every record; admins and staff change them;
- a partner user sees their own organisation's full record, and only the public profile
  of other organisations; never another organisation's contacts, documents,
  assessments or reports;
- a user with no role, an inactive user and an anonymous visitor see nothing.
"""

from django.conf import settings
from django.db.models import QuerySet

from .models import HOME_ROLES, Role


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_home(user) -> bool:
    """A member of the home organisation (admin, staff or viewer)."""
    return _active(user) and user.role in HOME_ROLES


def is_partner(user) -> bool:
    return _active(user) and user.role == Role.PARTNER and user.organisation_id is not None


def has_role(user) -> bool:
    return is_home(user) or is_partner(user)


def scope(qs: QuerySet, user, *, via: str) -> QuerySet:
    """The part of `qs` that `user` may read in full.

    `via` is the lookup path from the queryset's model to the organisation(s) that own a
    row, e.g. "organisation" for a contact, "pk" for an organisation itself,
    "parties__organisation" for a partnership. A row owned by several organisations is
    visible to a partner user of any of them.
    """
    if is_home(user):
        return qs
    if is_partner(user):
        if "__" in via:
            # Following a to-many path would repeat rows; select the keys instead.
            owned = qs.model._base_manager.filter(**{via: user.organisation_id}).values("pk")
            return qs.filter(pk__in=owned)
        return qs.filter(**{via: user.organisation_id})
    return qs.none()


def scope_public(qs: QuerySet, user) -> QuerySet:
    """Rows whose *public profile* the user may read (every signed-in user with a role)."""
    return qs if has_role(user) else qs.none()


def sees_private(user, organisation_id) -> bool:
    """May the user read the non-public part of this organisation's record?"""
    return is_home(user) or (is_partner(user) and user.organisation_id == organisation_id)


def may_edit_registry(user) -> bool:
    """Create organisations and edit any of them: home-organisation admins and staff."""
    return is_home(user) and user.role in (Role.ADMIN, Role.STAFF)


def may_edit_organisation(user, organisation_id) -> bool:
    """Partners keep their own profile; home admins and staff keep everyone's."""
    return may_edit_registry(user) or (
        is_partner(user) and user.organisation_id == organisation_id
    )


def may_comment(user) -> bool:
    """Everyone with a role but a viewer (who only reads) may comment where they can read."""
    return has_role(user) and getattr(user, "role", "") != Role.VIEWER


def may_see_audit(user) -> bool:
    return is_home(user) and user.role in (Role.ADMIN, Role.STAFF)


def may_manage_users(user) -> bool:
    return is_home(user) and user.role == Role.ADMIN


def may_invite(user, *, organisation_id=None) -> bool:
    """Admins invite anyone; a partner admin only colleagues of their own organisation."""
    if may_manage_users(user):
        return True
    return (
        is_partner(user)
        and user.is_partner_admin
        and organisation_id is not None
        and organisation_id == user.organisation_id
    )


def users_visible_to(qs: QuerySet, user) -> QuerySet:
    """Users one may list: all for admins, own colleagues for a partner admin."""
    if may_manage_users(user):
        return qs
    if is_partner(user) and user.is_partner_admin:
        return qs.filter(organisation_id=user.organisation_id)
    return qs.none()


def lacks_required_2fa(user) -> bool:
    """Home admins and staff must have TOTP set up where two-factor sign-in is required."""
    if not settings.HAMWE_REQUIRE_2FA or not is_home(user):
        return False
    if user.role not in (Role.ADMIN, Role.STAFF):
        return False
    from allauth.mfa.models import Authenticator

    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
