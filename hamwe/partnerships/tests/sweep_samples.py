"""The isolation sweep's view of partnerships: sample URL arguments for every route of
this app (all pointing at a partnership of organisation A), extra context objects, and
the state of A's partnerships that outsiders must never change.

Each area keeps its samples in its own dict below; every route must be in one of them.
"""

from hamwe.partnerships.models import (
    Agreement,
    Comment,
    Contribution,
    GateTick,
    Partnership,
    Review,
    Signature,
    StageChange,
)

RECORD_SAMPLES = {}  # list, detail, create, edit, parties, contributions, comments
CYCLE_SAMPLES = {}  # qualification check, gate ticks, stage moves, reviews
AGREEMENT_SAMPLES = {}  # agreements (MoU), documents, signatures
API_SAMPLES = {}  # /api/v1/ endpoints of this app

SAMPLES = {**RECORD_SAMPLES, **CYCLE_SAMPLES, **AGREEMENT_SAMPLES, **API_SAMPLES}


def context_of(partnership):
    """Objects of A's partnership that samples may point at."""
    party_a = partnership.parties.exclude(organisation__name__startswith="Gamma").first()
    return {
        "party_a": party_a,
        "contribution_a": party_a.contributions.first(),
    }


def partnership_state(org):
    """Everything about the partnerships `org` is party to that a write could change."""
    ids = list(Partnership.objects.filter(parties__organisation=org).values_list("pk", flat=True))
    return (
        tuple(
            Partnership.objects.filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", "version", "title", "stage", "phase", "status")
        ),
        tuple(
            Contribution.objects.filter(party__partnership__in=ids)
            .order_by("pk")
            .values_list("pk", "version", "description")
        ),
        Comment.objects.filter(partnership__in=ids).count(),
        GateTick.objects.filter(partnership__in=ids).count(),
        StageChange.objects.filter(partnership__in=ids).count(),
        Review.objects.filter(partnership__in=ids).count(),
        Agreement.objects.filter(partnership__in=ids).count(),
        Signature.objects.filter(agreement__partnership__in=ids).count(),
    )
