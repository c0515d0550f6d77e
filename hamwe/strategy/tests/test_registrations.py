"""What the strategy gives the registries: activities past their planned periods (what
is due), and the strategy at a glance on the home page."""

import datetime

from django.test import RequestFactory

from hamwe.core.registries import due_for, home_panels
from hamwe.strategy.plan.services import activity_update_add

from .conftest import CARE, TODAY, load

D = datetime.date


def test_activities_not_done_by_the_end_of_their_periods_are_due(followed, personas):
    items = due_for(personas["staff"], today=TODAY, only=["strategy-activity"])
    # map-research-partners: FY24 Q3-Q4, ended 30 June 2024; write-manual: FY25, ended
    # 30 June 2025. Both are overdue on 15 March 2026.
    assert [(i.due_on, i.overdue) for i in items] == [(D(2024, 6, 30), True),
                                                      (D(2025, 6, 30), True)]
    assert items[0].title == ("Planned until FY24 Q4, not done: Map research institutions "
                              "working on community health.")
    assert items[0].url == "/strategy/plan/map-research-partners/"
    activity_update_add(strategy=followed, activity_key="map-research-partners",
                        by=personas["staff"], data={"status": "done", "on": D(2024, 6, 1),
                                                    "note": "Mapped."})
    assert len(due_for(personas["staff"], today=TODAY, only=["strategy-activity"])) == 1
    for name in ("viewer", "partner_a", "partner_b"):
        assert due_for(personas[name], today=TODAY, only=["strategy-activity"]) == []


def test_once_the_strategy_has_ended_admins_are_asked_for_the_next_one(
        live_policy, personas, today):
    load(CARE)
    items = due_for(personas["admin"], today=TODAY, only=["strategy-activity"])
    assert [i.title for i in items] == [
        "The strategy period ended on 30 June 2018: load the next strategy with the policy"]
    assert due_for(personas["staff"], today=TODAY, only=["strategy-activity"]) == []


def test_the_home_panel_shows_the_strategy_at_a_glance_to_home_users(followed, personas):
    panel = next(p for p in home_panels() if p.name == "strategy-at-a-glance")
    request = RequestFactory().get("/")
    context = panel.context(personas["viewer"], request)
    counts = {c["code"]: c["n"] for c in context["glance"]["counts"]}
    assert counts == {"met": 1, "on_track": 0, "at_risk": 1, "missed": 0, "unknown": 1}
    assert context["glance"]["overdue"] == 2
    assert panel.context(personas["partner_a"], request) is None
    from django.template.loader import render_to_string

    html = render_to_string(panel.template, context)
    assert "The strategy at a glance" in html and "/strategy/" in html
