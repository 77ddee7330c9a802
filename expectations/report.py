"""validation.json: what was checked, with which severity, what failed and why.

Each table's checks write ``checks/<table>@<partition>.json`` (``@all`` for rules on the
whole release) and then recompose the report from every file present, so the report is
complete whichever check finishes last, including runs where a blocking failure stops the
stages downstream, and runs that checked one partition only.
"""

from __future__ import annotations

import fcntl
import json
from pathlib import Path
from typing import Any

import polars as pl

from expectations.rules import ERROR
from hemicycle.files import atomic_write_bytes


def _dump(data: Any) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode()


def compose_report(checks: list[dict[str, Any]],
                   resolution: dict[str, Any] | None = None) -> dict[str, Any]:
    blocking = [c for c in checks if c["severity"] == ERROR and not c["passed"]]
    return {
        "passed": not blocking,
        "blocking_failures": len(blocking),
        "warnings": sum(1 for c in checks if c["severity"] != ERROR and not c["passed"]),
        "checks": sorted(checks, key=lambda c: (c["table"], c["rule"], c.get("partition") or "")),
        "resolution": resolution or {},
    }


def resolution_summary(matches: pl.DataFrame) -> dict[str, Any]:
    """How an assembly's person signatures were attributed: per method and, for those left
    unresolved, per reason; counts and shares of the person signatures."""
    people = matches.filter(pl.col("method") != "group")
    total = people.height

    def share(n: int) -> float:
        return round(n / total, 4) if total else 0.0

    methods = {m: {"signatures": n, "share": share(n)}
               for m, n in people.group_by("method").len().sort("method").iter_rows()}
    reasons = dict(people.filter(pl.col("method") == "unresolved")
                   .group_by("reason").len().sort("reason").iter_rows())
    with_member = people.filter(pl.col("member_id").is_not_null()).height
    return {"person_signatures": total, "with_member": with_member, "share_with_member": share(with_member),
            "resolved": total - sum(reasons.values()), "share_resolved": share(total - sum(reasons.values())),
            "methods": methods, "unresolved_reasons": reasons}


def write_table_results(out_dir: Path, table: str, results: list[dict[str, Any]],
                        partition: str | None = None, summary: dict[str, Any] | None = None) -> Path:
    """``partition`` None: results of rules judged on every partition together; ``summary``:
    how the partition's signatures were attributed (person_matches only)."""
    results = [{**r, "partition": partition} for r in results]
    (out_dir / "checks" / f"{table}.json").unlink(missing_ok=True)  # unpartitioned, older layout
    atomic_write_bytes(out_dir / "checks" / f"{table}@{partition or 'all'}.json", _dump(results))
    if summary is not None and partition:
        atomic_write_bytes(out_dir / "checks" / "resolution" / f"{partition}.json", _dump(summary))
    report = out_dir / "validation.json"
    # partitions are checked side by side: one recomposes the report at a time, from every
    # file present then, so the last to write it has read every other's results
    with open(out_dir / "checks" / ".report.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        checks: list[dict[str, Any]] = []
        for path in sorted((out_dir / "checks").glob("*.json")):
            checks.extend(json.loads(path.read_text(encoding="utf-8")))
        resolution = {path.stem: json.loads(path.read_text(encoding="utf-8"))
                      for path in sorted((out_dir / "checks" / "resolution").glob("*.json"))}
        atomic_write_bytes(report, _dump(compose_report(checks, resolution)))
    return report
