"""Run the whole asset graph in process and summarise what it produced."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from pipelines.definitions import ALL_ASSETS, ALL_CHECKS, resources
from pipelines.resources import HemicycleSettings


@dataclass
class RunSummary:
    success: bool
    out_dir: Path
    counts: dict[str, int] = field(default_factory=dict)
    by_source: list[tuple[str, int, int]] = field(default_factory=list)
    failed_checks: list[str] = field(default_factory=list)
    warned_checks: list[str] = field(default_factory=list)
    checks_run: int = 0
    error: str | None = None

    def render(self, seconds: float) -> str:
        lines = [f"hemicycle run: {'ok' if self.success else 'FAILED'} in {seconds:.1f} s"]
        if self.error:
            lines.append(f"  error: {self.error}")
        for source, statements, signatories in self.by_source:
            lines.append(f"  {source:<5} {statements:>5} statements  {signatories:>6} signatories")
        for name, value in self.counts.items():
            lines.append(f"  {name:<24} {value}")
        lines.append(f"  checks: {self.checks_run} run, {len(self.failed_checks)} blocking failures,"
                     f" {len(self.warned_checks)} warnings")
        lines.extend(f"    FAIL {name}" for name in self.failed_checks)
        lines.extend(f"    warn {name}" for name in self.warned_checks)
        lines.append(f"  output: {self.out_dir}/tables, {self.out_dir}/hemicycle.duckdb")
        if self.success and (self.out_dir / "index.html").is_file():
            lines.append(f"  data card: {self.out_dir / 'index.html'}")
        return "\n".join(lines)


# Dagster's console logger at WARNING: the CLI prints its own summary.
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def _instance() -> dg.DagsterInstance:
    home = os.environ.get("DAGSTER_HOME")
    if home:
        Path(home).mkdir(parents=True, exist_ok=True)
        config = Path(home) / "dagster.yaml"
        if not config.exists():  # SQLite storage by default; no telemetry from an open-data job
            config.write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
        return dg.DagsterInstance.get()
    return dg.DagsterInstance.ephemeral()


def run_pipeline(out_dir: Path, source: str = "sample", sample_dir: Path | None = None) -> RunSummary:
    kwargs = {"out_dir": str(out_dir), "source": source}
    if sample_dir is not None:
        kwargs["sample_dir"] = str(sample_dir)
    settings = HemicycleSettings(**kwargs)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _instance() as instance:
        result = dg.materialize([*ALL_ASSETS, *ALL_CHECKS], instance=instance,
                                resources=resources(settings), raise_on_error=False,
                                run_config=QUIET)
    summary = RunSummary(success=result.success, out_dir=out_dir)
    for evaluation in result.get_asset_check_evaluations():
        summary.checks_run += 1
        name = f"{evaluation.asset_key.to_user_string()}.{evaluation.check_name}"
        if not evaluation.passed:
            if evaluation.severity == dg.AssetCheckSeverity.ERROR:
                summary.failed_checks.append(name)
            else:
                summary.warned_checks.append(name)
    if summary.failed_checks:
        summary.success = False
    if not result.success:
        failures = [e for e in result.all_events if e.is_step_failure]
        if failures:
            data = failures[0].step_failure_data
            summary.error = f"{failures[0].step_key}: {data.error.message.strip() if data.error else ''}"
    for name in ("documents", "statements", "signatories", "quarantine"):
        try:
            summary.counts[name] = result.output_for_node("clean_tables", name).height
        except Exception:  # the step did not run; nothing to count
            pass
    try:
        statements = result.output_for_node("clean_tables", "statements")
        signatories = result.output_for_node("clean_tables", "signatories")
        for (src,), part in sorted(statements.group_by("source")):
            n_sig = signatories.filter(signatories["source"] == src).height
            summary.by_source.append((src, part.height, n_sig))
    except Exception:
        pass
    return summary
