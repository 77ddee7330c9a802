"""``benchmarks/RESULTS.md`` from the results of one ``make bench`` run."""

from __future__ import annotations

from typing import Any

TARGETS = {
    "clean_rate": 2000.0,  # documents/s/core
    "floor_ratio": 2.0,  # clean time / parse-only time
    "rebuild_100k_s": 180.0,
    "peak_rss_mb": 1500.0,
    "noop_s": 15.0,
    "query_s": 1.0,
}


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _spread(values: list[float], fmt: str = "{:.1f}") -> str:
    return f"{fmt.format(min(values))}–{fmt.format(max(values))}" if len(values) > 1 else "one run"


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def render(r: dict[str, Any]) -> str:
    m = r["machine"]
    t = r["throughput"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench{' SCALE=100k' if r['scale'] == '100k' else ''}` "
        f"(`python -m benchmarks.run --scale {r['scale']}`) on {m['date']}, in {r['seconds'] / 60:.1f} min.",
        "",
        "## Machine",
        "",
        f"- CPU: {m['cpu']}, {m['cores']} cores ({m['usable_cores']} usable); RAM {m['ram_gb']} GB",
        f"- Python {m['python']} on {m['os']}",
        "- Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        f"- Load average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in m['load_before'])}; "
        f"after: {', '.join(f'{x:.2f}' for x in m['load_after'])}. The machine is shared with "
        "other contributors' test runs: timings are noisy, so each is taken more than once and "
        "the best is reported with the spread (best–worst).",
        "",
        "## Corpus",
        "",
        "Synthetic, from `benchmarks/corpus.py` (seed " + str(r["seed"]) + "): PACE pages (HTML, "
        "stored text, PDF text; EN and FR), EP motion and joint-motion pages, Open Data Portal "
        "records, Legislative Observatory summaries, and broken documents.",
        "",
        _row("scale", "documents", "printed signatories", "MB", "generated in"),
        _row("---", "---:", "---:", "---:", "---:"),
    ]
    for scale, c in r["corpus"].items():
        lines.append(_row(scale, f"{c['documents']:,}", f"{c['printed_signatories']:,}",
                          f"{c['mb']:.0f}", f"{c['seconds']:.1f} s"))

    clean_rate = t["clean"]["best_docs_per_cpu_s"]
    floor_rate = t["floor"]["best_docs_per_cpu_s"]
    base_rate = t["baseline"]["best_docs_per_cpu_s"]
    floor_ratio = floor_rate / clean_rate
    lines += [
        "",
        "## Results",
        "",
        "Throughput is documents per CPU second of one process (= documents/s/core) on the "
        f"{t['clean']['documents']:,}-document corpus (baseline: its first {t['baseline']['documents']:,} "
        "documents); wall times of whole runs include Dagster start-up.",
        "",
        _row("figure", "measured (best)", "spread", "target", "ratio to target", "met"),
        _row("---", "---:", "---:", "---:", "---:", "---"),
        _row("clean stage (parse + normalise), docs/s/core", f"{clean_rate:,.0f}",
             _spread([t["clean"]["worst_docs_per_cpu_s"], clean_rate], "{:,.0f}"), "≥ 2,000",
             f"{clean_rate / TARGETS['clean_rate']:.2f}×", _met(clean_rate >= TARGETS["clean_rate"])),
        _row("clean stage time / parse-only floor time", f"{floor_ratio:.2f}×",
             f"floor {floor_rate:,.0f} docs/s/core", "≤ 2×", f"{floor_ratio / TARGETS['floor_ratio']:.2f}",
             _met(floor_ratio <= TARGETS["floor_ratio"])),
        _row("BeautifulSoup + pandas baseline, docs/s/core", f"{base_rate:,.0f}",
             _spread([t["baseline"]["worst_docs_per_cpu_s"], base_rate], "{:,.0f}"), "(reference)",
             f"hemicycle {clean_rate / base_rate:.1f}× faster", "—"),
    ]
    for scale, p in r["pipeline"].items():
        n = r["corpus"][scale]["documents"]
        walls = [x["wall_s"] for x in p["rebuild"]]
        rss = [x["peak_rss_mb"] for x in p["rebuild"]]
        noop = [x["wall_s"] for x in p["noop"]]
        best = min(walls)
        if scale == "100k":
            rebuild_target, rebuild_ratio = "< 180 s", f"{best / TARGETS['rebuild_100k_s']:.2f}"
            rebuild_met = _met(best < TARGETS["rebuild_100k_s"])
        else:
            projected = best * 100_000 / n
            rebuild_target = "< 180 s at 100k"
            rebuild_ratio = f"{projected / TARGETS['rebuild_100k_s']:.2f} (×{100_000 // n} linear: {projected:,.0f} s)"
            rebuild_met = "—"
        cpu = min(x["cpu_s"] for x in p["rebuild"])
        lines.append(_row(f"full rebuild, {scale} documents, wall s ({m['usable_cores']} cores)", f"{best:.1f}",
                          _spread(walls), rebuild_target, rebuild_ratio, rebuild_met))
        for single in p.get("one_core", []):
            lines.append(_row(f"full rebuild, {scale} documents, wall s (1 core)", f"{single['wall_s']:.1f}",
                              f"{m['usable_cores']} cores {best / single['wall_s']:.2f}× its time; CPU "
                              f"{single['cpu_s']:.0f} s on 1 core, {cpu:.0f} s on {m['usable_cores']}",
                              "(scaling)", "—", "—"))
        lines.append(_row(f"peak RSS of the rebuild, {scale}, MB (all its processes)", f"{min(rss):,.0f}",
                          _spread(rss, "{:,.0f}"), "< 1,500 MB at 100k",
                          f"{min(rss) / TARGETS['peak_rss_mb']:.2f}",
                          _met(min(rss) < TARGETS["peak_rss_mb"]) if scale == "100k" else "—"))
        lines.append(_row(f"no-op run (unchanged input), {scale}, wall s", f"{min(noop):.1f}",
                          _spread(noop), "< 15 s", f"{min(noop) / TARGETS['noop_s']:.2f}",
                          _met(min(noop) < TARGETS["noop_s"])))
        for one in p.get("one_new", []):
            lines.append(_row(f"one new document, {scale}, wall s", f"{one['wall_s']:.1f}",
                              one.get("summary", "one run").replace("|", "/"), "seconds (< 15 s)",
                              f"{one['wall_s'] / TARGETS['noop_s']:.2f}", _met(one["wall_s"] < TARGETS["noop_s"])))
    for where, metrics in r.get("queries", {}).items():
        for name, q in metrics.items():
            spread = (f"one run ({q['rows']:,} rows)" if q.get("runs") == 1
                      else f"{q['best']:.3f}–{q['worst']:.3f} ({q['rows']:,} rows)")
            lines.append(_row(f"metric `{name}` on {where}, s", f"{q['best']:.3f}", spread, "< 1 s",
                              f"{q['best'] / TARGETS['query_s']:.2f}", _met(q["best"] < TARGETS["query_s"])))
    for where, questions in r.get("questions", {}).items():
        for name, q in questions.items():
            spread = (f"one run ({q['rows']:,} rows)" if q.get("runs") == 1
                      else f"{q['best']:.3f}–{q['worst']:.3f} ({q['rows']:,} rows)")
            lines.append(_row(f"question `{name}` on {where}, s", f"{q['best']:.3f}", spread, "(reference)",
                              "—", "—"))

    if r.get("database"):
        lines += ["", "## The database", "",
                  "`hemicycle.duckdb` holds every table, the metric tables computed from them and the "
                  "macros. Over 10 M synthetic signatures the tables are `signatories` and the "
                  "`statements`, `statement_countries` and `persons` rows they imply; the build reads "
                  "the Parquet tables, sorts and stores them, computes every metric.",
                  "", _row("data", "database, MB", "Parquet tables, MB", "build, s"),
                  _row("---", "---:", "---:", "---:")]
        for where, d in r["database"].items():
            build = f"{d['build_s']:.0f}" if "build_s" in d else "(in the run)"
            lines.append(_row(where, f"{d['database_bytes'] / 1e6:,.1f}",
                              f"{sum(d['parquet_bytes'].values()) / 1e6:,.1f}", build))
        if "metrics_only" in r:
            lines += ["", f"The database, metric and question figures were measured again on "
                      f"{r['metrics_only']['date']} (`python -m benchmarks.run --metrics-only`, "
                      f"{r['metrics_only']['seconds'] / 60:.1f} min); the others come from the run above."]
    lines += ["", "## Rows produced", "",
              _row("run", "statements", "signatories", "quarantine rows", "pipeline success"),
              _row("---", "---:", "---:", "---:", "---")]
    for scale, p in r["pipeline"].items():
        c = p["rebuild"][0]["counts"]
        lines.append(_row(f"rebuild {scale}", f"{c.get('statements', 0):,}", f"{c.get('signatories', 0):,}",
                          f"{c.get('quarantine', 0):,}", p["rebuild"][0]["success"]))
    lines.append(_row("BeautifulSoup + pandas baseline", "", f"{t['baseline']['output_rows']:,} rows "
                      f"from {t['baseline']['documents']:,} documents", "(does not quarantine)", ""))
    largest = list(r["pipeline"])[-1]
    timeline = r["pipeline"][largest]["rebuild"][0]["timeline"]
    if timeline:
        step = max(1, len(timeline) // 16)
        samples = [*timeline[::step], timeline[-1]] if (len(timeline) - 1) % step else timeline[::step]
        lines += ["", f"## Memory over time, {largest} rebuild", "",
                  "Resident set size of the run (every process of it), sampled (seconds → MB): "
                  + ", ".join(f"{s:.0f} s → {mb:,.0f}" for s, mb in samples)
                  + f"; peak {r['pipeline'][largest]['rebuild'][0]['peak_rss_mb']:,.0f} MB."]
    if r.get("queries_error"):
        lines += ["", f"Metric views not measured: {r['queries_error']}"]
    lines += ["", "## Notes", "",
              f"- Median clean-stage rate: {t['clean']['median_docs_per_cpu_s']:,.0f} docs/s/core; "
              f"CPU seconds of each repeat: {', '.join(f'{x:.1f}' for x in t['clean']['cpu_s'])} "
              f"(wall {', '.join(f'{x:.1f}' for x in t['clean']['wall_s'])}).",
              f"- Median floor rate: {t['floor']['median_docs_per_cpu_s']:,.0f} docs/s/core.",
              "- A target marked **no** is missed; `benchmarks/README.md` says what dominates and "
              "what would have to change.",
              ""]
    return "\n".join(lines)
