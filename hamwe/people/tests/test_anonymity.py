"""Anonymous input and feedback: nothing the server keeps ties an answer to a person.
These tests read the raw tables and the logs."""

import logging

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from hamwe.accounts.models import Role
from hamwe.accounts.tests.factories import UserFactory
from hamwe.people import selectors, services
from hamwe.people.models import (
    AnonymousInput,
    ConsultationInvitation,
    Feedback,
    FeedbackInvitation,
)

pytestmark = pytest.mark.django_db


def _partners(org, n):
    return [UserFactory(email=f"p{chr(97 + i)}@anon.example", full_name=f"Partner {chr(65 + i)}",
                        role=Role.PARTNER, organisation=org) for i in range(n)]


def _raw_rows(table):
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{table}"')
        columns = [c[0] for c in cursor.description]
        return columns, cursor.fetchall()


def test_the_anonymous_tables_hold_no_who_and_no_when():
    for model in (AnonymousInput, Feedback):
        names = {f.name for f in model._meta.get_fields() if f.concrete}
        assert not names & {"user", "organisation", "created", "created_at", "ip",
                            "modified", "by", "answered_on"}, model
        assert not hasattr(model, "history")  # not in the audit trail
    for model in (ConsultationInvitation, FeedbackInvitation):
        assert not hasattr(model, "history")
        assert not any(f.get_internal_type() in ("DateField", "DateTimeField")
                       for f in model._meta.concrete_fields)


def test_an_anonymous_answer_leaves_no_trace_of_who(team, org_a, caplog):
    first, second = _partners(org_a, 2)
    consultation = team.consultation_a
    for user in (first, second):
        ConsultationInvitation.objects.create(consultation=consultation, organisation=org_a,
                                              user=user)
    caplog.set_level(logging.DEBUG)
    client = Client()
    client.force_login(first)
    url = f"/people/consultations/{consultation.pk}/answer/"
    response = client.post(url, {"named": "anonymous", "score_partnering": "4",
                                 "comment_partnering": "Listen before deciding"})
    assert response.status_code == 200
    before = set(AnonymousInput.objects.values_list("id", flat=True))
    services.consultation_answer(consultation=consultation, user=second, named=False,
                                 inputs=[{"competency": "partnering", "importance": 2}])
    # Every row was written again with fresh keys: the first answer's rows are not
    # followed from one snapshot to the next.
    assert not before & set(AnonymousInput.objects.values_list("id", flat=True))
    # Both invitations are spent alike; nothing says which answer spent which.
    assert set(ConsultationInvitation.objects.filter(user__in=[first, second]).values_list(
        "used", flat=True)) == {True}
    markers = {str(first.pk), first.email, first.full_name, str(org_a.pk), org_a.name}
    columns, rows = _raw_rows(AnonymousInput._meta.db_table)
    assert "user_id" not in columns and "organisation_id" not in columns
    for row in rows:
        for value in row:
            assert str(value) not in {first.email, first.full_name, org_a.name}
    # Nor does the log (of the request, the queries' parameters aside, or the service).
    logged = " ".join(r.getMessage() for r in caplog.records
                      if not r.name.startswith("django.db.backends"))
    assert not any(marker in logged for marker in (first.email, first.full_name))
    # The invitation's row is the same for both: used, and nothing else.
    columns, rows = _raw_rows(ConsultationInvitation._meta.db_table)
    assert set(columns) == {"id", "consultation_id", "organisation_id", "user_id", "used"}
    assert not any(m in logged for m in markers - {str(first.pk), str(org_a.pk)})


def test_anonymous_input_is_shown_only_from_the_minimum(team, org_a):
    consultation = team.consultation_a  # the example pack: 5 for scores, 10 for comments
    users = _partners(org_a, 5)
    for user in users:
        ConsultationInvitation.objects.create(consultation=consultation, organisation=org_a,
                                              user=user)
    for user in users[:4]:
        services.consultation_answer(consultation=consultation, user=user, named=False,
                                     inputs=[{"competency": "partnering", "importance": 4,
                                              "comment": "Be on time"}])
    row = selectors.consultation_results(consultation)[0]
    assert not row.anonymous_shown and row.median is None and row.comments == []
    services.consultation_answer(consultation=consultation, user=users[4], named=False,
                                 inputs=[{"competency": "partnering", "importance": 2}])
    row = selectors.consultation_results(consultation)[0]
    assert row.anonymous_shown and row.median == 4
    assert row.comments == []  # comments wait for 10


def test_named_input_shows_who(team, personas):
    services.consultation_answer(consultation=team.consultation_a, user=personas["partner_a"],
                                 named=True, inputs=[{"competency": "partnering",
                                                      "comment": "Visit us more"}])
    row = selectors.consultation_results(team.consultation_a)[0]
    assert [(i.user, i.comment) for i in row.named] == [(personas["partner_a"], "Visit us more")]


def test_partners_feedback_shows_nothing_below_the_minimum(team, org_a):
    evaluation = team.evaluation_p
    users = _partners(org_a, 5)
    services.feedback_invite(evaluation=evaluation, by=team.manager, users=users)
    for user in users[:4]:
        services.feedback_give(evaluation=evaluation, user=user, score=4, comment="Fair")
    assert selectors.feedback_summary(evaluation) == selectors.FeedbackSummary(shown=False)
    client = Client()
    client.force_login(team.manager)
    page = client.get(f"/people/evaluations/{evaluation.pk}/").content.decode()
    assert "Fair" not in page and "4 partners" not in page
    services.feedback_give(evaluation=evaluation, user=users[4], score=2)
    summary = selectors.feedback_summary(evaluation)
    assert summary.shown and summary.n == 5 and summary.median == 4
    assert summary.comments == ["Fair"] * 4
    with pytest.raises(ValidationError):
        services.feedback_give(evaluation=evaluation, user=users[0], score=3)
