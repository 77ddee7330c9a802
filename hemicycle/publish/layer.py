"""The SQL layer of a release: views over an explicit list of Parquet files.

Every path is written relative to the release folder and prefixed with the DuckDB variable
``hemicycle_root`` when it is set, so one script serves a copied folder (run from inside it),
a local path, an HTTPS URL or an S3 prefix. Listing files instead of globbing keeps the
views working over plain HTTPS, where nothing can be listed; the variable is read each time
a view is queried.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hemicycle.schema import DUCKDB_TYPES, Table

ROOT_VARIABLE = "hemicycle_root"
_PREFIX = f"coalesce(getvariable('{ROOT_VARIABLE}') || '/', '')"


def sql_string(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def empty_select(table: Table) -> str:
    """A query of no rows with exactly ``table``'s columns and types (a table with no files)."""
    cols = ", ".join(f"CAST(NULL AS {DUCKDB_TYPES[c.dtype]}) AS {c.name}" for c in table.columns)
    return f"SELECT {cols} WHERE false"


def read_parquet_sql(table: Table, listed: str) -> str:
    """``read_parquet`` over the file expressions ``listed`` (comma-separated) of ``table``:
    a partitioned table's files hold no source column, its hive folder gives it."""
    return (f"read_parquet([{listed}], hive_partitioning = {'true' if table.partitioned else 'false'}, "
            f"union_by_name = true)")


def view_sql(table: Table, paths: Sequence[str]) -> str:
    """``CREATE VIEW`` for one table over its files (a typed empty view when it has none)."""
    if not paths:
        return f"CREATE OR REPLACE VIEW {table.name} AS {empty_select(table)};"
    files = ",\n    ".join(f"{_PREFIX} || {sql_string(p)}" for p in paths)
    listed = f"\n    {files}\n"  # one file a line
    cols = ", ".join(c.name for c in table.columns)
    return f"CREATE OR REPLACE VIEW {table.name} AS SELECT {cols}\nFROM {read_parquet_sql(table, listed)};"


def missing_files_sql(paths: Sequence[str]) -> str:
    """A macro listing the files of ``paths`` that cannot be found under the release folder
    (none when it is whole), for a local folder or S3: plain HTTPS cannot list files."""
    listed = ",\n    ".join(f"({sql_string(p)})" for p in paths)
    found = ", ".join(f"{_PREFIX} || {sql_string(p)}" for p in paths)
    return (f"CREATE OR REPLACE MACRO hemicycle_missing_files() AS TABLE\n"
            f"SELECT path FROM (VALUES\n    {listed}\n) listed(path)\n"
            f"WHERE {_PREFIX} || path NOT IN (SELECT file FROM glob([{found}]))\nORDER BY path;")


def layer_sql(version: str, tables: Mapping[Table, Sequence[str]], metrics: Mapping[Table, Sequence[str]]) -> str:
    """views.sql of a release: one view per table and per precomputed metric."""
    header = f"""-- hemicycle {version}: a view for every table and precomputed metric of this release.
--
-- From inside the release folder (paths are relative to it):
--   duckdb -c ".read views.sql" -c ".read macros.sql" -c "FROM signatories_by_group"
-- From anywhere else, or remotely, set the release folder first (URLs need DuckDB's httpfs
-- extension: INSTALL httpfs; LOAD httpfs;):
--   SET VARIABLE {ROOT_VARIABLE} = '/data/hemicycle/{version}';
--   SET VARIABLE {ROOT_VARIABLE} = 'https://example.org/hemicycle/{version}';
--   SET VARIABLE {ROOT_VARIABLE} = 's3://bucket/hemicycle/{version}';
-- then .read views.sql and .read macros.sql (the parameterised metrics, e.g.
-- FROM group_cosignatures_in(from_year := 2015, in_source := 'pace')).
-- "No files found" (here or in a query): FROM hemicycle_missing_files() lists what is missing
-- (local folders and S3), sha256sum -c SHA256SUMS what is damaged; download those again.
-- hemicycle.duckdb needs none of this: it holds the same tables, metrics and macros.
"""
    # first: DuckDB looks for a view's files as it creates it, and stops at the first missing
    parts = [header, "-- The files the views read that cannot be found (none when the release is whole)",
             missing_files_sql([p for group in (tables, metrics) for ps in group.values() for p in ps]),
             "-- Tables"]
    parts += [view_sql(table, paths) for table, paths in tables.items()]
    parts.append("-- Metrics, precomputed over the whole release")
    parts += [view_sql(table, paths) for table, paths in metrics.items()]
    return "\n\n".join(parts) + "\n"
