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


def required_literal(pattern: str) -> str | None:
    """The longest run of plain characters that every match of ``pattern`` contains.

    Only characters outside groups and classes, not made optional by a quantifier, count;
    None when the pattern has a top-level alternation or no such run of 3 characters.
    """
    runs, current, depth, i = [], "", 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            if depth == 0 and not pattern[i + 1].isalnum():
                current += pattern[i + 1]  # an escaped punctuation character stands for itself
            else:  # a class such as \w, or anything inside a group
                runs.append(current)
                current = ""
            i += 2
            continue
        if ch in "?*{" and depth == 0:
            current = current[:-1]  # the character before is optional (or counted)
            runs.append(current)
            current = ""
            if ch == "{":
                i = pattern.index("}", i)
        elif ch == "|" and depth == 0:
            return None
        elif ch in "([)]" or depth or ch in ".^$+":
            runs.append(current[:-1] if ch == "+" else current)
            current = ""
            if ch == "[":  # skip the class
                i = pattern.index("]", i + 2)
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
        else:
            current += ch
        i += 1
    runs.append(current)
    best = max(runs, key=len)
    return best if len(best) >= 3 else None


def _any_of(patterns: list[str]) -> tuple[str, ...] | None:
    """Literals one of which every match of ``a|b|...`` contains; None when one has none."""
    literals = tuple(required_literal(p) for p in patterns)
    return None if None in literals else literals


@functools.cache
def _group_phrase_parts() -> tuple[tuple[str, tuple[str, ...] | None], ...]:
    """Each alternative of the group phrase, with literals one of which its matches contain."""
    parts = []
    for i, row in enumerate(r for r in _rows() if r["kind"] == "group"):
        pattern = row["pattern"].replace("?P<label>", f"?P<label{i}>")
        literals = _any_of([pattern.replace("{G}", "(G)")])
        pattern = pattern.replace("{G}", GROUP_TOKEN.replace("?P<code>", f"?P<code{i}>"))
        parts.append((f"(?:{pattern})", literals))
    nonattached = [r["pattern"] for r in _rows() if r["kind"] == "nonattached"]
    parts.append((f"(?P<ni>{'|'.join(nonattached)})", _any_of(nonattached)))
    committees = [r["pattern"].replace("{G}", r"[A-Z]{3,5}") for r in _rows() if r["kind"] == "committee"]
    parts.append((f"(?P<committee>{'|'.join(committees)})", _any_of(committees)))
    return tuple(parts)


@functools.cache
def group_phrase() -> re.Pattern[str]:
    """Any language's "on behalf of the X Group"; named groups ``code``/``label``."""
    return _phrase_of(tuple(range(len(_group_phrase_parts()))))


def group_phrase_in(text: str) -> re.Pattern[str]:
    """The group phrase without the parts ``text`` cannot contain: same matches, faster.

    An alternative none of whose required literals is in the text cannot match anywhere in
    it, so leaving it out changes no match; most pages are in one language.
    """
    chosen = tuple(i for i, (_, literals) in enumerate(_group_phrase_parts())
                   if literals is None or any(lit in text for lit in literals))
    return _phrase_of(chosen)


@functools.lru_cache(maxsize=128)
def _phrase_of(chosen: tuple[int, ...]) -> re.Pattern[str]:
    parts = _group_phrase_parts()
    return re.compile("|".join(parts[i][0] for i in chosen))


def group_of(match: re.Match[str]) -> str | None:
    """The group a phrase names; None when a committee, not a group, tables the text."""
    found = match.groupdict()
    if found.get("committee"):
        return None
    if found.get("ni"):
        return "NI"
    for key, value in found.items():
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
