"""``make bench``: measure the pipeline at scale and write ``benchmarks/RESULTS.md``.

    python -m benchmarks.run                # 1k and 10k documents (about 6 minutes)
    python -m benchmarks.run --scale 100k   # also 100k: rebuild, memory, release queries (~30 min)
    python -m benchmarks.run --scale 100k --keep-database   # the same, the database figures kept

Corpora and outputs go to ``build/bench/`` (ignored by git). Every figure is printed next
to its target and the ratio; timings are taken several times, best and spread reported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks import new_document, throughput
from benchmarks.corpus import SCALES, write_corpus
from benchmarks.measure import ChildRun, run_pipeline_child
from benchmarks.metrics_10m import time_metrics, time_questions, write_synthetic_tables
from benchmarks.report import render
from hemicycle.fetch.sample import iter_sample_documents

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("dagster", "polars", "pyarrow", "duckdb", "great-expectations", "selectolax",
            "pycountry", "beautifulsoup4", "pandas", "pyinstrument")


def machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {"cpu": cpu, "cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)),
            "ram_gb": round(mem_kb / 1024 / 1024, 1), "python": platform.python_version(),
            "os": platform.platform(), "packages": versions,
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "load_before": os.getloadavg()}


def _child(run: ChildRun, what: str) -> dict[str, Any]:
    result: dict[str, Any] = next(
        (json.loads(line[7:]) for line in run.stdout.splitlines() if line.startswith("RESULT ")), {})
    if run.returncode != 0 or not result:
        print(run.stdout[-3000:])
        raise SystemExit(f"{what} failed (exit {run.returncode}, killed at {run.killed_at_mb} MB)")
    summary = next((line for line in run.stdout.splitlines() if "rebuilt" in line), "").strip()
    return {"wall_s": run.wall_s, "cpu_s": run.cpu_s, "peak_rss_mb": run.peak_rss_mb,
            "own_peak_rss_mb": run.own_peak_mb, "processes": run.processes,
            "success": result["success"], "counts": result["counts"], "summary": summary,
            "timeline": run.timeline[:: max(1, len(run.timeline) // 60)]}


def rebuild_and_noop(corpus: Path, out: Path, repeats: int, limit_mb: float, one_core: bool = False) -> dict[str, Any]:
    """Full rebuilds from an empty output folder, then no-op runs on unchanged input, then a
    run with one new document; with ``one_core``, also a rebuild on one core."""
    rebuilds, noops, single = [], [], []
    if one_core:
        shutil.rmtree(out, ignore_errors=True)
        single.append(_child(run_pipeline_child(out, corpus, limit_mb, cores=1),
                             f"rebuild of {corpus.name} on one core"))
        print(f"  rebuild {corpus.name} on one core: {single[-1]['wall_s']:.1f} s", flush=True)
    for _ in range(repeats):
        shutil.rmtree(out, ignore_errors=True)
        rebuilds.append(_child(run_pipeline_child(out, corpus, limit_mb), f"rebuild of {corpus.name}"))
        print(f"  rebuild {corpus.name}: {rebuilds[-1]['wall_s']:.1f} s, "
              f"peak RSS {rebuilds[-1]['peak_rss_mb']:.0f} MB", flush=True)
    for _ in range(repeats):
        noops.append(_child(run_pipeline_child(out, corpus, limit_mb), f"no-op run of {corpus.name}"))
        print(f"  no-op {corpus.name}: {noops[-1]['wall_s']:.1f} s", flush=True)
    with new_document.added(corpus):
        one_new = [_child(run_pipeline_child(out, corpus, limit_mb), f"one new document in {corpus.name}")]
    print(f"  one new document {corpus.name}: {one_new[-1]['wall_s']:.1f} s", flush=True)
    return {"rebuild": rebuilds, "noop": noops, "one_new": one_new, "one_core": single}


def measure_database(results: dict[str, Any], work: Path) -> None:
    """The database over 10 M synthetic signatures (build time, size) and over the largest
    run's output, and how long each metric and question takes to read."""
    database = write_synthetic_tables(work / "duck-10m")
    print(f"database over 10M rows: {database['build_s']:.0f} s, {database['database_bytes'] / 1e6:.0f} MB",
          flush=True)
    path = Path(database["path"])
    results["database"] = {"10M synthetic rows": database}
    results["queries"] = {"10M synthetic rows": time_metrics(path)}
    results["questions"] = {"10M synthetic rows": time_questions(path)}
    largest = max(results["pipeline"], key=lambda scale: results["corpus"][scale]["documents"])
    output = work / f"out-{largest}" / "hemicycle.duckdb"
    results["queries"][f"{largest} run"] = time_metrics(output)
    results["questions"][f"{largest} run"] = time_questions(output)
    results["database"][f"{largest} run"] = {
        "database_bytes": output.stat().st_size,
        "parquet_bytes": {p.name: sum(f.stat().st_size for f in p.rglob("*.parquet"))
                          for p in (work / f"out-{largest}" / "tables").iterdir() if not p.name.startswith(".")}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=("10k", "100k"), default="10k",
                        help="largest corpus: 10k (default) or 100k")
    parser.add_argument("--repeats", type=int, default=2, help="runs of each pipeline measure")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument("--limit-mb", type=float, default=16000,
                        help="stop a pipeline run whose RSS passes this (protects a shared machine)")
    parser.add_argument("--render-only", action="store_true",
                        help="write RESULTS.md again from the last run's results.json")
    parser.add_argument("--keep-database", action="store_true",
                        help="measure the corpora and pipeline runs, keep the last run's database, metric "
                        "and question figures (measured apart with --metrics-only)")
    parser.add_argument("--metrics-only", action="store_true",
                        help="measure the database and metrics again (10 M rows and the last run's "
                        "largest output), keep the last run's other figures")
    args = parser.parse_args(argv)
    results: dict[str, Any]
    if args.render_only or args.metrics_only:
        results = json.loads((args.work / "results.json").read_text(encoding="utf-8"))
        if args.metrics_only:
            started = time.perf_counter()
            results["machine"]["load_before"] = os.getloadavg()
            measure_database(results, args.work)
            results.pop("queries_error", None)  # the last run's failure, measured again now
            results["machine"]["load_after"] = os.getloadavg()
            results["metrics_only"] = {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                                       "seconds": time.perf_counter() - started}
            (args.work / "results.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
        args.results.write_text(render(results), encoding="utf-8")
        return 0
    started = time.perf_counter()
    results = {"machine": machine(), "scale": args.scale, "seed": args.seed}
    scales = ["1k", "10k"] + (["100k"] if args.scale == "100k" else [])

    corpora = {}
    for scale in scales:
        folder = args.work / f"corpus-{scale}"
        start = time.perf_counter()
        stats = write_corpus(folder, SCALES[scale], args.seed)
        corpora[scale] = folder
        results.setdefault("corpus", {})[scale] = {
            "documents": SCALES[scale], "seconds": time.perf_counter() - start,
            "printed_signatories": stats.printed_signatories, "mb": stats.bytes / 1e6,
            "by_kind": dict(stats.documents)}
        print(f"corpus {scale}: {results['corpus'][scale]['seconds']:.1f} s", flush=True)

    docs = list(iter_sample_documents(corpora["10k"]))
    timings = throughput.measure(docs, docs[:2000], repeats=3)
    results["throughput"] = {name: t.summary() for name, t in timings.items()}
    del docs
    print("throughput: " + ", ".join(f"{k} {t.rate():.0f} docs/s/core" for k, t in timings.items()), flush=True)

    results["pipeline"] = {}
    for scale in scales:
        repeats = 1 if scale == "100k" else args.repeats
        results["pipeline"][scale] = rebuild_and_noop(corpora[scale], args.work / f"out-{scale}",
                                                      repeats, args.limit_mb, one_core=scale != "1k")

    if args.keep_database:
        kept = json.loads((args.work / "results.json").read_text(encoding="utf-8"))
        results.update({key: kept[key] for key in ("database", "queries", "questions") if key in kept})
        results["metrics_only"] = kept.get("metrics_only") or {"date": kept["machine"]["date"], "seconds": 0}
    else:
        _measure_database_apart(results, args.work)
    results["machine"]["load_after"] = os.getloadavg()
    results["seconds"] = time.perf_counter() - started

    (args.work / "results.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    args.results.write_text(render(results), encoding="utf-8")
    print(f"wrote {args.results} in {results['seconds']:.0f} s")
    return 0


def _measure_database_apart(results: dict[str, Any], work: Path) -> None:
    try:
        measure_database(results, work)
    except Exception as exc:  # noqa: BLE001 - the database is measured apart; the rest stands
        results["queries_error"] = f"{type(exc).__name__}: {exc}".splitlines()[0]
        print(f"metric views not measured: {results['queries_error']}", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
