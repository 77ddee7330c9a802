"""The stance harness as it is run: it refuses a corpus it cannot read whole, and its exit
status says whether the targets are met on the hand-checked labels."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def harness(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hemicycle.accuracy.stance", *args],
                          capture_output=True, text=True, check=False)


@pytest.fixture
def corpus_copy(corpus_dir: Path, tmp_path: Path) -> Path:
    """A copy of the labels and the records they label, that the test may break."""
    copy = tmp_path / "corpus"
    for part in ("stance", "seeds"):
        shutil.copytree(corpus_dir / part, copy / part)
    for source in ("pace", "ep"):
        shutil.copytree(corpus_dir / source / "raw", copy / source / "raw")
    return copy


def test_an_empty_or_missing_folder_is_an_error(tmp_path: Path) -> None:
    for folder in (tmp_path, tmp_path / "nowhere"):
        result = harness("--corpus", str(folder))
        assert result.returncode == 2 and "F1" not in result.stdout, result.stderr


def test_the_corpus_root_instead_of_the_stance_folder_is_an_error(corpus_dir: Path) -> None:
    result = harness("--corpus", str(corpus_dir))
    assert result.returncode == 2 and "no label file" in result.stderr


def test_a_copy_missing_labels_is_an_error(corpus_copy: Path) -> None:
    for record in ("001", "002"):
        (corpus_copy / "stance" / "pace" / f"{record}.json").unlink()
    result = harness("--corpus", str(corpus_copy / "stance"))
    assert result.returncode == 2 and "declares 161 labelled records, 159 found" in result.stderr


def test_a_label_without_its_record_is_an_error(corpus_copy: Path) -> None:
    (corpus_copy / "ep" / "raw" / "013.json").unlink()
    result = harness("--corpus", str(corpus_copy / "stance"))
    assert result.returncode == 2 and "ep/013" in result.stderr


def test_the_real_labels_meet_the_targets(corpus_dir: Path) -> None:
    result = harness("--corpus", str(corpus_dir / "stance"), "--holdout", "4")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "over 161 labelled records" in result.stdout and ": met" in result.stdout
    assert result.stdout.count("fold ") == 4


def test_false_praise_is_a_missed_target(corpus_copy: Path) -> None:
    # labels that call every praise criticism: what the rules read as praise is now false
    # praise, and praise precision falls below 0.9
    for path in (corpus_copy / "stance").glob("*/*.json"):
        label = json.loads(path.read_text(encoding="utf-8"))
        for target in label["targets"]:
            if target["stance"] == "praise":
                target["stance"] = "criticism"
        path.write_text(json.dumps(label), encoding="utf-8")
    result = harness("--corpus", str(corpus_copy / "stance"))
    assert result.returncode == 1 and "MISSED" in result.stdout
