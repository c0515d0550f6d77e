"""The isolation sweep's view of partnerships: a sample for every route of this app (all
pointing at a partnership of organisation A), each write with a payload its route
accepts (see hamwe/tests/samples.py), the objects the samples point at, and the state of
A's partnerships that someone who may not must never change.

Each area keeps its samples in its own dict below; every route must be in one of them.
"""

import datetime
import json

from hamwe.partnerships.agreements import checklist
from hamwe.partnerships.models import (
    Agreement,
    Comment,
    Contribution,
    GateTick,
    Partnership,
    Party,
    QualificationCheck,
    Review,
    Signature,
    StageChange,
)
from hamwe.partnerships.policy import current_policy
from hamwe.partnerships.records.forms import (
    ContributionForm,
    NewPartyForm,
    PartnershipForm,
    PartyForm,
)
from hamwe.tests.samples import EDITS_A, HOME_EDITORS, api, current, form_data, page, read


def _partnership(ctx):
    return {"pk": ctx.partnership_a.pk}


def _party(ctx):
    return {"pk": ctx.partnership_a.pk, "party_pk": ctx.party_a.pk}


def _contribution(ctx):
    return {"pk": ctx.partnership_a.pk, "contribution_pk": ctx.contribution_a.pk}


def _record(ctx):
    """A's partnership as its edit form shows it, renamed."""
    form = PartnershipForm(instance=current(ctx.partnership_a), user=ctx.staff,
                           policy=current_policy())
    return form_data(form, title="Renamed by the sweep")


def _new_partnership(ctx):
    """A new partnership of A and a newcomer, as the form and its parties' rows send it."""
    form = PartnershipForm(user=ctx.staff, policy=current_policy())
    data = form_data(form, title="Recorded by the sweep", kind="strategic")
    rows = [(ctx.org_a, "implementing"), (ctx.newcomer, "funding")]
    data.update({"parties-TOTAL_FORMS": str(len(rows)), "parties-INITIAL_FORMS": "0",
                 "parties-MIN_NUM_FORMS": "0", "parties-MAX_NUM_FORMS": "10"})
    for i, (organisation, role) in enumerate(rows):
        data.update({f"parties-{i}-organisation": str(organisation.pk),
                     f"parties-{i}-role": role})
    return data


RECORD_SAMPLES = {  # list, detail, create, edit, parties, contributions, comments
    "partnerships:list": read(),
    "partnerships:detail": read(_partnership),
    "partnerships:create": page(post=_new_partnership, writers=HOME_EDITORS,
                                guard="may_edit_partnership"),
    "partnerships:edit": page(_partnership, post=_record, writers=HOME_EDITORS,
                              guard="may_edit_partnership"),
    "partnerships:party_add": page(
        _partnership,
        post=lambda ctx: form_data(
            NewPartyForm(user=ctx.staff, partnership=ctx.partnership_a),
            organisation=ctx.newcomer, role="funding"),
        writers=HOME_EDITORS, guard="may_edit_partnership"),
    "partnerships:party_edit": page(
        _party,
        post=lambda ctx: form_data(PartyForm(instance=current(ctx.party_a)),
                                   own_objectives="Changed by the sweep"),
        writers=HOME_EDITORS, guard="may_edit_partnership"),
    # A's party, of three: a partnership keeps at least two.
    "partnerships:party_remove": page(_party, post=lambda ctx: {}, writers=HOME_EDITORS,
                                      guard="may_edit_partnership"),
    # A's own partner users keep A's contributions.
    "partnerships:contribution_add": page(
        _party,
        post=lambda ctx: form_data(ContributionForm(), kind="staff",
                                   description="Added by the sweep"),
        writers=EDITS_A, guard="may_act_for_party"),
    "partnerships:contribution_edit": page(
        _contribution,
        post=lambda ctx: form_data(ContributionForm(instance=current(ctx.contribution_a)),
                                   description="Changed by the sweep"),
        writers=EDITS_A, guard="may_act_for_party"),
    "partnerships:contribution_delete": page(_contribution, post=lambda ctx: {},
                                             writers=EDITS_A, guard="may_act_for_party"),
    "partnerships:comment_add": page(
        _partnership, post=lambda ctx: {"text": "A comment from the sweep"},
        writers=EDITS_A, guard="may_comment"),
}


def _answers(value):
    return {q.key: value for q in current_policy().non_partnerships}


def _next_phase(ctx):
    """The phase after the partnership's current one, in the same stage (no gate)."""
    stage = current_policy().stage(ctx.partnership_a.stage)
    keys = [p.key for p in stage.phases]
    return stage.key, keys[keys.index(ctx.partnership_a.phase) + 1]


def _review(ctx):
    """A review of A's partnership as its form sends it: every principle rated, every
    party valued, the qualification questions answered."""
    policy = current_policy()
    parties = list(ctx.partnership_a.parties.all())
    data = {"held_on": "2026-06-30", "objectives_met": "partly",
            "recommendation": "continue", "value-TOTAL_FORMS": str(len(parties)),
            "value-INITIAL_FORMS": str(len(parties)), "value-MIN_NUM_FORMS": "0",
            "value-MAX_NUM_FORMS": "200"}
    data.update({f"principle_{p.key}": "4" for p in policy.principles})
    data.update({f"q-pattern_{key}": "no" for key in _answers("no")})
    for i, party in enumerate(parties):
        data.update({f"value-{i}-party": str(party.pk), f"value-{i}-rating": "3"})
    return data


CYCLE_SAMPLES = {  # qualification check, gate ticks, stage moves, reviews
    "partnerships:cycle": read(_partnership),
    "partnerships:review_detail": read(
        lambda ctx: {"pk": ctx.partnership_a.pk, "review_pk": ctx.review_a.pk}),
    "partnerships:qualify": page(
        _partnership, post=lambda ctx: {f"pattern_{k}": v for k, v in _answers("no").items()},
        writers=HOME_EDITORS, guard="may_edit_partnership"),
    # The stage's gate item ticked by hand is ticked already: ticked again with other
    # evidence, or unticked (the other item is ticked by the record, never by hand).
    "partnerships:gate_tick": page(
        _partnership, post=lambda ctx: {"item": ctx.gate_items[0], "evidence": "Seen"},
        writers=HOME_EDITORS, guard="may_edit_partnership"),
    "partnerships:gate_untick": page(
        _partnership, post=lambda ctx: {"item": ctx.gate_items[0]},
        writers=HOME_EDITORS, guard="may_edit_partnership"),
    "partnerships:stage_move": page(
        _partnership, post=lambda ctx: {"target": "/".join(_next_phase(ctx))},
        writers=HOME_EDITORS, guard="may_edit_partnership"),
    "partnerships:review_new": page(_partnership, post=_review, writers=HOME_EDITORS,
                                    guard="may_edit_partnership"),
}


def _agreement(name):
    return lambda ctx: {"pk": ctx.partnership_a.pk, "agreement_pk": getattr(ctx, name).pk}


def _toggled_checklist(ctx):
    """Mark every ingredient not yet marked "not relevant" (or, if all are, none)."""
    marked = {key for key, entry in current(ctx.agreement_a).checklist.items()
              if entry["status"] == checklist.NOT_RELEVANT}
    return {"not_relevant": [k for k in checklist.INGREDIENT_KEYS if k not in marked]}


AGREEMENT_SAMPLES = {  # agreements (MoU), documents, signatures
    "partnerships:agreements": read(_partnership),
    **{
        f"partnerships:{name}": read(_agreement("agreement_a"))
        for name in ("agreement_detail", "agreement_docx", "agreement_pdf")
    },
    # The version sent for signature reads otherwise: its signatures, who may sign next.
    "partnerships:agreement_detail#sent": read(_agreement("agreement_sent_a")),
    "partnerships:signature_scan": read(
        lambda ctx: {"pk": ctx.partnership_a.pk, "agreement_pk": ctx.agreement_sent_a.pk,
                     "signature_pk": ctx.signature_a.pk}),
    "partnerships:agreement_generate": page(
        _partnership, post=lambda ctx: {"language": "en"}, writers=HOME_EDITORS,
        guard="may_edit_partnership"),
    # Version 2, a draft whose ingredients missing from the record are marked not relevant.
    "partnerships:agreement_checklist": page(
        _agreement("agreement_a"), post=_toggled_checklist, writers=HOME_EDITORS,
        guard="may_edit_partnership"),
    "partnerships:agreement_send": page(
        _agreement("agreement_a"), post=lambda ctx: {}, writers=HOME_EDITORS,
        guard="may_edit_partnership"),
    # Version 1, sent for signature and signed by the third party: A has not signed yet,
    # and A's own partner users may record A's signature.
    "partnerships:signature_add": page(
        _agreement("agreement_sent_a"),
        post=lambda ctx: {"party": str(ctx.party_a.pk), "signatory": "Signed for A",
                          "signed_on": datetime.date.today().isoformat()},
        writers=EDITS_A, guard="may_act_for_party"),
}
API_SAMPLES = {  # /api/v1/: POST creates on a list, PUT and PATCH update, DELETE removes
    "v1:partnership-history": read(_partnership),
    "v1:partnership-list": api(
        writes=("POST",),
        body=lambda ctx: {"title": "Recorded by the sweep", "kind": "strategic", "parties": [
            {"organisation": ctx.org_a.pk, "role": "implementing"},
            {"organisation": ctx.newcomer.pk, "role": "funding"}]},
        writers=HOME_EDITORS, guard="may_edit_partnership"),
    "v1:partnership-detail": api(
        _partnership, writes=("PUT", "PATCH"),
        body=lambda ctx: {"title": "Renamed by the sweep", "kind": ctx.partnership_a.kind,
                          "version": current(ctx.partnership_a).version},
        writers=HOME_EDITORS, guard="may_edit_partnership"),
    "v1:partnership-qualify": api(
        _partnership, writes=("POST",), body=lambda ctx: {"answers": _answers(False)},
        writers=HOME_EDITORS, guard="may_edit_partnership"),
    "v1:partnership-move": api(
        _partnership, writes=("POST",),
        body=lambda ctx: dict(zip(("to_stage", "to_phase"), _next_phase(ctx), strict=True)),
        writers=HOME_EDITORS, guard="may_edit_partnership"),
    "v1:contribution-list": api(
        writes=("POST",),
        body=lambda ctx: {"party": ctx.party_a.pk, "kind": "staff",
                          "description": "Added by the sweep"},
        writers=EDITS_A, guard=("may_add_contributions", "may_act_for_party")),
    "v1:contribution-detail": api(
        lambda ctx: {"pk": ctx.contribution_a.pk}, writes=("PUT", "PATCH", "DELETE"),
        body=lambda ctx: {"party": ctx.party_a.pk, "kind": "staff",
                          "description": "Changed by the sweep",
                          "version": current(ctx.contribution_a).version},
        writers=EDITS_A, guard="may_act_for_party"),
    "v1:comment-list": api(
        writes=("POST",),
        body=lambda ctx: {"partnership": ctx.partnership_a.pk,
                          "text": "A comment from the sweep"},
        writers=EDITS_A, guard="may_comment"),
    # Read only (issue #18): A's agreements, reviews and gate items.
    "v1:agreement-list": read(),
    "v1:agreement-detail": read(lambda ctx: {"pk": ctx.agreement_sent_a.pk}),
    "v1:review-list": read(),
    "v1:review-detail": read(lambda ctx: {"pk": ctx.review_a.pk}),
    "v1:gate-item-list": read(),
    "v1:gate-item-detail": read(
        lambda ctx: {"pk": ctx.partnership_a.gate_ticks.order_by("pk").first().pk}),
}

SAMPLES = {**RECORD_SAMPLES, **CYCLE_SAMPLES, **AGREEMENT_SAMPLES, **API_SAMPLES}


def context_of(partnership, *, by):
    """Objects of A's partnership that samples point at, made `by` a home editor: a
    third party (so one can be removed), a newcomer that is not a party, the gate items
    ticked by hand (the first one ticked), a review, and two versions of the agreement."""
    from hamwe.partners.tests.factories import OrganisationFactory
    from hamwe.partnerships.cycle import services as cycle
    from hamwe.partnerships.records import services as records

    party_a = partnership.parties.get(organisation__name__startswith="Alpha")
    records.party_add(partnership=partnership, by=by, data={
        "organisation": OrganisationFactory(name="Delta Farmers Union"), "role": "advocacy"})
    gate = [entry["item"].key for entry in cycle.gate_status(partnership) if entry["by_hand"]]
    cycle.gate_tick(partnership=partnership, by=by, item=gate[0], evidence="Signed copy")
    return {
        "party_a": party_a,
        "contribution_a": party_a.contributions.get(),
        "newcomer": OrganisationFactory(name="Epsilon Cooperative"),
        "gate_items": gate,
        "review_a": _review_of(partnership, by=by),
        **_agreements_of(partnership, by=by),
    }


def _review_of(partnership, *, by):
    """A review of A's partnership, valuing each party's part in it."""
    from hamwe.partnerships.cycle import services as cycle

    policy = current_policy()
    return cycle.review_record(
        partnership=partnership, by=by,
        data={"held_on": datetime.date(2026, 6, 30), "objectives_met": "partly",
              "recommendation": "continue",
              "principle_ratings": {p.key: 4 for p in policy.principles}},
        values=[{"party": p, "expected": "Training", "received": "Some training", "rating": 4}
                for p in partnership.parties.all()],
        answers=_answers(False),
    )


def _agreements_of(partnership, *, by):
    """Version 1, sent and signed by the third party; version 2, a draft. In both, the
    ingredients the record lacks are marked not relevant, so that either can be sent."""
    from hamwe.partnerships.agreements import services

    def generated():
        agreement = services.agreement_generate(partnership=partnership, by=by, language="en")
        missing = [key for key, entry in agreement.checklist.items()
                   if entry["status"] == checklist.MISSING]
        return services.agreement_checklist_set(agreement=agreement, by=by, not_relevant=missing)

    sent = services.agreement_send(agreement=generated(), by=by)
    signature = services.signature_add(
        agreement=sent, party=partnership.parties.get(organisation__name__startswith="Gamma"),
        by=by, data={"signatory": "Third", "signed_on": datetime.date.today()})
    return {"agreement_sent_a": sent, "agreement_a": generated(), "signature_a": signature}


def partnership_state(org):
    """Everything about the partnerships `org` is party to that a write could change."""
    ids = list(Partnership.objects.filter(parties__organisation=org).values_list("pk", flat=True))
    mine = {"partnership__in": ids}
    return (
        tuple(
            Partnership.objects.filter(pk__in=ids).order_by("pk").values_list(
                "pk", "version", "title", "stage", "phase", "status", "is_partnership")
        ),
        tuple(Party.objects.filter(**mine).order_by("pk").values_list(
            "pk", "organisation", "role", "own_objectives", "version")),
        tuple(Contribution.objects.filter(party__partnership__in=ids).order_by("pk")
              .values_list("pk", "version", "description")),
        Comment.objects.filter(**mine).count(),
        QualificationCheck.objects.filter(**mine).count(),
        tuple(GateTick.objects.filter(**mine).order_by("pk").values_list(
            "stage", "item", "evidence")),
        StageChange.objects.filter(**mine).count(),
        Review.objects.filter(**mine).count(),
        tuple((pk, status, json.dumps(items, sort_keys=True)) for pk, status, items in
              Agreement.objects.filter(**mine).order_by("pk").values_list(
                  "pk", "status", "checklist")),
        Signature.objects.filter(agreement__partnership__in=ids).count(),
    )
