"""The GX suites run for real in an in-memory context."""

import datetime as dt

import pytest

from expectations import signatories, statements
from expectations.rules import ERROR, Rule
from expectations.runner import run_rules
from hemicycle.schema import SIGNATORIES, STATEMENTS


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
