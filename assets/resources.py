"""Run settings shared by every asset: where data comes from and where output goes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import dagster as dg

from hemicycle.publish.duck import MEMORY_LIMIT
from hemicycle.records import SOURCES

if TYPE_CHECKING:
    from hemicycle.harvest import CrawlConfig

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = PROJECT_ROOT / "data" / "out"

# Fetch and clean run per assembly: a new PACE page re-materialises the PACE partition only.
SOURCE_PARTITIONS = dg.StaticPartitionsDefinition(list(SOURCES))


class HemicycleSettings(dg.ConfigurableResource["HemicycleSettings"]):
    """``source='sample'`` reads the embedded sample offline; ``'http'`` fetches the assemblies.

    The crawl fields matter for ``'http'`` only; ``settings_from_env`` fills them from
    ``HEMICYCLE_*`` variables (see README, "Fetching from the assemblies").
    """

    out_dir: str = str(DEFAULT_OUT)
    source: str = "sample"
    sample_dir: str = str(PROJECT_ROOT / "data" / "sample")
    contact: str = "contact-not-configured@example.invalid"  # in the User-Agent: URL or e-mail
    pace_url: str = "https://pace.coe.int"
    ep_api_url: str = "https://data.europarl.europa.eu/api/v2"
    min_interval: float = 3.0  # seconds between two requests to one host
    timeout: float = 30.0
    max_attempts: int = 5
    backoff_base: float = 2.0
    obey_robots: bool = True
    pace_start_id: int = 33000  # first FileID swept when none is known (about January 2025)
    pace_max_misses: int = 30
    ep_years: str = ""  # comma-separated years to list; empty: this year and the last
    backfill: bool = False
    backfill_batch: int = 500  # PACE FileIDs per backfill run
    roster_max_records: int = 600  # EP member and body records read per run
    today: str = ""  # ISO date the crawl takes as today (tests); empty: the real date
    database_memory_limit: str = MEMORY_LIMIT  # DuckDB's memory_limit while the database is built
    database_threads: int = 0  # DuckDB's threads while the database is built; 0: every core

    @property
    def out(self) -> Path:
        return Path(self.out_dir)

    @property
    def raw_dir(self) -> Path:
        return self.out / "raw"

    @property
    def clean_dir(self) -> Path:
        """Where the clean stage writes each assembly's tables, as Parquet parts."""
        return self.out / "clean"

    @property
    def tables_dir(self) -> Path:
        return self.out / "tables"

    @property
    def database_path(self) -> Path:
        return self.out / "hemicycle.duckdb"

    def crawl_config(self) -> CrawlConfig:
        from hemicycle.fetch.http import ClientSettings
        from hemicycle.fetch.sources.ep import EpConfig
        from hemicycle.fetch.sources.ep_roster import RosterConfig
        from hemicycle.fetch.sources.pace import PaceConfig
        from hemicycle.harvest import CrawlConfig

        years = tuple(int(y) for y in self.ep_years.replace(" ", "").split(",") if y)
        return CrawlConfig(
            client=ClientSettings(contact=self.contact, min_interval=self.min_interval,
                                  timeout=self.timeout, max_attempts=self.max_attempts,
                                  backoff_base=self.backoff_base, obey_robots=self.obey_robots),
            pace=PaceConfig(base_url=self.pace_url, start_id=self.pace_start_id,
                            max_misses=self.pace_max_misses, backfill=self.backfill,
                            backfill_batch=self.backfill_batch),
            ep=EpConfig(api_url=self.ep_api_url, years=years, backfill=self.backfill),
            roster=RosterConfig(api_url=self.ep_api_url, max_records=self.roster_max_records),
        )


def settings_from_env(**overrides: Any) -> HemicycleSettings:
    """Settings from ``HEMICYCLE_<FIELD>`` environment variables, then explicit overrides."""
    values: dict[str, Any] = {}
    for name, field in HemicycleSettings.model_fields.items():
        raw = os.environ.get(f"HEMICYCLE_{name.upper()}")
        if raw is None:
            continue
        kind = field.annotation if isinstance(field.annotation, type) else str
        values[name] = raw.strip().lower() in ("1", "true", "yes") if kind is bool else kind(raw)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return HemicycleSettings(**values)
