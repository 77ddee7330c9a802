"""Validate stage: Great Expectations rules as Dagster asset checks, and validation.json.

Every rule is its own check; ``error`` rules are blocking, so a failure stops the Parquet
and DuckDB stages downstream. Most checks run per assembly partition, on that partition
only; release rules (every assembly present...) run on all partitions together, before
publication.
"""


import warnings
from collections.abc import Iterator

import dagster as dg

from assets.resources import SOURCE_PARTITIONS, HemicycleSettings
from expectations import groups as group_rules
from expectations import members as member_rules
from expectations import persons as person_rules
from expectations import signatories as signatory_rules
from expectations import signature_timeline as timeline_rules
from expectations import statement_stances as stance_rules
from expectations import statement_versions as version_rules
from expectations import statements as statement_rules
from expectations.report import resolution_summary, write_table_results
from expectations.rules import ERROR, RELEASE, Rule
from expectations.runner import RuleResult, run_rules
from hemicycle.parts import TableParts, scan

# Partitioned check specs are a preview feature of Dagster 1.13; they are what keeps a
# check on one assembly from loading the other's tables.
warnings.filterwarnings("ignore", category=dg.PreviewWarning, message=".*partitions_def on an AssetCheckSpec")

SUITES: dict[str, list[Rule]] = {
    "statements": statement_rules.RULES,
    "signatories": signatory_rules.RULES,
    "statement_versions": version_rules.RULES,
    "statement_stances": stance_rules.RULES,
    "persons": person_rules.RULES,
    "person_matches": person_rules.MATCH_RULES,
    "groups": group_rules.RULES,
    "members": member_rules.RULES,
    "memberships": member_rules.MEMBERSHIP_RULES,
    "person_links": member_rules.LINK_RULES,
    "signature_timeline": timeline_rules.RULES,
}


def _spec(rule: Rule) -> dg.AssetCheckSpec:
    partitions = None if rule.scope == RELEASE else SOURCE_PARTITIONS
    return dg.AssetCheckSpec(name=rule.name, asset=rule.table, description=rule.description,
                             blocking=rule.severity == ERROR, partitions_def=partitions,
                             metadata={"severity": rule.severity, "scope": rule.scope})


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


def make_table_checks(table: str, scope: str) -> dg.AssetChecksDefinition:
    rules = [r for r in SUITES[table] if r.scope == scope]
    suffix = "_release" if scope == RELEASE else ""

    @dg.multi_asset_check(name=f"{table}{suffix}_expectations", specs=[_spec(r) for r in rules],
                          ins={table: dg.AssetIn(table)}, can_subset=False,
                          description=f"Great Expectations suite for `{table}`"
                          + (", every assembly together." if scope == RELEASE else ", per assembly."))
    def _checks(context: dg.AssetCheckExecutionContext, settings: HemicycleSettings,
                **parts: dict[str, TableParts] | TableParts) -> Iterator[dg.AssetCheckResult]:
        partition = context.partition_key if scope != RELEASE else None
        rows = scan(parts[table])  # read by the rules a few columns at a time
        results = run_rules(rows, rules, name=table)
        summary = resolution_summary(rows.select("method", "reason", "member_id").collect()) \
            if table == "person_matches" and partition else None
        write_table_results(settings.out, table, [r.as_dict() for r in results], partition=partition,
                            summary=summary)
        for result in results:
            yield _check_result(result)

    return _checks


PARTITION_CHECKS = [make_table_checks(t, "partition") for t in SUITES]
RELEASE_CHECKS = [make_table_checks(t, RELEASE) for t in SUITES if any(r.scope == RELEASE for r in SUITES[t])]
TABLE_CHECKS = PARTITION_CHECKS + RELEASE_CHECKS
