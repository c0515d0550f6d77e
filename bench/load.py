"""Hamwe under load, at one scale, on the PostgreSQL that DATABASE_URL names.

Run it through `bench/run` (which installs wrk, starts a throwaway PostgreSQL 15 cluster
with .ci/pg-cluster, runs this once per scale and writes bench/RESULTS.md):

    bench/run [--scale S|L|both] [--duration 10s] [--connections 20]

What one run does, in order (about 3 minutes at S and 5 at L on 2 cores, plus a minute
the first time, to compress the static files):
1. migrates an empty database, loads the care-burundi policy pack (`hamwe policy load`),
   generates the scale's data (bench/data.py) and ANALYZEs it;
2. signs in a home staff user and a partner user (sessions in the database, reused by
   every request) and gives the staff user an API token;
3. through Django's test client, once per page: queries per request
   (CaptureQueriesContext) and the HTML's size;
4. serves Hamwe as the README deploys it (`hamwe serve`'s gunicorn command line, 2 sync
   workers, HAMWE_MODE=production, DEBUG off) with bench/settings.py, which adds the
   floor view; fetches each page and the assets it links from that server: bytes as
   sent, first load and repeat load;
5. for each page, then for the weighted mix: wrk over loopback (warm-up, then the
   measured run), with the CPU time of the gunicorn workers and of PostgreSQL read from
   /proc before and after; every figure beside the floor measured in the same run;
6. profiles (cProfile, through the test client) the two slowest pages;
7. writes bench/out/<scale>.json; bench/report.py turns it into tables.

Deliberate differences from production, printed with the results: two-factor sign-in is
off (HAMWE_REQUIRE_2FA=false) so the benchmark users need no TOTP; the API's user throttle
is raised from 1200/min (its count, one statement a request, still runs); HTTPS redirects are off
(loopback, no proxy); the cluster runs with fsync off, as CI's does.
"""

import argparse
import cProfile
import datetime
import gzip
import http.client
import io
import json
import os
import platform
import pstats
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
WRK = ROOT / "bench" / "wrk"
CLK_TCK = os.sysconf("SC_CLK_TCK")
PACK = "care-burundi"


@dataclass
class Page:
    key: str
    label: str
    path: str
    persona: str  # staff | partner | api
    weight: int  # in the mix; 0: not in the mix


def log(message=""):
    print(message, flush=True)


# --- the environment: production settings, with the benchmark's few deliberate changes ----

def set_environment(data_dir):
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench/load.py needs DATABASE_URL on PostgreSQL: run it through bench/run.")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        HAMWE_MODE="production",
        HAMWE_SECRET_KEY=secrets.token_urlsafe(64),
        HAMWE_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        HAMWE_SSL_REDIRECT="false",
        HAMWE_REQUIRE_2FA="false",
        HAMWE_TRUSTED_PROXIES="0",
        HAMWE_DATA_DIR=str(data_dir),
        HAMWE_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        HAMWE_LOG_LEVEL="WARNING",
    )


RUN_NOTES = [
    "HAMWE_MODE=production, DEBUG off; gunicorn with 2 sync workers, started with "
    "`hamwe serve`'s own command line (access log on), whitenoise serving the compressed "
    "static files.",
    "HAMWE_REQUIRE_2FA=false: the benchmark's staff user has no TOTP device; every other "
    "middleware runs as in production.",
    "HAMWE_SSL_REDIRECT=false, HAMWE_TRUSTED_PROXIES=0: plain HTTP on loopback, no TLS "
    "proxy in front (wrk reaches gunicorn directly).",
    "API: Hamwe's user throttle kept (its count, one statement on every API request, "
    "runs) but its rate raised from 1200/min to 1000000/min for the run "
    "(bench/settings.py): one token at hundreds of requests a second would measure 429s.",
    "PostgreSQL 15 from .ci/pg-cluster: fsync, synchronous_commit and full_page_writes "
    "off (writes cost less than on a real server; the pages measured only read, apart "
    "from the throttle's counts).",
    "Sessions: each persona signed in once (a database session), the cookie reused by "
    "every request; API requests use a personal API token.",
]


# --- data ---------------------------------------------------------------------------------

def prepare(scale):
    from django.core.management import call_command
    from django.db import connection

    from bench import data

    t = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    log(f"migrated in {time.perf_counter() - t:.1f} s")
    collect_static()
    call_command("policy", "load", PACK, stdout=io.StringIO())
    log(f"policy pack {PACK} loaded; generating scale {scale.name}:")
    ctx = data.generate(scale, log=log)
    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    log(f"VACUUM ANALYZE in {time.perf_counter() - t:.1f} s")
    return ctx


def collect_static():
    """`hamwe serve`'s collectstatic, done once and kept in bench/out/data/ while the static
    sources are unchanged: compressing them (gzip and brotli) takes over a minute here."""
    import hashlib

    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    stamp = Path(settings.STATIC_ROOT) / ".bench-sources"
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return
    t = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0, clear=True)
    stamp.write_text(digest.hexdigest())
    log(f"collected and compressed the static files in {time.perf_counter() - t:.0f} s "
        "(kept in bench/out/data/ for the next runs)")


def pages_and_personas(ctx):
    """The key pages, and who asks for them."""
    from allauth.mfa.models import Authenticator
    from django.db.models import Count, Q

    from hamwe.accounts.models import Role, User
    from hamwe.accounts.services import token_create
    from hamwe.partners.models import Organisation
    from hamwe.partnerships.models import Partnership
    from hamwe.scorecards.models import Round

    staff = ctx.staff
    # A personal API token as the token page makes one: only for a user with an
    # authenticator (its secret is never used here).
    Authenticator.objects.get_or_create(
        user=staff, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "unused"}})
    token = token_create(by=staff, name="bench", days=30)[1]
    # The partner: a partner admin of an organisation that is party to many partnerships
    # (the 90th percentile of those with partner users): a heavy but not a freak case.
    with_users = (Organisation.objects.filter(users__role=Role.PARTNER).distinct()
                  .annotate(n=Count("parties", distinct=True)).order_by("n", "pk"))
    ranked = list(with_users.values_list("pk", "n"))
    organisation, n_partnerships = ranked[int(len(ranked) * 0.9)]
    partner = User.objects.filter(organisation_id=organisation).order_by(
        "-is_partner_admin", "pk").first()
    # The detail page: a partnership in the cycle's third stage (reviewed, agreement
    # signed), with three parties and comments: a full page, not the fullest.
    stages = [s.key for s in ctx.policy.stages]
    detail = (Partnership.objects.filter(stage=stages[min(2, len(stages) - 1)])
              .annotate(n=Count("parties", distinct=True), c=Count("comments", distinct=True))
              .filter(n=3, c__gt=0).order_by("pk").first()
              or Partnership.objects.order_by("pk").first())
    closed = Round.objects.filter(status=Round.Status.CLOSED).order_by("-closes_on").first()
    kind = next(iter(ctx.policy.kinds))
    pages = [
        Page("floor", "floor: trivial signed-in view", "/bench/floor/", "staff", 0),
        Page("partners", "partner list, page 1", "/partners/", "staff", 15),
        Page("partnerships", "partnership list", "/partnerships/", "staff", 15),
        Page("partnerships_filtered", "partnership list, filtered (kind, status, sector)",
             f"/partnerships/?kind={kind}&status=active&sector=cso", "staff", 10),
        Page("partnership", "partnership detail", f"/partnerships/{detail.pk}/", "staff", 15),
        Page("results", "score-card results (a closed round)",
             f"/scorecards/{closed.pk}/results/", "staff", 5),
        Page("policy", "Policy page", "/policy/", "staff", 5),
        Page("api_organisations", "API organisations list", "/api/v1/organisations/", "api",
             10),
        Page("partner_home", "partner: home", "/", "partner", 10),
        Page("partner_organisation", "partner: own organisation",
             f"/partners/{organisation}/", "partner", 8),
        Page("partner_partnerships", "partner: partnerships", "/partnerships/", "partner", 7),
    ]
    sessions = {"staff": _session(staff), "partner": _session(partner)}
    headers = {
        "staff": ("Cookie", f"sessionid={sessions['staff']}"),
        "partner": ("Cookie", f"sessionid={sessions['partner']}"),
        "api": ("Authorization", f"Token {token}"),
    }
    facts = {
        "partner_user": partner.email,
        "partner_organisation": organisation,
        "partner_organisation_partnerships": n_partnerships,
        "partnership_detail": detail.pk,
        "results_round": closed.pk,
        "partnerships_visible_to_partner": Partnership.objects.visible_to(partner).count(),
        "filtered_partnerships": Partnership.objects.filter(
            kind=kind, status="active").filter(Q(pk__in=Partnership.objects.filter(
                parties__organisation__sector="cso", parties__organisation__is_home=False)
                .values("pk"))).count(),
    }
    return pages, headers, {"staff": staff, "partner": partner, "api": staff}, facts


def _session(user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


# --- through the test client: queries and HTML size ---------------------------------------

def client_for(persona, users, headers):
    from django.test import Client

    client = Client()
    name, value = headers[persona]
    if name == "Authorization":
        client.defaults["HTTP_AUTHORIZATION"] = value
    else:
        client.force_login(users[persona])
    return client


def measure_queries(pages, users, headers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    figures = {}
    for page in pages:
        client = client_for(page.persona, users, headers)
        client.get(page.path)  # warm: per-process caches (the composed policy) filled
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.path)
        body = response.content
        figures[page.key] = {
            "status": response.status_code,
            "queries": len(captured.captured_queries),
            "sql_ms": round(sum(float(q["time"]) for q in captured.captured_queries) * 1000,
                            1),
            "html_bytes": len(body),
            "html_gzip_bytes": len(gzip.compress(body, 6)),
            "sql": [{"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"][:4000]}
                    for q in captured.captured_queries],
        }
        log(f"  {page.key:<24} {response.status_code} {len(captured):>3} queries "
            f"{len(body) / 1024:>7.1f} KB HTML")
    return figures


# --- the server ---------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port, logfile, workers):
    # As `./run serve` has it (uv run): the environment's bin first, where gunicorn is.
    env = {**os.environ, "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    # `hamwe serve`'s own command line (hamwe/management/commands/serve.py); its migrate
    # and collectstatic steps are done beforehand, once.
    command = ["gunicorn", "hamwe.wsgi:application", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--access-logfile", "-"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=logfile,
                              stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}: see {logfile.name}")
        try:
            status, _h, _b = fetch(port, "/healthz")
            if status == 200 and len(workers_of(server.pid)) >= workers:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    stop_server(server)
    raise RuntimeError("the server did not answer /healthz within 120 s")


def stop_server(server):
    if server.poll() is None:
        os.kill(server.pid, signal.SIGTERM)  # gunicorn's graceful stop
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def fetch(port, path, header=None, encoding="gzip, deflate, br"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {"Accept-Encoding": encoding, "Host": "127.0.0.1"}
        if header:
            headers[header[0]] = header[1]
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


ASSET = re.compile(
    r"""<(?:link|script|img)\b[^>]*?\b(?:href|src)=["'](/static/[^"']+)["']""", re.I)


def measure_bytes(port, pages, headers):
    """Bytes on the wire (bodies, as the server sends them to a browser that accepts gzip
    and brotli): the page's HTML; first load = HTML + every asset it links; repeat load =
    HTML + the assets the browser may not keep (no long-lived Cache-Control)."""
    figures, asset_cache = {}, {}
    for page in pages:
        status, response_headers, body = fetch(port, page.path, headers[page.persona])
        html = body
        if response_headers.get("Content-Encoding") == "gzip":
            html = gzip.decompress(body)
        assets = sorted(set(ASSET.findall(html.decode("utf-8", "replace"))))
        first = repeat = len(body)
        listed = []
        for asset in assets:
            if asset not in asset_cache:
                a_status, a_headers, a_body = fetch(port, asset)
                cache = a_headers.get("Cache-Control", "")
                max_age = int(m.group(1)) if (m := re.search(r"max-age=(\d+)", cache)) else 0
                asset_cache[asset] = {"status": a_status, "bytes": len(a_body),
                                      "encoding": a_headers.get("Content-Encoding", ""),
                                      "cached": max_age >= 86400}
            info = asset_cache[asset]
            first += info["bytes"]
            repeat += 0 if info["cached"] else info["bytes"]
            listed.append(asset)
        figures[page.key] = {
            "live_status": status,
            "html_sent_bytes": len(body),
            "html_encoding": response_headers.get("Content-Encoding", "") or "identity",
            "first_load_bytes": first,
            "repeat_load_bytes": repeat,
            "assets": listed,
        }
    return figures, asset_cache


# --- CPU accounting from /proc ------------------------------------------------------------

def _stat(pid):
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()
    # state ppid ... utime(11) stime(12) cutime(13) cstime(14), counted from "state"
    return int(fields[1]), sum(int(f) for f in fields[11:15])


def _children():
    out = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(entry)) is not None:
            out.setdefault(stat[0], []).append(int(entry))
    return out


def workers_of(pid):
    return _children().get(pid, [])


def tree_ticks(root, children):
    """CPU ticks of a process and its children, live ones and reaped ones (the parent's
    cutime/cstime): a backend or worker that exits mid-run is still counted."""
    own = _stat(root)
    total = own[1] if own else 0
    for child in children.get(root, []):
        stat = _stat(child)
        total += stat[1] if stat else 0
    return total


def machine_busy_ticks():
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    values = [int(v) for v in fields]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values[:8]) - idle


def postmaster_pid():
    """The PostgreSQL server's main process: the parent of this connection's backend."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    stat = _stat(backend)
    return stat[0] if stat else None


def snapshot(server_pid, pg_pid):
    children = _children()
    return {
        "app": tree_ticks(server_pid, children),
        "db": tree_ticks(pg_pid, children) if pg_pid else 0,
        "busy": machine_busy_ticks(),
        "wrk": sum(getattr(resource.getrusage(resource.RUSAGE_CHILDREN), f)
                   for f in ("ru_utime", "ru_stime")),
        "t": time.monotonic(),
    }


# --- wrk ----------------------------------------------------------------------------------

def wrk(port, script, seconds, connections, path="/", header=None, env=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
               "-s", str(WRK / script)]
    if header:
        command += ["-H", f"{header[0]}: {header[1]}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ,
                                                                          **(env or {})})
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no figures:\n{done.stdout}\n{done.stderr}")
    return json.loads(line[6:])


def drain(port):
    """Wait until the server has answered what wrk left queued when it stopped (up to one
    request per connection, still in the listen backlog): a request sent now is answered
    after them."""
    for _ in range(2):
        fetch(port, "/healthz")


def load_run(port, server, pg_pid, *, seconds, warmup, connections, **kwargs):
    if warmup:
        wrk(port, seconds=warmup, connections=connections, **kwargs)
        drain(port)
    before = snapshot(server.pid, pg_pid)
    figures = wrk(port, seconds=seconds, connections=connections, **kwargs)
    after = snapshot(server.pid, pg_pid)
    drain(port)
    if server.poll() is not None:
        raise RuntimeError("the server died during the run")
    requests = max(1, figures["requests"])
    ms = 1000 / CLK_TCK
    wall = after["t"] - before["t"]
    app = (after["app"] - before["app"]) * ms
    db = (after["db"] - before["db"]) * ms
    load_tool = (after["wrk"] - before["wrk"]) * 1000
    busy = (after["busy"] - before["busy"]) * ms
    cores = os.cpu_count() or 1
    seconds_run = figures["duration_us"] / 1e6
    errors = figures["non2xx"] + sum(figures[k] for k in ("connect", "read", "write",
                                                          "timeout"))
    return {
        "requests": figures["requests"],
        "rps": round(figures["requests"] / seconds_run, 1),
        "p50_ms": figures["p50_us"] / 1000,
        "p95_ms": figures["p95_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
        "max_ms": figures["max_us"] / 1000,
        "errors": errors,
        "non2xx": figures["non2xx"],
        "first_bad_status": figures["first_bad_status"],
        "socket_errors": {k: figures[k] for k in ("connect", "read", "write", "timeout")},
        "cpu_app_ms": round(app / requests, 2),
        "cpu_db_ms": round(db / requests, 2),
        "cpu_wrk_ms": round(load_tool / requests, 2),
        # CPU the rest of the machine used meanwhile (other people's work), in % of all cores
        "others_cpu_pct": round(max(0.0, busy - app - db - load_tool) / (wall * 1000 * cores)
                                * 100, 1),
    }


# --- profiles -----------------------------------------------------------------------------

AREAS = [  # (area, test on the profile entry's file or name), first match wins
    ("templates", lambda f, n: "django/template" in f or "templatetags" in f),
    ("forms and widgets", lambda f, n: "django/forms" in f),
    ("django-filter", lambda f, n: "django_filters" in f),
    ("DRF", lambda f, n: "rest_framework" in f),
    ("database driver and PostgreSQL wait", lambda f, n: "psycopg" in f or "psycopg" in n
     or "django/db/backends" in f),
    ("ORM (Python side)", lambda f, n: "django/db" in f),
    ("translation", lambda f, n: "translation" in f or "gettext" in f),
    ("audit (simple_history)", lambda f, n: "simple_history" in f),
    ("randomness (os.urandom, SystemRandom)", lambda f, n: "urandom" in n or "random.py" in f),
    ("Hamwe's own code", lambda f, n: "/hamwe/" in f),
    ("Django (other)", lambda f, n: "/django/" in f),
    ("Python and other libraries", lambda f, n: True),
]


def profile(page, users, headers, repeat=3):
    client = client_for(page.persona, users, headers)
    client.get(page.path)
    profiler = cProfile.Profile()
    t = time.perf_counter()
    profiler.enable()
    for _ in range(repeat):
        client.get(page.path)
    profiler.disable()
    wall = (time.perf_counter() - t) / repeat * 1000
    stats = pstats.Stats(profiler)
    areas, total = {}, 0.0
    for (filename, _line, name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        area = next(a for a, test in AREAS if test(filename, name))
        areas[area] = areas.get(area, 0.0) + tottime
        total += tottime
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(40)
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(25)
    top = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:12]
    return {
        "page": page.key,
        "wall_ms_profiled": round(wall, 1),
        "areas_pct": {a: round(100 * v / total, 1) for a, v in
                      sorted(areas.items(), key=lambda item: -item[1])},
        "top_tottime": [
            {"function": f"{Path(f).name if f != '~' else ''}:{line}({name})",
             "calls": nc, "tottime_ms": round(tt / repeat * 1000, 2),
             "cumtime_ms": round(ct / repeat * 1000, 2)}
            for (f, line, name), (_cc, nc, tt, ct, _c) in top],
        "text": text.getvalue(),
    }


# --- machine ------------------------------------------------------------------------------

def machine():
    from django.db import connection

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    import django
    import gunicorn

    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(mem / 1024 / 1024, 1),
        "kernel": platform.release(),
        "os": Path("/etc/os-release").read_text().split('PRETTY_NAME="', 1)[-1].split('"')[0],
        "postgresql": pg,
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "wrk": (wrk_version.stdout or wrk_version.stderr).split("[")[0].strip(),
        "loadavg_start": Path("/proc/loadavg").read_text().split()[:3],
    }


# --- the run ------------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(description="Hamwe under load at one scale.")
    parser.add_argument("--scale", choices=["S", "L"], default="S")
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--warmup", type=int, default=2, help="seconds before each")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--profiles", type=int, default=2, help="slowest pages to profile")
    parser.add_argument("--command", default="", help="the command line, for the report")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: run through bench/run, which installs it.")
    started = time.monotonic()
    OUT.mkdir(parents=True, exist_ok=True)
    data_dir = OUT / "data"  # static files kept between runs; no uploads are made
    set_environment(data_dir)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from bench import data, report

    scale = data.SCALES[args.scale]
    log(f"== scale {scale.name}: {scale}")
    ctx = prepare(scale)
    pages, headers, users, facts = pages_and_personas(ctx)
    log("queries per request (test client, same database):")
    queries = measure_queries(pages, users, headers)
    from django.db import connections

    port = free_port()
    logpath = OUT / f"{scale.name}-server.log"
    result = {
        "scale": asdict(scale), "date": datetime.datetime.now().astimezone().isoformat(
            timespec="seconds"),
        "command": args.command or " ".join(sys.argv), "duration_s": args.duration,
        "warmup_s": args.warmup, "connections": args.connections, "workers": args.workers,
        "machine": machine(), "notes": RUN_NOTES, "rows": ctx.counts, "facts": facts,
        "pages": [], "mix": None, "profiles": [],
    }
    pg_pid = postmaster_pid()
    connections.close_all()  # the server's workers get the database to themselves
    with open(logpath, "w") as server_log:
        log(f"serving on 127.0.0.1:{port} (log: {logpath.relative_to(ROOT)})")
        server = start_server(port, server_log, args.workers)
        try:
            sizes, assets = measure_bytes(port, pages, headers)
            result["assets"] = assets
            run = {"seconds": args.duration, "warmup": args.warmup,
                   "connections": args.connections}
            for page in pages:
                figures = load_run(port, server, pg_pid, script="page.lua", path=page.path,
                                   header=headers[page.persona], **run)
                entry = {**asdict(page), **queries[page.key], **sizes[page.key], **figures}
                result["pages"].append(entry)
                log(f"  {page.key:<24} {figures['rps']:>7.1f} req/s  p50 "
                    f"{figures['p50_ms']:>7.1f}  p95 {figures['p95_ms']:>7.1f} ms  "
                    f"errors {figures['errors']}  others' CPU {figures['others_cpu_pct']}%")
            mix = [p for p in pages if p.weight]
            with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
                for page in mix:
                    name, value = headers[page.persona]
                    f.write(f"{page.weight}\t{page.path}\t{name}\t{value}\n")
            try:
                figures = load_run(port, server, pg_pid, script="mix.lua",
                                   env={"BENCH_MIX": f.name}, **run)
            finally:
                os.unlink(f.name)
            result["mix"] = {"weights": {p.key: p.weight for p in mix}, **figures}
            log(f"  {'mix':<24} {figures['rps']:>7.1f} req/s  p50 {figures['p50_ms']:>7.1f}"
                f"  p95 {figures['p95_ms']:>7.1f} ms  errors {figures['errors']}")
        finally:
            stop_server(server)
    result["machine"]["loadavg_end"] = Path("/proc/loadavg").read_text().split()[:3]

    slowest = sorted((p for p in result["pages"] if p["key"] != "floor"),
                     key=lambda p: -p["p50_ms"])[:args.profiles]
    by_key = {p.key: p for p in pages}
    for entry in slowest:
        log(f"profiling {entry['key']} (cProfile, test client)")
        found = profile(by_key[entry["key"]], users, headers)
        (OUT / "profiles").mkdir(exist_ok=True)
        (OUT / "profiles" / f"{scale.name}-{entry['key']}.txt").write_text(found.pop("text"))
        result["profiles"].append(found)
    result["elapsed_s"] = round(time.monotonic() - started)
    (OUT / f"{scale.name}.json").write_text(json.dumps(result, indent=1))
    log("")
    log(report.scale_section(result))
    log(f"scale {scale.name} done in {result['elapsed_s']} s; figures in "
        f"bench/out/{scale.name}.json")


if __name__ == "__main__":
    main()
