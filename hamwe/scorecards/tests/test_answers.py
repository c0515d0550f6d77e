"""Answering keeps no trace of who answered what: not in the tables' columns, not in the
order of their rows, not in their keys, not in the database's write stamps, not in a URL,
a log line or an e-mail, and signing in leaves no time finer than the day.

Each probe reads what a person with the database (and the logs and the outbox) in hand
would read, after a scripted sequence of answers by known users, and tries to pair them.
A control test runs the same probe with the protection removed and finds the pairing, so
the probe can fail.
"""

import datetime
import logging
import random

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from hamwe.accounts.tests.factories import UserFactory
from hamwe.conftest import client_for
from hamwe.scorecards.models import Answer, Invitation, Score
from hamwe.scorecards.rounds import services

pytestmark = pytest.mark.django_db


def _scores(round_, value=80):
    return [{"indicator": i.pk, "score": value, "reason": "Fair", "suggestion": "More visits"}
            for i in round_.indicators.all()]


def test_an_answer_spends_the_invitation_once(round_a, personas):
    services.answer_submit(round_=round_a, user=personas["partner_a"], scores=_scores(round_a))
    with pytest.raises(ValidationError, match="already answered"):
        services.answer_submit(round_=round_a, user=personas["partner_a"],
                               scores=_scores(round_a))
    round_a.refresh_from_db()
    assert round_a.answers_received == 1 and Answer.objects.count() == 1


def test_only_an_invited_user_answers(round_a, org_b):
    stranger = UserFactory(role="partner", organisation=org_b)
    with pytest.raises(ValidationError, match="not invited"):
        services.answer_submit(round_=round_a, user=stranger, scores=_scores(round_a))
    assert not Invitation.objects.filter(used=True).exists() and not Answer.objects.exists()


def test_scores_off_the_scale_store_nothing(round_a, personas):
    with pytest.raises(ValidationError):
        services.answer_submit(round_=round_a, user=personas["partner_a"],
                               scores=_scores(round_a, value=101))
    assert not Invitation.objects.filter(used=True).exists() and not Score.objects.exists()


def test_a_failure_half_way_keeps_every_earlier_answer(round_a, personas, monkeypatch):
    """The round's rows are written again on every answer: if that fails, the earlier
    answers are all still there and the invitation is not spent."""
    services.answer_submit(round_=round_a, user=personas["partner_a"], scores=_scores(round_a))
    before = sorted(Score.objects.values_list("score", "reason"))

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(Score.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        services.answer_submit(round_=round_a, user=personas["partner_b"],
                               scores=_scores(round_a, value=10))
    assert sorted(Score.objects.values_list("score", "reason")) == before
    assert Answer.objects.count() == 1
    assert not Invitation.objects.get(round=round_a, user=personas["partner_b"]).used


def test_the_answer_tables_hold_nothing_that_points_back(round_a, personas):
    """No column links an answer to a user, an organisation, an invitation or a time,
    and keys are random."""
    services.answer_submit(round_=round_a, user=personas["partner_a"], scores=_scores(round_a))
    with connection.cursor() as cursor:
        for table in (Answer._meta.db_table, Score._meta.db_table):
            columns = {c.name for c in connection.introspection.get_table_description(
                cursor, table)}
            assert not columns & {"user_id", "organisation_id", "invitation_id", "created_at",
                                  "at", "ip", "submitted_at", "history_id"}, table
        cursor.execute(f"SELECT * FROM {Invitation._meta.db_table} WHERE used")
        invitation_columns = [c[0] for c in cursor.description]
    assert set(invitation_columns) == {"id", "round_id", "organisation_id", "user_id", "used"}
    assert Answer.objects.get().id.version == 4
    assert not hasattr(Answer, "history") and not hasattr(Invitation, "history")


# --- The probe: answers by known users, then try to pair them --------------------------


@pytest.fixture
def respondents(round_a, org_a):
    """Eight partner users of A, invited, each of whom will give a score of their own."""
    users = [UserFactory(role="partner", organisation=org_a) for _ in range(8)]
    services.invite(round_=round_a, by=None, users=users)
    return users


def _answer_in_turn(round_, users):
    """User k answers k*10 + 5 on every indicator, one after another; returns the rows'
    keys after each answer."""
    keys = []
    for turn, user in enumerate(users):
        services.answer_submit(round_=round_, user=user, scores=_scores(round_, turn * 10 + 5))
        keys.append(set(Answer.objects.values_list("id", flat=True)))
    return keys


def _row_order():
    """The answers' scores in the order the database keeps the rows (what `SELECT *`
    without ORDER BY, or a look at the file, shows)."""
    position = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.score FROM {Answer._meta.db_table} a "
            f"JOIN {Score._meta.db_table} s ON s.answer_id = a.id "
            f"GROUP BY a.id, a.{position} ORDER BY a.{position}"
            if connection.vendor == "sqlite"
            else f"SELECT (SELECT min(s.score) FROM {Score._meta.db_table} s "
            f"WHERE s.answer_id = a.id) FROM {Answer._meta.db_table} a ORDER BY a.{position}"
        )
        return [row[0] for row in cursor.fetchall()]


def _pairing_found(order):
    """Does the row order give the answers in the order the users gave them?"""
    submitted = [turn * 10 + 5 for turn in range(len(order))]
    return order == submitted or order == submitted[::-1]


@pytest.fixture
def seeded_shuffle(monkeypatch):
    """A repeatable shuffle, so the probe's verdict does not depend on luck."""
    monkeypatch.setattr(services, "_shuffle", random.Random(2013).shuffle)


def test_the_order_of_the_rows_pairs_no_answer_with_its_user(round_a, respondents,
                                                             seeded_shuffle):
    _answer_in_turn(round_a, respondents)
    order = _row_order()
    assert sorted(order) == [turn * 10 + 5 for turn in range(8)]
    assert not _pairing_found(order)


def test_control_without_the_rewrite_the_probe_finds_the_pairing(round_a, respondents,
                                                                  monkeypatch):
    """The same probe, with the round's rows no longer rewritten: it pairs every answer."""
    def insert_only(round_, *, extra_answer, extra_scores):
        extra_answer.save()
        Score.objects.bulk_create(extra_scores)

    monkeypatch.setattr(services, "_reshuffle", insert_only)
    _answer_in_turn(round_a, respondents)
    assert _pairing_found(_row_order())


def test_every_answer_gets_a_fresh_key_each_time(round_a, respondents):
    keys = _answer_in_turn(round_a, respondents[:4])
    for before, after in zip(keys, keys[1:], strict=False):
        assert not before & after  # no key survives the next answer


def test_the_shuffle_is_the_operating_system_s_randomness():
    assert isinstance(services._shuffle.__self__, random.SystemRandom)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin and ctid are PostgreSQL's")
def test_postgresql_write_stamps_pair_nothing(round_a, respondents, seeded_shuffle):
    _answer_in_turn(round_a, respondents)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT xmin::text FROM {Answer._meta.db_table}")
        answer_stamps = {row[0] for row in cursor.fetchall()}
        cursor.execute(f"SELECT DISTINCT xmin::text FROM {Score._meta.db_table}")
        score_stamps = {row[0] for row in cursor.fetchall()}
        cursor.execute(f"SELECT DISTINCT xmin::text FROM {Invitation._meta.db_table} WHERE used")
        invitation_stamps = {row[0] for row in cursor.fetchall()}
    # One transaction wrote every answer, score and spent invitation: the last one's.
    assert len(answer_stamps) == 1
    assert answer_stamps == score_stamps == invitation_stamps
    assert not _pairing_found(_row_order())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin is PostgreSQL's")
def test_control_without_the_rewrite_each_answer_keeps_its_own_stamp(round_a, respondents,
                                                                      monkeypatch):
    def insert_only(round_, *, extra_answer, extra_scores):
        extra_answer.save()
        Score.objects.bulk_create(extra_scores)

    monkeypatch.setattr(services, "_reshuffle", insert_only)
    _answer_in_turn(round_a, respondents)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(DISTINCT xmin::text) FROM {Answer._meta.db_table}")
        assert cursor.fetchone()[0] == len(respondents)  # one stamp per answer: pairable


# --- What the server says and sends ---------------------------------------------------


def test_one_address_for_every_respondent_and_no_trace_in_mails_or_logs(
    round_a, personas, caplog, settings
):
    """Invite by the page, answer by the page: every e-mail carries the same address, every
    respondent posts to it, and no log line names an answer or anyone's link."""
    from hamwe.partners.tests.factories import OrganisationFactory

    settings.HAMWE_BASE_URL = "https://partners.example.org"
    caplog.set_level(logging.DEBUG)
    organisation = OrganisationFactory(name="Gamma Peace Clubs")
    respondents = [UserFactory(role="partner", organisation=organisation) for _ in range(5)]
    staff = client_for(personas["staff"])
    staff.post(reverse("scorecards:round_invite", args=[round_a.pk]),
               {"organisations": [organisation.pk]})
    bodies = [message.body for message in mail.outbox]
    assert len(bodies) == len(respondents)
    address = reverse("scorecards:answer", args=[round_a.pk])
    links = {line for body in bodies for line in body.splitlines() if "/answer/" in line}
    assert links == {f"https://partners.example.org{address}"}

    paths = set()
    for turn, user in enumerate(respondents):
        client = client_for(user)
        page = client.get(address)
        assert page.status_code == 200
        data = {f"score_{i.pk}": str(turn * 10) for i in round_a.indicators.all()}
        response = client.post(address, data)
        assert response.status_code == 302, response.content
        paths.add(response.wsgi_request.path)
    assert paths == {address}
    answer_ids = {str(pk) for pk in Answer.objects.values_list("id", flat=True)}
    assert len(answer_ids) == 5
    assert not any(answer_id in caplog.text for answer_id in answer_ids)
    assert not any(user.email in caplog.text for user in respondents)


def test_signing_in_leaves_no_time_finer_than_the_day(personas):
    """No audit row per sign-in, `last_login` at the start of the day, a session that
    expires at the end of one: nothing to line sign-ins up with anything else."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from hamwe.conftest import PASSWORD

    user = personas["partner_a"]
    user.set_password(PASSWORD)
    user.save()
    history_rows = user.history.count()
    client = client_for(None)
    response = client.post(reverse("account_login"),
                           {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.history.count() == history_rows
    local = timezone.localtime(user.last_login)
    assert (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0)
    assert local.date() == timezone.localdate()
    session = Session.objects.get(session_key=client.session.session_key)
    expires = timezone.localtime(session.expire_date)
    assert (expires.hour, expires.minute, expires.second) == (23, 59, 59)
    assert expires.date() >= datetime.date.today()
