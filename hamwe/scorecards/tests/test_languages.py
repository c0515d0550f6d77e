"""Score-card questions in the respondent's language: a round freezes each indicator's
translations with its wording; whatever language it is read in, an answer scores the same
indicator; a partner's proposal has only the language it was written in."""

import datetime
import html
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from hamwe.conftest import client_for
from hamwe.policy import services as policy_services
from hamwe.policy.validation import parse_file
from hamwe.scorecards.models import Indicator, Score
from hamwe.scorecards.rounds import services

PACKS = Path(__file__).resolve().parents[2] / "policy" / "packs"
ENGLISH = "CARE Burundi includes us in key processes"
FRENCH = "CARE Burundi nous inclut dans les processus"


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    translation.deactivate()


@pytest.fixture
def care_round(db, personas):
    policy_services.policy_load(pack=parse_file(PACKS / "care-burundi.yaml"))
    round_ = services.round_create(
        by=personas["staff"], title="Carte de score 2026", period="FY26",
        opens_on=datetime.date(2026, 1, 1), closes_on=datetime.date(2026, 12, 31))
    services.invite(round_=round_, by=personas["staff"],
                    users=[personas["partner_a"], personas["partner_admin_a"]])
    services.round_open(round_=round_, by=personas["staff"])
    return round_


def _in(language, client):
    client.cookies["django_language"] = language
    return client


def test_a_round_freezes_the_wording_in_the_source_with_its_translations(care_round):
    indicator = care_round.indicators.get(key="included-in-decisions")
    assert indicator.language == "en" and indicator.text.startswith(ENGLISH)
    assert indicator.translations["fr"].startswith(FRENCH)
    assert all(i.translations.get("fr") for i in care_round.indicators.all())


def test_the_answer_form_in_french_asks_in_french(care_round, personas):
    partner = _in("fr", client_for(personas["partner_a"]))
    url = reverse("scorecards:answer", args=[care_round.pk])
    page = html.unescape(partner.get(url).content.decode())
    assert '<html lang="fr"' in page
    assert FRENCH in page and ENGLISH not in page
    assert 'class="untranslated"' not in page


def test_an_answer_scores_the_same_indicator_whatever_language_it_was_read_in(
    care_round, personas
):
    indicator = care_round.indicators.get(key="included-in-decisions")
    for persona, language in (("partner_a", "fr"), ("partner_admin_a", "en")):
        client = _in(language, client_for(personas[persona]))
        url = reverse("scorecards:answer", args=[care_round.pk])
        page = html.unescape(client.get(url).content.decode())
        assert (FRENCH if language == "fr" else ENGLISH) in page
        response = client.post(url, {f"score_{indicator.pk}": "70"})
        assert response.status_code == 302, response.content.decode()[:500]
    scores = Score.objects.filter(indicator=indicator)
    assert sorted(s.score for s in scores) == [70, 70]
    assert Indicator.objects.filter(round=care_round, key="included-in-decisions").count() == 1


def test_staff_read_the_round_in_their_language(care_round, personas):
    staff = _in("fr", client_for(personas["staff"]))
    detail = html.unescape(staff.get(reverse("scorecards:round_detail",
                                             args=[care_round.pk])).content.decode())
    assert FRENCH in detail and ENGLISH not in detail


def test_a_proposal_keeps_the_language_it_was_written_in(db, personas, live_policy):
    round_ = services.round_create(
        by=personas["staff"], title="Draft", period="FY27",
        opens_on=datetime.date(2027, 1, 1), closes_on=datetime.date(2027, 6, 30))
    services.invite(round_=round_, by=personas["staff"], users=[personas["partner_a"]])
    with translation.override("fr"):
        proposal = services.proposal_add(round_=round_, by=personas["partner_a"],
                                         text="LHA répond à nos courriels en une semaine.")
    assert proposal.language == "fr"
    indicator = services.proposal_decide(proposal=proposal, by=personas["staff"], accept=True)
    assert indicator.language == "fr" and indicator.translations == {}
    with translation.override("fr"):
        assert indicator.wording == "LHA répond à nos courriels en une semaine."
        assert not hasattr(indicator.wording, "language")
    with translation.override("en"):
        assert indicator.wording.language == "fr"  # shown as written, marked
        assert "[FR]" in indicator.wording.__html__()


def test_new_wording_drops_the_translations_of_the_old(db, personas, live_policy):
    round_ = services.round_create(
        by=personas["staff"], title="Draft", period="FY27",
        opens_on=datetime.date(2027, 1, 1), closes_on=datetime.date(2027, 6, 30))
    indicator = round_.indicators.get(key="equal-voice")
    assert indicator.translations == {
        "fr": "LHA nous donne une voix égale dans les décisions sur notre partenariat."}
    services.indicator_update(indicator=indicator, by=personas["staff"], text="LHA listens.")
    indicator.refresh_from_db()
    assert indicator.translations == {}
    with translation.override("fr"):
        assert indicator.wording.language == "en"


def test_an_indicator_of_an_older_round_is_shown_as_written(db, personas, live_policy):
    round_ = services.round_create(
        by=personas["staff"], title="Old", period="FY25",
        opens_on=datetime.date(2025, 1, 1), closes_on=datetime.date(2025, 6, 30))
    Indicator.objects.filter(round=round_).update(language="", translations={})
    indicator = round_.indicators.first()
    with translation.override("sv"):
        assert indicator.wording == indicator.text and not hasattr(indicator.wording, "language")
