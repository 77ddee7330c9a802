"""The assemblies the dataset covers: one row each in ``data/vocab/assemblies.csv``.

A source is data (its id, names, date of first sitting, the web hosts its documents come
from, the formats other than text its parser reads, its languages) plus one parser module.
Parsing an assembly's documents takes a row there, its parser module and its vocabularies:
the dispatcher (``hemicycle.parse.dispatch``) names no assembly.

A parser module provides ``parse_text(text, url) -> list[ParsedStatement]`` (the readable
text of an HTML page, a PDF or a plain-text copy) and, when the row lists other formats,
``parse_bytes(content, url, content_type)`` for them (the EP's JSON-LD records).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, cast

from hemicycle.errors import VocabularyError
from hemicycle.vocab import _read_csv

if TYPE_CHECKING:
    from hemicycle.records import ParsedStatement

TextParser = Callable[[str, "str | None"], "list[ParsedStatement]"]
BytesParser = Callable[[bytes, "str | None", "str | None"], "list[ParsedStatement]"]


@dataclass(frozen=True, slots=True)
class Source:
    id: str  # "pace", "ep": the ``source`` column of every table
    name_en: str
    name_fr: str
    first_sitting: dt.date  # no statement of the assembly can be older
    parser: str  # the module that reads its documents
    hosts: tuple[str, ...]  # web hosts its documents come from ("coe.int")
    formats: tuple[str, ...]  # formats other than text its parser reads from bytes ("json")
    languages: tuple[str, ...]  # ISO 639-1 codes of the languages its texts are published in
    citation: str


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


@functools.cache
def sources() -> tuple[Source, ...]:
    """Every assembly, in the file's order (the order a document of unknown source is tried)."""
    found = tuple(Source(id=r["source"], name_en=r["name_en"], name_fr=r["name_fr"],
                         first_sitting=dt.date.fromisoformat(r["first_sitting"]), parser=r["parser"],
                         hosts=_split(r["hosts"]), formats=_split(r["formats"]),
                         languages=_split(r["languages"]), citation=r["citation"])
                  for r in _read_csv("assemblies.csv"))
    if len({s.id for s in found}) != len(found):
        raise VocabularyError("assemblies.csv names a source twice")
    return found


@functools.cache
def source_ids() -> tuple[str, ...]:
    return tuple(s.id for s in sources())


def source(source_id: str) -> Source:
    for found in sources():
        if found.id == source_id:
            return found
    raise ValueError(f"unknown source {source_id!r} (assemblies.csv lists {', '.join(source_ids())})")


def source_of_url(url: str | None) -> str | None:
    """The assembly whose host serves ``url``; None when none does."""
    if url:
        for found in sources():
            if any(host in url for host in found.hosts):
                return found.id
    return None


def reader_of_format(fmt: str) -> Source | None:
    """The first assembly whose parser reads ``fmt`` (other than text) from bytes."""
    return next((s for s in sources() if fmt in s.formats), None)


@functools.cache
def markers(source_id: str) -> re.Pattern[str] | None:
    """Words only this assembly's texts print (``source_markers.csv``), any case; None if none."""
    patterns = [r["pattern"] for r in _read_csv("source_markers.csv") if r["source"] == source_id]
    return re.compile("|".join(patterns), re.I) if patterns else None


def _module(source_id: str) -> ModuleType:
    return importlib.import_module(source(source_id).parser)  # imported when first needed


def text_parser(source_id: str) -> TextParser:
    return cast(TextParser, _module(source_id).parse_text)


def bytes_parser(source_id: str) -> BytesParser:
    return cast(BytesParser, _module(source_id).parse_bytes)
