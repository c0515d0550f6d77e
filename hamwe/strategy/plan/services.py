"""Writes about the action plan: named, keyword-only, atomic. The caller has asked
`access.may_record_strategy_progress` whether `by` may make them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamwe.core.records import save_as
from hamwe.core.uploads import check_upload

from ..models import ActivityUpdate


@transaction.atomic
def activity_update_add(*, strategy, activity_key, by, data) -> ActivityUpdate:
    """Progress on an activity of the live strategy: its status from `on`, what was done,
    and the evidence."""
    activity = strategy.activity(activity_key)
    if activity is None:
        raise ValidationError(_("The strategy has no such activity."))
    update = ActivityUpdate(
        policy=strategy.policy, activity=activity.key, status=data["status"], on=data["on"],
        note=(data.get("note") or "").strip(), entered_by=by,
    )
    if update.status == ActivityUpdate.Status.DONE and not update.note and not data.get(
            "evidence"):
        raise ValidationError({"note": _("Say what was done, or attach the evidence.")})
    evidence = data.get("evidence")
    if evidence:
        try:
            extension = check_upload(evidence)
        except ValidationError as error:
            raise ValidationError({"evidence": error.messages}) from error
        update.evidence.save(f"{activity.key}{extension}", evidence, save=False)
    return save_as(update, by=by)
