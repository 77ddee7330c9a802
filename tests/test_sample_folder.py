"""A local folder read as a source: files unchanged since the last run are not read again,
a changed file is, and a raw object that went missing is stored again."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import assets.fetch as fetch
from assets.resources import settings_from_env
from hemicycle.fetch.sample import SampleEntry, read_sample_entry
from hemicycle.fetch.store import RawStore
from hemicycle.records import RawDocument


@pytest.fixture
def folder(tmp_path: Path, sample_dir: Path) -> tuple[Path, list[dict[str, Any]]]:
    manifest = json.loads((sample_dir / "manifest.json").read_text(encoding="utf-8"))
    keep = ([e for e in manifest["documents"] if e.get("source") == "pace"][:3]
            + [e for e in manifest["documents"] if e.get("source") == "ep"][:2])
    for entry in keep:
        (tmp_path / "sample" / entry["path"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(sample_dir / entry["path"], tmp_path / "sample" / entry["path"])
    (tmp_path / "sample" / "manifest.json").write_text(json.dumps({**manifest, "documents": keep}))
    return tmp_path / "sample", keep


def test_unchanged_files_are_not_read_again(tmp_path: Path, folder: tuple[Path, list[dict[str, Any]]],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    sample, entries = folder
    settings = settings_from_env(out_dir=str(tmp_path / "out"), sample_dir=str(sample))
    reads: list[str] = []

    def counted(entry: SampleEntry) -> RawDocument:  # the real reader, counted
        reads.append(entry.path.name)
        return read(entry)

    read = read_sample_entry
    monkeypatch.setattr(fetch, "read_sample_entry", counted)
    pace = [e for e in entries if e["source"] == "pace"]

    rows, stats = fetch._sample_rows(settings, "pace")
    assert len(reads) == len(rows) == len(pace) == 3 and stats["fetched"] == 3

    reads.clear()
    again, stats = fetch._sample_rows(settings, "pace")
    assert reads == [] and again == rows and stats == {"discovered": 0, "fetched": 0, "unchanged": len(pace)}

    changed = sample / pace[0]["path"]
    text = changed.read_bytes()
    changed.write_bytes(text.replace(b"Total = 21", b"Total = 22") if b"Total = 21" in text else text + b"\n")
    os.utime(changed, ns=(1, 1))  # even with an old modification time
    lost = RawStore(settings.raw_dir).object_path(rows[-1]["raw_sha256"])
    lost.unlink()
    third, stats = fetch._sample_rows(settings, "pace")
    assert sorted(reads) == sorted([changed.name, (sample / pace[-1]["path"]).name])
    assert stats["fetched"] == 2 and lost.exists()
    by_url = {r["url"]: r for r in third}
    assert by_url[pace[0]["url"]]["raw_sha256"] != {r["url"]: r for r in rows}[pace[0]["url"]]["raw_sha256"]
