"""Metric latency: the project's database over a run, and over 10 M synthetic signatory rows.

The 10 M rows are written by DuckDB itself as a hive-partitioned ``signatories`` table (the
layout a run publishes), with the ``statements``, ``statement_countries``, ``statement_stances``
and ``persons`` rows they imply, so that every metric has its inputs; ``hemicycle.publish.duck.build_database``
then builds the database over them, exactly as for a run or a release.
"""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path
from typing import Any

import duckdb

from hemicycle.publish.duck import build_database
from hemicycle.schema import DUCKDB_TYPES, METRICS, TABLES

COUNTRIES = ["DE", "FR", "IT", "GB", "TR", "RU", "UA", "PL", "ES", "RO", "NL", "BE", "GR", "PT",
             "SE", "HU", "CZ", "AT", "CH", "DK", "FI", "NO", "IE", "GE", "AM", "AZ", "MD", "RS"]
GROUPS = ["EPP", "S&D", "Renew", "Greens/EFA", "ECR", "GUE/NGL", "ID", "PfE", "SOC", "EPP/CD",
          "ALDE", "EC/DA", "UEL", "NR"]


def _list(values: list[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _signatories(rows: int, per_statement: int) -> str:
    countries, groups = _list(COUNTRIES), _list(GROUPS)
    return f"""
      WITH base AS (
        SELECT i, i // {per_statement} AS st, i % {per_statement} + 1 AS pos,
               CAST(hash(i) % 1000000007 AS BIGINT) AS h,
               CASE WHEN (i // {per_statement}) % 2 = 0 THEN 'pace' ELSE 'ep' END AS source
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
      FROM base"""


# The other tables, as the signatures imply them: one statement per statement id, one or two
# states each is about, one person per person id.
_STATEMENTS = """
    SELECT statement_id, any_value(source) AS source, any_value(year) AS year, 'motion' AS doc_type,
           split_part(statement_id, ':', 2) AS doc_no, NULL::VARCHAR AS number, any_value(date) AS date,
           'Title ' || statement_id AS title, 'Title ' || statement_id AS title_en, NULL::VARCHAR AS title_fr,
           ['en'] AS languages, [any_value(url)] AS source_urls, NULL::BIGINT AS declared_total,
           count(*) AS signatory_count, true AS signatories_complete,
           count(DISTINCT country_code) AS country_count, count(DISTINCT group_code) AS group_count,
           NULL::VARCHAR AS file_id, NULL::BIGINT AS term, NULL::VARCHAR AS procedure,
           any_value(url) AS url, any_value(raw_sha256) AS raw_sha256
    FROM signatories GROUP BY statement_id"""
_STATEMENT_COUNTRIES = """
    SELECT DISTINCT ON (statement_id, country_code) statement_id, source, year,
           {countries}[1 + (hash(statement_id || k) % {n})::INTEGER] AS country_code, k AS rank,
           CASE WHEN k = 1 THEN 'title' ELSE 'body' END AS found_in, 3 AS mentions
    FROM statements, range(1, 3) r(k)
    WHERE k = 1 OR hash(statement_id) % 3 = 0
    ORDER BY statement_id, country_code, k"""
_STATEMENT_STANCES = """
    SELECT statement_id, source, year, country_code, rank,
           ['praise', 'criticism', 'criticism', 'neutral', 'mixed', 'solidarity', 'unknown']
               [1 + (hash(statement_id || country_code) % 7)::INTEGER] AS stance,
           'high' AS confidence, 'synthetic' AS evidence, 'title' AS evidence_in, 'rules-1' AS method,
           'en' AS language
    FROM statement_countries"""
_PERSONS = """
    SELECT person_id, any_value(source) AS source, any_value(family_name) AS family_name,
           any_value(given_name) AS given_name, any_value(country_code) AS country_code,
           list(DISTINCT name ORDER BY name)[1:3] AS names_as_printed,
           count(DISTINCT statement_id) AS statements, min(date) AS first_date, max(date) AS last_date,
           list(DISTINCT group_code ORDER BY group_code)[1:3] AS group_codes
    FROM signatories WHERE kind = 'person' GROUP BY person_id"""


def _conformed(con: duckdb.DuckDBPyConnection, name: str, sql: str) -> str:
    """``sql`` with exactly the columns of table ``name`` (null where it has none), so the
    synthetic tables follow hemicycle.schema as it changes."""
    have = {r[0] for r in con.execute(f"DESCRIBE ({sql})").fetchall()}
    cols = ", ".join(f"CAST({c.name if c.name in have else 'NULL'} AS {DUCKDB_TYPES[c.dtype]}) AS {c.name}"
                     for c in TABLES[name].columns)
    return f"SELECT {cols} FROM ({sql})"


def write_synthetic_tables(root: Path, rows: int = 10_000_000, per_statement: int = 30) -> dict[str, Any]:
    """``root/tables/…`` with ``rows`` signatory rows and the tables they imply, then
    ``root/hemicycle.duckdb`` built over them. Returns the sizes and the build time."""
    shutil.rmtree(root, ignore_errors=True)
    tables = root / "tables"
    tables.mkdir(parents=True)
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        partitioned = "FORMAT parquet, PARTITION_BY (source, year), COMPRESSION zstd"
        signatories = _conformed(con, "signatories", _signatories(rows, per_statement))
        con.execute(f"COPY ({signatories}) TO '{tables / 'signatories'}' ({partitioned})")
        con.execute(f"CREATE VIEW signatories AS SELECT * FROM read_parquet('{tables / 'signatories'}/**/*.parquet', "
                    "hive_partitioning = true)")
        con.execute(f"CREATE TEMP TABLE statements AS {_conformed(con, 'statements', _STATEMENTS)}")
        countries = _STATEMENT_COUNTRIES.format(countries=_list(COUNTRIES), n=len(COUNTRIES))
        con.execute(f"CREATE TEMP TABLE statement_countries AS {_conformed(con, 'statement_countries', countries)}")
        con.execute(f"CREATE TEMP TABLE statement_stances AS "
                    f"{_conformed(con, 'statement_stances', _STATEMENT_STANCES)}")
        for name in ("statements", "statement_countries", "statement_stances"):
            con.execute(f"COPY {name} TO '{tables / name}' ({partitioned})")
        (tables / "persons").mkdir()
        con.execute(f"COPY ({_conformed(con, 'persons', _PERSONS)}) TO '{tables / 'persons' / 'part-0.parquet'}' "
                    "(FORMAT parquet, COMPRESSION zstd)")
    finally:
        con.close()
    start = time.perf_counter()
    database = build_database(root)
    seconds = time.perf_counter() - start
    parquet = {p.name: sum(f.stat().st_size for f in p.rglob("*.parquet")) for p in tables.iterdir()}
    return {"rows": rows, "build_s": seconds, "database_bytes": database.stat().st_size,
            "parquet_bytes": parquet, "path": str(database)}


REPEAT_BUDGET_S = 15.0  # a query slower than this is timed fewer times, so `make bench` stays short


def _time(con: duckdb.DuckDBPyConnection, sql: str, repeats: int) -> dict[str, float]:
    times: list[float] = []
    rows = 0
    while len(times) < repeats and sum(times) < REPEAT_BUDGET_S:
        start = time.perf_counter()
        rows = con.sql(sql).to_arrow_table().num_rows
        times.append(time.perf_counter() - start)
    return {"best": min(times), "median": statistics.median(times), "worst": max(times),
            "rows": rows, "runs": len(times)}


def time_metrics(db_path: Path, repeats: int = 5) -> dict[str, dict[str, float]]:
    """Seconds to read each metric whole (into Arrow): best, median, worst of ``repeats``."""
    con = duckdb.connect(str(db_path), read_only=True)
    con.execute("SET enable_progress_bar = false")
    try:
        return {name: _time(con, f"SELECT * FROM {name}", repeats) for name in METRICS}
    finally:
        con.close()


# The questions of the README, each asked of the most active member, the pair with the
# strongest tie, the largest group and the state most written about.
QUESTIONS = {
    "cosigners(member)": "SELECT * FROM cosigners({member})",
    "member_signatures(member)": "SELECT * FROM member_signatures({member})",
    "signed_together(pair)": "SELECT * FROM signed_together({pair_a}, {pair_b})",
    "members_signing_with(group)": "SELECT * FROM members_signing_with({group})",
    "statements_about(state)": "SELECT * FROM statements_about({state})",
    "target_country_signatory_countries_in(state)":
        "SELECT * FROM target_country_signatory_countries_in(target := {state})",
    "group_cosignatures_in(2010-2019, one assembly)":
        "SELECT * FROM group_cosignatures_in(from_year := 2010, to_year := 2019, in_source := 'pace')",
}


def time_questions(db_path: Path, repeats: int = 3) -> dict[str, dict[str, float]]:
    con = duckdb.connect(str(db_path), read_only=True)
    con.execute("SET enable_progress_bar = false")

    def one(sql: str) -> str:
        value = con.execute(sql).fetchall()[0][0]
        return "'" + str(value).replace("'", "''") + "'"

    try:
        values = {
            "member": one("SELECT person_id FROM member_activity ORDER BY statements DESC, person_id LIMIT 1"),
            "pair_a": one("SELECT person_a FROM person_cosignatures ORDER BY weight DESC, person_a, person_b LIMIT 1"),
            "pair_b": one("SELECT person_b FROM person_cosignatures ORDER BY weight DESC, person_a, person_b LIMIT 1"),
            "group": one("SELECT group_code FROM signatories_by_group WHERE group_code IS NOT NULL "
                         "ORDER BY signatories DESC, group_code LIMIT 1"),
            "state": one("SELECT target_country FROM target_countries "
                         "ORDER BY statements DESC, target_country LIMIT 1"),
        }
        return {name: _time(con, sql.format(**values), repeats) for name, sql in QUESTIONS.items()}
    finally:
        con.close()
