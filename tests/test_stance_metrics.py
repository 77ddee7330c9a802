"""Who praises whom, in DuckDB: the stance macros over a real run, and over a real DuckDB file
holding statements built for the case (a member praising where the group criticises)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from hemicycle.publish.duck import connect, derived_sql
from hemicycle.schema import SIGNATORIES, STATEMENT_STANCES, STATEMENTS, TABLES

SEED = "pace:16320"  # written declaration No. 829, praising Kazakhstan's reforms


@pytest.fixture(scope="module")
def run_db(pipeline_out: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(pipeline_out / "hemicycle.duckdb")
    yield con
    con.close()


def test_praise_of_kazakhstan_lists_the_21_signatories_of_declaration_829(run_db: duckdb.DuckDBPyConnection) -> None:
    signers = {r[0] for r in run_db.execute(
        "select person_id from signatories where statement_id = ? and kind = 'person'", [SEED]).fetchall()}
    rows = run_db.execute("select kind, person_id, statements, statement_ids, years from praise_of('kz')").fetchall()
    assert len(signers) == 21 and {r[1] for r in rows} == signers
    assert all(kind == "person" and ids == [SEED] and n == 1 and years == [2026] for kind, _, n, ids, years in rows)


def test_critics_of_kazakhstan_are_the_groups_and_members_of_the_parliaments_texts(
        run_db: duckdb.DuckDBPyConnection) -> None:
    rows = run_db.execute("select kind, name, statement_ids from critics_of('KZ')").fetchall()
    groups = {name for kind, name, _ in rows if kind == "group"}
    assert {"EPP", "S&D", "ECR", "GUE/NGL", "Greens/EFA"} <= groups
    assert all(all(i.startswith("ep:") for i in ids) for _, _, ids in rows)
    # the same people are not both: nobody in the sample signed praise and criticism of KZ
    both = run_db.execute("select count(*) from praise_of('KZ') p join critics_of('KZ') c using (person_id)").fetchone()
    assert both == (0,)


def test_target_stances_and_signatory_countries_count_what_the_tables_hold(run_db: duckdb.DuckDBPyConnection) -> None:
    assert run_db.execute("select statements, signatures, signers, groups from target_stances "
                          "where target_country = 'KZ' and source = 'pace' and stance = 'praise'"
                          ).fetchone() == (1, 21, 21, 5)
    countries = dict(run_db.execute("select signatory_country, signatures from target_stance_signatory_countries "
                                    "where target_country = 'KZ' and stance = 'praise'").fetchall())
    assert countries["AM"] == 5 and sum(countries.values()) == 21
    assert run_db.execute("select count(*) from target_stances_in(target := 'KZ', in_source := 'ep') "
                          "where stance = 'praise'").fetchone() == (0,)


def _statement(sid: str, year: int) -> dict[str, Any]:
    return {"statement_id": sid, "source": "pace", "year": year, "doc_type": "written_declaration",
            "doc_no": sid.split(":")[1], "date": dt.date(year, 1, 20), "languages": ["en"],
            "source_urls": [f"https://pace.coe.int/en/files/{sid.split(':')[1]}/html"], "signatory_count": 2,
            "signatories_complete": True, "country_count": 2, "group_count": 1,
            "url": "https://pace.coe.int/", "raw_sha256": "0" * 64}


def _signature(sid: str, year: int, position: int, person: str, group: str) -> dict[str, Any]:
    return {"signatory_id": f"{sid}#{position}", "statement_id": sid, "source": "pace", "year": year,
            "date": dt.date(year, 1, 20), "position": position, "kind": "person", "name": person.upper(),
            "family_name": person.upper(), "country_code": "FR", "group_code": group,
            "person_id": f"pace:p-{person}", "language": "en", "url": "https://pace.coe.int/",
            "raw_sha256": "0" * 64}


def _stance(sid: str, year: int, stance: str) -> dict[str, Any]:
    return {"statement_id": sid, "source": "pace", "year": year, "country_code": "AZ", "rank": 1,
            "stance": stance, "confidence": "high", "evidence": "…", "evidence_in": "body",
            "method": "rules-1", "language": "en"}


@pytest.fixture
def built_db(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB file with four statements about Azerbaijan: two praise it (an EPP/CD member,
    once with a SOC member), two criticise it (two other EPP/CD members, once with another SOC
    member)."""
    plan = {"pace:1": (2012, "praise", ["adams", "baker"]), "pace:2": (2013, "praise", ["adams"]),
            "pace:3": (2014, "criticism", ["clark", "dunn", "evans"]),
            "pace:4": (2015, "criticism", ["clark", "dunn"])}
    groups = {"adams": "EPP/CD", "baker": "SOC", "clark": "EPP/CD", "dunn": "EPP/CD", "evans": "SOC"}
    statements = [_statement(s, y) for s, (y, _, _) in plan.items()]
    signatures = [_signature(s, y, i, p, groups[p]) for s, (y, _, people) in plan.items()
                  for i, p in enumerate(people, 1)]
    stances = [_stance(s, y, st) for s, (y, st, _) in plan.items()]
    con = duckdb.connect(str(tmp_path / "stances.duckdb"))
    for table, rows in ((STATEMENTS, statements), (SIGNATORIES, signatures), (STATEMENT_STANCES, stances)):
        frame = table.conform(rows)  # noqa: F841 (read by DuckDB by name)
        con.execute(f"CREATE TABLE {table.name} AS SELECT * FROM frame")
    for table in TABLES.values():  # the other base tables, empty, so every metric computes
        if table.name not in ("statements", "signatories", "statement_stances"):
            empty = table.empty()  # noqa: F841
            con.execute(f"CREATE TABLE {table.name} AS SELECT * FROM empty")
    con.execute(derived_sql())  # the macros and the metric tables, as the database has them
    yield con
    con.close()


def test_a_member_praising_where_the_group_criticises_is_listed(built_db: duckdb.DuckDBPyConnection) -> None:
    rows = built_db.execute("select person_id, group_code, praise, criticism, group_praise, group_criticism, "
                            "first_date, last_date from praise_against_group").fetchall()
    assert rows == [("pace:p-adams", "EPP/CD", 2, 0, 0, 2, dt.date(2012, 1, 20), dt.date(2013, 1, 20)),
                    ("pace:p-baker", "SOC", 1, 0, 0, 1, dt.date(2012, 1, 20), dt.date(2012, 1, 20))]
    # clark and dunn sign with their group; until 2012 nothing criticises Azerbaijan at all
    assert built_db.execute(
        "select count(*) from praise_against_group_in(target := 'AZ', to_year := 2012)").fetchone() == (0,)


def test_praise_of_and_critics_of_scope_by_year(built_db: duckdb.DuckDBPyConnection) -> None:
    assert built_db.execute("select person_id, statements, years from praise_of('az')").fetchall() == [
        ("pace:p-adams", 2, [2012, 2013]), ("pace:p-baker", 1, [2012])]
    assert [r[0] for r in built_db.execute("select person_id from critics_of('AZ', from_year := 2015)").fetchall()] == [
        "pace:p-clark", "pace:p-dunn"]
