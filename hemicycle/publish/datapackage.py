"""datapackage.json: the release described as a Frictionless Data Package.

One tabular resource per Parquet file (Frictionless reads a multi-file Parquet resource
as its first file only), named ``<table>.<source>.<year>`` for partitioned tables and
``<table>`` otherwise, with the columns the file holds, their descriptions from
``hemicycle.schema``, its row count and SHA-256. The files of a partitioned table hold no
``source`` column: their hive folder (``source=pace``) gives it, and the resource says so.
``hemicycle.tables`` says how to read each table whole, with each common client.

The file size is given as ``filesize``, not as the standard ``bytes``: Frictionless
(5.x) does not measure Parquet files while validating, so a declared ``bytes`` fails
``frictionless validate`` with "actual is None". The sizes are also in manifest.json and
the checksums in SHA256SUMS.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from hemicycle import DATASET_NAME, SCHEMA_VERSION
from hemicycle.schema import Column, Table

_FIELD_TYPES = {"string": "string", "int": "integer", "bool": "boolean", "date": "date",
                "float": "number", "string[]": "any"}
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"


@dataclass(frozen=True, slots=True)
class ParquetFile:
    """One Parquet file of the release, as measured after writing it."""

    table: Table
    path: str  # relative to the release folder, with forward slashes
    rows: int
    bytes: int
    sha256: str
    kind: str  # "table" or "metric"


def _field(column: Column) -> dict[str, Any]:
    described = column.description + (" A list of strings." if column.dtype == "string[]" else "")
    field: dict[str, Any] = {"name": column.name, "type": _FIELD_TYPES[column.dtype], "description": described}
    if column.dtype in ("int", "float"):
        field["missingValues"] = ["nan"]  # how a null number reaches Frictionless from Parquet
    if column.required:
        field["constraints"] = {"required": True}
    return field


# How each client reads a table whole ({path}: the table's folder); every one gets the same rows.
READERS = {
    "pandas": "pandas.read_parquet('{path}')",
    "pyarrow": "pyarrow.dataset.dataset('{path}', partitioning='hive').to_table()",
    "polars": "polars.read_parquet('{path}')",
    "duckdb": "SELECT * FROM read_parquet('{path}/**/*.parquet', hive_partitioning = true)",
    "spark": "spark.read.parquet('{path}')",
    "r": "arrow::open_dataset('{path}')",
}


def partition(file: ParquetFile) -> dict[str, str]:
    """The hive folders of a file's path (``source=pace`` -> {"source": "pace"})."""
    return {k: v for k, eq, v in (p.partition("=") for p in PurePosixPath(file.path).parts[2:-1]) if eq}


def table_schema(table: Table, omit: tuple[str, ...] = ()) -> dict[str, Any]:
    # Parquet tells null from "" (a quarantine row about a whole document has record ""):
    # no string is a missing value.
    schema: dict[str, Any] = {"fields": [_field(c) for c in table.columns if c.name not in omit], "missingValues": []}
    by_name = {c.name: c for c in table.columns}
    if all(by_name[k].required for k in table.key):  # a primary key may not hold nulls
        schema["primaryKey"] = list(table.key)
    return schema


def resource_name(file: ParquetFile) -> str:
    folders = partition(file)
    if not folders:
        return file.table.name
    year = PurePosixPath(file.path).stem.removeprefix("part-")
    return f"{file.table.name}.{folders.get('source', '')}.{year}"


def resource(file: ParquetFile) -> dict[str, Any]:
    folders = partition(file)
    return {
        "name": resource_name(file),
        "path": file.path,
        "type": "table",
        "format": "parquet",
        "mediatype": PARQUET_MEDIATYPE,
        "title": file.table.name,
        "description": file.table.description,
        "rows": file.rows,
        "hash": f"sha256:{file.sha256}",
        "filesize": file.bytes,
        "hemicycle": {"table": file.table.name, "kind": file.kind,
                      **({"hive_partition": folders} if folders else {})},
        "schema": table_schema(file.table, tuple(folders)),
    }


def tables_section(files: list[ParquetFile]) -> dict[str, Any]:
    """Per table: where it is, how it is partitioned, and how each client reads it whole."""
    out: dict[str, Any] = {}
    for file in files:
        folder = PurePosixPath(file.path).parts[0] + "/" + file.table.name
        path = folder if file.kind == "table" else file.path
        entry = out.setdefault(file.table.name, {
            "kind": file.kind, "path": path,
            "hive_partitioning": {},
            "read": {client: code.format(path=path) for client, code in READERS.items()},
            "resources": []})
        entry["hive_partitioning"].update(dict.fromkeys(partition(file), "string"))
        entry["resources"].append(resource_name(file))
    for entry in out.values():
        if entry["kind"] == "metric":  # one file: read it as it is
            entry["read"] = {"pandas": f"pandas.read_parquet('{entry['path']}')",
                             "pyarrow": f"pyarrow.parquet.read_table('{entry['path']}')",
                             "polars": f"polars.read_parquet('{entry['path']}')",
                             "duckdb": f"SELECT * FROM '{entry['path']}'"}
    return out


def descriptor(version: str, date: str, files: list[ParquetFile]) -> dict[str, Any]:
    return {
        "name": DATASET_NAME,
        "title": "hemicycle: European parliamentary statements and who signs them",
        "description": "Statements of the Parliamentary Assembly of the Council of Europe and "
        "the European Parliament (written declarations, motions, joint motions, press "
        "summaries), every signature with the member's country and political group, the "
        "states the statements are about, and metrics over them.",
        "version": version,
        "created": f"{date}T00:00:00Z",
        "keywords": ["parliament", "PACE", "European Parliament", "signatures", "motions"],
        "sources": [
            {"title": "Parliamentary Assembly of the Council of Europe", "path": "https://pace.coe.int"},
            {"title": "European Parliament", "path": "https://www.europarl.europa.eu"},
        ],
        "hemicycle": {
            "schema_version": SCHEMA_VERSION,
            "reading": "Each table is a folder under tables/ and each metric one file under "
            "metrics/. Read a table's folder, not one of its files: a partitioned table is a "
            "hive-partitioned Parquet dataset whose source column is in the folder names "
            "(source=pace) and in no file, one file per year (its year column inside). "
            "`tables` below gives, per table, the code for pandas, pyarrow, polars, DuckDB, "
            "Spark and R's arrow; hemicycle.duckdb holds every table and metric in one file.",
            "tables": tables_section(files),
        },
        "resources": [resource(f) for f in files],
    }
