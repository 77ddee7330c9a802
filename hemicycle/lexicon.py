"""Rules on strings applied to columns: once per distinct value, then joined back.

Labels, names and keys repeat across documents (the same members sign many texts), so a
rule written in Python for one value (``fold``, ``name_key``, a vocabulary lookup) costs
one call per distinct value of a batch, and every row gets its result by a join. The rule
itself stays in one place, in plain Python.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import polars as pl


def lookup(frame: pl.DataFrame, keys: Sequence[str], rule: Callable[..., Any],
           outputs: dict[str, pl.DataType]) -> pl.DataFrame:
    """``frame`` with the columns ``outputs`` added: ``rule(*keys of the row)``, computed once
    per distinct combination of the key columns. A rule with several outputs returns a tuple
    in the order of ``outputs``; null keys reach the rule as None."""
    keys = list(keys)
    distinct = frame.select(keys).unique()
    values = zip(*(distinct[k].to_list() for k in keys), strict=True)
    results = [rule(*row) for row in values]
    names = list(outputs)
    if len(names) == 1:
        columns = {names[0]: results}
    else:
        columns = {name: [r[n] for r in results] for n, name in enumerate(names)}
    table = distinct.with_columns(*(pl.Series(name, columns[name], dtype=outputs[name]) for name in names))
    # the results joined to the key columns only, then set beside the rest: the frame's other
    # columns are not copied by the join
    found = frame.select(keys).join(table, on=keys, how="left", nulls_equal=True, maintain_order="left")
    return frame.with_columns(found.select(names))
