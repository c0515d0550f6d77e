"""Partnerships' blocks of the home page (hamwe.core.registries.home_panel, registered by
PartnershipsConfig.ready)."""

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Case, Count, Value, When

from hamwe.core.registries import home_panel

from .models import Partnership
from .policy import current_policy

YOURS_SHOWN = 12


def _stage_names():
    try:
        return {stage.key: stage.name for stage in current_policy().stages}
    except ImproperlyConfigured:
        return {}


@home_panel("partnerships", template="partnerships/home_glance.html", order=30,
            audience="home")
def at_a_glance(user, request):
    """The partnerships at a glance: by status and by stage of the cycle, as the
    partnership list counts them (each a link to the list so filtered). The live policy
    (one or two queries) and two counts."""
    names = _stage_names()
    visible = Partnership.objects.visible_to(user).order_by()
    by_status = dict(visible.values_list("status").annotate(n=Count("pk")))
    by_stage = dict(visible.values_list("stage").annotate(n=Count("pk")))
    stages = [
        {"key": key, "name": name, "count": by_stage.get(key, 0)}
        for key, name in names.items()
    ]
    stages += [  # keys an older policy had, or none yet
        {"key": key, "name": key or "—", "count": n}
        for key, n in sorted(by_stage.items()) if key not in names
    ]
    return {
        "total": sum(by_status.values()),
        "by_status": [
            {"value": value, "label": label, "count": by_status.get(value, 0)}
            for value, label in Partnership.Status.choices
        ],
        "by_stage": stages,
    }


@home_panel("your-partnerships", template="partnerships/home_yours.html", order=10,
            audience="partner")
def yours(user, request):
    """A partner user's partnerships, with where each stands in the cycle: the live
    policy (one or two queries) and one query, the running ones first."""
    names = _stage_names()
    visible = Partnership.objects.visible_to(user)
    running_first = Case(
        When(status=Partnership.Status.ACTIVE, then=Value(0)),
        When(status=Partnership.Status.PROPOSED, then=Value(1)),
        default=Value(2),
    )
    rows = list(
        visible.only("pk", "title", "status", "stage")
        .order_by(running_first, "title", "pk")[: YOURS_SHOWN + 1]
    )
    for p in rows:
        p.stage_name = names.get(p.stage, p.stage)
    return {"partnerships": rows[:YOURS_SHOWN], "more": len(rows) > YOURS_SHOWN}
