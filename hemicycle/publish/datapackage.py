"""datapackage.json: the release described as a Frictionless Data Package.

One tabular resource per Parquet file (Frictionless reads a multi-file Parquet resource
as its first file only), named ``<table>.<source>.<year>`` for partitioned tables and
``<table>`` otherwise, with the table's schema and field descriptions from
``hemicycle.schema``, its row count and SHA-256.

The file size is given as ``filesize``, not as the standard ``bytes``: Frictionless
(5.x) does not measure Parquet files while validating, so a declared ``bytes`` fails
``frictionless validate`` with "actual is None". The sizes are also in manifest.json and
the checksums in SHA256SUMS.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from hemicycle import DATASET_NAME, SCHEMA_VERSION
from hemicycle.schema import Table

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


def _field(column) -> dict:
    field = {"name": column.name, "type": _FIELD_TYPES[column.dtype],
             "description": column.description + (" A list of strings." if column.dtype == "string[]" else "")}
    if column.dtype in ("int", "float"):
        field["missingValues"] = ["nan"]  # how a null number reaches Frictionless from Parquet
    if column.required:
        field["constraints"] = {"required": True}
    return field


def table_schema(table: Table) -> dict:
    # Parquet tells null from "" (a quarantine row about a whole document has record ""):
    # no string is a missing value.
    schema: dict = {"fields": [_field(c) for c in table.columns], "missingValues": []}
    by_name = {c.name: c for c in table.columns}
    if all(by_name[k].required for k in table.key):  # a primary key may not hold nulls
        schema["primaryKey"] = list(table.key)
    return schema


def resource_name(file: ParquetFile) -> str:
    if not file.table.partitioned:
        return file.table.name
    parts = {k: v for k, _, v in (p.partition("=") for p in PurePosixPath(file.path).parts[2:4])}
    year = parts.get("year", "")
    return f"{file.table.name}.{parts.get('source', '')}.{year if year.isdigit() else 'undated'}"


def resource(file: ParquetFile) -> dict:
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
        "hemicycle": {"table": file.table.name, "kind": file.kind},
        "schema": table_schema(file.table),
    }


def descriptor(version: str, date: str, files: list[ParquetFile]) -> dict:
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
        "hemicycle": {"schema_version": SCHEMA_VERSION},
        "resources": [resource(f) for f in files],
    }
