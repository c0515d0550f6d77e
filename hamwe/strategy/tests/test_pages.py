"""The strategy's pages for every persona: the dashboard, the indicator pages with their
entries and evidence, the action plan, and what a partner is shown."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hamwe.conftest import client_for
from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.strategy.models import ActivityUpdate, IndicatorEntry

from .conftest import CARE, KIC, PDF, load, partnership

D = datetime.date
DASHBOARD = reverse("strategy:dashboard")
PLAN = reverse("strategy:plan")
SD1 = reverse("strategy:indicator", kwargs={"key": "research-private-partnerships"})
HOME_USERS = ("viewer", "staff", "admin")
PARTNERS = ("partner_a", "partner_admin_a", "partner_b")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_only_users_with_a_role_see_the_strategy(followed, personas):
    assert client_for(None).get(DASHBOARD).status_code == 302
    assert client_for(personas["no_role"]).get(DASHBOARD).status_code == 403
    for name in HOME_USERS + PARTNERS:
        assert client_for(personas[name]).get(DASHBOARD).status_code == 200, name


def test_the_dashboard_shows_every_indicator_at_a_glance(followed, personas):
    page = client_for(personas["viewer"]).get(DASHBOARD).content.decode()
    for text in ("A partnership with a research institute and one with a private company.",
                 "Score-card indicators with a high grade.",
                 "A partnership manual is adopted by the board."):
        assert text in page
    assert "2 against a target of ≥ 2: met." in page
    assert "No entry yet" in page
    assert page.count('<svg class="spark"') == 3
    assert f'href="{SD1}"' in page
    assert "Strategy period ended" not in page  # the example strategy runs to June 2027


def test_a_partner_sees_what_is_shared_and_no_record_behind_it(followed, personas):
    for name in PARTNERS:
        client = client_for(personas[name])
        page = client.get(DASHBOARD).content.decode()
        assert "2 against a target of ≥ 2: met." in page
        assert "What the policy shares with partners" in page
        assert f'href="{SD1}"' not in page and "Soil research with A" not in page
        assert client.get(SD1).status_code == 403
        assert client.get(reverse("strategy:reports")).status_code == 403


def test_the_indicator_page_counts_its_records_with_their_links(followed, personas):
    page = client_for(personas["viewer"]).get(SD1).content.decode()
    assert "Soil research with A" in page and "signed and running" in page
    assert "Solar lamps talks" in page and "being scoped" in page
    assert "Research or academic institution" in page and "Private sector" in page
    assert "Potential partners in the registry" in page  # the supporting measure
    assert "FY24" in page and "FY26" in page
    assert client_for(personas["viewer"]).get(
        reverse("strategy:indicator", kwargs={"key": "nothing"})).status_code == 404


def test_the_dashboard_costs_the_same_queries_whatever_the_number_of_partnerships(
        followed, personas, home, django_assert_max_num_queries):
    from django.core.cache import cache

    client = client_for(personas["staff"])
    client.get(DASHBOARD)  # the past years are stored at the first view
    cache.clear()  # and today's figures kept a few minutes: compute them each time here
    few = _queries(client)
    lab = OrganisationFactory(name="Another Lab", sector="research")
    for n in range(30):
        partnership(f"Research {n}", [home, lab, OrganisationFactory()],
                    created=D(2024, 1, 1), starts=D(2024, 2, 1))
    cache.clear()
    assert _queries(client) == few
    cache.clear()
    # 1-2 the session and its user; 3 the live policy; 4 SD1's measure (the count per
    # sector); 5 the stored years; 6 SD2's latest closed round; 7 the entries; 8 the
    # action plan's updates; 9 the annual learning event.
    with django_assert_max_num_queries(9):
        client.get(DASHBOARD)
    # Read again within minutes, today's figures come from the cache.
    with django_assert_max_num_queries(7):
        client.get(DASHBOARD)


def _queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    return len(queries.captured_queries)


def test_staff_enter_a_manual_value_with_evidence_served_through_the_rule(
        followed, personas):
    url = reverse("strategy:entry_new", kwargs={"key": "partnership-manual"})
    assert client_for(personas["viewer"]).get(url).status_code == 403
    assert client_for(personas["partner_a"]).post(url, {}).status_code == 403
    client = client_for(personas["staff"])
    form = client.get(url).content.decode()
    assert 'name="status"' in form and 'name="evidence"' in form
    refused = client.post(url, {"on": "2025-02-01", "status": "met", "evidence":
                                SimpleUploadedFile("manual.pdf", b"not a pdf")})
    assert refused.status_code == 200 and "not a PDF file" in refused.content.decode()
    response = client.post(url, {"on": "2025-02-01", "status": "met",
                                 "note": "Adopted by the board on 1 February.",
                                 "evidence": SimpleUploadedFile("manual.pdf", PDF)})
    assert response.status_code == 302
    entry = IndicatorEntry.objects.get()
    assert entry.entered_by == personas["staff"] and entry.evidence
    evidence = reverse("strategy:entry_evidence", kwargs={"pk": entry.pk})
    served = client_for(personas["viewer"]).get(evidence)
    assert served.status_code == 200 and b"".join(served.streaming_content) == PDF
    for name in PARTNERS:
        assert client_for(personas[name]).get(evidence).status_code == 404
    assert client_for(None).get(evidence).status_code == 302
    page = client_for(personas["viewer"]).get(DASHBOARD).content.decode()
    assert f"Entered by {personas['staff'].full_name}" in page and evidence in page
    # A partner sees the status, not who entered it nor the evidence.
    shared = client_for(personas["partner_b"]).get(DASHBOARD).content.decode()
    assert "Met, as" in shared and evidence not in shared


def test_staff_mark_an_activity_done_on_the_timeline(followed, personas):
    url = reverse("strategy:activity_update", kwargs={"key": "map-research-partners"})
    data = {"status": "done", "on": "2024-05-10", "note": "Twelve institutions mapped."}
    assert client_for(personas["viewer"]).post(url, data).status_code == 403
    assert client_for(personas["partner_a"]).post(url, data).status_code == 403
    assert not ActivityUpdate.objects.exists()
    before = client_for(personas["staff"]).get(PLAN).content.decode()
    # Planned for FY24 Q3-Q4 (January-June 2024), not done by 15 March 2026: overdue.
    assert "Not started · overdue" in before and "FY24 Q3, FY24 Q4" in before
    response = client_for(personas["staff"]).post(url, data)
    assert response.status_code == 302
    after = client_for(personas["staff"]).get(PLAN).content.decode()
    assert "Done" in after and "10 May 2024" in after
    detail = client_for(personas["viewer"]).get(
        reverse("strategy:activity", kwargs={"key": "map-research-partners"}))
    assert "Twelve institutions mapped." in detail.content.decode()
    partner = client_for(personas["partner_b"])
    shared = partner.get(PLAN).content.decode()
    assert "Map research institutions working on community health." in shared
    assert "10 May 2024" not in shared
    assert partner.get(reverse("strategy:activity", kwargs={
        "key": "map-research-partners"})).status_code == 403


def test_a_done_activity_says_what_was_done(followed, personas):
    url = reverse("strategy:activity_update", kwargs={"key": "write-manual"})
    response = client_for(personas["staff"]).post(url, {"status": "done",
                                                        "on": "2025-05-10"})
    assert response.status_code == 400
    assert "Say what was done" in response.content.decode()


def test_a_policy_without_a_strategy_says_so_plainly(live_policy, personas, today):
    load(KIC)
    for path in (DASHBOARD, PLAN):
        page = client_for(personas["staff"]).get(path).content.decode()
        assert "has no strategy" in page


def test_a_strategy_whose_period_has_ended_says_so_wherever_it_appears(
        live_policy, personas, today):
    load(CARE)
    client = client_for(personas["staff"])
    for path in (DASHBOARD, PLAN, reverse("strategy:reports"),
                 reverse("strategy:indicator", kwargs={"key": "partners-improve-capacity"})):
        page = client.get(path).content.decode()
        assert "This strategy&#x27;s period ended on 30 June 2018" in page, path
    page = client.get(DASHBOARD).content.decode()
    assert page.count('class="icard') == 12  # every CARE Burundi indicator


def test_the_charts_draw_in_french_too(followed, personas):
    """A decimal comma in an SVG coordinate draws nothing."""
    import re

    from django.utils import translation

    client = client_for(personas["staff"])
    for url in (DASHBOARD, SD1, PLAN):
        with translation.override("en"):  # the request leaves French active: undo it
            page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        assert '<html lang="fr"' in page
        svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
        coordinates = [c for svg in svgs for c in re.findall(
            r' (?:x|y|x1|x2|y1|y2|cx|cy|width|height|points)="([^"]*)"', svg)]
        assert any("." in c for c in coordinates), url
        assert [c for c in coordinates if "," in c and not re.fullmatch(
            r"(-?[\d.]+,-?[\d.]+ ?)+", c)] == [], url


def test_the_dashboard_says_whether_this_year_s_learning_event_was_held(
        followed, personas, org_a, org_b):
    from hamwe.knowledge import services as knowledge

    staff, partner_b = personas["staff"], personas["partner_b"]
    page = client_for(staff).get(DASHBOARD).content.decode()
    assert "not held yet in FY26" in page  # 15 March 2026 is in FY26 (July-June)
    last = knowledge.event_record(
        by=staff, title="Learning event 2025", kind="annual", held_on=D(2025, 5, 20),
        participants=[(org_a, 3)])
    page = client_for(staff).get(DASHBOARD).content.decode()
    assert "not held yet in FY26" in page and "the last: FY25, on 20 May 2025" in page
    knowledge.event_record(by=staff, title="A workshop", held_on=D(2026, 2, 1),
                           participants=[(org_a, 1)])  # not the annual one
    event = knowledge.event_record(
        by=staff, title="Learning event 2026", kind="annual", held_on=D(2026, 3, 10),
        place="Gitega", participants=[(org_a, 4), (org_b, 2)],
        practices=["Savings groups meet weekly"], challenges=["Men stay away", "Late funds"])
    page = client_for(staff).get(DASHBOARD).content.decode()
    assert ("FY26's was held on 10 March 2026, Gitega · 2 organisations, 6 participants · "
            "3 practices and lessons documented") in page
    assert f'href="/knowledge/events/{event.pk}/"' in page
    assert 'href="/knowledge/events/new/"' in page
    # A partner reads the fact; it opens the event only when it took part.
    assert f'href="/knowledge/events/{event.pk}/"' in client_for(partner_b).get(
        DASHBOARD).content.decode()
    knowledge.event_record(by=staff, title="Learning event, second day", kind="annual",
                           held_on=D(2026, 3, 11), participants=[(org_a, 4)])
    page = client_for(partner_b).get(DASHBOARD).content.decode()
    assert "FY26's was held on 11 March 2026" in page
    assert "/knowledge/events/" not in page  # neither the event nor recording one
    assert last.pk  # the earlier year's stays on record
