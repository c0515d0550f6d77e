"""Reads about users, under the access rule."""

from django.utils.translation import gettext as _

from hamwe.core.records import history_entries, one_or_404

from . import access
from .models import User


def person_for_manager(user, pk) -> User:
    """A user the signed-in person may list (404 otherwise): admins everyone, a partner
    admin their colleagues."""
    return one_or_404(
        access.users_visible_to(User.objects.select_related("organisation"), user), pk=pk)


def person_audit(person):
    """Who changed this person's access, and how, newest first."""
    return history_entries([(person.history.all(), _("User"), lambda row: row.email)])
