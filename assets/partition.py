"""Partition stage: the clean tables as hive-partitioned Parquet (source=/year=).

The clean stage of each assembly has written its tables as parts; this stage assembles
each table from the parts of every assembly. Only the ``source=/year=`` directories whose
rows changed get new files; the others are carried over as the same files.
"""


from typing import Any

import dagster as dg

from assets.resources import HemicycleSettings
from hemicycle.parts import TableParts
from hemicycle.publish.parquet import publish_parts
from hemicycle.schema import TABLES

TABLE_NAMES = tuple(TABLES)


def partition_parts(parts: dict[str, TableParts] | TableParts) -> list[TableParts]:
    """The parts of a table's assembly partitions, in key order."""
    if isinstance(parts, TableParts):
        return [parts]
    return [parts[p] for p in sorted(parts)]


@dg.asset(group_name="partition", kinds={"parquet"},
          ins={name: dg.AssetIn(name) for name in TABLE_NAMES},
          description="Parquet files under data/out/tables/<table>/source=…/year=…, "
          "swapped in atomically; unchanged partitions are not rewritten.")
def parquet_tables(settings: HemicycleSettings,
                   **tables: dict[str, TableParts] | TableParts) -> dg.MaterializeResult[None]:
    metadata: dict[str, Any] = {}
    for name, parts in tables.items():
        found = partition_parts(parts)
        version, written = publish_parts(TABLES[name], found, settings.tables_dir)
        metadata[f"{name}_rows"] = sum(p.rows for p in found)
        metadata[f"{name}_files"] = len(list(version.rglob("*.parquet")))
        metadata[f"{name}_rewritten"] = written
    metadata["path"] = dg.MetadataValue.path(str(settings.tables_dir))
    return dg.MaterializeResult(metadata=metadata)
