"""The knowledge search at scale: p50 and p95 of `hamwe.knowledge.search.search` for a
home staff user and a partner user, over the items of bench/data.py's `knowledge`
generator (ten per organisation: `--organisations 5000` makes 50,000 items).

    .ci/pg-cluster -- .venv/bin/python -m bench.knowledge_search --organisations 5000
    .venv/bin/python -m bench.knowledge_search --organisations 5000 --sqlite

Each query is the search page's work: the count, the ranked page of 20 and its marked
excerpts, under the access rule; timed in the process (no HTTP), after one warm-up pass.
"""

import argparse
import dataclasses
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ["reseau", "épargne femmes", "Bujumbura", "peace club", "savings group",
           "nätverk", "natverk kvinnor", "cooperative mill", "radio ecoute", "violence",
           "formation animateur", "harvest seeds", "lärande", "Gitega", "trust learning",
           "moulin manioc", "health nutrition", "kommun skola", "plaidoyer autorites",
           "repayment"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5, help="passes over the queries")
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file, not $DATABASE_URL")
    parser.add_argument("--explain", action="store_true",
                        help="print the plan of each statement of every persona's slowest query")
    args = parser.parse_args(argv)
    os.environ.setdefault("HAMWE_MODE", "test")
    os.environ["HAMWE_DATA_DIR"] = tempfile.mkdtemp(prefix="hamwe-knowledge-bench-")
    if args.sqlite:
        os.environ["DATABASE_URL"] = f"sqlite:///{os.environ['HAMWE_DATA_DIR']}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamwe.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import data
    from hamwe.accounts.models import Role, User
    from hamwe.knowledge import search

    call_command("migrate", verbosity=0, interactive=False)
    call_command("policy", "load", "care-burundi", stdout=io.StringIO())
    scale = dataclasses.replace(data.SCALES["S"], name="knowledge",
                                organisations=args.organisations)
    ctx = data.generate(scale, only={"accounts", "partners", "knowledge"})
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    partner = User.objects.create_user("bench-partner@hamwe.example", None,
                                       role=Role.PARTNER, organisation_id=ctx.organisations[0])
    users = {"staff": ctx.staff, "partner": partner}
    print(f"{connection.vendor}: {len(ctx.keys['knowledge_items']):,} items")
    for name, user in users.items():
        for query in QUERIES:  # warm-up
            search.search(user, query)
        times, counts, by_query = [], [], {}
        for _ in range(args.rounds):
            for query in QUERIES:
                started = time.perf_counter()
                results = search.search(user, query)
                times.append((time.perf_counter() - started) * 1000)
                by_query[query] = max(by_query.get(query, 0), times[-1])
                counts.append(results.count)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"  {name:<8} {len(times)} searches: p50 {statistics.median(times):6.1f} ms, "
              f"p95 {p95:6.1f} ms, max {times[-1]:6.1f} ms; "
              f"matches per query: median {int(statistics.median(counts)):,}")
        if args.explain:
            slowest = max(by_query, key=by_query.get)
            print(f"    the slowest, {slowest!r} ({by_query[slowest]:.1f} ms), statement by "
                  "statement:")
            for sql, params in _statements(connection, search.search, user, slowest):
                with connection.cursor() as cursor:
                    verb = "EXPLAIN (ANALYZE, BUFFERS)" if connection.vendor == "postgresql" \
                        else "EXPLAIN QUERY PLAN"
                    cursor.execute(f"{verb} {sql}", params)
                    print("      " + sql[:160].replace("\n", " ") + " …")
                    for row in cursor.fetchall():
                        print("        " + " ".join(str(v) for v in row))


def _statements(connection, run, *args):
    """The SQL statements (with their parameters) that `run(*args)` sends."""
    sent = []

    def keep(execute, sql, params, many, context):
        sent.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        run(*args)
    return sent


if __name__ == "__main__":
    main()
