"""EP Open Data Portal API v2 documents (JSON-LD): authors with their MEP ids, titles.

Keys differ with the ``format`` parameter (compact names or full IRIs, single objects or
lists), so every value is read through the tolerant readers of ``jsonld``. The record's
title is given per language (``title_dcterms``, and ``title`` / ``title_alternative`` of
each language version); the statement takes the English one where there is one. An
author participation that names no member is counted: the list is then not whole.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from hemicycle.errors import ParseError
from hemicycle.jsonld import jsonld_first, jsonld_get, jsonld_tail
from hemicycle.parse.ep.checks import count_problem
from hemicycle.parse.ep.meta import SOURCE, odp_to_printed
from hemicycle.parse.ep.titles import clean_title, fallback_title
from hemicycle.records import ListProblem, ParsedSignatory, ParsedStatement

_TYPES = {"RESOLUTION_MOTION_JOINT": "joint_motion", "RESOLUTION_MOTION": "motion"}


def _by_language(value: Any) -> dict[str, str]:
    """A language map ({"en": "…"}), a list of them or of {"@language", "@value"} objects."""
    found: dict[str, str] = {}
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict) and "@value" in item:
            if item.get("@language") and item["@value"]:
                found.setdefault(str(item["@language"]), str(item["@value"]))
        elif isinstance(item, dict):
            found.update({str(k): str(v) for k, v in item.items()
                          if isinstance(v, str) and v and not k.startswith("@")})
    return found


def titles(doc: dict[str, Any]) -> dict[str, str]:
    """The record's title per language: the work's titles, then each language version's
    title, then its alternative title (the heading with its "pursuant to Rule …" lines)."""
    found = _by_language(jsonld_get(doc, "title_dcterms") or {})
    versions = jsonld_get(doc, "is_realized_by") or []
    for version in versions if isinstance(versions, list) else [versions]:
        if not isinstance(version, dict):
            continue
        for key in ("title", "title_alternative"):
            for language, title in _by_language(jsonld_get(version, key) or {}).items():
                found.setdefault(language, title)
    return {language: " – ".join(p.strip() for p in re.split(r"<br\s*/?>", title) if p.strip())
            for language, title in found.items()}


def parse_odp_document(content: bytes, url: str | None = None) -> list[ParsedStatement]:
    try:
        data = json.loads(content)
    except ValueError as exc:
        raise ParseError(f"not valid JSON: {exc}", reason="bad_json") from exc
    docs = data.get("data", data.get("@graph", data)) if isinstance(data, dict) else data
    docs = docs if isinstance(docs, list) else [docs]
    statements = []
    for doc in docs:
        if not isinstance(doc, dict):
            continue
        identifier = jsonld_first(jsonld_get(doc, "identifier")) or jsonld_tail(jsonld_get(doc, "id"))
        participations = jsonld_get(doc, "workHadParticipation") or []
        if isinstance(participations, dict):
            participations = [participations]
        authors = [p for p in participations if isinstance(p, dict)
                   and (jsonld_tail(jsonld_get(p, "participation_role")) or "").upper() == "AUTHOR"]
        authors.sort(key=lambda p: (jsonld_first(jsonld_get(p, "precedenceOrder")) is None,
                                    jsonld_first(jsonld_get(p, "precedenceOrder")) or 0))
        signatories: list[ParsedSignatory] = []
        for part in authors:
            person = jsonld_tail(jsonld_get(part, "had_participant_person"))
            if not person:
                continue  # counted below: an author the record does not name
            in_name_of = jsonld_tail(jsonld_get(part, "participation_in_name_of"))
            member_of = jsonld_tail(jsonld_get(part, "politicalGroup"))
            signatories.append(ParsedSignatory(
                position=len(signatories) + 1, kind="person", name=f"ep:{person}",
                group_label=in_name_of or member_of, person_ref=f"ep:{person}",
                role="on_behalf_of_group" if in_name_of else "member_of_group"))
        problems: list[ListProblem] = []
        unnamed = count_problem(len(authors), len(signatories), "author participations naming no member")
        if unnamed:
            problems.append(unnamed)
        by_language = titles(doc)
        language = "en" if "en" in by_language else min(by_language, default="en")
        date = jsonld_first(jsonld_get(doc, "document_date"))
        term = jsonld_tail(jsonld_get(doc, "parliamentary_term"))
        doc_type = _TYPES.get(jsonld_tail(jsonld_get(doc, "work_type")) or "", "other")
        doc_no = odp_to_printed(str(identifier)) if identifier else None
        statements.append(ParsedStatement(
            source=SOURCE,
            doc_type=doc_type,
            language=language,
            doc_no=doc_no,
            date=dt.date.fromisoformat(str(date)[:10]) if date else None,
            title=clean_title(by_language.get(language)) or fallback_title(doc_type, language, doc_no),
            signatories=tuple(signatories),
            signatories_complete=not problems,
            list_problems=tuple(problems),
            url=url,
            term=int(term.split("-")[-1]) if term and term.split("-")[-1].isdigit() else None,
        ))
    if not statements:
        raise ParseError("no document in the JSON-LD payload", reason="no_document")
    return statements
