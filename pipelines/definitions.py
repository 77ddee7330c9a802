"""Dagster definitions: thin wiring of the stage modules in ``assets/``."""

from __future__ import annotations

import dagster as dg

from assets import clean, fetch, metrics, partition, validate
from pipelines.resources import HemicycleSettings

ALL_ASSETS = [fetch.raw_documents, clean.clean_tables,
              partition.parquet_tables, metrics.duckdb_database, metrics.data_card]
ALL_CHECKS = list(validate.TABLE_CHECKS)

build_all = dg.define_asset_job("build_all", selection=dg.AssetSelection.all(),
                                description="Fetch, clean, validate, partition and publish.")
daily_build = dg.ScheduleDefinition(job=build_all, cron_schedule="0 5 * * *",
                                    execution_timezone="Europe/Paris",
                                    default_status=dg.DefaultScheduleStatus.STOPPED)


def resources(settings: HemicycleSettings | None = None) -> dict:
    settings = settings or HemicycleSettings()
    return {
        "settings": settings,
        "io_manager": dg.FilesystemIOManager(base_dir=str(settings.out / "storage")),
    }


defs = dg.Definitions(assets=ALL_ASSETS, asset_checks=ALL_CHECKS, jobs=[build_all],
                      schedules=[daily_build], resources=resources())
