"""manifest.json, and whether a staged release is the one published under its version.

The database's bytes vary between builds of the same content (see the package's docstring):
the manifest lists it without size or checksum, and comparing two releases skips its line
of SHA256SUMS, checking instead that the published copy is still the one listed."""

from __future__ import annotations

from typing import Any

import duckdb

from hemicycle import DATASET_NAME, SCHEMA_VERSION
from hemicycle.publish.duck import BLOCK_SIZE, DATABASE, STORAGE_VERSION


def manifest(*, version: str, date: str, previous: str | None, release_format: str,
             validation: dict[str, Any], row_counts: dict[str, int], table_paths: dict[str, list[str]],
             metric_paths: dict[str, list[str]], database_rows: dict[str, int],
             files: list[dict[str, Any]]) -> dict[str, Any]:
    """What a release is and holds: every file to download with its size and checksum."""
    return {
        "dataset": DATASET_NAME, "version": version, "date": date, "previous": previous,
        "schema_version": SCHEMA_VERSION, "release_format": release_format,
        "duckdb_version": duckdb.__version__, "duckdb_storage_version": STORAGE_VERSION,
        "duckdb_block_size": BLOCK_SIZE,
        "checks": {k: validation.get(k) for k in ("passed", "blocking_failures", "warnings")},
        "row_counts": row_counts,
        "tables": {name: {"kind": kind, "files": paths[name]}
                   for kind, paths in (("table", table_paths), ("metric", metric_paths)) for name in paths},
        "database": {"path": DATABASE, "tables": database_rows,
                     "note": "the database's size and checksum vary between builds of the same "
                             "content; SHA256SUMS has the checksum of the published copy"},
        # every file to download; the database without size or checksum (its bytes vary, above)
        "files": [dict(f, bytes=None, sha256=None) if f["path"] == DATABASE else f for f in files],
    }


def same_release(published: bytes, staged: bytes, listed: bytes | None = None) -> bool:
    """Whether the published copy of a version (``published``: its files' checksums as they
    are now) is the release just staged: every line but the database's, whose bytes vary
    between builds of the same content, and a database that is still the one ``listed`` in
    the SHA256SUMS published with it."""
    name = b"  " + DATABASE.encode()

    def split(sums: bytes | None) -> tuple[list[bytes], list[bytes]]:
        lines = (sums or b"").splitlines()
        return [x for x in lines if not x.endswith(name)], [x for x in lines if x.endswith(name)]

    (others, database), (staged_others, _) = split(published), split(staged)
    return others == staged_others and (listed is None or split(listed)[1] == database)
