"""Two `hemicycle run`s (or a run and a release) on one output folder never mix their files.

Real processes of the command line, as a scheduled run and a manual one would be.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hemicycle.folder_lock import LOCK_NAME, FolderBusy, FolderLock

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def small_sample(tmp_path_factory, sample_dir) -> Path:
    """The two seed documents, one per assembly: a whole run in a few seconds."""
    folder = tmp_path_factory.mktemp("small-sample")
    documents = []
    for name, source in (("pace-written-declaration-829-fr.txt", "pace"),
                         ("ep-summary-kazakhstan-freedom-of-expression-fr.txt", "ep")):
        shutil.copy(sample_dir / "seeds" / name, folder / name)
        documents.append({"path": name, "source": source, "url": f"sample:{name}",
                          "content_type": "text/plain; charset=utf-8"})
    (folder / "manifest.json").write_text(json.dumps({"retrieved": "2026-11-22", "documents": documents}))
    return folder


def _env(sample: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    return {**env, "HEMICYCLE_SAMPLE_DIR": str(sample), "HEMICYCLE_PROGRESS": "0",
            "GX_ANALYTICS_ENABLED": "false", "HEMICYCLE_S3_ENDPOINT_URL": ""}


def _start(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipelines.cli", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _holder_pid(out: Path, timeout: float = 120.0) -> int:
    """The pid written in the folder's lock, once a run holds it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            info = json.loads((out / LOCK_NAME).read_text() or "{}")
        except (OSError, ValueError):
            info = {}
        if info.get("pid"):
            return info["pid"]
        time.sleep(0.05)
    raise AssertionError("no run took the lock")


def test_a_second_run_and_a_release_are_refused_with_one_line_while_a_run_writes(small_sample, tmp_path):
    out, env = tmp_path / "out", _env(small_sample)
    first = _start(env, "run", "--out", str(out))
    assert _holder_pid(out) == first.pid
    second = subprocess.run([sys.executable, "-m", "pipelines.cli", "run", "--out", str(out)],
                            env=env, capture_output=True, text=True, timeout=300)
    release = subprocess.run([sys.executable, "-m", "pipelines.cli", "release", "--from", str(out),
                              "--to", str(tmp_path / "releases")], env=env, capture_output=True, text=True,
                             timeout=300)
    overlapped = first.poll() is None  # both were refused while the first still ran
    waiting = _start(env, "run", "--out", str(out), "--wait")
    stdout, stderr = first.communicate(timeout=600)
    assert overlapped, "the first run ended before the others started: nothing was tested"
    assert first.returncode == 0, stdout + stderr

    assert second.returncode == 2 and second.stdout == ""
    assert second.stderr.count("\n") == 1, second.stderr
    assert f"is in use by `hemicycle run` (pid {first.pid}" in second.stderr and "hint:" in second.stderr
    assert release.returncode == 2 and release.stderr.count("\n") == 1, release.stderr
    assert f"pid {first.pid}" in release.stderr
    assert not (tmp_path / "releases").exists()

    stdout, stderr = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, stdout + stderr
    assert "waiting for it to finish" in stderr and "hemicycle run: ok" in stdout
    report = json.loads((out / "validation.json").read_text())
    assert report["passed"] and (out / LOCK_NAME).read_text() == ""  # released, nobody holds it


def test_a_run_killed_while_it_holds_the_folder_leaves_no_lock_behind(small_sample, tmp_path):
    out, env = tmp_path / "out", _env(small_sample)
    killed = _start(env, "run", "--out", str(out))
    assert _holder_pid(out) == killed.pid
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=60)
    assert json.loads((out / LOCK_NAME).read_text())["pid"] == killed.pid  # what it wrote stays...
    after = subprocess.run([sys.executable, "-m", "pipelines.cli", "run", "--out", str(out)],
                           env=env, capture_output=True, text=True, timeout=600)
    assert after.returncode == 0, after.stdout + after.stderr  # ...but the lock went with it


def test_readers_share_the_folder_and_a_writer_waits_for_them(tmp_path):
    with FolderLock(tmp_path, exclusive=False), FolderLock(tmp_path, exclusive=False):
        with pytest.raises(FolderBusy, match="in use by a hemicycle release reading it"):
            FolderLock(tmp_path, exclusive=True).acquire()
    with FolderLock(tmp_path, exclusive=True):
        pass
