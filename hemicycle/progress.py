"""Progress of long loops on the terminal: one line redrawn in place, silent elsewhere.

Only when standard error is a terminal (and ``HEMICYCLE_PROGRESS`` is not ``0``): logs,
CI output and pipes stay free of carriage returns. Redraws at most ten times a second.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")


def progress_enabled(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stderr
    if os.environ.get("HEMICYCLE_PROGRESS", "").strip() == "0":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


class Progress:
    """``with Progress("parse", total=n) as bar: bar.advance()``."""

    def __init__(self, label: str, total: int | None = None, stream: TextIO | None = None,
                 enabled: bool | None = None):
        self.label = label
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = progress_enabled(self.stream) if enabled is None else enabled
        self._started = time.monotonic()
        self._drawn = 0.0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and (now - self._drawn >= 0.1 or self.done == self.total):
            self._drawn = now
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self._started, 1e-9)
        rate = self.done / elapsed
        if self.total:
            width = 24
            filled = int(width * self.done / self.total)
            bar = "#" * filled + "-" * (width - filled)
            return (f"{self.label:<8} [{bar}] {self.done}/{self.total} "
                    f"{rate:,.0f}/s {elapsed:,.0f}s")
        return f"{self.label:<8} {self.done} {rate:,.0f}/s {elapsed:,.0f}s"

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\r" + self.line() + "\x1b[K\n")
            self.stream.flush()


def track(items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
    """Yield ``items``, drawing progress on a terminal."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with Progress(label, total) as bar:
        for item in items:
            yield item
            bar.advance()
