"""Writes about indicators: named, keyword-only, atomic. The caller has asked
`access.may_record_strategy_progress` whether `by` may make them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamwe.core.records import save_as
from hamwe.core.uploads import check_upload
from hamwe.policy.measures import implementation

from ..models import IndicatorEntry


def takes_a_value(indicator) -> bool:
    """A manual indicator takes its value from entries; so does a computed one while its
    measure is not computed yet. A computed one takes evidence only."""
    return indicator.kind == "manual" or implementation(indicator.measure.name) is None


@transaction.atomic
def entry_add(*, strategy, indicator_key, by, data) -> IndicatorEntry:
    """An entry for indicator `indicator_key` of the live strategy: a value or a status
    with its evidence, or (for an indicator its measure computes) evidence only."""
    _direction, indicator = strategy.indicator(indicator_key)
    if indicator is None:
        raise ValidationError(_("The strategy has no such indicator."))
    value, status = data.get("value"), data.get("status") or ""
    if not takes_a_value(indicator) and (value is not None or status):
        raise ValidationError(_("Its measure computes this indicator: attach evidence "
                                "with a note instead of a value."))
    if indicator.kind == "manual" and value is None and not status:
        raise ValidationError({"value": _("Enter a value or choose a status.")})
    entry = IndicatorEntry(
        policy=strategy.policy, indicator=indicator.key, value=value, status=status,
        on=data["on"], note=(data.get("note") or "").strip(), entered_by=by,
    )
    evidence = data.get("evidence")
    if evidence:
        extension = _checked(evidence, "evidence")
        entry.evidence.save(f"{indicator.key}{extension}", evidence, save=False)
    return save_as(entry, by=by)


def _checked(upload, field):
    try:
        return check_upload(upload)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
