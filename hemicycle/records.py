"""Typed records passed between stages: raw document -> parsed statement -> normalised rows.

Parsers produce ``ParsedStatement`` with labels exactly as printed; normalisation
(countries to ISO codes, groups to canonical codes, person ids) happens later, in
``hemicycle.normalise``, so parsers stay pure text readers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hemicycle.sources import source_ids

DOC_TYPES = (
    "written_declaration",
    "motion_resolution",
    "motion_recommendation",
    "joint_motion",
    "motion",
    "press_summary",
    "other",
)
# Texts that always print who signed or tabled them; a press summary may report a text no
# group tabled (a legislative resolution), so its empty list can be whole.
SIGNED_DOC_TYPES = tuple(t for t in DOC_TYPES if t != "press_summary")
SOURCES = source_ids()  # the assemblies of data/vocab/assemblies.csv
SIGNATORY_KINDS = ("person", "group")


def _by_fields(self: Any) -> tuple[type[Any], tuple[Any, ...]]:
    """Pickled as the constructor's arguments: far cheaper than the generic slot state,
    and parse results are pickled by the thousand (``hemicycle.parse.cache``)."""
    return type(self), tuple(getattr(self, name) for name in self.__slots__)


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Bytes of one fetched page with where and when they came from."""

    source: str  # "pace" | "ep" | "auto" when unknown at fetch time
    url: str
    content: bytes
    content_type: str  # e.g. "text/html; charset=utf-8", "text/plain", "application/ld+json"
    fetched_at: str  # ISO 8601 UTC timestamp
    sha256: str


@dataclass(frozen=True, slots=True)
class ParsedSignatory:
    """One signature as printed. Person: name parts; group: label of the group that tabled."""

    __reduce__ = _by_fields

    position: int  # 1-based order in the document
    kind: str  # "person" | "group"
    name: str  # as printed, whitespace folded
    prefix: str | None = None  # Mr, Ms, M., Mme, Lord, Dame...
    given_name: str | None = None
    family_name: str | None = None
    country_label: str | None = None  # as printed ("Royaume-Uni"), None when absent
    group_label: str | None = None  # as printed ("ADLE", "on behalf of the PPE Group"->"PPE")
    person_ref: str | None = None  # identifier given by the source itself, e.g. "ep:197490"
    role: str | None = None  # source-specific role, e.g. "on_behalf_of_group" for EP


# Why a signatory list cannot be published as complete. The parser judges its own reading
# against independent evidence in the same text (declared total, labels, country names in the
# list's region; ``hemicycle.parse.selfcheck``); every problem makes ``signatories_complete``
# False.
LIST_PROBLEMS = (
    "list_cut",  # the stored text ends inside the list: the entries present are exact
    "list_unread",  # a list is announced (label, declared total, a kind of text that has one)
    # but nothing could be read
    "list_incomplete",  # evidence says the list holds more entries than were read (declared
    # total, country names or group codes in its lines, entry-shaped lines after it)
    "list_inconsistent",  # evidence disagrees with the reading without saying entries are
    # missing (more entries read than the declared total)
)
# ``statements.incomplete_reasons`` also says when normalisation took rows out of a list.
INCOMPLETE_REASONS = (*LIST_PROBLEMS, "rows_quarantined")


@dataclass(frozen=True, slots=True)
class ListProblem:
    """One reason a list is not whole, with what the text showed."""

    __reduce__ = _by_fields

    reason: str  # one of LIST_PROBLEMS
    message: str  # e.g. "declared total 21, 18 entries read"


@dataclass(frozen=True, slots=True)
class ParsedStatement:
    """One statement as printed in one language version of one document."""

    __reduce__ = _by_fields

    source: str  # an assembly of data/vocab/assemblies.csv ("pace", "ep")
    doc_type: str  # one of DOC_TYPES
    language: str  # ISO 639-1
    doc_no: str | None  # "16320", "B9-0229/2020", "RC-10-2025-0249"
    number: str | None = None  # written declaration number ("829"), else None
    date: dt.date | None = None
    title: str | None = None
    declared_total: int | None = None  # "Total = 21" when printed
    signatories: tuple[ParsedSignatory, ...] = ()
    signatories_complete: bool = True  # False when the list is not whole (``list_problems`` say why)
    url: str | None = None
    file_id: str | None = None  # PACE FileID shared by EN and FR versions
    group_legend: dict[str, str] = field(default_factory=dict)  # footnote "ADLE: Alliance des..."
    text: str | None = None  # body text, cleaned, for subject tagging
    term: int | None = None  # EP parliamentary term
    procedure: str | None = None  # EP procedure reference, e.g. "2022/2751(RSP)"
    list_problems: tuple[ListProblem, ...] = ()  # empty when the list checks out


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    __reduce__ = _by_fields

    source: str
    url: str
    raw_sha256: str
    content_type: str
    fetched_at: str
    bytes: int


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """What parsing one raw document gave: statements, or the reason it gave none."""

    __reduce__ = _by_fields

    meta: DocumentMeta
    statements: tuple[ParsedStatement, ...] = ()
    error_reason: str | None = None
    error_message: str | None = None
