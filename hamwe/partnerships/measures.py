"""The strategy's measures computed from partnerships (registered by PartnershipsConfig.ready).

Each is two or three aggregate queries whatever the number of partnerships, and reads the
data as it stood on `as_of`, from the dates people record:
- a partnership is **running** on a day when it has left the cycle's first stage (status
  active, or since ended), had started by then (its start date, else the day it was
  recorded) and had not ended (its end date; an ended one without one, the day it was
  marked ended);
- it is **being scoped** ("constructive conversations underway") when it was recorded by
  then and was not running yet: still in the first stage, or starting later;
- a relationship the qualification check found is not a partnership never counts;
- a party **finds it wanting** when, in the latest review held by then, it rated the
  partnership's value to it below `successful_rating` (1 = none, 5 = high; 3 by default).
  A partnership not reviewed yet is given the benefit of the doubt; one whose latest
  review every party rated at `successful_rating` or more is **successful according to
  every party**;
- an agreement is **signed** on a day when every party's signature is dated by then.
"""

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce, TruncDate

from hamwe.partners.models import ThematicArea
from hamwe.policy.measures import MeasureResult, Row, implements

from .models import Agreement, Partnership, Party, Review, ReviewValue
from .policy import current_policy

SUCCESSFUL_RATING = 3


def _boolean(condition):
    return ExpressionWrapper(condition, output_field=BooleanField())


def states(as_of, *, successful_rating=SUCCESSFUL_RATING):
    """Partnerships with, as on `as_of`: `running`, `underway` (being scoped),
    `reviewed` (a review held by then) and `wanting` (a party rated its value low in the
    latest one). One query, however it is filtered further."""
    latest_review = (
        Review.objects.filter(partnership=OuterRef("pk"), held_on__lte=as_of)
        .order_by("-held_on", "-pk").values("pk")[:1]
    )
    running = (
        Q(status__in=[Partnership.Status.ACTIVE, Partnership.Status.ENDED])
        & Q(began__lte=as_of)
        & (Q(finished__isnull=True) | Q(finished__gte=as_of))
    )
    underway = Q(recorded__lte=as_of) & (
        Q(status=Partnership.Status.PROPOSED) | Q(began__gt=as_of)
    )
    return (
        Partnership.objects.exclude(is_partnership=False)
        .alias(
            recorded=TruncDate("created_at"),
            began=Coalesce("starts_on", TruncDate("created_at")),
            finished=Case(
                When(status=Partnership.Status.ENDED, ends_on__isnull=True,
                     then=TruncDate("updated_at")),
                default=F("ends_on"),
            ),
            last_review=Subquery(latest_review),
        )
        .annotate(
            running=_boolean(running),
            underway=_boolean(underway),
            reviewed=_boolean(Q(last_review__isnull=False)),
            wanting=Exists(ReviewValue.objects.filter(
                review=OuterRef("last_review"), rating__lt=successful_rating)),
        )
    )


def _promising(qs):
    """Being scoped, or running and found wanting by no party."""
    return qs.filter(Q(underway=True) | Q(running=True, wanting=False))


def _state_note(running, underway, reviewed, wanting):
    if underway:
        return "underway"
    if wanting:
        return "wanting"
    return "successful" if reviewed else "signed"


@implements("active-partnerships", revision=2)
def active_partnerships(*, as_of, sectors, minimum=1, successful_rating=SUCCESSFUL_RATING,
                        with_rows=True):
    """How many of `sectors` have at least `minimum` promising partnerships of the home
    organisation with a partner of that sector (SD3: one with a research institute, one
    with a private company). Two queries: the count per sector, and the partnerships."""
    own = states(as_of, successful_rating=successful_rating).filter(includes_home=True)
    # From the partnerships through their parties (not the parties `IN` a list of
    # partnerships, which SQLite probes once per organisation and listed partnership:
    # ten times slower at scale L).
    counted = dict(
        _promising(own)
        .filter(parties__organisation__sector__in=sectors, parties__organisation__is_home=False)
        .values_list("parties__organisation__sector")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    per_sector = {sector: counted.get(sector, 0) for sector in sectors}
    found = (
        own.filter(Q(running=True) | Q(underway=True))
        .filter(parties__organisation__sector__in=sectors, parties__organisation__is_home=False)
        .values_list("pk", "title", "parties__organisation__sector", "running", "underway",
                     "reviewed", "wanting")
        .distinct()
        .order_by("parties__organisation__sector", "title", "pk")
    )
    value = sum(1 for n in per_sector.values() if n >= minimum)
    detail = {"per_sector": per_sector, "minimum": minimum, "sectors": len(sectors)}
    if not with_rows:
        return MeasureResult(value=value, detail=detail)
    rows = tuple(
        Row(kind="partnership", id=pk, label=title, group=sector,
            note=_state_note(running, underway, reviewed, wanting),
            counts=not (running and wanting))
        for pk, title, sector, running, underway, reviewed, wanting in found
    )
    notes = [row.note for row in rows]
    detail.update({
        "signed": notes.count("signed") + notes.count("successful"),
        "underway": notes.count("underway"),
        "successful": notes.count("successful"),
        "wanting": notes.count("wanting"),
    })
    return MeasureResult(value=value, detail=detail, rows=rows)


@implements("agreements-reflecting-principles", revision=2)
def agreements_reflecting_principles(*, as_of, with_rows=True):
    """Of the home organisation's partnerships running on `as_of`, the share whose current
    signed agreement (the highest version every party had signed by then) states every
    principle of the live policy, measured against the policy's principles now, not as
    they were when the agreement was generated. Three queries: the policy, the counts and
    the partnerships."""
    principles = [p.key for p in current_policy().principles]
    signed = (
        Agreement.objects.filter(partnership=OuterRef("pk"), status=Agreement.Status.SIGNED)
        .annotate(last_signature=Max("signatures__signed_on"))
        .filter(last_signature__lte=as_of)
        .order_by("-number")
    )
    # The agreement's principle keys, as a JSON list: '"key"' matches one key whole.
    states_all = Q(*[Q(principles__icontains=f'"{key}"') for key in principles])
    partnerships = (
        states(as_of).filter(includes_home=True, running=True)
        .alias(current=Subquery(signed.values("pk")[:1]))
        .annotate(reflects=Exists(Agreement.objects.filter(states_all, pk=OuterRef("current"))))
    )
    totals = partnerships.aggregate(
        running=Count("pk"),
        reflecting=Count("pk", filter=Q(reflects=True)),
        unsigned=Count("pk", filter=Q(current__isnull=True)),
    )
    share = None
    if totals["running"]:
        share = round(100 * totals["reflecting"] / totals["running"], 1)
    detail = {**totals, "principles": principles}
    if not with_rows:
        return MeasureResult(value=share, unit="%", detail=detail)
    found = partnerships.annotate(
        stated=Subquery(signed.values("principles")[:1]),
        number=Subquery(signed.values("number")[:1]),
    ).values_list("pk", "title", "reflects", "stated", "number").order_by("title", "pk")
    rows = []
    for pk, title, reflects, stated, number in found:
        missing = tuple(k for k in principles if k not in (stated or []))
        note = "reflects" if reflects else "unsigned" if number is None else "misses"
        rows.append(Row(kind="partnership", id=pk, label=title, note=note,
                        group="" if number is None else str(number),
                        counts=bool(reflects), keys=() if reflects else missing))
    return MeasureResult(value=share, unit="%", rows=tuple(rows), detail=detail)


@implements("partnerships-among-partners", revision=2)
def partnerships_among_partners(*, as_of, per_area=1, successful_rating=SUCCESSFUL_RATING,
                                with_rows=True):
    """Thematic areas with at least `per_area` partnerships, running on `as_of`, among two
    or more of the home organisation's partners (organisations in a partnership with it
    running then), that the home organisation did not initiate, whether or not it joined
    them, and that no member found wanting (SD4: "outside of CARE initiated
    partnerships"). Two queries: the count per area, and the partnerships."""
    running = states(as_of, successful_rating=successful_rating).filter(running=True)
    home_partners = Party.objects.filter(
        partnership__in=running.filter(includes_home=True).values("pk"),
        organisation__is_home=False,
    ).values("organisation_id")
    among = (
        running.filter(wanting=False)
        .exclude(initiated_by__is_home=True)
        .annotate(partners=Count(
            "parties", distinct=True,
            filter=Q(parties__organisation__in=home_partners,
                     parties__organisation__is_home=False)))
        .filter(partners__gte=2)
    )
    areas = dict(
        ThematicArea.objects.filter(partnerships__in=among.values("pk"))
        .values_list("name")
        .annotate(n=Count("partnerships", distinct=True))
        .order_by()
    )
    value = sum(1 for n in areas.values() if n >= per_area)
    if not with_rows:
        return MeasureResult(value=value, detail={"per_area": areas, "minimum": per_area})
    found = (
        among.values_list("pk", "title", "thematic_areas__name")
        .order_by("thematic_areas__name", "title", "pk")
    )
    rows = tuple(
        Row(kind="partnership", id=pk, label=title, group=area or "",
            note="among-partners" if area else "no-thematic-area",
            counts=bool(area) and areas.get(area, 0) >= per_area)
        for pk, title, area in found
    )
    return MeasureResult(
        value=value,
        detail={"per_area": areas, "minimum": per_area,
                "partnerships": len({r.id for r in rows})},
        rows=rows,
    )
