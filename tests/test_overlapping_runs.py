"""Two `hemicycle run`s (or a run and a release) on one output folder never mix their files.

Real processes of the command line, as a scheduled run and a manual one would be, fetching
from a real HTTP server that holds one page until the test lets it go.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from loopback import LoopbackServer, Page, crawl_settings, sample_pace_documents, serve_ep_api, serve_pace

from hemicycle.folder_lock import LOCK_NAME, FolderBusy, FolderLock

pytestmark = pytest.mark.slow


def _site(server: LoopbackServer, sample_dir: Path, gate: threading.Event) -> dict[str, str]:
    """Two PACE texts (one a written declaration) and one EP joint motion of the embedded
    sample; the first PACE page is held until ``gate`` opens, so a run fetching it cannot end
    while the others start."""
    pages = sample_pace_documents(sample_dir)
    declaration = next(i for i, texts in pages.items() if "Written declaration" in texts.get("en", ""))
    serve_pace(server, {i: pages[i] for i in sorted({next(iter(pages)), declaration})})
    serve_ep_api(server, {"RC-9-2021-0068": (
        (sample_dir / "ep" / "files" / "odp-document_rc-9-2021-0068.json").read_bytes(), 2021,
        "RESOLUTION_MOTION_JOINT")})
    held = server.page("/en/files/100/html")
    server.routes.pop("/en/files/100/html")

    def gated(query: dict[str, list[str]]) -> Page:
        gate.wait(timeout=300)
        return held

    server.add("/en/files/100/html", gated)
    settings = crawl_settings(server, timeout=300, max_attempts=2, ep_years="2021")
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    env.update({f"HEMICYCLE_{name.upper()}": str(value) for name, value in settings.items()})
    return {**env, "HEMICYCLE_PROGRESS": "0", "GX_ANALYTICS_ENABLED": "false", "HEMICYCLE_S3_ENDPOINT_URL": ""}


def _start(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "pipelines.cli", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipelines.cli", *args], env=env, capture_output=True,
                          text=True, timeout=300)


def _holder_pid(out: Path, timeout: float = 120.0) -> int:
    """The pid written in the folder's lock, once a run holds it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            info = json.loads((out / LOCK_NAME).read_text() or "{}")
        except (OSError, ValueError):
            info = {}
        if isinstance(info.get("pid"), int):
            return int(info["pid"])
        time.sleep(0.05)
    raise AssertionError("no run took the lock")


def test_a_second_run_and_a_release_are_refused_while_a_run_writes_and_a_waiting_one_goes_on(
        sample_dir: Path, tmp_path: Path) -> None:
    gate = threading.Event()
    with LoopbackServer() as server:
        out, env = tmp_path / "out", _site(server, sample_dir, gate)
        first = _start(env, "run", "--source", "http", "--out", str(out))
        try:
            assert _holder_pid(out) == first.pid  # it cannot finish before the gate opens
            second = _cli(env, "run", "--source", "http", "--out", str(out))
            release = _cli(env, "release", "--from", str(out), "--to", str(tmp_path / "releases"))
            waiting = _start(env, "run", "--source", "http", "--out", str(out), "--wait")
            assert waiting.stderr is not None
            told = waiting.stderr.readline()  # blocks until the waiting run says it waits
            assert first.poll() is None
        finally:
            first.send_signal(signal.SIGKILL)  # dies holding the folder, mid-fetch
            first.communicate(timeout=60)
            gate.set()
        stdout, stderr = waiting.communicate(timeout=600)

    assert second.returncode == 2 and second.stdout == ""
    assert second.stderr.count("\n") == 1, second.stderr
    assert f"is in use by `hemicycle run` (pid {first.pid}" in second.stderr and "hint:" in second.stderr
    assert release.returncode == 2 and release.stderr.count("\n") == 1, release.stderr
    assert f"pid {first.pid}" in release.stderr
    assert not (tmp_path / "releases").exists()
    assert "waiting for it to finish" in told and f"pid {first.pid}" in told
    # the lock went with the process that was killed: the waiting run went on
    assert waiting.returncode == 0, stdout + stderr
    assert "hemicycle run: ok" in stdout
    report = json.loads((out / "validation.json").read_text())
    assert report["passed"] and (out / LOCK_NAME).read_text() == ""  # released, nobody holds it


def test_readers_share_the_folder_and_a_writer_waits_for_them(tmp_path: Path) -> None:
    with FolderLock(tmp_path, exclusive=False), FolderLock(tmp_path, exclusive=False), \
            pytest.raises(FolderBusy, match="in use by a hemicycle release reading it"):
        FolderLock(tmp_path, exclusive=True).acquire()
    with FolderLock(tmp_path, exclusive=True):
        pass
