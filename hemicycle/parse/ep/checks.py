"""Self-checks of EP signatory lists: evidence in the same text that a list was not read whole.

The reader keeps what it could not take in; here that evidence becomes the reasons
(``hemicycle.records.LIST_PROBLEMS``, worded by ``hemicycle.parse.selfcheck`` where the
check is common to both assemblies) a list is published as incomplete:

* ``list_unread``: the text announces authors (a motion page, a group phrase) and no name
  could be read;
* ``list_incomplete``: names were read, but the text shows more: a group phrase with no
  name before it, entries that look like names and were not read (markup or brackets stuck
  to them), names above the line where the list broke, authors the source counts (Open
  Data Portal participations) without naming them;
* ``list_cut``: the stored text ends inside the list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hemicycle.parse import selfcheck
from hemicycle.parse.ep.names import piece_names
from hemicycle.records import ListProblem

_OPEN_END = re.compile(r"[,;]\s*$")


def reading_problems(read: int, unread: Sequence[str], empty_phrases: Sequence[str]) -> list[ListProblem]:
    """Problems of a list read from text: ``read`` names, and what was left out."""
    problems: list[ListProblem] = []
    if empty_phrases:
        reason = "list_incomplete" if read else "list_unread"
        shown = ", ".join(repr(p) for p in empty_phrases[:3])
        problems.append(ListProblem(reason, f"no name read before {shown}"))
    for message in dict.fromkeys(unread):  # once each, in order
        problems.append(ListProblem("list_incomplete", message))
    return problems


def cut_problem(text: str, last_group_end: int) -> ListProblem | None:
    """The stored text stops inside the list: it ends on the separator after the last
    group, or inside a line of names that follows it (at most a sentence between)."""
    rest = text[last_group_end:].rstrip()
    if not rest.strip(" ,;\n\t"):
        return selfcheck.cut_problem(None) if rest.endswith((",", ";")) else None
    lines = [line for line in rest.split("\n") if line.strip()]
    last = lines[-1].strip()
    if len(lines) > 3 or re.search(r"[.;:!?)]$", last):
        return None
    pieces = [p for p in re.split(r"[,;]", last.strip(" -–—•*\t")) if p.strip()]
    whole = pieces[:-1] if len(pieces) > 1 else pieces
    if whole and all(piece_names(p) for p in whole) and (len(pieces) > 1 or len(lines) == 1
                                                          or last[:1] in "-–—•"):
        return selfcheck.cut_problem(None if re.search(r"[,;]$", last) else pieces[-1])
    return None


def nothing_read(doc_type: str) -> ListProblem:
    """A motion page that prints no author the reader could take in."""
    return selfcheck.no_list_problem(doc_type)


def count_problem(declared: int, read: int, what: str) -> ListProblem | None:
    """The source counts more authors than were read."""
    if declared > read:
        return ListProblem("list_incomplete", f"{what}: {declared} listed, {read} read")
    return None
