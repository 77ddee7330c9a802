"""The inputs of a release, read from a run's output, and the version they make."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from hemicycle import SCHEMA_VERSION
from hemicycle.errors import ReleaseError
from hemicycle.folder_lock import FolderBusy, FolderLock
from hemicycle.publish.parquet import frame_hash
from hemicycle.publish.release import hashing
from hemicycle.publish.release.inputs import read_run_tables

# The layout of a release (see the package's docstring), for readers; bump when it changes.
# 2: the database holds the tables, the files of partitioned tables hold no source column
# (the hive path gives it) and are named by year.
RELEASE_FORMAT = "2"


@dataclass
class Plan:
    """The inputs of a release, read from a run's output, and the version they make."""

    frames: dict[str, pl.DataFrame]
    validation_bytes: bytes
    validation: dict[str, Any]
    date: str
    version: str


def plan_release(out_dir: Path) -> Plan:
    report = out_dir / "validation.json"
    if not report.is_file():
        raise ReleaseError(f"{report} not found", "run `hemicycle run` first, or pass --from")
    frames = read_run_tables(out_dir)
    if frames["documents"].is_empty():
        raise ReleaseError(f"no tables under {out_dir / 'tables'}", "run `hemicycle run` first, or pass --from")
    validation_bytes = report.read_bytes()
    date = str(frames["documents"]["fetched_at"].max())[:10]
    digest = hashing.sha256_hex(hashing.canonical_json({
        "format": RELEASE_FORMAT, "duckdb": duckdb.__version__, "schema_version": SCHEMA_VERSION,
        "tables": {name: frame_hash(df) for name, df in frames.items()},
        "layer": hashing.code_digest(), "validation": hashing.sha256_hex(validation_bytes),
    }))
    return Plan(frames=frames, validation_bytes=validation_bytes,
                validation=json.loads(validation_bytes), date=date, version=f"{date}-{digest[:8]}")


def plan_locked(out_dir: Path) -> Plan:
    """``plan_release`` while no run writes ``out_dir`` (a shared lock on the folder)."""
    try:
        with FolderLock(Path(out_dir), exclusive=False, command="hemicycle release"):
            return plan_release(out_dir)
    except FolderBusy as exc:
        raise ReleaseError(str(exc), "wait for the run to finish, then release") from None
