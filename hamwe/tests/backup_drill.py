"""The restore drill's helpers (test_backup.py).

`python -m hamwe.tests.backup_drill build` migrates the database that HAMWE_DATA_DIR and
DATABASE_URL name (never the test database), loads the care-burundi pack and adds records
of every kind and uploaded files. Content comes from the factories and the apps' services,
not from the demo, so that the drill covers whatever tables the apps have without
following the demo's changes. `rows(connection)` reads every table back.
"""

import datetime
import os
import sys
from decimal import Decimal

ODD_TEXT = "Kirundi: Abakenyezi dukore — åäö ÉÈ ✓ 🌱\nsecond line\t'single' \"double\" \\ end"


def build() -> None:
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.cache import cache
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from hamwe.accounts.models import Role
    from hamwe.accounts.tests.factories import UserFactory
    from hamwe.partners.models import Sector
    from hamwe.partners.tests.factories import (
        ContactFactory,
        OrganisationFactory,
        ThematicAreaFactory,
    )
    from hamwe.partnerships.agreements import checklist
    from hamwe.partnerships.agreements import selectors as agreement_selectors
    from hamwe.partnerships.agreements import services as agreements
    from hamwe.partnerships.policy import current_policy
    from hamwe.partnerships.records import services as records
    from hamwe.partnerships.tests.factories import PartnershipFactory, brings, in_role
    from hamwe.scorecards.tests.factories import RoundFactory

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("policy", "load", "care-burundi")
    cache.set("drill", {"note": ODD_TEXT}, timeout=None)

    admin = UserFactory(email="admin@drill.example", role=Role.ADMIN, full_name="Éric N.")
    staff = UserFactory(email="staff@drill.example", role=Role.STAFF)
    UserFactory(email="viewer@drill.example", role=Role.VIEWER, full_name=ODD_TEXT[:60])
    theme = ThematicAreaFactory(name="Économie — savings ✓")
    organisations = []
    for name, sector in [("Abakenyezi Dukore", Sector.CIVIL_SOCIETY),
                         ("Forskningsinstitutet Åre", Sector.RESEARCH),
                         ("Radio Isangiro", Sector.MEDIA)]:
        organisation = OrganisationFactory(name=name, sector=sector, notes=ODD_TEXT)
        organisation.thematic_areas.add(theme)
        ContactFactory(organisation=organisation, is_primary=True)
        # Empty text columns too; a contact needs an e-mail or a phone (contact_reachable).
        ContactFactory(organisation=organisation, email="", phone="+257 79 000 000")
        organisations.append(organisation)
    partners = [
        UserFactory(role=Role.PARTNER, organisation=organisation, is_partner_admin=admin_)
        for organisation in organisations[:2] for admin_ in (True, False)
    ]

    partnership = PartnershipFactory(
        by=staff, title="Savings groups, researched", kind=next(iter(current_policy().kinds)),
        shared_vision=ODD_TEXT, starts_on=datetime.date(2026, 1, 15), has_funding=True,
        thematic_areas=[theme],
        parties=[in_role(organisations[0], "implementing", own_objectives="Grow our groups"),
                 in_role(organisations[1], "knowledge")],
        contributions=[brings(organisation, kind="money", description="Budget line 4.2",
                              estimated_value=Decimal("1234567.89"), currency="BIF")
                       for organisation in organisations[:2]],
    )
    records.comment_add(partnership=partnership, by=admin, text=ODD_TEXT)

    language = agreement_selectors.languages()[0][0]
    agreement = agreements.agreement_generate(partnership=partnership, by=staff,
                                              language=language)
    agreement = agreements.agreement_checklist_set(agreement=agreement, by=staff,
                                                   not_relevant=checklist.INGREDIENT_KEYS)
    agreement = agreements.agreement_send(agreement=agreement, by=staff)
    scan = b"%PDF-1.4\n" + bytes(range(256)) * 64 + b"\n%%EOF\n"  # every byte value
    for party in agreement_selectors.agreement_parties(agreement):
        agreements.signature_add(agreement=agreement, party=party, by=staff, data={
            "signatory": "Ndayishimiye É.", "title": "Director",
            "signed_on": datetime.date(2026, 2, 1),
            "scan": SimpleUploadedFile("scan.pdf", scan, content_type="application/pdf")})
    agreements.agreement_generate(partnership=partnership, by=staff, language=language)
    default_storage.save("drill/ünïcode name (1).bin", ContentFile(os.urandom(50_000)))
    default_storage.save("drill/empty.txt", ContentFile(b""))

    RoundFactory(by=staff, title="Score card 2026", invited=partners, status="open")

    session = SessionStore()
    session["drill"] = ODD_TEXT
    session.create()


def rows(connection) -> dict:
    """{table: {columns, rows}} for every table the connection's introspection lists (plus
    SQLite's sequence table, and PostgreSQL's sequences), rows ordered by primary key,
    every column as its repr."""
    introspection, quote = connection.introspection, connection.ops.quote_name
    out = {}
    with connection.cursor() as cursor:
        tables = introspection.table_names(cursor)
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
            tables += [name for (name,) in cursor.fetchall()]
        for table in sorted(tables):
            columns = [c.name for c in introspection.get_table_description(cursor, table)]
            order = introspection.get_primary_key_columns(cursor, table) or columns
            cursor.execute(f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)} "
                           f"ORDER BY {', '.join(map(quote, order))}")
            out[table] = {"columns": columns,
                          "rows": [[_plain(value) for value in row] for row in cursor.fetchall()]}
        if connection.vendor == "postgresql":
            cursor.execute("SELECT schemaname, sequencename, last_value FROM pg_sequences "
                           "ORDER BY 1, 2")
            out["(sequences)"] = {"columns": ["schema", "name", "last_value"],
                                  "rows": [list(map(_plain, row)) for row in cursor.fetchall()]}
    return out


def schema(connection) -> dict:
    """{table: {columns, constraints}}: each column's name, type and nullability, and each
    constraint or index by what it is and covers, not by its name."""
    introspection = connection.introspection
    out = {}
    with connection.cursor() as cursor:
        for table in sorted(introspection.table_names(cursor)):
            if table in ("django_migrations", "hamwe_cache") or table.startswith(
                    "knowledge_item_search_"):
                continue  # the migrations' own record; the cache table (createcachetable
                # makes it where the cache is the database); SQLite's full-text shadow tables
            columns = sorted((c.name, c.type_code, bool(c.null_ok))
                             for c in introspection.get_table_description(cursor, table))
            constraints = sorted(
                repr((c["columns"], *(bool(c.get(kind)) for kind in (
                    "primary_key", "unique", "check", "index")), c.get("foreign_key")))
                for c in introspection.get_constraints(cursor, table).values())
            out[table] = {"columns": columns, "constraints": constraints}
    return out


def _plain(value):
    if isinstance(value, memoryview):
        value = bytes(value)
    return repr(value)


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamwe.settings")
    import django

    django.setup()
    if argv != ["build"]:
        sys.exit("usage: python -m hamwe.tests.backup_drill build")
    build()


if __name__ == "__main__":
    main(sys.argv[1:])
