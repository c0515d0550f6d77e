"""The partner registry: reference data, the home organisation the policy pack names, its
partners of every sector (data/organisations.yaml), their contact persons and a few later
edits, all through the partners' services."""

import datetime
import re
import unicodedata

from django.core.exceptions import ImproperlyConfigured

from hamwe.partners.models import (
    SECTOR_IATI_TYPE,
    ImpactGroup,
    Organisation,
    Province,
    Sector,
    ThematicArea,
)
from hamwe.partners.services import contact_create, organisation_create, organisation_update

from .context import HOME
from .data import read

Presence = Organisation.Presence


def build(demo, rng):
    registry = read("registry")
    translated = registry["translated_names"]
    demo.themes = {
        key: _reference(ThematicArea, name, *translated[key])
        for key, name in registry["thematic_areas"].items()
    }
    demo.groups = {
        key: _reference(ImpactGroup, name, *translated[key])
        for key, name in registry["impact_groups"].items()
    }
    demo.provinces = {
        province.code: province
        for province in Province.objects.filter(code__in=registry["provinces"])
    }
    used_names = set()
    rows = [(home_spec(demo.pack), True), *((spec, False) for spec in read("organisations"))]
    for spec, is_home in rows:
        data = _organisation_data(rng, spec, demo, is_home=is_home)
        contacts = _contacts(rng, spec, used_names, is_home=is_home)
        organisation, created = _get_or_create(data, by=demo.admin)
        demo.organisations[HOME if is_home else spec["acronym"]] = organisation
        if not created:
            continue
        for contact in contacts:
            contact_create(organisation=organisation, by=demo.admin, data=contact)
        for edit in registry["edits"].get(spec["acronym"], []):
            organisation = organisation_update(
                organisation=organisation, by=demo.admin, data=edit,
                expected_version=organisation.version,
            )


def _reference(model, name, french, swedish):
    """A thematic area or impact group, named in each interface language (names missing
    on a row made before are added; names someone changed are left as they are)."""
    names = {"fr": french, "sv": swedish}
    row, _created = model.objects.get_or_create(
        name=name, defaults={f"name_{code}": names[code] for code in model.LANGUAGES}
    )
    missing = [code for code in model.LANGUAGES if not getattr(row, f"name_{code}")]
    for code in missing:
        setattr(row, f"name_{code}", names[code])
    if missing:
        row.save(update_fields=[f"name_{code}" for code in missing])
    return row


def home_spec(pack):
    """The home organisation: named as the pack names it, the rest the demo's."""
    homes = read("registry")["home"]
    return {
        **homes.get(pack.pack, homes["default"]),
        "name": pack.organisation.name,
        "acronym": pack.organisation.short_name,
    }


def other_home(pack):
    """The name of the home organisation already in the database when it is not the one
    this pack names (the demo was built on another pack), else None."""
    home = Organisation.objects.filter(is_home=True).first()
    if home is not None and home.name != pack.organisation.name:
        return home.name
    return None


def slug(text):
    """'Désiré' -> 'desire', 'CARE Burundi' -> 'careburundi': for e-mails and websites."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_text.lower())


def _get_or_create(data, *, by):
    if data["is_home"]:
        existing = Organisation.objects.filter(is_home=True).first()
        if existing is not None and existing.name != data["name"]:
            raise ImproperlyConfigured(
                f"The database holds the demo of {existing.name}, not of {data['name']}: "
                "build this pack's demo on an empty database."
            )
    else:
        existing = Organisation.objects.filter(name=data["name"]).first()
    if existing is not None:
        return existing, False
    return organisation_create(by=by, data=data), True


def _country(spec):
    return spec.get("country") or ("BI" if spec["province"] else "SE")


def _names(spec):
    return read("names")["pools"][spec.get("names") or (
        "burundian" if _country(spec) == "BI" else "swedish")]


def _phone(rng, pattern, **parts):
    return pattern.format(a=rng.randint(0, 999 if "{a:03d}" in pattern else 99),
                          b=rng.randint(10, 99), c=rng.randint(10, 99), **parts)


def _organisation_data(rng, spec, demo, *, is_home):
    """All fields of one organisation, drawn the same way on every run."""
    registry = read("registry")
    acronym, sector, province = spec["acronym"], spec["sector"], spec["province"]
    domain = slug(acronym)
    founded = rng.randint(1985, 2020)
    low, high = registry["staff_size"][sector]
    data = {
        "name": spec["name"],
        "acronym": acronym,
        "sector": sector,
        "iati_type": spec.get("iati_type") or registry["iati_type"].get(sector)
        or SECTOR_IATI_TYPE.get(sector),
        "description": spec["description"],
        "is_home": is_home,
        "legal_status": spec["legal_status"],
        "country": _country(spec),
        "province": demo.provinces[province] if province else None,
        "commune": spec["commune"],
        "presence": spec["presence"],
        "founded_year": founded,
        "staff_size": rng.randint(low, high),
        "website": f"https://{domain}.example",
        "email": f"info@{domain}.example",
        "phone": _phone(rng, _names(spec)["office_phone"]),
        "thematic_areas": [demo.themes[key] for key in spec["themes"]],
        "impact_groups": [demo.groups[key] for key in spec["groups"]],
    }
    registration = None
    if _country(spec) != "BI":
        registration = registry["registration_abroad"].get(spec["legal_status"])
    elif sector == Sector.INTERNATIONAL_NGO:
        registration = registry["international_registration"]
    else:
        registration = registry["registration"].get(spec["legal_status"])
    if registration:
        year = rng.randint(founded, min(founded + 3, 2021))
        authority, pattern = registration
        data["registration_authority"] = authority
        data["registration_number"] = pattern.format(n=rng.randint(1, 999), year=year)
        data["registered_on"] = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
    if province and sector != Sector.COMMUNITY:
        data["address"] = f"B.P. {rng.randint(100, 9999)} {spec['commune']}"

    codes = registry["provinces"]
    present = []
    if spec["presence"] == Presence.NATIONAL:
        present = list(codes)
    elif spec["presence"] in (Presence.PROVINCIAL, Presence.INTERNATIONAL):
        others = [code for code in codes if code != province]
        present = ([province] if province else []) + rng.sample(others, rng.randint(2, 5))
    data["provinces"] = [demo.provinces[code] for code in sorted(present)]
    return data


def _positions(spec, *, is_home):
    """(for a man, for a woman) of each position, the main contact's first."""
    names = read("names")
    sector = spec["sector"]
    if is_home:
        return [(position, position) for position in spec["positions"]]
    if sector in names["french_positions"]:
        return [tuple(pair) for pair in names["french_positions"][sector]]
    head = names["head_positions"].get(sector, names["positions"][0])
    if _country(spec) != "BI":
        head = names["head_position_abroad"]
    return [(p, p) for p in [head, *(p for p in names["positions"] if p != head)]]


def _contacts(rng, spec, used_names, *, is_home):
    """One to three contact persons (the home organisation: one per position), the first
    of them the main contact."""
    pool = _names(spec)
    positions = _positions(spec, is_home=is_home)
    if is_home:
        count = len(positions)
    elif spec["sector"] == Sector.COMMUNITY and rng.random() < 0.4:
        count = 1
    else:
        count = min(rng.randint(1, 3), len(positions))
    given_names = pool["women"] + pool["men"]
    domain = slug(spec["acronym"])
    contacts = []
    for index in range(count):
        while True:
            given, surname = rng.choice(given_names), rng.choice(pool["surnames"])
            if (given, surname) not in used_names:
                used_names.add((given, surname))
                break
        phone_parts = {"mobile": rng.choice(pool["mobile"])} if "mobile" in pool else {}
        contacts.append({
            "name": f"{given} {surname}",
            "position": positions[index][given in pool["women"]],
            "email": f"{slug(given)}.{slug(surname)}@{domain}.example",
            "phone": _phone(rng, pool["phone"], **phone_parts),
            "is_primary": index == 0,
        })
    return contacts

