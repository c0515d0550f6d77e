"""A quick look without a server: queries, bytes and render time of the key pages on SQLite.

    .venv/bin/python -m bench.quick [--scale S|L] [--organisations N] [--partnerships N]
                                    [--rounds N] [--answers N] [--sql]

Builds a throwaway SQLite database in a temporary folder, loads the care-burundi pack,
generates the data with bench/data.py (a scale, or a scale with some sizes changed), then
for each page of bench/load.py (and a few API and history pages besides) prints, through
Django's test client in test mode: the SQL queries of one request, the HTML's gzip size, the
first load (HTML + the static files it links, gzip) and the median time of 20 renders.
Budgets are checked and printed as PASS/FAIL; the exit status says whether all passed.

It takes about a minute at S and six at L (on a busy 2-core machine), and needs neither
PostgreSQL nor wrk: use it while working on a page; bench/run is the measurement
(PostgreSQL, gunicorn, concurrency).
It replaces the former bench/registry.py, partnerships.py and scorecards.py.
"""

import argparse
import dataclasses
import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

MEDIAN_MS = 250
FIRST_LOAD = 60_000  # bytes gzip, as bench/report.py
REPEAT_LOAD = 20_000
QUERIES = {  # at most, per page: counts that must not grow with the data
    "floor": 2, "partners": 8, "partnerships": 10, "partnerships_filtered": 10,
    "partnership": 20, "results": 6, "policy": 5, "api_organisations": 12, "partner_home": 5,
    "partner_organisation": 8, "partner_partnerships": 11, "api_partnerships": 12,
    "api_partnerships_partner": 12, "api_results": 6, "results_history": 5,
}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["S", "L"], default="S")
    for name in ("organisations", "partnerships", "rounds"):
        parser.add_argument(f"--{name}", type=int)
    parser.add_argument("--answers", type=int, help="answers per round")
    parser.add_argument("--sql", action="store_true", help="print each request's queries")
    args = parser.parse_args(argv)
    tmp = tempfile.mkdtemp(prefix="hamwe-quick-")
    os.environ.update(HAMWE_MODE="test", DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
                      DJANGO_SETTINGS_MODULE="bench.settings", HAMWE_DATA_DIR=tmp)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.staticfiles import finders
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from bench import data, load

    # As in Django's test runner: one connection throughout, so queries can be counted.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    changes = {k: v for k, v in [("organisations", args.organisations),
                                 ("partnerships", args.partnerships),
                                 ("rounds", args.rounds),
                                 ("answers_per_round", args.answers)] if v is not None}
    scale = dataclasses.replace(data.SCALES[args.scale], **changes)
    call_command("migrate", verbosity=0)
    call_command("policy", "load", load.PACK, verbosity=0)
    print(f"scale {scale}")
    ctx = data.generate(scale)
    pages, headers, users, facts = load.pages_and_personas(ctx)
    round_ = facts["results_round"]
    pages += [
        load.Page("api_partnerships", "API partnerships, staff", "/api/v1/partnerships/",
                  "api", 0),
        load.Page("api_partnerships_partner", "API partnerships, partner user",
                  "/api/v1/partnerships/", "partner", 0),
        load.Page("api_results", "API results of a closed round",
                  f"/api/v1/scorecard-rounds/{round_}/results/", "api", 0),
        load.Page("results_history", "score-card history", "/scorecards/history/", "staff",
                  0),
    ]
    figures = load.measure_queries(pages, users, headers)

    def asset_bytes(html):
        total = 0
        for url in sorted(set(load.ASSET.findall(html))):
            path = finders.find(url.removeprefix("/static/"))
            total += len(gzip.compress(Path(path).read_bytes(), 6)) if path else 0
        return total

    failures = 0
    for page in pages:
        client = load.client_for(page.persona, users, headers)
        response = client.get(page.path)
        html = response.content
        times = []
        for _ in range(20):
            t = time.perf_counter()
            client.get(page.path)
            times.append((time.perf_counter() - t) * 1000)
        found = figures[page.key]
        is_html = response.get("Content-Type", "").startswith("text/html")
        first = found["html_gzip_bytes"] + (asset_bytes(html.decode()) if is_html else 0)
        checks = [("status", response.status_code, 200),
                  ("queries", found["queries"], QUERIES.get(page.key, 12)),
                  ("median ms", statistics.median(times), MEDIAN_MS)]
        if is_html and page.key != "floor":
            checks += [("first load B", first, FIRST_LOAD),
                       ("repeat load B", found["html_gzip_bytes"], REPEAT_LOAD)]
        print(f"\n{page.label} ({page.path})")
        for name, value, budget in checks:
            ok = value == budget if name == "status" else value <= budget
            failures += not ok
            print(f"  {name:<14} {value:>9.1f}  budget {budget:>6}  {'PASS' if ok else 'FAIL'}")
        if args.sql:
            for query in found["sql"]:
                print(f"    {query['ms']:>6.1f} ms  {query['sql'][:160]}")
    print(f"\n{failures} budget(s) missed" if failures else "\nevery budget met")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
