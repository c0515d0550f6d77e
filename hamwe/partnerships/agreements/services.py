"""Writes about partnership agreements: named, keyword-only, atomic. The caller has asked
`accounts.access` (`may_edit_partnership`, `may_act_for_party`) whether `by` may make them.

A version is never changed once generated, only its checklist overrides (while a draft)
and its status: draft -> sent for signature -> signed, when every party has signed.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hamwe.core.records import save_as
from hamwe.core.uploads import SCANS, check_upload

from ..models import Agreement, AgreementDocument, Partnership, Signature
from . import checklist, content, documents, selectors


@transaction.atomic
def agreement_generate(*, partnership, by, language) -> Agreement:
    """A new version of the agreement, built from the record and the live policy, in
    `language`. Earlier versions are kept as they are."""
    if language not in dict(selectors.languages()):
        raise ValidationError({"language": _("Choose one of the offered languages.")})
    # Lock the partnership so two people generating at once get numbers n and n+1.
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    last = partnership.agreements.aggregate(n=Max("number"))["n"] or 0
    built = content.build(partnership=partnership, by=by, language=language,
                             number=last + 1)
    agreement = Agreement(
        partnership=partnership,
        number=last + 1,
        language=language,
        content=built["content"],
        principles=built["principles"],
        states_all_principles=built["states_all_principles"],
        checklist=built["checklist"],
        created_by=by,
    )
    return save_as(agreement, by=by)


@transaction.atomic
def agreement_checklist_set(*, agreement, by, not_relevant) -> Agreement:
    """Mark the ingredients in `not_relevant` as not relevant; every other one goes back
    to the status computed from the record. Only while the version is a draft."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != Agreement.Status.DRAFT:
        raise ValidationError(_("The checklist of a version sent for signature is final."))
    unknown = set(not_relevant) - set(checklist.INGREDIENT_KEYS)
    if unknown:
        raise ValidationError(_("Unknown ingredients: %(keys)s.") % {
            "keys": ", ".join(sorted(unknown))})
    entries = {}
    for key in checklist.INGREDIENT_KEYS:
        entry = dict(agreement.checklist.get(key) or checklist.checklist_entry(checklist.MISSING))
        entry["status"] = checklist.NOT_RELEVANT if key in not_relevant else entry["auto"]
        entries[key] = entry
    if entries != agreement.checklist:
        agreement.checklist = entries
        save_as(agreement, by=by, update_fields=["checklist"])
    return agreement


@transaction.atomic
def agreement_send(*, agreement, by) -> Agreement:
    """Send a draft for signature: refused while any ingredient is not in place."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != Agreement.Status.DRAFT:
        raise ValidationError(_("This version has already been sent for signature."))
    missing = checklist.checklist_summary(agreement)["missing"]
    if missing:
        raise ValidationError(
            _("This version cannot be sent yet: these ingredients are not in place: "
              "%(items)s. Complete the record and generate a new version, or mark an "
              "ingredient not relevant.") % {"items": "; ".join(str(m) for m in missing)}
        )
    agreement.status = Agreement.Status.SENT
    save_as(agreement, by=by, update_fields=["status"])
    return agreement


def validate_scan(scan):
    """A PDF, JPEG or PNG of at most 10 MB, that is what its name says it is."""
    return check_upload(scan, allowed=SCANS)


@transaction.atomic
def signature_add(*, agreement, party, by, data) -> Signature:
    """Record one party's signature; the version is signed once every party named in it
    has signed."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != Agreement.Status.SENT:
        raise ValidationError(
            _("Only a version sent for signature can be signed.")
            if agreement.status == Agreement.Status.DRAFT
            else _("Every party has already signed this version.")
        )
    named = [p.pk for p in selectors.agreement_parties(agreement)]
    if party.pk not in named:
        raise ValidationError({"party": _("This party is not named in this version.")})
    if agreement.signatures.filter(party=party).exists():
        raise ValidationError({"party": _("This party has already signed.")})
    if data["signed_on"] > datetime.date.today():
        raise ValidationError({"signed_on": _("The date of signature cannot be in the future.")})
    scan = data.get("scan")
    signature = Signature(
        agreement=agreement,
        party=party,
        signatory=data["signatory"].strip(),
        title=data.get("title", "").strip(),
        signed_on=data["signed_on"],
        recorded_by=by,
    )
    if scan:
        extension = validate_scan(scan)
        # Named by what it is, not by the uploader's file name.
        signature.scan.save(f"agreement-{agreement.pk}-party-{party.pk}{extension}", scan,
                            save=False)
    save_as(signature, by=by)
    if set(named) <= set(agreement.signatures.values_list("party_id", flat=True)):
        agreement.status = Agreement.Status.SIGNED
        save_as(agreement, by=by, update_fields=["status"])
    return signature


# --- Documents, rendered by the task worker -------------------------------------------

STALE = datetime.timedelta(minutes=15)  # a render not finished by then is asked for again


def document_request(*, agreement, fmt, again=False) -> AgreementDocument:
    """The stored document (PDF or DOCX) of this version as it stands now, asking the task
    worker to render it when there is none yet — or, with `again`, when it failed, or
    when it has waited longer than a render takes. Never renders it here."""
    from .tasks import render_document

    if agreement.status == Agreement.Status.SIGNED:
        signed = agreement.documents.filter(
            format=fmt, of_status=Agreement.Status.SIGNED, state=AgreementDocument.State.READY
        ).order_by("-requested_at").first()
        if signed is not None:
            return signed  # a signed version's documents cannot change
    wanted = documents.fingerprint(agreement)
    try:
        with transaction.atomic():
            document, created = AgreementDocument.objects.get_or_create(
                agreement=agreement, format=fmt, fingerprint=wanted,
                defaults={"of_status": agreement.status})
    except IntegrityError:  # asked for at the same moment by someone else
        document, created = AgreementDocument.objects.get(
            agreement=agreement, format=fmt, fingerprint=wanted), False
    State = AgreementDocument.State  # noqa: N806
    stale = document.state in (State.WAITING, State.WORKING) and (
        timezone.now() - document.requested_at > STALE)
    if not created and (again and document.state == State.FAILED or stale):
        document.state, document.error, document.requested_at = State.WAITING, "", timezone.now()
        document.save(update_fields=["state", "error", "requested_at"])
        created = True
    if created:
        render_document.enqueue(document.pk)
        document.refresh_from_db()  # the immediate backend (tests) has rendered it already
    return document
