"""Hive-partitioned Parquet tables, swapped into place atomically.

``<out>/<table>`` is a symbolic link to ``<out>/.versions/<table>-<hash>``: a new version
is written completely beside the old one, then the link is replaced in one rename, so a
reader sees the old table or the new one, never half of one. Identical content keeps its
hash, so an unchanged table is not rewritten at all; in a changed table, each
``source=/year=`` directory whose rows did not change is carried over as hard links to
the same files, so only the partitions that changed are written.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from pathlib import Path

import duckdb
import polars as pl

from hemicycle import DATASET_NAME, SCHEMA_VERSION
from hemicycle.schema import Table

PARTITION_COLUMNS = ("source", "year")
PARTS_MANIFEST = ".parts.json"  # partition directory -> content hash, inside a version


def frame_hash(df: pl.DataFrame) -> str:
    """Content hash of a frame, independent of how it was built (schema + rows as JSON lines).

    Arrow buffers are not: string views and slices lay the same rows out differently.
    """
    digest = hashlib.sha256(repr(df.schema).encode())
    digest.update(df.write_ndjson().encode())
    return digest.hexdigest()[:16]


def write_parquet_dir(df: pl.DataFrame, table: Table, target: Path) -> list[Path]:
    """Write ``df`` as zstd Parquet under ``target`` (hive partitions when the table has them)."""
    target.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        con.execute("SET threads = 1")  # one writer thread: same input, same bytes
        con.register("frame", df.to_arrow())
        metadata = f"KV_METADATA {{dataset: '{DATASET_NAME}', table_name: '{table.name}', " \
                   f"schema_version: '{SCHEMA_VERSION}'}}"
        order = ", ".join(table.key)
        if table.partitioned and df.height:
            con.execute(
                f"COPY (SELECT * FROM frame ORDER BY {order}) TO '{target}' "
                f"(FORMAT parquet, COMPRESSION zstd, PARTITION_BY ({', '.join(PARTITION_COLUMNS)}), "
                f"FILENAME_PATTERN 'part-{{i}}', {metadata})"
            )
        else:
            con.execute(
                f"COPY (SELECT * FROM frame ORDER BY {order}) TO '{target / 'part-0.parquet'}' "
                f"(FORMAT parquet, COMPRESSION zstd, {metadata})"
            )
    finally:
        con.close()
    return sorted(target.rglob("*.parquet"))


def partition_dir(source: str, year: int | None) -> str:
    """The hive directory DuckDB writes for one (source, year)."""
    return f"source={source}/year={'__HIVE_DEFAULT_PARTITION__' if year is None else year}"


def partition_hashes(df: pl.DataFrame, table: Table) -> dict[str, str]:
    """Content hash of each ``source=/year=`` slice of a partitioned table."""
    return dict(sorted((partition_dir(source, year), frame_hash(part.sort(list(table.key))))
                       for (source, year), part in df.group_by(list(PARTITION_COLUMNS))))


def _write_version(df: pl.DataFrame, table: Table, staging: Path, previous: Path | None) -> None:
    """Write a new version; partitions identical to ``previous`` ones become hard links to them."""
    if not (table.partitioned and df.height):
        write_parquet_dir(df, table, staging)
        return
    hashes = partition_hashes(df, table)
    old = {}
    if previous is not None and (previous / PARTS_MANIFEST).exists():
        old = json.loads((previous / PARTS_MANIFEST).read_text(encoding="utf-8"))
    slices = df.select(PARTITION_COLUMNS).unique()
    reused = slices.filter(pl.struct(PARTITION_COLUMNS).map_elements(
        lambda r: (d := partition_dir(r["source"], r["year"])) in old and old[d] == hashes[d]
        and (previous / d).is_dir(), return_dtype=pl.Boolean))
    changed = df.join(reused, on=list(PARTITION_COLUMNS), how="anti", nulls_equal=True)
    if changed.height:
        write_parquet_dir(changed, table, staging)
    else:
        staging.mkdir(parents=True)
    for source, year in sorted(reused.iter_rows(), key=str):
        directory = partition_dir(source, year)
        (staging / directory).mkdir(parents=True)
        for path in sorted((previous / directory).iterdir()):
            try:
                os.link(path, staging / directory / path.name)
            except OSError:  # no hard links on this file system: copy, keeping the mtime
                shutil.copy2(path, staging / directory / path.name)
    (staging / PARTS_MANIFEST).write_text(json.dumps(hashes, indent=1, sort_keys=True), encoding="utf-8")


def table_hash(df: pl.DataFrame, table: Table) -> str:
    if table.partitioned and df.height:
        digest = hashlib.sha256(repr(df.schema).encode())
        digest.update(json.dumps(partition_hashes(df, table), sort_keys=True).encode())
        return digest.hexdigest()[:16]
    return frame_hash(df)


def publish_table(df: pl.DataFrame, table: Table, out_dir: Path) -> tuple[Path, bool]:
    """Make ``out_dir/<table>`` show ``df``; returns (version dir, whether anything was written)."""
    versions = out_dir / ".versions"
    version = versions / f"{table.name}-{table_hash(df, table)}"
    link = out_dir / table.name
    if link.is_symlink() and link.resolve() == version.resolve() and version.exists():
        return version, False
    if not version.exists():
        staging = versions / f".staging-{table.name}-{uuid.uuid4().hex}"
        current = link.resolve() if link.is_symlink() and link.resolve().is_dir() else None
        _write_version(df, table, staging, current)
        os.replace(staging, version)
    old = link.resolve() if link.is_symlink() else None
    tmp_link = out_dir / f".{table.name}.{uuid.uuid4().hex}.link"
    os.symlink(os.path.relpath(version, out_dir), tmp_link)
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)
    os.replace(tmp_link, link)
    if old and old != version.resolve() and old.exists():
        shutil.rmtree(old, ignore_errors=True)
    return version, True
