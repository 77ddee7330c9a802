"""Progress lines appear on terminals only."""

from __future__ import annotations

import io

import pytest

from hemicycle.progress import Progress, track


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_and_ends_with_a_newline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HEMICYCLE_PROGRESS", raising=False)
    screen = Terminal()
    with Progress("parse", total=3, stream=screen) as bar:
        for _ in range(3):
            bar.advance()
    out = screen.getvalue()
    assert out.startswith("\rparse") and out.endswith("\n")
    assert "3/3" in out.rsplit("\r", 1)[-1] and "[########################]" in out


def test_progress_is_silent_in_pipes_logs_and_when_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = io.StringIO()
    with Progress("parse", total=2, stream=pipe) as bar:
        bar.advance(2)
    assert pipe.getvalue() == ""
    monkeypatch.setenv("HEMICYCLE_PROGRESS", "0")
    screen = Terminal()
    with Progress("fetch", stream=screen) as bar:
        bar.advance()
    assert screen.getvalue() == ""


def test_track_yields_every_item_in_order() -> None:
    assert list(track(iter(range(5)), "x", total=5)) == [0, 1, 2, 3, 4]
