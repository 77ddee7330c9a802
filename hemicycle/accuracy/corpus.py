"""The hand-checked corpus a harness reads, and the refusal to score a corpus that is not there.

A harness pointed at an empty or wrong folder, or at a copy missing records, must not report
a perfect score over nothing: every record the corpus declares must be found and read, or the
harness stops with a clear message (exit status 2).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]
_DECLARED = re.compile(r"^\s*-\s*(\d+)\s+records\b", re.M)  # INDEX.md: "- 97 records (…)"
CORPUS_ERROR = 2  # exit status of a harness that could not read its corpus


class CorpusError(Exception):
    """The folder is not a readable corpus; the message says what is wrong and what to do."""


REPOSITORY_CORPUS = PROJECT_ROOT / "data" / "corpus"  # the copy kept with the code (see its README)
CORPUS_VARIABLE = "HEMICYCLE_CORPUS"


def default_root() -> Path:
    """``$HEMICYCLE_CORPUS`` when set (another copy of the corpus), else the repository's copy."""
    root = os.environ.get(CORPUS_VARIABLE)
    return Path(root) if root else REPOSITORY_CORPUS


@dataclass(frozen=True)
class Record:
    id: str
    truth: dict[str, Any]
    raw: dict[str, Any]  # {"url", "excerpt"}


def read_corpus(folder: Path) -> list[Record]:
    """Every record of one assembly's corpus folder (``truth/`` and ``raw/``), in id order.

    Raises CorpusError when the folder is missing or holds no record, when a truth has no raw
    text or the reverse, when a file cannot be read, or when fewer records are found than the
    folder's INDEX.md declares."""
    hint = "point --corpus at a folder holding raw/ and truth/ (e.g. data/corpus/pace)"
    if not folder.is_dir():
        raise CorpusError(f"corpus folder {folder} does not exist ({hint})")
    truth_dir, raw_dir = folder / "truth", folder / "raw"
    if not truth_dir.is_dir() or not raw_dir.is_dir():
        raise CorpusError(f"{folder} has no truth/ and raw/ folders: not a corpus ({hint})")
    truths = {p.stem: p for p in truth_dir.glob("*.json")}
    raws = {p.stem: p for p in raw_dir.glob("*.json")}
    if not truths:
        raise CorpusError(f"{truth_dir} holds no record ({hint})")
    if missing := sorted(truths.keys() - raws.keys()):
        raise CorpusError(f"{len(missing)} record(s) of {folder} have a truth but no raw text: {missing[:5]}")
    if orphans := sorted(raws.keys() - truths.keys()):
        raise CorpusError(f"{len(orphans)} raw text(s) of {folder} have no truth: {orphans[:5]}")
    index = folder / "INDEX.md"
    declared = _DECLARED.search(index.read_text(encoding="utf-8")) if index.is_file() else None
    if declared and int(declared.group(1)) != len(truths):
        raise CorpusError(f"{index} declares {declared.group(1)} records, {len(truths)} found in {folder}: "
                          "the copy is incomplete or the index is out of date")
    records = []
    for stem in sorted(truths):
        try:
            truth = json.loads(truths[stem].read_text(encoding="utf-8"))
            raw = json.loads(raws[stem].read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CorpusError(f"record {stem} of {folder} cannot be read: {exc}") from exc
        if not isinstance(raw, dict) or not isinstance(raw.get("excerpt"), str):
            raise CorpusError(f"raw/{stem}.json of {folder} has no text (an \"excerpt\" string)")
        records.append(Record(stem, truth, raw))
    return records
