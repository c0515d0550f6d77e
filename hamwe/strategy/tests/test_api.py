"""The strategy through /api/v1/, under the same rule as the pages."""

import datetime

import pytest
from rest_framework.test import APIClient

D = datetime.date
BASE = "/api/v1/strategy/"


def _client(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_directions_indicators_and_activities(followed, personas):
    client = _client(personas["viewer"])
    directions = client.get(BASE + "directions/").json()
    assert [(d["key"], d["indicators"]) for d in directions] == [
        ("sd1", ["research-private-partnerships"]),
        ("sd2", ["high-grades", "partnership-manual"])]
    sd1 = client.get(BASE + "indicators/research-private-partnerships/").json()
    assert (sd1["value"], sd1["status"], sd1["target"]["value"]) == (2, "met", 2.0)
    assert [(p["label"], p["value"]) for p in sd1["history"]] == [
        ("FY24", 1), ("FY25", 2), ("FY26", 2)]
    assert {r["label"] for r in sd1["rows"]} == {"Soil research with A", "Solar lamps talks"}
    manual = client.get(BASE + "indicators/partnership-manual/").json()
    assert manual["status"] == "unknown" and manual["value"] is None
    activities = client.get(BASE + "activities/").json()
    assert activities[0]["periods"][0] == {"code": "FY24-Q3", "label": "FY24 Q3",
                                           "start": "2024-01-01", "end": "2024-03-31"}
    assert activities[0]["overdue"] is True
    assert client.get(BASE + "indicators/nothing/").status_code == 404


def test_a_partner_reads_the_figures_not_the_records_nor_the_entries(followed, personas):
    client = _client(personas["partner_b"])
    sd1 = client.get(BASE + "indicators/research-private-partnerships/").json()
    assert sd1["value"] == 2 and "rows" not in sd1
    assert all("rows" not in i for i in client.get(BASE + "indicators/").json())
    assert client.get(BASE + "entries/").status_code == 403
    response = client.post(BASE + "entries/", {"indicator": "partnership-manual",
                                               "status": "met", "on": "2025-01-01"})
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["anonymous", "no_role"])
def test_outsiders_get_nothing(followed, personas, persona):
    assert _client(personas[persona]).get(BASE + "indicators/").status_code in (401, 403)


def test_staff_add_an_entry_the_service_decides(followed, personas):
    client = _client(personas["staff"])
    created = client.post(BASE + "entries/", {"indicator": "partnership-manual",
                                              "status": "met", "on": "2025-01-01",
                                              "note": "Adopted."}, format="json")
    assert created.status_code == 201 and created.json()["entered_by"]
    refused = client.post(BASE + "entries/", {"indicator": "partnership-manual",
                                              "on": "2025-01-01"}, format="json")
    assert refused.status_code == 400 and "value" in refused.json()
    assert _client(personas["viewer"]).post(
        BASE + "entries/", {"indicator": "partnership-manual", "status": "met",
                            "on": "2025-01-01"}, format="json").status_code == 403
    listed = _client(personas["viewer"]).get(BASE + "entries/").json()
    assert [(e["indicator"], e["status"]) for e in listed] == [("partnership-manual", "met")]
