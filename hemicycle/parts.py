"""Tables as Parquet parts on disk: what the stages hand each other instead of DataFrames.

The clean stage of an assembly writes each table as it will be published: partitioned
tables as one file per ``source=…/year=…`` directory, sorted by key, the others as one
file. ``TableParts`` says where they are, how many rows they hold and the content hash of
each directory, so the publishing stage can tell what changed without reading the rows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from hemicycle import DATASET_NAME, SCHEMA_VERSION
from hemicycle.schema import TABLES, Table

PART_FILE = "part-0.parquet"
WHOLE = ""  # the slice name of a table that is not partitioned
UNDATED = "__HIVE_DEFAULT_PARTITION__"  # the year folder of rows without a year, as DuckDB names it


def slice_dir(source: str, year: int | None) -> str:
    """The hive directory of one (source, year), as DuckDB writes it."""
    return f"source={source}/year={UNDATED if year is None else year}"


def frame_hash(df: pl.DataFrame) -> str:
    """Content hash of a frame, independent of how it was built (schema + rows as JSON lines).

    Arrow buffers are not: string views and slices lay the same rows out differently.
    """
    digest = hashlib.sha256(repr(df.schema).encode())
    digest.update(df.write_ndjson().encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class TableParts:
    """One table of one assembly partition as written by the clean stage."""

    table: str
    partition: str
    root: Path  # holds source=…/year=…/part-0.parquet, or part-0.parquet
    rows: int
    slices: dict[str, str] = field(default_factory=dict)  # slice directory (or WHOLE) -> content hash
    counts: dict[str, int] = field(default_factory=dict)  # slice -> rows

    def files(self) -> list[Path]:
        return [self.root / name / PART_FILE if name else self.root / PART_FILE for name in sorted(self.slices)]

    def scan(self) -> pl.LazyFrame:
        """The rows, with every column of the table (``source`` and ``year`` of partitioned
        tables come from the directory names)."""
        return scan_files(TABLES[self.table], self.files())


def scan_files(table: Table, files: list[Path]) -> pl.LazyFrame:
    if not files:
        return table.empty().lazy()
    if not table.partitioned:
        return pl.scan_parquet(files).select(table.column_names).cast(table.polars_schema())
    frames = []
    for path in files:
        source, year = (part.split("=", 1)[1] for part in path.parent.as_posix().split("/")[-2:])
        frames.append(pl.scan_parquet(path).with_columns(
            source=pl.lit(source), year=pl.lit(None if year == UNDATED else int(year),
                                               pl.Int64())))
    return pl.concat(frames, how="diagonal_relaxed").select(table.column_names).cast(table.polars_schema())


def scan(parts: TableParts | dict[str, TableParts] | list[TableParts]) -> pl.LazyFrame:
    """Rows of one partition's parts, or of several partitions together."""
    if isinstance(parts, TableParts):
        return parts.scan()
    found = list(parts.values()) if isinstance(parts, dict) else list(parts)
    if not found:
        raise ValueError("no parts to read")
    return scan_files(TABLES[found[0].table], [f for p in sorted(found, key=lambda p: p.partition)
                                               for f in p.files()])


def write_file(df: pl.DataFrame, table: Table, path: Path) -> None:
    """``df`` (sorted by key) as zstd Parquet with the dataset's key-value metadata."""
    path.parent.mkdir(parents=True, exist_ok=True)
    df.write_parquet(path, compression="zstd", metadata={
        "dataset": DATASET_NAME, "table_name": table.name, "schema_version": SCHEMA_VERSION})


def write_slice(df: pl.DataFrame, table: Table, root: Path, name: str) -> tuple[str, int]:
    """One slice of a table, sorted by key: its file under ``root``, the hash of that file.

    A slice of a partitioned table is written without its ``source`` and ``year`` columns
    (the directory names hold them), as DuckDB's hive partitioning writes it. The same
    rows give the same bytes, so the file's hash stands for its content."""
    # a stable sort: rows that share a key (one quarantined file at several URLs) keep the
    # order they were read in, so the file is the same from one run to the next
    df = df.select(table.column_names).cast(table.polars_schema()).sort(list(table.key), maintain_order=True)
    if name:
        df = df.drop("source", "year")
    path = root / name / PART_FILE if name else root / PART_FILE
    write_file(df, table, path)
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16], df.height
