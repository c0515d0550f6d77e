"""The kinds of import this app knows. Organisations with their contacts: one row per
contact (an organisation without contacts has one row with the contact columns empty);
rows with the same organisation name are the same organisation.

Matching (the stable key): an organisation by its name, compared as the registry's
unique rule compares it (spaces collapsed, case ignored); a contact by its organisation
and its name. A matched record is updated only in the columns the file fills: an empty
cell leaves what the registry has, so a re-run of the same file changes nothing.
"""

import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from hamwe.partners import services as partner_services
from hamwe.partners.funding import services as funding_services
from hamwe.partners.models import (
    Contact,
    Funding,
    FundingCategory,
    IatiOrganisationType,
    LegalStatus,
    Organisation,
    Province,
    Sector,
)

from .imports import Change, Column, ImportKind, Problem, _fold, import_kind

ORGANISATION_FIELDS = (
    "name", "acronym", "sector", "iati_type", "legal_status", "registration_number",
    "registration_authority", "country", "province", "commune", "address", "presence",
    "founded_year", "staff_size", "website", "email", "phone", "description", "notes",
    "never_publish",
)
CONTACT_FIELDS = ("name", "position", "email", "phone", "is_primary")
PROGRESS_EVERY = 250
IMPORT_BATCH = 1000  # new organisations written together, with their contacts


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def _contact_label(name):
    return gettext_lazy("Contact: %(field)s") % {
        "field": Contact._meta.get_field(name).verbose_name}


def _yes_no():
    return [("yes", _("yes")), ("no", _("no"))]


_TRUE = {"yes", "y", "true", "1", "oui", "ja", "x"}
_FALSE = {"no", "n", "false", "0", "non", "nej"}


def _boolean(text):
    folded = text.casefold()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            if folded == _("yes").casefold():
                return True
            if folded == _("no").casefold():
                return False
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise ValueError(_("Write yes or no."))


class _Choices:
    """A column with a list of values: the code or its label in any language."""

    def __init__(self, choices):
        self.choices = choices  # [(value, label)]
        self._names = None

    def names(self):
        if self._names is None:
            self._names = {}
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    for value, label in self.choices():
                        self._names[_fold(label)] = value
            for value, _unused in self.choices():
                self._names[_fold(value)] = value
        return self._names

    def read(self, text):
        value = self.names().get(_fold(text))
        if value is None:
            raise ValueError(_("“%(value)s” is not one of the allowed values (see the sheet "
                               "of allowed values).") % {"value": text})
        return value


def _provinces():
    return [(p.code, p.name) for p in Province.objects.order_by("code")]


def _countries():
    return list(countries)


@import_kind
class OrganisationsWithContacts(ImportKind):
    key = "organisations"
    title = gettext_lazy("Organisations with their contacts")
    sheet = gettext_lazy("Organisations")

    summary = (
        ("organisation", "create", gettext_lazy("New organisations: %(n)s")),
        ("organisation", "update", gettext_lazy("Organisations changed: %(n)s")),
        ("organisation", "unchanged", gettext_lazy("Organisations unchanged: %(n)s")),
        ("contact", "create", gettext_lazy("New contacts: %(n)s")),
        ("contact", "update", gettext_lazy("Contacts changed: %(n)s")),
        ("contact", "unchanged", gettext_lazy("Contacts unchanged: %(n)s")),
    )

    def columns(self):
        org = [
            Column("name", _label(Organisation, "name"), required=True),
            Column("acronym", _label(Organisation, "acronym")),
            Column("sector", _label(Organisation, "sector"), required=True,
                   choices=lambda: Sector.choices),
            Column("iati_type", _label(Organisation, "iati_type"),
                   choices=lambda: IatiOrganisationType.choices),
            Column("legal_status", _label(Organisation, "legal_status"),
                   choices=lambda: LegalStatus.choices),
            Column("registration_number", _label(Organisation, "registration_number")),
            Column("registration_authority", _label(Organisation, "registration_authority")),
            Column("country", _label(Organisation, "country"), choices=_countries),
            Column("province", _label(Organisation, "province"), choices=_provinces),
            Column("commune", _label(Organisation, "commune")),
            Column("address", _label(Organisation, "address")),
            Column("presence", _label(Organisation, "presence"),
                   choices=lambda: Organisation.Presence.choices),
            Column("founded_year", _label(Organisation, "founded_year")),
            Column("staff_size", _label(Organisation, "staff_size")),
            Column("website", _label(Organisation, "website")),
            Column("email", _label(Organisation, "email")),
            Column("phone", _label(Organisation, "phone")),
            Column("description", _label(Organisation, "description")),
            Column("notes", _label(Organisation, "notes")),
            Column("never_publish", _label(Organisation, "never_publish"), choices=_yes_no),
        ]
        contact = [
            Column(f"contact_{name}", _contact_label(name),
                   choices=_yes_no if name == "is_primary" else None)
            for name in CONTACT_FIELDS
        ]
        return org + contact

    # --- reading one cell -------------------------------------------------------------

    def _readers(self):
        choice = {c.key: _Choices(c.choices) for c in self.columns()
                  if c.choices and c.key not in ("never_publish", "contact_is_primary")}
        provinces = {p.code.casefold(): p.pk for p in self._provinces.values()}
        provinces.update({_fold(p.name): p.pk for p in self._provinces.values()})

        def read(key, text):
            if key in ("never_publish", "contact_is_primary"):
                return _boolean(text)
            if key == "province":
                pk = provinces.get(_fold(text))
                if pk is None:
                    raise ValueError(_("“%(value)s” is not a province we know (see the sheet of "
                                       "allowed values).") % {"value": text})
                return pk
            if key == "country":
                code = text.upper() if len(text) == 2 and text.upper() in dict(countries) \
                    else countries.by_name(text, insensitive=True)
                if not code:
                    for language, _name in settings.LANGUAGES:
                        code = countries.by_name(text, language=language, insensitive=True)
                        if code:
                            break
                if not code:
                    raise ValueError(_("“%(value)s” is not a country we know.")
                                     % {"value": text})
                return code
            if key in choice:
                value = choice[key].read(text)
                return int(value) if key == "iati_type" else value
            if key in ("founded_year", "staff_size"):
                try:
                    return int(text)
                except ValueError:
                    raise ValueError(_("Write a whole number.")) from None
            return text

        return read

    # --- the dry run ------------------------------------------------------------------

    def plan(self, header, rows, *, progress=None):
        found, problems = self.read_header(header)
        if any(c.required and c.key not in found for c in self.columns()):
            return problems, []
        labels = {c.key: str(capfirst(c.label)) for c in self.columns()}
        self._provinces = {p.pk: p for p in Province.objects.all()}
        read = self._readers()
        existing = {_fold(o.name): o for o in Organisation.objects.all()}
        contacts = {}
        for contact in Contact.objects.all():
            contacts[(contact.organisation_id, _fold(contact.name))] = contact

        organisations = {}  # key -> (first row, values, change)
        changes = []
        contact_keys = {}
        for done, (number, cells) in enumerate(rows, start=1):
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, len(rows))
            values, row_problems = self.read_row(number, cells, found, read, labels)
            problems += row_problems
            if row_problems:
                continue  # one problem per cell: the rest of the row is checked once it reads
            name = values.get("name", "")
            if not name:
                if not row_problems:
                    problems.append(Problem(number, labels["name"],
                                            _("The organisation's name is missing.")))
                continue
            org_key = _fold(name)
            org_values = {k: v for k, v in values.items() if k in ORGANISATION_FIELDS}
            if org_key in organisations:
                first, seen, _change = organisations[org_key]
                for k, v in org_values.items():
                    if k != "name" and k in seen and seen[k] != v:
                        problems.append(Problem(number, labels[k], _(
                            "This differs from row %(row)s for the same organisation.")
                            % {"row": first}))
                    seen.setdefault(k, v)
            else:
                change = self._plan_organisation(number, org_values, existing.get(org_key),
                                                 labels, problems)
                organisations[org_key] = (number, dict(org_values), change)
                if change is not None:
                    changes.append(change)
            contact_values = {k[len("contact_"):]: v for k, v in values.items()
                              if k.startswith("contact_")}
            if contact_values:
                match = existing.get(org_key)
                change = self._plan_contact(number, org_key, organisations[org_key][1]["name"],
                                            contact_values, match, contacts, labels, problems)
                if change is not None:
                    ckey = (org_key, _fold(contact_values.get("name", "")))
                    if ckey in contact_keys:
                        problems.append(Problem(number, labels["contact_name"], _(
                            "This contact is already on row %(row)s.")
                            % {"row": contact_keys[ckey]}))
                    else:
                        contact_keys[ckey] = number
                        changes.append(change)
        if progress:
            progress(len(rows), len(rows))
        return problems, changes

    def _plan_organisation(self, number, values, match, labels, problems):
        if match is None:
            candidate = Organisation(**{k: v for k, v in values.items() if k != "province"})
            before = {}
        else:
            candidate = _copy(match)
            # The name is the key: matched case and spacing aside, it is never changed.
            values = {k: v for k, v in values.items() if k != "name"}
            before = {k: _value(match, k) for k in values}
            for k, v in values.items():
                if k != "province":
                    setattr(candidate, k, v)
        if "province" in values:
            # The instance, not its id: the model's clean() reads its country, and a
            # query per row would make a large file slow.
            candidate.province = self._provinces[values["province"]]
        try:
            # The country and the province were read from their lists already (and their
            # checks cost a scan of every country, or a query, per row).
            candidate.full_clean(exclude=["search_folded", "country", "province"],
                                 validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            problems += self.field_problems(error, number, labels)
            return None
        if "iati_type" in values and (problem := candidate.iati_type_contradiction()):
            problems.append(Problem(number, labels["iati_type"], str(problem)))
            return None
        if match is None:
            data = {k: _value(candidate, k) for k in values}
            if "iati_type" not in data and candidate.iati_type:
                data["iati_type"] = candidate.iati_type
            return Change(number, "organisation", "create", candidate.name,
                          [(labels[k], "", _shown(v)) for k, v in data.items() if k in labels],
                          values=data)
        after = {k: _value(candidate, k) for k in values}
        changed = {k: v for k, v in after.items() if before.get(k) != v}
        if not changed:
            return Change(number, "organisation", "unchanged", match.name, [],
                          version=match.version, target=match.pk)
        return Change(number, "organisation", "update", match.name,
                      [(labels[k], _shown(before.get(k)), _shown(v)) for k, v in changed.items()],
                      version=match.version, target=match.pk, values=changed)

    def _plan_contact(self, number, org_key, org_name, values, match, contacts, labels,
                      problems):
        if not values.get("name"):
            problems.append(Problem(number, labels["contact_name"],
                                    _("The contact's name is missing.")))
            return None
        existing = contacts.get((match.pk, _fold(values["name"]))) if match else None
        candidate = _copy(existing) if existing else Contact()
        for k, v in values.items():
            setattr(candidate, k, v)
        try:
            candidate.full_clean(exclude=["organisation"], validate_constraints=False)
            if not candidate.email and not candidate.phone:
                raise ValidationError({"email": _("Give at least an e-mail address or a "
                                                  "phone number.")})
        except ValidationError as error:
            problems += self.field_problems(error, number, labels, prefix="contact_")
            return None
        label = f"{candidate.name} · {org_name}"
        if existing is None:
            return Change(number, "contact", "create", label,
                          [(labels["contact_" + k], "", _shown(v)) for k, v in values.items()],
                          values=values, parent=org_key)
        changed = {k: v for k, v in values.items() if getattr(existing, k) != v}
        if not changed:
            return Change(number, "contact", "unchanged", label, [], version=existing.version,
                          target=existing.pk, parent=org_key)
        return Change(number, "contact", "update", label,
                      [(labels["contact_" + k], _shown(getattr(existing, k)), _shown(v))
                       for k, v in changed.items()],
                      version=existing.version, target=existing.pk, values=changed,
                      parent=org_key)

    # --- the commit -------------------------------------------------------------------

    def apply(self, changes, *, by, progress=None):
        """New organisations and their contacts a batch at a time (a 10,000-row file in
        seconds, not a statement per field and row); updates, and new contacts of
        organisations already in the registry, one by one through their services."""
        provinces = {p.pk: p for p in Province.objects.all()}
        new, rest = {}, []
        for change in changes:
            if change.what == "organisation" and change.action == "create":
                fields = dict(change.values)
                if fields.get("province"):
                    fields["province"] = provinces[fields["province"]]
                new[_fold(change.label)] = (fields, [])
            elif change.what == "contact" and change.action == "create" \
                    and change.parent in new:
                new[change.parent][1].append(dict(change.values))
            else:
                rest.append(change)
        total, done = len(changes), 0
        rows = list(new.values())
        for start in range(0, len(rows), IMPORT_BATCH):
            batch = rows[start:start + IMPORT_BATCH]
            partner_services.organisations_import(by=by, rows=batch)
            done += sum(1 + len(contacts) for _fields, contacts in batch)
            if progress:
                progress(done, total)
        registry = {}  # the organisations already in it, by their key, when needed
        if any(c.what == "contact" and c.action == "create" for c in rest):
            registry = {_fold(o.name): o for o in Organisation.objects.all()}
        for change in rest:
            done += 1
            if change.what == "organisation":
                data = dict(change.values)
                if "province" in data:
                    data["province"] = provinces.get(data["province"])
                if change.action == "update":
                    organisation = Organisation.objects.get(pk=change.target)
                    registry[_fold(organisation.name)] = partner_services.organisation_update(
                        organisation=organisation, by=by, data=data,
                        expected_version=change.version)
            elif change.action == "create":
                partner_services.contact_create(organisation=registry[change.parent], by=by,
                                                data=change.values)
            elif change.action == "update":
                contact = Contact.objects.select_related("organisation").get(pk=change.target)
                partner_services.contact_update(contact=contact, by=by, data=change.values,
                                                expected_version=change.version)
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, total)
        if progress:
            progress(total, total)


def _copy(instance):
    copy = type(instance)()
    copy.__dict__.update({k: v for k, v in instance.__dict__.items() if k != "_state"})
    copy._state.adding = False
    return copy


def _value(instance, key):
    if key == "province":
        return instance.province_id
    value = getattr(instance, key)
    return str(value) if key == "country" else value


def _shown(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


@import_kind
class FundingSources(ImportKind):
    """What each source gave an organisation in a year (the funding profile), one row a
    source and year. Matched on the organisation (by name, as the registry compares
    names), the year and the source's name (spaces and case aside): a matched amount is
    updated in the columns the file fills, so the same file again changes nothing. The
    organisations must be in the registry already (import them first)."""

    key = "funding"
    title = gettext_lazy("Funding sources of organisations")
    sheet = gettext_lazy("Funding")
    summary = (
        ("funding", "create", gettext_lazy("New funding entries: %(n)s")),
        ("funding", "update", gettext_lazy("Funding entries changed: %(n)s")),
        ("funding", "unchanged", gettext_lazy("Funding entries unchanged: %(n)s")),
    )

    def columns(self):
        return [
            Column("organisation", _label(Funding, "organisation"), required=True),
            Column("year", _label(Funding, "year"), required=True),
            Column("source_name", _label(Funding, "source_name"), required=True),
            Column("category", _label(Funding, "category"), required=True,
                   choices=lambda: FundingCategory.choices),
            Column("amount", _label(Funding, "amount"), required=True),
            Column("currency", _label(Funding, "currency")),
            Column("registry_source", _label(Funding, "source")),
        ]

    def plan(self, header, rows, *, progress=None):
        found, problems = self.read_header(header)
        if any(c.required and c.key not in found for c in self.columns()):
            return problems, []
        labels = {c.key: str(capfirst(c.label)) for c in self.columns()}
        categories = _Choices(lambda: FundingCategory.choices)
        registry = {_fold(name): pk for pk, name in
                    Organisation.objects.values_list("pk", "name")}
        existing = {(f.organisation_id, f.year, _fold(f.source_name)): f
                    for f in Funding.objects.all()}
        seen, changes = {}, []
        for done, (number, cells) in enumerate(rows, start=1):
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, len(rows))
            values, row_problems = self.read_row(
                number, cells, found,
                lambda key, text: self._read(key, text, categories, registry), labels)
            for column in self.columns():
                if column.required and column.key not in values and not any(
                        p.column == labels[column.key] for p in row_problems):
                    row_problems.append(Problem(number, labels[column.key],
                                                _("This cell is required.")))
            problems += row_problems
            if row_problems:
                continue
            key = (values["organisation"], values["year"], _fold(values["source_name"]))
            if key in seen:
                problems.append(Problem(number, labels["source_name"], _(
                    "This source and year of the organisation are already on row %(row)s.")
                    % {"row": seen[key]}))
                continue
            seen[key] = number
            change = self._plan_entry(number, values, existing.get(key), labels, problems)
            if change is not None:
                changes.append(change)
        if progress:
            progress(len(rows), len(rows))
        return problems, changes

    def _read(self, key, text, categories, registry):
        if key in ("organisation", "registry_source"):
            pk = registry.get(_fold(text))
            if pk is None:
                raise ValueError(_("“%(value)s” is not an organisation of the registry: "
                                   "import the organisations first.") % {"value": text})
            return pk
        if key == "year":
            try:
                return int(text)
            except ValueError:
                raise ValueError(_("Write a whole number.")) from None
        if key == "amount":
            return _amount(text)
        if key == "category":
            return categories.read(text)
        return text

    def _plan_entry(self, number, values, match, labels, problems):
        data = {k: v for k, v in values.items() if k not in ("organisation", "registry_source")}
        if "registry_source" in values:
            data["source_id"] = values["registry_source"]
        candidate = _copy(match) if match else Funding(organisation_id=values["organisation"])
        for k, v in data.items():
            setattr(candidate, k, Decimal(v) if k == "amount" else v)
        try:
            candidate.full_clean(exclude=["organisation", "source"], validate_unique=False,
                                 validate_constraints=False)
        except ValidationError as error:
            problems += self.field_problems(error, number, labels)
            return None
        shown = {k: _shown(v) for k, v in data.items() if k != "source_id"}
        label = f"{candidate.source_name} {candidate.year}"
        if match is None:
            return Change(number, "funding", "create", label,
                          [(labels[k], "", v) for k, v in shown.items()],
                          values={**data, "organisation": values["organisation"]})
        # The year and the source's name are the key: matched, never changed.
        changed = {k: v for k, v in data.items() if k not in ("year", "source_name")
                   and _stored(match, k) != _stored(candidate, k)}
        if not changed:
            return Change(number, "funding", "unchanged", label, [], version=match.version,
                          target=match.pk)
        return Change(number, "funding", "update", label,
                      [(labels.get(k, labels["registry_source"]), _shown(_stored(match, k)),
                        _shown(_stored(candidate, k))) for k in changed],
                      version=match.version, target=match.pk,
                      values={k: _json(_stored(candidate, k)) for k in changed})

    def apply(self, changes, *, by, progress=None):
        organisations = Organisation.objects.in_bulk(
            {c.values["organisation"] for c in changes if c.action == "create"})
        for done, change in enumerate(changes, start=1):
            data = {k: Decimal(v) if k == "amount" else v for k, v in change.values.items()
                    if k != "organisation"}
            if change.action == "create":
                funding_services.funding_add(
                    organisation=organisations[change.values["organisation"]], by=by,
                    data=data)
            elif change.action == "update":
                entry = Funding.objects.get(pk=change.target)
                funding_services.funding_update(entry=entry, by=by, data=data,
                                                expected_version=change.version)
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, len(changes))


def _amount(text):
    """An amount as a spreadsheet or a person writes it: 1200000, 1 200 000,50,
    1,200,000.50 (the decimal mark is the last of a comma or a point followed by one or
    two digits). Kept as text: JSON carries the plan, Decimal the value."""
    cleaned = re.sub(r"[\s\u00a0\u202f']", "", text)
    decimal_mark = re.search(r"[.,](\d{1,2})$", cleaned)
    if decimal_mark:
        whole = re.sub(r"[.,]", "", cleaned[:decimal_mark.start()])
        cleaned = f"{whole}.{decimal_mark.group(1)}"
    else:
        cleaned = re.sub(r"[.,]", "", cleaned)
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("Write an amount, such as 1200000 or 1 200 000,50.")) from None
    return str(value)


def _stored(instance, key):
    return getattr(instance, key)


def _json(value):
    return str(value) if isinstance(value, Decimal) else value
