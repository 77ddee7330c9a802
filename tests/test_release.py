"""Releases as people get them: real files from a real run, checked with the tools they use."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest
from published import publish_frame

from hemicycle.errors import ReleaseError, ReleaseHeld
from hemicycle.publish.changes import compare
from hemicycle.publish.duck import connect
from hemicycle.publish.release import Published, publish_release
from hemicycle.publish.release.extras import ReleaseContext
from hemicycle.schema import METRICS, SIGNATORIES, STATEMENTS, TABLES, Table

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEED = "pace:16320"


@pytest.fixture(scope="module")
def published(pipeline_out: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Published, Path]:
    dest = tmp_path_factory.mktemp("dest")
    return publish_release(pipeline_out, str(dest)), dest


@pytest.fixture(scope="module")
def release_dir(published: tuple[Published, Path]) -> Path:
    result, dest = published
    return dest / result.release.version


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _frame(con: duckdb.DuckDBPyConnection, sql: str) -> pl.DataFrame:
    return _arrow_frame(con.sql(sql).to_arrow_table())


def _arrow_frame(table: Any) -> pl.DataFrame:
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame


def _run_counts(out: Path) -> tuple[int, int]:
    con = connect(out / "hemicycle.duckdb")
    try:
        statements, signatories = con.execute(
            "select (select count(*) from statements), (select count(*) from signatories)").fetchall()[0]
        return int(statements), int(signatories)
    finally:
        con.close()


def test_layout_versions_json_and_latest(pipeline_out: Path, published: tuple[Published, Path],
                                         release_dir: Path) -> None:
    result, dest = published
    version = result.release.version
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-[0-9a-f]{8}", version) and version.startswith("2026-11-22")
    assert (dest / "latest").is_symlink() and (dest / "latest").resolve() == release_dir.resolve()
    index = json.loads((dest / "versions.json").read_text())
    assert (index["newest"], index["latest"]) == (version, version)
    assert [v["version"] for v in index["versions"]] == [version]
    names = set(_tree(release_dir))
    assert {"hemicycle.duckdb", "views.sql", "macros.sql", "datapackage.json", "SHA256SUMS",
            "manifest.json", "validation.json", "CHANGES.md"} <= names
    assert "tables/statements/source=pace/part-2026.parquet" in names
    assert "tables/statements/source=ep/part-undated.parquet" in names  # press summaries
    assert {f"metrics/{m}.parquet" for m in METRICS} <= names
    manifest = json.loads((release_dir / "manifest.json").read_text())
    # every file with its size and checksum but the database, whose bytes vary between builds
    # (SHA256SUMS has its checksum); the manifest gives its tables' rows
    assert {f["path"] for f in manifest["files"]} == names - {"manifest.json", "SHA256SUMS"}
    assert [f for f in manifest["files"] if f["sha256"] is None or f["bytes"] is None] == [
        {"path": "hemicycle.duckdb", "bytes": None, "sha256": None}]
    assert manifest["database"]["path"] == "hemicycle.duckdb"
    assert manifest["database"]["tables"]["signatories"] == _run_counts(pipeline_out)[1]
    assert set(manifest["database"]["tables"]) == set(TABLES) | set(METRICS)
    statements, signatures = _run_counts(pipeline_out)
    assert manifest["row_counts"]["statements"] == statements and manifest["checks"]["passed"] is True
    assert f"First release: {statements} statements and {signatures} signatures." in (
        release_dir / "CHANGES.md").read_text()
    assert not [p for p in dest.iterdir() if p.name.startswith(".staging")]


def _database_content(path: Path) -> dict[str, object]:
    """Everything a database holds: each table's rows in order, each view and macro's SQL."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [r[0] for r in con.execute("select table_name from duckdb_tables() order by 1").fetchall()]
        content: dict[str, object] = {t: _frame(con, f"from {t}").to_dicts() for t in tables}
        content["sql"] = con.execute(
            "select function_name, macro_definition from duckdb_functions() where not internal "
            "and function_type like '%macro' union all select view_name, sql from duckdb_views() "
            "where not internal order by 1, 2").fetchall()
        return content
    finally:
        con.close()


def test_same_data_gives_the_same_bytes_and_republishing_changes_nothing(pipeline_out: Path,
                                                                         published: tuple[Published, Path],
                                                                         release_dir: Path, tmp_path: Path) -> None:
    again = publish_release(pipeline_out, str(tmp_path / "elsewhere"))
    assert again.release.version == published[0].release.version
    first, second = _tree(release_dir), _tree(tmp_path / "elsewhere" / again.release.version)
    assert first.keys() == second.keys()
    # every file is byte-identical but the database (DuckDB's compression and the unused parts
    # of its blocks depend on memory it never initialised) and that file's line in SHA256SUMS;
    # the database holds the same tables, rows, views and macros
    differ = [name for name in first if first[name] != second[name]]
    assert set(differ) <= {"hemicycle.duckdb", "SHA256SUMS"}, differ
    database = tmp_path / "elsewhere" / again.release.version / "hemicycle.duckdb"
    assert _database_content(release_dir / "hemicycle.duckdb") == _database_content(database)
    sums = [set(tree["SHA256SUMS"].decode().splitlines()) for tree in (first, second)]
    assert {line.split("  ")[1] for line in sums[0] ^ sums[1]} <= {"hemicycle.duckdb"}
    index = (published[1] / "versions.json").read_bytes()
    same_dest = publish_release(pipeline_out, str(published[1]))
    assert same_dest.status == "unchanged"
    assert (release_dir / "hemicycle.duckdb").read_bytes() == first["hemicycle.duckdb"]  # kept
    assert (published[1] / "versions.json").read_bytes() == index


def test_sha256sum_checks_every_file(release_dir: Path) -> None:
    result = subprocess.run(["sha256sum", "-c", "--strict", "SHA256SUMS"], cwd=release_dir,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    listed = {line.split("  ", 1)[1] for line in (release_dir / "SHA256SUMS").read_text().splitlines()}
    assert listed == set(_tree(release_dir)) - {"SHA256SUMS"}


def test_datapackage_passes_frictionless_validate(release_dir: Path) -> None:
    package = json.loads((release_dir / "datapackage.json").read_text())
    parquet = {n for n in _tree(release_dir) if n.endswith(".parquet")}
    assert {r["path"] for r in package["resources"]} == parquet
    for res in package["resources"]:
        assert res["rows"] >= 0 and re.fullmatch(r"sha256:[0-9a-f]{64}", res["hash"]) and res["filesize"] > 0
        assert all(f["description"] for f in res["schema"]["fields"])
        assert res["rows"] == pq.read_metadata(release_dir / res["path"]).num_rows
    frictionless = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(frictionless), "validate", "--json", "datapackage.json"],
                            cwd=release_dir, capture_output=True, text=True)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], [t["errors"][:2] for t in report["tasks"] if t["errors"]]
    assert len(report["tasks"]) == len(parquet)


def test_parquet_files_carry_metadata_and_their_partition(release_dir: Path, published: tuple[Published, Path]) -> None:
    version = published[0].release.version
    for path in (release_dir / "tables").rglob("*.parquet"):
        meta = pq.read_metadata(path).metadata
        assert meta is not None
        assert meta[b"dataset"] == b"hemicycle" and meta[b"schema_version"] == b"1"
        assert meta[b"release_version"] == version.encode()
        table = TABLES[meta[b"table_name"].decode()]
        frame = pl.read_parquet(path, hive_partitioning=False)
        folders = path.relative_to(release_dir).parts[2:-1]
        if not folders:  # a table that is not partitioned: every column
            assert frame.columns == table.column_names
            continue
        # the source is in the path only, the year in the file (and its name) only
        assert table.partitioned and folders[0].startswith("source=") and len(folders) == 1
        assert frame.columns == [c for c in table.column_names if c != "source"]
        year = path.stem.removeprefix("part-")
        assert set(frame["year"]) == ({None} if year == "undated" else {int(year)})


def _readme_queries() -> list[str]:
    readme = (PROJECT_ROOT / "README.md").read_text()
    section = readme.split("### Questions", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


# Arguments for the macros that require some; every other macro is called with none.
_MOST_ACTIVE = "(select person_id from member_activity order by statements desc, person_id limit 1)"
_PAIR = "(select {} from person_cosignatures order by weight desc, person_a, person_b limit 1)"
MACRO_ARGUMENTS = {
    "statements_about": "'KZ'",
    "cosigners": _MOST_ACTIVE,
    "member_signatures": _MOST_ACTIVE,
    "signed_together": f"{_PAIR.format('person_a')}, {_PAIR.format('person_b')}",
    "members_signing_with": "'EPP/CD'",
    "praise_of": "'KZ'",
    "critics_of": "'KZ'",
    "stance_signers_in": "'KZ', 'praise'",
}


def _answers_everything(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows of every table, view and table macro of a database; each must answer."""
    tables = [r[0] for r in con.execute("select table_name from duckdb_tables() union all "
                                        "select view_name from duckdb_views() where not internal").fetchall()]
    macros = [r[0] for r in con.execute("select distinct function_name from duckdb_functions() "
                                        "where not internal and function_type = 'table_macro'").fetchall()]
    rows = {name: con.execute(f"select count(*) from {name}").fetchall()[0][0] for name in tables}
    rows |= {f"{name}()": con.execute(f"select count(*) from {name}({MACRO_ARGUMENTS.get(name, '')})").fetchall()[0][0]
             for name in macros}
    return rows


def test_database_answers_everything_by_its_path_from_anywhere(pipeline_out: Path, release_dir: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """From `/`, and as a lone copy in another folder, the file answers every table, view
    and macro: it holds its data and needs nothing beside it."""
    monkeypatch.chdir("/")
    con = duckdb.connect(str(release_dir / "hemicycle.duckdb"), read_only=True)
    answers = _answers_everything(con)
    con.close()
    assert set(TABLES) | set(METRICS) <= set(answers)
    assert {"person_cosignatures_in()", "signed_together()", "hemicycle_check()"} <= set(answers)
    # every one has rows, but: no member of the sample praises a state their group criticises
    # (tests/test_stance_metrics.py builds a database that has one)
    assert [name for name, n in answers.items() if n == 0] == ["praise_against_group", "praise_against_group_in()"]
    assert answers["signatories"] == _run_counts(pipeline_out)[1]

    lone = tmp_path / "elsewhere" / "copy.duckdb"
    lone.parent.mkdir()
    shutil.copyfile(release_dir / "hemicycle.duckdb", lone)
    con = duckdb.connect(str(lone), read_only=True)
    assert _answers_everything(con) == answers
    assert con.execute("select count(*) from hemicycle_check() where not ok").fetchall() == [(0,)]
    con.close()
    # the run's own database answers the same from anywhere too
    con = duckdb.connect(str(pipeline_out / "hemicycle.duckdb"), read_only=True)
    assert _answers_everything(con) == answers
    con.close()


def test_copied_release_answers_the_readme_queries(pipeline_out: Path, release_dir: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "copied" / "hemicycle"
    shutil.copytree(release_dir, copy)
    monkeypatch.chdir(tmp_path)  # not the release folder: the database needs none
    con = duckdb.connect(str(copy / "hemicycle.duckdb"), read_only=True)
    queries = _readme_queries()
    assert len(queries) == 9
    for sql in queries:
        assert con.sql(sql).fetchall(), sql
    assert con.execute("select count(*) from signatories").fetchall()[0][0] == _run_counts(pipeline_out)[1]
    con.close()


def _as_schema(frame: pl.DataFrame, table: Table) -> pl.DataFrame:
    return frame.select(table.column_names).cast(table.polars_schema()).sort(list(table.key), nulls_last=False)


def _from_pandas(df: pd.DataFrame, table: Table) -> pl.DataFrame:
    """pandas' default dtypes back to the table's values: NaN for null, floats for integers
    with nulls, categories for the hive column, numpy arrays for lists."""
    import math

    def value(v: Any) -> Any:
        if v is None or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
            return None
        if hasattr(v, "tolist"):  # numpy scalars and arrays
            return v.tolist()
        return v

    columns = {c: [value(v) for v in df[c].astype(object).tolist()] for c in table.column_names}
    return pl.DataFrame(columns, schema=table.polars_schema(), strict=False)


def test_every_parquet_table_reads_the_same_in_pandas_pyarrow_polars_and_duckdb(
        release_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each table read whole, as datapackage.json says, by each client: the same rows."""
    import pyarrow.dataset as ds

    monkeypatch.chdir(release_dir)
    package = json.loads(Path("datapackage.json").read_text())
    listed = package["hemicycle"]["tables"]
    assert set(listed) == set(TABLES) | set(METRICS)
    for name, entry in listed.items():
        table, path = {**TABLES, **METRICS}[name], entry["path"]
        glob = path if path.endswith(".parquet") else f"{path}/**/*.parquet"
        read = {
            "pandas": _from_pandas(pd.read_parquet(path), table),
            "pyarrow.parquet": _arrow_frame(pq.read_table(path)),
            "pyarrow.dataset": _arrow_frame(ds.dataset(path, partitioning="hive").to_table()),
            "polars": pl.read_parquet(path),
            "duckdb": _arrow_frame(duckdb.connect().sql(
                f"select * from read_parquet('{glob}', hive_partitioning = true)").to_arrow_table()),
        }
        frames = {client: _as_schema(frame, table) for client, frame in read.items()}
        reference = frames.pop("duckdb")
        assert reference.height == sum(r["rows"] for r in package["resources"] if r["hemicycle"]["table"] == name)
        for client, frame in frames.items():
            assert frame.equals(reference), (name, client)


def test_views_sql_and_macros_sql_serve_a_folder_from_anywhere(release_dir: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    con = duckdb.connect()
    con.execute(f"SET VARIABLE hemicycle_root = '{release_dir.as_posix()}'")
    con.execute((release_dir / "views.sql").read_text())
    con.execute((release_dir / "macros.sql").read_text())
    db = connect(release_dir / "hemicycle.duckdb")
    for name in ("statements", "signatories", "group_cosignatures", "member_activity", "person_cosignatures"):
        order = ", ".join(f"{c} nulls first" for c in {**TABLES, **METRICS}[name].key)
        assert _frame(con, f"from {name} order by {order}").equals(_frame(db, f"from {name} order by {order}")), name
    assert con.execute("from hemicycle_missing_files()").fetchall() == []
    assert _frame(con, "from statements_about('kz')")["statement_id"].to_list().count(SEED) == 1
    db.close()


def test_metric_tables_equal_the_sql_over_the_run(pipeline_out: Path, release_dir: Path) -> None:
    live = connect(pipeline_out / "hemicycle.duckdb")
    for name, table in METRICS.items():
        shipped = pl.read_parquet(release_dir / "metrics" / f"{name}.parquet")
        assert shipped.columns == table.column_names
        order = ", ".join(f"{c} nulls first" for c in table.key)
        assert shipped.equals(_frame(live, f"select * from {name} order by {order}")), name
    live.close()


# ---------------------------------------------------------------- metrics, checked independently
@pytest.fixture(scope="module")
def signatures(release_dir: Path) -> pl.DataFrame:
    return pl.read_parquet(release_dir / "tables" / "signatories")  # hive: the source from the folders


@pytest.fixture(scope="module")
def db(release_dir: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(release_dir / "hemicycle.duckdb")
    yield con
    con.close()


def test_group_mix_of_the_seed_declaration(db: duckdb.DuckDBPyConnection) -> None:
    # The seed's 21 signatories by group, read from the document by hand: 7, 5, 4, 3, 2.
    row = db.execute("select signatories, groups, countries, effective_groups, largest_group "
                     "from statement_group_mix where statement_id = ?", [SEED]).fetchall()[0]
    assert row[:3] == (21, 5, 13) and row[4] == "ALDE"
    assert row[3] == pytest.approx(21 ** 2 / (7 ** 2 + 5 ** 2 + 4 ** 2 + 3 ** 2 + 2 ** 2))


def test_group_pair_counts_match_polars(db: duckdb.DuckDBPyConnection, signatures: pl.DataFrame) -> None:
    presence = signatures.filter(pl.col("group_code").is_not_null()).group_by("source", "statement_id").agg(
        pl.col("group_code").unique())
    pace = presence.filter(pl.col("source") == "pace")
    expected = pace.filter(pl.col("group_code").list.contains("ALDE")
                           & pl.col("group_code").list.contains("EPP/CD")).height
    assert expected > 3
    row = db.execute("select statements, share_of_a from group_cosignatures where source = 'pace' "
                     "and group_a = 'EPP/CD' and group_b = 'ALDE'").fetchone()
    epp = pace.filter(pl.col("group_code").list.contains("EPP/CD")).height
    assert row == (expected, pytest.approx(expected / epp))
    # the macro with a year range agrees with the same count on those years only
    years = signatures.filter(pl.col("year").is_between(2010, 2016)).select("statement_id").unique()
    in_range = pace.join(years, on="statement_id").filter(
        pl.col("group_code").list.contains("ALDE") & pl.col("group_code").list.contains("EPP/CD")).height
    assert db.execute("select statements from group_cosignatures_in(from_year := 2010, to_year := 2016, "
                      "in_source := 'pace') where group_a = 'ALDE' and group_b = 'EPP/CD'").fetchone() == (in_range,)


def test_person_edges_and_newman_weight_match_a_direct_count(db: duckdb.DuckDBPyConnection,
                                                             signatures: pl.DataFrame) -> None:
    people = signatures.filter(pl.col("kind") == "person").select("statement_id", "person_id").unique()
    sizes = dict(people.group_by("statement_id").len().iter_rows())
    by_person = {p: set(g["statement_id"]) for (p,), g in people.group_by("person_id")}
    # the two members who signed most together
    together = Counter(pair for _, g in people.group_by("statement_id")
                       for pair in itertools.combinations(sorted(g["person_id"]), 2))
    (a, b), _ = min(together.items(), key=lambda kv: (-kv[1], kv[0]))
    shared = by_person[a] & by_person[b]
    assert len(shared) >= 2
    row = db.execute("select statements, weight from person_cosignatures where person_a = ? and person_b = ?",
                     [a, b]).fetchone()
    assert row == (len(shared), pytest.approx(sum(1 / (sizes[s] - 1) for s in shared)))
    # every member's weights over every pair add up to the number of statements signed with
    # someone else (the macro gives every pair; the table, each member's strongest ties)
    total = db.execute("select sum(weight) from (select person_a p, weight from person_cosignatures_in() "
                       "union all select person_b, weight from person_cosignatures_in()) where p = ?",
                       [a]).fetchall()[0][0]
    assert total == pytest.approx(sum(1 for s in by_person[a] if sizes[s] > 1))
    cosigners = db.execute("select count(*), sum(statements), sum(weight) from cosigners(?)", [a]).fetchall()[0]
    partners = {p for s in by_person[a] for p, ss in by_person.items() if s in ss} - {a}
    assert cosigners == (len(partners), sum(len(by_person[a] & by_person[p]) for p in partners),
                         pytest.approx(total))


def test_person_cosignatures_keeps_each_members_strongest_ties(db: duckdb.DuckDBPyConnection) -> None:
    """The table holds exactly the pairs among the 20 strongest ties of either member."""
    from hemicycle.schema import TIES_PER_MEMBER

    every = _frame(db, "from person_cosignatures_in()")
    ties = pl.concat([every.rename({"person_a": "member", "person_b": "partner"}),
                      every.rename({"person_b": "member", "person_a": "partner"})], how="diagonal")
    ranked = ties.sort(["source", "member", "weight", "statements", "partner"],
                       descending=[False, False, True, True, False]) \
        .with_columns(rank=pl.int_range(pl.len()).over("source", "member") + 1)
    most = ranked.group_by("source", "member").len()["len"].max()
    assert isinstance(most, int) and most > TIES_PER_MEMBER  # the limit matters
    strongest = ranked.filter(pl.col("rank") <= TIES_PER_MEMBER).select(
        "source", person_a=pl.min_horizontal("member", "partner"),
        person_b=pl.max_horizontal("member", "partner")).unique()
    expected = every.join(strongest, on=["source", "person_a", "person_b"]).sort("source", "person_a", "person_b")
    table = _frame(db, "from person_cosignatures order by source, person_a, person_b")
    assert 0 < table.height < every.height and table.equals(expected)
    assert table.equals(_frame(db, f"from person_cosignatures_in(per_member := {TIES_PER_MEMBER})"))


def test_member_activity_and_target_countries_match_polars(db: duckdb.DuckDBPyConnection, signatures: pl.DataFrame,
                                                           release_dir: Path) -> None:
    people = signatures.filter(pl.col("kind") == "person")
    first = people.group_by("statement_id").agg(pl.col("position").min().alias("first"))
    counts = people.join(first, on="statement_id").group_by("person_id").agg(
        pl.col("statement_id").n_unique().alias("statements"),
        (pl.col("position") == pl.col("first")).sum().alias("first_signatory"))
    top = counts.sort("statements", "person_id", descending=[True, False]).row(0, named=True)
    assert db.execute("select statements, first_signatory from member_activity where person_id = ?",
                      [top["person_id"]]).fetchone() == (top["statements"], top["first_signatory"])
    about = pl.read_parquet(release_dir / "tables" / "statement_countries").filter(pl.col("country_code") == "KZ")
    kz = people.join(about.select("statement_id"), on="statement_id").filter(pl.col("source") == "pace")
    expected = dict(kz.group_by("country_code").len().iter_rows())
    got = dict(db.execute("select signatory_country, signatures from target_country_signatory_countries "
                          "where target_country = 'KZ' and source = 'pace'").fetchall())
    assert got == expected and got["AM"] >= 5


# ---------------------------------------------------------------- history, failures, refusals
def _edited_run(pipeline_out: Path, target: Path) -> Path:
    """A copy of a run's output with one statement gone, one retitled and one signature moved."""
    shutil.copytree(pipeline_out, target, symlinks=True, ignore=shutil.ignore_patterns("raw", "cache", "storage"))
    tables = target / "tables"
    con = connect(pipeline_out / "hemicycle.duckdb")
    statements, signatories = _frame(con, "from statements"), _frame(con, "from signatories")
    con.close()
    gone = statements.filter(pl.col("source") == "pace")["statement_id"].sort()[0]
    statements = statements.filter(pl.col("statement_id") != gone).with_columns(
        pl.when(pl.col("statement_id") == SEED).then(pl.lit("A new title")).otherwise("title").alias("title"))
    signatories = signatories.filter(pl.col("statement_id") != gone).with_columns(
        pl.when(pl.col("signatory_id") == f"{SEED}#1").then(pl.lit("SOC")).otherwise("group_code").alias("group_code"))
    publish_frame(statements.select(STATEMENTS.column_names), STATEMENTS, tables)
    publish_frame(signatories.select(SIGNATORIES.column_names), SIGNATORIES, tables)
    return target


def test_changes_compare_the_motion_a_summary_reports(pipeline_out: Path) -> None:
    """A press summary that comes to point at a motion is a change; a previous release
    without that column yet is no change at all."""
    con = connect(pipeline_out / "hemicycle.duckdb")
    statements, signatories = _frame(con, "from statements"), _frame(con, "from signatories")
    con.close()
    ep = statements.filter(pl.col("source") == "ep").sort("statement_id")
    summary = ep.filter(pl.col("doc_type") == "press_summary")["statement_id"][0]
    motion = ep.filter(pl.col("doc_type") == "motion")["statement_id"][0]
    linked = statements.with_columns(
        pl.when(pl.col("statement_id") == summary).then(pl.lit(motion)).otherwise("reports_statement_id")
        .alias("reports_statement_id"))
    new = {"statements": linked, "signatories": signatories}
    diff = compare("v2", "v1", new, {"statements": statements, "signatories": signatories}).statements
    assert diff is not None and diff.added.is_empty() and diff.removed.is_empty()
    assert diff.changed.select("statement_id", "fields").to_dicts() == [
        {"statement_id": summary, "fields": ["reports_statement_id"]}]
    older = {"statements": statements.drop("reports_statement_id"), "signatories": signatories}
    diff = compare("v2", "v1", new, older).statements
    assert diff is not None and diff.changed.is_empty() and diff.added.is_empty()


def test_next_release_lists_changes_and_failed_checks_do_not_move_latest(pipeline_out: Path, tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    first = publish_release(pipeline_out, str(dest)).release
    edited = _edited_run(pipeline_out, tmp_path / "edited")
    second = publish_release(edited, str(dest)).release
    changes = (dest / second.version / "CHANGES.md").read_text()
    assert f"Compared with the previous release, {first.version}" in changes
    assert "| statements | 0 | 1 | 1 |" in changes and f"- `{SEED}`: title" in changes
    assert re.search(rf"- `{SEED}` .*: group_code \S+ → SOC", changes)
    assert (dest / "latest").resolve().name == second.version

    report = json.loads((edited / "validation.json").read_text())
    report.update(passed=False, blocking_failures=1)
    (edited / "validation.json").write_text(json.dumps(report))
    third = publish_release(edited, str(dest))
    index = json.loads((dest / "versions.json").read_text())
    assert [v["version"] for v in index["versions"]] == [first.version, second.version, third.release.version]
    assert index["newest"] == third.release.version and index["latest"] == second.version
    assert third.latest == second.version and (dest / "latest").resolve().name == second.version
    assert "No statement or signature changed." in (dest / third.release.version / "CHANGES.md").read_text()


def test_refuses_to_overwrite_a_version_with_other_bytes(pipeline_out: Path, tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    version = publish_release(pipeline_out, str(dest)).release.version
    changes = dest / version / "CHANGES.md"
    changes.write_text("edited by hand\n")
    with pytest.raises(ReleaseError, match="exists with different content"):
        publish_release(pipeline_out, str(dest))
    assert changes.read_text() == "edited by hand\n"
    # the database is the one file whose bytes may differ from a new build's, but the published
    # copy must still be the one its SHA256SUMS lists
    changes.write_text((tmp_path / "dest" / version / "CHANGES.md").read_text())
    publish_release(pipeline_out, str(tmp_path / "other"))
    shutil.copyfile(tmp_path / "other" / version / "CHANGES.md", changes)
    assert publish_release(pipeline_out, str(dest)).status == "unchanged"
    with (dest / version / "hemicycle.duckdb").open("ab") as database:
        database.write(b"\0")
    with pytest.raises(ReleaseError, match="exists with different content"):
        publish_release(pipeline_out, str(dest))


def test_extra_files_are_written_and_checksummed(pipeline_out: Path, tmp_path: Path) -> None:
    def card(ctx: ReleaseContext) -> dict[str, bytes]:
        return {"index.html": f"<h1>{ctx.version}</h1>{ctx.row_counts['statements']}".encode()}

    result = publish_release(pipeline_out, str(tmp_path / "dest"), extra_files=[card])
    root = tmp_path / "dest" / result.release.version
    assert (root / "index.html").read_text() == f"<h1>{result.release.version}</h1>{_run_counts(pipeline_out)[0]}"
    assert "index.html" in (root / "SHA256SUMS").read_text()
    assert "index.html" in {f["path"] for f in json.loads((root / "manifest.json").read_text())["files"]}


def test_cli_release_and_its_errors(pipeline_out: Path, tmp_path: Path) -> None:
    def hemicycle(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pipelines.cli", "release", *args],
                              capture_output=True, text=True, env={**os.environ, "HEMICYCLE_S3_ENDPOINT_URL": ""})

    ok = hemicycle("--to", str(tmp_path / "r"), "--from", str(pipeline_out))
    assert ok.returncode == 0 and "published 2026-11-22-" in ok.stdout and "latest: 2026-11-22-" in ok.stdout
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    for args in (["--to", str(blocker / "r"), "--from", str(pipeline_out)],
                 ["--to", str(tmp_path / "r2"), "--from", str(tmp_path / "nothing")],
                 ["--to", "ftp://host/x", "--from", str(pipeline_out)]):
        failed = hemicycle(*args)
        assert failed.returncode == 2 and failed.stderr.count("\n") == 1 and "hint:" in failed.stderr, failed.stderr


def test_release_carries_its_data_card_linking_only_files_of_the_release(release_dir: Path,
                                                                         published: tuple[Published, Path]) -> None:
    page = (release_dir / "index.html").read_text(encoding="utf-8")
    assert published[0].release.version in page
    sums = (release_dir / "SHA256SUMS").read_text()
    assert "  index.html\n" in sums or " index.html\n" in sums  # the card is checksummed too
    hrefs = [unquote(h) for h in re.findall(r'href="([^"#:]+)"', page)]
    assert {"manifest.json", "SHA256SUMS", "hemicycle.duckdb", "datapackage.json"} <= set(hrefs)
    assert any(h.startswith("metrics/") for h in hrefs) and any(h.startswith("tables/") for h in hrefs)
    missing = [h for h in hrefs if not (release_dir / h).is_file()]
    assert missing == []


# ---------------------------------------------------------------- change detection
def _run_without(pipeline_out: Path, target: Path, share: float, largest: bool = True) -> tuple[Path, dict[str, int]]:
    """A copy of a run's output without its largest (or smallest) PACE statements, as many as
    it takes to lose more than ``share`` of the signatures (a fetch or parser gone wrong would)."""
    shutil.copytree(pipeline_out, target, symlinks=True, ignore=shutil.ignore_patterns("raw", "cache", "storage"))
    con = connect(pipeline_out / "hemicycle.duckdb")
    statements, signatories = _frame(con, "from statements"), _frame(con, "from signatories")
    con.close()
    dropped: dict[str, int] = {}
    candidates = statements.filter((pl.col("source") == "pace") & (pl.col("signatory_count") > 0)).sort(
        ["signatory_count", "statement_id"], descending=[largest, False]).select("statement_id", "signatory_count")
    for sid, count in candidates.rows():
        if sum(dropped.values()) > share * signatories.height:
            break
        dropped[sid] = count
    statements = statements.filter(~pl.col("statement_id").is_in(list(dropped)))
    signatories = signatories.filter(~pl.col("statement_id").is_in(list(dropped)))
    publish_frame(statements.select(STATEMENTS.column_names), STATEMENTS, target / "tables")
    publish_frame(signatories.select(SIGNATORIES.column_names), SIGNATORIES, target / "tables")
    return target, dropped


def _cli_release(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipelines.cli", "release", *args], capture_output=True,
                          text=True, env={**os.environ, "HEMICYCLE_S3_ENDPOINT_URL": "", **env})


def test_a_release_losing_more_than_two_percent_of_signatures_is_held_until_acknowledged(pipeline_out: Path,
                                                                                         tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    first = publish_release(pipeline_out, str(dest)).release
    lossy, dropped = _run_without(pipeline_out, tmp_path / "lossy", 0.02)
    lost = sum(dropped.values())
    assert lost > 0.02 * first.row_counts["signatories"]

    with pytest.raises(ReleaseHeld) as held:
        publish_release(lossy, str(dest))
    message = str(held.value)
    assert f"lose {lost} of the {first.row_counts['signatories']} signatures of release {first.version}" in message
    for sid, count in dropped.items():
        assert f"{sid}: {count} → 0 signatures" in message
    assert held.value.hint is not None and "--accept-loss" in held.value.hint
    assert sorted(p.name for p in dest.iterdir() if not p.name.startswith(".")) == sorted(
        [first.version, "latest", "versions.json"])

    refused = _cli_release("--to", str(dest), "--from", str(lossy))
    assert refused.returncode == 3 and refused.stdout == "" and "release held" in refused.stderr
    assert all(sid in refused.stderr for sid in dropped) and "hint:" in refused.stderr

    accepted = _cli_release("--to", str(dest), "--from", str(lossy), "--accept-loss")
    assert accepted.returncode == 0, accepted.stderr
    assert f"lost {lost} signatures of the previous release" in accepted.stdout
    index = json.loads((dest / "versions.json").read_text())
    second = index["versions"][-1]
    assert index["latest"] == second["version"] != first.version
    assert second["loss_accepted"]["signatures"] == lost
    changes = (dest / second["version"] / "CHANGES.md").read_text()
    assert f"Signatures lost: {lost} of the previous release's" in changes
    assert all(f"- `{sid}`: {count} → 0 signatures" in changes for sid, count in dropped.items())
    # publishing the accepted version again is no new loss
    assert publish_release(lossy, str(dest)).status == "unchanged"


def test_a_smaller_loss_passes_and_the_threshold_is_a_setting(pipeline_out: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "dest"
    first = publish_release(pipeline_out, str(dest)).release
    smaller, dropped = _run_without(pipeline_out, tmp_path / "smaller", 0.0, largest=False)  # one statement
    assert len(dropped) == 1 and sum(dropped.values()) < 0.02 * first.row_counts["signatories"]
    monkeypatch.setenv("HEMICYCLE_MAX_SIGNATURE_LOSS", "0%")  # no loss at all allowed
    with pytest.raises(ReleaseHeld, match=r"more than the 0 % allowed"):
        publish_release(smaller, str(dest))
    monkeypatch.delenv("HEMICYCLE_MAX_SIGNATURE_LOSS")
    second = publish_release(smaller, str(dest))
    assert second.status == "published" and second.release.loss_accepted is None
    assert second.latest == second.release.version
