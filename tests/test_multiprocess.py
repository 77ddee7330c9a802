"""The same jobs under Dagster's multiprocess executor: every step in its own process,
assets handed over through the IO manager, a persistent instance on disk."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
import pytest

from assets.resources import SOURCE_PARTITIONS
from hemicycle.publish.release.inputs import read_run_tables


def _run(instance: dg.DagsterInstance, job: str,
         partition: str | None = None) -> tuple[set[str | None], set[int | None]]:
    """Step keys that succeeded and the process ids the steps ran in."""
    recon = dg.build_reconstructable_job("pipelines.definitions", "job_from_env", (job,))
    tags = {"dagster/partition": partition} if partition else None
    with dg.execute_job(recon, instance, tags=tags,
                        run_config={"execution": {"config": {"multiprocess": {"max_concurrent": 2}}}}) as result:
        assert result.success, [e.message for e in result.all_events if e.is_failure]
        steps = {e.step_key for e in result.all_events if e.is_step_success}
        pids = {e.pid for e in result.all_events if e.is_step_start}
        return steps, pids


def test_jobs_under_the_multiprocess_executor_give_the_in_process_tables(tmp_path: Path, pipeline_out: Path) -> None:
    out = tmp_path / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DAGSTER_HOME", str(tmp_path / "home"))
        mp.setenv("HEMICYCLE_OUT_DIR", str(out))
        mp.setenv("GX_ANALYTICS_ENABLED", "false")
        (tmp_path / "home").mkdir()
        (tmp_path / "home" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
        with dg.DagsterInstance.get() as instance:
            step_pids = set()
            for job in ("fetch_sources", "build_source"):
                for partition in SOURCE_PARTITIONS.get_partition_keys():
                    _, pids = _run(instance, job, partition)
                    step_pids |= pids
            steps, pids = _run(instance, "publish")
            step_pids |= pids
            assert {"parquet_tables", "duckdb_database", "data_card"} <= steps
    assert os.getpid() not in step_pids and len(step_pids) > 3  # steps ran in their own processes
    in_process, multiprocess = read_run_tables(pipeline_out), read_run_tables(out)
    for name, frame in in_process.items():
        assert frame.height > 0 or name == "quarantine"
        assert multiprocess[name].equals(frame), name
