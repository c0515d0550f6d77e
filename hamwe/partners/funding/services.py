"""Writes of funding: named, keyword-only, atomic; each validates before it saves and
records its author (core.records)."""

from django.db import transaction

from hamwe.core.records import delete_as, save_as, update_versioned

from ..models import Funding, FundingRate


@transaction.atomic
def funding_add(*, organisation, by, data) -> Funding:
    """One source's amount for one year (the organisation's own users enter their own)."""
    return save_as(Funding(organisation=organisation, **data), by=by)


def funding_update(*, entry, by, data, expected_version) -> Funding:
    return update_versioned(entry, by=by, expected_version=expected_version,
                            changes=dict(data))


@transaction.atomic
def funding_delete(*, entry, by) -> None:
    delete_as(entry, by=by)


@transaction.atomic
def rate_set(*, by, year, currency, rate) -> FundingRate:
    """A year's rate of a currency: added, or changed when the year has one."""
    current = FundingRate.objects.filter(year=year, currency=currency.strip().upper()).first()
    if current is None:
        return save_as(FundingRate(year=year, currency=currency, rate=rate), by=by)
    return update_versioned(current, by=by, expected_version=current.version,
                            changes={"rate": rate})
