"""validation.json: what was checked, with which severity, what failed and why.

Each table's checks write ``checks/<table>@<partition>.json`` (``@all`` for rules on the
whole release) and then recompose the report from every file present, so the report is
complete whichever check finishes last, including runs where a blocking failure stops the
stages downstream, and runs that checked one partition only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from expectations.rules import ERROR
from hemicycle.fetch.store import atomic_write_bytes


def _dump(data: Any) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode()


def compose_report(checks: list[dict[str, Any]]) -> dict[str, Any]:
    blocking = [c for c in checks if c["severity"] == ERROR and not c["passed"]]
    return {
        "passed": not blocking,
        "blocking_failures": len(blocking),
        "warnings": sum(1 for c in checks if c["severity"] != ERROR and not c["passed"]),
        "checks": sorted(checks, key=lambda c: (c["table"], c["rule"], c.get("partition") or "")),
    }


def write_table_results(out_dir: Path, table: str, results: list[dict[str, Any]],
                        partition: str | None = None) -> Path:
    """``partition`` None: results of rules judged on every partition together."""
    results = [{**r, "partition": partition} for r in results]
    (out_dir / "checks" / f"{table}.json").unlink(missing_ok=True)  # unpartitioned, older layout
    atomic_write_bytes(out_dir / "checks" / f"{table}@{partition or 'all'}.json", _dump(results))
    checks: list[dict[str, Any]] = []
    for path in sorted((out_dir / "checks").glob("*.json")):
        checks.extend(json.loads(path.read_text(encoding="utf-8")))
    report = out_dir / "validation.json"
    atomic_write_bytes(report, _dump(compose_report(checks)))
    return report
