"""The score card's follow-up: self-evaluation, interface meeting, joint action plan, its
follow-up in the next round, and appreciative inquiry (what comes due: the
notifications' tests)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hamwe.conftest import client_for
from hamwe.scorecards.followup import services as services_plan
from hamwe.scorecards.models import (
    Action,
    Indicator,
    InquiryItem,
    InterfaceMeeting,
    SelfScore,
)
from hamwe.scorecards.rounds import services
from hamwe.scorecards.tests.factories import RoundFactory


def _status(action, status, follow_up="", version=None):
    prefix = f"a{action.pk}"
    return {f"{prefix}-status": status, f"{prefix}-follow_up": follow_up,
            f"{prefix}-version": version if version is not None else action.version}


def _action(round_, org=None, *, owner="partner", days=30, status="planned", text="An action"):
    action = services_plan.action_add(
        round_=round_, by=None, text=text, owner=owner, owner_organisation=org,
        due_on=timezone.localdate() + datetime.timedelta(days=days))
    if status != "planned":
        Action.objects.filter(pk=action.pk).update(status=status)
        action.refresh_from_db()
    return action


def test_the_self_evaluation_is_stored_for_every_indicator(round_a, personas):
    indicators = list(round_a.indicators.all())
    url = reverse("scorecards:self_evaluation", args=[round_a.pk])
    data = {}
    for n, indicator in enumerate(indicators):
        data[f"score_{indicator.pk}"] = 60 + n
        data[f"reason_{indicator.pk}"] = f"Reason {n}"

    assert client_for(personas["viewer"]).post(url, data).status_code == 403
    assert client_for(personas["partner_a"]).get(url).status_code == 403
    assert not SelfScore.objects.exists()

    response = client_for(personas["staff"]).post(url, data)
    assert response.status_code == 302
    stored = {s.indicator_id: (s.score, s.reason) for s in SelfScore.objects.all()}
    assert stored == {i.pk: (60 + n, f"Reason {n}") for n, i in enumerate(indicators)}

    # Off the round's scale: refused, nothing changed.
    data[f"score_{indicators[0].pk}"] = round_a.scale_max + 1
    response = client_for(personas["staff"]).post(url, data)
    assert response.status_code == 200 and response.context["form"].errors
    assert SelfScore.objects.get(indicator=indicators[0]).score == 60


def test_meeting_then_action_then_status_with_conflict_detection(round_a, personas, org_a):
    staff = client_for(personas["staff"])
    response = staff.post(reverse("scorecards:meeting_new", args=[round_a.pk]), {
        "held_on": "2026-06-10", "organisations": [org_a.pk], "agreed": "Quarterly visits."})
    meeting = InterfaceMeeting.objects.get()
    assert response.url == reverse("scorecards:meeting_detail", args=[round_a.pk, meeting.pk])
    assert list(meeting.organisations.all()) == [org_a]

    indicator = round_a.indicators.first()
    response = staff.post(reverse("scorecards:action_new", args=[round_a.pk]), {
        "text": "Visit every partner each quarter", "indicator": indicator.pk,
        "meeting": meeting.pk, "owner": "home", "due_on": "2026-09-30"})
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.meeting, action.indicator, action.owner) == (meeting, indicator, "home")
    assert "Visit every partner" in staff.get(
        reverse("scorecards:meeting_detail", args=[round_a.pk, meeting.pk])).content.decode()

    edit = reverse("scorecards:action_edit", args=[round_a.pk, action.pk])
    staff.post(edit, _status(action, "under_way", "Two visits done", version=1))
    action.refresh_from_db()
    assert (action.status, action.follow_up, action.version) == ("under_way", "Two visits done", 2)

    # A second editor who loaded version 1 does not overwrite the first one's change.
    response = client_for(personas["admin"]).post(edit, _status(action, "dropped", version=1))
    assert response.status_code == 200
    assert "Someone else saved this record" in response.content.decode()
    action.refresh_from_db()
    assert (action.status, action.version) == ("under_way", 2)


def test_a_partner_updates_their_own_organisations_actions_only(round_a, personas, org_a, org_b):
    of_a = _action(round_a, org_a, text="Action of A")
    of_b = _action(round_a, org_b, text="Action of B")
    home = _action(round_a, owner="home", text="Action of the home NGO")

    partner_a = client_for(personas["partner_a"])
    response = partner_a.post(reverse("scorecards:action_edit", args=[round_a.pk, of_a.pk]),
                              _status(of_a, "done", "Budget shared"))
    assert response.status_code == 302
    of_a.refresh_from_db()
    assert of_a.status == "done"

    for action in (of_b, home):
        url = reverse("scorecards:action_edit", args=[round_a.pk, action.pk])
        assert partner_a.post(url, _status(action, "dropped")).status_code == 403
    partner_b = client_for(personas["partner_b"])
    response = partner_b.post(
        reverse("scorecards:action_edit", args=[round_a.pk, of_a.pk]), _status(of_a, "dropped"))
    assert response.status_code == 403
    of_a.refresh_from_db()
    of_b.refresh_from_db()
    home.refresh_from_db()
    assert (of_a.status, of_b.status, home.status) == ("done", "planned", "planned")

    # The joint plan is read whole; a status form comes only with one's own actions.
    response = partner_a.get(reverse("scorecards:plan", args=[round_a.pk]))
    assert {a.text: a.may_update for a in response.context["actions"]} == {
        "Action of A": True, "Action of B": False, "Action of the home NGO": False}
    page = response.content.decode()
    assert reverse("scorecards:action_edit", args=[round_a.pk, of_a.pk]) in page
    for action in (of_b, home):
        assert reverse("scorecards:action_edit", args=[round_a.pk, action.pk]) not in page
    # A joint action agreed at a meeting is updated by the organisations present only.
    meeting = services_plan.meeting_record(round_=round_a, by=None, held_on=of_a.due_on,
                                           organisations=[org_a], agreed="Together")
    joint = services_plan.action_add(round_=round_a, by=None, text="Joint", owner="joint",
                                     due_on=of_a.due_on, meeting=meeting)
    url = reverse("scorecards:action_edit", args=[round_a.pk, joint.pk])
    assert partner_b.post(url, _status(joint, "done")).status_code == 403
    assert partner_a.post(url, _status(joint, "under_way")).status_code == 302
    joint.refresh_from_db()
    assert joint.status == "under_way"


def test_a_partner_may_not_touch_a_home_action_even_when_forged(round_a, personas):
    home = _action(round_a, owner="home")
    url = reverse("scorecards:action_edit", args=[round_a.pk, home.pk])
    assert client_for(personas["partner_a"]).get(url).status_code == 403
    assert client_for(personas["viewer"]).post(url, _status(home, "done")).status_code == 403


def test_the_next_rounds_plan_shows_the_previous_rounds_open_actions(
    round_a, personas, org_a
):
    _action(round_a, org_a, text="Still planned")
    _action(round_a, owner="home", status="under_way", text="Still under way")
    _action(round_a, owner="home", status="done", text="Finished already")
    _action(round_a, owner="home", status="dropped", text="Given up")
    services.round_close(round_=round_a, by=personas["staff"])
    following = RoundFactory(
        by=personas["staff"], title="Partner score card 2027", period="FY27",
        opens_on=datetime.date(2027, 1, 1), closes_on=datetime.date(2027, 12, 31))
    assert following.previous_id == round_a.pk

    staff = client_for(personas["staff"])
    url = reverse("scorecards:plan", args=[following.pk])
    response = staff.get(url)
    previous = response.context["previous_actions"]
    assert {a.text for a in previous} == {"Still planned", "Still under way"}
    page = response.content.decode()
    assert "Still planned" in page and "Finished already" not in page and "Given up" not in page

    # Updated from there, it is followed up and leaves the list.
    planned = next(a for a in previous if a.text == "Still planned")
    response = staff.post(
        reverse("scorecards:action_edit", args=[round_a.pk, planned.pk]),
        {**_status(planned, "done", "Done at last"), "next": url})
    assert response.url == url
    assert {a.text for a in staff.get(url).context["previous_actions"]} == {"Still under way"}


def test_the_plan_counts_completion_and_flags_overdue_actions(round_a, personas):
    _action(round_a, owner="home", status="done")
    _action(round_a, owner="home", days=-2, text="Late one")
    _action(round_a, owner="home", status="dropped", days=-5)
    response = client_for(personas["viewer"]).get(reverse("scorecards:plan", args=[round_a.pk]))
    assert response.context["completion"] == {"done": 1, "of": 2, "dropped": 1, "overdue": 1}
    assert "1 done of 2" in response.content.decode()
    late = next(a for a in response.context["actions"] if a.text == "Late one")
    assert late.overdue


@pytest.fixture
def inquiry(personas, org_a, round_a):
    return services_plan.inquiry_create(
        by=personas["staff"], held_on=datetime.date(2026, 5, 1), topics="Trust\nLearning",
        organisations=[org_a], round_=round_a)


def test_an_inquiry_is_recorded_step_by_step(personas, org_a, inquiry):
    staff = client_for(personas["staff"])
    response = staff.post(reverse("scorecards:inquiry_new"), {
        "held_on": "2026-05-02", "topics": "Trust\n\n Joint learning ",
        "organisations": [org_a.pk]})
    assert response.status_code == 302
    url = reverse("scorecards:inquiry_item_add", args=[inquiry.pk])
    staff.post(url, {"step": "discover", "discover-text": "The day we co-wrote a proposal"})
    staff.post(url, {"step": "design", "design-text": "Partners co-write every proposal"})
    assert list(inquiry.items.values_list("step", flat=True)) == ["discover", "design"]
    assert client_for(personas["partner_a"]).post(
        url, {"step": "dream", "dream-text": "x"}).status_code == 403
    page = client_for(personas["partner_a"]).get(
        reverse("scorecards:inquiry_detail", args=[inquiry.pk])).content.decode()
    assert "The day we co-wrote a proposal" in page
    # B was not there: its partner users do not see the session.
    assert client_for(personas["partner_b"]).get(
        reverse("scorecards:inquiry_detail", args=[inquiry.pk])).status_code == 404


def test_a_proposition_becomes_an_indicator_of_a_draft_round_only(round_a, personas, inquiry):
    item = services_plan.inquiry_item_add(
        session=inquiry, by=None, step="design", text="Partners co-write every proposal")
    url = reverse("scorecards:proposition_to_indicator", args=[inquiry.pk, item.pk])
    staff = client_for(personas["staff"])
    before = Indicator.objects.count()

    # round_a is open: its indicators are frozen.
    assert staff.post(url, {f"i{item.pk}-round": round_a.pk}).status_code == 400
    with pytest.raises(ValidationError):
        services_plan.proposition_to_indicator(item=item, by=None, round_=round_a)
    assert Indicator.objects.count() == before

    draft = RoundFactory(by=personas["staff"], title="Next round", period="FY27",
                         opens_on=datetime.date(2027, 1, 1), closes_on=datetime.date(2027, 6, 30))
    assert client_for(personas["partner_a"]).post(
        url, {f"i{item.pk}-round": draft.pk}).status_code == 403
    assert staff.post(url, {f"i{item.pk}-round": draft.pk}).status_code == 302
    item.refresh_from_db()
    indicator = item.became_indicator
    assert indicator.round == draft and indicator.source == Indicator.Source.INQUIRY
    assert indicator.text == "Partners co-write every proposal"
    # Only once.
    assert staff.post(url, {f"i{item.pk}-round": draft.pk}).status_code == 400
    assert draft.indicators.filter(source="inquiry").count() == 1


def test_a_commitment_becomes_an_action_of_a_plan(round_a, personas, org_a, inquiry):
    item = services_plan.inquiry_item_add(
        session=inquiry, by=None, step="deliver", text="Publish the partnership budget")
    url = reverse("scorecards:commitment_to_action", args=[inquiry.pk, item.pk])
    p = f"i{item.pk}"
    data = {f"{p}-round": round_a.pk, f"{p}-owner": "partner",
            f"{p}-owner_organisation": org_a.pk, f"{p}-due_on": "2026-10-01"}
    assert client_for(personas["viewer"]).post(url, data).status_code == 403
    assert client_for(personas["staff"]).post(url, data).status_code == 302
    item.refresh_from_db()
    action = item.became_action
    assert (action.round, action.text, action.owner, action.owner_organisation) == (
        round_a, "Publish the partnership budget", "partner", org_a)
    assert action.due_on == datetime.date(2026, 10, 1)
    # A discover story is not a commitment.
    story = services_plan.inquiry_item_add(session=inquiry, by=None, step="discover",
                                           text="A story")
    with pytest.raises(ValidationError):
        services_plan.commitment_to_action(item=story, by=None, round_=round_a, owner="home",
                                           due_on=datetime.date(2026, 10, 1))
    assert InquiryItem.objects.get(pk=story.pk).became_action is None
    assert Action.objects.count() == 1
