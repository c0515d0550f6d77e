"""Assessments: made with the live framework and kept with its version, scored side by
side criterion by criterion, completed on the agreed scores."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hamwe.core.records import EditConflict

from ..assessments import services
from ..models import Assessment, DomainResult, Score
from .factories import assessment, completed, next_framework_version, refreshed

pytestmark = pytest.mark.django_db


def test_an_assessment_keeps_the_policy_and_framework_version(org_a, personas, live_policy):
    made = assessment(org_a, by=personas["staff"])
    assert (made.policy_id, made.policy_version, made.framework_version) == (
        live_policy.pk, live_policy.version, 1)
    next_framework_version()
    later = assessment(org_a, by=personas["staff"])
    assert made.framework_version == 1 and later.framework_version == 2


def test_the_sides_never_overwrite_each_other(org_a, personas, live_policy):
    made = assessment(org_a, by=personas["staff"])
    services.score_set(assessment=made, criterion="internal-control", side="self", level=3,
                       justification="We separate duties", by=personas["partner_a"])
    services.score_set(assessment=made, criterion="internal-control", side="facilitator",
                       level=2, justification="One cheque signer", by=personas["staff"])
    services.score_set(assessment=made, criterion="internal-control", side="agreed", level=2,
                       by=personas["staff"])
    levels = dict(Score.objects.filter(assessment=made).values_list("side", "level"))
    assert levels == {"self": 3, "facilitator": 2, "agreed": 2}
    assert Score.objects.get(assessment=made, side="self").justification == "We separate duties"


def test_an_edit_made_meanwhile_on_the_same_side_is_refused(org_a, personas, live_policy):
    made = assessment(org_a, by=personas["staff"])
    first = services.score_set(assessment=made, criterion="monitoring", side="self", level=1,
                               by=personas["partner_a"])
    services.score_set(assessment=made, criterion="monitoring", side="self", level=2,
                       by=personas["partner_admin_a"], expected_version=first.version)
    with pytest.raises(EditConflict):
        services.score_set(assessment=made, criterion="monitoring", side="self", level=4,
                           by=personas["partner_a"], expected_version=first.version)
    assert Score.objects.get(assessment=made, side="self", criterion="monitoring").level == 2


def test_only_the_frameworks_criteria_and_levels(org_a, personas, live_policy):
    made = assessment(org_a, by=personas["staff"])
    with pytest.raises(ValidationError) as error:
        services.score_set(assessment=made, criterion="no-such", side="self", level=2,
                           by=personas["staff"])
    assert "criterion" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.score_set(assessment=made, criterion="monitoring", side="self", level=5,
                           by=personas["staff"])
    assert "level" in error.value.message_dict


def test_completion_needs_every_agreed_score_and_stores_the_results(org_a, personas,
                                                                   live_policy):
    made = assessment(org_a, by=personas["staff"])
    services.score_set(assessment=made, criterion="internal-control", side="agreed", level=2,
                       by=personas["staff"])
    with pytest.raises(ValidationError):
        services.assessment_complete(assessment=made, by=personas["staff"])
    services.score_set(assessment=made, criterion="monitoring", side="agreed", level=3,
                       by=personas["staff"])
    done = services.assessment_complete(assessment=made, by=personas["staff"],
                                        on=datetime.date(2026, 2, 1))
    results = dict(DomainResult.objects.filter(assessment=made).values_list("domain", "score"))
    assert results == {"financial-management": 2.0, "project-performance": 3.0}
    assert done.overall == 2.5 and done.status == Assessment.Status.COMPLETED
    with pytest.raises(ValidationError):
        services.score_set(assessment=made, criterion="monitoring", side="agreed", level=4,
                           by=personas["staff"])


def test_a_follow_up_needs_a_baseline_in_the_same_framework_version(org_a, personas,
                                                                   live_policy):
    with pytest.raises(ValidationError) as error:
        assessment(org_a, by=personas["staff"], kind="follow-up")
    assert "kind" in error.value.message_dict
    completed(org_a, 2, by=personas["staff"])
    assessment(org_a, by=personas["staff"], kind="follow-up")
    next_framework_version()
    with pytest.raises(ValidationError):
        assessment(org_a, by=personas["staff"], kind="follow-up")


def test_self_submission_needs_every_self_score(org_a, personas, live_policy):
    made = assessment(org_a, by=personas["partner_a"], mode="self")
    services.score_set(assessment=made, criterion="monitoring", side="self", level=2,
                       by=personas["partner_a"])
    with pytest.raises(ValidationError):
        services.self_submit(assessment=made, by=personas["partner_a"])
    services.score_set(assessment=made, criterion="internal-control", side="self", level=1,
                       by=personas["partner_a"])
    submitted = services.self_submit(assessment=made, by=personas["partner_a"],
                                     today=datetime.date(2026, 1, 20))
    assert submitted.self_submitted_on == datetime.date(2026, 1, 20)


def test_an_earlier_versions_assessment_reads_its_own_frameworks_words(org_a, personas,
                                                                      live_policy):
    from hamwe.policy import services as policy_services
    from hamwe.policy.selectors import source_pack

    from ..framework import framework_of

    old = assessment(org_a, by=personas["staff"])
    pack = source_pack(live_policy)
    domain = pack.capacity.domains[0]
    renamed = domain.criteria[0].model_copy(update={"name": "Separation of duties"})
    domains = [domain.model_copy(update={"criteria": [renamed, *domain.criteria[1:]]}),
               *pack.capacity.domains[1:]]
    capacity = pack.capacity.model_copy(update={"framework_version": 2, "domains": domains})
    policy_services.policy_load(pack=pack.model_copy(
        update={"version": pack.version + 1, "capacity": capacity}))
    new = assessment(org_a, by=personas["staff"])
    old = refreshed(old)  # its policy as it is now
    assert framework_of(old).criterion("internal-control").name == "Internal control"
    assert framework_of(new).criterion("internal-control").name == "Separation of duties"
