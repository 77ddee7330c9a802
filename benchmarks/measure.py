"""Measuring a child process: wall time, CPU time, peak RSS, and RSS over time.

A run is a process tree: the pipeline, the processes that build partitions side by side,
and their parse workers. Its memory is the sum of the resident sizes of every process of
the tree, sampled four times a second; the peak reported is the largest such sum, or the
child's own high-water mark (``VmHWM``, printed as it exits) when that is larger (a peak
between two samples of a run with one process). ``ru_maxrss`` from ``os.wait4`` cannot be
used: on Linux a child started by fork/vfork + exec inherits the parent's peak at the time
of the exec, so a benchmark driver that held 1 GB would report 1 GB for every child. CPU
time is the child's and its waited-for descendants' (``wait4``). The sampler can also stop
a run that would exhaust a shared machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ChildRun:
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    timeline: list[tuple[float, float]] = field(default_factory=list)  # (seconds, RSS MB of the tree)
    killed_at_mb: float | None = None
    own_peak_mb: float = 0.0  # the child's own high-water mark (VmHWM), its processes left out
    processes: int = 1  # most processes of the run seen at once


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children() -> dict[int, list[int]]:
    """Every process's children, from /proc (parent pid of each)."""
    found: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as fh:
                parent = int(fh.read().rpartition(")")[2].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        found.setdefault(parent, []).append(int(entry.name))
    return found


def tree_rss_mb(pid: int) -> tuple[float, int]:
    """(resident MB of ``pid`` and all its descendants, how many processes): a run that
    builds partitions side by side, and its parse workers, are all the run's memory."""
    children = _children()
    total, count, todo = 0.0, 0, [pid]
    while todo:
        current = todo.pop()
        total += _rss_mb(current)
        count += 1
        todo.extend(children.get(current, ()))
    return total, count


PEAK_MARK = "__benchmark_peak_kb__"
# Prepended to the child's code: report the process's own high-water mark as it exits.
REPORT_PEAK = f"""
import atexit as _atexit
def _report_peak():
    with open("/proc/self/status", encoding="ascii") as fh:
        kb = next(line.split()[1] for line in fh if line.startswith("VmHWM:"))
    print("{PEAK_MARK}", kb, flush=True)
_atexit.register(_report_peak)
"""


def _own_peak(output: str) -> tuple[str, float | None]:
    """The child's output without the peak line, and the peak it reported (MB)."""
    kept, peak = [], None
    for line in output.splitlines(keepends=True):
        if line.startswith(PEAK_MARK):
            peak = int(line.split()[1]) / 1024
        else:
            kept.append(line)
    return "".join(kept), peak


SAMPLE_SECONDS = 0.25


def run_child(code: str, env: dict[str, str] | None = None, limit_mb: float | None = None,
              cwd: Path | None = None, cores: int | None = None) -> ChildRun:
    """Run ``python -c code`` and measure it; stop it if its RSS (with its descendants')
    passes ``limit_mb``. ``cores``: run it on that many CPUs only."""
    start = time.perf_counter()
    allowed = sorted(os.sched_getaffinity(0))[:cores] if cores else None
    proc = subprocess.Popen([sys.executable, "-c", REPORT_PEAK + code], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env, cwd=cwd,
                            preexec_fn=(lambda: os.sched_setaffinity(0, allowed)) if allowed else None)
    timeline: list[tuple[float, float]] = []
    killed: list[float] = []
    most = [1]

    def sample() -> None:
        while proc.poll() is None:
            rss, count = tree_rss_mb(proc.pid)
            most[0] = max(most[0], count)
            timeline.append((round(time.perf_counter() - start, 1), round(rss)))
            if limit_mb and rss > limit_mb:
                killed.append(rss)
                proc.kill()
                return
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    sampler.join(timeout=2)
    output, own = _own_peak(output)
    sampled = max((rss for _, rss in timeline), default=0.0)
    # the run's peak: the largest sum over its processes, or its own high-water mark when
    # that is larger (a peak between two samples)
    peak = max(sampled, own or 0.0)
    return ChildRun(wall_s=wall, cpu_s=usage.ru_utime + usage.ru_stime,  # waited-for descendants included
                    peak_rss_mb=peak, returncode=proc.returncode, stdout=output,
                    timeline=timeline, killed_at_mb=killed[0] if killed else None,
                    own_peak_mb=own or sampled, processes=most[0])



PIPELINE_RUN = """
import json, time
from pathlib import Path
from pipelines.runner import run_pipeline
start = time.perf_counter()
summary = run_pipeline(Path({out!r}), sample_dir=Path({corpus!r}))
print(summary.render(time.perf_counter() - start))
print("RESULT " + json.dumps({{"success": summary.success, "counts": summary.counts,
                              "seconds": time.perf_counter() - start}}))
"""


def pipeline_env() -> dict[str, str]:
    """The environment of a pipeline child: no telemetry (the run uses its output folder's
    Dagster instance whatever ``DAGSTER_HOME`` says)."""
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    env["GX_ANALYTICS_ENABLED"] = "false"
    return env


def run_pipeline_child(out: Path, corpus: Path, limit_mb: float | None = None, cores: int | None = None) -> ChildRun:
    return run_child(PIPELINE_RUN.format(out=str(out), corpus=str(corpus)), env=pipeline_env(),
                     limit_mb=limit_mb, cwd=Path(__file__).resolve().parents[1], cores=cores)
