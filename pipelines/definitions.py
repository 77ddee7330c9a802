"""Dagster definitions: thin wiring of the stage modules in ``assets/``.

Operation: the ``daily_fetch`` schedule fetches both assemblies (one run per partition);
the ``new_documents`` sensor sees which partitions' documents (data versions) or code
(code version) changed since their tables were built (``pipelines.plan``) and requests a
build of those only, then one publication once their checks pass. ``build_all`` runs
every stage of one partition by hand.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import dagster as dg

from assets import clean, fetch, metrics, partition, validate
from assets.resources import SOURCE_PARTITIONS, HemicycleSettings, settings_from_env
from pipelines.plan import plan

ALL_ASSETS = [fetch.raw_documents, fetch.raw_rosters, clean.clean_tables,
              partition.parquet_tables, metrics.duckdb_database, metrics.data_card]
ALL_CHECKS = list(validate.TABLE_CHECKS)
# Selecting an asset selects its checks too: release checks are kept for publication.
CLEAN_SELECTION = dg.AssetSelection.assets(*clean.TABLE_NAMES).without_checks() \
    | dg.AssetSelection.checks(*validate.PARTITION_CHECKS)
RELEASE_CHECKS_SELECTION = dg.AssetSelection.checks(*validate.RELEASE_CHECKS)
PUBLISH_SELECTION = dg.AssetSelection.assets(partition.parquet_tables, metrics.duckdb_database,
                                             metrics.data_card) \
    | RELEASE_CHECKS_SELECTION

build_all = dg.define_asset_job("build_all", selection=dg.AssetSelection.all(),
                                description="Fetch, clean, validate, partition and publish one assembly.")
fetch_sources = dg.define_asset_job("fetch_sources",
                                    selection=dg.AssetSelection.assets(fetch.raw_documents, fetch.raw_rosters),
                                    description="Fetch one assembly's new and changed documents, and its roster.")
build_source = dg.define_asset_job("build_source", selection=CLEAN_SELECTION,
                                   description="Parse, normalise and check one assembly.")
publish = dg.define_asset_job("publish", selection=PUBLISH_SELECTION,
                              description="Parquet and DuckDB from every assembly's checked tables.")

FETCH_CRON = os.environ.get("HEMICYCLE_FETCH_CRON", "0 5 * * *")


@dg.schedule(job=fetch_sources, cron_schedule=FETCH_CRON, execution_timezone="Europe/Paris",
             default_status=dg.DefaultScheduleStatus.STOPPED,
             description="Daily fetch of both assemblies (cron from HEMICYCLE_FETCH_CRON).")
def daily_fetch(context: dg.ScheduleEvaluationContext) -> Iterator[dg.RunRequest]:
    stamp = context.scheduled_execution_time.isoformat()
    for source in SOURCE_PARTITIONS.get_partition_keys():
        yield dg.RunRequest(partition_key=source, run_key=f"fetch:{source}:{stamp}")


@dg.sensor(jobs=[build_source, publish], minimum_interval_seconds=60,
           default_status=dg.DefaultSensorStatus.STOPPED,
           description="Registers newly fetched documents: builds the partitions whose raw index "
           "changed, then publishes once every partition is built and checked.")
def new_documents(context: dg.SensorEvaluationContext,
                  settings: HemicycleSettings) -> Iterator[dg.RunRequest | dg.SkipReason]:
    todo = plan(context.instance, ALL_ASSETS, settings.out, SOURCE_PARTITIONS.get_partition_keys())
    if todo.build:
        for source in todo.build:
            yield dg.RunRequest(job_name="build_source", partition_key=source,
                                run_key=f"build:{source}:{todo.keys[source]}")
    elif todo.publish:
        yield dg.RunRequest(job_name="publish", run_key="publish:" + ",".join(
            f"{k}={v}" for k, v in sorted(todo.keys.items())))
    else:
        reason = "a blocking check failed" if todo.blocked else "nothing changed"
        yield dg.SkipReason(f"no partition to build: {reason}")


def resources(settings: HemicycleSettings | None = None) -> dict[str, Any]:
    settings = settings or settings_from_env()
    return {
        "settings": settings,
        "io_manager": dg.FilesystemIOManager(base_dir=str(settings.out / "storage")),
    }


JOBS = [build_all, fetch_sources, build_source, publish]

defs = dg.Definitions(assets=ALL_ASSETS, asset_checks=ALL_CHECKS, jobs=JOBS,
                      schedules=[daily_fetch], sensors=[new_documents], resources=resources())


def job_from_env(name: str) -> dg.JobDefinition:
    """One job of the definitions with settings read from the environment when it is called.

    Out-of-process executors rebuild the job in every step's process by calling this
    (``dg.build_reconstructable_job("pipelines.definitions", "job_from_env", (name,))``), so
    each step sees the settings of the run that launched it, not those of an earlier import.
    """
    return dg.Definitions(assets=ALL_ASSETS, asset_checks=ALL_CHECKS, jobs=JOBS,
                          resources=resources()).resolve_job_def(name)
