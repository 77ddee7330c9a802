"""Roster files -> members and memberships.

Two kinds of EP roster are read, as they come:

- the EP's member files (``data_v1_meps_<term>_en.csv``): one row per member of a term with
  names, gender and citizenship, in Windows-1252 with ``?`` for letters outside it and no
  memberships. A row becomes a member and a mandate covering the whole term, whose
  country is the citizenship (``country_basis`` says so); known misprints are corrected
  through ``data/vocab/roster_corrections.csv``;
- Open Data Portal records: ``/meps/{id}`` (names, gender, ``hasMembership[]``: mandates with
  the country they represent, political groups, national parties, delegations, each with
  its dates) and ``/corporate-bodies/{id}`` (labels of groups and parties). Keys are read
  through the tolerant JSON-LD readers: compact, prefixed or full IRIs, values or lists.

Records are pure data; ``build_roster`` merges them, one row per member (the richest and
latest record) and one per membership.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from hemicycle.content import detect_format
from hemicycle.errors import ParseError
from hemicycle.jsonld import jsonld_first, jsonld_get, jsonld_tail
from hemicycle.people.reference import ep_term, roster_corrections
from hemicycle.records import RawDocument
from hemicycle.schema import MEMBERS, MEMBERSHIPS
from hemicycle.vocab import CountryVocabulary, GroupVocabulary

MANDATE, GROUP, NATIONAL_PARTY, DELEGATION = "mandate", "group", "national_party", "delegation"
MEMBERSHIP_KINDS = (MANDATE, GROUP, NATIONAL_PARTY, DELEGATION)
_CLASSIFICATIONS = {"EU_POLITICAL_GROUP": GROUP, "NATIONAL_POLITICAL_GROUP": NATIONAL_PARTY,
                    "DELEGATION_PARLIAMENTARY": DELEGATION,
                    "DELEGATION_PARLIAMENTARY_ASSEMBLY": DELEGATION}
_TERM_ORG = re.compile(r"^ep-(\d+)$")
_CSV_TERM = re.compile(r"meps_(?:term_)?(\d+)_[a-z]{2}\.csv$")
# The Open Data Portal writes the country of representation with the EU's own codes.
_EU_CODES = {"EL": "GR", "UK": "GB"}
# Which record of a member wins: detailed portal records over member files, later over earlier.
_CSV_RANK, _API_RANK = 1, 2


@dataclass
class RosterPart:
    """What one roster document says."""

    members: list[dict[str, Any]] = field(default_factory=list)
    memberships: list[dict[str, Any]] = field(default_factory=list)
    bodies: dict[str, dict[str, Any]] = field(default_factory=dict)  # org id -> body
    listed: list[str] = field(default_factory=list)  # member ids a listing page names


@functools.cache
def _alpha3() -> dict[str, str]:
    import pycountry

    return {c.alpha_3: c.alpha_2 for c in pycountry.countries}


def country_from_uri(value: Any) -> str | None:
    """ISO alpha-2 of an authority country URI (``.../country/BEL``) or a code (``BE``, ``EL``)."""
    tail = jsonld_tail(value)
    if not tail:
        return None
    tail = tail.upper()
    if len(tail) == 3:
        return _alpha3().get(tail)
    if len(tail) == 2:
        code = _EU_CODES.get(tail, tail)
        return code if code in CountryVocabulary.load().codes else None
    return None


def _day(value: Any) -> dt.date | None:
    text = jsonld_first(value)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _text(value: Any) -> str | None:
    value = jsonld_first(value)
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _english(value: Any) -> str | None:
    """The English form of a multilingual label (a dict by language or a list of values)."""
    if isinstance(value, dict) and "@value" not in value and "@id" not in value:
        return _text(value.get("en") or next(iter(value.values()), None))
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item.get("@language") == "en":
                return _text(item.get("@value"))
    return _text(value)


def _gender(value: Any) -> str | None:
    tail = (jsonld_tail(value) or "").lower()
    return tail if tail in ("female", "male") else None


def _items(content: bytes) -> list[dict[str, Any]]:
    try:
        data = json.loads(content)
    except ValueError as exc:
        raise ParseError(f"not valid JSON: {exc}", reason="bad_json") from exc
    items = data.get("data", data.get("@graph", data)) if isinstance(data, dict) else data
    items = items if isinstance(items, list) else [items]
    return [item for item in items if isinstance(item, dict)]


def _member_row(raw: RawDocument, member_id: str, given: str | None, family: str | None,
                gender: str | None, rank: tuple[int, int]) -> dict[str, Any]:
    names = f"{given or ''}{family or ''}"
    return {"member_id": member_id, "source": "ep", "given_name": given, "family_name": family,
            "name": " ".join(filter(None, (given, family))) or member_id, "gender": gender,
            "name_complete": "?" not in names,
            "ep_id": member_id.removeprefix("ep:"), "pace_id": None, "wikidata_id": None,
            "recorded_from": "roster", "url": raw.url, "raw_sha256": raw.sha256,
            "retrieved_at": raw.fetched_at, "_rank": rank}


def _mandate(raw: RawDocument, member_id: str, term: int, country: str | None, basis: str | None,
             start: dt.date | None, end: dt.date | None) -> dict[str, Any]:
    return {"member_id": member_id, "source": "ep", "kind": MANDATE, "organisation_id": f"org/ep-{term}",
            "organisation_code": f"ep-{term}", "organisation_label": f"European Parliament, term {term}",
            "country_code": country, "country_basis": basis if country else None,
            "start_date": start, "end_date": end, "term": term, "url": raw.url, "raw_sha256": raw.sha256}


def _csv_text(raw: RawDocument) -> str:
    charset = re.search(r"charset=([\w-]+)", raw.content_type or "")
    for encoding in ([charset.group(1)] if charset else []) + ["utf-8"]:
        try:
            return raw.content.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.content.decode("cp1252", errors="replace")  # the EP files' code page


def parse_member_csv(raw: RawDocument) -> RosterPart:
    """The EP's member file of one term: a member and a whole-term mandate per row."""
    found = _CSV_TERM.search(raw.url.split("?")[0])
    term = ep_term(int(found.group(1))) if found else None
    if term is None:
        raise ParseError(f"{raw.url}: the file name says no known term", reason="roster_unknown_term")
    fixes = [c for c in roster_corrections() if c.url_pattern.search(raw.url) and term.number in c.terms]
    rows = csv.DictReader(io.StringIO(_csv_text(raw), newline=""))
    if not rows.fieldnames or "mep_identifier" not in rows.fieldnames:
        raise ParseError(f"{raw.url}: no mep_identifier column", reason="roster_columns")
    countries = CountryVocabulary.load()
    part = RosterPart()
    for row in rows:
        written = dict(row)  # every correction reads the value as written, never another's result
        for fix in fixes:
            if (written.get(fix.column) or "").strip() == fix.as_written:
                row[fix.column] = fix.corrected
        ident = (row.get("mep_identifier") or "").strip()
        if not ident.isdigit():
            continue
        member_id = f"ep:{ident}"
        gender = (row.get("mep_gender") or "").strip().lower() or None
        part.members.append(_member_row(raw, member_id, _text(row.get("mep_given_name")),
                                        _text(row.get("mep_family_name")),
                                        gender if gender in ("female", "male") else None,
                                        (_CSV_RANK, term.number)))
        country = countries.resolve(_text(row.get("mep_citizenship")))
        part.memberships.append(_mandate(raw, member_id, term.number, country, "citizenship",
                                         term.first_day, term.last_day))
    return part


def parse_member_record(raw: RawDocument) -> RosterPart:
    """``/meps/{id}``: the member and every mandate, group, party and delegation."""
    part = RosterPart()
    for item in _items(raw.content):
        ident = _text(jsonld_get(item, "identifier")) or jsonld_tail(jsonld_get(item, "id"))
        if not ident or not ident.isdigit():
            continue
        member_id = f"ep:{ident}"
        terms = []
        memberships = jsonld_get(item, "hasMembership") or []
        for membership in memberships if isinstance(memberships, list) else [memberships]:
            if not isinstance(membership, dict):
                continue
            row = _membership(raw, member_id, membership)
            if row is not None:
                part.memberships.append(row)
                if row["kind"] == MANDATE:
                    terms.append(row["term"])
        part.members.append(_member_row(
            raw, member_id, _text(jsonld_get(item, "givenName")), _text(jsonld_get(item, "familyName")),
            _gender(jsonld_get(item, "hasGender")), (_API_RANK, max(terms, default=0))))
    return part


def _membership(raw: RawDocument, member_id: str, membership: dict[str, Any]) -> dict[str, Any] | None:
    organisation = jsonld_tail(jsonld_get(membership, "organization")) or ""
    role = jsonld_tail(jsonld_get(membership, "role")) or ""
    classification = jsonld_tail(jsonld_get(membership, "membershipClassification")) or ""
    period = jsonld_get(membership, "memberDuring") or {}
    period = period[0] if isinstance(period, list) and period else period
    period = period if isinstance(period, dict) else {}
    start, end = _day(jsonld_get(period, "startDate")), _day(jsonld_get(period, "endDate"))
    term = _TERM_ORG.match(organisation)
    if term or role == "MEMBER_PARLIAMENT" or classification == "EU_INSTITUTION":
        if not term:
            return None  # an institution other than a term of the Parliament
        represents = jsonld_get(membership, "represents")
        countries = [c for c in map(country_from_uri, represents if isinstance(represents, list)
                                    else [represents]) if c]
        return _mandate(raw, member_id, int(term.group(1)), countries[0] if countries else None,
                        "represents", start, end)
    kind = _CLASSIFICATIONS.get(classification)
    if kind is None or not organisation:
        return None  # committees and other bodies: not what this dataset is about
    return {"member_id": member_id, "source": "ep", "kind": kind, "organisation_id": f"org/{organisation}",
            "organisation_code": None, "organisation_label": None, "country_code": None,
            "country_basis": None, "start_date": start, "end_date": end, "term": None,
            "url": raw.url, "raw_sha256": raw.sha256}


def parse_body_record(raw: RawDocument) -> RosterPart:
    """``/corporate-bodies/{id}``: code and English name of a group, party or delegation."""
    part = RosterPart()
    for item in _items(raw.content):
        ident = _text(jsonld_get(item, "identifier")) or jsonld_tail(jsonld_get(item, "id"))
        if not ident:
            continue
        period = jsonld_get(item, "temporal") or {}
        period = period if isinstance(period, dict) else {}
        part.bodies[f"org/{ident}"] = {
            "label": _text(jsonld_get(item, "label")), "name_en": _english(jsonld_get(item, "prefLabel")),
            "classification": jsonld_tail(jsonld_get(item, "classification")),
            "start": _day(jsonld_get(period, "startDate")),
        }
    return part


def parse_member_listing(content: bytes) -> tuple[list[str], int]:
    """Member ids of a ``/meps?parliamentary-term=N`` page, and how many items it held."""
    if not content.strip():
        return [], 0  # 204 No Content past the last page
    items = _items(content)
    ids = []
    for item in items:
        ident = _text(jsonld_get(item, "identifier")) or jsonld_tail(jsonld_get(item, "id"))
        if ident and ident.isdigit():
            ids.append(ident)
    return ids, len(items)


def parse_roster_document(raw: RawDocument) -> RosterPart:
    """Any roster document, by what it is: a member file, a member record, a body record."""
    if detect_format(raw.content, raw.content_type) != "json":
        return parse_member_csv(raw)
    path = raw.url.split("?")[0].rstrip("/")
    if "/corporate-bodies/" in path:
        return parse_body_record(raw)
    if re.search(r"/meps/\d+$", path):
        return parse_member_record(raw)
    part = RosterPart()
    part.listed, _ = parse_member_listing(raw.content)
    return part


@dataclass
class RosterTables:
    members: pl.DataFrame  # MEMBERS
    memberships: pl.DataFrame  # MEMBERSHIPS
    problems: list[tuple[RawDocument, str, str]] = field(default_factory=list)  # doc, reason, message

    @classmethod
    def empty(cls) -> RosterTables:
        return cls(MEMBERS.empty(), MEMBERSHIPS.empty())


def _label_memberships(memberships: list[dict[str, Any]], bodies: dict[str, dict[str, Any]]) -> None:
    groups = GroupVocabulary.load()
    for row in memberships:
        if row["kind"] == MANDATE:
            continue
        # the portal names some bodies by their code ("org/EFDD"): that code is their label
        body = bodies.get(row["organisation_id"]) or {"label": row["organisation_id"].removeprefix("org/")}
        row["organisation_label"] = body.get("name_en") or body.get("label")
        code = body.get("label")
        if row["kind"] == GROUP:
            found = None
            for label in (body.get("label"), body.get("name_en")):
                found = found or groups.resolve("ep", label, row["start_date"])
            code = found.code if found else None
        row["organisation_code"] = code


def build_roster(documents: Iterable[RawDocument]) -> RosterTables:
    """Members and memberships of every roster document; unreadable ones are listed."""
    members: dict[str, dict[str, Any]] = {}
    memberships: list[dict[str, Any]] = []
    bodies: dict[str, dict[str, Any]] = {}
    problems = []
    for raw in documents:
        try:
            part = parse_roster_document(raw)
        except ParseError as exc:
            problems.append((raw, exc.reason, str(exc)))
            continue
        bodies.update(part.bodies)
        memberships.extend(part.memberships)
        for row in part.members:
            known = members.get(row["member_id"])
            if known is None or (row["_rank"], row["retrieved_at"]) > (known["_rank"], known["retrieved_at"]):
                members[row["member_id"]] = row
    # a member with a detailed record: its memberships replace those of the member files
    detailed = {m for m, row in members.items() if row["_rank"][0] == _API_RANK}
    memberships = [r for r in memberships if r["member_id"] not in detailed
                   or r["raw_sha256"] == members[r["member_id"]]["raw_sha256"]]
    _label_memberships(memberships, bodies)
    unique = {(r["member_id"], r["kind"], r["organisation_id"], r["start_date"]): r for r in memberships}
    member_frame = MEMBERS.conform([{k: v for k, v in row.items() if not k.startswith("_")}
                                    for row in members.values()])
    membership_frame = MEMBERSHIPS.conform(list(unique.values()))
    return RosterTables(member_frame.sort("member_id"),
                        membership_frame.sort("member_id", "kind", "start_date", "organisation_id",
                                              nulls_last=True),
                        problems)
