"""What the data card shows, read from the DuckDB database and validation.json.

Only the base tables (statements, signatories, statement_countries, quarantine, persons,
person_matches, documents) are queried, never the metric views, so the card does not depend on how
those are named. Every query orders its rows completely: the same data gives the same
card, byte for byte.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

import duckdb

from hemicycle.schema import TABLES
from hemicycle.vocab import GroupVocabulary, assembly_names


@dataclass(frozen=True, slots=True)
class SourceCount:  # a dataclass: a tuple's own count() would hide the field
    source: str
    key: str | None  # a year, a document type…; None when not recorded
    count: int


@dataclass(frozen=True, slots=True)
class TargetCount:
    source: str
    key: str  # the ISO code of the state the statements are about
    count: int


class LineageYear(NamedTuple):
    source: str
    lineage: str | None  # stable group id across renames; None: no group recorded
    year: int
    signatures: int


class Lineage(NamedTuple):
    source: str
    lineage: str
    codes: str  # the codes it went by, oldest first: "PES / S&D"
    name: str  # the latest full name from the vocabulary
    signatures: int


class CountryYear(NamedTuple):
    country_code: str
    year: int
    signatures: int


class GroupPair(NamedTuple):
    source: str
    first: str
    second: str
    statements: int


class CountryCoverage(NamedTuple):
    source: str
    signatures: int
    with_country: int


class SignerCountry(NamedTuple):
    source: str
    country_code: str
    country_source: str  # printed | roster
    signatures: int


class Resolution(NamedTuple):
    source: str
    method: str
    reason: str | None  # why a roster match was not made (unresolved only)
    signatures: int


class TargetStance(NamedTuple):
    source: str
    country_code: str
    stance: str
    statements: int
    signatures: int  # members' signatures on those statements


class StanceSigner(NamedTuple):
    stance: str
    name: str  # as last printed
    country_code: str | None
    groups: str  # the group codes printed with the name, joined
    targets: str  # the target states, by code, joined
    statements: int


class TableRows(NamedTuple):
    name: str
    description: str
    rows: int
    columns: tuple[tuple[str, str, str], ...]  # (name, type, description)


class Check(NamedTuple):
    table: str
    rule: str
    severity: str
    passed: bool
    crashed: bool
    description: str
    message: str
    unexpected_count: int | None
    element_count: int | None
    examples: str  # compact JSON of the first examples


class QuarantineCount(NamedTuple):
    stage: str
    rule: str
    rows: int
    documents: int
    example: str


class Link(NamedTuple):
    label: str
    href: str  # relative to the card's folder, URL-quoted
    size: int | None  # bytes, when a file


@dataclass(frozen=True)
class CardData:
    sources: dict[str, str]  # code -> assembly name
    statements_by_year: list[SourceCount]
    statements_by_type: list[SourceCount]
    group_years: list[LineageYear]
    lineages: list[Lineage]
    country_years: list[CountryYear]
    country_coverage: list[CountryCoverage]
    group_pairs: list[GroupPair]
    target_countries: list[TargetCount]
    target_stances: list[TargetStance]
    stance_signers: list[StanceSigner]  # the members who signed most, per stance (praise, criticism)
    tables: list[TableRows]
    checks: list[Check]
    quarantine: list[QuarantineCount]
    links: list[Link]
    country_names: dict[str, str] = field(default_factory=dict)
    signer_countries: list[SignerCountry] = field(default_factory=list)
    people: int | None = None  # distinct persons (a member of both assemblies counts once)
    resolution: list[Resolution] = field(default_factory=list)
    version: str | None = None
    generated: str | None = None  # a date or time the caller vouches for; none by default

    @property
    def total_statements(self) -> int:
        return sum(r.count for r in self.statements_by_year)

    def rows(self, table: str) -> int:
        return next((t.rows for t in self.tables if t.name == table), 0)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> list[tuple[Any, ...]]:
    return con.execute(sql, params or []).fetchall()


PERSON = "kind = 'person'"

SQL_BY_YEAR = """
SELECT source, year, count(*) FROM statements GROUP BY ALL ORDER BY source, year NULLS LAST
"""
SQL_BY_TYPE = """
SELECT source, doc_type, count(*) FROM statements GROUP BY ALL ORDER BY source, 3 DESC, doc_type
"""
SQL_GROUP_YEARS = f"""
SELECT source, group_id, year, count(*) FROM signatories
WHERE {PERSON} AND year IS NOT NULL GROUP BY ALL ORDER BY source, group_id NULLS LAST, year
"""
SQL_LINEAGE_CODES = """
SELECT source, group_id, group_code, min(coalesce(date, make_date(year, 1, 1))) AS first_seen
FROM signatories WHERE group_id IS NOT NULL AND group_code IS NOT NULL
GROUP BY ALL ORDER BY source, group_id, first_seen NULLS LAST, group_code
"""
SQL_LINEAGE_TOTALS = f"""
SELECT source, group_id, count(*) FROM signatories
WHERE {PERSON} AND group_id IS NOT NULL GROUP BY ALL ORDER BY source, 3 DESC, group_id
"""
SQL_COUNTRY_YEARS = f"""
SELECT country_code, year, count(*) FROM signatories
WHERE {PERSON} AND country_code IS NOT NULL AND year IS NOT NULL
GROUP BY ALL ORDER BY country_code, year
"""
SQL_SIGNER_COUNTRIES = f"""
SELECT source, country_code, coalesce(country_source, 'printed'), count(*) FROM signatories
WHERE {PERSON} AND country_code IS NOT NULL GROUP BY ALL ORDER BY source, country_code, 3
"""
# How each person signature was attributed (person_matches has no source: the signatures say it).
SQL_RESOLUTION = f"""
SELECT s.source, m.method, m.reason, count(*) FROM person_matches m JOIN signatories s USING (signatory_id)
WHERE s.{PERSON} GROUP BY ALL ORDER BY s.source, 4 DESC, m.method, m.reason NULLS FIRST
"""
SQL_COUNTRY_COVERAGE = f"""
SELECT source, count(*), count(country_code) FROM signatories WHERE {PERSON}
GROUP BY ALL ORDER BY source
"""
# Two groups co-sign a statement when both have a signature on it (a member or the group).
SQL_GROUP_PAIRS = """
WITH present AS (
    SELECT DISTINCT source, statement_id, group_code FROM signatories WHERE group_code IS NOT NULL
)
SELECT a.source, a.group_code, b.group_code, count(*) AS statements
FROM present a JOIN present b ON a.statement_id = b.statement_id AND a.group_code < b.group_code
GROUP BY ALL ORDER BY statements DESC, a.source, a.group_code, b.group_code
LIMIT ?
"""
SQL_TARGETS = """
SELECT source, country_code, count(DISTINCT statement_id) FROM statement_countries
GROUP BY ALL ORDER BY source, country_code
"""
SQL_TARGET_STANCES = f"""
SELECT ss.source, ss.country_code, ss.stance, count(DISTINCT ss.statement_id),
       count(sig.signatory_id) FILTER (WHERE sig.{PERSON})
FROM statement_stances ss LEFT JOIN signatories sig USING (statement_id)
GROUP BY ALL ORDER BY ss.source, ss.country_code, ss.stance
"""
# The members who signed most statements of praise (or criticism) of any state.
SQL_STANCE_SIGNERS = f"""
WITH signed AS (
    SELECT ss.stance, sig.person_id, sig.name, sig.date, sig.country_code, sig.group_code,
           ss.country_code AS target, sig.statement_id
    FROM statement_stances ss JOIN signatories sig USING (statement_id)
    WHERE sig.{PERSON} AND sig.person_id IS NOT NULL AND ss.stance IN ('praise', 'criticism')
), ranked AS (
    SELECT stance, person_id,
           any_value(name ORDER BY date DESC NULLS LAST, name) AS name,
           any_value(country_code ORDER BY date DESC NULLS LAST, country_code) AS country_code,
           string_agg(DISTINCT group_code, ', ' ORDER BY group_code) AS groups,
           string_agg(DISTINCT target, ', ' ORDER BY target) AS targets,
           count(DISTINCT statement_id) AS statements,
           row_number() OVER (PARTITION BY stance ORDER BY count(DISTINCT statement_id) DESC,
                              any_value(name ORDER BY date DESC NULLS LAST, name), person_id) AS place
    FROM signed GROUP BY stance, person_id
)
SELECT stance, name, country_code, coalesce(groups, ''), targets, statements FROM ranked
WHERE place <= ? ORDER BY stance DESC, place
"""
TOP_SIGNERS = 10
SQL_QUARANTINE = """
SELECT stage, rule, count(*), count(DISTINCT raw_sha256), min(message) FROM quarantine
GROUP BY ALL ORDER BY 3 DESC, stage, rule
"""

TOP_PAIRS = 10


def _lineages(con: duckdb.DuckDBPyConnection) -> list[Lineage]:
    vocab = GroupVocabulary.load()
    codes: dict[tuple[str, str], list[str]] = {}
    for source, lineage, code, _ in _rows(con, SQL_LINEAGE_CODES):
        codes.setdefault((source, lineage), []).append(code)
    result = []
    for source, lineage, signatures in _rows(con, SQL_LINEAGE_TOTALS):
        seen = codes.get((source, lineage), [])
        try:
            name = vocab.group(source, seen[-1]).name_en if seen else ""
        except KeyError:
            name = ""
        result.append(Lineage(source, lineage, " / ".join(seen) or lineage, name, signatures))
    return result


def country_name(code: str) -> str:
    import pycountry

    if code == "XK":  # user-assigned code, not in ISO 3166-1 itself
        return "Kosovo"
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def read_checks(validation_path: Path) -> list[Check]:
    report: dict[str, Any] = json.loads(validation_path.read_text(encoding="utf-8"))
    checks = []
    for c in report.get("checks", []):
        examples = json.dumps(c.get("examples", [])[:3], ensure_ascii=False, sort_keys=True)
        checks.append(Check(
            table=str(c.get("table", "")), rule=str(c.get("rule", "")),
            severity=str(c.get("severity", "")), passed=bool(c.get("passed")),
            crashed=bool(c.get("crashed")), description=str(c.get("description") or ""),
            message=str(c.get("message") or ""), unexpected_count=c.get("unexpected_count"),
            element_count=c.get("element_count"), examples=examples))
    return sorted(checks, key=lambda c: (c.table, c.rule))


# Files a folder may hold beside the card, in the order they are listed, with what they are.
KNOWN_FILES = (
    ("hemicycle.duckdb", "DuckDB database: every table, metric and macro in one file"),
    ("validation.json", "every check: rule, severity, outcome, examples"),
    ("datapackage.json", "Frictionless data package descriptor"),
    ("manifest.json", "release manifest"),
    ("SHA256SUMS", "checksums of every file"),
    ("CHANGES.md", "what changed since the previous release"),
    ("views.sql", "SQL views over the Parquet files, to attach them yourself"),
    ("macros.sql", "SQL of the macros"),
)


# Files whose size the card does not give: DuckDB's compression decisions depend on memory it
# never initialised, so the size of a database varies between builds of the same data, and the
# card is the same byte for byte for the same data.
UNSIZED = ("hemicycle.duckdb",)


def href(relative: Path | str) -> str:
    return quote(Path(relative).as_posix(), safe="/=")  # "=" is allowed in a path (hive folders)


def discover_links(folder: Path, pending: tuple[str, ...] = ()) -> list[Link]:
    """Every known file present in ``folder`` (or ``pending``: written after the card, size
    unknown yet), then every Parquet file under ``tables/`` and ``metrics/``."""
    links = [Link(f"{name}: {what}", href(name),
                  (folder / name).stat().st_size if (folder / name).is_file() and name not in UNSIZED else None)
             for name, what in KNOWN_FILES if (folder / name).is_file() or name in pending]
    for sub in ("tables", "metrics"):
        if not (folder / sub).is_dir():
            continue
        # "*/**" descends into table folders that are symbolic links (a run's published tables)
        found = {*(folder / sub).glob("*.parquet"), *(folder / sub).glob("*/**/*.parquet")}
        for path in sorted(found, key=lambda p: p.relative_to(folder).as_posix()):
            rel = path.relative_to(folder)
            if not any(part.startswith(".") for part in rel.parts):
                links.append(Link(rel.as_posix(), href(rel), path.stat().st_size))
    return links


def resolve_links(folder: Path, links: list[tuple[str, str]] | None,
                  pending: tuple[str, ...] = ()) -> list[Link]:
    """The caller's links (label, relative href), keeping only files inside ``folder``."""
    if links is None:
        return discover_links(folder, pending)
    root = folder.resolve()
    kept = []
    for label, relative in links:
        target = (folder / relative)
        inside = os.path.commonpath([root, target.resolve()]) == str(root)
        if inside and target.is_file() and not Path(relative).is_absolute():
            kept.append(Link(label, href(relative), target.stat().st_size))
    return kept


def _table_rows(con: duckdb.DuckDBPyConnection) -> list[TableRows]:
    present = {r[0] for r in _rows(con, "SELECT view_name FROM duckdb_views() WHERE NOT internal "
                                        "UNION SELECT table_name FROM duckdb_tables()")}
    return [TableRows(t.name, t.description, _rows(con, f"SELECT count(*) FROM {t.name}")[0][0],
                      tuple((c.name, c.dtype, c.description) for c in t.columns))
            for t in TABLES.values() if t.name in present]


def gather(con: duckdb.DuckDBPyConnection, validation_path: Path, folder: Path,
           links: list[tuple[str, str]] | None = None, version: str | None = None,
           generated: str | None = None, pending: tuple[str, ...] = ()) -> CardData:
    by_year = [SourceCount(s, None if y is None else str(y), n)
               for s, y, n in _rows(con, SQL_BY_YEAR)]
    targets = [TargetCount(s, k, n) for s, k, n in _rows(con, SQL_TARGETS)]
    country_years = [CountryYear(*r) for r in _rows(con, SQL_COUNTRY_YEARS)]
    present = {r[0] for r in _rows(con, "SELECT view_name FROM duckdb_views() WHERE NOT internal "
                                        "UNION SELECT table_name FROM duckdb_tables()")}
    has_stances = "statement_stances" in present
    stances = [TargetStance(*r) for r in _rows(con, SQL_TARGET_STANCES)] if has_stances else []
    signer_countries = [SignerCountry(*r) for r in _rows(con, SQL_SIGNER_COUNTRIES)] \
        if "signatories" in present else []
    resolution = [Resolution(*r) for r in _rows(con, SQL_RESOLUTION)] \
        if {"signatories", "person_matches"} <= present else []
    codes = {r.country_code for r in country_years} | {t.key for t in targets if t.key} \
        | {r.country_code for r in signer_countries} | {t.country_code for t in stances}
    return CardData(
        sources=assembly_names(),
        statements_by_year=by_year,
        statements_by_type=[SourceCount(*r) for r in _rows(con, SQL_BY_TYPE)],
        group_years=[LineageYear(*r) for r in _rows(con, SQL_GROUP_YEARS)],
        lineages=_lineages(con),
        country_years=country_years,
        country_coverage=[CountryCoverage(*r) for r in _rows(con, SQL_COUNTRY_COVERAGE)],
        group_pairs=[GroupPair(*r) for r in _rows(con, SQL_GROUP_PAIRS, [TOP_PAIRS])],
        target_countries=targets,
        target_stances=stances,
        stance_signers=[StanceSigner(*r) for r in _rows(con, SQL_STANCE_SIGNERS, [TOP_SIGNERS])]
        if has_stances else [],
        tables=_table_rows(con),
        checks=read_checks(validation_path) if validation_path.is_file() else [],
        quarantine=[QuarantineCount(*r) for r in _rows(con, SQL_QUARANTINE)],
        links=resolve_links(folder, links, pending),
        country_names={c: country_name(c) for c in sorted(codes)},
        signer_countries=signer_countries,
        resolution=resolution,
        people=_rows(con, "SELECT count(DISTINCT person_id) FROM persons")[0][0] if "persons" in present else None,
        version=version,
        generated=generated,
    )
