"""The GX suites run for real in an in-memory context."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from expectations import groups, signatories, statements
from expectations.rules import ERROR, Rule
from expectations.runner import run_rules
from hemicycle.schema import GROUPS, SIGNATORIES, STATEMENTS


@pytest.fixture(autouse=True)
def _no_analytics(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GX_ANALYTICS_ENABLED", "false")


def _statement(sid: str, total: int | None, count: int, complete: bool = True) -> dict[str, Any]:
    return {"statement_id": sid, "source": "pace", "year": 2020, "doc_type": "motion_resolution",
            "date": dt.date(2020, 1, 1), "languages": ["en"], "source_urls": ["u"],
            "declared_total": total, "signatory_count": count, "signatories_complete": complete,
            "country_count": 6, "group_count": 2,
            "url": "u", "raw_sha256": "s"}


def test_statement_rules_catch_duplicates_and_total_mismatch_with_examples() -> None:
    df = STATEMENTS.conform([_statement("pace:1", 21, 21), _statement("pace:1", 21, 20),
                             _statement("pace:2", 30, 12, complete=False)])
    results = {r.rule.name: r for r in run_rules(df, statements.RULES, name="statements")}
    assert not results["statement_id_unique"].passed
    assert results["statement_id_unique"].unexpected_count == 2
    total = results["declared_total_matches"]
    assert not total.passed and total.unexpected_count == 1  # the cut list is not judged
    assert total.examples == [{"statement_id": "pace:1", "total_matches": False}]
    assert results["doc_type_known"].passed and not any(r.crashed for r in results.values())


def test_no_declaration_or_motion_is_complete_when_empty_and_every_incomplete_list_says_why() -> None:
    rows = [
        {**_statement("pace:1", None, 21), "incomplete_reasons": []},
        {**_statement("pace:2", None, 0), "incomplete_reasons": []},  # complete with no signatory
        {**_statement("pace:3", None, 12, complete=False), "incomplete_reasons": ["list_cut"]},
        {**_statement("pace:4", None, 12, complete=False), "incomplete_reasons": []},  # no reason
        {**_statement("pace:5", None, 12), "incomplete_reasons": ["list_cut"]},  # a reason, yet complete
        {**_statement("pace:6", None, 12, complete=False), "incomplete_reasons": ["bad_luck"]},
    ]
    results = {r.rule.name: r for r in run_rules(STATEMENTS.conform(rows), statements.RULES, name="statements")}
    empty = results["primary_statement_never_complete_when_empty"]
    assert not empty.passed and empty.rule.severity == ERROR
    assert [e["statement_id"] for e in empty.examples] == ["pace:2"]
    reason = results["incomplete_exactly_when_a_reason_is_given"]
    assert not reason.passed and reason.rule.severity == ERROR
    assert sorted(e["statement_id"] for e in reason.examples) == ["pace:4", "pace:5"]
    known = results["incomplete_reasons_known"]
    assert not known.passed and [e["statement_id"] for e in known.examples] == ["pace:6"]
    assert not any(r.crashed for r in results.values())
    fine = STATEMENTS.conform([rows[0], rows[2]])
    results = {r.rule.name: r for r in run_rules(fine, statements.RULES, name="statements")}
    assert all(results[name].passed for name in ("primary_statement_never_complete_when_empty",
                                                 "incomplete_exactly_when_a_reason_is_given",
                                                 "incomplete_reasons_known"))


def test_signatory_rules_flag_unknown_codes_and_unresolved_labels() -> None:
    row = {"signatory_id": "pace:1#1", "statement_id": "pace:1", "source": "pace", "year": 2020,
           "position": 1, "kind": "person", "name": "A B", "language": "en", "url": "u",
           "raw_sha256": "s", "country_label": "Atlantis", "country_code": None,
           "group_label": "EPP/CD", "group_code": "EPP/CD"}
    bad = {**row, "signatory_id": "pace:1#2", "position": 2, "country_code": "ZZ", "group_code": "XXX"}
    results = {r.rule.name: r for r in run_rules(SIGNATORIES.conform([row, bad]), signatories.RULES,
                                                 name="signatories")}
    assert not results["country_code_valid"].passed and not results["group_code_in_vocabulary"].passed
    assert not results["country_resolved"].passed and results["country_resolved"].rule.severity == "warn"
    assert results["signatory_id_unique"].passed


def test_a_crashing_expectation_is_a_crash_not_a_pass_or_a_failure() -> None:
    rule = Rule("missing_column", "statements", ERROR, "column that does not exist",
                lambda gxe: gxe.ExpectColumnValuesToNotBeNull(column="no_such_column"))
    (result,) = run_rules(STATEMENTS.conform([_statement("pace:1", None, 0)]), [rule])
    assert result.crashed and not result.passed and result.message


def test_a_check_that_cannot_be_prepared_crashes_alone() -> None:
    def boom(df: pl.DataFrame) -> pl.DataFrame:
        raise ValueError("no such column")

    bad = Rule("needs_prep", "statements", ERROR, "derived", lambda gxe: gxe.ExpectColumnValuesToBeInSet(
        column="x", value_set=[True]), derive=boom)
    good = statements.RULES[0]
    results = run_rules(STATEMENTS.conform([_statement("pace:1", None, 0)]), [bad, good])
    assert results[0].crashed and "no such column" in results[0].message
    assert results[1].passed and not results[1].crashed


def test_group_rules_catch_overlapping_renames_and_backward_periods() -> None:
    def group(code: str, start: dt.date, end: dt.date | None) -> dict[str, Any]:
        return {"group_id": "pace:liberal", "source": "pace", "code": code, "name_en": code,
                "valid_from": start, "valid_to": end, "labels": [code], "signatories": 0,
                "statements": 0}

    ok = [group("LDR", dt.date(1949, 8, 10), dt.date(2005, 12, 31)), group("ALDE", dt.date(2006, 1, 1), None)]
    results = {r.rule.name: r for r in run_rules(GROUPS.conform(ok), groups.RULES, name="groups")}
    assert all(r.passed for name, r in results.items() if name != "cited"), results
    bad = [group("LDR", dt.date(1949, 8, 10), dt.date(2006, 6, 30)), group("ALDE", dt.date(2006, 1, 1), None),
           group("XX", dt.date(2010, 1, 1), dt.date(2009, 1, 1))]
    results = {r.rule.name: r for r in run_rules(GROUPS.conform(bad), groups.RULES, name="groups")}
    assert not results["lineage_periods_do_not_overlap"].passed
    # ALDE starts before LDR ended; XX follows ALDE, which never ended
    assert {e["code"] for e in results["lineage_periods_do_not_overlap"].examples} == {"ALDE", "XX"}
    assert not results["period_ordered"].passed and results["period_ordered"].unexpected_count == 1
    assert not any(r.crashed for r in results.values())


def test_row_count_bounds_block_below_the_minimum_and_warn_above_the_maximum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(statements, "row_bounds", lambda: {"pace": (3, 1), "ep": (1, 3000)})
    df = STATEMENTS.conform([_statement("pace:1", 21, 21), _statement("pace:2", 21, 21)])
    rules = [r for r in statements.RULES if r.name.startswith("statements_per_")]
    results = {r.rule.name: r for r in run_rules(df, rules, name="statements")}
    minimum, maximum = results["statements_per_source_above_minimum"], results["statements_per_year_below_maximum"]
    assert minimum.rule.severity == ERROR and not minimum.passed and minimum.unexpected_count == 2
    assert minimum.examples[0]["source"] == "pace" and minimum.examples[0]["in_source"] == 2
    assert maximum.rule.severity == "warn" and not maximum.passed
    monkeypatch.setattr(statements, "row_bounds", lambda: {"pace": (2, 2), "ep": (1, 3000)})
    assert all(r.passed for r in run_rules(df, rules, name="statements"))


def _stance(sid: str, code: str, stance: str,
            evidence: str = "condemns the detention of opposition MPs") -> dict[str, Any]:
    return {"statement_id": sid, "source": "pace", "year": 2016, "country_code": code, "rank": 1,
            "stance": stance, "confidence": "high", "evidence": evidence, "evidence_in": "body",
            "method": "rules-1", "language": "en"}


def test_stance_rules_pass_the_stances_the_rules_publish(sample_dir: Path) -> None:
    from expectations import statement_stances
    from hemicycle.normalise import build_tables
    from hemicycle.parse.dispatch import parse_raw_document
    from hemicycle.records import RawDocument

    raw = (sample_dir / "seeds" / "pace-written-declaration-829-fr.txt").read_bytes()
    doc = parse_raw_document(RawDocument("pace", "sample:seed", raw, "text/plain", "2026-01-20T00:00:00Z", "x"))
    table = build_tables([doc], today=dt.date(2026, 2, 1)).statement_stances
    assert table.select("country_code", "stance").rows() == [("KZ", "praise")]
    assert all(r.passed for r in run_rules(table, statement_stances.RULES, name="statement_stances"))


def test_stance_rules_fail_without_evidence_and_on_praise_with_criticism() -> None:
    from expectations import statement_stances
    from hemicycle.schema import STATEMENT_STANCES

    rows = [_stance("pace:1", "TR", "criticism"), _stance("pace:2", "AZ", "praise", evidence="  "),
            _stance("pace:3", "KZ", "praise"), _stance("pace:3", "KZ", "criticism"),
            _stance("pace:4", "KZ", "unknown", evidence="Kazakhstan")]
    results = {r.rule.name: r for r in run_rules(STATEMENT_STANCES.conform(rows), statement_stances.RULES,
                                                 name="statement_stances")}
    assert not results["stance_has_evidence"].passed and results["stance_has_evidence"].unexpected_count == 1
    assert not results["praise_and_criticism_only_as_mixed"].passed
    assert results["praise_and_criticism_only_as_mixed"].unexpected_count == 2
    assert not results["one_stance_per_target"].passed
    assert results["unknown_share"].passed and results["unknown_share"].unexpected_count == 1  # 1 of 5
    assert {results[n].rule.severity for n in ("stance_has_evidence", "praise_and_criticism_only_as_mixed")} == {ERROR}
    mixed = [_stance("pace:3", "KZ", "mixed"), _stance("pace:5", "RU", "unknown", "Russia"),
             _stance("pace:6", "RU", "unknown", "Russia")]
    results = {r.rule.name: r for r in run_rules(STATEMENT_STANCES.conform(mixed), statement_stances.RULES,
                                                 name="statement_stances")}
    assert results["praise_and_criticism_only_as_mixed"].passed
    assert not results["unknown_share"].passed  # two thirds unknown: reported as a warning
    assert results["unknown_share"].rule.severity == "warn"


def test_european_parliament_statements_without_a_title_fail_the_title_rule() -> None:
    ep = {**_statement("ep:B8-0063/2016", None, 3), "source": "ep", "doc_type": "motion",
          "title": "MOTION FOR A RESOLUTION on the EU's priorities for the UN Human Rights Council"}
    untitled = {**ep, "statement_id": "ep:B8-0052/2016", "title": " "}
    pace = _statement("pace:1", None, 10)  # PACE titles are judged elsewhere
    rule = next(r for r in statements.RULES if r.name == "ep_statement_has_title")
    (result,) = run_rules(STATEMENTS.conform([ep, untitled, pace]), [rule], name="statements")
    assert rule.severity == ERROR and not result.passed and result.unexpected_count == 1
    assert result.examples[0]["statement_id"] == "ep:B8-0052/2016"
    (result,) = run_rules(STATEMENTS.conform([ep, pace]), [rule], name="statements")
    assert result.passed and not result.crashed


def test_large_tables_are_checked_in_narrow_batches_with_the_same_results(pipeline_out: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A table checked a few columns per GX batch, with the passing rows of a True-asserting
    rule left unnamed, gets the results one batch per group gives: counts and examples."""
    import expectations.runner as runner

    frame = pl.read_parquet(pipeline_out / "tables" / "signatories" / "**" / "*.parquet", hive_partitioning=True)
    # break some rows: a code no vocabulary knows, a duplicated row
    broken = pl.concat([frame.with_columns(
        pl.when(pl.int_range(pl.len()) % 97 == 0).then(pl.lit("ZZ")).otherwise("country_code")
        .alias("country_code")), frame.head(3)], how="vertical_relaxed")
    whole = [r.as_dict() for r in run_rules(broken, signatories.RULES, name="signatories")]
    assert any(not r["passed"] for r in whole) and not any(r["crashed"] for r in whole)
    monkeypatch.setattr(runner, "SPLIT_FROM_ROWS", 1)
    split = [r.as_dict() for r in run_rules(broken, signatories.RULES, name="signatories")]
    assert split == whole
