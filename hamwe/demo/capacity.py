"""Capacity assessments (data/capacity.yaml), through the capacity services: for several
partners a facilitated baseline with self, facilitator and agreed scores, a strengthening
plan from its gaps (most actions done since), and a follow-up a month ago; one partner
has begun its own baseline in the portal. Levels are drawn around each partner's `start`
on the live pack's framework, whatever its domains.

Built once: a database that has assessments keeps its own."""

import datetime

from hamwe.capacity.assessments import services
from hamwe.capacity.framework import live_framework
from hamwe.capacity.models import Action, Assessment
from hamwe.capacity.plan import services as plan

from .data import read


def build(demo, rng):
    if Assessment.objects.exists():
        return
    table = read("capacity")
    _, framework = live_framework()
    by = demo.staff or demo.admin
    notes = table["justifications"]
    words = notes.get(demo.pack.language, notes["en"])
    baseline_on = demo.today - datetime.timedelta(days=table["baseline_days_ago"])
    follow_up_on = demo.today - datetime.timedelta(days=table["follow_up_days_ago"])
    top, bottom = framework.top, framework.bottom

    def level(around):
        return max(bottom, min(top, round(around + rng.uniform(-0.8, 0.8))))

    for spec in table["partners"]:
        organisation = demo.organisations.get(spec["acronym"])
        if organisation is None:
            continue
        baseline = services.assessment_start(
            organisation=organisation, kind="baseline", mode="facilitated",
            assessed_on=baseline_on, by=by)
        levels = {}
        for criterion in framework.criteria:
            agreed = level(spec["start"])
            levels[criterion.key] = agreed
            own = max(bottom, min(top, agreed + rng.choice((0, 0, 1))))
            services.score_set(assessment=baseline, criterion=criterion.key, side="self",
                               level=own, by=by)
            services.score_set(assessment=baseline, criterion=criterion.key,
                               side="facilitator", level=agreed, by=by,
                               justification=rng.choice(words))
            services.score_set(assessment=baseline, criterion=criterion.key, side="agreed",
                               level=agreed, by=by)
        services.assessment_complete(assessment=baseline, by=by,
                                     on=baseline_on + datetime.timedelta(days=7))
        gaps = plan.gaps(baseline, limit=3)
        actions = plan.plan_from_gaps(assessment=baseline, by=by, choices=[{
            "criterion": gap["criterion"].key, "title": str(gap["aim_text"])[:300],
            "owner": rng.choice(("partner", "partner", "home")),
            "due_on": baseline_on + datetime.timedelta(days=120 + 60 * i),
            "resources": ""} for i, gap in enumerate(gaps)])
        for i, action in enumerate(actions):
            if i < len(actions) - 1 or spec["growth"] > 0.4:
                plan.action_update(action=action, by=by, expected_version=action.version,
                                   status=Action.Status.DONE,
                                   done_on=action.due_on - datetime.timedelta(days=10))
        follow_up = services.assessment_start(
            organisation=organisation, kind="follow-up", mode="facilitated",
            assessed_on=follow_up_on, by=by)
        planned = {a.criterion for a in actions}
        for criterion in framework.criteria:
            moved = spec["growth"] + (0.7 if criterion.key in planned else 0)
            agreed = level(levels[criterion.key] + moved)
            services.score_set(assessment=follow_up, criterion=criterion.key, side="self",
                               level=agreed, by=by)
            services.score_set(assessment=follow_up, criterion=criterion.key, side="agreed",
                               level=agreed, by=by, justification=rng.choice(words))
        services.assessment_complete(assessment=follow_up, by=by,
                                     on=follow_up_on + datetime.timedelta(days=3))
    _open_self(demo, table, framework, rng)


def _open_self(demo, table, framework, rng):
    organisation = demo.organisations.get(table.get("open_self", ""))
    if organisation is None:
        return
    partner = next((u for u in demo.partner_logins if u.organisation_id == organisation.pk),
                   None)
    if partner is None:
        return
    begun = services.assessment_start(organisation=organisation, kind="baseline", mode="self",
                                      assessed_on=demo.today - datetime.timedelta(days=3),
                                      by=partner)
    for criterion in framework.criteria[: max(1, len(framework.criteria) // 3)]:
        services.score_set(assessment=begun, criterion=criterion.key, side="self",
                           level=rng.choice((1, 2, 2, 3)), by=partner)
