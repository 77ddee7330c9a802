"""What needs rebuilding: Dagster's own staleness, from code versions, data versions and partitions.

The fetch assets give each assembly partition a data version (the hash of its raw index,
and of its roster); the clean stage has a code version; Dagster records both with every
materialization (its data provenance). A clean table partition is stale, in Dagster's
terms and as its UI shows it, when it was built from other data versions or another code
version; a partition whose last table is stale or missing is rebuilt (the clean stage
stores its tables in order: the last one fresh, the build finished). The tables are
published again (Parquet, DuckDB, data card) when a partition was built after the last
materialization of the data card, no partition is left to build and every partition's
checks passed.

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
from dagster._core.asset_graph_view.asset_graph_view import AssetGraphView
from dagster._core.definitions.assets.graph.asset_graph import AssetGraph
from dagster._core.definitions.data_version import CachingStaleStatusResolver, StaleStatus
from dagster._core.definitions.temporal_context import TemporalContext
from dagster._time import get_current_datetime

from assets import clean, fetch, metrics

RAW_DOCUMENTS = fetch.raw_documents.key
RAW_ASSETS = (fetch.raw_documents.key, fetch.raw_rosters.key)
CLEAN_ASSETS = tuple(dg.AssetKey(name) for name in clean.TABLE_NAMES)
# The clean stage stores its tables in this order: when the last one is fresh, the
# partition's build finished, from the current data and code versions.
LAST_CLEAN_ASSET = CLEAN_ASSETS[-1]
PUBLISHED = metrics.data_card.key  # the last asset a publication materializes


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


def _data_version(record: dg.EventLogRecord | None) -> str:
    return (record.event_log_entry.tags or {}).get("dagster/data_version", "") if record else ""


def _stored(record: dg.EventLogRecord | None) -> dg.EventLogRecord:
    if record is None:  # Dagster calls it fresh: it was materialized
        raise RuntimeError("a fresh partition has no materialization")
    return record


def plan(instance: dg.DagsterInstance, assets: Sequence[dg.AssetsDefinition], out_dir: Path,
         partitions: Sequence[str]) -> Plan:
    """``assets``: every asset of the definitions."""
    status = stale_status(instance, assets)
    code = next(a.code_versions_by_key.get(LAST_CLEAN_ASSET) for a in assets if LAST_CLEAN_ASSET in a.keys) or ""
    result = Plan()
    built: list[int] = []  # storage ids of the builds of the partitions that need none
    for key in partitions:
        raw = [latest_materialization(instance, asset, key) for asset in RAW_ASSETS]
        if raw[0] is None:
            continue  # never fetched: nothing to build yet
        result.keys[key] = ":".join([code, *(_data_version(record) for record in raw)])
        if status.get_status(LAST_CLEAN_ASSET, key) == StaleStatus.FRESH and (Path(out_dir) / "clean" / key).is_dir():
            built.append(_stored(latest_materialization(instance, LAST_CLEAN_ASSET, key)).storage_id)
        else:
            result.build.append(key)
    if result.build or len(built) != len(partitions):
        return result  # publish after every partition is built
    published = latest_materialization(instance, PUBLISHED)
    stale = published is None or published.storage_id < max(built) \
        or not (Path(out_dir) / "hemicycle.duckdb").exists()
    if stale:
        result.publish = partition_checks_passed(out_dir)
        result.blocked = not result.publish
    return result

