"""The partnership's rules: parties, the qualification check, the cycle's gates and loops,
reviews, and the strategy's measures."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.partnerships.cycle import services as cycle
from hamwe.partnerships.models import Partnership
from hamwe.partnerships.records import services as records
from hamwe.partnerships.tests.factories import agreement

NO_PATTERN = {"procurement": False, "one-way-accountability": False}


@pytest.fixture
def home(db):
    return OrganisationFactory(name="Home NGO", sector="ingo", is_home=True)


@pytest.fixture
def created(live_policy, personas, org_a, home):
    return records.partnership_create(
        by=personas["staff"], data={"title": "Savings and research", "kind": "strategic"},
        parties=[{"organisation": org_a, "role": "implementing"},
                 {"organisation": home, "role": "technical"}],
    )


def test_a_new_partnership_starts_at_the_policy_first_stage(created):
    assert (created.stage, created.phase) == ("scoping-and-building", "scoping")
    assert created.includes_home
    assert list(created.stage_changes.values_list("to_stage", flat=True)) == [
        "scoping-and-building"]


def test_one_party_is_not_a_partnership(live_policy, personas, org_a):
    with pytest.raises(ValidationError):
        records.partnership_create(
            by=personas["staff"], data={"title": "Alone", "kind": "strategic"},
            parties=[{"organisation": org_a, "role": "lead"},
                     {"organisation": org_a, "role": "funding"}])


def test_the_kind_must_come_from_the_policy(live_policy, personas, org_a, org_b):
    with pytest.raises(ValidationError) as error:
        records.partnership_create(
            by=personas["staff"], data={"title": "X", "kind": "franchise"},
            parties=[{"organisation": org_a, "role": "lead"},
                     {"organisation": org_b, "role": "funding"}])
    assert "kind" in error.value.message_dict


def test_qualification_names_the_pattern_and_labels_the_relationship(created, personas):
    questions = cycle.qualification_questions()
    assert [q["key"] for q in questions] == ["procurement", "one-way-accountability"]
    check = cycle.qualification_run(partnership=created, by=personas["staff"],
                                       answers={**NO_PATTERN, "procurement": True})
    assert not check.is_partnership and check.patterns_found == ["procurement"]
    created.refresh_from_db()
    assert created.is_partnership is False and created.relationship_label
    cycle.qualification_run(partnership=created, by=personas["staff"], answers=NO_PATTERN)
    created.refresh_from_db()
    assert created.is_partnership is True and created.relationship_label == ""


def test_every_question_must_be_answered(created, personas):
    with pytest.raises(ValidationError):
        cycle.qualification_run(partnership=created, by=personas["staff"],
                                   answers={"procurement": False})


def test_the_gate_holds_until_every_item_is_ticked_with_evidence(created, personas):
    staff = personas["staff"]
    with pytest.raises(ValidationError, match="gate"):
        cycle.stage_move(partnership=created, by=staff, to_stage="managing-and-maintaining")
    with pytest.raises(ValidationError):
        cycle.gate_tick(partnership=created, by=staff, item="due-diligence", evidence=" ")
    cycle.gate_tick(partnership=created, by=staff, item="due-diligence", evidence="Audit seen")
    with pytest.raises(ValidationError, match="gate"):  # the agreement is not signed yet
        cycle.stage_move(partnership=created, by=staff, to_stage="managing-and-maintaining")
    agreement(created)  # the record ticks "The partnership agreement is signed ..."
    cycle.stage_move(partnership=created, by=staff, to_stage="managing-and-maintaining",
                        note="Agreement signed")
    created.refresh_from_db()
    assert created.stage == "managing-and-maintaining" and created.phase == "managing"
    assert created.status == Partnership.Status.ACTIVE


def test_stages_are_taken_one_at_a_time(created, personas):
    with pytest.raises(ValidationError):
        cycle.stage_move(partnership=created, by=personas["staff"],
                            to_stage="sustaining-outcomes")


def _walk_to_reviewing(partnership, by):
    agreement(partnership)
    cycle.gate_tick(partnership=partnership, by=by, item="due-diligence", evidence="done")
    cycle.stage_move(partnership=partnership, by=by, to_stage="managing-and-maintaining")
    cycle.gate_tick(partnership=Partnership.objects.get(pk=partnership.pk), by=by,
                       item="reports-approved", evidence="Q1 and Q2 reports")
    cycle.stage_move(partnership=partnership, by=by, to_stage="reviewing-and-revising")


@pytest.mark.usefixtures("without_the_reporting_fact")
def test_revising_loops_back_only_where_the_policy_allows_and_with_a_reason(created, personas):
    staff = personas["staff"]
    _walk_to_reviewing(created, staff)
    with pytest.raises(ValidationError):
        cycle.stage_move(partnership=created, by=staff, to_stage="scoping-and-building",
                            to_phase="planning")  # no note
    cycle.stage_move(partnership=created, by=staff, to_stage="scoping-and-building",
                        to_phase="planning", note="Replan with the new partner")
    created.refresh_from_db()
    assert (created.stage, created.phase) == ("scoping-and-building", "planning")
    with pytest.raises(ValidationError):  # no loop from scoping back to... itself earlier
        cycle.stage_move(partnership=created, by=staff, to_stage="reviewing-and-revising")
    history = list(created.stage_changes.values_list("to_stage", flat=True))
    assert history == ["scoping-and-building", "managing-and-maintaining",
                       "reviewing-and-revising", "scoping-and-building"]


def test_a_review_rates_each_principle_reruns_the_check_and_sets_the_next_date(
    created, personas
):
    party = created.parties.first()
    review = cycle.review_record(
        partnership=created, by=personas["staff"],
        data={"held_on": datetime.date(2026, 6, 30), "objectives_met": "partly",
              "principle_ratings": {"equity": 4, "transparency": 3, "mutual-learning": 5},
              "recommendation": "revise", "revise_agreement": True},
        values=[{"party": party, "expected": "Training", "received": "Some", "rating": 3}],
        answers=NO_PATTERN,
    )
    assert review.qualification.occasion == "review"
    created.refresh_from_db()
    assert created.next_review_on == datetime.date(2026, 12, 27)
    with pytest.raises(ValidationError):
        cycle.review_record(
            partnership=created, by=personas["staff"],
            data={"held_on": datetime.date(2026, 7, 1), "objectives_met": "fully",
                  "principle_ratings": {"equity": 4}, "recommendation": "continue"},
            values=[], answers=NO_PATTERN)
