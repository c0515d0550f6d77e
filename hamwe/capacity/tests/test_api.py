"""Capacity through the API: the same scope as the pages, and versioned action updates."""

import datetime

import pytest
from rest_framework.test import APIClient

from ..models import Action
from .factories import completed

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_assessments_in_scope_with_their_sides_and_results(org_a, org_b, personas,
                                                           live_policy):
    mine = completed(org_a, 3, by=personas["staff"])
    completed(org_b, 2, by=personas["staff"])
    response = api(personas["partner_a"]).get("/api/v1/capacity-assessments/")
    assert response.status_code == 200
    rows = response.json()["results"] if "results" in response.json() else response.json()
    assert [row["id"] for row in rows] == [mine.pk]
    assert {r["domain"]: r["score"] for r in rows[0]["domain_results"]} == {
        "financial-management": 3.0, "project-performance": 3.0}
    assert api(personas["partner_b"]).get(
        f"/api/v1/capacity-assessments/{mine.pk}/").status_code == 404


def test_an_action_is_updated_by_its_owner_with_its_version(org_a, personas, live_policy):
    action = Action.objects.create(organisation=org_a, title="Manual", owner="partner",
                                   due_on=datetime.date(2026, 9, 1))
    url = f"/api/v1/capacity-actions/{action.pk}/"
    client = api(personas["partner_a"])
    response = client.patch(url, {"status": "underway", "version": 1}, format="json")
    assert response.status_code == 200 and response.json()["version"] == 2
    stale = client.patch(url, {"status": "done", "version": 1}, format="json")
    assert stale.status_code == 409
    assert api(personas["partner_b"]).patch(url, {"status": "done", "version": 2},
                                            format="json").status_code == 404
    assert api(personas["viewer"]).patch(url, {"status": "done", "version": 2},
                                         format="json").status_code == 403
    action.refresh_from_db()
    assert (action.status, action.version) == ("underway", 2)
