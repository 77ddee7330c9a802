"""Tables read back, sorted by key and typed by the catalogue: from a run's output (what a
release is made of) or from a published release (what it is compared with)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from hemicycle.publish.duck import base_views_sql
from hemicycle.publish.layer import sql_string
from hemicycle.schema import TABLES, Table


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB on one thread: same input, same order, same bytes."""
    con = duckdb.connect()
    con.execute("SET threads = 1")
    return con


def _frame(con: duckdb.DuckDBPyConnection, sql: str, table: Table, fill_missing: bool = False) -> pl.DataFrame:
    """``fill_missing``: columns the files lack (a release of an older schema) read as null."""
    df = pl.from_arrow(con.sql(sql).to_arrow_table())
    assert isinstance(df, pl.DataFrame)
    if fill_missing:
        df = df.with_columns(pl.lit(None).alias(c) for c in table.column_names if c not in df.columns)
    return df.select(table.column_names).cast(table.polars_schema()).rechunk()


def read_run_tables(out_dir: Path) -> dict[str, pl.DataFrame]:
    """Every table of a run's output, sorted by its key."""
    con = connect()
    try:
        con.execute(f"SET file_search_path = {sql_string(str(out_dir.resolve()))}")
        con.execute(base_views_sql(out_dir))
        return {name: _frame(con, f"SELECT * FROM {name} ORDER BY {', '.join(t.key)}", t)
                for name, t in TABLES.items()}
    finally:
        con.close()


def read_release_tables(root: Path, names: tuple[str, ...]) -> dict[str, pl.DataFrame]:
    """Tables of a published release folder (for comparing releases)."""
    con = connect()
    try:
        frames = {}
        for name in names:
            table = TABLES[name]
            pattern = (root / "tables" / name).as_posix() + ("/**/*.parquet" if table.partitioned else "/*.parquet")
            frames[name] = _frame(con, f"SELECT * FROM read_parquet({sql_string(pattern)}, hive_partitioning = "
                                       f"{str(table.partitioned).lower()}, union_by_name = true) "
                                       f"ORDER BY {', '.join(table.key)}", table, fill_missing=True)
        return frames
    finally:
        con.close()
