"""Tables from bench/load.py's figures, and bench/RESULTS.md.

    .venv/bin/python -m bench.report     # rewrite RESULTS.md from bench/out/{S,L}.json
    .venv/bin/python -m bench.report --baseline path/to/S.json   # keep it as "before"

bench/run calls it after the scales it ran; a scale not run this time keeps its last
figures (its own date and command are printed with it): from bench/out/ when they are
there, else its section of the RESULTS.md being replaced, copied as it was.

`--baseline` keeps a run's figures (of the code before a change, run on the same machine
just before) in bench/baseline/<scale>.json; RESULTS.md then shows each page before and
after beside each other, each beside the floor of its own run.
"""

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
BASELINE = ROOT / "bench" / "baseline"
RESULTS = ROOT / "bench" / "RESULTS.md"

# The targets of issue #10 (1 KB = 1,000 bytes).
MIX_RPS = 300
P95_MS = 150
GROWTH = 1.5  # p50(L) / p50(S)
FIRST_LOAD = 60_000
REPEAT_LOAD = 20_000


def kb(n):
    return f"{n / 1000:.1f}"


def ms(n):
    return f"{n:,.0f}" if n >= 100 else f"{n:.1f}"


def scale_title(result):
    s, rows = result["scale"], result["rows"]
    return (f"Scale {s['name']}: {s['organisations']:,} organisations, "
            f"{s['partnerships']:,} partnerships, {s['rounds']} score-card rounds, "
            f"{rows.get('scorecards.Answer', 0):,} answers, "
            f"{rows.get('scorecards.Score', 0):,} scores")


def page_table(result):
    floor = next(p for p in result["pages"] if p["key"] == "floor")
    head = ("| page | queries | HTML (JSON) sent kB (gzip would be) | first / repeat load kB | "
            "req/s | p50 ms | p95 ms | p99 ms | errors | p50 × floor | "
            "CPU ms/req app + db |\n"
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    lines = [head]
    for p in result["pages"]:
        encoding = "" if p["html_encoding"] == "identity" else f" {p['html_encoding']}"
        ratio = "1" if p is floor else f"{p['p50_ms'] / floor['p50_ms']:.1f}"
        errors = str(p["errors"]) + (f" ({p['first_bad_status']})"
                                     if p["first_bad_status"] else "")
        lines.append(
            f"| {p['label']} | {p['queries']} | {kb(p['html_sent_bytes'])}{encoding} "
            f"({kb(p['html_gzip_bytes'])}) | {kb(p['first_load_bytes'])} / "
            f"{kb(p['repeat_load_bytes'])} | {p['rps']:,.0f} | {ms(p['p50_ms'])} | "
            f"{ms(p['p95_ms'])} | {ms(p['p99_ms'])} | {errors} | {ratio} | "
            f"{p['cpu_app_ms']:.1f} + {p['cpu_db_ms']:.1f} |")
    mix = result["mix"]
    if mix:
        lines.append(
            f"| **weighted mix** | | | | **{mix['rps']:,.0f}** | {ms(mix['p50_ms'])} | "
            f"{ms(mix['p95_ms'])} | {ms(mix['p99_ms'])} | {mix['errors']} | "
            f"{mix['p50_ms'] / floor['p50_ms']:.1f} | "
            f"{mix['cpu_app_ms']:.1f} + {mix['cpu_db_ms']:.1f} |")
    return "\n".join(lines)


def misses(result, small=None):
    """What misses issue #10's targets at this scale (and against S, when given)."""
    out = []
    mix = result["mix"]
    if mix and mix["rps"] < MIX_RPS:
        out.append(f"mix {mix['rps']:,.0f} req/s < {MIX_RPS}")
    if mix and mix["errors"]:
        out.append(f"mix: {mix['errors']} errors")
    before = {p["key"]: p for p in (small or {}).get("pages", [])}
    for p in result["pages"]:
        if p["key"] == "floor":
            continue
        name = p["label"]
        if p["p95_ms"] > P95_MS:
            out.append(f"{name}: p95 {ms(p['p95_ms'])} ms > {P95_MS}")
        if p["errors"]:
            out.append(f"{name}: {p['errors']} errors")
        if p["persona"] == "api":  # the byte budgets are a browser's (a phone's)
            pass
        elif p["first_load_bytes"] > FIRST_LOAD:
            out.append(f"{name}: first load {kb(p['first_load_bytes'])} kB > "
                       f"{FIRST_LOAD // 1000}")
        if p["persona"] != "api" and p["repeat_load_bytes"] > REPEAT_LOAD:
            out.append(f"{name}: repeat load {kb(p['repeat_load_bytes'])} kB > "
                       f"{REPEAT_LOAD // 1000}")
        if p["key"] in before and before[p["key"]]["p50_ms"]:
            b = before[p["key"]]
            growth = p["p50_ms"] / b["p50_ms"]
            cpu = (p["cpu_app_ms"] + p["cpu_db_ms"]) / max(0.01, b["cpu_app_ms"] + b["cpu_db_ms"])
            if growth > GROWTH:
                out.append(f"{name}: p50(L)/p50(S) = {growth:.2f} > {GROWTH} (CPU per "
                           f"request L/S {cpu:.2f})")
            elif cpu > GROWTH:
                out.append(f"{name}: CPU per request L/S = {cpu:.2f} > {GROWTH}, though "
                           f"p50(L)/p50(S) = {growth:.2f} in these runs (noise?)")
    return out


def profiles_section(result):
    lines = []
    pages = {p["key"]: p for p in result["pages"]}
    for found in result.get("profiles", []):
        areas = ", ".join(f"{a} {v:.0f}%" for a, v in list(found["areas_pct"].items())[:6])
        lines.append(f"- **{found['page']}** ({found['wall_ms_profiled']:.0f} ms a request "
                     f"under cProfile): {areas}. Top functions by own time:")
        for f in found["top_tottime"][:6]:
            lines.append(f"  - `{f['function']}`: {f['calls']:,} calls, "
                         f"{f['tottime_ms']:.1f} ms own, {f['cumtime_ms']:.1f} ms cumulative "
                         "(per request)")
        slow = sorted(pages[found["page"]]["sql"], key=lambda q: -q["ms"])[:2]
        lines.append("  - its slowest queries (test client, one request): " + "; ".join(
            f"{q['ms']:.1f} ms `{_shorten(q['sql'])}`" for q in slow))
    return "\n".join(lines)


def _shorten(sql, width=220):
    """A query named by what it reads: a long select list and long literals (session keys)
    left out."""
    sql = re.sub(r"'(?:[^']|'')*'", lambda m: m[0] if len(m[0]) < 20 else "'…'",
                 " ".join(sql.split()))
    if sql.startswith("SELECT") and " FROM " in sql:
        columns = sql[len("SELECT "):sql.index(" FROM ")]
        sql = f"SELECT {columns if len(columns) <= 120 else '…'} {sql[sql.index(' FROM ') + 1:]}"
    return sql if len(sql) <= width else sql[:width - 1] + "…"


def machine_line(m):
    return (f"{m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, Linux {m['kernel']} "
            f"({m['os']}); PostgreSQL {m['postgresql']}, Python {m['python']}, Django "
            f"{m['django']}, gunicorn {m['gunicorn']}, {m['wrk']}; load average "
            f"{' '.join(m['loadavg_start'])} at the start, "
            f"{' '.join(m.get('loadavg_end', ['?']))} at the end")


def scale_section(result, small=None):
    others = [p["others_cpu_pct"] for p in result["pages"]]
    if result["mix"]:
        others.append(result["mix"]["others_cpu_pct"])
    facts = result["facts"]
    parts = [
        f"### {scale_title(result)}",
        "",
        f"{result['date']} · `{result['command'].strip()}` · {result['duration_s']:g} s per page "
        f"after {result['warmup_s']:g} s of warm-up, {result['connections']} connections, "
        f"{result['workers']} gunicorn workers · {result.get('elapsed_s', '?')} s in all",
        "",
        f"Machine: {machine_line(result['machine'])}. Other processes used "
        f"{min(others):.0f}–{max(others):.0f}% of the machine's CPU during the runs "
        "(above a few % the figures are noisy).",
        "",
        page_table(result),
        "",
        f"The partner persona is {facts['partner_user']}, of an organisation party to "
        f"{facts['partner_organisation_partnerships']} partnerships "
        f"({facts['partnerships_visible_to_partner']} visible to them); the filtered list "
        f"matches {facts['filtered_partnerships']:,} partnerships. Mix weights: "
        + ", ".join(f"{k} {w}" for k, w in result["mix"]["weights"].items()) + ".",
    ]
    missed = misses(result, small)
    parts += ["", "Targets of issue #10 missed at this scale: " +
              ("none." if not missed else ""), *[f"- {m}" for m in missed]]
    if result.get("profiles"):
        parts += ["", "Where the time goes in the slowest pages:", profiles_section(result)]
    return "\n".join(parts)


def growth_table(small, large):
    s = {p["key"]: p for p in small["pages"]}
    """p50(L)/p50(S), the issue's measure, and beside it the growth of CPU per request,
    which a busy machine disturbs less than latency."""
    lines = ["| page | p50 S ms | p50 L ms | p50(L)/p50(S) | CPU ms/req S | CPU ms/req L | "
             "CPU L/S | queries S / L |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for p in large["pages"]:
        if p["key"] in s:
            b = s[p["key"]]
            cpu_s, cpu_l = b["cpu_app_ms"] + b["cpu_db_ms"], p["cpu_app_ms"] + p["cpu_db_ms"]
            lines.append(f"| {p['label']} | {ms(b['p50_ms'])} | {ms(p['p50_ms'])} | "
                         f"{p['p50_ms'] / b['p50_ms']:.2f} | {cpu_s:.1f} | {cpu_l:.1f} | "
                         f"{cpu_l / cpu_s:.2f} | {b['queries']} / {p['queries']} |")
    return "\n".join(lines)


def before_after_table(before, after):
    """Each page of both runs: before -> after, and each p50 as a multiple of its own
    run's floor (the steadier comparison on a shared machine)."""
    b_pages = {p["key"]: p for p in before["pages"]}
    b_floor, a_floor = b_pages["floor"], next(p for p in after["pages"] if p["key"] == "floor")
    lines = ["| page | queries | req/s | p50 ms | p95 ms | p50 × floor | CPU ms/req app + db |",
             "| --- | --- | --- | --- | --- | --- | --- |"]

    def row(label, b, a, fb, fa):
        queries = f"{b['queries']} → {a['queries']} | " if "queries" in a else " | "
        return (f"| {label} | {queries}{b['rps']:,.0f} → {a['rps']:,.0f} | "
                f"{ms(b['p50_ms'])} → {ms(a['p50_ms'])} | {ms(b['p95_ms'])} → "
                f"{ms(a['p95_ms'])} | {b['p50_ms'] / fb['p50_ms']:.1f} → "
                f"{a['p50_ms'] / fa['p50_ms']:.1f} | "
                f"{b['cpu_app_ms'] + b['cpu_db_ms']:.1f} → {a['cpu_app_ms'] + a['cpu_db_ms']:.1f} "
                f"({a['cpu_app_ms']:.1f} + {a['cpu_db_ms']:.1f}) |")

    for p in after["pages"]:
        if p["key"] in b_pages:
            lines.append(row(p["label"], b_pages[p["key"]], p, b_floor, a_floor))
    if before.get("mix") and after.get("mix"):
        lines.append(row("**weighted mix**", before["mix"], after["mix"], b_floor, a_floor))
    return "\n".join(lines)


def before_after_section(before, after):
    def others(result):
        found = [p["others_cpu_pct"] for p in result["pages"]]
        return f"{min(found):.0f}–{max(found):.0f}%"

    return "\n".join([
        f"### Scale {after['scale']['name']}: before and after", "",
        f"Before: {before['date']}, {before.get('code', 'the code before the change')}; "
        f"load average {' '.join(before['machine']['loadavg_start'])} at its start, other "
        f"processes {others(before)} of the CPU. After: {after['date']}, this code; load "
        f"average {' '.join(after['machine']['loadavg_start'])}, other processes "
        f"{others(after)}. Same machine, same data, same command.", "",
        before_after_table(before, after)])


def kept_sections(text):
    """A previous RESULTS.md's sections by scale ("S", "L"), as written."""
    found = {}
    for match in re.finditer(r"^### Scale ([SL]): .*?(?=^### |\Z)", text, re.M | re.S):
        if "before and after" not in match[0].splitlines()[0]:
            found[match[1]] = match[0].rstrip("\n")
    return found


def write(results, baselines=None, kept=None):
    baselines, kept = baselines or {}, kept or {}
    notes = next(iter(results.values()))["notes"]
    parts = [
        "# Hamwe under load",
        "",
        "Written by `bench/run` (see bench/README.md); do not edit by hand. Every page is "
        "measured beside the floor (a trivial signed-in view) in the same run, over "
        "loopback with wrk. Bytes are bodies as sent (1 kB = 1,000 bytes); CPU is the "
        "gunicorn workers' and PostgreSQL's, read from /proc, per request.",
        "",
        "How the server ran:",
        *[f"- {n}" for n in notes],
    ]
    small = results.get("S")
    for name in ("S", "L"):
        if name in results:
            parts += ["", scale_section(results[name], small if name == "L" else None)]
            if name in baselines:
                parts += ["", before_after_section(baselines[name], results[name])]
        elif name in kept:
            text = kept[name]
            note = "_Not run this time: the section as the previous RESULTS.md had it._"
            if note not in text:
                heading, rest = text.split("\n", 1)
                text = f"{heading}\n\n{note}\n{rest}"
            parts += ["", text]
    if "S" in results and "L" in results:
        parts += ["", "### Growth from S to L", "",
                  "When the two scales ran at different times on a shared machine, the "
                  "latencies of each carry that moment's noise; the CPU per request is the "
                  "steadier guide.", "", growth_table(results["S"], results["L"])]
    RESULTS.write_text("\n".join(parts) + "\n")


def load_results():
    return {name: json.loads((OUT / f"{name}.json").read_text())
            for name in ("S", "L") if (OUT / f"{name}.json").exists()}


def load_baselines():
    return {name: json.loads((BASELINE / f"{name}.json").read_text())
            for name in ("S", "L") if (BASELINE / f"{name}.json").exists()}


def keep_baseline(path, code):
    """Keep a run's figures as the "before" of its scale (without its queries' text)."""
    result = json.loads(Path(path).read_text())
    for page in result["pages"]:
        page.pop("sql", None)
    result.pop("profiles", None)
    result["code"] = code
    BASELINE.mkdir(exist_ok=True)
    target = BASELINE / f"{result['scale']['name']}.json"
    target.write_text(json.dumps(result, indent=1) + "\n")
    print(f"kept {path} as {target.relative_to(ROOT)}")


def main():
    parser = argparse.ArgumentParser(description="Write bench/RESULTS.md.")
    parser.add_argument("--baseline", help="a run's <scale>.json to keep as its 'before'")
    parser.add_argument("--code", default="the code before the change",
                        help="what the baseline ran, for the report")
    args = parser.parse_args()
    if args.baseline:
        keep_baseline(args.baseline, args.code)
    results = load_results()
    if not results:
        sys.exit("no figures in bench/out/: run bench/run first")
    kept = kept_sections(RESULTS.read_text()) if RESULTS.exists() else {}
    write(results, load_baselines(), kept)
    if "S" in results and "L" in results:
        print(growth_table(results["S"], results["L"]))
        missed = misses(results["L"], results["S"])
        print("\nTargets missed at L (against S):" if missed else "\nAll targets met at L.")
        for m in missed:
            print(f"- {m}")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
