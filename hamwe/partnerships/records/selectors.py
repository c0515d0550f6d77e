"""Reads about partnerships. Every one starts from the access rule in accounts."""


from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.utils.translation import gettext as _

from hamwe.accounts import access
from hamwe.core.records import history_entries, one_or_404

from ..models import (
    Comment,
    Contribution,
    Partnership,
    Party,
)
from .filters import PartnershipFilter

# What the list page shows of each partnership: plain values, not model instances.
ROW_FIELDS = ("id", "title", "kind", "stage", "phase", "status", "is_partnership",
              "relationship_label")


def partnership_list(*, user, params, policy=None):
    """The filtered list the user may see (rows of ROW_FIELDS, in the list's order), the
    filter form, and counts by kind and stage (of the filtered list) with their total:
    one aggregate query for all three."""
    base = Partnership.objects.visible_to(user)
    filterset = PartnershipFilter(params, queryset=base, policy=policy)
    qs = filterset.qs if filterset.is_valid() else base.none()
    by_kind, by_stage, total = {}, {}, 0
    # COUNT(*), not of a column: counted from the index alone (partnership_counts_idx).
    for kind, stage, n in qs.order_by().values_list("kind", "stage").annotate(n=Count("*")):
        by_kind[kind] = by_kind.get(kind, 0) + n
        by_stage[stage] = by_stage.get(stage, 0) + n
        total += n
    counts = {"by_kind": by_kind, "by_stage": by_stage, "total": total}
    return filterset, qs.order_by("title", "pk").values(*ROW_FIELDS), counts


def parties_of(partnership_ids) -> dict[int, list[tuple[str, str]]]:
    """The parties' organisations of these partnerships, as (name, acronym), by
    partnership: one query."""
    found = {}
    rows = (Party.objects.filter(partnership_id__in=list(partnership_ids))
            .order_by("partnership_id", "pk")
            .values_list("partnership_id", "organisation__name", "organisation__acronym"))
    for partnership_id, name, acronym in rows:
        found.setdefault(partnership_id, []).append((name, acronym))
    return found


def partnership_for_user(*, user, pk, whole=False) -> Partnership:
    """The partnership, if the user may read it (404 otherwise); `whole` brings its
    themes, places, parties and contributions along, for the pages that show them."""
    qs = Partnership.objects.visible_to(user)
    qs = qs.whole() if whole else qs.select_related("initiated_by")
    return one_or_404(qs, pk=pk)


def partnership_for_editor(*, user, pk, whole=False) -> Partnership:
    """A partnership the user may change (parties, stage, gates, reviews, agreements):
    404 if they may not see it, 403 if they may see but not change it."""
    partnership = partnership_for_user(user=user, pk=pk, whole=whole)
    if not access.may_edit_partnership(user, partnership):
        raise PermissionDenied
    return partnership


def party_for_user(*, user, partnership_pk, pk) -> Party:
    return one_or_404(
        Party.objects.filter(partnership__in=Partnership.objects.visible_to(user)).select_related(
            "organisation", "partnership"
        ),
        partnership_id=partnership_pk,
        pk=pk,
    )


def party_for_editor(*, user, partnership_pk, pk) -> Party:
    """A party whose record (role, objectives, risks) the user may change, or 404/403."""
    party = party_for_user(user=user, partnership_pk=partnership_pk, pk=pk)
    if not access.may_edit_partnership(user, party.partnership):
        raise PermissionDenied
    return party


def party_for_contributor(*, user, partnership_pk, pk) -> Party:
    """A party the user may add contributions for (their own organisation's, or any for
    home admins and staff), or 404/403."""
    party = party_for_user(user=user, partnership_pk=partnership_pk, pk=pk)
    if not access.may_act_for_party(user, party):
        raise PermissionDenied
    return party


def contribution_for_user(*, user, partnership_pk, pk) -> Contribution:
    return one_or_404(
        Contribution.objects.filter(
            party__partnership__in=Partnership.objects.visible_to(user)
        ).select_related("party__organisation", "party__partnership"),
        party__partnership_id=partnership_pk,
        pk=pk,
    )


def contribution_for_editor(*, user, partnership_pk, pk) -> Contribution:
    """A contribution the user may change: their own party's (or any, for home admins
    and staff), or 404/403."""
    contribution = contribution_for_user(user=user, partnership_pk=partnership_pk, pk=pk)
    if not access.may_act_for_party(user, contribution.party):
        raise PermissionDenied
    return contribution


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


