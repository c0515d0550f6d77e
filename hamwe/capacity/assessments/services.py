"""Writes of assessments: starting one from the live framework, scoring criterion by
criterion (one side at a time, never over another side), the partner's submission of
its own scores, and completion with the agreed scores, which stores the results."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamwe.core.records import save_as, update_versioned

from ..framework import framework_of, live_framework
from ..models import Assessment, DomainResult, Score


@transaction.atomic
def assessment_start(*, organisation, kind, mode, assessed_on, by, note="") -> Assessment:
    """A new assessment with the live policy's framework (its version kept with it)."""
    policy, framework = live_framework()
    if policy is None:
        raise ValidationError(_("No policy is live: load one before assessing capacity."))
    if organisation.is_home:
        raise ValidationError({"organisation": _(
            "Assess a partner; the home NGO is assessed by its partners in a mutual "
            "assessment.")})
    assessment = Assessment(
        organisation=organisation, kind=kind, mode=mode, assessed_on=assessed_on, note=note,
        policy=policy, policy_version=policy.version, framework_version=framework.version,
        created_by=by,
    )
    if kind != Assessment.Kind.BASELINE:
        baseline = Assessment.objects.filter(
            organisation=organisation, kind=Assessment.Kind.BASELINE, policy=policy,
            framework_version=framework.version,
        )
        baseline = baseline.filter(mode=Assessment.Mode.MUTUAL) if mode == Assessment.Mode.MUTUAL \
            else baseline.of_partners()
        if not baseline.exists():
            raise ValidationError({"kind": _(
                "A follow-up or close-out is compared with a baseline of the same framework "
                "version: record the baseline first.")})
    return save_as(assessment, by=by)


def _check_open(assessment):
    if not assessment.is_open:
        raise ValidationError(_("This assessment is completed: its scores cannot change."))


@transaction.atomic
def score_set(*, assessment, criterion, side, level, by, justification="", evidence="",
              expected_version=None) -> Score:
    """Record one side's level for one criterion. Each side has its own row: the self
    score, the facilitator's and the agreed one never overwrite each other. With
    `expected_version` an edit made meanwhile by someone else on the same side is
    refused (EditConflict), not overwritten."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _check_open(assessment)
    framework = framework_of(assessment)
    found = framework.criterion(criterion)
    if found is None:
        raise ValidationError({"criterion": _("This criterion is not in the framework the "
                                              "assessment was made with.")})
    if level not in dict(framework.levels):
        raise ValidationError({"level": _("Choose one of the framework's levels.")})
    if side not in Score.Side.values:
        raise ValidationError({"side": _("Unknown side.")})
    current = Score.objects.filter(assessment=assessment, criterion=criterion, side=side).first()
    if current is None:
        return save_as(Score(assessment=assessment, domain=found.domain, criterion=criterion,
                             side=side, level=level, justification=justification,
                             evidence=evidence), by=by)
    return update_versioned(
        current, by=by,
        expected_version=current.version if expected_version is None else expected_version,
        changes={"level": level, "justification": justification, "evidence": evidence},
    )


def _missing(assessment, side):
    framework = framework_of(assessment)
    given = set(assessment.scores.filter(side=side).values_list("criterion", flat=True))
    return [c for c in framework.criteria if c.key not in given]


@transaction.atomic
def self_submit(*, assessment, by, today=None) -> Assessment:
    """The partner says its own scores are complete (staff then facilitate and agree)."""
    _check_open(assessment)
    missing = _missing(assessment, Score.Side.SELF)
    if missing:
        raise ValidationError(_("Score every criterion before submitting; %(count)s still "
                                "have no self score.") % {"count": len(missing)})
    assessment.self_submitted_on = today or timezone.localdate()
    return save_as(assessment, by=by, update_fields=["self_submitted_on"], validate=False)


def domain_scores(assessment, framework=None, side=Score.Side.AGREED):
    """(domain key, mean level, criteria scored) for each domain, in the framework's
    order, from one side's scores (None: a domain without any)."""
    framework = framework or framework_of(assessment)
    levels = {}
    for criterion, level in assessment.scores.filter(side=side).values_list("criterion", "level"):
        levels[criterion] = level
    rows = []
    for domain in framework.domains:
        given = [levels[c.key] for c in domain.criteria if c.key in levels]
        rows.append((domain.key, sum(given) / len(given) if given else None, len(given)))
    return rows


@transaction.atomic
def assessment_complete(*, assessment, by, on=None) -> Assessment:
    """Close the assessment on the agreed scores: every criterion needs one. Its domain
    scores (mean of agreed levels) and overall score (mean of the domains) are stored
    now, once: a completed assessment does not change."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _check_open(assessment)
    missing = _missing(assessment, Score.Side.AGREED)
    if missing:
        raise ValidationError(_("Agree a score for every criterion before completing; "
                                "%(count)s still have none.") % {"count": len(missing)})
    on = on or timezone.localdate()
    if on < assessment.assessed_on:
        raise ValidationError({"completed_on": _("It cannot be completed before it was "
                                                 "assessed.")})
    rows = domain_scores(assessment)
    DomainResult.objects.bulk_create([
        DomainResult(assessment=assessment, domain=key, score=round(score, 4),
                     criteria=count, position=i)
        for i, (key, score, count) in enumerate(rows)
    ])
    assessment.overall = round(sum(score for _, score, _ in rows) / len(rows), 4)
    assessment.status = Assessment.Status.COMPLETED
    assessment.completed_on = on
    return save_as(assessment, by=by, update_fields=["status", "completed_on", "overall"])


def default_follow_up_date(assessment) -> datetime.date:
    return assessment.assessed_on + datetime.timedelta(days=365)
