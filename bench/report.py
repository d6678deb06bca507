#!/usr/bin/env python3
"""Turns the JSON results of one bench/run-all.sh run into its markdown report.

Usage: report.py RESULTS.jsonl META.json [APPENDIX.md ...] > REPORT.md

Each line of RESULTS.jsonl is one result: id (scenario number), key, name, result (the headline as text) and, where
they apply, throughput + unit, p50_ms/p95_ms/p99_ms, cpu_cores, rss_peak_mib/rss_end_mib, notes; or error. The
ceiling rows (key ceiling-*) are pgbench runs; every throughput is also shown as a fraction of their mean.
"""
import json
import sys

# the targets (issues 14, 15 and 17), by result key: (text, check(result) -> bool)
TARGETS = {
    "post-64r": ("≥ 2,000 posts/s, p99 ≤ 100 ms", lambda r: r["throughput"] >= 2000 and r["p99_ms"] <= 100),
    "post-1r": ("≥ 1,000 posts/s into one room", lambda r: r["throughput"] >= 1000),
    "e2e-frame-64s-64r": ("≥ 2,000 msg/s, post→frame p99 ≤ 100 ms",
                          lambda r: r["throughput"] >= 2000 and r["p99_ms"] <= 100),
    "e2e-frame-64s-1r": ("≥ 1,000 msg/s into one room, not falling",
                         lambda r: r["throughput"] >= 1000
                         and r.get("last_third_rate", 0) >= 0.9 * r.get("first_third_rate", 0)),
    "rate-1000-1r": ("1,000 msg/s carried, post→frame p99 ≤ 50 ms",
                     lambda r: r["throughput"] >= 990 and r["p99_ms"] <= 50),
    "rate-500-64r": ("500 msg/s carried, POST p50 ≤ 5 / p99 ≤ 20 ms",
                     lambda r: r["throughput"] >= 495 and r["http_p50_ms"] <= 5 and r["http_p99_ms"] <= 20),
    "single": ("p99 ≤ 10 ms", lambda r: r["p99_ms"] <= 10),
    "lag": ("lag does not grow over the run", lambda r: r["lag_last_avg"] <= max(2 * r["lag_first_avg"], 500)),
    "recent-redis": ("≥ 5,000 req/s, p99 ≤ 15 ms", lambda r: r["throughput"] >= 5000 and r["p99_ms"] <= 15),
    "recent-postgres": ("≥ 3,000 req/s", lambda r: r["throughput"] >= 3000),
    "fanout-60": ("≥ 60,000 frames/s, p99 ≤ 50 ms", lambda r: r["throughput"] >= 60000 and r["p99_ms"] <= 50),
    "rebuild": ("≥ 0.8 of the set-based copy", lambda r: r["share_of_copy"] >= 0.8),
    "room-snapshots": ("p99 ≤ 20 ms", lambda r: r["p99_ms"] <= 20),
    "room-snapshots-cache": ("p99 ≤ 20 ms", lambda r: r["p99_ms"] <= 20),
    "startup": ("≤ 4 s", lambda r: r["seconds"] <= 4),
    "idle-rss": ("≤ 350 MB", lambda r: r["rss_end_mib"] * 1.048576 <= 350),
}


def target_of(key):
    if key in TARGETS:
        return TARGETS[key]
    for prefix in ("rebuild", "fanout-60"):
        if key.startswith(prefix + "-") or key == prefix:
            return TARGETS[prefix]
    return None


def num(value, digits=1):
    if value is None:
        return "—"
    if isinstance(value, float) and value != value:  # NaN
        return "—"
    return f"{value:,.{digits}f}"


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def main():
    results = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    meta = json.load(open(sys.argv[2]))
    ceilings = [r["throughput"] for r in results
                if r.get("key", "").startswith("ceiling") and not r.get("error") and r.get("throughput")]
    ceiling = sum(ceilings) / len(ceilings) if ceilings else None

    out = [f"# Benchmark results {meta['stamp']}", ""]
    out.append(f"- mode: {'QUICK=1 (small sizes, short runs: indicative only, not comparable with the targets)' if meta['quick'] else 'full'}; "
               f"scenarios: {meta['scenarios']}")
    out.append(f"- commit: `{meta['commit']}`; jar: `{meta['jar']}`; backend heap `-Xms{meta['heap_min']} -Xmx{meta['heap']}`"
               f"{'; JFR on' if meta.get('jfr') else ''}")
    out.append(f"- machine: {meta['cpus']} cores, {meta['memory']}; load average at the start {meta['load_start']}, "
               f"at the end {meta['load_end']}; {meta['minutes']:.1f} minutes")
    if ceiling:
        runs = ", ".join(f"{c:,.0f}" for c in ceilings)
        out.append(f"- ceiling (pgbench, one-row insert transactions into an event-store-shaped table): {ceiling:,.0f} tx/s "
                   f"(mean of {runs}); **× ceiling** = throughput ÷ {ceiling:,.0f}")
    else:
        out.append("- ceiling: not measured in this run, so no ratios")
    out.append(f"- settings: {meta['settings']}")
    out.append("")
    out.append("| # | scenario | result | × ceiling | p50 ms | p95 ms | p99 ms | server CPU (cores) | server RSS peak / end (MiB) | target | notes |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|")
    failures = 0
    for r in results:
        key = r.get("key", "")
        if r.get("error"):
            failures += 1
            out.append(f"| {r.get('id', '?')} | {cell(r.get('name', key))} | **FAILED** | | | | | | | | {cell(r['error'])} |")
            continue
        ratio = "—"
        if ceiling and r.get("throughput") is not None:
            ratio = f"{r['throughput'] / ceiling:.3f}"
        rss = "—"
        if r.get("rss_peak_mib") is not None:
            rss = f"{r['rss_peak_mib']:,.0f} / {r.get('rss_end_mib', 0):,.0f}"
        target = ""
        t = target_of(key)
        if t:
            text, check = t
            try:
                met = check(r)
                target = f"{text}: {'met' if met else '**missed**'}"
            except (KeyError, TypeError):
                target = text
        out.append("| " + " | ".join([
            cell(r.get("id", "")), cell(r.get("name", key)), cell(r.get("result", "")), ratio,
            num(r.get("p50_ms")), num(r.get("p95_ms")), num(r.get("p99_ms")),
            num(r.get("cpu_cores"), 2), rss, cell(target), cell(r.get("notes", "")),
        ]) + " |")
    out.append("")
    out.append(f"{len(results)} results, {failures} failed. Latencies are nearest-rank percentiles; server CPU is the "
               "backend's utime+stime over the measured window ÷ its wall time (cores kept busy, of "
               f"{meta['cpus']}); RSS is VmRSS sampled every 100 ms. PostgreSQL, Redis and the load generator run on the "
               "same cores and are not counted in the server's CPU.")
    for appendix in sys.argv[3:]:
        try:
            text = open(appendix).read().strip()
        except OSError:
            continue
        if text:
            out += ["", text]
    print("\n".join(out))


if __name__ == "__main__":
    main()
