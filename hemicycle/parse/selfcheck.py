"""A parsed signatory list judged against independent evidence in the same text.

A parser reads entries; the text says other things about the list that do not depend on
that reading: the total it declares ("Total = 21"), how many country names or group codes
stand in the list's region, whether a list label is followed by anything, whether lines
shaped like entries follow the point where the reading stopped, whether the text ends
inside the list. Each function here compares one such piece of evidence with what was read
and returns a ``ListProblem`` when they disagree, or None. They are pure and know no
assembly: the PACE and EP parsers pass them the labels and texts they found.

A list with any problem is never published as complete (``judged``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from hemicycle.records import SIGNED_DOC_TYPES, ListProblem, ParsedStatement
from hemicycle.vocab import CountryVocabulary, GroupVocabulary

_FIELD_SEPARATORS = re.compile(r"[;,\n]")
_CODE_SHAPE = re.compile(r"[A-Z][A-Za-z]*(?:[/&-][A-Z][A-Za-z]*)*")  # EPP/CD, S&D, Greens/EFA, NI


def judged(problems: Iterable[ListProblem | None]) -> tuple[bool, tuple[ListProblem, ...]]:
    """(signatories_complete, problems): complete only when no check found a problem."""
    kept = tuple(dict.fromkeys(p for p in problems if p is not None))
    return not kept, kept


def verdict(statement: ParsedStatement) -> tuple[bool, tuple[ListProblem, ...]]:
    """(complete, problems) of a parsed statement as the tables and ``hemicycle parse`` state
    it: a list marked incomplete without a reason, or empty without one in a text that always
    prints its signatories, gets one, so that no list is ever incomplete without saying why,
    nor empty in silence."""
    problems = list(statement.list_problems)
    if not statement.signatories and not problems and statement.doc_type in SIGNED_DOC_TYPES:
        problems.append(ListProblem("list_unread", "no signatory could be read"))
    if not statement.signatories_complete and not problems:
        problems.append(ListProblem("list_incomplete", "the parser marked the list incomplete"))
    return judged(problems)


# ---------------------------------------------------------------- checks
def cut_problem(fragment: str | None) -> ListProblem:
    """The text ends inside the list: what is present is exact, the rest is missing."""
    if fragment and fragment.strip():
        shown = " ".join(fragment.split())
        shown = shown if len(shown) <= 60 else shown[:57] + "…"
        return ListProblem("list_cut", f"the text ends inside the list, in the entry {shown!r}")
    return ListProblem("list_cut", "the text ends inside the list")


def declared_total_problem(declared: int | None, read: int) -> ListProblem | None:
    """The document states its number of signatories; the list read must have as many."""
    if declared is None or declared == read:
        return None
    if read == 0:
        return ListProblem("list_unread", f"declared total {declared}, no entry read")
    if read < declared:
        return ListProblem("list_incomplete", f"declared total {declared}, {read} entries read")
    return ListProblem("list_inconsistent", f"declared total {declared}, {read} entries read")


def label_problem(label: str | None, read: int) -> ListProblem | None:
    """A list label ("Signataires :", "Signed 1:") followed by no entry that could be read."""
    if label is None or read:
        return None
    return ListProblem("list_unread", f"list label {label.strip()!r} followed by no entry that could be read")


def no_list_problem(doc_type: str) -> ListProblem:
    """A statement that must carry signatories, and no list was found in its text."""
    kind = doc_type.replace("_", " ")
    return ListProblem("list_unread", f"no list of signatories found in the text ({kind})")


def region_count_problem(what: str, in_region: int, read: int) -> ListProblem | None:
    """More ``what`` (country names, group codes) stand in the list's text than entries
    carrying one were read: entries were lost between the text and the list."""
    if in_region <= read:
        return None
    return ListProblem("list_incomplete",
                       f"{in_region} {what} in the list's text, {read} entries read with one")


def trailing_entries_problem(after: Sequence[str]) -> ListProblem | None:
    """Lines shaped like entries after the point where the list was read to: the list was
    broken (page furniture, a stray line) and its reading stopped early."""
    if not after:
        return None
    first = " ".join(after[0].split())
    first = first if len(first) <= 60 else first[:57] + "…"
    return ListProblem("list_incomplete",
                       f"{len(after)} more line(s) shaped like entries after the list, from {first!r}")


# ---------------------------------------------------------------- evidence
def fields(text: str) -> list[str]:
    """The comma-, semicolon- and line-separated fields of a text, trimmed, empty ones dropped."""
    return [f.strip() for f in _FIELD_SEPARATORS.split(text) if f.strip()]


def country_fields(text: str) -> int:
    """How many fields of ``text`` are exactly a country name (in any language the
    vocabulary knows)."""
    return field_counts(text, "")[0]


def group_code_fields(text: str, source: str) -> int:
    """How many fields of ``text`` are exactly a group label of ``source`` written as a code."""
    return field_counts(text, source)[1]


_FIELD_KINDS: dict[tuple[str, str], tuple[int, int]] = {}  # (field, source) -> (country?, group code?)


def _field_kind(field: str, source: str) -> tuple[int, int]:
    country = CountryVocabulary.load().resolve(field.strip("'\"«» ")) is not None
    code = bool(source) and _CODE_SHAPE.fullmatch(field) is not None \
        and GroupVocabulary.load().exact(source, field) is not None
    return int(country), int(code)


def field_counts(text: str, source: str) -> tuple[int, int]:
    """(``country_fields``, ``group_code_fields``) of ``text`` in one reading: list fields
    (names, countries, codes) repeat across documents, so each is judged once."""
    kinds = _FIELD_KINDS
    countries = codes = 0
    for field in _FIELD_SEPARATORS.split(text):
        field = field.strip()
        if not field:
            continue
        kind = kinds.get((field, source))
        if kind is None:
            if len(kinds) > 200_000:
                kinds.clear()
            kind = kinds[(field, source)] = _field_kind(field, source)
        countries += kind[0]
        codes += kind[1]
    return countries, codes


def entries_after(lines: Sequence[str], looks_like_entry: Callable[[str], bool]) -> list[str]:
    """The lines among ``lines`` (the text after the list) that ``looks_like_entry``."""
    return [line for line in lines if line.strip() and looks_like_entry(line)]


# ---------------------------------------------------------------- shape of an entry at a cut
Shape = tuple[bool, ...]  # which fields an entry has, in order (name, country, group...)


def fits_list_shape(last: Shape, others: Sequence[Shape]) -> bool:
    """An entry at a cut is whole only when it has a shape the list's other entries have:
    in a list where every entry carries a group, an entry without one was cut before it."""
    return not others or last in set(others)


def is_truncated_label(label: str, labels_in_list: Iterable[str]) -> bool:
    """A label at a cut that is the strict beginning of a label the list uses elsewhere
    ("EC" where the list prints "EC/DA"), and that the list never uses whole."""
    others = [other for other in labels_in_list if other]
    return label not in others and any(o.startswith(label) and o != label for o in others)
