"""The strategy's measures computed from networks and community structures (registered
by NetworksConfig.ready). Each reads the data as it stood on `as_of`, from the dates
people record (set up, hand-over, status, maturity and registration days), in one or a
few aggregate queries.

SD4's `partnerships-among-partners` is the partnerships app's measure widened to the
networks' joint activities: this module imports the partnerships' function (so it is
registered first) and registers the widened one under the same name, at a higher
revision, so that values stored from the narrower one are computed again.
"""

import dataclasses
import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery

from hamwe.partnerships import measures as partnership_measures
from hamwe.partnerships.models import Party
from hamwe.policy.measures import MeasureResult, Row, implements

from .models import (
    CommunityStructure,
    Facilitation,
    JointActivity,
    MaturityStep,
    Network,
    StatusChange,
)

# A joint activity counts while it runs and for a year after it ended: a joint advocacy
# action of one day is partners working together for the year it is reported in.
ACTIVITY_COUNTS_FOR = datetime.timedelta(days=365)


def _home_partners(as_of):
    """Organisations in a partnership with the home organisation running on `as_of`."""
    running = partnership_measures.states(as_of).filter(running=True, includes_home=True)
    return Party.objects.filter(partnership__in=running.values("pk"),
                                organisation__is_home=False).values("organisation_id")


def joint_activities_among_partners(as_of):
    """Joint activities of networks running on `as_of` (or ended in the year before),
    led by an organisation other than the home one, among two or more of its partners."""
    return (
        JointActivity.objects.filter(started_on__lte=as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=as_of - ACTIVITY_COUNTS_FOR))
        .exclude(led_by__is_home=True)
        .annotate(partners=Count("organisations", distinct=True,
                                 filter=Q(organisations__in=_home_partners(as_of))))
        .filter(partners__gte=2)
    )


@implements("partnerships-among-partners", revision=3)
def partnerships_among_partners(*, as_of, per_area=1,
                                successful_rating=partnership_measures.SUCCESSFUL_RATING,
                                with_rows=True):
    """The partnerships' measure (two queries) and the joint activities of networks among
    partners (two more): thematic areas with at least `per_area` of either."""
    base = partnership_measures.partnerships_among_partners(
        as_of=as_of, per_area=per_area, successful_rating=successful_rating,
        with_rows=with_rows)
    activities = JointActivity.objects.filter(
        pk__in=joint_activities_among_partners(as_of).values("pk"))
    by_area = dict(activities.values_list("network__theme__name").annotate(
        n=Count("pk")).order_by())
    areas = dict(base.detail.get("per_area", {}))
    for area, n in by_area.items():
        areas[area] = areas.get(area, 0) + n
    value = sum(1 for n in areas.values() if n >= per_area)
    detail = {**base.detail, "per_area": areas, "joint_activities": sum(by_area.values())}
    if not with_rows:
        return MeasureResult(value=value, detail=detail)
    rows = [dataclasses.replace(row, counts=bool(row.group) and areas.get(row.group, 0)
                                >= per_area) for row in base.rows]
    rows += [
        Row(kind="network", id=network_id, label=f"{title} ({network})", group=area,
            note="joint-activity", counts=areas.get(area, 0) >= per_area)
        for title, network_id, network, area in activities.values_list(
            "title", "network_id", "network__name", "network__theme__name").order_by(
            "network__theme__name", "title", "pk")
    ]
    return MeasureResult(value=value, detail=detail, rows=tuple(rows))


def _status_on(as_of):
    return Subquery(StatusChange.objects.filter(
        network=OuterRef("pk"), since__lte=as_of).order_by("-since", "-pk").values("status")[:1])


@implements("networks-set-up")
def networks_set_up(*, as_of, initiated_by_home=False, with_rows=True):
    """Networks set up by `as_of` and not closed then (one query, and one for the rows)."""
    found = Network.objects.filter(set_up_on__lte=as_of).alias(
        status_then=_status_on(as_of)).exclude(status_then=Network.Status.CLOSED)
    if initiated_by_home:
        found = found.filter(initiated_by__is_home=True)
    value = found.count()
    if not with_rows:
        return MeasureResult(value=value)
    rows = tuple(Row(kind="network", id=pk, label=name, group=theme)
                 for pk, name, theme in found.values_list("pk", "name", "theme__name")
                 .order_by("theme__name", "name", "pk"))
    return MeasureResult(value=value, rows=rows)


@implements("networks-handed-over")
def networks_handed_over(*, as_of, with_rows=True):
    """Networks whose facilitation passed from the home organisation to another by
    `as_of`, and that another organisation facilitated then (one query, and the rows)."""
    handed = Facilitation.objects.filter(network=OuterRef("pk"), since__lte=as_of,
                                         handed_over_by__is_home=True)
    facilitator_then = Subquery(Facilitation.objects.filter(
        network=OuterRef("pk"), since__lte=as_of).order_by("-since", "-pk")
        .values("organisation__is_home")[:1])
    found = Network.objects.filter(Exists(handed)).alias(
        home_then=facilitator_then).filter(home_then=False)
    value = found.count()
    if not with_rows:
        return MeasureResult(value=value)
    rows = tuple(Row(kind="network", id=pk, label=name, group=theme)
                 for pk, name, theme in found.values_list("pk", "name", "theme__name")
                 .order_by("theme__name", "name", "pk"))
    return MeasureResult(value=value, rows=rows)


@implements("community-structures-matured")
def community_structures_matured(*, as_of, with_rows=True):
    """Structures whose latest maturity by `as_of` is above their first (one query)."""
    steps = MaturityStep.objects.filter(structure=OuterRef("pk"), on__lte=as_of)
    first = Subquery(steps.order_by("on", "pk").values("level")[:1])
    latest = Subquery(steps.order_by("-on", "-pk").values("level")[:1])
    found = CommunityStructure.objects.annotate(
        first_level=first, latest_level=latest).filter(latest_level__gt=F("first_level"))
    value = found.count()
    if not with_rows:
        return MeasureResult(value=value)
    rows = tuple(Row(kind="structure", id=pk, label=name, group=kind)
                 for pk, name, kind in found.values_list("pk", "organisation__name", "kind")
                 .order_by("organisation__name", "pk"))
    return MeasureResult(value=value, rows=rows)


@implements("community-structures-registered")
def community_structures_registered(*, as_of, with_rows=True):
    found = CommunityStructure.objects.filter(registered_on__lte=as_of)
    value = found.count()
    if not with_rows:
        return MeasureResult(value=value)
    rows = tuple(Row(kind="structure", id=pk, label=name, group=kind)
                 for pk, name, kind in found.values_list("pk", "organisation__name", "kind")
                 .order_by("organisation__name", "pk"))
    return MeasureResult(value=value, rows=rows)

