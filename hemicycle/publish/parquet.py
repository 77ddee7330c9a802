"""Hive-partitioned Parquet tables, swapped into place atomically.

``<out>/<table>`` is a symbolic link to ``<out>/.versions/<table>-<hash>``: a new version
is assembled completely beside the old one, then the link is replaced in one rename, so a
reader sees the old table or the new one, never half of one. The clean stage has already
written every table as parts (``hemicycle.parts``), one file per ``source=/year=`` slice
with its content hash, so a version is assembled from files, not rows: identical content
keeps its hash and an unchanged table is not rewritten at all; in a changed table, each
slice whose content did not change is carried over as hard links to the same files, and
the new slices are linked from the clean stage's output.
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
from hemicycle.files import replace_symlink
from hemicycle.parts import PART_FILE, WHOLE, TableParts, frame_hash, slice_dir, write_slice
from hemicycle.schema import Table

__all__ = ["frame_hash", "publish_parts", "write_parts"]

PARTS_MANIFEST = ".parts.json"  # slice directory -> content hash, inside a version


def write_parts(df: pl.DataFrame, table: Table, root: Path, partition: str = "") -> TableParts:
    """``df`` (rows of any assemblies) written as parts under ``root``."""
    hashes, counts = {}, {}
    if table.partitioned and df.height:
        for (source, year), rows in df.partition_by("source", "year", as_dict=True).items():
            name = slice_dir(source, year)
            hashes[name], counts[name] = write_slice(rows, table, root, name)
    elif not table.partitioned:
        hashes[WHOLE], counts[WHOLE] = write_slice(df, table, root, WHOLE)
    return TableParts(table.name, partition, root, df.height, hashes, counts)


def _slices(parts: list[TableParts]) -> dict[str, tuple[str, Path]]:
    """Slice directory -> (content hash, file) over the parts of every partition."""
    return {name: (digest, parts_of.root / name / PART_FILE)
            for parts_of in parts for name, digest in parts_of.slices.items() if name}


def table_version(table: Table, parts: list[TableParts]) -> str:
    digest = hashlib.sha256(repr(dict(table.polars_schema())).encode())  # as when it was a dict
    if table.partitioned:
        digest.update(json.dumps({k: v[0] for k, v in sorted(_slices(parts).items())}).encode())
    else:
        digest.update(json.dumps([(p.partition, p.slices) for p in sorted(parts, key=lambda p: p.partition)]).encode())
    return digest.hexdigest()[:16]


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # no hard links on this file system: copy, keeping the mtime
        shutil.copy2(source, target)


def _combine(table: Table, files: list[Path], target: Path) -> None:
    """The parts of several assemblies as one file, sorted by key."""
    con = duckdb.connect()
    try:
        con.execute("SET threads = 1")  # one writer thread: same input, same bytes
        listed = ", ".join(f"'{f.as_posix()}'" for f in files)
        metadata = f"KV_METADATA {{dataset: '{DATASET_NAME}', table_name: '{table.name}', " \
                   f"schema_version: '{SCHEMA_VERSION}'}}"
        con.execute(f"COPY (SELECT * FROM read_parquet([{listed}]) ORDER BY {', '.join(table.key)}) "
                    f"TO '{target}' (FORMAT parquet, COMPRESSION zstd, {metadata})")
    finally:
        con.close()


def _assemble(table: Table, parts: list[TableParts], staging: Path, previous: Path | None) -> None:
    """A new version in ``staging``; slices identical to ``previous`` ones are hard links to them."""
    staging.mkdir(parents=True)
    if not table.partitioned:
        files = [f for p in sorted(parts, key=lambda p: p.partition) for f in p.files()]
        if len(files) == 1:
            _link(files[0], staging / PART_FILE)
        else:
            _combine(table, files, staging / PART_FILE)
        return
    slices = _slices(parts)
    if not slices:  # no rows at all: one empty file with every column
        write_slice(table.empty(), table, staging, WHOLE)
        return
    old = {}
    if previous is not None and (previous / PARTS_MANIFEST).exists():
        old = json.loads((previous / PARTS_MANIFEST).read_text(encoding="utf-8"))
    for name, (digest, path) in sorted(slices.items()):
        if previous is not None and old.get(name) == digest and (previous / name).is_dir():
            for kept in sorted((previous / name).iterdir()):
                _link(kept, staging / name / kept.name)
        else:
            _link(path, staging / name / PART_FILE)
    (staging / PARTS_MANIFEST).write_text(json.dumps({k: v[0] for k, v in slices.items()}, indent=1,
                                                     sort_keys=True), encoding="utf-8")


def publish_parts(table: Table, parts: list[TableParts], out_dir: Path) -> tuple[Path, bool]:
    """Make ``out_dir/<table>`` show the parts of every partition; returns (version dir,
    whether anything was written)."""
    versions = out_dir / ".versions"
    version = versions / f"{table.name}-{table_version(table, parts)}"
    link = out_dir / table.name
    if link.is_symlink() and link.resolve() == version.resolve() and version.exists():
        return version, False
    if not version.exists():
        staging = versions / f".staging-{table.name}-{uuid.uuid4().hex}"
        current = link.resolve() if link.is_symlink() and link.resolve().is_dir() else None
        try:
            _assemble(table, parts, staging, current)
            os.replace(staging, version)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    old = link.resolve() if link.is_symlink() else None
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)
    replace_symlink(link, os.path.relpath(version, out_dir))
    if old and old != version.resolve() and old.exists():
        shutil.rmtree(old, ignore_errors=True)
    return version, True
