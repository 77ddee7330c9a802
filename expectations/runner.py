"""Run rules with Great Expectations 1.x in an ephemeral, in-memory context.

GX is imported here only, lazily, with analytics and progress bars off. A result that
carries exception information is a crash of the check, reported as such: never a pass,
never a data failure.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from expectations.rules import Rule
from hemicycle.schema import TABLES

EXAMPLES = 5


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


def _context():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return gx, context


def run_rules(df: pl.DataFrame | pl.LazyFrame, rules: list[Rule], name: str = "table") -> list[RuleResult]:
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
    scalar = frame.select([c for c, t in frame.schema.items() if not isinstance(t, pl.List)])
    pdf = scalar.to_pandas()
    batch = (
        context.data_sources.add_pandas(f"{name}_source")
        .add_dataframe_asset(name)
        .add_batch_definition_whole_dataframe(f"{name}_batch")
        .get_batch(batch_parameters={"dataframe": pdf})
    )
    results: list[RuleResult] = []
    for rule in rules:
        if rule.derive and id(rule.derive) in broken:
            results.append(RuleResult(rule, passed=False, crashed=True,
                                      message=f"could not prepare the check: {broken[id(rule.derive)]}"))
            continue
        shown = [c for c in (rule.show or TABLES[rule.table].key) if c in pdf.columns]
        result_format = {"result_format": "SUMMARY", "unexpected_index_column_names": shown,
                         "partial_unexpected_count": EXAMPLES}
        try:
            outcome = batch.validate(rule.build(gxe), result_format=result_format)
        except Exception as exc:  # GX itself failed: the check crashed, the data is not judged
            results.append(RuleResult(rule, passed=False, crashed=True, message=f"GX error: {exc}"))
            continue
        crash = _crash_message(outcome.exception_info)
        info = outcome.result or {}
        if crash:
            results.append(RuleResult(rule, passed=False, crashed=True, message=crash))
            continue
        results.append(RuleResult(
            rule,
            passed=bool(outcome.success),
            unexpected_count=int(info.get("unexpected_count") or 0),
            element_count=int(info.get("element_count") or len(pdf)),
            examples=_plain(list(info.get("partial_unexpected_index_list")
                                 or info.get("partial_unexpected_list") or [])[:EXAMPLES]),
            message="" if outcome.success else f"{info.get('unexpected_count', 0)} rows break: "
            f"{rule.description}",
        ))
    return results
