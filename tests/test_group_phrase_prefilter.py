"""The group phrase narrowed to what a text can contain finds exactly what the full one finds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hemicycle.parse.ep import _plain
from hemicycle.parse.ep.phrases import group_phrase, group_phrase_in, required_literal


@pytest.mark.parametrize(("pattern", "literal"), [
    ("on behalf of (?:the )?(G) [Gg]roups?", "on behalf of "),
    ("(G)-ryhmän puolesta", "-ryhmän puolesta"),
    ("az? (?:\\(z\\) )?(G) képviselőcsoport nevében", " képviselőcsoport nevében"),
    ("im Namen des [A-Z]{3,5}-Ausschusses", "im Namen des "),
    ("(?:za skupinu|v mene skupiny) (G)", None),  # no literal outside the alternation
    ("non-inscrite?", "non-inscrit"),
    ("a|b", None),
])
def test_required_literal(pattern: str, literal: str | None) -> None:
    assert required_literal(pattern) == literal


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str]]]:
    return [(m.span(), {k: v for k, v in m.groupdict().items() if v}) for m in pattern.finditer(text)]


def test_narrowed_phrase_matches_like_the_full_one_on_every_ep_text(corpus_dir: Path) -> None:
    texts = [_plain(json.loads(p.read_text(encoding="utf-8"))["excerpt"])
             for p in sorted((corpus_dir / "ep" / "raw").glob("*.json"))]
    texts.append("Tabled by Ms A, Mr B, im Namen des AFET-Ausschusses; C, D non-inscrite")
    found = 0
    for text in texts:
        full = _matches(group_phrase(), text)
        assert _matches(group_phrase_in(text), text) == full
        found += len(full)
    assert found > 100  # the corpus names groups in many languages
