"""The kinds of import this app knows. Organisations with their contacts: one row per
contact (an organisation without contacts has one row with the contact columns empty);
rows with the same organisation name are the same organisation.

Matching (the stable key): an organisation by its name, compared as the registry's
unique rule compares it (spaces collapsed, case ignored); a contact by its organisation
and its name. A matched record is updated only in the columns the file fills: an empty
cell leaves what the registry has, so a re-run of the same file changes nothing.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from hamwe.partners import services as partner_services
from hamwe.partners.models import (
    Contact,
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
            values, row_problems = {}, []
            for key, index in found.items():
                text = cells[index] if index < len(cells) else ""
                if text == "":
                    continue
                try:
                    values[key] = read(key, text)
                except ValueError as error:
                    row_problems.append(Problem(number, labels[key], str(error)))
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

    def _errors(self, error, number, labels, problems, *, prefix=""):
        for field, messages in error.message_dict.items():
            column = labels.get(prefix + field, "") if field != "__all__" else ""
            for message in messages:
                problems.append(Problem(number, column, message))

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
            self._errors(error, number, labels, problems)
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
            self._errors(error, number, labels, problems, prefix="contact_")
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
