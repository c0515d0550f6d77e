from pathlib import Path

import pytest

from hamwe.conftest import client_for
from hamwe.policy import services
from hamwe.policy.validation import parse, parse_file

SMALL = Path(__file__).parent / "small-pack.yaml"


@pytest.fixture
def policy(db):
    return services.policy_load(pack=parse_file(SMALL))


@pytest.mark.parametrize("persona", ["viewer", "staff", "admin", "partner_a", "partner_b"])
def test_every_role_reads_the_live_policy(personas, policy, persona):
    page = client_for(personas[persona]).get("/policy/").content.decode()
    assert "Equity between partners" in page and "Strategic direction 1" in page
    assert ("/policy/parts/" in page) is (persona == "admin")


def test_nobody_without_a_role_reads_it(personas, policy):
    assert client_for(personas["no_role"]).get("/policy/").status_code == 403
    assert client_for(None).get("/policy/").status_code == 302


def test_admin_edits_a_part_through_its_form(personas, policy):
    part = policy.parts.get(section="principle", key="equity")
    client = client_for(personas["admin"])
    form_page = client.get(f"/policy/parts/{part.pk}/edit/")
    assert form_page.status_code == 200
    response = client.post(f"/policy/parts/{part.pk}/edit/", {
        "version": part.version, "name": "Equity", "text": "Each partner has room to be itself",
        "in_practice": "Decide together\nShare the budget", "source": "policy",
    })
    assert response.status_code == 302
    part.refresh_from_db()
    assert part.data["text"] == "Each partner has room to be itself"
    assert part.data["in_practice"] == ["Decide together", "Share the budget"]
    history = client.get(f"/policy/parts/{part.pk}/edit/").content.decode()
    assert f"{personas['admin']}</strong>" not in history  # name follows the date, not bold
    assert f" · {personas['admin']} · changed" in history


def test_an_edit_that_breaks_a_reference_is_refused_with_its_reason(personas, policy):
    activity = policy.parts.get(section="activity")
    response = client_for(personas["admin"]).post(f"/policy/parts/{activity.pk}/edit/", {
        "version": activity.version, "direction": "sd7", "text": "Do it", "source": "policy",
    })
    assert response.status_code == 200
    assert "no strategic direction &#x27;sd7&#x27;" in response.content.decode()
    activity.refresh_from_db()
    assert activity.data["direction"] == "sd1"


def test_a_stale_edit_is_refused(personas, policy):
    part = policy.parts.get(section="principle")
    payload = {"version": part.version, "name": "Equity", "text": "First", "source": "policy"}
    client = client_for(personas["admin"])
    client.post(f"/policy/parts/{part.pk}/edit/", payload)
    client.post(f"/policy/parts/{part.pk}/edit/", {**payload, "text": "Second"})
    part.refresh_from_db()
    assert part.data["text"] == "First"


def test_staff_may_not_edit(personas, policy):
    part = policy.parts.get(section="principle")
    assert client_for(personas["staff"]).get(f"/policy/parts/{part.pk}/edit/").status_code == 403


def test_export_download_loads_again(personas, policy):
    response = client_for(personas["partner_a"]).get("/policy/export.yaml")
    assert response["Content-Type"].startswith("application/yaml")
    assert parse(response.content.decode()) == parse_file(SMALL)


def test_page_without_a_policy_says_how_to_load_one(personas, db):
    response = client_for(personas["staff"]).get("/policy/")
    assert response.status_code == 404 and "policy load" in response.content.decode()


@pytest.mark.usefixtures("without_the_reporting_fact")
def test_the_cycle_says_which_gate_items_the_record_ticks(personas, live_policy):
    page = client_for(personas["staff"]).get("/policy/").content.decode()
    signed = page.split("The partnership agreement is signed by every partner.")[1].split(
        "</li>")[0]
    assert ">ticked by the record</span>" in signed
    reports = page.split("The period&#x27;s reports are approved.")[1].split("</li>")[0]
    assert "ticked by the record once the reporting module is in place" in reports
    by_hand = page.split("The expectations on the partner are checked with evidence.")[1]
    assert "ticked by the record" not in by_hand.split("</li>")[0]
