"""The graph page's data at size: response size and time of /networks/graph.json and the
graph page (with its bridges and isolated partners), without a server.

    .venv/bin/python -m bench.graph [--organisations 2000] [--partnerships 3000]
                                    [--networks 150] [--repeat 5]

Builds a throwaway SQLite database, loads the care-burundi pack, generates the registry,
partnerships and networks with bench/data.py (nothing else), and prints, as the home
staff user through Django's test client: nodes and edges, the JSON's size raw and gzip,
the server's time to build it (the first request, and the median of `repeat`: the page's
analysis is kept for the same graph), and the same for the HTML page.
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=2_000)
    parser.add_argument("--partnerships", type=int, default=3_000)
    parser.add_argument("--networks", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    tmp = tempfile.mkdtemp(prefix="hamwe-graph-")
    os.environ.update(HAMWE_MODE="test", DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
                      DJANGO_SETTINGS_MODULE="bench.settings", HAMWE_DATA_DIR=tmp)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from bench import data
    from hamwe.policy import services as policy_services
    from hamwe.policy.validation import parse_file

    call_command("migrate", verbosity=0)
    policy_services.policy_load(pack=parse_file(
        ROOT / "hamwe" / "policy" / "packs" / "care-burundi.yaml"))
    scale = dataclasses.replace(data.SCALES["S"], name="graph",
                                organisations=args.organisations,
                                partnerships=args.partnerships, networks=args.networks,
                                rounds=0, answers_per_round=0)
    ctx = data.generate(scale, only={"accounts", "partners", "partnerships", "networks"})
    client = Client()
    client.force_login(ctx.staff)
    for label, url in (("graph.json", "/networks/graph.json"), ("graph page", "/networks/graph/")):
        times, response = [], None
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        body = response.content
        line = (f"{label:<11} {len(body):>10,} bytes ({len(gzip.compress(body)):,} gzip), "
                f"first {times[0]:,.0f} ms, median {statistics.median(times):,.0f} ms of "
                f"{args.repeat}")
        if label == "graph.json":
            found = response.json()
            kinds = {}
            for _source, _target, kind in found["edges"]:
                kinds[kind] = kinds.get(kind, 0) + 1
            print(f"nodes {len(found['nodes']):,}, edges {len(found['edges']):,} {kinds}")
        print(line)


if __name__ == "__main__":
    main()
