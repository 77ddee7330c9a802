"""The DuckDB database: views over the Parquet tables plus the metric views.

Views read Parquet by paths relative to the database file's folder, so the folder can be
copied anywhere; open it from that folder (or set ``file_search_path`` to it). The file is
built beside its final place and renamed over it: DuckDB allows one writer per file, and a
reader never sees a half-built database.
"""

from __future__ import annotations

import os
import uuid
from importlib import resources
from pathlib import Path

import duckdb

from hemicycle.schema import DUCKDB_TYPES, TABLES, Table


def _base_view_sql(table: Table, rel_dir: str, has_files: bool) -> str:
    if not has_files:
        cols = ", ".join(f"CAST(NULL AS {DUCKDB_TYPES[c.dtype]}) AS {c.name}" for c in table.columns)
        return f"CREATE OR REPLACE VIEW {table.name} AS SELECT {cols} WHERE false"
    pattern = f"{rel_dir}/**/*.parquet" if table.partitioned else f"{rel_dir}/*.parquet"
    hive = "hive_partitioning = true, hive_types = {'year': BIGINT}" if table.partitioned \
        else "hive_partitioning = false"
    cols = ", ".join(c.name for c in table.columns)
    return (f"CREATE OR REPLACE VIEW {table.name} AS SELECT {cols} "
            f"FROM read_parquet('{pattern}', {hive})")


SQL_FILES = ("macros.sql", "views.sql", "metrics.sql")  # run in this order; later may use earlier


def metric_views_sql() -> str:
    """The derived layer: metric views and macros, as shipped in ``hemicycle/sql``."""
    folder = resources.files("hemicycle.sql")
    parts = [folder.joinpath(name).read_text(encoding="utf-8")
             for name in SQL_FILES if folder.joinpath(name).is_file()]
    return "\n".join(parts)


def base_views_sql(root: Path, tables_rel: str = "tables") -> str:
    statements = []
    for table in TABLES.values():
        folder = root / tables_rel / table.name
        has_files = folder.exists() and any(folder.rglob("*.parquet"))
        statements.append(_base_view_sql(table, f"{tables_rel}/{table.name}", has_files) + ";")
    return "\n".join(statements) + "\n"


def connect(db_path: Path, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the database so its relative Parquet paths resolve from its folder."""
    con = duckdb.connect(str(db_path), read_only=read_only)
    con.execute(f"SET file_search_path = '{db_path.resolve().parent}'")
    return con


def build_database(root: Path, db_name: str = "hemicycle.duckdb", tables_rel: str = "tables") -> Path:
    """(Re)build ``root/db_name`` with base and metric views; returns its path."""
    final = root / db_name
    staging = root / f".{db_name}.{uuid.uuid4().hex}.tmp"
    try:
        con = duckdb.connect(str(staging))
        try:
            con.execute(f"SET file_search_path = '{root.resolve()}'")
            con.execute(base_views_sql(root, tables_rel))
            con.execute(metric_views_sql())
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(staging, final)
    finally:
        staging.unlink(missing_ok=True)
        Path(f"{staging}.wal").unlink(missing_ok=True)
    return final


def query_frame(con: duckdb.DuckDBPyConnection, sql: str):
    """Run SQL and return a polars DataFrame (through Arrow, which every DuckDB version has)."""
    import polars as pl

    return pl.from_arrow(con.sql(sql).to_arrow_table())
