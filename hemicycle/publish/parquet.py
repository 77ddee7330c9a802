"""Hive-partitioned Parquet tables, swapped into place atomically.

``<out>/<table>`` is a symbolic link to ``<out>/.versions/<table>-<hash>``: a new version
is written completely beside the old one, then the link is replaced in one rename, so a
reader sees the old table or the new one, never half of one. Identical content keeps its
hash, so an unchanged table is not rewritten at all.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from pathlib import Path

import duckdb
import polars as pl

from hemicycle import DATASET_NAME, SCHEMA_VERSION
from hemicycle.schema import Table

PARTITION_COLUMNS = ("source", "year")


def frame_hash(df: pl.DataFrame) -> str:
    """Content hash of a frame, independent of how it was built (schema + sorted rows)."""
    digest = hashlib.sha256(repr(df.schema).encode())
    digest.update(df.write_ipc(None, compression="uncompressed").getvalue())
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


def publish_table(df: pl.DataFrame, table: Table, out_dir: Path) -> tuple[Path, bool]:
    """Make ``out_dir/<table>`` show ``df``; returns (version dir, whether anything was written)."""
    versions = out_dir / ".versions"
    version = versions / f"{table.name}-{frame_hash(df)}"
    link = out_dir / table.name
    if link.is_symlink() and link.resolve() == version.resolve() and version.exists():
        return version, False
    if not version.exists():
        staging = versions / f".staging-{table.name}-{uuid.uuid4().hex}"
        write_parquet_dir(df, table, staging)
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
