"""The capacity pages: a partner scores criterion by criterion (with and without htmx),
staff facilitate, agree and complete, the results and the plan, the export; outsiders
are refused."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from hamwe.conftest import client_for

from ..models import Action, Assessment, Score
from .factories import assessment, completed

pytestmark = pytest.mark.django_db

D = datetime.date


def _score(client, made, criterion, side, level, htmx=False, **more):
    data = {f"{criterion}-{side}-level": level,
            f"{criterion}-{side}-justification": more.get("justification", ""),
            f"{criterion}-{side}-evidence": more.get("evidence", "")}
    if "version" in more:
        data[f"{criterion}-{side}-version"] = more["version"]
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(f"/capacity/{made.pk}/criteria/{criterion}/{side}/", data, **headers)


def test_a_partner_scores_one_criterion_at_a_time(org_a, personas, live_policy):
    made = assessment(org_a, by=personas["partner_a"], mode="self")
    partner = client_for(personas["partner_a"])
    page = partner.get(f"/capacity/{made.pk}/")
    assert page.status_code == 200
    # The level's descriptor is shown beside it.
    assert "Approval rules exist but are not always followed." in page.content.decode()
    answer = _score(partner, made, "internal-control", "self", 2, justification="Two signers")
    assert answer.status_code == 302 and answer["Location"].endswith("#c-internal-control")
    fragment = _score(partner, made, "monitoring", "self", 3, htmx=True)
    assert fragment.status_code == 200
    text = fragment.content.decode()
    assert text.lstrip().startswith('<li class="criterion-card" id="c-monitoring"')
    assert "<html" not in text
    assert dict(Score.objects.filter(assessment=made).values_list("criterion", "level")) == {
        "internal-control": 2, "monitoring": 3}
    # The partner gives its own side only.
    assert _score(partner, made, "monitoring", "agreed", 4).status_code == 403
    assert not Score.objects.filter(side="agreed").exists()


def test_an_invalid_answer_comes_back_on_its_own_small_page(org_a, personas, live_policy):
    made = assessment(org_a, by=personas["partner_a"], mode="self")
    response = _score(client_for(personas["partner_a"]), made, "monitoring", "self", 9)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Score.objects.exists()


def test_outsiders_are_refused(org_a, personas, live_policy):
    made = assessment(org_a, by=personas["staff"])
    assert client_for(personas["partner_b"]).get(f"/capacity/{made.pk}/").status_code == 404
    assert _score(client_for(personas["partner_b"]), made, "monitoring", "self", 2
                  ).status_code == 404
    assert client_for(personas["partner_b"]).get(
        f"/capacity/{made.pk}/assessment.xlsx").status_code == 404
    assert _score(client_for(personas["viewer"]), made, "monitoring", "self", 2
                  ).status_code == 403
    assert client_for(personas["partner_b"]).get("/capacity/").content.decode().count(
        f'/capacity/{made.pk}/') == 0
    assert not Score.objects.exists()


def test_staff_facilitate_agree_complete_and_see_the_change(org_a, personas, live_policy):
    staff = client_for(personas["staff"])
    completed(org_a, 2, by=personas["staff"], on=D(2026, 1, 10))
    follow_up = assessment(org_a, by=personas["staff"], kind="follow-up", on=D(2026, 9, 1))
    done = Action.objects.create(organisation=org_a, domain="financial-management",
                                 criterion="internal-control", title="Separate duties",
                                 due_on=D(2026, 5, 1), status="done", done_on=D(2026, 4, 20))
    for criterion, level in (("internal-control", 3), ("monitoring", 2)):
        assert _score(staff, follow_up, criterion, "facilitator", level).status_code == 302
        assert _score(staff, follow_up, criterion, "agreed", level).status_code == 302
    assert staff.post(f"/capacity/{follow_up.pk}/complete/").status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == Assessment.Status.COMPLETED and follow_up.overall == 2.5
    page = staff.get(f"/capacity/{follow_up.pk}/").content.decode()
    assert 'data-series="now"' in page and 'data-series="previous"' in page
    assert "+1.00" in page  # the change in financial management
    assert done.title in page  # the action done meanwhile, beside the change


def test_the_export_has_every_side(org_a, personas, live_policy):
    made = completed(org_a, 3, by=personas["staff"])
    Score.objects.create(assessment=made, domain="project-performance", criterion="monitoring",
                         side="self", level=4, justification="=HYPERLINK(\"x\")")
    response = client_for(personas["partner_a"]).get(f"/capacity/{made.pk}/assessment.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3  # the header and the two criteria
    monitoring = next(r for r in rows if r[1] == "Monitoring and evaluation")
    assert monitoring[2] == "4" or monitoring[2] == 4
    assert not str(monitoring[3]).startswith("=")  # never a formula
    assert monitoring[8] in (3, "3")


def test_plan_from_the_gaps(org_a, personas, live_policy):
    made = completed(org_a, {"internal-control": 1, "monitoring": 3}, by=personas["staff"])
    staff = client_for(personas["staff"])
    page = staff.get(f"/capacity/{made.pk}/plan/").content.decode()
    # Lowest first, aiming at the next level's descriptor.
    assert page.index("Internal control") < page.index("Monitoring and evaluation")
    assert "Approval rules exist but are not always followed." in page
    response = staff.post(f"/capacity/{made.pk}/plan/", {
        "internal-control-include": "on", "internal-control-title": "Approval rules",
        "internal-control-owner": "third", "internal-control-third_party": "Audit firm",
        "internal-control-due_on": "2026-06-30",
        "monitoring-title": "", "monitoring-owner": "partner", "monitoring-due_on": "",
    })
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.criterion, action.owner, action.third_party) == (
        "internal-control", "third", "Audit firm")
    assert client_for(personas["partner_a"]).get(f"/capacity/{made.pk}/plan/").status_code == 403
    # A partner updates the actions its organisation owns, not others'.
    assert client_for(personas["partner_a"]).post(f"/capacity/actions/{action.pk}/", {
        "title": "x", "owner": "partner", "due_on": "2026-06-30", "status": "done",
        "version": action.version}).status_code == 403


def test_the_list_at_5000_partners(personas, live_policy, django_assert_max_num_queries):
    from hamwe.partners.models import Organisation

    Organisation.objects.bulk_create(
        [Organisation(name=f"Partner {i:04d}", sector="ngo") for i in range(5000)])
    ids = list(Organisation.objects.values_list("pk", flat=True))
    Assessment.objects.bulk_create([
        Assessment(organisation_id=pk, kind="baseline", mode="facilitated", policy=live_policy,
                   policy_version=1, framework_version=1, assessed_on=D(2026, 1, 1))
        for pk in ids])
    client = client_for(personas["staff"])
    client.get("/capacity/")  # the session and the live policy are read once first
    # The session, the user, then the count and one page of assessments with their
    # partner's name (select_related); the rest is the page frame.
    with django_assert_max_num_queries(8):
        response = client.get("/capacity/?page=3")
    assert response.status_code == 200
    assert response.content.decode().count('<td class="name">') == 50


def test_a_follow_ups_page_in_a_fixed_number_of_queries(org_a, personas, live_policy,
                                                        django_assert_max_num_queries):
    from hamwe.partners.tests.factories import OrganisationFactory

    staff = client_for(personas["staff"])
    for i in range(3):  # other partners' assessments change nothing
        completed(OrganisationFactory(name=f"Other {i}"), 2, by=personas["staff"])
    completed(org_a, 2, by=personas["staff"], on=D(2026, 1, 10))
    completed(org_a, 3, by=personas["staff"], kind="follow-up", on=D(2026, 5, 10))
    latest = completed(org_a, 4, by=personas["staff"], kind="close-out", on=D(2026, 9, 10))
    staff.get(f"/capacity/{latest.pk}/")
    # The session, the user, the assessment (with partner and policy), the policy's
    # stamp, its scores, then the results: the earlier assessments (previous and
    # baseline, with their domain results: 2 each), this one's domain results, the
    # actions done meanwhile, the partner's plan.
    with django_assert_max_num_queries(14):
        response = staff.get(f"/capacity/{latest.pk}/")
    assert 'data-series="baseline"' in response.content.decode()
