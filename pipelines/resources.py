"""Run settings shared by every asset: where data comes from and where output goes."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = PROJECT_ROOT / "data" / "out"


class HemicycleSettings(dg.ConfigurableResource):
    """``source='sample'`` reads the embedded sample offline; ``'http'`` fetches the assemblies."""

    out_dir: str = str(DEFAULT_OUT)
    source: str = "sample"
    sample_dir: str = str(PROJECT_ROOT / "data" / "sample")

    @property
    def out(self) -> Path:
        return Path(self.out_dir)

    @property
    def raw_dir(self) -> Path:
        return self.out / "raw"

    @property
    def tables_dir(self) -> Path:
        return self.out / "tables"

    @property
    def database_path(self) -> Path:
        return self.out / "hemicycle.duckdb"
