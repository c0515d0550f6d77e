"""Reads about users' API tokens, under the access rule."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from hamwe.core.records import one_or_404

from . import access
from .models import ApiToken


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
