"""The isolation sweep's view of the partner registry: a sample for every route of this
app and of its API (each pointing at organisation A), the objects they point at, and the
state of the registry that someone who may not must never change (see
hamwe/tests/samples.py).

A's document carries A's private markers (in its note and inside its file), so a page,
an API answer or a download that reached partner B would show up as a leak.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from hamwe.conftest import SECRET_NOTE, SECRET_REGISTRATION
from hamwe.partners.diligence.forms import RequirementForm, RiskFlagForm
from hamwe.partners.forms import ContactForm, DocumentForm, OrganisationForm
from hamwe.partners.funding.forms import FundingForm
from hamwe.partners.models import (
    DiligenceItem,
    DiligenceRequirement,
    Document,
    Funding,
    FundingRate,
    ImpactGroup,
    Organisation,
    RiskFlag,
    ThematicArea,
)
from hamwe.tests.samples import EDITS_A, HOME_EDITORS, api, current, form_data, page, read

# A payload never carries A's private markers: a page that shows the data it was sent
# back would otherwise look like a leak (and an outsider does not know them).
NOT_SECRET = {"notes": "Changed by the sweep", "registration_number": "REG-SWEEP"}


def _org(ctx):
    return {"pk": ctx.org_a.pk}


def _contact(ctx):
    return {"pk": ctx.org_a.pk, "contact_pk": ctx.contact_a.pk}


def _document(ctx):
    return {"pk": ctx.org_a.pk, "document_pk": ctx.document_a.pk}


def _upload():
    """A PDF as a browser uploads it (a new one each time: a file is read once)."""
    return SimpleUploadedFile("report.pdf", b"%PDF-1.4\n% the sweep's report\n%%EOF\n",
                              content_type="application/pdf")


def _export_of_a(ctx):
    from hamwe.accounts.models import User
    from hamwe.partners.services import export_request

    maker = User.objects.get(email="partner@a.example")
    return export_request(user=maker, fmt="csv", query="", language="en")


PAGE_SAMPLES = {
    "partners:list": read(),
    "partners:export": read(lambda ctx: {"fmt": "csv"}),
    "partners:export#xlsx": read(lambda ctx: {"fmt": "xlsx"}),
    # An export partner_a made (A's private record in it): only its maker may have it.
    "partners:export_detail": read(lambda ctx: {"pk": _export_of_a(ctx).pk}),
    "partners:detail": read(_org),
    "partners:create": page(
        post=lambda ctx: form_data(OrganisationForm(), name="Created by the sweep", sector="cso"),
        writers=HOME_EDITORS, guard="may_edit_registry"),
    "partners:edit": page(
        _org,
        post=lambda ctx: form_data(OrganisationForm(instance=current(ctx.org_a)), **NOT_SECRET),
        writers=EDITS_A, guard="may_edit_organisation"),
    "partners:contact_create": page(
        _org,
        post=lambda ctx: form_data(ContactForm(), name="Added by the sweep",
                                   email="added@sweep.example"),
        writers=EDITS_A, guard="may_edit_organisation"),
    "partners:contact_edit": page(
        _contact,
        post=lambda ctx: form_data(ContactForm(instance=current(ctx.contact_a)),
                                   name="Renamed by the sweep", email="renamed@sweep.example"),
        writers=EDITS_A, guard="may_edit_organisation"),
    "partners:contact_delete": page(
        _contact, post=lambda ctx: {}, writers=EDITS_A, guard="may_edit_organisation"),
}
DOCUMENT_SAMPLES = {  # an organisation's documents: its own partner users and home editors
    "partners:document_file": read(_document),
    "partners:document_add": page(
        _org,
        post=lambda ctx: {**form_data(DocumentForm(), kind="annual_report", dated="2026-01-31",
                                      note="Added by the sweep"), "file": _upload()},
        writers=EDITS_A, guard="may_keep_documents"),
    "partners:document_edit": page(
        _document,
        post=lambda ctx: form_data(DocumentForm(instance=current(ctx.document_a)),
                                   note="Changed by the sweep"),
        writers=EDITS_A, guard="may_keep_documents"),
    "partners:document_delete": page(
        _document, post=lambda ctx: {}, writers=EDITS_A, guard="may_keep_documents"),
}
API_SAMPLES = {  # /api/v1/: POST creates on a list, PUT and PATCH update, DELETE removes
    "v1:organisation-list": api(
        writes=("POST",),
        body=lambda ctx: {"name": "Created by the sweep", "sector": "cso", "country": "BI"},
        writers=HOME_EDITORS, guard="may_edit_registry"),
    "v1:organisation-detail": api(
        _org, writes=("PUT", "PATCH"),
        body=lambda ctx: {"name": "Renamed by the sweep", "sector": "cso", **NOT_SECRET,
                          "version": current(ctx.org_a).version},
        writers=EDITS_A, guard="may_edit_organisation"),
    "v1:contact-list": api(
        writes=("POST",),
        body=lambda ctx: {"organisation": ctx.org_a.pk, "name": "Added by the sweep",
                          "email": "added@sweep.example"},
        writers=EDITS_A, guard=("may_keep_some_contacts", "may_edit_organisation")),
    "v1:contact-detail": api(
        lambda ctx: {"pk": ctx.contact_a.pk}, writes=("PUT", "PATCH", "DELETE"),
        body=lambda ctx: {"organisation": ctx.org_a.pk, "name": "Renamed by the sweep",
                          "email": "renamed@sweep.example",
                          "version": current(ctx.contact_a).version},
        writers=EDITS_A, guard="may_edit_organisation"),
    # A document's file is uploaded (multipart); its details may be changed as JSON.
    "v1:document-list": api(
        writes=("POST",), multipart=True,
        body=lambda ctx: {"organisation": ctx.org_a.pk, "kind": "annual_report",
                          "dated": "2026-01-31", "note": "Added by the sweep",
                          "file": _upload()},
        writers=EDITS_A, guard=("may_keep_some_documents", "may_keep_documents")),
    "v1:document-detail": api(
        lambda ctx: {"pk": ctx.document_a.pk}, writes=("PUT", "PATCH", "DELETE"),
        body=lambda ctx: {"organisation": ctx.org_a.pk, "kind": "statutes",
                          "dated": "2024-03-01", "note": "Changed by the sweep",
                          "version": current(ctx.document_a).version},
        writers=EDITS_A, guard="may_keep_documents"),
    "v1:document-file": read(lambda ctx: {"pk": ctx.document_a.pk}),
    # Due diligence and funding: read only (risk flags are not in the API).
    "v1:diligence-item-list": read(),
    "v1:diligence-item-detail": read(lambda ctx: {"pk": ctx.diligence_item_a.pk}),
    "v1:funding-list": read(),
    "v1:funding-detail": read(lambda ctx: {"pk": ctx.funding_a.pk}),
    # Reference data: read only, in the reader's language.
    "v1:thematic-area-list": read(),
    "v1:thematic-area-detail": read(lambda ctx: {"pk": ctx.thematic_area.pk}),
    "v1:impact-group-list": read(),
    "v1:impact-group-detail": read(lambda ctx: {"pk": ctx.impact_group.pk}),
}

PARTNERS_OF_A = frozenset({"partner_a", "partner_admin_a"})


def _item(ctx):
    return {"pk": ctx.org_a.pk, "key": ctx.diligence_item_a.key}


def _evidence(ctx):
    return {**_item(ctx), "document_pk": ctx.evidence_a.pk}


def _flag(ctx):
    return {"pk": ctx.org_a.pk, "flag_pk": ctx.flag_a.pk}


def _funding(ctx):
    return {"pk": ctx.org_a.pk, "funding_pk": ctx.funding_a.pk}


def _versioned(obj, **data):
    return {**data, "version": current(obj).version}


DILIGENCE_SAMPLES = {  # an organisation's due diligence: its own users and home editors
    "partners:diligence_overview": read(),
    "partners:diligence": read(_org),
    "partners:diligence_item": read(_item),
    "partners:diligence_answer": page(
        _item, post=lambda ctx: _versioned(ctx.diligence_item_a, partner_status="partly",
                                           partner_comment="Answered by the sweep"),
        writers=PARTNERS_OF_A, guard="may_answer_diligence"),
    "partners:diligence_review": page(
        _item, post=lambda ctx: _versioned(ctx.diligence_item_a, status="not_met",
                                           comment="Reviewed by the sweep"),
        writers=HOME_EDITORS, guard="may_review_diligence"),
    "partners:diligence_evidence": page(
        _item, post=lambda ctx: {"document": ctx.document_a.pk},
        writers=EDITS_A, guard="may_add_diligence_evidence"),
    "partners:diligence_evidence_remove": page(
        _evidence, post=lambda ctx: {}, writers=EDITS_A, guard="may_add_diligence_evidence"),
    "partners:diligence_requirements": page(
        post=lambda ctx: form_data(RequirementForm(), text="Added by the sweep"),
        writers=HOME_EDITORS, guard="may_review_diligence"),
    "partners:diligence_requirement_edit": page(
        lambda ctx: {"pk": ctx.requirement.pk},
        post=lambda ctx: form_data(RequirementForm(instance=current(ctx.requirement)),
                                   text="Changed by the sweep"),
        writers=HOME_EDITORS, guard="may_review_diligence"),
    # Risk flags: home users read them, home editors keep them; never a partner.
    "partners:risk_flags": page(
        _org, post=lambda ctx: form_data(RiskFlagForm(), level="yellow", category="other",
                                         description="Raised by the sweep",
                                         raised_on="2026-01-31"),
        writers=HOME_EDITORS, guard="may_keep_risk_flags"),
    "partners:risk_flag_edit": page(
        _flag, post=lambda ctx: form_data(RiskFlagForm(instance=current(ctx.flag_a)),
                                          level="red"),
        writers=HOME_EDITORS, guard="may_keep_risk_flags"),
}
FUNDING_SAMPLES = {  # an organisation's funding: its own users and home editors
    "partners:funding_overview": read(),
    "partners:funding": read(_org),
    "partners:funding_add": page(
        _org, post=lambda ctx: form_data(FundingForm(), year="2025", currency="USD",
                                         source_name="Added by the sweep",
                                         category="bilateral", amount="10"),
        writers=EDITS_A, guard="may_enter_funding"),
    "partners:funding_edit": page(
        _funding, post=lambda ctx: form_data(FundingForm(instance=current(ctx.funding_a)),
                                             amount="99"),
        writers=EDITS_A, guard="may_enter_funding"),
    "partners:funding_delete": page(
        _funding, post=lambda ctx: {}, writers=EDITS_A, guard="may_enter_funding"),
    "partners:funding_rates": page(
        post=lambda ctx: {"year": "2025", "currency": "EUR", "rate": "1.1"},
        writers=HOME_EDITORS, guard="may_set_funding_rates"),
}

SAMPLES = {**PAGE_SAMPLES, **DOCUMENT_SAMPLES, **DILIGENCE_SAMPLES, **FUNDING_SAMPLES,
           **API_SAMPLES}

# A PDF whose content is one of A's secrets: only A's users and the home organisation may
# ever download it.
SECRET_PDF = b"%PDF-1.4\n% " + SECRET_REGISTRATION.encode() + b"\n%%EOF\n"


def context_of(org):
    """Objects the samples point at: a document of A (its statutes) and reference rows."""
    import datetime

    from django.core.files.base import ContentFile

    document = Document(
        organisation=org, kind=Document.Kind.STATUTES, dated=datetime.date(2024, 3, 1),
        note=f"Statutes as amended ({SECRET_NOTE})",
    )
    document.file.save("statutes.pdf", ContentFile(SECRET_PDF), save=False)
    document.save()
    evidence = Document(organisation=org, kind=Document.Kind.AUDITED_ACCOUNTS,
                        dated=datetime.date(2025, 12, 31), note="Audited accounts 2025")
    evidence.file.save("accounts.pdf", ContentFile(SECRET_PDF), save=False)
    evidence.save()
    # A's item of the home organisation's own (the live policy's may have none).
    requirement = DiligenceRequirement.objects.create(text="Safeguarding policy",
                                                      evidence="The policy")
    item = DiligenceItem.objects.create(organisation=org, requirement=requirement,
                                        partner_status="met", status="partly",
                                        reviewed_on=datetime.date(2026, 1, 15))
    item.evidence.add(evidence)
    return {
        "document_a": document, "evidence_a": evidence, "requirement": requirement,
        "diligence_item_a": item,
        "flag_a": RiskFlag.objects.create(
            organisation=org, level="observation", category="financial",
            description="Late bank reconciliations", raised_on=datetime.date(2026, 1, 10)),
        "funding_a": Funding.objects.create(
            organisation=org, year=2025, source_name="Sida", category="bilateral",
            amount=1000, currency="USD"),
        "thematic_area": ThematicArea.objects.get_or_create(
            name="Education", defaults={"name_fr": "Éducation", "name_sv": "Utbildning"})[0],
        "impact_group": ImpactGroup.objects.get_or_create(
            name="Youth", defaults={"name_fr": "Jeunes", "name_sv": "Unga"})[0],
    }


def registry_state(org):
    """A's record, contacts and documents, and which organisations the registry holds."""
    org.refresh_from_db()
    return (
        (org.name, org.notes, org.registration_number, org.version),
        tuple(org.contacts.order_by("pk").values_list("pk", "name", "email", "version")),
        tuple(Organisation.objects.order_by("pk").values_list("pk", flat=True)),
        tuple(Document.objects.filter(organisation=org).order_by("pk").values_list(
            "pk", "version", "kind", "dated", "expires_on", "note", "file")),
        diligence_state(org),
    )


def diligence_state(org):
    """A's due diligence, risk flags and funding, and what every checklist and every
    comparison of funding shares (the home organisation's own items, the rates)."""
    return (
        tuple(DiligenceItem.objects.filter(organisation=org).order_by("pk").values_list(
            "pk", "version", "partner_status", "partner_comment", "status", "comment")),
        tuple(DiligenceItem.evidence.through.objects.filter(diligenceitem__organisation=org)
              .order_by("pk").values_list("diligenceitem_id", "document_id")),
        tuple(DiligenceRequirement.objects.order_by("pk").values_list("pk", "version",
                                                                      "text", "active")),
        tuple(RiskFlag.objects.filter(organisation=org).order_by("pk").values_list(
            "pk", "version", "level", "category", "description", "closed_on")),
        tuple(Funding.objects.filter(organisation=org).order_by("pk").values_list(
            "pk", "version", "year", "source_name", "amount", "currency")),
        tuple(FundingRate.objects.order_by("pk").values_list("pk", "year", "currency",
                                                             "rate")),
    )
