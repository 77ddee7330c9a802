"""Reading a local folder again when nothing in it changed: no file read, no log read, no
index written (the daily run over an unchanged corpus of 100,000 files does nothing)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assets import fetch
from assets.resources import settings_from_env
from hemicycle.fetch import sample
from hemicycle.fetch.store import RawStore


def _folder(root: Path, names: list[str]) -> Path:
    folder = root / "corpus"
    (folder / "docs").mkdir(parents=True)
    documents = []
    for n, name in enumerate(names):
        (folder / "docs" / name).write_text(f"Written declaration No. {n}\nSigned: Mr A, Germany, EPP/CD\n")
        documents.append({"path": f"docs/{name}", "url": f"https://pace.coe.int/en/files/{n}/html",
                          "source": "pace", "content_type": "text/plain; charset=utf-8"})
    (folder / "manifest.json").write_text(json.dumps({"retrieved": "2026-07-01", "documents": documents}))
    return folder


def test_an_unchanged_folder_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path, ["a.txt", "b.txt"])
    settings = settings_from_env(out_dir=str(tmp_path / "out"), source="sample", sample_dir=str(folder))
    rows, stats = fetch._sample_rows(settings, "pace")
    assert stats == {"discovered": 2, "fetched": 2, "unchanged": 0} and len(rows) == 2
    index = tmp_path / "out" / "crawl" / "sample-pace.json"
    written = index.stat().st_mtime_ns

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("read or written again")

    monkeypatch.setattr(sample, "read_sample_entry", refuse)
    monkeypatch.setattr(fetch, "read_sample_entry", refuse)
    monkeypatch.setattr(RawStore, "_known", refuse)  # the provenance log
    monkeypatch.setattr(sample, "atomic_write_bytes", refuse)  # the folder's index
    again, stats = fetch._sample_rows(settings, "pace")
    assert stats == {"discovered": 0, "fetched": 0, "unchanged": 2} and again == rows
    assert index.stat().st_mtime_ns == written
    monkeypatch.undo()

    (folder / "docs" / "b.txt").write_text("Written declaration No. 1\nSigned: Mr B, France, SOC\n")
    changed, stats = fetch._sample_rows(settings, "pace")  # a changed file is read, and logged
    assert stats["fetched"] == 1 and changed[1]["raw_sha256"] != rows[1]["raw_sha256"]
    assert [p["url"] for p in RawStore(settings.raw_dir).provenance()][-1].endswith("/1/html")
