"""Results of score-card rounds: the figures, their suppression, who sees them, and the
cost of the page."""

import datetime

import pytest
from django.urls import reverse

from hamwe.accounts.models import Role, User
from hamwe.conftest import client_for
from hamwe.partners.models import Organisation
from hamwe.policy.measures import compute
from hamwe.scorecards.models import Answer, Indicator, Invitation, Round, Score, SelfScore
from hamwe.scorecards.results import selectors

KIND = Answer.Kind


def make_round(*, title="Round", closes_on=datetime.date(2025, 6, 30), previous=None,
               status=Round.Status.CLOSED, keys=("voice", "money", "new"),
               min_group_scores=5, min_group_comments=10, high_grade=75):
    """A round as stored rows, not through RoundFactory: these tests pin the results'
    arithmetic on data sets chosen answer by answer (keys, kinds, thresholds, comments),
    and the cost tests need thousands of answers. The results never depend on how the
    rows came about; test_round_pages and test_journey_answer answer through the links."""
    round_ = Round.objects.create(
        title=title, period=str(closes_on.year), opens_on=closes_on - datetime.timedelta(60),
        closes_on=closes_on, status=status, scale_min=0, scale_max=100,
        high_grade=high_grade, min_group_scores=min_group_scores,
        min_group_comments=min_group_comments, previous=previous,
    )
    Indicator.objects.bulk_create(
        Indicator(round=round_, key=key, text=f"Statement {key}", source="policy",
                  position=position)
        for position, key in enumerate(keys)
    )
    round_.by_key = {i.key: i for i in round_.indicators.all()}
    return round_


def add_answers(round_, rows):
    """rows: [(kind, {key: score or (score, reason, suggestion)})], in bulk."""
    answers = [Answer(round=round_, kind=kind, group_size=1 if kind == KIND.INDIVIDUAL else 6)
               for kind, _scores in rows]
    Answer.objects.bulk_create(answers)
    scores = []
    for answer, (_kind, by_key) in zip(answers, rows, strict=True):
        for key, value in by_key.items():
            score, reason, suggestion = value if isinstance(value, tuple) else (value, "", "")
            scores.append(Score(answer=answer, indicator=round_.by_key[key], score=score,
                                reason=reason, suggestion=suggestion))
    Score.objects.bulk_create(scores)


def invite(round_, user):
    Invitation.objects.create(round=round_, organisation_id=user.organisation_id, user=user)


@pytest.fixture
def two_rounds(db):
    """A closed round and its previous one, with a known data set."""
    before = make_round(title="Round 2024", closes_on=datetime.date(2024, 6, 30),
                        keys=("voice", "money"))
    add_answers(before, [(KIND.INDIVIDUAL, {"voice": s, "money": 90})
                         for s in (50, 60, 70, 80, 90)])
    now = make_round(title="Round 2025", previous=before)
    rows = [(KIND.INDIVIDUAL, {"voice": s}) for s in (60, 70, 80, 90, 100)]
    rows += [(KIND.INDIVIDUAL, {"money": 40}) for _ in range(4)]  # 4 < 5: withheld
    rows += [(KIND.INDIVIDUAL, {"new": 50}) for _ in range(5)]
    add_answers(now, rows)
    SelfScore.objects.create(indicator=now.by_key["voice"], score=90)
    SelfScore.objects.create(indicator=now.by_key["money"], score=70)
    return before, now


def _results(round_):
    return {r.indicator.key: r for r in selectors.round_results(
        Round.objects.select_related("previous").get(pk=round_.pk)).indicators}


def test_median_spread_gap_high_grade_and_change(two_rounds):
    _before, now = two_rounds
    voice = _results(now)["voice"]
    assert voice.shown and voice.n == 5
    assert voice.median == 80
    assert (voice.minimum, voice.maximum, voice.q1, voice.q3, voice.iqr) == (60, 100, 70, 90, 20)
    assert voice.self_score == 90 and voice.gap == -10  # partners rate us 10 lower
    assert voice.high_grade is True
    assert voice.previous_median == 70 and voice.change == 10


def test_new_indicators_have_no_change_and_low_medians_no_high_grade(two_rounds):
    new = _results(two_rounds[1])["new"]
    assert new.median == 50 and new.high_grade is False
    assert new.change is None and new.previous_median is None


def test_four_answers_with_a_minimum_of_five_show_nothing(two_rounds):
    money = _results(two_rounds[1])["money"]
    assert not money.shown and money.n_shown is None
    assert money.median is None and money.minimum is None and money.iqr is None
    assert money.gap is None and money.high_grade is None and money.breakdown is None
    assert money.change is None  # shown before, withheld now: no change either
    assert money.self_score == 70  # our own score is not anonymous
    assert money.withheld_note == "withheld: fewer than 5 answers"


def test_summary_counts_shown_indicators_this_round_and_the_previous(two_rounds):
    results = selectors.round_results(
        Round.objects.select_related("previous").get(pk=two_rounds[1].pk))
    assert (results.summary.high, results.summary.shown, results.summary.withheld) == (1, 2, 1)
    assert results.summary.share == 50.0
    assert (results.previous.high, results.previous.shown, results.previous.share) == (1, 2, 50.0)


def test_an_open_round_shows_no_figures(db):
    round_ = make_round(status=Round.Status.OPEN)
    add_answers(round_, [(KIND.INDIVIDUAL, {"voice": 80}) for _ in range(8)])
    results = selectors.round_results(round_)
    assert not results.published and results.indicators == [] and results.summary is None


def test_group_answers_count_as_one_and_a_small_kind_withholds_the_breakdown(db):
    round_ = make_round()
    rows = [(KIND.INDIVIDUAL, {"voice": 80, "money": 80}) for _ in range(6)]
    rows += [(KIND.GROUP, {"voice": 20, "money": 20}) for _ in range(2)]  # 12 people, 2 answers
    rows += [(KIND.GROUP, {"money": 30}) for _ in range(3)]
    add_answers(round_, rows)
    results = _results(round_)
    assert results["voice"].n == 8
    assert results["voice"].breakdown is None and results["voice"].breakdown_withheld
    money = results["money"]
    assert money.n == 11
    assert [(c.kind, c.n, c.median) for c in money.breakdown] == [
        ("group", 5, 30), ("individual", 6, 80)]


def test_a_breakdown_whose_complement_is_small_is_withheld(db):
    """9 answers, 6 individual and 3 group: showing 9 and 6 would give the 3 away."""
    round_ = make_round()
    add_answers(round_, [(KIND.INDIVIDUAL, {"voice": 70}) for _ in range(6)]
                + [(KIND.GROUP, {"voice": 10}) for _ in range(3)])
    voice = _results(round_)["voice"]
    assert voice.shown and voice.n == 9 and voice.breakdown is None


def _commented(round_, n):
    add_answers(round_, [(KIND.INDIVIDUAL, {"voice": (80, f"reason {i}", f"idea {i}")})
                         for i in range(n)])


def test_comments_are_withheld_below_ten(db):
    round_ = make_round()
    _commented(round_, 9)
    voice = _results(round_)["voice"]
    assert voice.shown and voice.comments is None


def test_comments_show_from_ten_in_the_order_of_their_random_keys(db):
    round_ = make_round()
    _commented(round_, 12)
    comments = _results(round_)["voice"].comments
    assert len(comments) == 12
    assert set(comments[0]) == {"reason", "suggestion"}  # no date, no id
    # The order of the scores' random keys (fresh at every answer while the round was
    # open, fixed once it closed): the same on every read, so pages neither repeat nor
    # skip a comment, and unrelated to the order they were written in.
    by_key = [r for r in Score.objects.filter(indicator=round_.by_key["voice"])
              .order_by("id").values_list("reason", flat=True)]
    assert [c["reason"] for c in comments] == by_key
    assert _results(round_)["voice"].comments == comments


def test_the_comments_page_shows_them_a_page_at_a_time(db, personas):
    round_ = make_round()
    _commented(round_, 30)
    voice = round_.by_key["voice"]
    url = reverse("scorecards:results_comments", args=[round_.pk, voice.pk])
    client = client_for(personas["viewer"])
    pages = [client.get(url, {"page": n}).content.decode() for n in (1, 2)]
    shown = [{f"reason {i}" for i in range(30) if f"<p>reason {i}</p>" in page}
             for page in pages]
    assert len(shown[0]) == 25 and len(shown[1]) == 5 and not shown[0] & shown[1]
    assert "Page 1 of 2" in pages[0]
    results = client.get(reverse("scorecards:results", args=[round_.pk])).content.decode()
    assert "Read the 30 comments" in results and url in results and "reason 1<" not in results


def test_withheld_comments_have_no_page(db, personas):
    round_ = make_round()
    _commented(round_, 9)
    url = reverse("scorecards:results_comments", args=[round_.pk, round_.by_key["voice"].pk])
    assert client_for(personas["staff"]).get(url).status_code == 404
    open_round = make_round(title="Open", status=Round.Status.OPEN)
    _commented(open_round, 12)
    url = reverse("scorecards:results_comments",
                  args=[open_round.pk, open_round.by_key["voice"].pk])
    assert client_for(personas["staff"]).get(url).status_code == 404


def test_the_measure_counts_high_grades_in_the_latest_closed_round(two_rounds):
    before, now = two_rounds
    make_round(title="Still open", closes_on=datetime.date(2026, 6, 30),
               status=Round.Status.OPEN)
    result = compute("scorecard-high-grades", as_of=datetime.date(2026, 12, 31))
    # Round 2025: voice (median 80) is high, money withheld (4 answers), new (50) is not.
    assert result.value == 1
    assert result.detail == {"round": now.pk, "share": 50.0, "shown": 2, "withheld": 1,
                             "closes_on": "2025-06-30"}
    assert [(r.kind, r.id) for r in result.rows] == [("round", now.pk)]
    # As of the end of 2024, the latest closed round is Round 2024: money (90) is high,
    # voice (70) is not.
    earlier = compute("scorecard-high-grades", as_of=datetime.date(2024, 12, 31))
    assert (earlier.value, earlier.detail["round"], earlier.detail["share"]) == (
        1, before.pk, 50.0)


def test_the_measure_without_a_closed_round_is_zero(db):
    assert compute("scorecard-high-grades", as_of=datetime.date(2026, 1, 1)).value == 0


# --- pages and API ------------------------------------------------------------------------


@pytest.fixture
def invited_round(two_rounds, personas):
    before, now = two_rounds
    _commented(now, 4)  # voice: 9 answers, 4 comments: comments withheld
    invite(now, personas["partner_b"])
    return now


def test_an_invited_partner_sees_aggregates_only(invited_round, personas):
    response = client_for(personas["partner_b"]).get(
        reverse("scorecards:results", args=[invited_round.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Statement voice" in text and "withheld: fewer than 5 answers" in text
    assert "reason 0" not in text and "idea 0" not in text  # comments withheld
    assert "Comments withheld: fewer than 10 answers with a comment." in text
    # Not invited to the previous round: no change, no previous summary.
    assert "Round 2024" not in text
    for answer_id in Answer.objects.values_list("id", flat=True):
        assert str(answer_id) not in text


def test_home_users_see_the_previous_round_and_the_chart(invited_round, personas):
    response = client_for(personas["viewer"]).get(
        reverse("scorecards:results", args=[invited_round.pk]))
    text = response.content.decode()
    assert response.status_code == 200 and "Round 2024" in text and "<svg" in text
    assert "<script" not in text.split("<main", 1)[1]
    assert "1 of 2 indicators have a high grade (50.0 %)" in text


def test_results_rendered_for_home_staff_are_not_shown_to_a_partner(invited_round, personas):
    """The rendering is kept per process (hamwe/core/fragments.py): what a home viewer
    saw (the previous round, the change) must not reach a partner who may not see that
    round, however warm the cache."""
    url = reverse("scorecards:results", args=[invited_round.pk])
    staff_page = client_for(personas["viewer"]).get(url).content.decode()
    assert "Round 2024" in staff_page
    partner_page = client_for(personas["partner_b"]).get(url).content.decode()
    assert "Round 2024" not in partner_page and "Statement voice" in partner_page
    assert client_for(personas["partner_a"]).get(url).status_code == 404


def test_a_changed_self_score_or_language_is_rendered_anew(invited_round, personas):
    url = reverse("scorecards:results", args=[invited_round.pk])
    client = client_for(personas["viewer"])
    assert "1 of 2 indicators have a high grade" in client.get(url).content.decode()
    SelfScore.objects.filter(indicator=invited_round.by_key["voice"]).update(score=20)
    page = client.get(url).content.decode()
    assert "+60" in page  # the gap: median 80 - self-score 20
    client.cookies["django_language"] = "fr"
    assert "indicateurs" in client.get(url).content.decode()


@pytest.mark.parametrize("persona", ["partner_a", "partner_admin_a"])
def test_a_partner_not_invited_gets_404(invited_round, personas, persona):
    client = client_for(personas[persona])
    assert client.get(reverse("scorecards:results", args=[invited_round.pk])).status_code == 404
    url = reverse("v1:scorecard-round-results", args=[invited_round.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("persona", ["anonymous", "no_role"])
def test_outsiders_are_refused(invited_round, personas, persona):
    response = client_for(personas[persona]).get(
        reverse("scorecards:results", args=[invited_round.pk]))
    assert response.status_code in (302, 403)


def test_the_api_gives_the_same_suppressed_aggregates(invited_round, personas):
    response = client_for(personas["partner_b"]).get(
        reverse("v1:scorecard-round-results", args=[invited_round.pk]))
    assert response.status_code == 200
    data = response.json()
    by_key = {i["key"]: i for i in data["indicators"]}
    assert by_key["voice"]["median"] == 80 and by_key["voice"]["n"] == 9
    assert by_key["voice"]["comments"] is None
    assert by_key["money"]["n"] is None and by_key["money"]["median"] is None
    assert by_key["money"]["withheld"] == "withheld: fewer than 5 answers"
    assert data["previous"] is None and by_key["voice"]["change"] is None
    assert "score" not in str(data).replace("self_score", "").replace("min_group_scores", "")
    listed = client_for(personas["partner_b"]).get(reverse("v1:scorecard-round-list")).json()
    ids = [r["id"] for r in (listed["results"] if isinstance(listed, dict) else listed)]
    assert ids == [invited_round.pk]


def test_history_shows_the_measure_per_closed_round(two_rounds, personas):
    response = client_for(personas["staff"]).get(reverse("scorecards:results_history"))
    text = response.content.decode()
    assert response.status_code == 200
    assert text.index("Round 2024") < text.index("Round 2025") and "<polyline" in text


# --- cost ---------------------------------------------------------------------------------


@pytest.fixture
def twenty_rounds(personas):
    """20 closed rounds, each with its previous, 200 partner organisations invited to the
    latest, 10 indicators and 150 answers a round; built in bulk."""
    Organisation.objects.bulk_create(
        Organisation(name=f"Partner {i:03d}", acronym=f"P{i}", sector="cso",
                     commune="Gitega", founded_year=2000) for i in range(200))
    organisations = list(Organisation.objects.filter(name__startswith="Partner "))
    users = User.objects.bulk_create(
        User(email=f"p{i}@partners.example", role=Role.PARTNER, organisation=org)
        for i, org in enumerate(organisations))
    keys = [f"k{i}" for i in range(10)]
    previous = None
    for year in range(20):
        round_ = make_round(title=f"Round {2000 + year}", previous=previous, keys=keys,
                            closes_on=datetime.date(2000 + year, 6, 30))
        add_answers(round_, [
            (KIND.GROUP if i % 10 == 0 else KIND.INDIVIDUAL,
             {key: (i * 7 + j * 13) % 101 for j, key in enumerate(keys) if (i + j) % 9}
             | {"k0": (50, f"why {i}", "")})
            for i in range(150)])
        previous = round_
    Invitation.objects.bulk_create(
        Invitation(round=previous, organisation=user.organisation, user=user)
        for user in users)
    invite(previous, personas["partner_b"])
    invite(previous.previous, personas["partner_b"])
    return previous


def test_the_results_page_costs_a_fixed_number_of_queries(
        twenty_rounds, personas, django_assert_max_num_queries):
    client = client_for(personas["partner_b"])
    url = reverse("scorecards:results", args=[twenty_rounds.pk])
    client.get(url)  # the first read computes and stores the two rounds' results
    # 1 session, 2 user, 3 the round (access scope, with previous), 4 may the user see
    # the previous round, 5 the stored results of both rounds, 6 their indicators with
    # self-scores, 7 the user's organisation (the menu in base.html). No score is read.
    with django_assert_max_num_queries(7):
        response = client.get(url)
    assert response.status_code == 200 and "Round 2018" in response.content.decode()
    api = reverse("v1:scorecard-round-results", args=[twenty_rounds.pk])
    # 1-6 above, 7 the comments shown (all of them: the API has no pages of comments).
    with django_assert_max_num_queries(7):
        assert client.get(api).status_code == 200
    comments = reverse("scorecards:results_comments",
                       args=[twenty_rounds.pk, twenty_rounds.by_key["k0"].pk])
    # 1 session, 2 user, 3 the round, 4 the indicator, 5 the stored results (the count of
    # comments is there), 6 the page of comments, 7 the user's organisation (the menu).
    with django_assert_max_num_queries(7):
        response = client.get(comments)
    assert response.status_code == 200 and "why " in response.content.decode()


def test_the_history_page_costs_a_fixed_number_of_queries(
        twenty_rounds, personas, django_assert_max_num_queries):
    client = client_for(personas["staff"])
    client.get(reverse("scorecards:results_history"))  # computes the stored results once
    # 1 session, 2 user, 3 the closed rounds, 4 their stored results.
    with django_assert_max_num_queries(4):
        response = client.get(reverse("scorecards:results_history"))
    assert response.status_code == 200 and response.content.decode().count("<circle") == 20
