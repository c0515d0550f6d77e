"""Due diligence: the checklist from the live policy's expectations (and the home
organisation's own items), the partner's answer apart from the reviewer's verdict,
evidence documents, completeness, risk flags for home staff only, the gate fact and the
measure."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hamwe.conftest import client_for
from hamwe.partners.diligence import hub, selectors, services
from hamwe.partners.models import DiligenceItem, Document, RiskFlag
from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.policy.measures import compute

PACKS = Path(__file__).resolve().parents[2] / "policy" / "packs"
TODAY = datetime.date(2026, 6, 1)
FLAG_TEXT = "FLAG-TEXT-ONLY-HOME-8813"
PDF = b"%PDF-1.4\n% evidence\n%%EOF\n"


def _load(name):
    from hamwe.policy import services as policy
    from hamwe.policy.validation import parse_file

    return policy.policy_load(pack=parse_file(PACKS / f"{name}.yaml"))


def _document(org, *, expires_on=None, kind=Document.Kind.AUDITED_ACCOUNTS):
    document = Document(organisation=org, kind=kind, dated=datetime.date(2026, 1, 1),
                        expires_on=expires_on)
    document.file.save("evidence.pdf", ContentFile(PDF), save=False)
    document.save()
    return document


def _entry(org, key, user=None):
    from hamwe.accounts.models import User

    user = user or User(role="staff", is_active=True)
    return selectors.entry_for_user(user=user, organisation=org, key=key, today=TODAY)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db
def test_kic_gives_six_items_with_their_evidence_care_none():
    _load("kic")
    found = selectors.checklist()
    assert (found.from_policy, found.own, len(found.entries)) == (6, 0, 6)
    assert found.entries[0].key == "respektera-kic"
    assert all(entry.evidence for entry in found.entries)
    _load("care-burundi")
    assert selectors.checklist().entries == []


@pytest.mark.django_db
def test_the_home_organisations_own_items_follow_the_policys(live_policy, personas):
    own = services.requirement_add(by=personas["staff"], data={
        "text": "A safeguarding policy signed by the board",
        "evidence": "Safeguarding policy\nBoard minutes"})
    off = services.requirement_add(by=personas["staff"], data={"text": "Old", "active": False})
    found = selectors.checklist()
    assert [e.key for e in found.entries] == ["sound-finances", f"own-{own.pk}"]
    assert found.entries[1].evidence == ["Safeguarding policy", "Board minutes"]
    assert f"own-{off.pk}" not in found.keys()


@pytest.mark.django_db
def test_the_partners_answer_and_the_verdict_are_kept_apart(live_policy, personas, org_a,
                                                            media):
    partner, staff = personas["partner_a"], personas["staff"]
    entry = _entry(org_a, "sound-finances", partner)
    item = services.diligence_answer(organisation=org_a, entry=entry, by=partner, today=TODAY,
                                     data={"partner_status": "met",
                                           "partner_comment": "Manual adopted in 2024"})
    entry = _entry(org_a, "sound-finances")
    # "Met" needs evidence: refused without it.
    with pytest.raises(ValidationError) as refused:
        services.diligence_review(organisation=org_a, entry=entry, by=staff, today=TODAY,
                                  data={"status": "met"}, expected_version=item.version)
    assert "status" in refused.value.message_dict
    services.diligence_review(organisation=org_a, entry=entry, by=staff, today=TODAY,
                              data={"status": "partly", "comment": "The manual is a draft"},
                              expected_version=item.version)
    item = DiligenceItem.objects.get()
    assert (item.partner_status, item.partner_answered_by, item.partner_comment) == (
        "met", partner, "Manual adopted in 2024")
    assert (item.status, item.reviewer, item.reviewed_on) == ("partly", staff, TODAY)


@pytest.mark.django_db
def test_complete_needs_every_item_met_with_valid_evidence(live_policy, personas, org_a,
                                                           media):
    staff = personas["staff"]
    own = services.requirement_add(by=staff, data={"text": "Safeguarding policy"})
    expiring = _document(org_a, expires_on=TODAY + datetime.timedelta(days=10))
    services.diligence_evidence_add(organisation=org_a, entry=_entry(org_a, "sound-finances"),
                                    by=staff, document=expiring)
    services.diligence_review(organisation=org_a, entry=_entry(org_a, "sound-finances"),
                              by=staff, today=TODAY, data={"status": "met"},
                              expected_version=DiligenceItem.objects.get().version)
    summary = selectors.diligence_summary(org_a, today=TODAY)
    assert {k: summary[k] for k in ("met", "partly", "not_met", "not_applicable", "open",
                                    "total", "complete", "expiring_soon")} == {
        "met": 1, "partly": 0, "not_met": 0, "not_applicable": 0, "open": 1, "total": 2,
        "complete": False, "expiring_soon": 1}
    services.diligence_review(organisation=org_a, entry=_entry(org_a, own.key), by=staff,
                              today=TODAY, data={"status": "not_applicable"})
    assert selectors.diligence_summary(org_a, today=TODAY)["complete"] is True
    # Once the evidence has expired, the item no longer counts as satisfied.
    later = TODAY + datetime.timedelta(days=11)
    assert selectors.diligence_summary(org_a, today=later)["complete"] is False
    assert selectors.complete_organisation_ids([org_a.pk], today=TODAY,
                                               found=selectors.checklist()) == {org_a.pk}


@pytest.mark.django_db
def test_removing_the_last_evidence_reopens_a_met_item(live_policy, personas, org_a, media):
    staff = personas["staff"]
    document = _document(org_a)
    item, _ = services.diligence_evidence_add(
        organisation=org_a, entry=_entry(org_a, "sound-finances"), by=staff, document=document)
    item = services.diligence_review(organisation=org_a, entry=_entry(org_a, "sound-finances"),
                                     by=staff, today=TODAY, data={"status": "met"},
                                     expected_version=item.version)
    services.diligence_evidence_remove(item=item, document=document, by=staff)
    assert DiligenceItem.objects.get().status == "partly"


@pytest.mark.django_db
def test_evidence_of_another_organisation_is_refused(live_policy, personas, org_a, org_b,
                                                     media):
    with pytest.raises(ValidationError):
        services.diligence_evidence_add(organisation=org_a, by=personas["staff"],
                                        entry=_entry(org_a, "sound-finances"),
                                        document=_document(org_b))


# --- Pages -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_partner_answers_on_its_own_page_with_a_new_document(live_policy, personas,
                                                                 org_a, media):
    client = client_for(personas["partner_a"])
    page = client.get(reverse("partners:diligence", args=[org_a.pk]))
    assert page.status_code == 200
    assert "Partners keep documented, sound financial procedures." in page.text
    url = reverse("partners:diligence_answer", args=[org_a.pk, "sound-finances"])
    response = client.post(url, {"partner_status": "partly", "partner_comment": "In progress"})
    assert response.status_code == 302
    upload = SimpleUploadedFile("m.pdf", PDF, content_type="application/pdf")
    response = client.post(reverse("partners:diligence_evidence", args=[org_a.pk,
                                                                          "sound-finances"]),
                           {"kind": "other", "dated": "2026-02-01", "file": upload})
    assert response.status_code == 302
    item = DiligenceItem.objects.get()
    assert (item.partner_status, item.status, item.evidence.count()) == ("partly", "", 1)
    # The partner may not give the verdict; staff give it, dated today when left empty.
    review = reverse("partners:diligence_review", args=[org_a.pk, "sound-finances"])
    assert client.post(review, {"status": "met"}).status_code == 403
    response = client_for(personas["staff"]).post(review, {
        "status": "partly", "comment": "Draft manual", "version": item.version})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.partner_status, item.status, item.reviewed_on) == (
        "partly", "partly", datetime.date.today())


@pytest.mark.django_db
def test_another_partner_never_reaches_the_checklist(live_policy, personas, org_a):
    client = client_for(personas["partner_b"])
    for name, args in [("partners:diligence", [org_a.pk]),
                       ("partners:diligence_item", [org_a.pk, "sound-finances"])]:
        assert client.get(reverse(name, args=args)).status_code == 404
    assert client.post(reverse("partners:diligence_answer", args=[org_a.pk, "sound-finances"]),
                       {"partner_status": "met"}).status_code == 404
    assert not DiligenceItem.objects.exists()


@pytest.mark.django_db
def test_the_page_says_where_the_checklist_comes_from(personas, org_a):
    _load("care-burundi")
    page = client_for(personas["staff"]).get(reverse("partners:diligence", args=[org_a.pk]))
    assert "states no expectations on partners" in page.text
    assert reverse("partners:diligence_requirements") in page.text


@pytest.mark.django_db
def test_risk_flags_are_seen_by_home_staff_only(live_policy, personas, org_a):
    RiskFlag.objects.create(organisation=org_a, level="yellow", category="financial",
                            description=FLAG_TEXT, raised_on=TODAY)
    assert FLAG_TEXT in client_for(personas["viewer"]).get(
        reverse("partners:risk_flags", args=[org_a.pk])).text
    for persona in ("partner_a", "partner_admin_a", "partner_b"):
        client = client_for(personas[persona])
        assert client.get(reverse("partners:risk_flags", args=[org_a.pk])).status_code == 404
        for name in ("partners:detail", "partners:diligence"):
            response = client.get(reverse(name, args=[org_a.pk]))
            assert FLAG_TEXT not in response.text and "Risk flags" not in response.text
    assert list(RiskFlag.objects.visible_to(personas["partner_a"])) == []


@pytest.mark.django_db
def test_a_flag_keeps_its_history(live_policy, personas, org_a):
    staff = personas["staff"]
    flag = services.risk_flag_raise(organisation=org_a, by=staff, data={
        "level": "observation", "category": "governance", "description": "Board not met",
        "raised_on": TODAY})
    services.risk_flag_update(flag=flag, by=staff, data={"level": "red"},
                              expected_version=flag.version)
    history = selectors.flag_history(user=staff, organisation=org_a)
    assert [e["action"] for e in history] == ["Change", "Creation"]
    assert history[0]["changes"][0]["new"] == "Red"


# --- What is due, the gate fact, the measure ----------------------------------------------


@pytest.mark.django_db
def test_what_is_due_asks_the_partner_to_answer_and_staff_to_review(live_policy, personas,
                                                                   org_a):
    partner, staff = personas["partner_a"], personas["staff"]
    assert [i.title for i in hub.to_answer(partner, today=TODAY)] == [
        "Answer 1 item of your due-diligence checklist"]
    services.diligence_answer(organisation=org_a, entry=_entry(org_a, "sound-finances"),
                              by=partner, today=TODAY, data={"partner_status": "met"})
    assert hub.to_answer(partner, today=TODAY) == []
    due = hub.to_review(staff, today=TODAY)
    assert [(i.detail, i.url) for i in due] == [
        (org_a.name, reverse("partners:diligence_item", args=[org_a.pk, "sound-finances"]))]
    assert hub.to_review(personas["viewer"], today=TODAY) == []


@pytest.mark.django_db
def test_the_gate_fact_reads_every_partner_party(live_policy, personas, org_a,
                                                 partnership_a, media):
    from hamwe.policy.selectors import policy_pack

    pack = policy_pack(live_policy)
    finding = hub.due_diligence_complete(partnership_a, stage="x", pack=pack)
    assert not finding.holds and org_a.name in finding.because
    staff = personas["staff"]
    for party in partnership_a.parties.all():
        org = party.organisation
        services.diligence_evidence_add(organisation=org, by=staff, document=_document(org),
                                        entry=_entry(org, "sound-finances"))
        services.diligence_review(organisation=org, entry=_entry(org, "sound-finances"),
                                  by=staff, today=datetime.date.today(), data={"status": "met"},
                                  expected_version=DiligenceItem.objects.get(
                                      organisation=org).version)
    assert hub.due_diligence_complete(partnership_a, stage="x", pack=pack).holds


@pytest.mark.django_db
def test_the_measure_is_the_share_of_partners_under_due_diligence_complete(
        live_policy, personas, org_a, org_b, media):
    staff = personas["staff"]
    services.diligence_evidence_add(organisation=org_a, by=staff, document=_document(org_a),
                                    entry=_entry(org_a, "sound-finances"))
    services.diligence_review(organisation=org_a, entry=_entry(org_a, "sound-finances"),
                              by=staff, today=TODAY, data={"status": "met"},
                              expected_version=DiligenceItem.objects.get().version)
    services.diligence_answer(organisation=org_b, entry=_entry(org_b, "sound-finances"),
                              by=personas["partner_b"], today=TODAY,
                              data={"partner_status": "partly"})
    OrganisationFactory()  # not under due diligence: not counted
    result = compute("due-diligence-complete", as_of=TODAY)
    assert (result.value, result.detail["partners"], result.detail["complete"]) == (50.0, 2, 1)
    assert [(r.id, r.counts) for r in result.rows] == [(org_a.pk, True), (org_b.pk, False)]
    # The day before the verdict, nobody was complete yet.
    before = compute("due-diligence-complete", as_of=TODAY - datetime.timedelta(days=1))
    assert before.value is None


# --- Query counts ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_overview_at_5000_partners_takes_a_fixed_number_of_queries(
        live_policy, personas, org_a, django_assert_max_num_queries):
    from hamwe.partners.models import Organisation

    Organisation.objects.bulk_create(
        Organisation(name=f"Partner {n:05d}", sector="cso") for n in range(5000))
    items = [DiligenceItem(organisation_id=pk, expectation="sound-finances",
                           partner_status="met", partner_answered_on=TODAY)
             for pk in Organisation.objects.values_list("pk", flat=True)[:2000]]
    DiligenceItem.objects.bulk_create(items)
    client = client_for(personas["staff"])
    # session + user, the live policy and its parts, the own items, the count and the
    # page of organisations, the items' counts, the expiring evidence, the open flags,
    # what is due in the header (and its providers' queries).
    with django_assert_max_num_queries(24):
        response = client.get(reverse("partners:diligence_overview") + "?page=3")
    assert response.status_code == 200
    assert "Partner 00" in response.text


@pytest.mark.django_db
def test_the_api_shows_an_organisations_items_to_its_own_users_only(live_policy, personas,
                                                                     org_a):
    services.diligence_answer(organisation=org_a, entry=_entry(org_a, "sound-finances"),
                              by=personas["partner_a"], today=TODAY,
                              data={"partner_status": "met"})
    own = client_for(personas["partner_a"]).get("/api/v1/diligence-items/").json()
    assert [(r["key"], r["partner_status"]) for r in own["results"]] == [
        ("sound-finances", "met")]
    other = client_for(personas["partner_b"]).get("/api/v1/diligence-items/").json()
    assert other["results"] == []
    item = DiligenceItem.objects.get()
    assert client_for(personas["partner_b"]).get(
        f"/api/v1/diligence-items/{item.pk}/").status_code == 404
