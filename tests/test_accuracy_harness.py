"""The accuracy harnesses as they are run: they fail loudly on a corpus they cannot read whole,
and their exit status says whether the targets are met."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def harness(*args: str, env: dict[str, str] | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, check=False,
                          env=env, cwd=cwd)


def _environment(**variables: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "HEMICYCLE_CORPUS"}
    return {**env, **variables}


@pytest.fixture
def pace_copy(corpus_dir: Path, tmp_path: Path) -> Path:
    """A copy of the PACE corpus the test may break (the repository's copy is never touched)."""
    copy = tmp_path / "corpus" / "pace"
    shutil.copytree(corpus_dir / "pace", copy)
    return copy


@pytest.mark.parametrize("module", ["hemicycle.accuracy.pace", "hemicycle.accuracy.ep"])
def test_an_empty_folder_is_an_error_not_a_perfect_score(module: str, tmp_path: Path) -> None:
    result = harness(module, "--corpus", str(tmp_path))
    assert result.returncode == 2
    assert "F1" not in result.stdout and "not a corpus" in result.stderr


@pytest.mark.parametrize("module", ["hemicycle.accuracy.pace", "hemicycle.accuracy.ep"])
def test_a_folder_that_does_not_exist_is_an_error(module: str, tmp_path: Path) -> None:
    result = harness(module, "--corpus", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "does not exist" in result.stderr


def test_the_corpus_root_instead_of_an_assembly_folder_is_an_error(corpus_dir: Path) -> None:
    result = harness("hemicycle.accuracy.pace", "--corpus", str(corpus_dir))
    assert result.returncode == 2 and "no truth/ and raw/ folders" in result.stderr


def test_truth_files_without_records_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "truth").mkdir()
    (tmp_path / "raw").mkdir()
    result = harness("hemicycle.accuracy.pace", "--corpus", str(tmp_path))
    assert result.returncode == 2 and "holds no record" in result.stderr


def test_a_copy_missing_records_is_an_error(pace_copy: Path) -> None:
    for record in ("001", "002", "003"):
        (pace_copy / "raw" / f"{record}.json").unlink()
        (pace_copy / "truth" / f"{record}.json").unlink()
    result = harness("hemicycle.accuracy.pace", "--corpus", str(pace_copy))
    assert result.returncode == 2
    assert "declares 97 records, 94 found" in result.stderr and "F1" not in result.stdout


def test_a_truth_without_its_text_is_an_error(pace_copy: Path) -> None:
    (pace_copy / "raw" / "043.json").unlink()
    result = harness("hemicycle.accuracy.pace", "--corpus", str(pace_copy))
    assert result.returncode == 2 and "truth but no raw text: ['043']" in result.stderr


def test_the_real_corpus_meets_the_pace_target(corpus_dir: Path) -> None:
    result = harness("hemicycle.accuracy.pace", "--corpus", str(corpus_dir / "pace"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "of 97 records" in result.stdout and ": met" in result.stdout


def test_without_a_path_the_harness_reads_the_repository_copy(tmp_path: Path) -> None:
    result = harness("hemicycle.accuracy.pace", env=_environment(), cwd=tmp_path)  # run from elsewhere
    assert result.returncode == 0, result.stdout + result.stderr
    assert "of 97 records" in result.stdout and ": met" in result.stdout


def test_the_environment_names_another_copy_of_the_corpus(pace_copy: Path) -> None:
    (pace_copy / "raw" / "043.json").unlink()
    (pace_copy / "truth" / "043.json").unlink()
    result = harness("hemicycle.accuracy.pace", env=_environment(HEMICYCLE_CORPUS=str(pace_copy.parent)))
    assert result.returncode == 2 and "declares 97 records, 96 found" in result.stderr
    assert str(pace_copy) in result.stderr


def test_a_missed_target_is_exit_1(pace_copy: Path) -> None:
    # the truth of one copy says other names than the page prints: the parser misses them all
    path = pace_copy / "truth" / "043.json"
    truth = json.loads(path.read_text(encoding="utf-8"))
    for sig in truth["signatories"]:
        sig["family_name"] = sig["family_name"] + "X"
    path.write_text(json.dumps(truth), encoding="utf-8")
    result = harness("hemicycle.accuracy.pace", "--corpus", str(pace_copy))
    assert result.returncode == 1 and "MISSED" in result.stdout


def test_a_cut_list_published_as_complete_misses_the_target(pace_copy: Path) -> None:
    path = pace_copy / "truth" / "001.json"  # say the list is cut: the parser finds it whole
    truth = json.loads(path.read_text(encoding="utf-8"))
    truth["signatories_complete"] = False
    path.write_text(json.dumps(truth), encoding="utf-8")
    result = harness("hemicycle.accuracy.pace", "--corpus", str(pace_copy))
    assert result.returncode == 1 and "FLAG 001: signatories_complete=True" in result.stdout


def test_both_harnesses_take_the_corpus_root(tmp_path: Path, pace_copy: Path) -> None:
    empty = harness("hemicycle.accuracy", "--corpus", str(tmp_path / "nothing"))
    assert empty.returncode == 2 and "PACE accuracy:" in empty.stderr and "EP accuracy:" in empty.stderr
    only_pace = harness("hemicycle.accuracy", "--corpus", str(pace_copy.parent))  # ep/ missing
    assert only_pace.returncode == 2 and "EP accuracy:" in only_pace.stderr
    assert ": met" in only_pace.stdout  # PACE was scored all the same
