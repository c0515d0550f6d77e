"""Writes to the partner registry. Each is named, keyword-only and atomic; the caller has
fetched the record through a selector's `*_for_editor`, which asked `accounts.access`
whether `by` may change it. Field rules live on the models (`clean()`, constraints) and
are checked by `save_as` / `update_versioned` before anything is saved."""

import datetime

from django.db import transaction
from django.utils import timezone

from hamwe.core import registries
from hamwe.core.records import delete_as, save_as, update_versioned

from .models import Contact, Export, Organisation

ORGANISATION_M2M = ("provinces", "thematic_areas", "impact_groups")


def _split(data):
    fields = {k: v for k, v in data.items() if k not in ORGANISATION_M2M and k != "version"}
    m2m = {k: v for k, v in data.items() if k in ORGANISATION_M2M}
    return fields, m2m


@transaction.atomic
def organisation_create(*, by, data) -> Organisation:
    fields, m2m = _split(data)
    organisation = save_as(Organisation(**fields), by=by)
    for name, values in m2m.items():
        getattr(organisation, name).set(values)
    return organisation


@transaction.atomic
def organisation_update(*, organisation, by, data, expected_version) -> Organisation:
    fields, m2m = _split(data)
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

