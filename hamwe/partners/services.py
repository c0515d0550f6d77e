"""Writes to the partner registry. Each is named, keyword-only and atomic; the caller has
fetched the record through a selector's `*_for_editor`, which asked `accounts.access`
whether `by` may change it. Field rules live on the models (`clean()`, constraints) and
are checked by `save_as` / `update_versioned` before anything is saved."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamwe.core import registries
from hamwe.core.records import delete_as, save_as, update_versioned
from hamwe.core.uploads import DOCUMENTS, MAX_BYTES, check_upload

from .models import Contact, Document, Export, Organisation

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


@transaction.atomic
def organisations_import(*, by, rows) -> list[Organisation]:
    """New organisations, each with its new contacts, written a batch at a time (an
    import's commit): `rows` is a list of (fields, [contact fields, ...]), a province
    given as the instance. Each record is validated as `organisation_create` and
    `contact_create` validate it, but for what the database holds for the whole batch
    in its statements (one organisation per name, one home organisation, a contact
    reachable): it refuses those too, and then nothing of the batch is written. As
    `contact_create`, a later main contact of an organisation takes the mark from an
    earlier one. The audit trail gets a history row for each record, `by` its author."""
    from django.db import IntegrityError
    from django_countries import countries
    from simple_history.utils import bulk_create_with_history

    known_countries = {code for code, _name in countries}  # the field's check, once
    organisations, problems = [], []
    for fields, _contacts in rows:
        if set(fields) & set(ORGANISATION_M2M):
            raise ValueError("organisations_import takes no many-to-many fields")
        organisation = Organisation(**fields)
        try:
            _iati_type_confirmed(organisation, confirmed=False)
            # The country's own check walks every country's name, and a province given
            # as a loaded instance exists (its check would cost a query): both aside.
            exclude = ["country", "province"] if organisation.province else ["country"]
            organisation.full_clean(exclude=exclude, validate_unique=False,
                                    validate_constraints=False)
            if organisation.country.code not in known_countries:
                raise ValidationError({"country": _(
                    "“%(code)s” is not a country code.") % {"code": organisation.country.code}})
        except ValidationError as error:
            problems.append(f"{organisation.name}: {'; '.join(error.messages)}")
        organisations.append(organisation)
    contacts = []
    for organisation, (_fields, of_it) in zip(organisations, rows, strict=True):
        primary = max((i for i, data in enumerate(of_it) if data.get("is_primary")),
                      default=None)
        for i, data in enumerate(of_it):
            contact = Contact(organisation=organisation, **{**data, "is_primary": i == primary})
            try:
                contact.full_clean(exclude=["organisation"], validate_constraints=False)
            except ValidationError as error:
                problems.append(f"{organisation.name}, {contact.name}: "
                                f"{'; '.join(error.messages)}")
            contacts.append(contact)
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            bulk_create_with_history(organisations, Organisation, batch_size=500,
                                     default_user=by)
            for contact in contacts:
                contact.organisation_id = contact.organisation.pk
            bulk_create_with_history(contacts, Contact, batch_size=500, default_user=by)
    except IntegrityError as error:
        raise ValidationError(_refused_by_the_database(error)) from error
    return organisations


def _refused_by_the_database(error):
    """The message of the registry's rule a batch broke (the database names it)."""
    text = str(error)
    for model in (Organisation, Contact):
        for constraint in model._meta.constraints:
            if constraint.name in text:
                return constraint.violation_error_message
    raise error


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
        updated = update_versioned(
            organisation, by=by, expected_version=expected_version, changes=fields, m2m=m2m
        )
        if updated.sector != organisation.sector:
            # Partnerships keep their parties' sectors, for their list's filter and counts.
            registries.changed("organisation", updated, {"sector"})
        return updated


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


# --- Exports, made by the task worker ---------------------------------------------------

KEEP_EXPORTS = datetime.timedelta(days=1)


def export_request(*, user, fmt, query, language) -> Export:
    """Ask the task worker for the registry as `user` may read it, filtered by `query`
    (the list's address), in `fmt`; the user's exports older than a day are dropped."""
    from .tasks import export_organisations

    for old in Export.objects.filter(user=user,
                                     requested_at__lt=timezone.now() - KEEP_EXPORTS):
        old.file.delete(save=False)
        old.delete()
    export = Export.objects.create(user=user, format=fmt, query=query, language=language)
    export_organisations.enqueue(export.pk)
    export.refresh_from_db()  # the immediate backend (tests) has made it already
    return export

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
