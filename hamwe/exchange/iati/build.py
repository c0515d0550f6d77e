"""IATI 2.03 files: the organisation file of the home organisation and the activity file
of the partnerships chosen for publication, validated against the schemas shipped in
`schemas/` (IATI-Schemas, version-2.03; no remote validator).

Partner safety: an organisation marked "never publish" appears in no file by name or
identifier. As a participating organisation it is kept only by its role and type (the
standard makes `ref` and the name optional), with a narrative that says a partner is not
disclosed; it is never the reporting organisation.
"""

import datetime
from pathlib import Path

from django.utils import timezone
from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "schemas"
UNDISCLOSED = "Partner not disclosed"  # the narrative of a never-publish organisation

# The cycle stage's place gives the IATI activity status (codelist ActivityStatus):
# 1 Pipeline while the first stage (scoping, building) lasts, 2 Implementation in the
# middle stages, 3 Finalisation in the last one; 4 Closed once the partnership ended.
PIPELINE, IMPLEMENTATION, FINALISATION, CLOSED = 1, 2, 3, 4


def schema(kind):
    name = "iati-organisations-schema.xsd" if kind == "organisation" else \
        "iati-activities-schema.xsd"
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def _sub(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, tag, {k.replace("_", "-"): str(v)
                                             for k, v in attributes.items() if v not in
                                             (None, "")})
    if text is not None:
        element.text = str(text)
    return element


def _narrative(parent, tag, text, **attributes):
    element = _sub(parent, tag, **attributes)
    _sub(element, "narrative", text)
    return element


def _now():
    return timezone.now().replace(microsecond=0).isoformat()


def _reporting_org(parent, publisher, home):
    _narrative(parent, "reporting-org", home.name, ref=publisher.identifier,
               type=home.iati_type or 90)


def organisation_file(*, publisher, home, language="en") -> bytes:
    root = etree.Element("iati-organisations", version="2.03", **{
        "generated-datetime": _now()})
    organisation = _sub(root, "iati-organisation", last_updated_datetime=_now(),
                        **{"{http://www.w3.org/XML/1998/namespace}lang": language},
                        default_currency=publisher.currency)
    _sub(organisation, "organisation-identifier", publisher.identifier)
    _narrative(organisation, "name", home.name)
    _reporting_org(organisation, publisher, home)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def activity_status(partnership, stages):
    if partnership.status == "ended":
        return CLOSED
    keys = [s.key for s in stages]
    if partnership.status == "proposed" or not keys or partnership.stage not in keys:
        return PIPELINE
    index = keys.index(partnership.stage)
    if index == 0 and len(keys) > 1:
        return PIPELINE
    return FINALISATION if index == len(keys) - 1 and len(keys) > 2 else IMPLEMENTATION


def _participant(parent, party, *, never):
    organisation = party.organisation
    role = party.iati_role or (1 if party.role == "funding" else 4)
    if organisation.never_publish:
        never.add(organisation.pk)
        return _narrative(parent, "participating-org", UNDISCLOSED, role=role,
                          type=organisation.iati_type or 90)
    return _narrative(parent, "participating-org", organisation.name, role=role,
                      type=organisation.iati_type or 90,
                      ref=organisation.registration_number and
                      f"{organisation.country}-{organisation.registration_number}")


def activity(root, *, publisher, home, entry, stages, language="en"):
    partnership = entry.partnership
    element = _sub(root, "iati-activity", last_updated_datetime=_now(),
                   **{"{http://www.w3.org/XML/1998/namespace}lang": language},
                   default_currency=publisher.currency)
    _sub(element, "iati-identifier", f"{publisher.identifier}-P{partnership.pk}")
    _reporting_org(element, publisher, home)
    _narrative(element, "title", partnership.title)
    # The schema asks for a description: the joint objectives, else the shared vision.
    _narrative(element, "description", partnership.joint_objectives
               or partnership.shared_vision or partnership.title, type=1)
    never = set()
    for party in partnership.parties.all():
        _participant(element, party, never=never)
    _sub(element, "activity-status", code=activity_status(partnership, stages))
    today = datetime.date.today()
    start = partnership.starts_on or partnership.created_at.date()
    _sub(element, "activity-date", type=1, iso_date=start.isoformat())
    if partnership.starts_on and partnership.starts_on <= today and \
            partnership.status != "proposed":
        _sub(element, "activity-date", type=2, iso_date=partnership.starts_on.isoformat())
    if partnership.ends_on:
        _sub(element, "activity-date", type=3, iso_date=partnership.ends_on.isoformat())
        if partnership.status == "ended":
            _sub(element, "activity-date", type=4, iso_date=partnership.ends_on.isoformat())
    countries = sorted({str(p.country) for p in partnership.provinces.all()})
    for country in countries:
        _sub(element, "recipient-country", code=country, percentage=round(100 / len(countries), 2)
             if len(countries) > 1 else None)
    areas = list(partnership.thematic_areas.all())
    for area in areas:
        # The NGO's own vocabulary (99): its thematic areas, not the DAC's sectors.
        _narrative(element, "sector", area.name, vocabulary=99, code=area.pk,
                   percentage=round(100 / len(areas), 2) if len(areas) > 1 else None)
    if entry.mou_agreed and publisher.documents_url and _signed(partnership):
        link = _sub(element, "document-link", format="application/pdf",
                    url=f"{publisher.documents_url.rstrip('/')}/{partnership.pk}-mou.pdf")
        _narrative(link, "title", f"Memorandum of understanding: {partnership.title}")
        _sub(link, "category", code="A09")
    return element, never


def _signed(partnership):
    return any(a.status == "signed" for a in partnership.agreements.all())


def activity_file(*, publisher, home, entries, stages, language="en") -> bytes:
    root = etree.Element("iati-activities", version="2.03", **{"generated-datetime": _now()})
    for entry in entries:
        activity(root, publisher=publisher, home=home, entry=entry, stages=stages,
                 language=language)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def validate(content: bytes, kind) -> list[str]:
    """The schema's complaints about a file (none when it is valid)."""
    checker = schema(kind)
    document = etree.fromstring(content)
    if checker.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in checker.error_log]
