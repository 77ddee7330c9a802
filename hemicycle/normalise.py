"""Parsed statements -> normalised rows of the published tables.

Pure: takes what the parsers produced for each raw document and returns the rows of
``statements``, ``signatories``, ``documents`` and ``quarantine``. Language versions of
one statement (same source and document number) are merged here.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import polars as pl

from hemicycle.groups import group_rows
from hemicycle.records import DocumentMeta, ParsedDocument, ParsedStatement
from hemicycle.persons import person_rows, resolve_persons
from hemicycle.subjects import subject_countries
from hemicycle.schema import (
    DOCUMENTS,
    PERSON_MATCHES,
    PERSONS,
    QUARANTINE,
    SIGNATORIES,
    STATEMENT_COUNTRIES,
    STATEMENT_VERSIONS,
    STATEMENTS,
)
from hemicycle.vocab import (
    CountryVocabulary,
    GroupMatch,
    GroupVocabulary,
    assembly_first_sittings,
    fold,
)

PRIMARY_DOC_TYPES = {"written_declaration", "motion_resolution", "motion_recommendation",
                     "joint_motion", "motion"}


@dataclass
class Tables:
    statements: pl.DataFrame
    signatories: pl.DataFrame
    documents: pl.DataFrame
    quarantine: pl.DataFrame
    statement_versions: pl.DataFrame
    statement_countries: pl.DataFrame
    persons: pl.DataFrame
    person_matches: pl.DataFrame
    groups: pl.DataFrame
    versions: dict[str, list[tuple[DocumentMeta, ParsedStatement]]] = field(default_factory=dict)


def statement_id(st: ParsedStatement, meta: DocumentMeta) -> str | None:
    """Stable id from source + document number; None when the document carries no number.

    Declarations and motions are identified by their number alone, so the EN and FR pages
    meet. Other PACE documents (amendments...) share the number of the text they amend,
    so their FileID is added.
    """
    if st.source == "pace":
        if not st.doc_no:
            return None
        if st.doc_type in PRIMARY_DOC_TYPES:
            return f"pace:{st.doc_no}"
        return f"pace:{st.doc_no}:{st.file_id or meta.raw_sha256[:12]}"
    if st.doc_no:
        return f"ep:{st.doc_no}"
    if st.doc_type == "press_summary":
        return f"ep:summary:{meta.raw_sha256[:12]}"
    return None


def _quarantine(meta: DocumentMeta, stage: str, rule: str, message: str, record: str = "") -> dict:
    return {
        "source": meta.source,
        "url": meta.url,
        "raw_sha256": meta.raw_sha256,
        "stage": stage,
        "rule": rule,
        "record": record,
        "message": message,
        "first_seen": meta.fetched_at,
    }


def statement_problem(st: ParsedStatement, today: dt.date) -> tuple[str, str] | None:
    """A blocking reason to keep the whole statement out of the clean tables, if any."""
    if st.date is None:
        return None
    first = assembly_first_sittings().get(st.source)
    if first and st.date < first:
        return "date_out_of_range", f"date {st.date} is before the assembly's first sitting ({first})"
    if st.date > today:
        return "date_in_future", f"date {st.date} is after the day of the run ({today})"
    return None


def signatory_problems(st: ParsedStatement) -> dict[int, tuple[str, str]]:
    """Blocking reasons per signatory position: rows that cannot be published as they are."""
    problems: dict[int, tuple[str, str]] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for sig in st.signatories:
        if not sig.name or not sig.name.strip():
            problems[sig.position] = ("missing_name", "signatory without a name")
            continue
        if st.source == "pace" and sig.kind == "person" and not (sig.country_label or "").strip():
            problems[sig.position] = ("missing_country",
                                      f"{sig.name!r} has no country; PACE lists always print one")
            continue
        key = (fold(sig.family_name or sig.name), fold(sig.given_name or ""),
               fold(sig.country_label or ""))
        if key in seen:
            problems[sig.position] = ("duplicate_signatory",
                                      f"{sig.name!r} already signed at position {seen[key]}")
            continue
        seen[key] = sig.position
    return problems


def _printed_name(sig) -> bool:
    """False for signatories known only by an identifier (EP Open Data Portal authors)."""
    return not (sig.person_ref and sig.name == sig.person_ref)


@functools.lru_cache(maxsize=1 << 16)
def _latin(name: str) -> bool:
    """Names transliterated into Greek or Cyrillic by some versions cannot be compared as text."""
    return name.isascii() or all(ord(ch) < 0x370 for ch in name if ch.isalpha())


Reading = tuple[GroupMatch | None, str | None]  # a signatory's group and country, resolved


def read_labels(st: ParsedStatement, groups: GroupVocabulary,
                countries: CountryVocabulary) -> list[Reading]:
    """The group (at the statement's date) and ISO country of each signatory, in list order."""
    return [(groups.resolve(st.source, sig.group_label, st.date), countries.resolve(sig.country_label))
            for sig in st.signatories]


def signature_keys(st: ParsedStatement, groups: GroupVocabulary, countries: CountryVocabulary,
                   readings: list[Reading] | None = None) -> list[tuple[str | None, str | None, str | None]]:
    """Language-independent reading of a list: (family name, country code, group signed for).

    The name is None where the version prints none; the group is the one the member signs
    on behalf of (None when the source only records membership).
    """
    keys = []
    for sig, (group, country) in zip(st.signatories, readings or read_labels(st, groups, countries)):
        signed_for = group.code if group and sig.role != "member_of_group" else None
        name = fold(sig.family_name or sig.name) if _printed_name(sig) and _latin(sig.name) else None
        keys.append((name, country, signed_for))
    return keys


def compare_versions(primary: list, other: list, other_complete: bool) -> str | None:
    """None when ``other`` agrees with ``primary`` (a cut list must be its beginning).

    Versions that do not both print names in Latin script are compared on their groups only.
    """
    expected = primary if other_complete else primary[: len(other)]
    if any(k[0] is None for k in expected + other):
        mine = Counter(k[2] for k in expected)
        theirs = Counter(k[2] for k in other)
        if mine == theirs and (len(other) == len(expected)):
            return None
        return f"groups differ: {dict(mine - theirs)} missing, {dict(theirs - mine)} extra"
    if other == expected:
        return None
    missing = [k for k in expected if k not in other]
    extra = [k for k in other if k not in expected]
    if not missing and not extra:
        return "same signatories in another order"
    return f"missing {missing[:5]}; extra {extra[:5]}"


def _primary(versions: list[tuple[DocumentMeta, ParsedStatement]]) -> tuple[DocumentMeta, ParsedStatement]:
    """The version whose list is the most useful: complete, with printed names, longest, English."""
    return max(
        versions,
        key=lambda v: (v[1].signatories_complete, all(_printed_name(s) for s in v[1].signatories),
                       len(v[1].signatories), v[1].language == "en", v[0].url),
    )


def _title(versions: list[tuple[DocumentMeta, ParsedStatement]], language: str) -> str | None:
    for _, st in sorted(versions, key=lambda v: v[0].url):
        if st.language == language and st.title:
            return st.title
    return None


def build_tables(documents: Iterable[ParsedDocument], today: dt.date | None = None) -> Tables:
    today = today or dt.date.today()
    groups = GroupVocabulary.load()
    countries = CountryVocabulary.load()
    quarantine: list[dict] = []
    document_rows: list[dict] = []
    by_id: dict[str, list[tuple[DocumentMeta, ParsedStatement]]] = defaultdict(list)

    for doc in documents:
        meta = doc.meta
        kept = 0
        if doc.error_reason:
            quarantine.append(_quarantine(meta, "parse", doc.error_reason, doc.error_message or ""))
        for st in doc.statements:
            sid = statement_id(st, meta)
            if sid is None:
                quarantine.append(_quarantine(meta, "normalise", "no_document_number",
                                              f"{st.doc_type} has no document number to key it"))
                continue
            problem = statement_problem(st, today)
            if problem:
                quarantine.append(_quarantine(meta, "normalise", *problem, record=sid))
                continue
            by_id[sid].append((meta, st))
            kept += 1
        document_rows.append({
            "raw_sha256": meta.raw_sha256, "url": meta.url, "source": meta.source,
            "content_type": meta.content_type, "fetched_at": meta.fetched_at,
            "bytes": meta.bytes, "status": "parsed" if kept else "quarantined", "statements": kept,
        })

    statement_rows: list[dict] = []
    signatory_rows: list[dict] = []
    version_rows: list[dict] = []
    country_rows: list[dict] = []
    for sid, versions in by_id.items():
        meta, st = _primary(versions)
        year = st.date.year if st.date else None
        problems = signatory_problems(st)
        readings = read_labels(st, groups, countries)
        for position, (rule, message) in sorted(problems.items()):
            quarantine.append(_quarantine(meta, "normalise", rule, message, record=f"{sid}#{position}"))
        kept = [(s, reading) for s, reading in zip(st.signatories, readings)
                if s.position not in problems]
        titles = "\n".join(sorted({v.title for _, v in versions if v.title}))
        for rank, (code, found_in, mentions) in enumerate(subject_countries(titles, st.text), 1):
            country_rows.append({"statement_id": sid, "source": st.source, "year": year,
                                 "country_code": code, "rank": rank, "found_in": found_in,
                                 "mentions": mentions})
        primary_keys = signature_keys(st, groups, countries, readings)
        for v_meta, version in sorted(versions, key=lambda v: (v[1].language, v[0].url)):
            is_primary = version is st
            differences = None if is_primary else compare_versions(
                primary_keys, signature_keys(version, groups, countries),
                version.signatories_complete)
            version_rows.append({
                "statement_id": sid, "source": st.source, "year": year,
                "language": version.language, "title": version.title,
                "signatory_count": len(version.signatories),
                "signatories_complete": version.signatories_complete, "is_primary": is_primary,
                "agrees": differences is None, "differences": differences,
                "url": v_meta.url, "raw_sha256": v_meta.raw_sha256,
            })
        languages = sorted({v.language for _, v in versions})
        statement_rows.append({
            "statement_id": sid, "source": st.source, "year": year, "doc_type": st.doc_type,
            "doc_no": st.doc_no, "number": st.number, "date": st.date,
            "title": _title(versions, "en") or _title(versions, "fr") or st.title,
            "title_en": _title(versions, "en"), "title_fr": _title(versions, "fr"),
            "languages": languages, "source_urls": sorted({m.url for m, _ in versions}),
            "declared_total": st.declared_total, "signatory_count": len(kept),
            "country_count": len({country for s, (_, country) in kept if country}),
            "group_count": len({group.group_id for s, (group, _) in kept if group}),
            # a quarantined row means the published list is exact but not whole
            "signatories_complete": st.signatories_complete and not problems, "file_id": st.file_id,
            "term": st.term, "procedure": st.procedure,
            "url": meta.url, "raw_sha256": meta.raw_sha256,
        })
        for sig, (group, country) in kept:
            signatory_rows.append({
                "signatory_id": f"{sid}#{sig.position}", "statement_id": sid,
                "source": st.source, "year": year, "date": st.date, "position": sig.position,
                "kind": sig.kind,
                "name": sig.name, "prefix": sig.prefix, "given_name": sig.given_name,
                "family_name": sig.family_name, "country_label": sig.country_label,
                "country_code": country,
                "group_label": sig.group_label,
                "group_code": group.code if group else None,
                "group_id": group.group_id if group else None,
                "person_ref": sig.person_ref, "language": st.language,
                "url": meta.url, "raw_sha256": meta.raw_sha256,
            })

    matches = resolve_persons(signatory_rows)
    for row in signatory_rows:
        row["person_id"] = matches[row["signatory_id"]].person_id
    dates = {r["statement_id"]: r["date"] for r in statement_rows}
    match_rows = [{"signatory_id": r["signatory_id"], "statement_id": r["statement_id"],
                   "name": r["name"], "person_id": matches[r["signatory_id"]].person_id,
                   "method": matches[r["signatory_id"]].method,
                   "score": matches[r["signatory_id"]].score} for r in signatory_rows]
    return Tables(
        persons=PERSONS.conform(person_rows(signatory_rows, matches, dates)).sort("person_id"),
        person_matches=PERSON_MATCHES.conform(match_rows).sort("signatory_id"),
        groups=group_rows(groups, signatory_rows),
        statements=STATEMENTS.conform(statement_rows).sort("statement_id"),
        signatories=SIGNATORIES.conform(signatory_rows).sort("statement_id", "position"),
        documents=DOCUMENTS.conform(document_rows).sort("url", "raw_sha256"),
        quarantine=QUARANTINE.conform(quarantine).sort("raw_sha256", "stage", "rule", "record"),
        statement_countries=STATEMENT_COUNTRIES.conform(country_rows).sort(*STATEMENT_COUNTRIES.key),
        statement_versions=STATEMENT_VERSIONS.conform(version_rows).sort(*STATEMENT_VERSIONS.key),
        versions=dict(by_id),
    )
