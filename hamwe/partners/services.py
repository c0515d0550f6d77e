"""Writes to the partner registry. Each is named, keyword-only and atomic; the caller has
fetched the record through a selector's `*_for_editor`, which asked `accounts.access`
whether `by` may change it. Field rules live on the models (`clean()`, constraints) and
are checked by `save_as` / `update_versioned` before anything is saved."""

import secrets

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from hamwe.core.records import delete_as, save_as, update_versioned
from hamwe.core.uploads import DOCUMENTS, MAX_BYTES, check_upload

from .models import Contact, Document, Organisation

ORGANISATION_M2M = ("provinces", "thematic_areas", "impact_groups")
# What an organisation's document may be: PDF, a scan or an office file, at most 10 MB.
DOCUMENT_KINDS = DOCUMENTS
DOCUMENT_MAX_BYTES = MAX_BYTES


def _split(data):
    fields = {k: v for k, v in data.items() if k not in ORGANISATION_M2M and k != "version"}
    m2m = {k: v for k, v in data.items() if k in ORGANISATION_M2M}
    return fields, m2m


def _iati_type_confirmed(organisation, *, confirmed):
    """An IATI type that does not fit the sector is kept only when the user says so
    (the page's "Keep this type", the API's `confirm_iati_type`): one message for both."""
    problem = organisation.iati_type_contradiction()
    if problem and not confirmed:
        raise ValidationError({"iati_type": ValidationError(problem, code="iati_type_unconfirmed")})


@transaction.atomic
def organisation_create(*, by, data, confirm_iati_type=False) -> Organisation:
    fields, m2m = _split(data)
    organisation = Organisation(**fields)
    _iati_type_confirmed(organisation, confirmed=confirm_iati_type)
    save_as(organisation, by=by)
    for name, values in m2m.items():
        getattr(organisation, name).set(values)
    return organisation


def organisation_update(
    *, organisation, by, data, expected_version, confirm_iati_type=False
) -> Organisation:
    fields, m2m = _split(data)
    with transaction.atomic():
        if {"sector", "iati_type"} & set(fields):
            # Asked again only when the sector or the type changes: a type once confirmed
            # does not stop every later edit of the record.
            after = Organisation(
                sector=fields.get("sector", organisation.sector),
                iati_type=fields.get("iati_type", organisation.iati_type),
            )
            changed = (after.sector, after.iati_type) != (
                organisation.sector, organisation.iati_type)
            if changed and after.iati_type is not None:
                _iati_type_confirmed(after, confirmed=confirm_iati_type)
        return update_versioned(
            organisation, by=by, expected_version=expected_version, changes=fields, m2m=m2m
        )


@transaction.atomic
def contact_create(*, organisation, by, data) -> Contact:
    contact = save_as(Contact(organisation=organisation, **data), by=by)
    if contact.is_primary:
        _only_one_primary(contact, by=by)
    return contact


@transaction.atomic
def contact_update(*, contact, by, data, expected_version) -> Contact:
    contact = update_versioned(contact, by=by, expected_version=expected_version, changes=data)
    if contact.is_primary:
        _only_one_primary(contact, by=by)
    return contact


@transaction.atomic
def contact_delete(*, contact, by) -> None:
    delete_as(contact, by=by)


def _only_one_primary(contact, *, by):
    """A new main contact takes the mark from the one before."""
    for other in contact.organisation.contacts.filter(is_primary=True).exclude(pk=contact.pk):
        other.is_primary = False
        other.version += 1
        save_as(other, by=by, update_fields=["is_primary", "version", "updated_at"])


# --- Documents ----------------------------------------------------------------------------


def _store(document, upload):
    """Check an uploaded file by its content and size, and store it under a name that
    says what it is (never the uploader's file name)."""
    try:
        extension = check_upload(upload, allowed=DOCUMENT_KINDS, max_bytes=DOCUMENT_MAX_BYTES)
    except ValidationError as refused:
        raise ValidationError({"file": refused.messages}) from refused
    name = f"{document.kind or 'document'}-{secrets.token_hex(4)}{extension}"
    document.file.save(name, upload, save=False)
    return document.file.name


@transaction.atomic
def document_add(*, organisation, by, data) -> Document:
    """Add a document to the organisation's record: its file is required."""
    data = dict(data)
    upload = data.pop("file", None)
    document = Document(organisation=organisation, **data)
    if not isinstance(upload, UploadedFile):
        raise ValidationError({"file": Document._meta.get_field("file").error_messages["blank"]})
    document.full_clean(exclude=["file"])  # before the file is stored
    _store(document, upload)
    return save_as(document, by=by)


def document_update(*, document, by, data, expected_version) -> Document:
    """Change a document's details and, with a new file, replace its file (the earlier
    one stays in storage, named by the change history)."""
    changes = dict(data)
    upload = changes.pop("file", None)
    with transaction.atomic():
        if isinstance(upload, UploadedFile):
            probe = Document(organisation=document.organisation, kind=changes.get(
                "kind", document.kind))
            changes["file"] = _store(probe, upload)
        return update_versioned(
            document, by=by, expected_version=expected_version, changes=changes
        )


@transaction.atomic
def document_delete(*, document, by) -> None:
    """Remove a document from the record. Its file stays in storage: the change history
    still names it."""
    delete_as(document, by=by)
