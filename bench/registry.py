"""Partner registry: page weight on a weak connection, and list speed at scale.

    HAMWE_MODE=test uv run python bench/registry.py [--organisations 5000]

Builds a throwaway SQLite database in a temporary folder, fills it with N organisations,
then prints, for the partner list and detail pages: bytes over the wire (gzip, as
whitenoise and a proxy serve them) for the first load (HTML + CSS + JS + icon) and for a
repeat load (HTML only, assets cached), the number of SQL queries, and the median time
of 20 renders. Budgets are checked and printed as PASS/FAIL.
"""

import argparse
import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIRST_LOAD_BUDGET = 60_000  # bytes gzip: about 4 s on a 2G link (128 kbit/s)
REPEAT_LOAD_BUDGET = 10_000
MEDIAN_MS_BUDGET = 250


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=5000)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="hamwe-bench-")
    os.environ.update(HAMWE_MODE="test", DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
                      DJANGO_SETTINGS_MODULE="hamwe.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client

    from hamwe.accounts.models import Role, User
    from hamwe.partners.models import Organisation, Province, Sector, ThematicArea

    # As in Django's test runner: keep one connection, so queries can be counted.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    provinces = list(Province.objects.all())
    areas = [ThematicArea.objects.create(name=f"Theme {i}") for i in range(8)]
    sectors = [s for s, _ in Sector.choices]
    started = time.perf_counter()
    Organisation.objects.bulk_create(
        Organisation(name=f"Organisation {i:05d}", acronym=f"O{i}", sector=sectors[i % 8],
                     province=provinces[i % len(provinces)], commune="Commune", founded_year=1990)
        for i in range(args.organisations)
    )
    through = Organisation.thematic_areas.through
    through.objects.bulk_create(
        through(organisation_id=pk, thematicarea_id=areas[pk % 8].pk)
        for pk in Organisation.objects.values_list("pk", flat=True)
    )
    print(f"filled {args.organisations} organisations in {time.perf_counter() - started:.1f} s")
    user = User.objects.create_user("bench@example.org", "x", role=Role.STAFF)
    client = Client()
    client.force_login(user)

    def gz(data):
        return len(gzip.compress(data, 6))

    assets = ["vendor/pico/pico.min.css", "hamwe/hamwe.css", "hamwe/favicon.svg"]
    asset_bytes = sum(gz((ROOT / "hamwe/static" / a).read_bytes()) for a in assets)
    htmx = Path(django.__file__).parents[1] / "django_htmx/static/django_htmx/htmx-2.min.js"
    asset_bytes += gz(htmx.read_bytes())

    failures = 0
    first_pk = Organisation.objects.order_by("pk").values_list("pk", flat=True).first()
    for label, url in [("partner list", "/partners/"),
                       ("partner list, filtered", "/partners/?sector=cso&sort=-founded"),
                       ("partner detail", f"/partners/{first_pk}/")]:
        response = client.get(url)
        html = gz(response.content)
        connection.force_debug_cursor = True
        connection.queries_log.clear()
        client.get(url)
        queries = list(connection.queries)
        connection.force_debug_cursor = False
        times = []
        for _ in range(20):
            t = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - t) * 1000)
        median = statistics.median(times)
        checks = [("first load", html + asset_bytes, FIRST_LOAD_BUDGET),
                  ("repeat load", html, REPEAT_LOAD_BUDGET),
                  ("median render ms", median, MEDIAN_MS_BUDGET)]
        print(f"\n{label} ({url}), {args.organisations} organisations, "
              f"{len(queries)} queries")
        for name, value, budget in checks:
            ok = value <= budget
            failures += not ok
            print(f"  {name:<17} {value:>9.0f}  budget {budget:>7}  {'PASS' if ok else 'FAIL'}")
    print(f"\nassets (gzip, cached after first load): {asset_bytes} bytes")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
