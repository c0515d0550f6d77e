"""Reads about users and their API tokens, under the access rule."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from hamwe.core.records import history_entries, one_or_404

from . import access
from .models import ApiToken, User


def person_for_manager(user, pk) -> User:
    """A user the signed-in person may list (404 otherwise): admins everyone, a partner
    admin their colleagues."""
    return one_or_404(
        access.users_visible_to(User.objects.select_related("organisation"), user), pk=pk)


def person_audit(person):
    """Who changed this person's access, and how, newest first."""
    return history_entries([(person.history.all(), _("User"), lambda row: row.email)])


def _live():
    # knox deletes an expired token when it is next presented; until then it is not shown.
    return ApiToken.objects.filter(expiry__gt=timezone.now()).select_related("user")


def tokens_of(user):
    """The user's own live tokens."""
    return access.tokens_visible_to(_live(), user).filter(user=user) if user.pk else []


def tokens_of_others(user):
    """Everyone else's live tokens, for those who may see them (home admins)."""
    if not access.is_home_admin(user):
        return ApiToken.objects.none()
    return access.tokens_visible_to(_live(), user).exclude(user=user).order_by(
        "user__email", "expiry", "pk"
    )


def token_for_revoker(*, user, pk) -> ApiToken:
    """A token the user may revoke: 404 for one they may not even see."""
    token = one_or_404(access.tokens_visible_to(ApiToken.objects.select_related("user"), user),
                       pk=pk)
    if not access.may_revoke_token(user, token):
        raise PermissionDenied
    return token
