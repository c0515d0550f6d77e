"""Reads of funding, and the figures of funding diversity (METHODS.md §5: Tuckman & Chang
1991, Carroll & Stater 2009), computed by aggregate queries.

Per organisation and year, with sᵢ the share of its revenue from source i of the N
sources that gave something: HHI = Σ sᵢ² (1/N … 1); diversification = 1 − HHI;
normalised HHI = (HHI − 1/N) / (1 − 1/N) (none for a single source); the largest
source's share; the number of sources above 5 %; and the home NGO's share of the
organisation's budget (its revenue from the home NGO over all it recorded). Amounts in
another currency than the reference are converted at that year's rate; an amount whose
currency has no rate for its year is left out of the figures and counted as `unrated`.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast

from hamwe.accounts import access
from hamwe.core.records import one_or_404

from ..models import (
    REFERENCE_CURRENCY,
    Funding,
    FundingCategory,
    FundingRate,
    Organisation,
)

ABOVE = 0.05  # a source "above 5 %"


def converted():
    """An amount in the reference currency, at its year's rate (NULL without a rate)."""
    rate = FundingRate.objects.filter(year=OuterRef("year"), currency=OuterRef("currency"))
    return Case(
        When(currency=REFERENCE_CURRENCY, then=Value(1.0)),
        default=Cast(Subquery(rate.values("rate")[:1]), FloatField()),
        output_field=FloatField(),
    ) * Cast("amount", FloatField())


@dataclass(frozen=True)
class YearFigures:
    year: int
    total: float  # in the reference currency
    sources: int  # that gave more than nothing
    hhi: float | None
    largest_share: float | None
    above_5: int
    home_share: float | None
    unrated: int = 0  # amounts left out: no rate for their currency that year
    currency: str = REFERENCE_CURRENCY

    @property
    def diversification(self):
        return None if self.hhi is None else 1 - self.hhi

    @property
    def normalised_hhi(self):
        if self.hhi is None or self.sources < 2:
            return None
        return (self.hhi - 1 / self.sources) / (1 - 1 / self.sources)


def _figures(row) -> YearFigures:
    total = row["total"] or 0.0
    if total <= 0:
        return YearFigures(year=row["year"], total=0.0, sources=0, hhi=None,
                           largest_share=None, above_5=0, home_share=None,
                           unrated=row["unrated"])
    return YearFigures(
        year=row["year"], total=total, sources=row["sources"],
        hhi=(row["squares"] or 0.0) / (total * total),
        largest_share=(row["largest"] or 0.0) / total, above_5=row.get("above", 0),
        home_share=(row["home"] or 0.0) / total, unrated=row["unrated"],
    )


def year_rows(qs, *, with_above=True):
    """Per organisation and year of the Funding rows `qs`: the sums behind the figures
    (one aggregate query)."""
    qs = qs.annotate(conv=converted())
    aggregates = {
        "total": Sum("conv"),
        "squares": Sum(F("conv") * F("conv")),
        "sources": Count("pk", filter=Q(conv__gt=0)),
        "largest": Max("conv"),
        "home": Sum("conv", filter=Q(category=FundingCategory.HOME)),
        "unrated": Count("pk", filter=Q(conv__isnull=True)),
    }
    if with_above:
        # The year's total beside each amount, to count the sources above 5 % of it.
        year_total = (
            Funding.objects.filter(organisation=OuterRef("organisation"), year=OuterRef("year"))
            .annotate(conv=converted()).order_by().values("organisation")
            .annotate(t=Sum("conv")).values("t")
        )
        qs = qs.annotate(year_total=Subquery(year_total, output_field=FloatField()))
        aggregates["above"] = Count("pk", filter=Q(conv__gt=F("year_total") * ABOVE))
    return (qs.values("organisation_id", "year").annotate(**aggregates)
            .order_by("organisation_id", "year"))


def figures_of(organisation_ids=None, *, qs=None, up_to_year=None, with_above=True) -> dict:
    """{organisation id: [YearFigures, oldest first]} of these organisations (or of the
    Funding rows `qs`): one query."""
    if qs is None:
        qs = Funding.objects.filter(organisation_id__in=list(organisation_ids))
    if up_to_year is not None:
        qs = qs.filter(year__lte=up_to_year)
    found = {}
    for row in year_rows(qs, with_above=with_above):
        found.setdefault(row["organisation_id"], []).append(_figures(row))
    return found


def by_category(organisation) -> dict:
    """{year: {category: amount in the reference currency}} (one query)."""
    found = {}
    rows = (Funding.objects.filter(organisation=organisation).annotate(conv=converted())
            .values("year", "category").annotate(amount=Sum("conv")).order_by("year"))
    for row in rows:
        found.setdefault(row["year"], {})[row["category"]] = row["amount"] or 0.0
    return found


def funding_profile(organisation) -> dict:
    """An organisation's funding at a glance, for a page or a passport: `latest` (the
    latest year's YearFigures, or None) and `series` (YearFigures by year, oldest
    first), in the reference currency (`currency`). One query. The caller has checked
    that its reader may see the organisation's funding."""
    series = figures_of([organisation.pk]).get(organisation.pk, [])
    return {"latest": series[-1] if series else None, "series": series,
            "currency": REFERENCE_CURRENCY}


# --- Access --------------------------------------------------------------------------


def organisation_for_funding(*, user, pk) -> Organisation:
    """An organisation whose funding the user may read (its own users, the home
    organisation), else 404."""
    return one_or_404(Organisation.objects.fully_visible_to(user), pk=pk)


def organisation_for_funding_editor(*, user, pk) -> Organisation:
    organisation = organisation_for_funding(user=user, pk=pk)
    if not access.may_enter_funding(user, organisation.pk):
        raise PermissionDenied
    return organisation


def funding_for_user(*, user, organisation):
    return list(Funding.objects.visible_to(user).filter(organisation=organisation)
                .select_related("source"))


def funding_for_editor(*, user, organisation_pk, pk) -> Funding:
    entry = one_or_404(Funding.objects.visible_to(user).select_related("organisation"),
                       organisation_id=organisation_pk, pk=pk)
    if not access.may_enter_funding(user, entry.organisation_id):
        raise PermissionDenied
    return entry


def overview(*, user):
    """Every partner but the home organisation, in name order (home users)."""
    if not access.may_follow_all_partners(user):
        raise PermissionDenied
    return (Organisation.objects.fully_visible_to(user).filter(is_home=False)
            .order_by("name", "pk").values("id", "name", "acronym"))


def rates_for_editor(*, user):
    if not access.may_set_funding_rates(user):
        raise PermissionDenied
    return list(FundingRate.objects.all())


def missing_rates(organisation) -> list:
    """(year, currency) of the organisation's amounts that have no rate (one query)."""
    rated = FundingRate.objects.filter(year=OuterRef("year"), currency=OuterRef("currency"))
    return list(
        Funding.objects.filter(organisation=organisation)
        .exclude(currency=REFERENCE_CURRENCY).exclude(Exists(rated))
        .values_list("year", "currency").distinct().order_by("year", "currency"))
