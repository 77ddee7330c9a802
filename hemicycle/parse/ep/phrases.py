"""The EP's multilingual phrases ("on behalf of the X Group", conjunctions, speaker intros).

Kept in ``data/vocab/ep_phrases.csv``; here they become regular expressions.
"""

from __future__ import annotations

import functools
import re

from hemicycle.vocab import _read_csv

# A group code as printed: PPE, PPE-DE, S&D, Verts/ALE, GUE/NGL, IND/DEM, Renew, EFDD...
GROUP_TOKEN = r"(?P<code>[A-Z][A-Za-z]*(?:[/&-][A-Z][A-Za-z]*)*|S&D|[A-Z]{2,}(?:/[A-Z]+)?)"


@functools.cache
def _rows() -> list[dict[str, str]]:
    return _read_csv("ep_phrases.csv")


@functools.cache
def group_phrase() -> re.Pattern[str]:
    """Any language's "on behalf of the X Group"; named groups ``code``/``label``."""
    parts = []
    for i, row in enumerate(r for r in _rows() if r["kind"] == "group"):
        pattern = row["pattern"].replace("{G}", GROUP_TOKEN.replace("?P<code>", f"?P<code{i}>"))
        pattern = pattern.replace("?P<label>", f"?P<label{i}>")
        parts.append(f"(?:{pattern})")
    nonattached = [r["pattern"] for r in _rows() if r["kind"] == "nonattached"]
    parts.append(f"(?P<ni>{'|'.join(nonattached)})")
    committees = [r["pattern"].replace("{G}", r"[A-Z]{3,5}") for r in _rows() if r["kind"] == "committee"]
    parts.append(f"(?P<committee>{'|'.join(committees)})")
    return re.compile("|".join(parts))


def group_of(match: re.Match[str]) -> str | None:
    """The group a phrase names; None when a committee, not a group, tables the text."""
    if match.group("committee"):
        return None
    if match.group("ni"):
        return "NI"
    for key, value in match.groupdict().items():
        if value and key.startswith(("code", "label")):
            return value
    return match.group(0)


@functools.cache
def speakers_intro() -> re.Pattern[str]:
    pattern = "|".join(r["pattern"] for r in _rows() if r["kind"] == "speakers")
    return re.compile(rf"^\W*(?:{pattern})\b")


@functools.cache
def conjunctions() -> frozenset[str]:
    return frozenset(r["pattern"] for r in _rows() if r["kind"] == "conjunction")


@functools.cache
def authors_intro() -> re.Pattern[str]:
    """Phrases after which a list of authors follows ("signée par", "signed by")."""
    return re.compile("|".join(r["pattern"] for r in _rows() if r["kind"] == "authors_intro"))


@functools.cache
def tabled_by() -> re.Pattern[str]:
    """Phrases after which a summary lists the groups that tabled the text."""
    return re.compile("|".join(f"(?:{r['pattern']})" for r in _rows() if r["kind"] == "tabled_by"),
                      re.I)
