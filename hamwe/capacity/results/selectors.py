"""Results over time: an assessment's domain and overall scores against the previous
and the baseline assessment, and a partner's trajectory. Comparisons stay within one
framework version of one policy (METHODS.md §3): an assessment made with another
version is shown on its own, never compared."""

from dataclasses import dataclass, field

from django.db.models import Q

from ..framework import framework_of
from ..models import Action, Assessment


def _comparable(assessment):
    """Completed assessments that may be compared with `assessment`: the same partner,
    the same policy and framework version, and the same subject (the partner, or in a
    mutual assessment the home NGO)."""
    qs = Assessment.objects.completed().filter(
        organisation_id=assessment.organisation_id, policy_id=assessment.policy_id,
        framework_version=assessment.framework_version,
    )
    if assessment.of_home:
        return qs.filter(mode=Assessment.Mode.MUTUAL)
    return qs.of_partners()


@dataclass
class DomainRow:
    key: str
    name: str
    now: float | None
    previous: float | None = None
    baseline: float | None = None
    done: list = field(default_factory=list)  # actions done since the previous assessment

    @property
    def change(self):
        if self.now is None or self.previous is None:
            return None
        return round(self.now - self.previous, 2)

    @property
    def since_baseline(self):
        if self.now is None or self.baseline is None:
            return None
        return round(self.now - self.baseline, 2)


@dataclass
class Results:
    assessment: Assessment
    framework: object
    rows: list
    previous: Assessment | None
    baseline: Assessment | None

    @property
    def overall(self):
        return self.assessment.overall

    @property
    def overall_change(self):
        if self.previous is None or self.previous.overall is None:
            return None
        return round(self.assessment.overall - self.previous.overall, 2)


def _scores(assessment):
    return {r.domain: r.score for r in assessment.domain_results.all()} if assessment else {}


def assessment_results(assessment) -> Results | None:
    """The completed assessment's domain scores beside the previous comparable one and
    the baseline, and the plan's actions done in between (5 queries)."""
    if assessment.is_open:
        return None
    framework = framework_of(assessment)
    earlier = _comparable(assessment).filter(
        Q(completed_on__lt=assessment.completed_on)
        | Q(completed_on=assessment.completed_on, pk__lt=assessment.pk)
    ).prefetch_related("domain_results")
    previous = earlier.order_by("-completed_on", "-pk").first()
    baseline = earlier.filter(kind=Assessment.Kind.BASELINE).order_by("completed_on", "pk").first()
    if assessment.kind == Assessment.Kind.BASELINE:
        baseline = None
    now, before, base = _scores(assessment), _scores(previous), _scores(baseline)
    done = {}
    if previous is not None and not assessment.of_home:
        actions = Action.objects.filter(
            organisation_id=assessment.organisation_id, status=Action.Status.DONE,
            done_on__gte=previous.completed_on, done_on__lte=assessment.completed_on,
        )
        for action in actions:
            done.setdefault(action.domain, []).append(action)
    rows = [DomainRow(key=d.key, name=d.name, now=now.get(d.key), previous=before.get(d.key),
                      baseline=base.get(d.key), done=done.get(d.key, []))
            for d in framework.domains]
    return Results(assessment=assessment, framework=framework, rows=rows, previous=previous,
                   baseline=baseline)


def trajectory(organisation_id, *, of_home=False):
    """The partner's completed assessments, oldest first, grouped by framework version
    (each group can be compared within itself only), with their domain scores (2
    queries)."""
    qs = Assessment.objects.completed().filter(organisation_id=organisation_id)
    qs = qs.filter(mode=Assessment.Mode.MUTUAL) if of_home else qs.of_partners()
    groups = {}
    for assessment in qs.order_by("completed_on", "pk").prefetch_related("domain_results"):
        key = (assessment.policy_id, assessment.framework_version)
        groups.setdefault(key, []).append(assessment)
    return list(groups.values())


def latest_completed(organisation_id):
    return (Assessment.objects.completed().of_partners().filter(organisation_id=organisation_id)
            .select_related("policy").prefetch_related("domain_results")
            .order_by("-completed_on", "-pk").first())
