"""The Parquet files of a release's tables: one file per source and year, sorted by key,
each carrying the dataset, table, schema and release version in its key-value metadata."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from hemicycle import DATASET_NAME, SCHEMA_VERSION
from hemicycle.publish.datapackage import ParquetFile
from hemicycle.publish.layer import sql_string
from hemicycle.publish.release.hashing import file_entry
from hemicycle.schema import Table


def _kv_metadata(table: Table, version: str) -> str:
    pairs = {"dataset": DATASET_NAME, "table_name": table.name, "schema_version": SCHEMA_VERSION,
             "release_version": version}
    return "KV_METADATA {" + ", ".join(f"{k}: {sql_string(v)}" for k, v in pairs.items()) + "}"


def copy_to_parquet(con: duckdb.DuckDBPyConnection, query: str, target: Path, table: Table, version: str) -> None:
    """The rows of ``query`` as one zstd Parquet file of ``table`` in release ``version``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    con.execute(f"COPY ({query}) TO {sql_string(target.as_posix())} "
                f"(FORMAT parquet, COMPRESSION zstd, {_kv_metadata(table, version)})")


def partition_file(table: Table, source: str, year: int | None) -> str:
    """Where the rows of one source and year of a partitioned table go: the source in a
    hive folder, the year in the file name and its rows. A null partition value (an undated
    year) breaks pandas and pyarrow's default hive reading, so the year is no partition."""
    return f"tables/{table.name}/source={source}/part-{'undated' if year is None else year}.parquet"


def write_table(con: duckdb.DuckDBPyConnection, df: pl.DataFrame, table: Table, root: Path,
                version: str) -> list[str]:
    """One Parquet file per source and year (or one file), sorted by key. The files of a
    partitioned table hold every column but ``source``, which their folder gives (hive
    convention: a column is in the path or in the file, never both, or pyarrow, pandas, Spark
    and R's arrow refuse to merge the two types). Returns the paths written."""
    con.register("frame", df.to_arrow())
    order = ", ".join(table.key)
    if not table.partitioned or df.is_empty():  # an empty table: one file with every column
        paths = [(f"tables/{table.name}/part-0.parquet", "*", "true")]
    else:
        keys = df.select("source", "year").unique().sort("source", "year", nulls_last=True)
        paths = [(partition_file(table, s, y), "* EXCLUDE (source)",
                  f"source = {sql_string(s)} AND year " + ("IS NULL" if y is None else f"= {y}"))
                 for s, y in keys.iter_rows()]
    for path, cols, where in paths:
        copy_to_parquet(con, f"SELECT {cols} FROM frame WHERE {where} ORDER BY {order}", root / path, table, version)
    con.unregister("frame")
    return [p for p, _, _ in paths]


def parquet_files(root: Path, paths: dict[str, list[str]], tables: dict[str, Table],
                  kind: str) -> list[ParquetFile]:
    """The datapackage's entries for the Parquet files written (``kind``: table or metric)."""
    import pyarrow.parquet as pq

    out = []
    for name, files in paths.items():
        for path in files:
            m = file_entry(root, path)
            rows = pq.read_metadata(root / path).num_rows
            out.append(ParquetFile(tables[name], path, rows, m["bytes"], m["sha256"], kind))
    return out
