"""Reads of the partner registry. Every one starts from the access rule in accounts.

An organisation is shown, exported and served by the API through one profile
(`organisation_profile`): its public fields to every user with a role, its private ones
only to those who may read them. Pages, exports and the API never pick fields themselves.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from hamwe.accounts import access
from hamwe.core.records import history_entries, one_or_404

from .filters import OrganisationFilter
from .models import Contact, Document, ImpactGroup, Organisation, ThematicArea, in_reading_order


def organisation_list(*, user, params):
    """The filtered, sorted registry the user may see, and the filter form."""
    base = Organisation.objects.visible_to(user).for_list()
    filterset = OrganisationFilter(params, queryset=base, user=user)
    qs = filterset.qs if filterset.is_valid() else base.none()
    if not params.get("sort"):
        qs = qs.order_by("name", "pk")
    return filterset, qs


def _with_profile(qs):
    return qs.select_related("province").prefetch_related(
        "provinces", "thematic_areas", "impact_groups"
    )


def organisation_for_user(*, user, pk) -> Organisation:
    """One organisation the user may see (its public profile at least), or 404. Show it
    through `organisation_profile`, which keeps the private part for those who may."""
    return one_or_404(_with_profile(Organisation.objects.visible_to(user)), pk=pk)


def organisation_for_editor(*, user, pk) -> Organisation:
    """One organisation the user may change: 404 if they may not see it, 403 if they may
    see but not change it."""
    organisation = organisation_for_user(user=user, pk=pk)
    if not access.may_edit_organisation(user, organisation.pk):
        raise PermissionDenied
    return organisation


# --- The profile: which fields a user may read -------------------------------------------


def profile_fields(user, organisation_id, *, bookkeeping=False) -> tuple[str, ...]:
    """The fields of this organisation's record that `user` may read, in display order;
    with `bookkeeping`, also its id, version and dates where they may."""
    if access.sees_private(user, organisation_id):
        names = Organisation.PUBLIC_FIELDS + Organisation.PRIVATE_FIELDS
        return names + Organisation.RECORD_FIELDS if bookkeeping else names
    return ("id", *Organisation.PUBLIC_FIELDS) if bookkeeping else Organisation.PUBLIC_FIELDS


def _shown(organisation, name):
    """A field's value as a reader sees it: choices by their label, relations as names."""
    field = Organisation._meta.get_field(name)
    if field.many_to_many:
        items = getattr(organisation, name).all()
        if field.related_model in (ThematicArea, ImpactGroup):
            items = in_reading_order(items)  # named in the reader's language
        return [str(item) for item in items]
    value = getattr(organisation, name)
    if isinstance(value, bool):
        return value
    if field.choices and value not in (None, ""):
        return str(getattr(organisation, f"get_{name}_display")())
    if name == "country":
        return value.name
    if field.is_relation:
        return value.name if value is not None else ""
    return value if value is not None else ""


class Profile(dict):
    """An organisation's fields as one user may read them: `profile.registration_number`
    is empty for someone who may not read it, whatever the template asks for."""

    def __init__(self, organisation, *, user):
        names = profile_fields(user, organisation.pk)
        super().__init__({name: _shown(organisation, name) for name in names})
        self.pk = organisation.pk
        self.private = len(names) > len(Organisation.PUBLIC_FIELDS)
        # Codes of public fields, for styling and for IATI: no way back to the record.
        self.sector_code = organisation.sector
        self.iati_code = organisation.iati_type

    def __getattr__(self, name):
        if name in Organisation.PUBLIC_FIELDS or name in Organisation.PRIVATE_FIELDS:
            return self.get(name, "")
        raise AttributeError(name)


def organisation_profile(*, user, organisation) -> Profile:
    return Profile(organisation, user=user)


def profile_labels(names):
    return [capfirst(Organisation._meta.get_field(name).verbose_name) for name in names]


def export_rows(*, user, qs):
    """Header and rows for the CSV/XLSX export: each organisation's profile as the user
    may read it (private columns empty where they may not)."""
    names = Organisation.PUBLIC_FIELDS + Organisation.PRIVATE_FIELDS
    rows = []
    for organisation in _with_profile(qs):
        profile = organisation_profile(user=user, organisation=organisation)
        row = []
        for name in names:
            value = profile.get(name, "")
            row.append("; ".join(value) if isinstance(value, list) else value)
        rows.append(row)
    return profile_labels(names), rows


# --- Contacts and history ----------------------------------------------------------------


def contacts_for_user(*, user, organisation):
    return Contact.objects.visible_to(user).filter(organisation=organisation)


def contact_for_editor(*, user, organisation_pk, pk) -> Contact:
    """A contact of an organisation the user may change (404 outside the scope, 403 when
    they may read but not change it)."""
    contact = one_or_404(
        Contact.objects.visible_to(user).select_related("organisation"),
        organisation_id=organisation_pk,
        pk=pk,
    )
    if not access.may_edit_organisation(user, contact.organisation_id):
        raise PermissionDenied
    return contact


def audit_entries(*, user, organisation, limit=50):
    """What changed on an organisation, its contacts and its documents, newest first,
    with the diffs."""
    if not access.may_see_audit(user):
        return []
    return history_entries(
        [
            (organisation.history.all(), _("Organisation"), lambda row: row.name),
            (
                Contact.history.filter(organisation_id=organisation.pk),
                _("Contact"),
                lambda row: row.name,
            ),
            (
                Document.history.filter(organisation_id=organisation.pk),
                _("Document"),
                lambda row: Document.Kind(row.kind).label,
            ),
        ],
        limit=limit,
    )


# --- Documents ---------------------------------------------------------------------------


def documents_for_user(*, user, organisation, today):
    """The organisation's documents the user may read (none for another partner), each
    with `expiry` (Document.expiry) and `superseded` (a later one of the same type
    exists, so its expiry no longer matters)."""
    documents = list(Document.objects.visible_to(user).filter(organisation=organisation))
    latest = {}
    for document in documents:  # ordered by type, newest first
        latest.setdefault(document.kind, document.pk)
    for document in documents:
        document.superseded = (
            latest[document.kind] != document.pk and document.kind != Document.Kind.OTHER
        )
        document.expiry = None if document.superseded else document.expiry(today)
    return documents


def organisation_for_document_keeper(*, user, pk) -> Organisation:
    """An organisation whose documents the user may add to: 404 if they may not see it,
    403 if they may see it but not keep its documents."""
    organisation = one_or_404(Organisation.objects.visible_to(user), pk=pk)
    if not access.may_keep_documents(user, organisation.pk):
        raise PermissionDenied
    return organisation


def document_for_user(*, user, pk, organisation_pk=None) -> Document:
    """One document (of the organisation `organisation_pk`, when given: a page's URL
    names it), if the user may read it (its organisation's own users and the home
    organisation), else 404: another partner cannot even learn that it exists."""
    lookups = {"pk": pk}
    if organisation_pk is not None:
        lookups["organisation_id"] = organisation_pk
    return one_or_404(Document.objects.visible_to(user).select_related("organisation"),
                      **lookups)


def document_for_editor(*, user, organisation_pk, pk) -> Document:
    """A document the user may replace or remove: 404 outside the scope, 403 when they
    may read but not change it (a viewer)."""
    document = document_for_user(user=user, organisation_pk=organisation_pk, pk=pk)
    if not access.may_keep_documents(user, document.organisation_id):
        raise PermissionDenied
    return document


def documents_expiring(*, user, today, within_days=Document.EXPIRES_SOON_DAYS):
    """Documents the user keeps that have expired or expire within `within_days`, and
    that no later document of the same type has replaced; soonest first (one query)."""
    if not access.may_keep_some_documents(user):
        return Document.objects.none()
    # Replaced: a document of the same type (but "other") dated later, or added later on
    # the same date; as in documents_for_user.
    newer = Document.objects.filter(
        Q(dated__gt=OuterRef("dated")) | Q(dated=OuterRef("dated"), pk__gt=OuterRef("pk")),
        organisation=OuterRef("organisation"), kind=OuterRef("kind"),
    ).exclude(kind=Document.Kind.OTHER)
    return (
        Document.objects.visible_to(user)
        .filter(expires_on__lte=today + datetime.timedelta(days=within_days))
        .exclude(Exists(newer))
        .select_related("organisation")
        .order_by("expires_on", "organisation__name", "pk")
    )
