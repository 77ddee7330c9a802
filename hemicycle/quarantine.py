"""The quarantine ledger: when each reason was first seen, and what was released since.

The quarantine table is rebuilt every run from what fails now, so a document that parses
again leaves it by itself. The ledger (``quarantine_ledger.json`` beside the tables) keeps
the date a reason was first recorded across runs, and notes every release.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl

from hemicycle.fetch.store import utc_now
from hemicycle.files import atomic_write_bytes


def _key(row: dict[str, Any]) -> str:
    return "\t".join((row["url"], row["stage"], row["rule"], row["record"]))


def apply_ledger(quarantine: pl.DataFrame, ledger_path: Path,
                 now: str | None = None) -> tuple[pl.DataFrame, list[dict[str, str]]]:
    """Quarantine rows with their first_seen from the ledger; the rows released this run."""
    now = now or utc_now()
    ledger = json.loads(ledger_path.read_text(encoding="utf-8")) if ledger_path.exists() else {}
    active: dict[str, dict[str, str]] = ledger.get("active", {})
    released: list[dict[str, str]] = ledger.get("released", [])
    rows = quarantine.to_dicts()
    current: dict[str, dict[str, str]] = {}
    for row in rows:
        key = _key(row)
        first = active.get(key, {}).get("first_seen") or row["first_seen"]
        row["first_seen"] = min(first, row["first_seen"])
        current[key] = {"first_seen": row["first_seen"], "raw_sha256": row["raw_sha256"]}
    released_now = [{"key": key, **entry, "released_at": now}
                    for key, entry in sorted(active.items()) if key not in current]
    if released_now or current != active:
        atomic_write_bytes(ledger_path, json.dumps(
            {"active": current, "released": released + released_now}, indent=1,
            ensure_ascii=False, sort_keys=True).encode())
    frame = pl.DataFrame(rows, schema=quarantine.schema) if rows else quarantine
    return frame, released_now
