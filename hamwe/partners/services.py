"""Writes to the partner registry. Each is named, keyword-only and atomic; the caller has
fetched the record through a selector's `*_for_editor`, which asked `accounts.access`
whether `by` may change it. Field rules live on the models (`clean()`, constraints) and
are checked by `save_as` / `update_versioned` before anything is saved."""

from django.db import transaction

from hamwe.core import registries
from hamwe.core.records import delete_as, save_as, update_versioned

from .models import Contact, Organisation

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
