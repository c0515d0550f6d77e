"""Partnerships: list speed at scale, through the API and the page.

    HAMWE_MODE=test uv run python bench/partnerships.py [--partnerships 5000] [--sql]

Builds a throwaway SQLite database in a temporary folder, loads the example policy pack
as the live policy, and fills it with N partnerships of two or three parties each (every
third has three), each party bringing one contribution. Then prints, for the API list
/api/v1/partnerships/ (as home staff, as a partner user, and filtered) and, once the page
exists, the page /partnerships/: the SQL queries of one request (signed-in session
included), the median time of 20 requests, and the bytes of the answer (raw and gzip).
Budgets are checked and printed as PASS/FAIL.
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

QUERIES_BUDGET = 12
MEDIAN_MS_BUDGET = 400
ORGANISATIONS = 500
PACK = ROOT / "hamwe/policy/tests/example-pack.yaml"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--partnerships", type=int, default=5000)
    parser.add_argument("--sql", action="store_true", help="print each request's queries")
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
    from django.urls import NoReverseMatch, reverse

    from hamwe.accounts.models import Role, User
    from hamwe.partners.models import Organisation, Province, Sector
    from hamwe.partnerships.models import Contribution, Partnership, Party
    from hamwe.policy.services import policy_load
    from hamwe.policy.validation import parse_file

    # As in Django's test runner: keep one connection, so queries can be counted.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    pack = parse_file(PACK)
    policy_load(pack=pack)
    first_stage = pack.cycle.stages[0]
    kinds = [k.key for k in pack.partnership_kinds]

    started = time.perf_counter()
    provinces = list(Province.objects.all())
    sectors = [s for s, _ in Sector.choices]
    Organisation.objects.bulk_create(
        Organisation(name=f"Organisation {i:05d}", acronym=f"O{i}", sector=sectors[i % 8],
                     province=provinces[i % len(provinces)], commune="Commune",
                     founded_year=1990, is_home=i == 0)
        for i in range(ORGANISATIONS)
    )
    orgs = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    roles = [r for r, _ in Party.Role.choices]
    Partnership.objects.bulk_create(
        Partnership(title=f"Partnership {i:05d}", kind=kinds[i % len(kinds)],
                    status=Partnership.Status.ACTIVE if i % 2 else Partnership.Status.PROPOSED,
                    stage=first_stage.key, phase=first_stage.phases[0].key,
                    programme=f"Programme {i % 40}")
        for i in range(args.partnerships)
    )
    partnership_ids = list(Partnership.objects.order_by("pk").values_list("pk", flat=True))
    parties = []
    for i, pk in enumerate(partnership_ids):
        members = [orgs[i % ORGANISATIONS], orgs[(i * 7 + 1) % ORGANISATIONS]]
        if i % 3 == 0:
            members.append(orgs[(i * 13 + 2) % ORGANISATIONS])
        for n, org in enumerate(dict.fromkeys(members)):
            parties.append(Party(partnership_id=pk, organisation_id=org, role=roles[n]))
    Party.objects.bulk_create(parties, batch_size=2000)
    Partnership.objects.filter(parties__organisation__is_home=True).update(includes_home=True)
    Contribution.objects.bulk_create(
        (Contribution(party_id=pk, kind="staff", description=f"Staff time of party {pk}")
         for pk in Party.objects.values_list("pk", flat=True)),
        batch_size=2000,
    )
    print(f"filled {args.partnerships} partnerships ({len(parties)} parties) of "
          f"{ORGANISATIONS} organisations in {time.perf_counter() - started:.1f} s")

    staff = User.objects.create_user("bench@example.org", "x", role=Role.STAFF)
    partner_org = orgs[1]
    partner = User.objects.create_user("partner@example.org", "x", role=Role.PARTNER,
                                       organisation_id=partner_org)
    seen_by_partner = Partnership.objects.visible_to(partner).count()

    targets = [
        ("API list, home staff", "/api/v1/partnerships/", staff),
        ("API list, partner user", "/api/v1/partnerships/", partner),
        ("API list, filtered", "/api/v1/partnerships/?kind=strategic&sector=cso&q=Organisation",
         staff),
        ("API list, last page", f"/api/v1/partnerships/?page={-(-args.partnerships // 50)}",
         staff),
    ]
    try:
        page = reverse("partnerships:list")
    except NoReverseMatch:
        print("the page partnerships:list does not exist yet: API only")
    else:
        targets += [("page, home staff", page, staff), ("page, partner user", page, partner)]

    failures = 0
    for label, url, user in targets:
        client = Client()
        client.force_login(user)
        response = client.get(url)
        if response.status_code != 200:
            failures += 1
            print(f"\n{label} ({url}): status {response.status_code}  FAIL")
            continue
        size, packed = len(response.content), len(gzip.compress(response.content, 6))
        connection.force_debug_cursor = True
        connection.queries_log.clear()
        client.get(url)
        queries = len(connection.queries)
        connection.force_debug_cursor = False
        if args.sql:
            for query in connection.queries:
                print(f"    {query['sql'][:160]}")
        times = []
        for _ in range(20):
            t = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - t) * 1000)
        median = statistics.median(times)
        rows = args.partnerships if user is staff else seen_by_partner
        print(f"\n{label} ({url}), {rows} partnerships visible, {size} bytes "
              f"({packed} gzip)")
        for name, value, budget in [("queries", queries, QUERIES_BUDGET),
                                    ("median ms", median, MEDIAN_MS_BUDGET)]:
            ok = value <= budget
            failures += not ok
            print(f"  {name:<10} {value:>9.1f}  budget {budget:>5}  {'PASS' if ok else 'FAIL'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
