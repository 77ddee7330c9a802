"""What the Dagster UI shows of a materialised table: row count, column schema, a preview."""

from typing import Any

import dagster as dg
import polars as pl

from hemicycle.parts import TableParts
from hemicycle.schema import TABLES

PREVIEW_ROWS = 5


def frame_metadata(df: pl.DataFrame, columns: list[tuple[str, str, str]], rows: int | None = None) -> dict[str, Any]:
    """``columns``: (name, type, meaning) of each column, as the schema documents them;
    ``df`` may be the first rows only, when ``rows`` says how many there are."""
    return {
        "dagster/row_count": df.height if rows is None else rows,
        "dagster/column_schema": dg.TableSchema(columns=[
            dg.TableColumn(name, dtype, description=meaning) for name, dtype, meaning in columns]),
        "preview": dg.MetadataValue.md(df.head(PREVIEW_ROWS).to_pandas().to_markdown(index=False)
                                       if df.height else "(empty)"),
    }


def parts_metadata(parts: TableParts) -> dict[str, Any]:
    """A table written as parts: its rows counted, its first rows read, where it is."""
    table = TABLES[parts.table]
    head = parts.scan().head(PREVIEW_ROWS).collect()
    metadata = frame_metadata(head, [(c.name, c.dtype, c.description) for c in table.columns], parts.rows)
    metadata["path"] = dg.MetadataValue.path(str(parts.root))
    metadata["files"] = len(parts.slices)
    return metadata
