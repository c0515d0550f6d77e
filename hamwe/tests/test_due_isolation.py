"""Every provider of what is due, swept for partner_b against organisation A's records.

A's records are made such that every provider has something to say to A's users and to
home staff (checked, so the sweep cannot pass by having nothing to hide); then every
provider, called for partner_b whether or not it concerns them, must say nothing of A.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from hamwe.conftest import SECRETS_OF_A
from hamwe.core.registries import due_for, due_providers
from hamwe.partners.models import Contact, Document
from hamwe.partnerships.models import Agreement, Partnership, Party
from hamwe.scorecards.followup import services as plan
from hamwe.scorecards.rounds import services as rounds

TODAY = timezone.localdate()
SECRET_ACTION = "SECRET-ACTION-A-6620"
SECRET_SILENT = "SECRET-SILENT-PARTNERSHIP-A-3127"


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def a_has_something_everywhere(personas, org_a, org_b, partnership_a, round_a, settings,
                               tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the document's file
    staff = personas["staff"]
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Partnership.objects.filter(pk=partnership_a.pk).update(
        status="active", next_review_on=days(-3), starts_on=days(-700), ends_on=days(20),
        created_at=long_ago)
    # It entered its stage when it was recorded (the factory's first stage change): long ago.
    partnership_a.stage_changes.update(at=long_ago)
    parties = [{"party": p.pk} for p in partnership_a.parties.all()]
    Agreement.objects.create(partnership=partnership_a, number=1, language="en",
                             content={"parties": parties}, status="sent")
    Agreement.objects.create(partnership=partnership_a, number=2, language="en",
                             content={"parties": parties}, status="draft")
    silent = Partnership.objects.create(title=SECRET_SILENT, kind="strategic",
                                        stage="scoping-and-building", phase="scoping")
    Party.objects.create(partnership=silent, organisation=org_a, role="implementing")
    Contact.objects.filter(organisation=org_a).delete()
    org_a.registration_number = ""
    org_a.save()
    # Score cards: A's own actions (one due, one later); a closed round A took part in,
    # with no interface meeting; a draft round due to open.
    for due_in in (2, 40):
        plan.action_add(round_=round_a, by=staff, text=f"{SECRET_ACTION} {due_in}",
                        owner="partner", owner_organisation=org_a, due_on=days(due_in))
    closed = rounds.round_create(by=staff, title="Closed with A", period="FY25",
                                 opens_on=days(-90), closes_on=days(-10))
    rounds.invite(round_=closed, by=staff, users=[personas["partner_a"]])
    closed = rounds.round_open(round_=closed, by=staff)
    rounds.round_close(round_=closed, by=staff)
    rounds.round_create(by=staff, title="Draft due", period="FY27", opens_on=days(3),
                        closes_on=days(60))
    # Registry: A's audited accounts expire within the month.
    audited = Document(organisation=org_a, kind=Document.Kind.AUDITED_ACCOUNTS,
                       dated=days(-340), expires_on=days(12), note="Audit FY25")
    audited.file.save("audit.pdf", ContentFile(b"%PDF-1.4 audit"), save=False)
    audited.save()
    # Reports: one of A's due in three days, another submitted and waiting for review.
    from hamwe.reporting import services as reporting
    from hamwe.reporting.tests.factories import schedule_for, written

    schedule = schedule_for(partnership_a, org_a, "narrative", year=TODAY.year)
    due, sent = schedule.reports.order_by("period_end")[:2]
    due.__class__.objects.filter(pk=due.pk).update(due_on=days(3))
    written(sent, text=f"Results ({SECRET_ACTION})")
    reporting.report_submit(report=sent, by=staff, expected_version=sent.version)
    # The later apps' records of A, as the isolation sweep makes them: an assessment and
    # its plan, knowledge items and an adoption to confirm, a network A facilitates and a
    # community structure, an evaluation and a consultation A's users are asked to answer.
    from hamwe.capacity.tests.sweep_samples import context_of as capacity_context_of
    from hamwe.knowledge.tests.sweep_samples import context_of as knowledge_context_of
    from hamwe.networks.tests.sweep_samples import context_of as networks_context_of
    from hamwe.people.tests.sweep_samples import context_of as people_context_of

    capacity_context_of(org_a, by=staff, partner=personas["partner_a"])
    knowledge_context_of(org_a, org_b, by=staff)
    structure = networks_context_of(org_a)["structure"]
    # The community structure's maturity was last recorded more than a year ago.
    from hamwe.networks import services as networks
    from hamwe.networks.policy import maturity_scale

    networks.maturity_record(structure=structure, by=staff, data={
        "on": days(-400), "level": maturity_scale()[0][0]})
    people_context_of(org_a=org_a, by=personas["admin"],
                      partners_of_a=[personas["partner_a"], personas["partner_admin_a"]],
                      partner_b=personas["partner_b"])
    # A second open assessment, which A has scored and submitted: staff facilitate it.
    from hamwe.capacity.assessments import services as capacity

    submitted = capacity.assessment_start(organisation=org_a, kind="follow-up", mode="self",
                                          assessed_on=days(-20), by=personas["partner_a"])
    for criterion in ("internal-control", "monitoring"):
        capacity.score_set(assessment=submitted, criterion=criterion, side="self", level=3,
                           by=personas["partner_a"])
    capacity.self_submit(assessment=submitted, by=personas["partner_a"])
    # A says it took up a practice of the home NGO: staff confirm it.
    from hamwe.knowledge import services as knowledge
    from hamwe.knowledge.tests.factories import home_organisation, make_item

    practice = make_item(by=staff, origins=[home_organisation()], kind="practice",
                         title="Community scorecards in savings groups", publish=True)
    knowledge.adoption_record(item=practice, by=personas["partner_a"], organisation=org_a,
                              taken_up_in=f"{SECRET_ACTION} savings", adopted_on=days(-30))
    make_item(by=staff, origins=[org_a], title=f"{SECRET_ACTION} draft lesson")
    # A answered an item of its due-diligence checklist: staff review it. A home
    # requirement is added, so that the checklist has one more item A has not answered.
    from hamwe.partners.diligence import selectors as diligence_selectors
    from hamwe.partners.diligence import services as diligence
    from hamwe.partners.models import DiligenceRequirement

    DiligenceRequirement.objects.create(text="Safeguarding policy", evidence="The policy")
    first = diligence_selectors.checklist().entries[0]
    diligence.diligence_answer(organisation=org_a, entry=first, by=personas["partner_a"],
                               data={"partner_status": "met"}, today=days(-2))
    # And a strengthening action the home NGO owns, due within the fortnight.
    from hamwe.capacity.models import Assessment as CapacityAssessment
    from hamwe.capacity.plan import services as capacity_plan

    completed = CapacityAssessment.objects.get(organisation=org_a, status="completed")
    capacity_plan.plan_from_gaps(assessment=completed, by=staff, choices=[{
        "criterion": "internal-control", "title": f"{SECRET_ACTION} coaching",
        "owner": "home", "due_on": days(5)}])
    # The staff member is in a key position too: their self-assessment and a plan action.
    from hamwe.people import services as people

    held = people.appointment_create(by=personas["admin"], position="partnership-officer",
                                     user=staff, manager=personas["admin"],
                                     starts_on=days(-500))
    evaluation = people.evaluation_start(by=personas["admin"], appointment=held,
                                         year=TODAY.year)
    people.action_add(evaluation=evaluation, by=personas["admin"], text="Lead a review",
                      due_on=days(10))
    return partnership_a


def _text(items):
    return "\n".join(f"{i.title} {i.detail} {i.url}" for i in items)


def test_every_provider_has_something_for_a_and_for_staff(personas, a_has_something_everywhere):
    for persona in ("partner_a", "staff"):
        user = personas[persona]
        for provider in due_providers(user):
            assert list(provider.items(user, today=TODAY)), (
                f"{provider.name} says nothing to {persona}: the sweep below would prove "
                "nothing for it")


def test_no_provider_tells_partner_b_anything_of_a(personas, org_a,
                                                   a_has_something_everywhere):
    partnership_a = a_has_something_everywhere
    partner_b = personas["partner_b"]
    markers = (*SECRETS_OF_A, SECRET_ACTION, SECRET_SILENT, org_a.name, org_a.acronym,
               f"/partnerships/{partnership_a.pk}/", f"/partners/{org_a.pk}/")
    for provider in due_providers():  # every one, even those that do not concern B
        said = _text(provider.items(partner_b, today=TODAY))
        leaks = [m for m in markers if m in said]
        assert not leaks, f"{provider.name} tells partner_b {leaks}"
    # And what B is shown all together (home, list, digest) holds none of it either.
    said = _text(due_for(partner_b, today=TODAY))
    assert not [m for m in markers if m in said]
