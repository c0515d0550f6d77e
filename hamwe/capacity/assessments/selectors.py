"""Reads of assessments, under the access rule."""

from django.core.exceptions import PermissionDenied

from hamwe.accounts import access
from hamwe.core.records import one_or_404

from ..framework import framework_of
from ..models import Assessment, Score


def assessments_for_user(user):
    return Assessment.objects.visible_to(user).select_related("organisation")


def assessment_for_user(*, user, pk) -> Assessment:
    """The assessment if the user may read it (home users: all; a partner user: its own
    organisation's), or 404."""
    return one_or_404(
        Assessment.objects.visible_to(user).select_related("organisation", "policy"), pk=pk)


def assessment_for_runner(*, user, pk) -> Assessment:
    """An assessment the user may facilitate, agree and complete: 404 outside the
    scope, 403 for a reader who may not."""
    assessment = assessment_for_user(user=user, pk=pk)
    if not access.may_run_assessments(user):
        raise PermissionDenied
    return assessment


def assessment_for_self_scorer(*, user, pk) -> Assessment:
    assessment = assessment_for_user(user=user, pk=pk)
    if not access.may_self_score(user, assessment):
        raise PermissionDenied
    return assessment


def may_score(user, assessment, side) -> bool:
    if side == Score.Side.SELF:
        return access.may_self_score(user, assessment)
    return access.may_run_assessments(user)


def score_sheet(assessment, framework=None):
    """The framework's domains and criteria with each side's score beside them (one
    query for the scores)."""
    framework = framework or framework_of(assessment)
    scores = {}
    for score in assessment.scores.all():
        scores[(score.criterion, score.side)] = score
    sheet = []
    for domain in framework.domains:
        rows = []
        for criterion in domain.criteria:
            rows.append({
                "criterion": criterion,
                "self": scores.get((criterion.key, Score.Side.SELF)),
                "facilitator": scores.get((criterion.key, Score.Side.FACILITATOR)),
                "agreed": scores.get((criterion.key, Score.Side.AGREED)),
            })
        sheet.append({"domain": domain, "rows": rows})
    return sheet


def score_row(assessment, criterion_key, framework=None):
    framework = framework or framework_of(assessment)
    criterion = framework.criterion(criterion_key)
    if criterion is None:
        return None
    found = {s.side: s for s in assessment.scores.filter(criterion=criterion_key)}
    return {"criterion": criterion, "self": found.get(Score.Side.SELF),
            "facilitator": found.get(Score.Side.FACILITATOR),
            "agreed": found.get(Score.Side.AGREED)}
