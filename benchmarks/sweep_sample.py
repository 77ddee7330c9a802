"""Request counts and timings of a crawl of the embedded sample, served on loopback.

The sample's real PACE pages are served at consecutive FileIDs and its EP records through
an emulation of the Open Data Portal API; the whole pipeline runs three times: a first
run, a second on the unchanged sites, a third after one new document appears.

    .venv/bin/python benchmarks/sweep_sample.py [--interval SECONDS]

Timings depend on the machine and its load; request counts do not.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from loopback import Hit, LoopbackServer, Page, crawl_settings, html_page, serve_sample_site  # noqa: E402


def describe(hits: list[Hit]) -> str:
    kinds = Counter("robots.txt" if h.path == "/robots.txt" else
                    ("conditional" if h.conditional else "unconditional") for h in hits)
    return f"{len(hits)} requests ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interval", type=float, default=0.05, help="seconds between requests")
    args = parser.parse_args()
    os.environ.pop("DAGSTER_HOME", None)
    from pipelines.runner import run_pipeline

    sample = ROOT / "data" / "sample"
    with LoopbackServer() as server, tempfile.TemporaryDirectory() as out:
        served = serve_sample_site(server, sample)
        settings = crawl_settings(server, min_interval=args.interval)
        for run in ("first run", "second run, nothing changed", "third run, one new document"):
            if run.startswith("third"):
                seed = (sample / "seeds" / "pace-written-declaration-829-fr.txt").read_text(encoding="utf-8")
                server.add(f"/fr/files/{max(served) + 1}/html", Page(html_page(seed)))
            before = len(server.requests())
            started = time.monotonic()
            summary = run_pipeline(Path(out), source="http", **settings)
            hits = server.requests()[before:]
            print(f"{run}: {time.monotonic() - started:.1f} s, {describe(hits)}; "
                  f"parsed {summary.parsed}, rebuilt {summary.rebuilt or 'nothing'}, "
                  f"{'published' if summary.published else 'nothing published'}")
            for source in ("pace", "ep"):
                part = [h for h in hits if h.path.startswith("/api/") == (source == "ep") and h.path != "/robots.txt"]
                print(f"  {source}: {describe(part)}")


if __name__ == "__main__":
    main()
