"""Run rules with Great Expectations 1.x in an ephemeral, in-memory context.

GX is imported here only, lazily, with analytics and progress bars off. A result that
carries exception information is a crash of the check, reported as such: never a pass,
never a data failure.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

import polars as pl

from expectations.rules import Rule
from hemicycle.schema import TABLES

if TYPE_CHECKING:
    from great_expectations.data_context.data_context.abstract_data_context import AbstractDataContext

EXAMPLES = 5
_RULE = "hemicycle_rule"  # in each expectation's meta: which rule it is


@dataclass
class RuleResult:
    rule: Rule
    passed: bool
    crashed: bool = False
    unexpected_count: int = 0
    element_count: int = 0
    examples: list[Any] = field(default_factory=list)
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "table": self.rule.table, "rule": self.rule.name, "severity": self.rule.severity,
            "description": self.rule.description, "passed": self.passed, "crashed": self.crashed,
            "unexpected_count": self.unexpected_count, "element_count": self.element_count,
            "examples": self.examples, "message": self.message,
        }


def _plain(value: Any) -> Any:
    """numpy scalars and nested dicts -> plain Python values, so examples serialise as JSON."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if hasattr(value, "isoformat"):  # dates and pandas Timestamps
        return None if str(value) == "NaT" else value.isoformat()[:10] if hasattr(value, "hour") and \
            not (value.hour or value.minute or value.second) else value.isoformat()
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


def _crash_message(exception_info: Any) -> str | None:
    """GX reports crashes either flat or keyed by metric; find any raised exception."""
    if not isinstance(exception_info, dict):
        return None
    if exception_info.get("raised_exception"):
        return str(exception_info.get("exception_message") or "expectation raised")
    for value in exception_info.values():
        if isinstance(value, dict) and value.get("raised_exception"):
            return str(value.get("exception_message") or "expectation raised")
    return None


def _context() -> tuple[ModuleType, AbstractDataContext]:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return gx, context


def _columns(expectation: Any) -> list[str]:
    """The columns an expectation reads."""
    found = [getattr(expectation, name, None) for name in ("column", "column_A", "column_B")]
    return [c for c in found if isinstance(c, str)] + list(getattr(expectation, "column_list", None) or [])


def run_rules(df: pl.DataFrame | pl.LazyFrame, rules: list[Rule], name: str = "table") -> list[RuleResult]:
    """Every rule on ``df``, each a GX expectation validated by GX.

    GX is handed what the rules read and nothing else: the columns the expectations check
    and those that identify an offending row, converted once. Rules that show offending
    rows by the same columns are validated together as one suite on one batch, so GX
    prepares (and fingerprints) the data once per such group, not once per rule."""
    gx, context = _context()
    import great_expectations.expectations as gxe

    frame = df.collect() if isinstance(df, pl.LazyFrame) else df
    broken: dict[int, str] = {}  # derive function id -> error: its rules crash, the others run
    for derive in {id(r.derive): r.derive for r in rules if r.derive}.values():
        try:
            frame = derive(frame)
        except Exception as exc:  # noqa: BLE001 - reported as the rules' crash
            broken[id(derive)] = f"{type(exc).__name__}: {exc}".splitlines()[0]
    # Lists are not comparable by GX metrics; validate their presence through other rules.
    scalar = [c for c, t in frame.schema.items() if not isinstance(t, pl.List)]
    results: dict[int, RuleResult] = {}
    groups: dict[tuple[str, ...], list[tuple[int, Rule, Any]]] = {}
    for n, rule in enumerate(rules):
        if rule.derive and id(rule.derive) in broken:
            results[n] = RuleResult(rule, passed=False, crashed=True,
                                    message=f"could not prepare the check: {broken[id(rule.derive)]}")
            continue
        try:
            expectation = rule.build(gxe)
        except Exception as exc:  # noqa: BLE001 - the rule itself cannot be built: it crashed
            results[n] = RuleResult(rule, passed=False, crashed=True, message=f"GX error: {exc}")
            continue
        expectation.meta = {**(expectation.meta or {}), _RULE: n}  # GX returns a suite's results in its own order
        shown = tuple(c for c in (rule.show or TABLES[rule.table].key) if c in scalar)
        groups.setdefault(shown, []).append((n, rule, expectation))
    for number, (shown, members) in enumerate(groups.items()):
        read = {c for _, _, expectation in members for c in _columns(expectation)} | set(shown)
        pdf = frame.select([c for c in scalar if c in read]).to_pandas()
        batch = (
            context.data_sources.add_pandas(f"{name}_source_{number}")
            .add_dataframe_asset(name)
            .add_batch_definition_whole_dataframe(f"{name}_batch")
            .get_batch(batch_parameters={"dataframe": pdf})
        )
        result_format = {"result_format": "SUMMARY", "unexpected_index_column_names": list(shown),
                         "partial_unexpected_count": EXAMPLES}
        suite = gx.ExpectationSuite(name=f"{name}_{number}", expectations=[e for _, _, e in members])
        try:
            outcomes = batch.validate(suite, result_format=result_format).results
        except Exception as exc:  # noqa: BLE001 - GX itself failed: the checks crashed, the data is not judged
            for n, rule, _ in members:
                results[n] = RuleResult(rule, passed=False, crashed=True, message=f"GX error: {exc}")
            continue
        by_rule = {int(outcome.expectation_config.meta[_RULE]): outcome for outcome in outcomes}
        for n, rule, _ in members:
            results[n] = _result(rule, by_rule[n], len(pdf))
        del pdf, batch
    return [results[n] for n in range(len(rules))]


def _result(rule: Rule, outcome: Any, rows: int) -> RuleResult:
    crash = _crash_message(outcome.exception_info)
    if crash:
        return RuleResult(rule, passed=False, crashed=True, message=crash)
    info = outcome.result or {}
    return RuleResult(
        rule,
        passed=bool(outcome.success),
        unexpected_count=int(info.get("unexpected_count") or 0),
        element_count=int(info.get("element_count") or rows),
        examples=_plain(list(info.get("partial_unexpected_index_list")
                             or info.get("partial_unexpected_list") or [])[:EXAMPLES]),
        message="" if outcome.success else f"{info.get('unexpected_count', 0)} rows break: "
        f"{rule.description}",
    )
