"""Validate stage: Great Expectations rules as Dagster asset checks, plus validation.json.

Every rule is its own check; ``error`` rules are blocking, so a failure stops the Parquet
and DuckDB stages downstream.
"""


import json

import dagster as dg
import polars as pl

from expectations import signatories as signatory_rules
from expectations import statements as statement_rules
from expectations.rules import ERROR, Rule
from expectations.runner import RuleResult, run_rules
from hemicycle.fetch.store import atomic_write_bytes
from pipelines.resources import HemicycleSettings

SUITES: dict[str, list[Rule]] = {
    "statements": statement_rules.RULES,
    "signatories": signatory_rules.RULES,
}


def _spec(rule: Rule) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(name=rule.name, asset=rule.table, description=rule.description,
                             blocking=rule.severity == ERROR,
                             metadata={"severity": rule.severity})


def _check_result(result: RuleResult) -> dg.AssetCheckResult:
    rule = result.rule
    severity = dg.AssetCheckSeverity.ERROR if rule.severity == ERROR else dg.AssetCheckSeverity.WARN
    if result.crashed:
        raise dg.Failure(f"check {rule.table}.{rule.name} crashed: {result.message}")
    return dg.AssetCheckResult(
        asset_key=rule.table, check_name=rule.name, passed=result.passed, severity=severity,
        metadata={"unexpected_count": result.unexpected_count,
                  "element_count": result.element_count,
                  "examples": dg.MetadataValue.json([str(e) for e in result.examples]),
                  "severity": rule.severity},
        description=result.message or rule.description,
    )


def make_table_checks(table: str) -> dg.AssetChecksDefinition:
    rules = SUITES[table]

    @dg.multi_asset_check(name=f"{table}_expectations", specs=[_spec(r) for r in rules],
                          ins={table: dg.AssetIn(table)}, can_subset=False,
                          description=f"Great Expectations suite for `{table}`.")
    def _checks(context: dg.AssetCheckExecutionContext, settings: HemicycleSettings, **frames):
        results = run_rules(frames[table], rules, name=table)
        report_path = settings.out / "checks" / f"{table}.json"
        atomic_write_bytes(report_path, json.dumps([r.as_dict() for r in results], indent=1,
                                                   ensure_ascii=False).encode())
        for result in results:
            yield _check_result(result)

    return _checks


TABLE_CHECKS = [make_table_checks(t) for t in SUITES]


@dg.asset(group_name="validate", deps=["statements", "signatories"], kinds={"json"},
          description="validation.json: every rule with its severity, outcome and examples.")
def validation_report(settings: HemicycleSettings) -> dg.MaterializeResult:
    checks = []
    for table in SUITES:
        path = settings.out / "checks" / f"{table}.json"
        if path.exists():
            checks.extend(json.loads(path.read_text(encoding="utf-8")))
    blocking = [c for c in checks if c["severity"] == ERROR and not c["passed"]]
    report = {"passed": not blocking, "blocking_failures": len(blocking),
              "warnings": sum(1 for c in checks if c["severity"] != ERROR and not c["passed"]),
              "checks": checks}
    atomic_write_bytes(settings.out / "validation.json",
                       json.dumps(report, indent=1, ensure_ascii=False).encode())
    return dg.MaterializeResult(metadata={"checks": len(checks), "blocking_failures": len(blocking)})


