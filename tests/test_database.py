"""hemicycle.duckdb as people open it: the questions its macros answer, the ties it keeps, and
one clear line for every way a database or a release can fail to open."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import polars as pl
import pytest

from hemicycle.errors import DatabaseError
from hemicycle.publish import duck
from hemicycle.publish.duck import build_database, open_database
from hemicycle.publish.release import publish_release


@pytest.fixture(scope="module")
def release(pipeline_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("dest")
    return dest / publish_release(pipeline_out, str(dest)).release.version


@pytest.fixture(scope="module")
def db(release: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_database(release / "hemicycle.duckdb")
    yield con
    con.close()


@pytest.fixture(scope="module")
def signatures(release: Path) -> pl.DataFrame:
    return pl.read_parquet(release / "tables" / "signatories")


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> pl.DataFrame:
    table = con.sql(sql, params=params or None).to_arrow_table()
    assert table is not None
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame


def _person(db: duckdb.DuckDBPyConnection, family_name: str) -> str:
    person_id: str = db.execute("select person_id from persons where family_name = ?", [family_name]).fetchall()[0][0]
    return person_id


# ---------------------------------------------------------------- questions
def _with_group(signatures: pl.DataFrame, group: str) -> pl.DataFrame:
    """Per member: statements signed under another group with a member of ``group``, of those."""
    people = signatures.filter((pl.col("kind") == "person") & pl.col("group_code").is_not_null())
    theirs = people.filter(pl.col("group_code") == group)["statement_id"].unique().to_list()
    others = people.filter(pl.col("group_code") != group)
    return others.group_by("person_id", "source").agg(
        pl.col("statement_id").filter(pl.col("statement_id").is_in(theirs)).n_unique().alias("statements"),
        pl.col("statement_id").n_unique().alias("member_statements")).filter(pl.col("statements") > 0)


def test_who_signs_most_with_members_of_another_group(db: duckdb.DuckDBPyConnection, signatures: pl.DataFrame) -> None:
    pace = signatures.filter(pl.col("source") == "pace")
    expected = _with_group(pace, "EPP/CD")
    got = _frame(db, "select person_id, source, statements, member_statements, share, family_name "
                     "from members_signing_with('EPP/CD', in_source := 'pace')")
    assert got.height == expected.height > 10
    cols = ["person_id", "source", "statements", "member_statements"]
    assert got.select(cols).sort("person_id").equals(expected.select(cols).sort("person_id"))
    assert got["share"].to_list() == pytest.approx((got["statements"] / got["member_statements"]).to_list())
    assert got.equals(got.sort(["statements", "share", "person_id"], descending=[True, True, False]))
    assert got.row(0, named=True)["family_name"] == "KOX"  # README's answer
    # with a year range, computed for those years only
    years = _frame(db, "select person_id, statements, member_statements from members_signing_with("
                       "'EPP/CD', from_year := 2010, to_year := 2016, in_source := 'pace')")
    in_range = _with_group(pace.filter(pl.col("year").is_between(2010, 2016)), "EPP/CD")
    assert years.sort("person_id").equals(in_range.select(years.columns).sort("person_id"))
    assert years.height < got.height
    # the table holds every group: the macro over the whole dataset computes the same
    assert _frame(db, "from person_group_cosignatures order by all").equals(
        _frame(db, "from person_group_cosignatures_in() order by all"))


def test_which_countries_members_sign_about_a_country(db: duckdb.DuckDBPyConnection, release: Path,
                                                      signatures: pl.DataFrame) -> None:
    about = pl.read_parquet(release / "tables" / "statement_countries").filter(pl.col("country_code") == "RU")
    people = signatures.filter((pl.col("kind") == "person") & (pl.col("source") == "pace")).join(
        about.select("statement_id"), on="statement_id")
    expected = people.group_by("country_code").agg(pl.len().alias("signatures"),
                                                   pl.col("statement_id").n_unique().alias("statements"))
    got = _frame(db, "select signatory_country as country_code, signatures, statements "
                     "from target_country_signatory_countries_in(target := 'ru', in_source := 'pace')")
    assert got.sort("country_code").equals(expected.select(got.columns).sort("country_code"))
    assert got.filter(pl.col("country_code") == "UA")["signatures"].to_list() == [63]  # README's answer
    # the metric table holds the same rows for the whole dataset
    table = _frame(db, "select signatory_country as country_code, signatures, statements "
                       "from target_country_signatory_countries where target_country = 'RU' and source = 'pace'")
    assert table.sort("country_code").equals(got.sort("country_code"))


def test_a_members_signatures_over_time(db: duckdb.DuckDBPyConnection, signatures: pl.DataFrame) -> None:
    person = _person(db, "OMTZIGT")
    mine = signatures.filter(pl.col("person_id") == person)
    got = _frame(db, "from member_signatures(?)", [person])
    assert got["statement_id"].to_list() == mine.sort("date", "statement_id", nulls_last=True)["statement_id"].to_list()
    assert got.select("position", "group_code", "country_code").equals(
        mine.sort("date", "statement_id", nulls_last=True).select("position", "group_code", "country_code"))
    fewest = got["signatories"].min()
    assert got["title"].null_count() == 0 and isinstance(fewest, int) and fewest > 1
    in_range = _frame(db, "from member_signatures(?, from_year := 2014, to_year := 2014)", [person])
    assert in_range.height == mine.filter(pl.col("year") == 2014).height == 4


def test_the_statements_two_members_both_signed(db: duckdb.DuckDBPyConnection, signatures: pl.DataFrame) -> None:
    a, b = _person(db, "OMTZIGT"), _person(db, "ČIGĀNE")

    def statements(person: str) -> set[str]:
        return set(signatures.filter(pl.col("person_id") == person)["statement_id"])

    got = _frame(db, "from signed_together(?, ?)", [a, b])
    assert set(got["statement_id"]) == statements(a) & statements(b) and got.height == 4
    assert got.height == db.execute("select statements from person_cosignatures where person_a = ? and person_b = ?",
                                    [min(a, b), max(a, b)]).fetchall()[0][0]
    first = got.row(0, named=True)
    assert (first["statement_id"], first["position_a"], first["position_b"]) == ("pace:12909", 1, 14)
    assert _frame(db, "from signed_together(?, ?)", [b, a])["statement_id"].to_list() == got["statement_id"].to_list()


def test_person_cosignatures_built_in_parts_is_the_same(pipeline_out: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The table is counted a part of the members at a time; any number of parts gives it."""
    shutil.copytree(pipeline_out / "tables", tmp_path / "tables", symlinks=False,
                    ignore=shutil.ignore_patterns(".versions"))
    monkeypatch.setattr(duck, "_PAIRS_PER_PART", 2_000)  # the sample's ~70,000 pairs: dozens of parts
    con = open_database(build_database(tmp_path))
    whole = open_database(pipeline_out / "hemicycle.duckdb")
    order = "order by source, person_a, person_b"
    assert _frame(con, f"from person_cosignatures {order}").equals(_frame(whole, f"from person_cosignatures {order}"))
    assert con.execute("select count(*) from person_cosignatures").fetchall()[0][0] > 10_000
    con.close()
    whole.close()


# ---------------------------------------------------------------- errors: one line, and what to do
def _query(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipelines.cli", "query", *args], capture_output=True, text=True)


def _fails_in_one_line(db_arg: Path, *expected: str) -> str:
    result = _query("--db", str(db_arg), "select count(*) from signatories")
    assert result.returncode == 2 and result.stdout == "", result
    assert result.stderr.count("\n") == 1 and "hint:" in result.stderr, result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr
    return result.stderr


def test_an_earlier_database_of_views_is_refused(release: Path, tmp_path: Path) -> None:
    # the format of earlier releases: views over Parquet by relative path, nothing else
    old = tmp_path / "hemicycle.duckdb"
    con = duckdb.connect(str(old))
    con.execute(f"set file_search_path = '{release}'")  # as it was built, beside its tables
    con.execute("create view signatories as select * from read_parquet('tables/signatories/**/*.parquet', "
                "hive_partitioning = true)")
    con.close()
    with pytest.raises(DatabaseError, match="earlier hemicycle") as caught:
        open_database(old)
    assert caught.value.hint is not None and "hemicycle run" in caught.value.hint
    _fails_in_one_line(old, "earlier hemicycle", "rebuild it with `hemicycle run`")
    # a DuckDB file that is no hemicycle database at all
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("create table t (i integer)").close()
    _fails_in_one_line(other, "not a hemicycle database")


def test_a_database_of_another_schema_version_is_refused(release: Path, tmp_path: Path) -> None:
    copy = tmp_path / "hemicycle.duckdb"
    shutil.copyfile(release / "hemicycle.duckdb", copy)
    con = duckdb.connect(str(copy))
    con.execute("update hemicycle_about set schema_version = '0'")
    con.close()
    _fails_in_one_line(copy, "schema version 0", "hemicycle run")


def test_broken_database_files_give_one_line(release: Path, tmp_path: Path) -> None:
    good = (release / "hemicycle.duckdb").read_bytes()
    cases = {
        "cut.duckdb": good[: len(good) // 2],  # a download cut short
        "header.duckdb": good[:100],
        "garbage.duckdb": bytes(range(256)) * 64,
        "empty.duckdb": b"",
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        message = _fails_in_one_line(tmp_path / name, "download it again")
        assert str(tmp_path / name) in message
    damaged = bytearray(good)
    damaged[5000:5100] = b"\xff" * 100  # inside the first block: its checksum no longer matches
    (tmp_path / "damaged.duckdb").write_bytes(bytes(damaged))
    _fails_in_one_line(tmp_path / "damaged.duckdb", "download it again")
    _fails_in_one_line(tmp_path / "absent.duckdb", "not found", "hemicycle run")


def test_a_release_with_missing_files_gives_one_line(release: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "release"
    shutil.copytree(release, copy)
    signatures = json.loads((release / "manifest.json").read_text())["row_counts"]["signatories"]
    csv = _query("--db", str(copy), "--format", "csv", "select count(*) as n from signatories")
    assert csv.stdout == f"n\n{signatures}\n"
    gone = "tables/signatories/source=pace/part-2014.parquet"
    (copy / gone).unlink()
    with (copy / "metrics" / "member_activity.parquet").open("r+b") as cut:
        cut.truncate(100)
    message = _fails_in_one_line(copy, "is incomplete: 2 of its", gone, "sha256sum -c SHA256SUMS")
    assert "metrics/member_activity.parquet" in message
    # with the Parquet views, DuckDB itself fails; the macro of views.sql says what is missing
    monkeypatch.chdir(copy)
    con = duckdb.connect()
    with pytest.raises(duckdb.IOException, match="No files found"):
        con.execute(Path("views.sql").read_text())
    assert con.execute("from hemicycle_missing_files()").fetchall() == [(gone,)]
    con.close()
    (copy / "hemicycle.duckdb").unlink()
    _fails_in_one_line(copy, "hemicycle.duckdb")


def test_query_reads_a_release_folder_from_anywhere(release: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "pipelines.cli", "query", "--db", str(release), "--format", "csv",
                             "select rows_now from hemicycle_check() where name = 'signatories'"],
                            capture_output=True, text=True, cwd="/", env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert result.returncode == 0, result.stderr
    signatures = json.loads((release / "manifest.json").read_text())["row_counts"]["signatories"]
    assert result.stdout.splitlines() == ["rows_now", str(signatures)] and signatures > 1000


def test_the_build_is_held_to_its_memory_limit(pipeline_out: Path, tmp_path: Path) -> None:
    """The build runs under the memory limit it is given: too little memory stops it with
    DuckDB's own error (instead of growing past it), a small limit spills and gives the
    same tables as the default one, and nothing it spilled is left beside the database."""
    shutil.copytree(pipeline_out / "tables", tmp_path / "tables", symlinks=False,
                    ignore=shutil.ignore_patterns(".versions"))
    with pytest.raises(duckdb.OutOfMemoryException):
        build_database(tmp_path, memory_limit="1MB")
    assert not duck.build_database_bounded(tmp_path, "1MB")[1]  # built again, without the limit
    path, bounded = duck.build_database_bounded(tmp_path, "48MB", threads=1)
    assert bounded
    con = open_database(path)
    whole = open_database(pipeline_out / "hemicycle.duckdb")
    for name in ("signatories", "person_cosignatures", "member_groups_per_year"):
        order = "order by all"
        assert _frame(con, f"from {name} {order}").equals(_frame(whole, f"from {name} {order}")), name
    con.close()
    whole.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hemicycle.duckdb", "tables"]
