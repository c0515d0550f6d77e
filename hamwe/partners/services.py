"""Writes to the partner registry. Each is named, keyword-only and atomic; the caller has
already asked `accounts.access` whether `by` may make it."""

from django.db import transaction

from hamwe.core.records import update_versioned

from .models import Contact, Organisation

ORGANISATION_M2M = ("provinces", "thematic_areas", "impact_groups")


def _split(data):
    fields = {k: v for k, v in data.items() if k not in ORGANISATION_M2M and k != "version"}
    m2m = {k: v for k, v in data.items() if k in ORGANISATION_M2M}
    return fields, m2m


@transaction.atomic
def organisation_create(*, by, data) -> Organisation:
    fields, m2m = _split(data)
    organisation = Organisation(**fields)
    organisation._history_user = by
    organisation.save()
    for name, values in m2m.items():
        getattr(organisation, name).set(values)
    return organisation


def organisation_update(*, organisation, by, data, expected_version) -> Organisation:
    fields, m2m = _split(data)
    return update_versioned(
        organisation, by=by, expected_version=expected_version, changes=fields, m2m=m2m
    )


@transaction.atomic
def contact_create(*, organisation, by, data) -> Contact:
    contact = Contact(organisation=organisation, **data)
    contact._history_user = by
    contact.save()
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
    contact._history_user = by
    contact.delete()


def _only_one_primary(contact, *, by):
    for other in contact.organisation.contacts.filter(is_primary=True).exclude(pk=contact.pk):
        other.is_primary = False
        other._history_user = by
        other.version += 1
        other.save(update_fields=["is_primary", "version", "updated_at"])
