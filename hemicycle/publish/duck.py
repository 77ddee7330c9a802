"""hemicycle.duckdb: the tables themselves, the metrics computed from them, and the macros.

The file holds its data in DuckDB's own compressed storage, so it opens by any path, from
any folder, copied anywhere, with nothing beside it (a file of views over Parquet by
relative path answered only from its own folder). What it is and what it holds is in two
small tables, ``hemicycle_about`` and ``hemicycle_tables``; ``open_database`` checks them
and turns every way of failing into one line that says what to do.

The metrics are tables computed when the database is built: reading one costs what reading
its rows costs, at any size of data. The macros stay, to compute any of them for a scope.

The file is built beside its final place and renamed over it: DuckDB allows one writer per
file, and a reader never sees a half-built database.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import uuid
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import duckdb
import polars as pl

from hemicycle import DATASET_NAME, SCHEMA_VERSION
from hemicycle.errors import DatabaseError, HemicycleError
from hemicycle.publish.layer import empty_select, read_parquet_sql, sql_string
from hemicycle.schema import (
    CATALOGUE,
    DUCKDB_TYPES,
    HEMICYCLE_ABOUT,
    HEMICYCLE_TABLES,
    METRICS,
    TABLES,
    TIES_PER_MEMBER,
    Table,
)

DATABASE = "hemicycle.duckdb"
# 1: views over the Parquet tables by relative path; 2: the tables themselves.
DATABASE_FORMAT = "2"
# Files are written in this storage format, so that DuckDB 1.2 and every later version open
# them (DuckDB 2 would otherwise write its own, which older clients cannot read).
STORAGE_VERSION = "v1.2.0"
# 64 KiB blocks rather than DuckDB's 256 KiB: every table takes at least one block, and the
# file holds some thirty tables (the sample's database: 2.5 MB instead of 7.6 MB), while at
# 10 M signatures the file is no larger (267 MB against 280 MB).
BLOCK_SIZE = 65_536
# Run in this order: metrics.sql uses the macros, questions.sql may read the metric tables.
SQL_FILES = ("macros.sql", "metrics.sql", "questions.sql")
# A DuckDB file starts with a main header and two database headers of 4 KiB each, then its
# blocks (https://duckdb.org/docs/stable/internals/storage): a shorter file was cut short.
_HEADERS_BYTES = 3 * 4096
# Directed member pairs counted at once when person_cosignatures is built (memory, not time).
_PAIRS_PER_PART = 20_000_000
# DuckDB lets a connection grow to 80 % of the machine's memory before it spills; the
# pipeline's build is held to this instead and spills the rest to a temporary folder beside
# the database (a run of 100,000 documents: 1.3 GB unbounded, 0.6 GB under 512 MB, for ~15 %
# more CPU). Not every operator can spill: at 10 M signatures a metric needs more than 512 MB
# (``build_database_bounded`` then builds it again without the limit).
MEMORY_LIMIT = "512MB"

REBUILD = "rebuild it with `hemicycle run` (or download the current release)"
DOWNLOAD_AGAIN = ("download it again (in a release folder `sha256sum -c SHA256SUMS` shows what is "
                  "damaged), or rebuild it with `hemicycle run`")


# ---------------------------------------------------------------- reading the Parquet tables
def table_files(root: Path, table: Table, tables_rel: str = "tables") -> list[str]:
    """The Parquet files of ``table`` under ``root``, as paths relative to ``root``."""
    folder = root / tables_rel / table.name
    if not folder.is_dir():
        return []
    found = (p.relative_to(folder).as_posix() for p in folder.rglob("*.parquet"))
    return [f"{tables_rel}/{table.name}/{rel}" for rel in sorted(found)
            if not any(part.startswith(".") for part in rel.split("/"))]


def select_sql(table: Table, files: Sequence[str]) -> str:
    """A query giving ``table``'s rows from its Parquet files, with exactly its columns and
    types: the ``source`` (and ``year``) of a partitioned table come from the hive folders
    when the files do not hold them. Paths are read relative to DuckDB's file_search_path."""
    if not files:
        return empty_select(table)
    cols = ", ".join(f"CAST({c.name} AS {DUCKDB_TYPES[c.dtype]}) AS {c.name}" for c in table.columns)
    return f"SELECT {cols} FROM {read_parquet_sql(table, ', '.join(sql_string(f) for f in files))}"


def base_views_sql(root: Path, tables_rel: str = "tables") -> str:
    """A view per table over its Parquet files (paths relative to ``root``: set DuckDB's
    file_search_path to it)."""
    return "\n".join(f"CREATE OR REPLACE VIEW {t.name} AS {select_sql(t, table_files(root, t, tables_rel))};"
                     for t in TABLES.values()) + "\n"


def sql_file(name: str) -> str:
    return resources.files("hemicycle.sql").joinpath(name).read_text(encoding="utf-8")


def derived_sql() -> str:
    """The macros and the metric tables, as shipped in ``hemicycle/sql``."""
    return "\n".join(sql_file(name) for name in SQL_FILES)


def macros_sql() -> str:
    """Every macro (a release's macros.sql): to be run after the tables and metrics exist."""
    return sql_file("macros.sql") + "\n" + sql_file("questions.sql")


# ---------------------------------------------------------------- building
def _person_cosignatures(con: duckdb.DuckDBPyConnection, per_member: int) -> None:
    """person_cosignatures, equal to ``person_cosignatures_in(per_member := per_member)``.

    Every pair of co-signers is counted, but members are numbered and their pairs counted a
    part of the members at a time, each part keeping only its members' strongest ties: the
    whole list of pairs (116 M at 10 M signatures) never has to be held at once."""
    con.execute("""
        CREATE TEMP TABLE member_numbers AS
        SELECT person_id, row_number() OVER (ORDER BY person_id) AS member
        FROM (SELECT DISTINCT person_id FROM signatories WHERE kind = 'person')""")
    con.execute("""
        CREATE TEMP TABLE memberships AS
        WITH people AS (
            SELECT DISTINCT source, statement_id, person_id FROM signatories WHERE kind = 'person'
        ), sizes AS (
            SELECT statement_id, count(*) AS n FROM people GROUP BY ALL HAVING count(*) >= 2
        ), numbered AS (
            SELECT statement_id, n, row_number() OVER (ORDER BY statement_id) AS statement FROM sizes
        )
        SELECT numbered.statement, p.source, m.member, numbered.n,
               (1.0 / (numbered.n - 1))::DECIMAL(18, 15) AS w
        FROM people p JOIN numbered USING (statement_id) JOIN member_numbers m USING (person_id)
        ORDER BY numbered.statement, m.member""")
    directed = con.execute("SELECT coalesce(sum(n - 1), 0) FROM memberships").fetchall()[0][0]
    parts = max(1, math.ceil(int(directed) / _PAIRS_PER_PART))
    con.execute("CREATE TEMP TABLE strongest (source VARCHAR, member BIGINT, partner BIGINT, "
                "statements BIGINT, weight DECIMAL(38, 15))")
    for part in range(parts):
        # ties: ranked by weight, then statements, then the smaller partner (the macro's order)
        con.execute(f"""
            INSERT INTO strongest
            SELECT source, member, unnest(ties, recursive := true)
            FROM (
                SELECT source, member,
                       max_by({{'partner': partner, 'statements': statements, 'weight': weight}},
                              (weight, statements, -partner), {int(per_member)}) AS ties
                FROM (
                    SELECT a.source, a.member, b.member AS partner,
                           count(*) AS statements, sum(a.w) AS weight
                    FROM memberships a
                    JOIN memberships b ON a.statement = b.statement AND a.member <> b.member
                    WHERE a.member % {parts} = {part}
                    GROUP BY ALL)
                GROUP BY source, member)""")
    con.execute("""
        CREATE TABLE person_cosignatures AS
        WITH kept AS (
            SELECT DISTINCT source, least(member, partner) AS a, greatest(member, partner) AS b,
                   statements, weight
            FROM strongest
        )
        SELECT kept.source, pa.person_id AS person_a, pb.person_id AS person_b,
               kept.statements, kept.weight::DOUBLE AS weight
        FROM kept
        JOIN member_numbers pa ON pa.member = kept.a
        JOIN member_numbers pb ON pb.member = kept.b
        ORDER BY kept.source, person_a, person_b""")
    for temp in ("strongest", "memberships", "member_numbers"):
        con.execute(f"DROP TABLE temp.main.{temp}")


def _catalogue(con: duckdb.DuckDBPyConnection, release_version: str | None) -> None:
    """hemicycle_about, hemicycle_tables and the macro hemicycle_check()."""
    for table in CATALOGUE.values():
        cols = ", ".join(f"{c.name} {DUCKDB_TYPES[c.dtype]}" for c in table.columns)
        con.execute(f"CREATE TABLE {table.name} ({cols})")
    about = {"dataset": DATASET_NAME, "schema_version": SCHEMA_VERSION,
             "database_format": DATABASE_FORMAT, "release_version": release_version,
             "duckdb_version": duckdb.__version__ if duckdb.__version__.startswith("v")
             else f"v{duckdb.__version__}", "storage_version": STORAGE_VERSION}
    con.execute(f"INSERT INTO {HEMICYCLE_ABOUT.name} VALUES ({', '.join('?' for _ in about)})",
                [about[c] for c in HEMICYCLE_ABOUT.column_names])
    listed = [(t, "table") for t in TABLES.values()] + [(t, "metric") for t in METRICS.values()]
    counts = " UNION ALL ".join(f"SELECT '{t.name}' AS name, count(*) AS rows FROM {t.name}" for t, _ in listed)
    rows = dict(con.execute(counts).fetchall())
    con.executemany(f"INSERT INTO {HEMICYCLE_TABLES.name} VALUES (?, ?, ?, ?)",
                    [(t.name, kind, rows[t.name], t.description) for t, kind in listed])
    con.execute(f"""
        CREATE MACRO hemicycle_check() AS TABLE
        SELECT t.name, t.kind, t.rows AS rows_built, n.rows AS rows_now, t.rows = n.rows AS ok
        FROM {HEMICYCLE_TABLES.name} t JOIN ({counts}) n USING (name)
        ORDER BY ok, t.kind DESC, t.name""")


def _check_names(con: duckdb.DuckDBPyConnection) -> None:
    """Every metric of hemicycle.schema.METRICS is built, and nothing undescribed is."""
    built = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() "
                                       "WHERE database_name = current_database()").fetchall()}
    if missing := sorted(set(METRICS) - built):
        raise HemicycleError(f"metric tables missing from hemicycle/sql: {missing}")
    if undescribed := sorted(built - set(METRICS) - set(TABLES) - set(CATALOGUE)):
        raise HemicycleError(f"tables without a description in hemicycle.schema: {undescribed}")


def build_database(root: Path, db_name: str = DATABASE, tables_rel: str = "tables", *,
                   release_version: str | None = None, threads: int | None = None,
                   memory_limit: str | None = None) -> Path:
    """(Re)build ``root/db_name`` from the Parquet tables under ``root/tables_rel``: every
    table sorted by its key, the macros, the metric tables and the catalogue.

    ``memory_limit`` (DuckDB's setting, e.g. ``"512MB"``; None: DuckDB's default) bounds
    the build's memory: beyond it DuckDB spills to a temporary folder; ``threads`` (None:
    every core) how many threads it uses."""
    final = root / db_name
    staging = root / f".{db_name}.{uuid.uuid4().hex}.tmp"
    try:
        with tempfile.TemporaryDirectory(prefix=".hemicycle-duckdb-", dir=root) as spill:
            con = duckdb.connect()
            try:
                con.execute("SET enable_progress_bar = false")
                con.execute(f"SET temp_directory = {sql_string(spill)}")
                if threads:
                    con.execute(f"SET threads = {int(threads)}")
                if memory_limit:
                    con.execute(f"SET memory_limit = {sql_string(memory_limit)}")
                con.execute(f"SET file_search_path = {sql_string(str(root.resolve()))}")
                con.execute(f"ATTACH {sql_string(str(staging))} AS hemicycle "
                            f"(STORAGE_VERSION '{STORAGE_VERSION}', BLOCK_SIZE {BLOCK_SIZE})")
                con.execute("USE hemicycle")
                for table in TABLES.values():
                    rows = select_sql(table, table_files(root, table, tables_rel))
                    con.execute(f"CREATE TABLE {table.name} AS {rows} ORDER BY {', '.join(table.key)}")
                con.execute(derived_sql())
                _person_cosignatures(con, TIES_PER_MEMBER)
                _check_names(con)
                _catalogue(con, release_version)
                con.execute("CHECKPOINT hemicycle")
                con.execute("USE memory")
                con.execute("DETACH hemicycle")
            finally:
                con.close()
        os.replace(staging, final)
    finally:
        staging.unlink(missing_ok=True)
        Path(f"{staging}.wal").unlink(missing_ok=True)
    return final


def build_database_bounded(root: Path, memory_limit: str | None = MEMORY_LIMIT,
                           threads: int | None = None) -> tuple[Path, bool]:
    """``build_database`` held to ``memory_limit``; when DuckDB cannot build it within the
    limit (an operator that cannot spill to disk), built again with DuckDB's own limit.
    Returns the path and whether the limit held."""
    try:
        return build_database(root, memory_limit=memory_limit, threads=threads), True
    except duckdb.OutOfMemoryException:
        if not memory_limit:
            raise
    return build_database(root, threads=threads), False


# ---------------------------------------------------------------- opening
def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def check_release_files(folder: Path) -> None:
    """Raise DatabaseError when a file the release's manifest lists is missing or cut short."""
    manifest = folder / "manifest.json"
    if not manifest.is_file():
        return
    try:
        # the database has no size there (it varies between builds): it only has to be there
        files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    except (ValueError, KeyError, TypeError) as exc:
        raise DatabaseError(f"release {folder}: manifest.json cannot be read ({exc})", DOWNLOAD_AGAIN) from None
    bad = sorted(f["path"] for f in files if not (folder / f["path"]).is_file()
                 or f["bytes"] not in (None, (folder / f["path"]).stat().st_size))
    if bad:
        raise DatabaseError(f"release {folder} is incomplete: {len(bad)} of its {len(files)} files are "
                            f"missing or cut short ({', '.join(bad[:3])}{', …' if len(bad) > 3 else ''})",
                            "download the release again; `sha256sum -c SHA256SUMS` in its folder "
                            "lists every file that is missing or damaged")


def database_table_rows(path: Path) -> dict[str, int]:
    """The rows of every table the database at ``path`` lists in ``hemicycle_tables``."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return dict(con.execute("SELECT name, rows FROM hemicycle_tables ORDER BY name").fetchall())
    finally:
        con.close()


def open_database(path: Path | str, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open a hemicycle database (a ``hemicycle.duckdb`` file, or a release folder holding
    one), or raise DatabaseError saying in one line what is wrong and what to do."""
    path = Path(path)
    if path.is_dir():
        check_release_files(path)
        path = path / DATABASE
    if not path.is_file():
        raise DatabaseError(f"database {path} not found",
                            "run `hemicycle run` first, or give the path of a release's hemicycle.duckdb")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        message = _first_line(exc)
        if "version" in message.lower():
            raise DatabaseError(f"{path} cannot be opened by DuckDB {duckdb.__version__}: {message}",
                                "upgrade the duckdb package, or rebuild the file with `hemicycle run`") from None
        raise DatabaseError(f"{path} is not a readable DuckDB database ({message})", DOWNLOAD_AGAIN) from None
    try:
        _check_open(con, path)
        # the database needs nothing beside it; this only lets a query read files beside it
        con.execute(f"SET file_search_path = {sql_string(str(path.resolve().parent))}")
    except BaseException:
        con.close()
        raise
    return con


def _check_open(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    try:
        blocks, block_size = con.execute("SELECT total_blocks, block_size FROM pragma_database_size() "
                                         "WHERE database_name = current_database()").fetchall()[0]
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() "
                                            "WHERE database_name = current_database()").fetchall()}
        about = (con.execute(f"SELECT schema_version, database_format FROM {HEMICYCLE_ABOUT.name}").fetchall()[0]
                 if HEMICYCLE_ABOUT.name in tables else None)
    except duckdb.Error as exc:
        raise DatabaseError(f"{path} is damaged ({_first_line(exc)})", DOWNLOAD_AGAIN) from None
    if path.stat().st_size < _HEADERS_BYTES + blocks * block_size:
        raise DatabaseError(f"{path} is cut short: {path.stat().st_size} bytes where its blocks need "
                            f"{_HEADERS_BYTES + blocks * block_size}", DOWNLOAD_AGAIN)
    if about is None:
        views = con.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchall()[0][0]
        what = ("a database of an earlier hemicycle, whose views read Parquet files by relative path"
                if "signatories" not in tables and views else "not a hemicycle database")
        raise DatabaseError(f"{path} is {what} (it has no table {HEMICYCLE_ABOUT.name})", REBUILD)
    if about != (SCHEMA_VERSION, DATABASE_FORMAT):
        raise DatabaseError(f"{path} holds schema version {about[0]} in database format {about[1]}; this "
                            f"hemicycle reads schema version {SCHEMA_VERSION}, format {DATABASE_FORMAT}",
                            REBUILD)


connect = open_database  # the name the rest of the project has used


def query_frame(con: duckdb.DuckDBPyConnection, sql: str) -> pl.DataFrame:
    """Run SQL and return a polars DataFrame (through Arrow, which every DuckDB version has)."""
    frame = pl.from_arrow(con.sql(sql).to_arrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame
