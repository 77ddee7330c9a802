"""Metric-view latency: the project's SQL over a release, and over 10 M synthetic signatory rows.

The 10 M rows are written by DuckDB itself as a hive-partitioned ``signatories`` table (the
layout the pipeline publishes), then ``hemicycle.publish.duck.build_database`` puts the
shipped base and metric views over them, exactly as for a real release.
"""

from __future__ import annotations

import re
import shutil
import statistics
import time
from pathlib import Path

import duckdb

from hemicycle.publish.duck import build_database, connect, metric_views_sql

COUNTRIES = ["DE", "FR", "IT", "GB", "TR", "RU", "UA", "PL", "ES", "RO", "NL", "BE", "GR", "PT",
             "SE", "HU", "CZ", "AT", "CH", "DK", "FI", "NO", "IE", "GE", "AM", "AZ", "MD", "RS"]
GROUPS = ["EPP", "S&D", "Renew", "Greens/EFA", "ECR", "GUE/NGL", "ID", "PfE", "SOC", "EPP/CD",
          "ALDE", "EC/DA", "UEL", "NR"]


def _list(values: list[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def write_synthetic_signatories(root: Path, rows: int = 10_000_000, per_statement: int = 30) -> Path:
    """``root/tables/signatories/source=*/year=*/*.parquet`` with ``rows`` rows; returns root."""
    shutil.rmtree(root, ignore_errors=True)
    folder = root / "tables" / "signatories"
    folder.parent.mkdir(parents=True)
    countries, groups = _list(COUNTRIES), _list(GROUPS)
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute(f"""
        COPY (
          WITH base AS (
            SELECT i, i // {per_statement} AS st, i % {per_statement} + 1 AS pos,
                   CAST(hash(i) % 1000000007 AS BIGINT) AS h, CASE WHEN (i // {per_statement}) % 2 = 0 THEN 'pace' ELSE 'ep' END AS source
            FROM range({rows}) r(i))
          SELECT source || ':' || st || '#' || pos AS signatory_id, source || ':' || st AS statement_id,
                 source, 1995 + st % 32 AS year, DATE '1995-01-01' + CAST(st % 11680 AS INTEGER) AS date,
                 pos AS position, CASE WHEN h % 50 = 0 THEN 'group' ELSE 'person' END AS kind,
                 'Member ' || (h % 20000) AS name, NULL::VARCHAR AS prefix,
                 'Given' || (h % 500) AS given_name, 'FAMILY' || (h % 20000) AS family_name,
                 NULL::VARCHAR AS country_label,
                 {countries}[1 + (h // 7) % {len(COUNTRIES)}] AS country_code,
                 NULL::VARCHAR AS group_label,
                 {groups}[1 + (h // 11) % {len(GROUPS)}] AS group_code,
                 NULL::VARCHAR AS group_id, NULL::VARCHAR AS person_ref,
                 source || ':p-' || (h % 20000) AS person_id, 'en' AS language,
                 'synthetic:' || st AS url, md5(st::VARCHAR) AS raw_sha256
          FROM base)
        TO '{folder}' (FORMAT parquet, PARTITION_BY (source, year), COMPRESSION zstd)
    """)
    con.close()
    build_database(root)
    return root


def metric_views() -> list[str]:
    return re.findall(r"CREATE OR REPLACE VIEW (\w+)", metric_views_sql())


REPEAT_BUDGET_S = 15.0  # a view slower than this is timed fewer times, so `make bench` stays short


def time_views(db_path: Path, repeats: int = 5) -> dict[str, dict[str, float]]:
    """Seconds to compute each metric view whole (into Arrow): best, median, worst of ``repeats``
    (fewer when the runs so far took ``REPEAT_BUDGET_S``: one run of a two-minute view)."""
    con = connect(db_path, read_only=True)
    con.execute("SET enable_progress_bar = false")
    results = {}
    try:
        for view in metric_views():
            times, rows = [], 0
            while len(times) < repeats and sum(times) < REPEAT_BUDGET_S:
                start = time.perf_counter()
                rows = con.sql(f"SELECT * FROM {view}").to_arrow_table().num_rows
                times.append(time.perf_counter() - start)
            results[view] = {"best": min(times), "median": statistics.median(times),
                             "worst": max(times), "rows": rows, "runs": len(times)}
    finally:
        con.close()
    return results
