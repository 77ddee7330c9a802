"""The whole pipeline, materialised for real by Dagster on the embedded sample."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from hemicycle.publish.duck import connect
from pipelines.runner import RunSummary, run_pipeline

SEED = "pace:16320"


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, monkeypatch_module: pytest.MonkeyPatch) -> tuple[Path, RunSummary]:
    out = tmp_path_factory.mktemp("out")
    summary = run_pipeline(out)
    return out, summary


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    mp = pytest.MonkeyPatch()
    mp.delenv("DAGSTER_HOME", raising=False)
    mp.setenv("GX_ANALYTICS_ENABLED", "false")
    yield mp
    mp.undo()


def test_run_succeeds_and_publishes_every_table(run: tuple[Path, RunSummary]) -> None:
    out, summary = run
    assert summary.success, summary.render(0)
    assert summary.checks_run >= 20 and not summary.failed_checks
    for table in ("statements", "signatories", "documents", "quarantine"):
        assert (out / "tables" / table).is_symlink()
    assert (out / "hemicycle.duckdb").exists()
    report = json.loads((out / "validation.json").read_text())
    assert report["passed"] and {c["table"] for c in report["checks"]} == {
        "statements", "signatories", "statement_versions", "persons", "person_matches", "groups",
        "signature_timeline", "members", "memberships", "person_links", "statement_stances"}


def test_seed_declaration_counts_in_duckdb(run: tuple[Path, RunSummary]) -> None:
    out, _ = run
    con = connect(out / "hemicycle.duckdb")
    row = con.execute("select doc_type, number, date::varchar, declared_total, signatory_count "
                      "from statements where statement_id = ?", [SEED]).fetchone()
    assert row == ("written_declaration", "829", "2026-01-19", 21, 21)
    groups = dict(con.execute("select group_code, signatories from signatories_by_group_per_statement "
                              "where statement_id = ?", [SEED]).fetchall())
    assert groups == {"ALDE": 7, "EPP/CD": 5, "ECPA": 4, "SOC": 3, "NR": 2}
    countries = Counter(dict(con.execute(
        "select country_code, signatories from signatories_by_country_per_statement "
        "where statement_id = ?", [SEED]).fetchall()))
    assert {c: countries[c] for c in ("AM", "FR", "DE", "BG")} == {"AM": 5, "FR": 3, "DE": 2, "BG": 2}
    assert sorted(n for c, n in countries.items() if c not in ("AM", "FR", "DE", "BG")) == [1] * 9
    about = con.execute("select country_code from statement_countries where statement_id = ?",
                        [SEED]).fetchall()
    assert about == [("KZ",)]
    stance = con.execute("select country_code, stance, confidence, evidence_in from statement_stances "
                         "where statement_id = ?", [SEED]).fetchall()
    assert stance == [("KZ", "praise", "high", "title")]
    con.close()


def test_every_row_has_provenance_and_stable_ids(run: tuple[Path, RunSummary]) -> None:
    out, _ = run
    con = connect(out / "hemicycle.duckdb")
    assert con.execute("select count(*) from signatories where url is null or raw_sha256 is null "
                       "or signatory_id <> statement_id || '#' || position").fetchone() == (0,)
    raw = {p.name for p in (out / "raw" / "objects").rglob("*") if p.is_file()}
    shas = {r[0] for r in con.execute("select distinct raw_sha256 from signatories").fetchall()}
    assert shas <= raw
    con.close()


def test_nothing_vanishes_every_document_is_parsed_or_quarantined(run: tuple[Path, RunSummary],
                                                                  sample_dir: Path) -> None:
    out, _ = run
    con = connect(out / "hemicycle.duckdb")
    manifest = json.loads((sample_dir / "manifest.json").read_text())
    urls = {r[0] for r in con.execute("select url from documents").fetchall()}
    assert urls == {d["url"] for d in manifest["documents"]}
    unexplained = con.execute(
        "select url from documents d where status = 'quarantined' and not exists "
        "(select 1 from quarantine q where q.raw_sha256 = d.raw_sha256)").fetchall()
    assert unexplained == []
    con.close()


def test_second_run_rewrites_no_parquet_file(run: tuple[Path, RunSummary]) -> None:
    out, _ = run
    before = {p: p.stat().st_mtime_ns for p in (out / "tables" / ".versions").rglob("*.parquet")}
    assert run_pipeline(out).success
    after = {p: p.stat().st_mtime_ns for p in (out / "tables" / ".versions").rglob("*.parquet")}
    assert before == after


def test_cli_query_answers(run: tuple[Path, RunSummary]) -> None:
    out, _ = run
    result = subprocess.run([sys.executable, "-m", "pipelines.cli", "query", "--out", str(out),
                             "--format", "json", "select * from signatories_by_country"],
                            capture_output=True, text=True, check=True)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {"source", "country_code", "signatories", "statements"} <= set(rows[0])


def test_persons_and_audit_are_queryable(run: tuple[Path, RunSummary]) -> None:
    out, _ = run
    con = connect(out / "hemicycle.duckdb")
    persons, signed = con.execute("select count(*), sum(statements) from persons").fetchall()[0]
    people_signatures = con.execute("select count(*) from signatories where kind = 'person'").fetchall()[0][0]
    assert 0 < persons < people_signatures and signed == people_signatures
    methods = dict(con.execute("select method, count(*) from person_matches group by 1").fetchall())
    assert sum(methods.values()) == con.execute("select count(*) from signatories").fetchall()[0][0]
    # the FR and EN pages of one motion are one statement, signed by the same persons
    fischer = con.execute("select names_as_printed from persons where family_name = 'FISCHER' "
                          "and country_code = 'DE'").fetchall()
    assert len(fischer) == 1 and set(fischer[0][0]) == {"Axel E. FISCHER", "Axel FISCHER"}
    con.close()


def test_groups_table_publishes_the_vocabulary_with_what_each_group_signed(run: tuple[Path, RunSummary]) -> None:
    out, _ = run
    con = connect(out / "hemicycle.duckdb")
    mismatched = con.execute("""
        select g.source, g.code, g.signatories, count(s.signatory_id) as counted
        from groups g left join signatories s on s.source = g.source and s.group_code = g.code
        group by all having g.signatories <> count(s.signatory_id)""").fetchall()
    assert mismatched == []
    unknown = con.execute("select distinct group_code from signatories where group_code is not null "
                          "and group_code not in (select code from groups)").fetchall()
    assert unknown == []
    row = con.execute("select group_id, name_en, list_contains(labels, 'CEPA'), citation is not null "
                      "from groups where source = 'pace' and code = 'ECPA'").fetchall()[0]
    assert row[0] == "pace:conservative" and row[2] and row[3]
