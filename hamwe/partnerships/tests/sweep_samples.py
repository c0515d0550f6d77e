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

RECORD_SAMPLES = {  # list, detail, create, edit, parties, contributions, comments
    "partnerships:list": lambda ctx: {},
    "partnerships:create": lambda ctx: {},
    "partnerships:detail": lambda ctx: {"pk": ctx.partnership_a.pk},
    "partnerships:edit": lambda ctx: {"pk": ctx.partnership_a.pk},
    "partnerships:party_add": lambda ctx: {"pk": ctx.partnership_a.pk},
    "partnerships:party_edit": lambda ctx: {
        "pk": ctx.partnership_a.pk, "party_pk": ctx.party_a.pk},
    "partnerships:party_remove": lambda ctx: {
        "pk": ctx.partnership_a.pk, "party_pk": ctx.party_a.pk},
    "partnerships:contribution_add": lambda ctx: {
        "pk": ctx.partnership_a.pk, "party_pk": ctx.party_a.pk},
    "partnerships:contribution_edit": lambda ctx: {
        "pk": ctx.partnership_a.pk, "contribution_pk": ctx.contribution_a.pk},
    "partnerships:contribution_delete": lambda ctx: {
        "pk": ctx.partnership_a.pk, "contribution_pk": ctx.contribution_a.pk},
    "partnerships:comment_add": lambda ctx: {"pk": ctx.partnership_a.pk},
}
CYCLE_SAMPLES = {  # qualification check, gate ticks, stage moves, reviews
    **{
        f"partnerships:{name}": lambda ctx: {"pk": ctx.partnership_a.pk}
        for name in ("cycle", "qualify", "gate_tick", "gate_untick", "stage_move", "review_new")
    },
    "partnerships:review_detail": lambda ctx: {
        "pk": ctx.partnership_a.pk, "review_pk": ctx.review_a.pk},
}
AGREEMENT_SAMPLES = {  # agreements (MoU), documents, signatures
    "partnerships:agreements": lambda ctx: {"pk": ctx.partnership_a.pk},
    "partnerships:agreement_generate": lambda ctx: {"pk": ctx.partnership_a.pk},
    **{
        f"partnerships:{name}": lambda ctx: {
            "pk": ctx.partnership_a.pk, "agreement_pk": ctx.agreement_a.pk}
        for name in ("agreement_detail", "agreement_checklist", "agreement_send",
                     "agreement_docx", "agreement_pdf")
    },
    # A version sent for signature, which the third party has signed: A has not yet.
    "partnerships:signature_add": lambda ctx: {
        "pk": ctx.partnership_a.pk, "agreement_pk": ctx.agreement_sent_a.pk},
    "partnerships:signature_scan": lambda ctx: {
        "pk": ctx.partnership_a.pk, "agreement_pk": ctx.agreement_sent_a.pk,
        "signature_pk": ctx.signature_a.pk},
}
API_SAMPLES = {  # /api/v1/ endpoints of this app
    "v1:partnership-list": lambda ctx: {},
    "v1:partnership-detail": lambda ctx: {"pk": ctx.partnership_a.pk},
    "v1:partnership-history": lambda ctx: {"pk": ctx.partnership_a.pk},
    "v1:partnership-qualify": lambda ctx: {"pk": ctx.partnership_a.pk},
    "v1:partnership-move": lambda ctx: {"pk": ctx.partnership_a.pk},
    "v1:contribution-list": lambda ctx: {},
    "v1:contribution-detail": lambda ctx: {"pk": ctx.contribution_a.pk},
    "v1:comment-list": lambda ctx: {},
}

SAMPLES = {**RECORD_SAMPLES, **CYCLE_SAMPLES, **AGREEMENT_SAMPLES, **API_SAMPLES}


def context_of(partnership):
    """Objects of A's partnership that samples may point at."""
    party_a = partnership.parties.exclude(organisation__name__startswith="Gamma").first()
    return {
        "party_a": party_a,
        "contribution_a": party_a.contributions.first(),
        "review_a": _review_of(partnership, party_a),
        **_agreements_of(partnership),
    }


def _agreements_of(partnership):
    """Version 1, sent and signed by the third party; version 2, a draft."""
    import datetime

    from hamwe.partnerships.agreements.services import agreement_generate

    sent = agreement_generate(partnership=partnership, by=None, language="en")
    Agreement.objects.filter(pk=sent.pk).update(status=Agreement.Status.SENT)
    third = partnership.parties.get(organisation__name__startswith="Gamma")
    signature = Signature.objects.create(agreement=sent, party=third, signatory="Third",
                                         signed_on=datetime.date.today())
    draft = agreement_generate(partnership=partnership, by=None, language="en")
    return {"agreement_sent_a": sent, "agreement_a": draft, "signature_a": signature}


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


def _review_of(partnership, party):
    """A review of A's partnership, valuing A's part in it."""
    import datetime

    from hamwe.partnerships.models import ReviewValue

    review = Review.objects.create(
        partnership=partnership, held_on=datetime.date(2026, 6, 30), objectives_met="partly",
        principle_ratings={"equity": 4, "transparency": 3, "mutual-learning": 5},
        recommendation="continue",
    )
    ReviewValue.objects.create(review=review, party=party, expected="Training",
                               received="Some training", rating=4)
    return review
