"""Reads about partnerships. Every one starts from the access rule in accounts."""

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404

from hamwe.accounts import access

from .filters import PartnershipFilter
from .models import Contribution, Partnership, Party


def partnership_list(*, user, params):
    """The filtered list the user may see, the filter form, and counts by kind and stage
    (of the filtered list)."""
    base = Partnership.objects.visible_to(user)
    filterset = PartnershipFilter(params, queryset=base)
    qs = filterset.qs if filterset.is_valid() else base.none()
    counts = {
        "by_kind": dict(qs.order_by().values_list("kind").annotate(n=Count("pk"))),
        "by_stage": dict(qs.order_by().values_list("stage").annotate(n=Count("pk"))),
    }
    return filterset, qs.for_list().order_by("title", "pk"), counts


def partnership_for_user(*, user, pk) -> Partnership:
    return get_object_or_404(
        Partnership.objects.visible_to(user)
        .select_related("initiated_by")
        .prefetch_related(
            "thematic_areas",
            "impact_groups",
            "provinces",
            Prefetch(
                "parties",
                queryset=Party.objects.select_related("organisation").prefetch_related(
                    "contributions"
                ),
            ),
        ),
        pk=pk,
    )


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
