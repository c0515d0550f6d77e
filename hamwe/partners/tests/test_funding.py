"""Funding diversity, computed by hand (METHODS.md §5), the pages and the measure."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hamwe.conftest import client_for
from hamwe.partners.funding import selectors, services
from hamwe.partners.models import Funding, FundingRate
from hamwe.policy.measures import compute


def _give(org, year, name, amount, category="bilateral", currency="USD"):
    return Funding.objects.create(organisation=org, year=year, source_name=name,
                                  category=category, amount=Decimal(amount), currency=currency)


@pytest.mark.django_db
def test_hhi_and_its_companions_by_hand(org_a):
    # Shares 0.5, 0.3, 0.2: HHI = 0.25 + 0.09 + 0.04 = 0.38; diversification 0.62;
    # normalised (0.38 − 1/3) / (1 − 1/3) = 0.07; the home NGO's 30 of 100.
    _give(org_a, 2025, "Sida", "50")
    _give(org_a, 2025, "The home NGO", "30", category="home")
    _give(org_a, 2025, "Shop", "20", category="own_income")
    latest = selectors.funding_profile(org_a)["latest"]
    assert latest.year == 2025 and latest.total == pytest.approx(100)
    assert latest.sources == 3
    assert latest.hhi == pytest.approx(0.38)
    assert latest.diversification == pytest.approx(0.62)
    assert latest.normalised_hhi == pytest.approx(0.07)
    assert latest.largest_share == pytest.approx(0.5)
    assert latest.above_5 == 3
    assert latest.home_share == pytest.approx(0.3)


@pytest.mark.django_db
def test_a_small_source_is_not_above_5_percent_and_currencies_convert(org_a):
    # 1,000,000 BIF at 0.0005 = 500 USD; with 9,400 USD and 100 USD: total 10,000.
    # Shares 0.94, 0.05, 0.01: HHI = 0.8836 + 0.0025 + 0.0001 = 0.8862; only one above 5 %
    # (0.05 is not above it).
    FundingRate.objects.create(year=2024, currency="BIF", rate=Decimal("0.0005"))
    _give(org_a, 2024, "Big donor", "9400")
    _give(org_a, 2024, "Commune", "1000000", category="government", currency="BIF")
    _give(org_a, 2024, "Members", "100", category="own_income")
    _give(org_a, 2024, "Nothing this year", "0")
    _give(org_a, 2024, "Kronor", "1000", currency="SEK")  # no rate for SEK in 2024
    latest = selectors.funding_profile(org_a)["latest"]
    assert latest.total == pytest.approx(10_000)
    assert (latest.sources, latest.above_5, latest.unrated) == (3, 1, 1)
    assert latest.hhi == pytest.approx(0.8862)
    assert latest.largest_share == pytest.approx(0.94)
    assert latest.home_share == pytest.approx(0)
    assert selectors.missing_rates(org_a) == [(2024, "SEK")]


@pytest.mark.django_db
def test_one_source_has_no_normalised_hhi_and_the_series_runs_by_year(org_a):
    _give(org_a, 2023, "Only donor", "10")
    _give(org_a, 2024, "A", "10")
    _give(org_a, 2024, "B", "10")
    series = selectors.funding_profile(org_a)["series"]
    assert [(f.year, f.hhi, f.normalised_hhi) for f in series] == [
        (2023, 1.0, None), (2024, 0.5, 0.0)]


@pytest.mark.django_db
def test_rules_of_an_amount(org_a):
    with pytest.raises(ValidationError) as refused:
        Funding(organisation=org_a, year=2025, source_name="x", category="home",
                amount=Decimal("-1"), currency="usd").full_clean()
    assert "amount" in refused.value.message_dict
    entry = Funding(organisation=org_a, year=2025, source_name=" Sida  ", category="home",
                    amount=Decimal("1"), currency="sek")
    entry.full_clean()
    assert (entry.source_name, entry.currency) == ("Sida", "SEK")
    with pytest.raises(ValidationError):
        FundingRate(year=2025, currency="USD", rate=1).full_clean()


@pytest.mark.django_db
def test_a_rate_given_again_replaces_the_years_rate(personas):
    services.rate_set(by=personas["staff"], year=2025, currency="bif", rate=Decimal("0.0004"))
    services.rate_set(by=personas["staff"], year=2025, currency="BIF", rate=Decimal("0.0003"))
    assert list(FundingRate.objects.values_list("currency", "rate")) == [
        ("BIF", Decimal("0.0003"))]


@pytest.mark.django_db
def test_the_measure_counts_partners_diversifying_against_their_first_year(org_a, org_b):
    _give(org_a, 2023, "Only donor", "10")  # HHI 1 → 0.5: rising
    _give(org_a, 2024, "A", "10")
    _give(org_a, 2024, "B", "10")
    _give(org_b, 2023, "A", "10")  # 0.5 → 1: falling
    _give(org_b, 2023, "B", "10")
    _give(org_b, 2024, "A", "10")
    result = compute("funding-diversity", as_of=datetime.date(2024, 12, 31))
    assert result.value == 1
    assert result.detail == {"compared": 2, "mean_change": 0.0}
    assert [(r.id, r.counts) for r in result.rows] == [(org_a.pk, True), (org_b.pk, False)]
    assert compute("funding-diversity", as_of=datetime.date(2023, 12, 31)).value == 0
    assert compute("funding-diversity", {"minimum_sources": 3},
                   as_of=datetime.date(2024, 12, 31)).value == 0


@pytest.mark.django_db
def test_the_partner_enters_its_own_and_another_never_sees_it(personas, org_a):
    client = client_for(personas["partner_a"])
    response = client.post(reverse("partners:funding_add", args=[org_a.pk]), {
        "year": 2025, "source_name": "Sida", "category": "bilateral", "amount": "1200",
        "currency": "USD"})
    assert response.status_code == 302
    page = client.get(reverse("partners:funding", args=[org_a.pk]))
    assert "Sida" in page.text and "<svg" in page.text
    outsider = client_for(personas["partner_b"])
    assert outsider.get(reverse("partners:funding", args=[org_a.pk])).status_code == 404
    assert outsider.post(reverse("partners:funding_add", args=[org_a.pk]), {
        "year": 2025, "source_name": "X", "category": "home", "amount": "1",
        "currency": "USD"}).status_code == 404
    assert client_for(personas["viewer"]).post(
        reverse("partners:funding_add", args=[org_a.pk]), {}).status_code == 403
    assert Funding.objects.count() == 1


@pytest.mark.django_db
def test_the_overview_at_5000_partners_takes_a_fixed_number_of_queries(
        personas, org_a, live_policy, django_assert_max_num_queries):
    from hamwe.partners.models import Organisation

    Organisation.objects.bulk_create(
        Organisation(name=f"Partner {n:05d}", sector="cso") for n in range(5000))
    pks = list(Organisation.objects.values_list("pk", flat=True))
    Funding.objects.bulk_create(
        Funding(organisation_id=pk, year=year, source_name=f"S{s}", category="bilateral",
                amount=Decimal(10 + s), currency="USD")
        for pk in pks[:1500] for year in (2024, 2025) for s in range(3))
    client = client_for(personas["staff"])
    # session + user, the count and the page of organisations, the page's figures (one
    # aggregate query), what is due in the header (its providers' queries).
    with django_assert_max_num_queries(20):
        response = client.get(reverse("partners:funding_overview") + "?page=2")
    assert response.status_code == 200 and "Partner 00" in response.text
