"""Reads of the partner registry. Every one starts from the access rule in accounts."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from hamwe.accounts import access
from hamwe.core.records import history_entries

from .filters import OrganisationFilter
from .models import Contact, Organisation


def organisation_list(*, user, params):
    """The filtered, sorted registry the user may see, and the filter form."""
    base = Organisation.objects.visible_to(user).for_list()
    filterset = OrganisationFilter(params, queryset=base)
    qs = filterset.qs if filterset.is_valid() else base.none()
    if not params.get("sort"):
        qs = qs.order_by("name", "pk")
    return filterset, qs


def organisation_for_user(*, user, pk) -> Organisation:
    """One organisation's public profile, or 404. Never its private part on its own."""
    return get_object_or_404(
        Organisation.objects.visible_to(user)
        .select_related("province")
        .prefetch_related("provinces", "thematic_areas", "impact_groups"),
        pk=pk,
    )


def contacts_for_user(*, user, organisation):
    return Contact.objects.visible_to(user).filter(organisation=organisation)


def contact_for_user(*, user, organisation_pk, pk) -> Contact:
    return get_object_or_404(
        Contact.objects.visible_to(user).select_related("organisation"),
        organisation_id=organisation_pk,
        pk=pk,
    )


def audit_entries(*, user, organisation, limit=50):
    """What changed on an organisation and its contacts, newest first, with the diffs."""
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
        ],
        limit=limit,
    )


def export_rows(*, user, qs):
    """Header and rows for the CSV/XLSX export: private columns only where allowed."""
    header = [
        _("Name"), _("Acronym"), _("Sector"), _("IATI organisation type"), _("Country"),
        _("Province"), _("Commune"), _("Presence"), _("Thematic areas"), _("Founded (year)"),
        _("Website"), _("Legal status"), _("Registration number"), _("Staff (people)"),
        _("E-mail"), _("Phone"),
    ]
    rows = []
    for org in qs.prefetch_related(Prefetch("thematic_areas")):
        private = access.sees_private(user, org.pk)
        rows.append(
            [
                org.name, org.acronym, org.get_sector_display(),
                org.iati_type or "", org.country.name, org.province.name if org.province else "",
                org.commune, org.get_presence_display(),
                "; ".join(t.name for t in org.thematic_areas.all()),
                org.founded_year or "", org.website,
                org.get_legal_status_display() if private else "",
                org.registration_number if private else "",
                (org.staff_size or "") if private else "",
                org.email if private else "",
                org.phone if private else "",
            ]
        )
    return header, rows
