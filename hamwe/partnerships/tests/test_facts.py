"""Gates that read the record: each fact the partnership record establishes, on
hand-built records, and a gate item bound to one, which the record ticks and no one may
tick by hand."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hamwe.partners.tests.factories import ContactFactory, OrganisationFactory
from hamwe.partnerships.agreements import services as agreements
from hamwe.partnerships.cycle import services as cycle
from hamwe.partnerships.models import (
    Agreement,
    GateTick,
    Partnership,
    QualificationCheck,
    Review,
    StageChange,
)
from hamwe.partnerships.policy import current_policy
from hamwe.partnerships.records import services as records
from hamwe.partnerships.tests.factories import agreement
from hamwe.policy import facts

SCOPING = "scoping-and-building"
RATINGS = {"equity": 4, "transparency": 3, "mutual-learning": 5}


def fact(name, partnership, stage=SCOPING, pack=None):
    return facts.establish(name, partnership, stage=stage,
                           pack=pack or current_policy().pack)


def whole(partnership):
    return Partnership.objects.whole().get(pk=partnership.pk)


def at(model, row, when):
    """Put a row at a time of our choosing (its `at` is set on creation)."""
    model.objects.filter(pk=row.pk).update(at=when)


def review(partnership, *, ratings=RATINGS):
    return Review.objects.create(partnership=partnership, held_on=datetime.date(2026, 5, 4),
                                 objectives_met="fully", recommendation="continue",
                                 principle_ratings=ratings)


# --- Each fact on hand-built records ------------------------------------------------------

def test_qualification_passed_reads_the_latest_check(partnership_a, django_assert_num_queries):
    pack = current_policy().pack
    with django_assert_num_queries(1):  # the latest check
        found = fact("qualification-passed", partnership_a, pack=pack)
    assert not found.holds and found.because == "No qualification check has been run yet."
    assert found.url == reverse("partnerships:qualify", args=[partnership_a.pk]) + "#result"

    no = QualificationCheck.objects.create(partnership=partnership_a, answers={},
                                           is_partnership=False, patterns_found=["procurement"])
    at(QualificationCheck, no, timezone.now() - datetime.timedelta(days=2))
    assert "says this is not a partnership" in fact("qualification-passed", partnership_a).because
    QualificationCheck.objects.create(partnership=partnership_a, answers={}, is_partnership=True)
    found = fact("qualification-passed", partnership_a)
    assert found.holds and "says this is a partnership" in found.because


def test_the_parties_facts_need_two_parties_each_with_the_text(
    partnership_a, django_assert_num_queries
):
    parties = list(partnership_a.parties.order_by("pk"))  # A has objectives, Gamma none
    found = fact("own-objectives-recorded", partnership_a)
    assert not found.holds
    assert found.because == "No own objectives written yet for: Gamma Research Institute."
    assert found.url == reverse("partnerships:detail", args=[partnership_a.pk]) + "#parties"
    roles = fact("parties-have-roles", partnership_a)
    assert not roles.holds and "Alpha Women's Savings Network" in roles.because

    for party in parties:
        party.own_objectives, party.responsibilities = "Our own aims", "- Run the groups"
        party.save()
    loaded, pack = whole(partnership_a), current_policy().pack
    with django_assert_num_queries(0):  # the partnership's pages prefetch its parties
        assert fact("own-objectives-recorded", loaded, pack=pack).holds
        assert fact("parties-have-roles", loaded, pack=pack).holds
    assert "Each of the 2 parties" in fact("parties-have-roles", loaded).because

    parties[1].delete()
    found = fact("parties-have-roles", partnership_a)
    assert not found.holds and found.because == "The partnership has fewer than two parties."


def test_agreement_signed_reads_the_newest_version(partnership_a, django_assert_num_queries):
    pack = current_policy().pack
    with django_assert_num_queries(1):  # the newest version, with its signatures counted
        found = fact("agreement-signed", partnership_a, pack=pack)
    assert (found.holds, found.because) == (False, "No agreement has been generated yet.")
    assert found.url == reverse("partnerships:agreements", args=[partnership_a.pk])

    draft = agreement(partnership_a, status=Agreement.Status.DRAFT)
    found = fact("agreement-signed", partnership_a)
    assert not found.holds
    assert found.because == "Version 1 of the agreement is a draft, not yet sent for signature."
    assert found.url == reverse("partnerships:agreement_detail",
                                args=[partnership_a.pk, draft.pk])
    assert not fact("agreement-sent", partnership_a).holds

    Agreement.objects.filter(pk=draft.pk).update(status=Agreement.Status.SENT)
    agreement_ = Agreement.objects.get(pk=draft.pk)
    first = partnership_a.parties.first()
    agreement_.signatures.create(party=first, signatory="S", signed_on=datetime.date(2026, 3, 1))
    found = fact("agreement-signed", partnership_a)
    assert not found.holds and found.because == (
        "Version 1 of the agreement is sent for signature; 1 party has signed it.")
    assert fact("agreement-sent", partnership_a).holds

    agreement(partnership_a)  # version 2, signed by every party on 2 March 2026
    found = fact("agreement-signed", partnership_a)
    assert found.holds and found.because == (
        "Version 2 of the agreement is signed by every party it names (the last on "
        "2 March 2026).")

    agreement(partnership_a, status=Agreement.Status.DRAFT)  # a revision: the fact lapses
    found = fact("agreement-signed", partnership_a)
    assert not found.holds and "Version 3 of the agreement is a draft" in found.because


def test_review_recorded_counts_only_reviews_since_the_stage_was_entered(
    partnership_a, django_assert_num_queries
):
    now = timezone.now()
    # The partnership entered its stage when it was recorded (its first stage change),
    # put two months ago: a review since counts.
    at(StageChange, partnership_a.stage_changes.get(), now - datetime.timedelta(days=60))
    assert not fact("review-recorded", partnership_a).holds
    earlier = review(partnership_a)
    at(Review, earlier, now - datetime.timedelta(days=30))
    assert fact("review-recorded", partnership_a).holds

    entered = StageChange.objects.create(partnership=partnership_a, from_stage="reviewing",
                                         to_stage=SCOPING, to_phase="planning", note="Back")
    at(StageChange, entered, now - datetime.timedelta(days=10))
    pack = current_policy().pack
    with django_assert_num_queries(1):  # the review, the stage's entry as a subquery
        found = fact("review-recorded", partnership_a, pack=pack)
    assert not found.holds
    assert found.because == "No review has been recorded since the partnership entered this stage."

    # A move between the stage's phases does not start the stage again.
    phase = StageChange.objects.create(partnership=partnership_a, from_stage=SCOPING,
                                       to_stage=SCOPING, to_phase="identifying")
    at(StageChange, phase, now - datetime.timedelta(days=1))
    later = review(partnership_a)
    at(Review, later, now - datetime.timedelta(days=5))
    found = fact("review-recorded", partnership_a)
    assert found.holds
    assert found.because == "The review held on 4 May 2026 is recorded in this stage."
    assert found.url == reverse("partnerships:review_detail", args=[partnership_a.pk, later.pk])


def test_principles_rated_needs_every_principle_of_the_live_policy(partnership_a):
    assert not fact("principles-rated", partnership_a).holds
    review(partnership_a, ratings={"equity": 4, "mutual-learning": 5})
    found = fact("principles-rated", partnership_a)
    assert not found.holds
    assert found.because == "The review held on 4 May 2026 did not rate: Transparency."
    review(partnership_a)
    found = fact("principles-rated", partnership_a)
    assert found.holds and "rated each of the 3 principles" in found.because


# --- A gate item bound to a fact ------------------------------------------------------------

def _entry(partnership, key):
    fresh = Partnership.objects.get(pk=partnership.pk)
    return next(e for e in cycle.gate_status(fresh) if e["item"].key == key)


def test_an_item_bound_to_a_fact_is_never_ticked_by_hand(partnership_a, personas):
    staff = personas["staff"]
    entry = _entry(partnership_a, "agreement-signed")
    assert (entry["done"], entry["by_hand"], entry["fact"].name) == (
        False, False, "agreement-signed")
    with pytest.raises(ValidationError) as refused:
        cycle.gate_tick(partnership=partnership_a, by=staff, item="agreement-signed",
                        evidence="We signed it, trust us")
    assert "cannot be ticked by hand" in str(refused.value)
    assert not GateTick.objects.exists()

    # A tick made before the pack bound the item counts for nothing: the record decides.
    GateTick.objects.create(partnership=partnership_a, stage=SCOPING, item="agreement-signed",
                            evidence="Ticked in the old days", by=staff)
    assert not _entry(partnership_a, "agreement-signed")["done"]


@pytest.mark.usefixtures("without_the_reporting_fact")
def test_an_item_bound_to_a_fact_no_module_establishes_yet_is_ticked_by_hand(
    partnership_a, personas
):
    staff = personas["staff"]
    agreement(partnership_a)
    cycle.gate_tick(partnership=partnership_a, by=staff, item="due-diligence", evidence="Seen")
    cycle.stage_move(partnership=partnership_a, by=staff, to_stage="managing-and-maintaining")
    entry = _entry(partnership_a, "reports-approved")
    assert (entry["done"], entry["by_hand"], entry["fact"].module) == (False, True, "reporting")
    cycle.gate_tick(partnership=Partnership.objects.get(pk=partnership_a.pk), by=staff,
                    item="reports-approved", evidence="Q1 reports approved")
    assert _entry(partnership_a, "reports-approved")["done"]


@pytest.fixture
def recorded(live_policy, personas, org_a):
    """A partnership recorded through the services, both parties with a representative,
    its due diligence ticked: only the agreement keeps its first gate closed."""
    home = OrganisationFactory(name="Lakeside Health Alliance", is_home=True, sector="ingo")
    ContactFactory(organisation=home, name="Grace Niyonzima", is_primary=True)
    partnership = records.partnership_create(
        by=personas["staff"],
        data={"title": "Savings and health", "kind": "strategic",
              "shared_vision": "Women save together.", "joint_objectives": "40 groups"},
        parties=[{"organisation": home, "role": "lead", "own_objectives": "Reach"},
                 {"organisation": org_a, "role": "implementing", "own_objectives": "Grow"}],
    )
    cycle.gate_tick(partnership=partnership, by=personas["staff"], item="due-diligence",
                    evidence="Audited accounts 2025 seen")
    return partnership


def test_the_mou_item_cannot_be_ticked_while_a_draft_and_ticks_itself_at_the_last_signature(
    recorded, personas
):
    staff = personas["staff"]

    def move_on():
        cycle.stage_move(partnership=Partnership.objects.get(pk=recorded.pk), by=staff,
                         to_stage="managing-and-maintaining")

    draft = agreements.agreement_generate(partnership=recorded, by=staff, language="en")
    entry = _entry(recorded, "agreement-signed")
    assert not entry["done"] and "is a draft" in entry["finding"].because
    with pytest.raises(ValidationError, match="cannot be ticked by hand"):
        cycle.gate_tick(partnership=recorded, by=staff, item="agreement-signed",
                        evidence="The MoU")
    with pytest.raises(ValidationError, match="The partnership agreement is signed"):
        move_on()

    agreements.agreement_checklist_set(agreement=draft, by=staff, not_relevant=[
        key for key, entry in draft.checklist.items() if entry["status"] == "missing"])
    sent = agreements.agreement_send(agreement=draft, by=staff)
    parties = list(recorded.parties.order_by("pk"))
    assert len(parties) == 2
    for party in parties:
        assert not _entry(recorded, "agreement-signed")["done"]
        agreements.signature_add(agreement=sent, party=party, by=staff, data={
            "signatory": f"Signatory of {party.organisation}", "title": "Director",
            "signed_on": datetime.date.today()})
    entry = _entry(recorded, "agreement-signed")
    assert entry["done"] and "is signed by every party it names" in entry["finding"].because
    move_on()
    assert Partnership.objects.get(pk=recorded.pk).stage == "managing-and-maintaining"

    # Facts are read live: a new draft reopens the item of the stage left behind, which
    # only matters when the partnership comes back to it.
    agreements.agreement_generate(partnership=recorded, by=staff, language="en")
    fresh = Partnership.objects.get(pk=recorded.pk)
    scoping = {e["item"].key: e for e in cycle.gate_status(fresh, SCOPING)}
    assert not scoping["agreement-signed"]["done"]
    assert scoping["due-diligence"]["done"]  # a hand tick stays


def test_the_gate_reads_each_fact_once_with_one_query_each(
    partnership_a, django_assert_num_queries
):
    loaded, policy = whole(partnership_a), current_policy()
    # gate ticks, the current agreement (for "agreement-signed")
    with django_assert_num_queries(2):
        cycle.gate_status(loaded, policy=policy)


def test_the_shipped_gates_cost_one_query_per_fact_of_the_record(
    db, org_a, django_assert_num_queries
):
    from pathlib import Path

    from hamwe.partnerships.models import Party
    from hamwe.policy import services as policy_services
    from hamwe.policy.validation import parse_file

    packs = Path(__file__).resolve().parents[2] / "policy" / "packs"
    policy_services.policy_load(pack=parse_file(packs / "care-burundi.yaml"))
    partnership = Partnership.objects.create(title="Savings", kind="strategic",
                                             stage="scoping-building", phase="scoping")
    for organisation in (org_a, OrganisationFactory()):
        Party.objects.create(partnership=partnership, organisation=organisation,
                             role="implementing", own_objectives="Ours")
    policy = current_policy()
    loaded = whole(partnership)
    # gate ticks; the latest qualification check; the current agreement (each party's
    # own objectives come with the prefetched parties)
    with django_assert_num_queries(3):
        gate = cycle.gate_status(loaded, policy=policy)
    assert [(e["item"].key, e["done"], e["by_hand"]) for e in gate] == [
        ("qualifies-as-partnership", False, False),
        ("shared-vision-agreed", False, True),
        ("own-objectives-recorded", True, False),
        ("roles-contributions-risks", False, True),
        ("agreement-signed", False, False),
    ]
    # gate ticks; the review in the stage, for "review held" and for "principles rated"
    with django_assert_num_queries(3):
        gate = cycle.gate_status(loaded, "reviewing-revising", policy=policy)
    assert [e["item"].key for e in gate if not e["by_hand"]] == ["review-held",
                                                                 "principles-rated"]
