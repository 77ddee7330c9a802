"""Clean-stage throughput on the same raw bytes: floor, hemicycle, naive baseline.

* floor: bytes -> text only (``document_text``: decode, page checks, HTML to text);
* clean: ``parse_raw_document`` then ``build_tables`` on every document, as the clean
  stage does (without the parse cache, so every document is really parsed);
* baseline: ``benchmarks.baseline_bs4.extract`` (BeautifulSoup + pandas).

Times are CPU seconds of this process (``time.process_time``), so documents per CPU
second is documents/s/core, and other work on a shared machine costs us less than it
would in wall time. Each measure runs several times; best, median and worst are kept.
"""

from __future__ import annotations

import datetime as dt
import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hemicycle.errors import ParseError
from hemicycle.normalise import build_tables
from hemicycle.parse.dispatch import document_text, parse_raw_document
from hemicycle.records import RawDocument


@dataclass
class Timing:
    documents: int
    cpu_s: list[float]
    wall_s: list[float]
    output_rows: int = 0

    @property
    def best(self) -> float:
        return min(self.cpu_s)

    def rate(self, seconds: float | None = None) -> float:
        return self.documents / (seconds if seconds is not None else self.best)

    def summary(self) -> dict[str, Any]:
        return {"documents": self.documents, "best_docs_per_cpu_s": self.rate(),
                "median_docs_per_cpu_s": self.rate(statistics.median(self.cpu_s)),
                "worst_docs_per_cpu_s": self.rate(max(self.cpu_s)),
                "cpu_s": self.cpu_s, "wall_s": self.wall_s, "output_rows": self.output_rows}


def _time(work: Callable[[], int], documents: int, repeats: int) -> Timing:
    timing = Timing(documents, [], [])
    for _ in range(repeats):
        gc.collect()
        cpu, wall = time.process_time(), time.perf_counter()
        timing.output_rows = work()
        timing.cpu_s.append(time.process_time() - cpu)
        timing.wall_s.append(time.perf_counter() - wall)
    return timing


def floor(docs: list[RawDocument]) -> int:
    extracted = 0
    for doc in docs:
        try:
            document_text(doc.content, doc.content_type)
            extracted += 1
        except ParseError:
            pass
    return extracted


def clean(docs: list[RawDocument]) -> int:
    tables = build_tables([parse_raw_document(doc) for doc in docs], today=dt.date(2026, 11, 23))
    return tables.signatories.height


def measure(docs: list[RawDocument], baseline_docs: list[RawDocument], repeats: int) -> dict[str, Timing]:
    from benchmarks.baseline_bs4 import extract

    clean(docs[:50])  # vocabularies and compiled patterns are loaded once per process
    extract(baseline_docs[:20])
    return {
        "floor": _time(lambda: floor(docs), len(docs), repeats),
        "clean": _time(lambda: clean(docs), len(docs), repeats),
        "baseline": _time(lambda: len(extract(baseline_docs)), len(baseline_docs), max(2, repeats - 1)),
    }
