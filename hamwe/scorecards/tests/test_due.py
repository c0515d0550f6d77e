"""What is due in score cards (scorecards/due.py): each provider on hand-built data, for
home staff and for partner users, never telling anyone who else answered."""

import datetime

import pytest
from django.utils import timezone

from hamwe.core.registries import due_for
from hamwe.scorecards.followup import services as plan
from hamwe.scorecards.models import Action, Invitation, Round
from hamwe.scorecards.rounds import services

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def items(user, name):
    return due_for(user, today=TODAY, only=[name])


def titles(user, name):
    return [item.title for item in items(user, name)]


def _answer(round_, user):
    services.answer_submit(round_=round_, user=user, scores=[
        {"indicator": round_.indicators.first().pk, "score": 70}])


def _draft(personas, title, opens_in, closes_in=60):
    return services.round_create(by=personas["staff"], title=title, period="FY27",
                                 opens_on=days(opens_in), closes_on=days(closes_in))


# --- Answering --------------------------------------------------------------------------


def test_a_partner_is_asked_to_answer_with_their_own_invitation_only(personas, round_a):
    (item,) = items(personas["partner_a"], "scorecard-answer")
    assert item.title == "Answer the score card “Partner score card 2026”"
    assert item.url == f"/scorecards/{round_a.pk}/answer/"
    assert item.due_on == round_a.closes_on

    # A colleague answering tells partner_a nothing: they are still asked, as before.
    _answer(round_a, personas["partner_admin_a"])
    assert titles(personas["partner_a"], "scorecard-answer") == [item.title]
    assert items(personas["partner_admin_a"], "scorecard-answer") == []
    _answer(round_a, personas["partner_a"])
    assert items(personas["partner_a"], "scorecard-answer") == []
    assert len(items(personas["partner_b"], "scorecard-answer")) == 1


def test_no_one_is_asked_to_answer_a_draft_or_closed_round(personas, round_a):
    draft = _draft(personas, "Not open yet", 3)
    services.invite(round_=draft, by=personas["staff"], users=[personas["partner_a"]])
    services.round_close(round_=round_a, by=personas["staff"])
    assert items(personas["partner_a"], "scorecard-answer") == []
    assert items(personas["staff"], "scorecard-answer") == []


def test_the_results_of_the_latest_closed_round_are_shared(personas, round_a):
    assert items(personas["partner_a"], "scorecard-results") == []
    services.round_close(round_=round_a, by=personas["staff"])
    (item,) = items(personas["partner_a"], "scorecard-results")
    assert item.shared and item.since == TODAY
    assert item.url == f"/scorecards/{round_a.pk}/results/"
    # Whether they answered or not: nothing here depends on it.
    assert items(personas["partner_b"], "scorecard-results")[0].title == item.title
    assert items(personas["staff"], "scorecard-results") == []


# --- Running rounds -------------------------------------------------------------------------


def test_staff_are_asked_to_open_drafts_due_and_meet_after_closing(personas, round_a):
    _draft(personas, "Opens in a week", 7)
    _draft(personas, "Opens next month", 30)
    late = _draft(personas, "Should have opened", -2)
    services.invite(round_=late, by=personas["staff"], users=[personas["partner_a"]])
    due = items(personas["staff"], "scorecard-rounds")
    assert [i.title for i in due] == ["Open the score-card round “Should have opened”",
                                      "Open the score-card round “Opens in a week”"]
    assert due[0].overdue and due[0].detail == "1 person invited"
    assert due[1].detail == "Invite partner users first."

    services.round_close(round_=round_a, by=personas["staff"])
    meet = "Hold the interface meeting of “Partner score card 2026”"
    assert meet in titles(personas["staff"], "scorecard-rounds")
    plan.meeting_record(round_=round_a, by=personas["staff"], held_on=TODAY,
                        organisations=[personas["partner_a"].organisation], agreed="Visits")
    assert meet not in titles(personas["staff"], "scorecard-rounds")
    assert items(personas["partner_a"], "scorecard-rounds") == []


# --- Actions of the joint plan --------------------------------------------------------------


@pytest.fixture
def actions(round_a, personas, org_a, org_b):
    def add(text, owner, due_in, organisation=None, status="planned"):
        action = plan.action_add(round_=round_a, by=personas["staff"], text=text, owner=owner,
                                 owner_organisation=organisation, due_on=days(due_in))
        if status != "planned":
            Action.objects.filter(pk=action.pk).update(status=status)
        return action

    return {
        "a_soon": add("Share the budget (A)", "partner", 3, org_a),
        "a_later": add("Train the treasurers (A)", "partner", 40, org_a),
        "b_late": add("Record the radio show (B)", "partner", -1, org_b),
        "home_late": add("Hire a partnership officer", "home", -2),
        "joint": add("Meet every quarter", "joint", 5),
        "home_later": add("Later action", "home", 20),
        "done": add("Finished action", "home", -9, status="done"),
    }


def test_staff_see_every_open_action_due_within_a_week(personas, actions):
    due = items(personas["staff"], "scorecard-actions")
    assert [i.title for i in due] == ["Hire a partnership officer", "Record the radio show (B)",
                                      "Share the budget (A)", "Meet every quarter"]
    assert due[0].overdue and "· Home organisation" in due[0].detail
    assert due[2].url.endswith(f"/actions/{actions['a_soon'].pk}/edit/")
    assert items(personas["viewer"], "scorecard-actions") == []


def test_a_partner_sees_its_own_and_the_joint_actions(personas, actions):
    due = items(personas["partner_a"], "scorecard-actions")
    asked = [i.title for i in due if not i.shared]
    shared = [i for i in due if i.shared]
    assert asked == ["Share the budget (A)", "Meet every quarter"]
    # Assigned to A but not due yet: shared with them, since the day it was added.
    assert [i.title for i in shared] == ["Train the treasurers (A)"]
    assert shared[0].since == TODAY
    assert [i.title for i in items(personas["partner_b"], "scorecard-actions")
            if not i.shared] == ["Record the radio show (B)", "Meet every quarter"]


def test_a_joint_action_of_a_meeting_is_shared_with_those_present(personas, round_a, org_a,
                                                                   org_b):
    meeting = plan.meeting_record(round_=round_a, by=personas["staff"], held_on=TODAY,
                                  organisations=[org_b], agreed="Radio")
    plan.action_add(round_=round_a, by=personas["staff"], text="Joint radio show",
                    owner="joint", due_on=days(2), meeting=meeting)
    assert titles(personas["partner_b"], "scorecard-actions") == ["Joint radio show"]
    assert items(personas["partner_a"], "scorecard-actions") == []


def test_a_partner_not_invited_sees_no_action(personas, round_a, org_a):
    Invitation.objects.filter(round=round_a, organisation=org_a).delete()
    plan.action_add(round_=round_a, by=personas["staff"], text="Meet", owner="joint",
                    due_on=days(2))
    assert items(personas["partner_a"], "scorecard-actions") == []


# --- Queries --------------------------------------------------------------------------------

# A partner: own unused invitations to open rounds; the latest closed round invited to and
# the day it closed; the organisation's open actions, and the day those not due were added.
# Staff: draft rounds due, closed rounds without a meeting; the open actions due.
QUERIES = {"partner_a": 5, "staff": 3}


@pytest.mark.parametrize("persona", ["partner_a", "staff"])
def test_the_providers_queries_do_not_grow_with_the_data(
    personas, round_a, org_a, persona, django_assert_max_num_queries
):
    def more(n):
        for i in range(n):
            r = _draft(personas, f"Round {i}", -i)
            services.invite(round_=r, by=personas["staff"], users=[personas["partner_a"]])
            services.round_open(round_=r, by=personas["staff"])
            if i % 2:
                Round.objects.filter(pk=r.pk).update(status="closed")
            for due_in in (2, 30):
                plan.action_add(round_=r, by=personas["staff"], text=f"Action {i}",
                                owner="partner", owner_organisation=org_a, due_on=days(due_in))

    names = ["scorecard-answer", "scorecard-results", "scorecard-rounds", "scorecard-actions"]
    user = personas[persona]
    more(2)
    with django_assert_max_num_queries(QUERIES[persona]):
        few = len(due_for(user, today=TODAY, only=names))
    more(8)
    with django_assert_max_num_queries(QUERIES[persona]):
        assert len(due_for(user, today=TODAY, only=names)) > few
