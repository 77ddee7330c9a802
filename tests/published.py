"""Frames published as a run publishes its tables: written as the parts the clean stage
writes (``write_parts``), then shown under ``out_dir/<table>`` by the partition stage's
``publish_parts``."""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl

from hemicycle.publish.parquet import publish_parts, write_parts
from hemicycle.schema import Table


def publish_frame(df: pl.DataFrame, table: Table, out_dir: Path) -> tuple[Path, bool]:
    """(version folder, whether anything was written), as ``publish_parts`` returns."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".parts-") as tmp:
        return publish_parts(table, [write_parts(df, table, Path(tmp))], out_dir)
