"""Who praises whom: the stance of a statement toward each state it is about.

Rules over sentences, with cue phrases per language as versioned data
(``data/vocab/stance_cues.csv``, country forms in ``country_forms.csv``): transparent, every
stance quotes the words that decide it. ``read_stances`` is the one entry point.
"""

from __future__ import annotations

from collections.abc import Sequence

from hemicycle.stance.cues import guess_language
from hemicycle.stance.decide import TargetStance, decide
from hemicycle.stance.rules import read_telling
from hemicycle.stance.text import pieces

STANCES = ("praise", "criticism", "mixed", "neutral", "solidarity", "unknown")
CONFIDENCES = ("high", "medium", "low")
METHOD = "rules-1"  # bump when the rules change what they find (the vocabulary has its own history)

__all__ = ["CONFIDENCES", "METHOD", "STANCES", "TargetStance", "read_stances"]


def read_stances(language: str | None, title: str | None, text: str | None,
                 other_titles: Sequence[tuple[str | None, str]] = ()) -> list[TargetStance]:
    """The target states of one statement and its stance toward each, most named first.

    ``language`` is the text's (ISO 639-1); ``other_titles`` are the titles of its other
    language versions, each read with its own language's cues."""
    cut = pieces(title, text)
    reading_language = guess_language([t for p in cut for t in p.tokens], language) or ""
    readings = [r for p in cut if (r := read_telling(p, reading_language)) is not None]
    for other_language, other_title in other_titles:
        readings += [r for p in pieces(other_title, None)
                     if (r := read_telling(p, other_language or "")) is not None]
    return decide(readings)
