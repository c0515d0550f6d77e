"""The import benchmark (issue #18): a 10,000-row organisation file (one contact each)
checked, committed and checked again, and a copy with planted mistakes, on the database
DATABASE_URL names (migrated, empty registry).

    DATABASE_URL=sqlite:////tmp/bench-imports.sqlite3 HAMWE_MODE=test \\
        .venv/bin/python manage.py migrate -v0
    DATABASE_URL=sqlite:////tmp/bench-imports.sqlite3 HAMWE_MODE=test \\
        .venv/bin/python -m bench.imports [rows]

Prints the figures (seconds, wall clock) for bench/RESULTS-data.md.
"""

import os
import sys
import time

import django


def organisation_file(rows, *, mistakes=False):
    lines = ["Name,Acronym,Sector,Province of head office,Founded (year),E-mail,"
             "Contact: name,Contact: e-mail,Contact: phone"]
    for n in range(rows):
        sector = ("cso", "media", "private", "research")[n % 4]
        year = str(1960 + n % 60)
        email = f"office{n}@org{n}.example"
        if mistakes and n % 1000 == 7:
            sector = "fishing"
        if mistakes and n % 1000 == 123:
            year = "twenty"
        if mistakes and n % 1000 == 555:
            email = "not-an-address"
        lines.append(f"Bench Organisation {n:05d},BO{n},{sector},BI-GI,{year},{email},"
                     f"Person {n},person{n}@org{n}.example,")
    return ("\n".join(lines) + "\n").encode()


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamwe.settings")
    django.setup()
    from django.utils import translation

    from hamwe.accounts.models import User
    from hamwe.exchange import imports
    from hamwe.partners.models import Contact, Organisation

    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    by, _created = User.objects.get_or_create(email="bench-importer@example.org",
                                              defaults={"role": "staff"})
    translation.activate("en")
    content = organisation_file(rows)

    start = time.perf_counter()
    problems, _changes = imports.check("organisations", organisation_file(rows, mistakes=True),
                                       fmt="csv")
    planted = time.perf_counter() - start
    print(f"dry run with planted mistakes: {planted:.1f} s, {len(problems)} problems")
    for problem in problems[:6]:
        print(f"  row {problem.row}, {problem.column}: {problem.message}")

    start = time.perf_counter()
    problems, changes = imports.check("organisations", content, fmt="csv")
    checked = time.perf_counter() - start
    assert not problems, problems[:3]
    print(f"dry run of {rows} rows: {checked:.1f} s, {len(changes)} changes planned")

    start = time.perf_counter()
    imports.commit("organisations", content, fmt="csv", by=by,
                   expected=[c.as_dict() for c in changes])
    committed = time.perf_counter() - start
    print(f"commit of {rows} rows (re-check included): {committed:.1f} s; "
          f"{Organisation.objects.count()} organisations, {Contact.objects.count()} contacts")

    start = time.perf_counter()
    _problems, again = imports.check("organisations", content, fmt="csv")
    rechecked = time.perf_counter() - start
    print(f"re-run: {rechecked:.1f} s, actions {sorted({c.action for c in again})}")


if __name__ == "__main__":
    main()
