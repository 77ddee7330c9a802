"""The GX suites run for real in an in-memory context."""

import datetime as dt

import pytest

from expectations import groups, signatories, statements
from expectations.rules import ERROR, Rule
from expectations.runner import run_rules
from hemicycle.schema import GROUPS, SIGNATORIES, STATEMENTS


@pytest.fixture(autouse=True)
def _no_analytics(monkeypatch):
    monkeypatch.setenv("GX_ANALYTICS_ENABLED", "false")


def _statement(sid, total, count, complete=True):
    return {"statement_id": sid, "source": "pace", "year": 2020, "doc_type": "motion_resolution",
            "date": dt.date(2020, 1, 1), "languages": ["en"], "source_urls": ["u"],
            "declared_total": total, "signatory_count": count, "signatories_complete": complete,
            "country_count": 6, "group_count": 2,
            "url": "u", "raw_sha256": "s"}


def test_statement_rules_catch_duplicates_and_total_mismatch_with_examples():
    df = STATEMENTS.conform([_statement("pace:1", 21, 21), _statement("pace:1", 21, 20),
                             _statement("pace:2", 30, 12, complete=False)])
    results = {r.rule.name: r for r in run_rules(df, statements.RULES, name="statements")}
    assert not results["statement_id_unique"].passed
    assert results["statement_id_unique"].unexpected_count == 2
    total = results["declared_total_matches"]
    assert not total.passed and total.unexpected_count == 1  # the cut list is not judged
    assert total.examples == [{"statement_id": "pace:1", "total_matches": False}]
    assert results["doc_type_known"].passed and not any(r.crashed for r in results.values())


def test_no_declaration_or_motion_is_complete_when_empty_and_every_incomplete_list_says_why():
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


def test_signatory_rules_flag_unknown_codes_and_unresolved_labels():
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


def test_a_crashing_expectation_is_a_crash_not_a_pass_or_a_failure():
    rule = Rule("missing_column", "statements", ERROR, "column that does not exist",
                lambda gxe: gxe.ExpectColumnValuesToNotBeNull(column="no_such_column"))
    (result,) = run_rules(STATEMENTS.conform([_statement("pace:1", None, 0)]), [rule])
    assert result.crashed and not result.passed and result.message


def test_a_check_that_cannot_be_prepared_crashes_alone():
    def boom(df):
        raise ValueError("no such column")

    bad = Rule("needs_prep", "statements", ERROR, "derived", lambda gxe: gxe.ExpectColumnValuesToBeInSet(
        column="x", value_set=[True]), derive=boom)
    good = statements.RULES[0]
    results = run_rules(STATEMENTS.conform([_statement("pace:1", None, 0)]), [bad, good])
    assert results[0].crashed and "no such column" in results[0].message
    assert results[1].passed and not results[1].crashed


def test_group_rules_catch_overlapping_renames_and_backward_periods():
    def group(code, start, end):
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


def test_row_count_bounds_block_below_the_minimum_and_warn_above_the_maximum(monkeypatch):
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
