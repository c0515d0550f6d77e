"""Reads of the partner registry. Every one starts from the access rule in accounts."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from hamwe.accounts import access

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
    org_history = list(
        organisation.history.select_related("history_user").order_by("-history_date", "-pk")[
            : limit + 1
        ]
    )
    contact_history = list(
        Contact.history.filter(organisation_id=organisation.pk)
        .select_related("history_user")
        .order_by("-history_date", "-pk")[: limit + 1]
    )
    entries = []
    for records, kind in ((org_history, _("Organisation")), (contact_history, _("Contact"))):
        by_object = {}
        for record in records:
            by_object.setdefault(record.id, []).append(record)
        for chain in by_object.values():
            for newer, older in zip(chain, chain[1:] + [None], strict=True):
                entries.append(_audit_entry(newer, older, kind))
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries[:limit]


_SKIP = {"version", "updated_at", "created_at"}


def _audit_entry(newer, older, kind):
    changes = []
    if older is not None and newer.history_type == "~":
        delta = newer.diff_against(older)
        for change in delta.changes:
            if change.field in _SKIP:
                continue
            field = newer.instance_type._meta.get_field(change.field)
            changes.append(
                {
                    "field": field.verbose_name,
                    "old": _display(change.old, field),
                    "new": _display(change.new, field),
                }
            )
    return {
        "when": newer.history_date,
        "who": newer.history_user,
        "kind": kind,
        "object": str(getattr(newer, "name", "")),
        "action": {"+": _("created"), "~": _("changed"), "-": _("deleted")}[newer.history_type],
        "changes": changes,
    }


def _display(value, field):
    if field.many_to_many:
        # m2m diffs come as lists of through-row dicts: {"organisation": 1, "province": 7}.
        key = field.m2m_reverse_field_name()
        ids = [item[key] for item in value or []]
        names = field.related_model.objects.filter(pk__in=ids).order_by("pk")
        return ", ".join(str(n) for n in names) or "—"
    if field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and value not in (None, ""):
        return str(field.related_model._base_manager.filter(pk=value).first() or value)
    if value in (None, ""):
        return "—"
    return str(value)


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
