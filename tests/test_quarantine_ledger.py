from __future__ import annotations

from pathlib import Path

from hemicycle.quarantine import apply_ledger
from hemicycle.schema import QUARANTINE


def _row(url: str, fetched: str) -> dict[str, str]:
    return {"source": "pace", "url": url, "raw_sha256": "s", "stage": "parse", "rule": "empty",
            "record": "", "message": "empty document", "first_seen": fetched}


def test_first_seen_survives_runs_and_fixed_documents_are_released(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.json"
    first, released = apply_ledger(QUARANTINE.conform([_row("u1", "2026-01-01T00:00:00Z")]), ledger, "t1")
    assert released == [] and first["first_seen"].to_list() == ["2026-01-01T00:00:00Z"]
    # fetched again later, still broken: first_seen stays the first day
    again, _ = apply_ledger(QUARANTINE.conform([_row("u1", "2026-02-01T00:00:00Z"),
                                                 _row("u2", "2026-02-01T00:00:00Z")]), ledger, "t2")
    assert dict(zip(again["url"], again["first_seen"], strict=True)) == {
        "u1": "2026-01-01T00:00:00Z", "u2": "2026-02-01T00:00:00Z"}
    # u1 parses now: it leaves the quarantine and the ledger records the release
    _, released = apply_ledger(QUARANTINE.conform([_row("u2", "2026-03-01T00:00:00Z")]), ledger, "t3")
    assert [r["key"].split("\t")[0] for r in released] == ["u1"] and released[0]["released_at"] == "t3"
