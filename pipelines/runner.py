"""Run the asset graph in process, rebuilding only what changed, and summarise the run.

Both assemblies are fetched; then the plan of the ``new_documents`` sensor
(``pipelines.plan``) says which partitions to parse and check again, and whether to
publish. The run's state is the Dagster instance of its output folder
(``<out>/dagster_home``): the materializations recorded there, with their code and data
versions, are what the next run compares with.
"""

from __future__ import annotations

import functools
import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dagster as dg

from assets.resources import PROJECT_ROOT, SOURCE_PARTITIONS, settings_from_env
from hemicycle.folder_lock import FolderLock
from pipelines.definitions import (
    ALL_ASSETS,
    ALL_CHECKS,
    CLEAN_SELECTION,
    PUBLISH_SELECTION,
    RELEASE_CHECKS_SELECTION,
    resources,
)
from pipelines.plan import RAW_DOCUMENTS, latest_materialization, materialization_metadata, plan

# What each assembly's run did, as printed: documents found, bytes new or confirmed, pages
# without a document, refused or failing, pages that are not statements, documents parsed
# (parse-cache misses) and documents in quarantine.
RUN_COLUMNS = ("discovered", "fetched", "unchanged", "missing", "blocked", "failed", "skipped",
               "parsed", "quarantined")


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
    fetch: dict[str, dict[str, int]] = field(default_factory=dict)  # per source: RUN_COLUMNS, requests
    rebuilt: list[str] = field(default_factory=list)  # partitions parsed and checked this run
    parsed: int = 0  # documents parsed this run (parse-cache misses, fetch and clean)
    published: bool = False  # Parquet and DuckDB written this run

    @property
    def unreachable(self) -> list[str]:
        """Sources that answered none of this run's requests."""
        return [source for source, stats in self.fetch.items()
                if stats.get("requests", 0) and not stats.get("responses", 0)]

    def render(self, seconds: float) -> str:
        lines = [f"hemicycle run: {'ok' if self.success else 'FAILED'} in {seconds:.1f} s"]
        if self.error:
            lines.append(f"  error: {self.error}")
        for source, statements, signatories in self.by_source:
            lines.append(f"  {source:<5} {statements:>5} statements  {signatories:>6} signatories")
        if self.fetch:
            lines.append("  run   " + "".join(f"{c:>12}" for c in RUN_COLUMNS) + "  requests")
            for source, stats in self.fetch.items():
                cells = "".join(f"{stats.get(c, 0):>12}" for c in RUN_COLUMNS)
                lines.append(f"  {source:<5} {cells}  {stats.get('requests', 0)}"
                             f" ({stats.get('conditional_requests', 0)} conditional)")
        lines.append(f"  parsed {self.parsed}; rebuilt {', '.join(self.rebuilt) or 'nothing'};"
                     f" {'published' if self.published else 'tables unchanged'}")
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


def dagster_logs(level: str) -> dict[str, Any]:
    """Run config for Dagster's console logger; the CLI prints its own summary and errors."""
    return {"loggers": {"console": {"config": {"log_level": level}}}}


def instance_home(out_dir: Path) -> Path:
    """Where the Dagster instance of an output folder keeps its runs and materializations
    (the Makefile points ``DAGSTER_HOME`` there, so ``dagster dev`` sees the same)."""
    return Path(out_dir) / "dagster_home"


def out_instance(out_dir: Path) -> dg.DagsterInstance:
    """The Dagster instance of ``out_dir``, whatever ``DAGSTER_HOME`` says: the state of a
    folder's tables is recorded beside them, so one folder's runs never read another's."""
    home = instance_home(out_dir)
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():  # SQLite storage by default; no telemetry from an open-data job
        config.write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    return dg.DagsterInstance.from_config(str(home))


def _failure(result: dg.ExecuteInProcessResult) -> str | None:
    failures = [e for e in result.all_events if e.is_step_failure]
    if not failures:
        return None if result.success else "run failed"
    data = failures[0].step_failure_data
    if data.error and data.error.cls_name == "DagsterAssetCheckFailedError":
        return "a blocking check failed: nothing was published (see FAIL below; `hemicycle validate`)"
    message = data.error.message.strip().splitlines()[0] if data.error and data.error.message else ""
    return f"{failures[0].step_key}: {message}"


def _checks_from_report(out_dir: Path, summary: RunSummary) -> None:
    """Blocking failures and warnings as they stand for every partition, checked now or before."""
    try:
        report = json.loads((out_dir / "validation.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return
    for check in report["checks"]:
        name = f"{check['table']}.{check['rule']}"
        target = summary.failed_checks if check["severity"] == "error" else summary.warned_checks
        if not check["passed"] and name not in target:
            target.append(name)


# Partitions are independent until publication: with more than one to build and cores to
# spare, each is built in a process of its own. A process costs a few seconds to start
# (imports), so small builds stay in this one.
SIDE_BY_SIDE_MIN_VERSIONS = 2000  # document versions to parse, over the partitions to build


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _side_by_side(versions: dict[str, int], build: list[str]) -> bool:
    """``versions``: document versions of each partition's raw index."""
    if len(build) < 2 or usable_cores() < 2:
        return False
    return sum(versions.get(p, 0) for p in build) >= SIDE_BY_SIDE_MIN_VERSIONS


# (success, error, checks run) of one partition's build
BuildResult = tuple[bool, str | None, int]


def _build(result: dg.ExecuteInProcessResult) -> BuildResult:
    """(success, error, checks run) of a partition's build."""
    return result.success, _failure(result), len(result.get_asset_check_evaluations())


def build_partition(out_dir: Path, source: str, sample_dir: Path | None, log_level: str,
                    settings: dict[str, object], partition: str) -> tuple[bool, str | None, int]:
    """Clean and check one partition (in a process of its own: ``_build_in_processes``)."""
    settings_obj = settings_from_env(out_dir=str(out_dir), source=source,
                                     sample_dir=str(sample_dir) if sample_dir else None, **settings)
    with out_instance(out_dir) as instance:
        result = dg.materialize([*ALL_ASSETS, *ALL_CHECKS], partition_key=partition,
                                selection=CLEAN_SELECTION, instance=instance,
                                resources=resources(settings_obj), raise_on_error=False,
                                run_config=dagster_logs(log_level))
        return _build(result)


_CHILD = "from pipelines.runner import build_partition_child; build_partition_child()"
_RESULT_MARK = "HEMICYCLE_BUILD_RESULT "


def build_partition_child() -> None:
    """``build_partition`` with its arguments read as JSON from stdin; prints its result."""
    args = json.loads(sys.stdin.read())
    result = build_partition(Path(args["out_dir"]), args["source"],
                             Path(args["sample_dir"]) if args["sample_dir"] else None,
                             args["log_level"], args["settings"], args["partition"])
    print(_RESULT_MARK + json.dumps(result), flush=True)


def _start_build(out_dir: Path, source: str, sample_dir: Path | None, log_level: str,
                 settings: dict[str, object], partition: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(PROJECT_ROOT), os.environ.get("PYTHONPATH"))))}
    # memory polars frees goes back to the system at once, not after seconds: builds run side
    # by side, so what one lets go the other may need
    env.setdefault("_RJEM_MALLOC_CONF", "background_thread:true,dirty_decay_ms:500,muzzy_decay_ms:0")
    proc = subprocess.Popen([sys.executable, "-c", _CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, cwd=PROJECT_ROOT, env=env)
    assert proc.stdin is not None
    proc.stdin.write(json.dumps({"out_dir": str(out_dir), "source": source,
                                 "sample_dir": str(sample_dir) if sample_dir else None,
                                 "log_level": log_level, "settings": settings, "partition": partition}))
    proc.stdin.close()
    return proc


def _finished(partition: str, proc: subprocess.Popen[str], done: queue.Queue[tuple[str, BuildResult]]) -> None:
    """Wait for a build process; put its result (a dead process is a failed build) on ``done``."""
    output = proc.stdout.read() if proc.stdout else ""
    code = proc.wait()
    found = [line[len(_RESULT_MARK):] for line in output.splitlines() if line.startswith(_RESULT_MARK)]
    sys.stdout.write("".join(line + "\n" for line in output.splitlines() if not line.startswith(_RESULT_MARK)))
    if code == 0 and found:
        success, error, checks = json.loads(found[-1])
        done.put((partition, (bool(success), error, int(checks))))
    else:
        done.put((partition, (False, f"building {partition}: the process ended with status {code}", 0)))


def _build_in_processes(out_dir: Path, source: str, sample_dir: Path | None, log_level: str,
                        settings: dict[str, object], build: list[str]) -> list[BuildResult]:
    """Every partition of ``build`` cleaned and checked at once, each in a fresh Python process
    (a fork would copy this process's threads and locks). A process that dies is a failed build."""
    done: queue.Queue[tuple[str, BuildResult]] = queue.Queue()
    threads = []
    for partition in build:
        proc = _start_build(out_dir, source, sample_dir, log_level, settings, partition)
        threads.append(threading.Thread(target=_finished, args=(partition, proc, done), daemon=True))
        threads[-1].start()
    results = dict(done.get() for _ in build)
    return [results[p] for p in build]


def run_pipeline(out_dir: Path, source: str = "sample", sample_dir: Path | None = None,
                 log_level: str = "WARNING", wait: bool = False,
                 on_wait: Callable[[str], None] | None = None, **settings: object) -> RunSummary:
    """Fetch every assembly, rebuild what changed, publish; ``settings`` are HemicycleSettings
    fields; ``log_level`` is the level of Dagster's own console log.

    The run holds ``out_dir`` alone: when another run (or a release reading it) holds it,
    raises FolderBusy at once, or with ``wait`` waits for it (``on_wait`` is told why)."""
    with FolderLock(Path(out_dir), exclusive=True, wait=wait, command="hemicycle run", on_wait=on_wait):
        return _run(Path(out_dir), source, sample_dir, log_level, **settings)


def _fetch_stats(result: dg.ExecuteInProcessResult) -> tuple[dict[str, int], int]:
    """What a fetch did (RUN_COLUMNS, requests), and how many document versions the raw
    index holds: the metadata of its ``raw_documents`` materialization (none: it failed)."""
    materialized = result.asset_materializations_for_node(RAW_DOCUMENTS.to_user_string())
    metadata = {name: value.value for name, value in materialized[-1].metadata.items()} if materialized else {}
    stats = {name[len("fetch_"):]: value for name, value in metadata.items()
             if name.startswith("fetch_") and isinstance(value, int)}
    versions = metadata.get("versions", 0)
    return stats, versions if isinstance(versions, int) else 0


# The tables whose rows the summary counts.
COUNTED_TABLES = ("documents", "statements", "signatories", "members", "quarantine")


def _table_metadata(instance: dg.DagsterInstance, partition: str,
                    tables: tuple[str, ...] = COUNTED_TABLES) -> dict[str, dict[str, object]]:
    """The metadata of clean tables of ``partition`` as last built."""
    return {name: materialization_metadata(latest_materialization(instance, dg.AssetKey(name), partition))
            for name in tables}


def _count(metadata: dict[str, object], name: str) -> int:
    value = metadata.get(name, 0)
    return value if isinstance(value, int) else 0


def _run(out_dir: Path, source: str, sample_dir: Path | None, log_level: str,
         **settings: object) -> RunSummary:
    settings_obj = settings_from_env(out_dir=str(out_dir), source=source,
                                     sample_dir=str(sample_dir) if sample_dir else None, **settings)
    out_dir.mkdir(parents=True, exist_ok=True)
    partitions = SOURCE_PARTITIONS.get_partition_keys()
    summary = RunSummary(success=True, out_dir=out_dir)
    everything = [*ALL_ASSETS, *ALL_CHECKS]
    versions: dict[str, int] = {}
    with out_instance(out_dir) as instance:
        materialize = functools.partial(dg.materialize, everything, instance=instance,
                                        resources=resources(settings_obj), raise_on_error=False,
                                        run_config=dagster_logs(log_level))
        for partition in partitions:
            result = materialize(partition_key=partition,
                                 selection=dg.AssetSelection.assets("raw_documents", "raw_rosters"))
            summary.error = summary.error or _failure(result)
            summary.success &= result.success
            summary.fetch[partition], versions[partition] = _fetch_stats(result)
            summary.parsed += summary.fetch[partition].get("parsed", 0)
        todo = plan(instance, ALL_ASSETS, out_dir, partitions)
        if _side_by_side(versions, todo.build):
            built = _build_in_processes(out_dir, source, sample_dir, log_level, settings, todo.build)
        else:
            built = [_build(materialize(partition_key=partition, selection=CLEAN_SELECTION))
                     for partition in todo.build]
        for partition, (success, error, checks) in zip(todo.build, built, strict=True):
            summary.error = summary.error or error
            summary.success &= success
            summary.checks_run += checks
            summary.rebuilt.append(partition)
            parsed = _count(_table_metadata(instance, partition, ("documents",))["documents"], "parsed")
            summary.fetch[partition]["parsed"] = summary.fetch[partition].get("parsed", 0) + parsed
            summary.parsed += parsed
        if todo.build:  # what is built changes what may be published
            todo = plan(instance, ALL_ASSETS, out_dir, partitions)
        if todo.publish or todo.blocked:  # release checks are reported even when blocked
            selection = PUBLISH_SELECTION if todo.publish else RELEASE_CHECKS_SELECTION
            result = materialize(selection=selection)
            summary.error = summary.error or _failure(result)
            summary.success &= result.success
            summary.checks_run += len(result.get_asset_check_evaluations())
            summary.published = todo.publish and result.success
        tables = {partition: _table_metadata(instance, partition) for partition in partitions}
    _checks_from_report(out_dir, summary)
    if summary.failed_checks:
        summary.success = False
    for partition in partitions:
        quarantined = _count(tables[partition]["documents"], "quarantined_documents")
        summary.fetch.setdefault(partition, {})["quarantined"] = quarantined
        rows = {name: _count(metadata, "dagster/row_count") for name, metadata in tables[partition].items()
                if "dagster/row_count" in metadata}
        if "documents" in rows:
            rows["quarantined_documents"] = quarantined
        for name in ("documents", "statements", "signatories", "members", "quarantine", "quarantined_documents"):
            if name in rows:
                summary.counts[name] = summary.counts.get(name, 0) + rows[name]
        if rows.get("statements"):
            summary.by_source.append((partition, rows["statements"], rows.get("signatories", 0)))
    summary.by_source.sort()
    return summary
