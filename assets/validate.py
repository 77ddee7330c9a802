"""Validate stage: Great Expectations rules as Dagster asset checks, and validation.json.

Every rule is its own check; ``error`` rules are blocking, so a failure stops the Parquet
and DuckDB stages downstream.
"""


import dagster as dg

from expectations import groups as group_rules
from expectations import persons as person_rules
from expectations import signatories as signatory_rules
from expectations import statement_versions as version_rules
from expectations import statements as statement_rules
from expectations.rules import ERROR, Rule
from expectations.runner import RuleResult, run_rules
from expectations.report import write_table_results
from pipelines.resources import HemicycleSettings

SUITES: dict[str, list[Rule]] = {
    "statements": statement_rules.RULES,
    "signatories": signatory_rules.RULES,
    "statement_versions": version_rules.RULES,
    "persons": person_rules.RULES,
    "person_matches": person_rules.MATCH_RULES,
    "groups": group_rules.RULES,
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
                  "examples": dg.MetadataValue.json(result.examples),
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
        write_table_results(settings.out, table, [r.as_dict() for r in results])
        for result in results:
            yield _check_result(result)

    return _checks


TABLE_CHECKS = [make_table_checks(t) for t in SUITES]
