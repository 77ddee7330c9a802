"""What the Dagster UI shows of a materialised frame: row count, column schema, a preview."""

import dagster as dg
import polars as pl

PREVIEW_ROWS = 5


def frame_metadata(df: pl.DataFrame, columns: list[tuple[str, str, str]]) -> dict:
    """``columns``: (name, type, meaning) of each column, as the schema documents them."""
    return {
        "dagster/row_count": df.height,
        "dagster/column_schema": dg.TableSchema(columns=[
            dg.TableColumn(name, dtype, description=meaning) for name, dtype, meaning in columns]),
        "preview": dg.MetadataValue.md(df.head(PREVIEW_ROWS).to_pandas().to_markdown(index=False)
                                       if df.height else "(empty)"),
    }
