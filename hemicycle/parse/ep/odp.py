"""EP Open Data Portal API v2 documents (JSON-LD): authors with their MEP ids.

Keys differ with the ``format`` parameter (compact names or full IRIs, single objects or
lists), so every value is read through the tolerant readers of ``jsonld``.
"""

from __future__ import annotations

import datetime as dt
import json

from hemicycle.errors import ParseError
from hemicycle.parse.ep.jsonld import jsonld_first, jsonld_get, jsonld_tail
from hemicycle.parse.ep.meta import odp_to_printed
from hemicycle.records import ParsedSignatory, ParsedStatement

_TYPES = {"RESOLUTION_MOTION_JOINT": "joint_motion", "RESOLUTION_MOTION": "motion"}


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
        signatories = []
        for position, part in enumerate(authors, 1):
            person = jsonld_tail(jsonld_get(part, "had_participant_person"))
            in_name_of = jsonld_tail(jsonld_get(part, "participation_in_name_of"))
            member_of = jsonld_tail(jsonld_get(part, "politicalGroup"))
            signatories.append(ParsedSignatory(
                position=position, kind="person", name=f"ep:{person}",
                group_label=in_name_of or member_of, person_ref=f"ep:{person}",
                role="on_behalf_of_group" if in_name_of else "member_of_group"))
        titles = jsonld_get(doc, "title_dcterms") or {}
        title = titles.get("en") or next(iter(titles.values()), None) if isinstance(titles, dict) else jsonld_first(titles)
        date = jsonld_first(jsonld_get(doc, "document_date"))
        term = jsonld_tail(jsonld_get(doc, "parliamentary_term"))
        statements.append(ParsedStatement(
            source="ep",
            doc_type=_TYPES.get(jsonld_tail(jsonld_get(doc, "work_type")) or "", "other"),
            language="en",
            doc_no=odp_to_printed(str(identifier)) if identifier else None,
            date=dt.date.fromisoformat(str(date)[:10]) if date else None,
            title=title,
            signatories=tuple(signatories),
            url=url,
            term=int(term.split("-")[-1]) if term and term.split("-")[-1].isdigit() else None,
        ))
    if not statements:
        raise ParseError("no document in the JSON-LD payload", reason="no_document")
    return statements
