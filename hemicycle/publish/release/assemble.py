"""A whole release written into an empty staging folder, in the order its files depend on
each other: tables, database, metrics, SQL, change log, datapackage, extra files, then
manifest.json and SHA256SUMS, which cover everything before them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from hemicycle.progress import track
from hemicycle.publish import changes as change_log
from hemicycle.publish.datapackage import descriptor
from hemicycle.publish.destinations import COMPLETE_MARKER, sums_text
from hemicycle.publish.duck import DATABASE, build_database, database_table_rows, macros_sql
from hemicycle.publish.layer import layer_sql
from hemicycle.publish.release.extras import EXTRA_FILES, ExtraFileWriter, ReleaseContext, write_extra_files
from hemicycle.publish.release.hashing import canonical_json, file_entry
from hemicycle.publish.release.inputs import connect
from hemicycle.publish.release.manifest import manifest
from hemicycle.publish.release.metrics import write_metrics
from hemicycle.publish.release.plan import RELEASE_FORMAT, Plan
from hemicycle.publish.release.tables import parquet_files, write_table
from hemicycle.schema import METRICS, TABLES


@dataclass
class Release:
    version: str
    date: str
    previous: str | None
    checks_passed: bool
    row_counts: dict[str, int]
    files: list[dict[str, Any]] = field(default_factory=list)  # path, bytes, sha256
    changes: change_log.Changes | None = None
    loss_accepted: dict[str, Any] | None = None  # signatures lost beyond the threshold, and their share

    @property
    def total_bytes(self) -> int:
        return sum(int(f["bytes"]) for f in self.files)


def assemble(plan: Plan, root: Path, previous: str | None = None,
             previous_tables: dict[str, pl.DataFrame] | None = None,
             extra_files: list[ExtraFileWriter] | None = None) -> Release:
    """Write the whole release for ``plan`` into the empty folder ``root``."""
    version = plan.version
    con = connect()
    try:
        table_paths = {name: write_table(con, df, TABLES[name], root, version)
                       for name, df in track(plan.frames.items(), "release", total=len(plan.frames))}
    finally:
        con.close()
    build_database(root, DATABASE, release_version=version, threads=1)
    metric_paths = write_metrics(root, version)

    views = layer_sql(version, {TABLES[n]: p for n, p in table_paths.items()},
                      {METRICS[n]: p for n, p in metric_paths.items()})
    (root / "views.sql").write_text(views, encoding="utf-8")
    (root / "macros.sql").write_text(macros_sql(), encoding="utf-8")
    (root / "validation.json").write_bytes(plan.validation_bytes)

    changes = change_log.compare(version, previous, plan.frames, previous_tables)
    changes_md = change_log.render(changes)
    (root / "CHANGES.md").write_text(changes_md, encoding="utf-8")

    parquet = (parquet_files(root, table_paths, TABLES, "table")
               + parquet_files(root, metric_paths, METRICS, "metric"))
    package = descriptor(version, plan.date, parquet)
    (root / "datapackage.json").write_bytes(canonical_json(package))

    row_counts = {name: df.height for name, df in plan.frames.items()}
    context = ReleaseContext(root=root, version=version, date=plan.date, row_counts=row_counts,
                             validation=plan.validation, datapackage=package, changes=changes_md)
    write_extra_files(context, EXTRA_FILES if extra_files is None else extra_files)

    release = Release(version=version, date=plan.date, previous=previous,
                      checks_passed=bool(plan.validation.get("passed")), row_counts=row_counts,
                      changes=changes)
    names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    release.files = [file_entry(root, n) for n in names]
    about = manifest(version=version, date=plan.date, previous=previous, release_format=RELEASE_FORMAT,
                     validation=plan.validation, row_counts=row_counts, table_paths=table_paths,
                     metric_paths=metric_paths, database_rows=database_table_rows(root / DATABASE),
                     files=release.files)
    (root / "manifest.json").write_bytes(canonical_json(about))
    release.files.append(file_entry(root, "manifest.json"))
    (root / COMPLETE_MARKER).write_bytes(sums_text(release.files))
    return release
