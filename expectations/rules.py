"""A rule = one GX expectation with an explicit severity and a plain-language meaning.

Severity ``error`` blocks publication; ``warn`` is reported. Rules that need a derived
column (e.g. "country printed but not resolved") declare it in ``derive`` so the
expectation itself stays a stock GX one.

Most rules judge one assembly's tables (``scope`` partition); a few judge the release as a
whole, every assembly together (``scope`` release), such as "both assemblies are there".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl

ERROR = "error"
WARN = "warn"
PARTITION = "partition"
RELEASE = "release"


def not_null(column: str) -> Callable[[Any], Any]:
    """The build of "``column`` is always filled" (a function of its own per column, which a
    lambda written in a loop would not be)."""
    return lambda gxe: gxe.ExpectColumnValuesToNotBeNull(column=column)


@dataclass(frozen=True)
class Rule:
    name: str  # check name, unique per table
    table: str
    severity: str  # ERROR blocks publication, WARN is reported
    description: str
    build: Callable[[Any], Any]  # gx.expectations module -> Expectation
    derive: Callable[[pl.DataFrame], pl.DataFrame] | None = None  # adds helper columns
    reads: tuple[str, ...] | None = None  # the table's columns ``derive`` reads (None: it may read any)
    show: tuple[str, ...] = ()  # columns that identify an offending row (default: table key)
    scope: str = PARTITION  # RELEASE: judged on every assembly's rows together
