"""What needs rebuilding: Dagster's own staleness, from code versions, data versions and partitions.

The fetch assets give each assembly partition a data version (the hash of its raw index,
and of its roster); the clean stage has a code version; Dagster records both with every
materialization (its data provenance). A clean table partition is stale, in Dagster's
terms and as its UI shows it, when it was built from other data versions or another code
version; a partition with a stale or missing table is rebuilt. The published assets
(Parquet, DuckDB, data card) are stale once a table partition they read has a new data
version; they are published again when no partition is left to build and every
partition's checks passed.

The ``new_documents`` sensor and ``hemicycle run`` both follow this plan, each on the
instance it runs with.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

# The resolver behind the UI's "stale" and ``RunRequest(stale_assets_only=True)``; Dagster
# exports no public constructor for it.
from dagster._core.asset_graph_view.asset_graph_view import AssetGraphView, TemporalContext
from dagster._core.definitions.assets.graph.asset_graph import AssetGraph
from dagster._core.definitions.data_version import CachingStaleStatusResolver, StaleStatus
from dagster._time import get_current_datetime

from assets import clean, fetch, metrics, partition

RAW_DOCUMENTS = fetch.raw_documents.key
RAW_ASSETS = (fetch.raw_documents.key, fetch.raw_rosters.key)
CLEAN_ASSETS = tuple(clean.clean_tables.keys)
PUBLISHED_ASSETS = (partition.parquet_tables.key, metrics.duckdb_database.key, metrics.data_card.key)


@dataclass
class Plan:
    build: list[str] = field(default_factory=list)  # partitions to clean and check again
    publish: bool = False  # clean tables differ from what is published, and may be published
    blocked: bool = False  # they differ, but a blocking check failed
    keys: dict[str, str] = field(default_factory=dict)  # partition -> code and data versions it is built from


def stale_status(instance: dg.DagsterInstance, assets: Sequence[dg.AssetsDefinition]) -> CachingStaleStatusResolver:
    """Dagster's stale status of ``assets`` as ``instance`` records them, now."""
    graph = AssetGraph.from_assets(assets)
    view = AssetGraphView(temporal_context=TemporalContext(effective_dt=get_current_datetime(), last_event_id=None),
                          instance=instance, asset_graph=graph)
    return CachingStaleStatusResolver(instance=instance, asset_graph=graph, loading_context=view)


def latest_materialization(instance: dg.DagsterInstance, key: dg.AssetKey,
                           partition: str | None = None) -> dg.EventLogRecord | None:
    records_filter = dg.AssetRecordsFilter(asset_key=key,
                                           asset_partitions=[partition] if partition else None)
    records = instance.fetch_materializations(records_filter, limit=1).records
    return records[0] if records else None


def materialization_metadata(record: dg.EventLogRecord | None) -> dict[str, object]:
    """The metadata a materialization carries, as plain values."""
    materialization = record.asset_materialization if record else None
    if materialization is None:
        return {}
    return {name: value.value for name, value in materialization.metadata.items()}


def partition_checks_passed(out_dir: Path) -> bool:
    """No blocking failure among the per-partition checks in the validation report (release
    checks run at publication)."""
    try:
        checks = json.loads((Path(out_dir) / "validation.json").read_text(encoding="utf-8"))["checks"]
    except (FileNotFoundError, ValueError, KeyError):
        return False
    return not any(c.get("partition") and c["severity"] == "error" and not c["passed"] for c in checks)


def plan(instance: dg.DagsterInstance, assets: Sequence[dg.AssetsDefinition], out_dir: Path,
         partitions: Sequence[str]) -> Plan:
    """``assets``: every asset of the definitions."""
    status = stale_status(instance, assets)
    code = next(a.code_versions_by_key.get(CLEAN_ASSETS[0]) for a in assets if CLEAN_ASSETS[0] in a.keys) or ""
    result = Plan()
    built: list[str] = []
    for key in partitions:
        if status.get_status(RAW_DOCUMENTS, key) == StaleStatus.MISSING:
            continue  # never fetched: nothing to build yet
        result.keys[key] = ":".join([code, *(status.get_current_data_version(raw, key).value or ""
                                             for raw in RAW_ASSETS)])
        fresh = all(status.get_status(table, key) == StaleStatus.FRESH for table in CLEAN_ASSETS)
        if fresh and (Path(out_dir) / "clean" / key).is_dir():
            built.append(key)
        else:
            result.build.append(key)
    if result.build or set(built) != set(partitions):
        return result  # publish after every partition is built
    stale = any(status.get_status(key) != StaleStatus.FRESH for key in PUBLISHED_ASSETS) \
        or not (Path(out_dir) / "hemicycle.duckdb").exists()
    if stale:
        result.publish = partition_checks_passed(out_dir)
        result.blocked = not result.publish
    return result
