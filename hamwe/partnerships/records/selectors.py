"""Reads about partnerships. Every one starts from the access rule in accounts."""


from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from hamwe.accounts import access
from hamwe.core.records import history_entries

from ..models import (
    Comment,
    Contribution,
    Partnership,
    Party,
)
from .filters import PartnershipFilter


def partnership_list(*, user, params, policy=None):
    """The filtered list the user may see, the filter form, and counts by kind and stage
    (of the filtered list)."""
    base = Partnership.objects.visible_to(user)
    filterset = PartnershipFilter(params, queryset=base, policy=policy)
    qs = filterset.qs if filterset.is_valid() else base.none()
    counts = {
        "by_kind": dict(qs.order_by().values_list("kind").annotate(n=Count("pk"))),
        "by_stage": dict(qs.order_by().values_list("stage").annotate(n=Count("pk"))),
    }
    return filterset, qs.for_list().order_by("title", "pk"), counts


def partnership_for_user(*, user, pk, whole=False) -> Partnership:
    """The partnership, if the user may read it (404 otherwise); `whole` brings its
    themes, places, parties and contributions along, for the pages that show them."""
    qs = Partnership.objects.visible_to(user)
    qs = qs.whole() if whole else qs.select_related("initiated_by")
    return get_object_or_404(qs, pk=pk)


def party_for_user(*, user, partnership_pk, pk) -> Party:
    return get_object_or_404(
        Party.objects.filter(partnership__in=Partnership.objects.visible_to(user)).select_related(
            "organisation", "partnership"
        ),
        partnership_id=partnership_pk,
        pk=pk,
    )


def contribution_for_user(*, user, partnership_pk, pk) -> Contribution:
    return get_object_or_404(
        Contribution.objects.filter(
            party__partnership__in=Partnership.objects.visible_to(user)
        ).select_related("party__organisation", "party__partnership"),
        party__partnership_id=partnership_pk,
        pk=pk,
    )


def may_edit(user, partnership) -> bool:
    """The record itself (parties, stage, gates, reviews, agreements): home admins and
    staff. Partners read it, add their own contributions and comment."""
    return access.may_edit_registry(user)


def may_edit_party_contributions(user, party) -> bool:
    return access.may_edit_organisation(user, party.organisation_id)


def comments_of(partnership):
    """The partnership's comments, oldest first. The caller has fetched the partnership
    through `partnership_for_user`: whoever may read it may read its comments."""
    return Comment.objects.filter(partnership=partnership).select_related(
        "author", "organisation"
    )


def audit_entries(*, user, partnership, limit=50):
    """What changed on the partnership, its parties and their contributions, newest
    first; for those who may see the audit trail."""
    if not access.may_see_audit(user):
        return []
    party_history = Party.history.filter(partnership_id=partnership.pk)
    return history_entries(
        [
            (partnership.history.all(), _("Partnership"), lambda row: row.title),
            (
                party_history.select_related("organisation"),
                _("Party"),
                lambda row: row.organisation,
            ),
            (
                Contribution.history.filter(party_id__in=party_history.values("id")),
                _("Contribution"),
                lambda row: row.description,
            ),
        ],
        limit=limit,
    )


