"""``make bench``: measure the pipeline at scale and write ``benchmarks/RESULTS.md``.

    python -m benchmarks.run                # 1k and 10k documents (about 6 minutes)
    python -m benchmarks.run --scale 100k   # also 100k: rebuild, memory, release queries (~20 min)

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

from benchmarks import throughput
from benchmarks.corpus import SCALES, write_corpus
from benchmarks.measure import ChildRun, run_pipeline_child
from benchmarks.metrics_10m import time_views, write_synthetic_signatories
from benchmarks.report import render
from hemicycle.fetch.sample import iter_sample_documents

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("dagster", "polars", "pyarrow", "duckdb", "great-expectations", "selectolax",
            "pycountry", "beautifulsoup4", "pandas", "pyinstrument")


def machine() -> dict:
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


def _child(run: ChildRun, what: str) -> dict:
    result = next((json.loads(line[7:]) for line in run.stdout.splitlines() if line.startswith("RESULT ")), {})
    if run.returncode != 0 or not result:
        print(run.stdout[-3000:])
        raise SystemExit(f"{what} failed (exit {run.returncode}, killed at {run.killed_at_mb} MB)")
    return {"wall_s": run.wall_s, "cpu_s": run.cpu_s, "peak_rss_mb": run.peak_rss_mb,
            "success": result["success"], "counts": result["counts"],
            "timeline": run.timeline[:: max(1, len(run.timeline) // 60)]}


def rebuild_and_noop(corpus: Path, out: Path, repeats: int, limit_mb: float) -> dict:
    """Full rebuilds from an empty output folder, then no-op runs on unchanged input."""
    rebuilds, noops = [], []
    for _ in range(repeats):
        shutil.rmtree(out, ignore_errors=True)
        rebuilds.append(_child(run_pipeline_child(out, corpus, limit_mb), f"rebuild of {corpus.name}"))
        print(f"  rebuild {corpus.name}: {rebuilds[-1]['wall_s']:.1f} s, "
              f"peak RSS {rebuilds[-1]['peak_rss_mb']:.0f} MB", flush=True)
    for _ in range(repeats):
        noops.append(_child(run_pipeline_child(out, corpus, limit_mb), f"no-op run of {corpus.name}"))
        print(f"  no-op {corpus.name}: {noops[-1]['wall_s']:.1f} s", flush=True)
    return {"rebuild": rebuilds, "noop": noops}


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
    args = parser.parse_args(argv)
    if args.render_only:
        results = json.loads((args.work / "results.json").read_text(encoding="utf-8"))
        args.results.write_text(render(results), encoding="utf-8")
        return 0
    started = time.perf_counter()
    results: dict = {"machine": machine(), "scale": args.scale, "seed": args.seed}
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
                                                      repeats, args.limit_mb)

    duck = write_synthetic_signatories(args.work / "duck-10m")
    results["queries"] = {"10M synthetic rows": time_views(duck / "hemicycle.duckdb")}
    largest = scales[-1]
    results["queries"][f"{largest} release"] = time_views(args.work / f"out-{largest}" / "hemicycle.duckdb")
    results["machine"]["load_after"] = os.getloadavg()
    results["seconds"] = time.perf_counter() - started

    (args.work / "results.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    args.results.write_text(render(results), encoding="utf-8")
    print(f"wrote {args.results} in {results['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
