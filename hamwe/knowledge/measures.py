"""The strategy's measures computed from the knowledge hub (registered by
KnowledgeConfig.ready). Each counts what was recorded by `as_of`, in the fiscal year of
`as_of` (from its first day), in one or a few aggregate queries. The measure of
knowledge use by key positions is the strategy's to wire: it reads
`selectors.users_using_knowledge` with the people app's key positions."""

from django.db.models import Count, Exists, OuterRef, Q

from hamwe.core.text import fold
from hamwe.policy import fiscal
from hamwe.policy import selectors as policy_selectors
from hamwe.policy.measures import MeasureResult, Row, implements

from .models import Adoption, Item

Origin = Item.origins.through


def _year(as_of):
    calendar = fiscal.Calendar.of(policy_selectors.policy_pack(policy_selectors.live_policy()))
    return calendar.year(calendar.year_of(as_of))


def _directions():
    """Conditions on an adoption: from partners to the home NGO, from the home NGO to
    partners, among partners (an origin other than the adopter)."""
    origin = Origin.objects.filter(item_id=OuterRef("item_id"))
    from_partner = Exists(origin.filter(organisation__is_home=False))
    from_home = Exists(origin.filter(organisation__is_home=True))
    among = Exists(origin.filter(organisation__is_home=False).exclude(
        organisation_id=OuterRef("organisation_id")))
    return {
        "partner": Q(organisation__is_home=True) & Q(from_partner),
        "home": Q(organisation__is_home=False) & Q(from_home),
        "among": Q(organisation__is_home=False) & Q(among),
    }


@implements("practices-adopted")
def practices_adopted(*, as_of, with_rows=True, origin="both"):
    """Confirmed adoptions (adopted and confirmed by `as_of`) in the fiscal year of
    `as_of`: of items from partners taken up by the home NGO (`origin="partner"`), of the
    home NGO's taken up by partners (`"home"`), or all the mutual learning (`"both"`:
    those two and the adoptions among partners that the hub carries, each counted once),
    with each direction in the detail. With `both`, met when each side has taken up at
    least one of the other's. Two queries: the counts, the rows."""
    year = _year(as_of)
    adoptions = Adoption.objects.filter(adopted_on__gte=year.start, adopted_on__lte=as_of,
                                        confirmed_on__lte=as_of)
    directions = _directions()
    counted = ("partner", "home", "among") if origin == "both" else (origin,)
    wanted = Q()
    for name in counted:
        wanted |= directions[name]
    totals = adoptions.aggregate(value=Count("pk", filter=wanted), **{
        name: Count("pk", filter=condition) for name, condition in directions.items()})
    value = totals["value"]
    rows = ()
    if with_rows:
        rows = tuple(
            Row(kind="adoption", id=pk, label=f"{organisation} · {title}",
                note=adopted_on.isoformat())
            for pk, organisation, title, adopted_on in adoptions.filter(wanted)
            .values_list("pk", "organisation__name", "item__title", "adopted_on")
            .order_by("adopted_on", "pk"))
    return MeasureResult(
        value=value,
        target_met=(totals["partner"] > 0 and totals["home"] > 0) if origin == "both" else None,
        detail={"year": year.year, "from": year.start.isoformat(),
                "from_partners": totals["partner"], "from_home": totals["home"],
                "among_partners": totals["among"]},
        rows=rows,
    )


def _shared(as_of):
    return Item.objects.filter(published_on__lte=as_of).exclude(sharing=Item.Sharing.INTERNAL)


@implements("toolkits-published")
def toolkits_published(*, as_of, with_rows=True, topics=()):
    """Toolkits published and shared beyond their own organisations by `as_of`, on the
    `topics` (programme models or thematic areas named so, accents and case aside); met
    when every topic has one. One query."""
    toolkits = list(
        _shared(as_of).filter(kind=Item.Kind.TOOLKIT)
        .prefetch_related("programme_models", "thematic_areas").order_by("published_on", "pk"))
    wanted = {fold(t): t for t in topics}
    covered, rows = {}, []
    for toolkit in toolkits:
        names = {fold(m.name) for m in toolkit.programme_models.all()} | {
            fold(a.name) for a in toolkit.thematic_areas.all()}
        hits = sorted(wanted[n] for n in names & wanted.keys()) if wanted else [""]
        for topic in hits:
            covered[topic] = covered.get(topic, 0) + 1
        if hits:
            rows.append(Row(kind="knowledge-item", id=toolkit.pk, label=toolkit.title,
                            note=toolkit.published_on.isoformat(), group=", ".join(hits)))
    return MeasureResult(
        value=len(rows),
        target_met=all(t in covered for t in topics) if topics else None,
        detail={"topics": {t: covered.get(t, 0) for t in topics}},
        rows=tuple(rows) if with_rows else (),
    )


@implements("success-stories-shared")
def success_stories_shared(*, as_of, with_rows=True, per_year=1):
    """Success stories published and shared beyond their own organisations in the fiscal
    year of `as_of`, up to `as_of`; met at `per_year`. Two queries."""
    year = _year(as_of)
    stories = _shared(as_of).filter(kind=Item.Kind.STORY, published_on__gte=year.start)
    count = stories.count()
    rows = tuple(
        Row(kind="knowledge-item", id=pk, label=title, note=published_on.isoformat())
        for pk, title, published_on in stories.values_list("pk", "title", "published_on")
        .order_by("published_on", "pk")) if with_rows else ()
    return MeasureResult(value=count, target_met=count >= per_year,
                         detail={"year": year.year, "from": year.start.isoformat(),
                                 "per_year": per_year},
                         rows=rows)
