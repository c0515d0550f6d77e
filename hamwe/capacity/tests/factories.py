"""Assessments for tests, made through the services."""

import datetime

from hamwe.policy import services as policy_services
from hamwe.policy.selectors import live_policy, source_pack

from ..assessments import services
from ..framework import live_framework
from ..models import Assessment, Score


def assessment(organisation, *, by, kind="baseline", mode="facilitated",
               on=datetime.date(2026, 1, 15)):
    return services.assessment_start(organisation=organisation, kind=kind, mode=mode,
                                     assessed_on=on, by=by)


def completed(organisation, levels, *, by, kind="baseline", mode="facilitated",
              on=datetime.date(2026, 1, 15), done_on=None):
    """A completed assessment whose agreed levels are `levels` (criterion -> level, or
    one level for every criterion)."""
    made = assessment(organisation, by=by, kind=kind, mode=mode, on=on)
    _, framework = live_framework()
    for criterion in framework.criteria:
        level = levels if isinstance(levels, int) else levels[criterion.key]
        services.score_set(assessment=made, criterion=criterion.key, side=Score.Side.AGREED,
                           level=level, by=by)
    return services.assessment_complete(assessment=made, by=by, on=done_on or on)


def next_framework_version(*, by=None):
    """Load the live pack again as its next version with the framework's version raised
    (as an admin does when the framework's criteria change meaning)."""
    policy = live_policy()
    pack = source_pack(policy)
    capacity = pack.capacity.model_copy(
        update={"framework_version": pack.capacity.framework_version + 1})
    pack = pack.model_copy(update={"version": pack.version + 1, "capacity": capacity})
    return policy_services.policy_load(pack=pack, by=by)


def refreshed(assessment_):
    return Assessment.objects.get(pk=assessment_.pk)
