"""The pages, walked as the people who use them, with their query counts."""

import datetime

import pytest
from django.urls import reverse

from hamwe.conftest import client_for
from hamwe.people.models import Appointment, DevelopmentAction, Evaluation

from .factories import appointment, staff

pytestmark = pytest.mark.django_db


def test_an_admin_fills_a_key_position_and_staff_see_who_holds_it(personas, live_policy):
    person = staff("Eric Hakizimana")
    response = client_for(personas["admin"]).post(reverse("people:appointment_new"), {
        "position": "partnership-officer", "user": str(person.pk),
        "manager": str(personas["staff"].pk), "starts_on": "2025-01-01"})
    assert response.status_code == 302
    assert Appointment.objects.get().user == person
    page = client_for(personas["viewer"]).get(reverse("people:index")).content.decode()
    assert "Eric Hakizimana" in page and "Partnership officer" in page
    refused = client_for(personas["staff"]).post(reverse("people:appointment_new"), {
        "position": "partnership-officer", "name": "Someone", "starts_on": "2025-01-01"})
    assert refused.status_code == 403
    assert client_for(personas["partner_a"]).get(reverse("people:index")).status_code == 403


def test_a_form_error_is_shown_on_the_page(personas, live_policy):
    response = client_for(personas["admin"]).post(reverse("people:appointment_new"), {
        "position": "partnership-officer", "starts_on": "2025-01-01"})
    assert response.status_code == 400
    assert "Choose a user or write the name" in response.content.decode()


def test_the_evaluation_walked_through(team, personas):
    evaluation = team.evaluation_p
    url = reverse("people:evaluation", args=[evaluation.pk])
    manager = client_for(team.manager)
    data = {"score_partnering": "4", "comment_partnering": "Partners trust him"}
    assert manager.post(reverse("people:manager_assess", args=[evaluation.pk]),
                        data).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.manager_mean == 4 and evaluation.manager_done_on
    person = client_for(team.person)
    response = person.post(reverse("people:action_add", args=[evaluation.pk]), {
        "text": "Lead a review with a partner", "due_on": "2026-06-30", "competency": "partnering"})
    assert response.status_code == 302
    page = person.get(url).content.decode()
    assert "Partners trust him" in page and "Lead a review with a partner" in page
    # Closed: the person no longer changes their self-assessment.
    assert person.get(reverse("people:self_assess", args=[evaluation.pk])).status_code == 403


def test_the_list_shows_each_only_their_own(team, personas):
    other = staff("Alice Ntakirutimana")
    held = appointment(by=personas["admin"], user=other, manager=personas["staff"])
    from hamwe.people import services

    services.evaluation_start(by=personas["staff"], appointment=held, year=2025)
    url = reverse("people:evaluations")
    mine = client_for(team.person).get(url).context["evaluations"]
    assert [e.appointment.user for e in mine] == [team.person]
    managed = client_for(personas["staff"]).get(url).context["evaluations"]
    assert [e.appointment.user for e in managed] == [other]
    assert len(client_for(personas["admin"]).get(url).context["evaluations"]) == 2
    assert list(client_for(personas["viewer"]).get(url).context["evaluations"]) == []


def test_query_counts(team, personas, django_assert_max_num_queries):
    from hamwe.people import services

    for n in range(20):
        person = staff(f"Person {chr(65 + n % 26)}{chr(65 + n // 26)}")
        held = appointment(by=personas["admin"], user=person, manager=team.manager)
        evaluation = services.evaluation_start(by=team.manager, appointment=held, year=2025)
        services.action_add(evaluation=evaluation, by=team.manager, text="Act",
                            due_on=datetime.date(2026, 1, 1))
    admin = client_for(personas["admin"])
    admin.get(reverse("people:index"))  # the policy read once into the process's cache
    # Session, user, the policy (live, its stamp), appointments, home users for the form
    # (user and manager), savepoints.
    with django_assert_max_num_queries(12):
        assert admin.get(reverse("people:index")).status_code == 200
    # Session, user, evaluations with people (one query), the start form's appointments.
    with django_assert_max_num_queries(10):
        response = admin.get(reverse("people:evaluations"))
    assert len(response.context["evaluations"]) == 21
    manager = client_for(team.manager)
    url = reverse("people:evaluation", args=[team.evaluation_p.pk])
    manager.get(url)  # the first visit of the day is recorded
    # Session, user, the evaluation with its people, ratings, actions, the policy, the
    # feedback count, the partner users to ask (twice: the list is checked, then drawn).
    with django_assert_max_num_queries(10):
        assert manager.get(url).status_code == 200
    assert DevelopmentAction.objects.count() == 21 and Evaluation.objects.count() == 21


def test_the_api_shows_an_evaluation_to_whom_it_belongs_only(team, personas):
    url = reverse("v1:people-evaluation-detail", args=[team.evaluation_p.pk])
    answer = client_for(team.person).get(url)
    assert answer.status_code == 200
    body = answer.json()
    assert body["year"] == 2025 and body["feedback"] == {
        "shown": False, "n": None, "median": None, "comments": []}
    for outsider in ("staff", "viewer", "partner_a"):
        assert client_for(personas[outsider]).get(url).status_code in (403, 404), outsider
    assert client_for(personas["staff"]).get(
        reverse("v1:people-evaluation-list")).json()["results"] == []


def test_what_is_due(team, personas):
    from django.utils import timezone

    from hamwe.core.registries import due_for

    today = timezone.localdate()
    kinds = lambda user: sorted(i.kind for i in due_for(user, today=today)  # noqa: E731
                                if i.kind.startswith("people-"))
    # The manager: the evaluation to complete and the plan action overdue; the person
    # has self-assessed, so only the action; A's partners: feedback and the consultation.
    assert kinds(team.manager) == ["people-evaluation", "people-plan"]
    assert kinds(team.person) == ["people-plan"]
    assert kinds(personas["partner_a"]) == ["people-consultation", "people-feedback"]
    assert kinds(personas["partner_b"]) == []
    assert kinds(personas["staff"]) == []


def test_the_organisation_page_shows_its_named_input_only(team, personas):
    from hamwe.people import services

    services.consultation_answer(consultation=team.consultation_a, user=personas["partner_a"],
                                 named=True, inputs=[{"competency": "partnering",
                                                      "comment": "Visit our groups"}])
    services.consultation_answer(consultation=team.consultation_a,
                                 user=personas["partner_admin_a"], named=False,
                                 inputs=[{"competency": "partnering", "comment": "Hidden"}])
    url = reverse("partners:detail", args=[team.org_a.pk])
    page = client_for(personas["viewer"]).get(url).content.decode()
    assert "Input on staff competencies" in page and "Visit our groups" in page
    assert "Hidden" not in page
    partner = client_for(personas["partner_a"]).get(url).content.decode()
    assert "Input on staff competencies" not in partner
