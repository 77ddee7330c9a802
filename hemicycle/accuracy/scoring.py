"""Precision, recall and F1 over multisets of comparable keys (e.g. family name, country, group)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    misses: list[tuple[str, str, Hashable]] = field(default_factory=list)  # (doc, "missing"|"extra", key)

    def add(self, doc: str, expected: Iterable[Hashable], got: Iterable[Hashable]) -> None:
        want, have = Counter(expected), Counter(got)
        common = want & have
        self.true_positives += sum(common.values())
        for key, n in (want - common).items():
            self.false_negatives += n
            self.misses.extend([(doc, "missing", key)] * n)
        for key, n in (have - common).items():
            self.false_positives += n
            self.misses.extend([(doc, "extra", key)] * n)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> str:
        return (
            f"precision {self.precision:.4f}  recall {self.recall:.4f}  F1 {self.f1:.4f}  "
            f"(tp {self.true_positives}, fp {self.false_positives}, fn {self.false_negatives})"
        )
