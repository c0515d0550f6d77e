"""Answering keeps no trace of who answered what, by construction."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from hamwe.scorecards.models import Answer, Invitation, Score
from hamwe.scorecards.rounds import services


def _scores(round_, value=80):
    return [{"indicator": i.pk, "score": value, "reason": "Fair", "suggestion": "More visits"}
            for i in round_.indicators.all()]


def test_an_answer_spends_the_invitation_once(round_a, personas):
    services.answer_submit(token=round_a.sample_token, user=personas["partner_a"],
                           scores=_scores(round_a))
    with pytest.raises(ValidationError, match="already answered"):
        services.answer_submit(token=round_a.sample_token, user=personas["partner_a"],
                               scores=_scores(round_a))
    round_a.refresh_from_db()
    assert round_a.answers_received == 1 and Answer.objects.count() == 1


def test_a_link_works_only_for_its_owner(round_a, personas):
    with pytest.raises(ValidationError):
        services.answer_submit(token=round_a.sample_token, user=personas["partner_b"],
                               scores=_scores(round_a))
    assert not Invitation.objects.filter(used=True).exists() and not Answer.objects.exists()


def test_scores_off_the_scale_store_nothing(round_a, personas):
    with pytest.raises(ValidationError):
        services.answer_submit(token=round_a.sample_token, user=personas["partner_a"],
                               scores=_scores(round_a, value=101))
    assert not Invitation.objects.filter(used=True).exists() and not Score.objects.exists()


def test_the_answer_tables_hold_nothing_that_points_back(round_a, personas,
                                                           django_capture_on_commit_callbacks):
    """Read the tables as a database reader would: no column links an answer to a user,
    an organisation, an invitation or a time, and keys are random."""
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_submit(token=round_a.sample_token, user=personas["partner_a"],
                               scores=_scores(round_a))
    tables = {Answer._meta.db_table, Score._meta.db_table}
    with connection.cursor() as cursor:
        for table in tables:
            columns = {c.name for c in connection.introspection.get_table_description(
                cursor, table)}
            assert not columns & {"user_id", "organisation_id", "invitation_id", "created_at",
                                  "at", "ip", "submitted_at", "history_id"}, table
        cursor.execute(f"SELECT * FROM {Invitation._meta.db_table} WHERE used")
        invitation_columns = [c[0] for c in cursor.description]
    assert set(invitation_columns) == {"id", "round_id", "organisation_id", "user_id",
                                       "token_hash", "used"}
    answer = Answer.objects.get()
    assert answer.id.version == 4  # random, so the order of keys says nothing
    assert not hasattr(Answer, "history") and not hasattr(Invitation, "history")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin is PostgreSQL's")
def test_postgresql_write_stamps_do_not_pair_answers_with_invitations(
    round_a, personas, django_capture_on_commit_callbacks
):
    for persona in ("partner_a", "partner_admin_a", "partner_b"):
        user = personas[persona]
        with django_capture_on_commit_callbacks(execute=True):
            services.answer_submit(token=round_a.tokens[user.pk], user=user,
                                   scores=_scores(round_a))
    assert Answer.objects.count() == 3
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT xmin::text FROM {Answer._meta.db_table}")
        answer_stamps = {row[0] for row in cursor.fetchall()}
        cursor.execute(f"SELECT DISTINCT xmin::text FROM {Invitation._meta.db_table} WHERE used")
        invitation_stamps = {row[0] for row in cursor.fetchall()}
    assert len(answer_stamps) == 1 and len(invitation_stamps) == 1
