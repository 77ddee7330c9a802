"""The Parquet files of a release's metrics, read from the metric tables of its database."""

from __future__ import annotations

from pathlib import Path

import duckdb

from hemicycle.publish.duck import DATABASE
from hemicycle.publish.release.tables import copy_to_parquet
from hemicycle.schema import METRICS


def write_metrics(root: Path, version: str) -> dict[str, list[str]]:
    """Every metric table of the release's database as one Parquet file, in key order."""
    con = duckdb.connect(str(root / DATABASE), read_only=True)
    try:
        con.execute("SET threads = 1")  # one writer thread: same rows, same bytes
        out = {}
        for name, table in METRICS.items():
            path = f"metrics/{name}.parquet"
            order = ", ".join(f"{c} NULLS FIRST" for c in table.key)
            copy_to_parquet(con, f"SELECT {', '.join(table.column_names)} FROM {name} ORDER BY {order}",
                            root / path, table, version)
            out[name] = [path]
        return out
    finally:
        con.close()
