"""Run rules with Great Expectations 1.x in an ephemeral, in-memory context.

GX is imported here only, lazily, with analytics and progress bars off. A result that
carries exception information is a crash of the check, reported as such: never a pass,
never a data failure.
"""

from __future__ import annotations

import gc
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


# Columns a rule checks, per GX batch (beside the columns that show an offending row): GX
# holds a batch in pandas, several times over while it computes its metrics, so a table of a
# million rows is checked a few columns at a time. A smaller table is checked in one batch per
# group of rules: each batch costs GX a fixed setup, which dominates on small tables.
COLUMNS_PER_BATCH = 3
SPLIT_FROM_ROWS = 200_000


def _asserts_true(expectation: Any, derived: set[str]) -> str | None:
    """The derived column an expectation only asserts to be True (the rule was computed in
    polars), or None."""
    column = getattr(expectation, "column", None)
    if type(expectation).__name__ == "ExpectColumnValuesToBeInSet" and column in derived \
            and list(getattr(expectation, "value_set", None) or []) == [True]:
        return str(column)
    return None


def _needed(rules: list[Rule], columns: list[str], built: dict[int, Any]) -> list[str]:
    """The table's columns the rules read: what they check, what shows an offending row and
    what their derived columns are computed from (every column when a rule does not say)."""
    if any(r.derive and r.reads is None for r in rules):
        return columns
    read = set()
    for n, rule in enumerate(rules):
        read |= set(rule.show or TABLES[rule.table].key) | set(rule.reads or ())
        if n in built:
            read |= set(_columns(built[n]))
    return [c for c in columns if c in read]


def run_rules(df: pl.DataFrame | pl.LazyFrame, rules: list[Rule], name: str = "table") -> list[RuleResult]:
    """Every rule on ``df``, each a GX expectation validated by GX.

    GX is handed what the rules read and nothing else: only the columns the rules need are
    read (from a LazyFrame: from its files), and each batch holds the columns its
    expectations check and those that identify an offending row, converted once. Rules that
    show offending rows by the same columns are validated together as one suite on one batch,
    a few checked columns at a time, so GX prepares (and fingerprints) the data once per
    such batch, not once per rule. A rule that only asserts a derived column to be True
    has a batch of its own, in which the columns that show an offending row are left empty
    on the rows that pass: GX still judges every row, and names the rows that fail as before."""
    gx, context = _context()
    import great_expectations.expectations as gxe

    results: dict[int, RuleResult] = {}
    built: dict[int, Any] = {}
    for n, rule in enumerate(rules):
        try:
            built[n] = rule.build(gxe)
        except Exception as exc:  # noqa: BLE001 - the rule itself cannot be built: it crashed
            results[n] = RuleResult(rule, passed=False, crashed=True, message=f"GX error: {exc}")
    lazy = df.lazy()
    columns = lazy.collect_schema().names()
    frame = lazy.select(_needed(rules, columns, built)).collect()
    broken: dict[int, str] = {}  # derive function id -> error: its rules crash, the others run
    for derive in {id(r.derive): r.derive for r in rules if r.derive}.values():
        try:
            frame = derive(frame)
        except Exception as exc:  # noqa: BLE001 - reported as the rules' crash
            broken[id(derive)] = f"{type(exc).__name__}: {exc}".splitlines()[0]
    # Lists are not comparable by GX metrics; validate their presence through other rules.
    scalar = [c for c, t in frame.schema.items() if not isinstance(t, pl.List)]
    derived = set(frame.columns) - set(columns)
    split = frame.height >= SPLIT_FROM_ROWS
    per_batch = COLUMNS_PER_BATCH if split else len(frame.columns)
    groups: dict[tuple[tuple[str, ...], str | None], list[tuple[int, Rule, Any]]] = {}
    for n, rule in enumerate(rules):
        if n not in built:
            continue
        if rule.derive and id(rule.derive) in broken:
            results[n] = RuleResult(rule, passed=False, crashed=True,
                                    message=f"could not prepare the check: {broken[id(rule.derive)]}")
            continue
        expectation = built[n]
        expectation.meta = {**(expectation.meta or {}), _RULE: n}  # GX returns a suite's results in its own order
        shown = tuple(c for c in (rule.show or TABLES[rule.table].key) if c in scalar)
        true_column = _asserts_true(expectation, derived) if split else None
        groups.setdefault((shown, true_column), []).append((n, rule, expectation))
    batches: list[tuple[tuple[str, ...], str | None, list[tuple[int, Rule, Any]]]] = []
    for (shown, true_column), members in groups.items():
        checked: list[list[tuple[int, Rule, Any]]] = []
        seen: dict[str, int] = {}  # checked column -> its batch
        for member in members:
            own = [c for c in _columns(member[2]) if c not in shown]
            found = next((seen[c] for c in own if c in seen), None)
            if found is None and (not checked or len({c for m in checked[-1] for c in _columns(m[2])} - set(shown)
                                                     | set(own)) > per_batch):
                checked.append([])
            index = len(checked) - 1 if found is None else found
            checked[index].append(member)
            seen.update((c, index) for c in own)
        batches.extend((shown, true_column, batch) for batch in checked)
    for number, (shown, true_column, members) in enumerate(batches):
        read = {c for _, _, expectation in members for c in _columns(expectation)} | set(shown)
        selected = frame.select([c for c in scalar if c in read])
        if true_column is not None:  # the rows that pass need no name
            passes = pl.col(true_column).eq_missing(True)
            selected = selected.with_columns(
                pl.when(~passes).then(pl.col(c)).alias(c)
                for c, kind in selected.schema.items() if c in shown and kind == pl.String)
        pdf = selected.to_pandas()
        del selected
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
        finally:
            context.data_sources.delete(f"{name}_source_{number}")
        by_rule = {int(outcome.expectation_config.meta[_RULE]): outcome for outcome in outcomes}
        for n, rule, _ in members:
            results[n] = _result(rule, by_rule[n], len(pdf))
        del pdf, batch, outcomes
        if split:
            gc.collect()  # GX's objects hold the batch in reference cycles: free it before the next
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
