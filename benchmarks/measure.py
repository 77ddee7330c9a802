"""Measuring a child process: wall time, CPU time, peak RSS, and RSS over time.

The peak is the child's own high-water mark (``VmHWM``), which it prints as it exits: it
counts every byte the child held at its worst moment, threads and native libraries
included. ``ru_maxrss`` from ``os.wait4`` cannot be used: on Linux a child started by
fork/vfork + exec inherits the parent's peak at the time of the exec, so a benchmark
driver that held 1 GB would report 1 GB for every child. A sampler also records the
resident size every half second, which shows when memory grows (and can stop a run that
would exhaust a shared machine); its largest sample stands in for the peak of a child
that was killed.
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
    timeline: list[tuple[float, float]] = field(default_factory=list)  # (seconds, RSS MB)
    killed_at_mb: float | None = None


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


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


def run_child(code: str, env: dict[str, str] | None = None, limit_mb: float | None = None,
              cwd: Path | None = None) -> ChildRun:
    """Run ``python -c code`` and measure it; stop it if its RSS passes ``limit_mb``."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", REPORT_PEAK + code], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env, cwd=cwd)
    timeline: list[tuple[float, float]] = []
    killed: list[float] = []

    def sample() -> None:
        while proc.poll() is None:
            rss = _rss_mb(proc.pid)
            timeline.append((round(time.perf_counter() - start, 1), round(rss)))
            if limit_mb and rss > limit_mb:
                killed.append(rss)
                proc.kill()
                return
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    sampler.join(timeout=2)
    output, peak = _own_peak(output)
    if peak is None:  # killed before it could report: the largest sample
        peak = max((rss for _, rss in timeline), default=0.0)
    return ChildRun(wall_s=wall, cpu_s=usage.ru_utime + usage.ru_stime,
                    peak_rss_mb=peak, returncode=proc.returncode, stdout=output,
                    timeline=timeline, killed_at_mb=killed[0] if killed else None)


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
    """The environment of a pipeline child: an ephemeral Dagster instance, no telemetry."""
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    env["GX_ANALYTICS_ENABLED"] = "false"
    return env


def run_pipeline_child(out: Path, corpus: Path, limit_mb: float | None = None) -> ChildRun:
    return run_child(PIPELINE_RUN.format(out=str(out), corpus=str(corpus)), env=pipeline_env(),
                     limit_mb=limit_mb, cwd=Path(__file__).resolve().parents[1])
