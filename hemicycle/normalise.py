"""Statement versions and signatures as printed -> normalised rows of the published tables.

Columnar: the inputs are the flat frames of ``hemicycle.flat``; labels become codes by
joins against what the vocabularies say of each distinct label (``hemicycle.lexicon``),
the primary version of a statement and its counts come from sorts and group-bys. Language
versions of one statement (same id) are merged here, so they must arrive in the same call;
``normalise`` is called per bucket of statement ids by the clean stage, and once on
everything by ``build_tables``, the pure entry point for small inputs.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import polars as pl

from hemicycle.flat import PRIMARY_DOC_TYPES, Flat, Reading, flatten
from hemicycle.groups import group_rows
from hemicycle.lexicon import lookup
from hemicycle.parse.ep.phrases import title_type_words
from hemicycle.people.roster import RosterTables
from hemicycle.persons import apply_fills, attribute, document_members, person_table
from hemicycle.records import ParsedDocument
from hemicycle.schema import (
    PERSON_MATCHES,
    QUARANTINE,
    SIGNATORIES,
    STATEMENT_COUNTRIES,
    STATEMENT_STANCES,
    STATEMENT_VERSIONS,
    STATEMENTS,
)
from hemicycle.stance import METHOD, read_stances
from hemicycle.subjects import subject_countries
from hemicycle.vocab import CountryVocabulary, GroupVocabulary, fold


@dataclass
class Tables:
    statements: pl.DataFrame
    signatories: pl.DataFrame
    documents: pl.DataFrame
    quarantine: pl.DataFrame
    statement_versions: pl.DataFrame
    statement_countries: pl.DataFrame
    statement_stances: pl.DataFrame
    persons: pl.DataFrame
    person_matches: pl.DataFrame
    groups: pl.DataFrame
    members: pl.DataFrame
    memberships: pl.DataFrame
    person_links: pl.DataFrame


@dataclass
class Normalised:
    """What one bucket of statements gives: every table but the global ones (persons)."""

    statements: pl.DataFrame
    signatories: pl.DataFrame  # without person_id: persons are resolved over every bucket
    statement_versions: pl.DataFrame
    statement_countries: pl.DataFrame
    statement_stances: pl.DataFrame
    quarantine: pl.DataFrame
    source_refs: pl.DataFrame  # SOURCE_REF_SCHEMA: member ids any version of a statement gives


SOURCE_REF_SCHEMA = {"statement_id": pl.String(), "person_ref": pl.String(), "group_code": pl.String()}


# ---------------------------------------------------------------- rules on one value
@functools.lru_cache(maxsize=1 << 16)
def _latin(name: str) -> bool:
    """Names transliterated into Greek or Cyrillic by some versions cannot be compared as text."""
    return name.isascii() or all(ord(ch) < 0x370 for ch in name if ch.isalpha())


def _blank(text: str | None) -> bool:
    return not text or not text.strip()


def _fold(text: str | None) -> str:
    return fold(text or "")


def _group(source: str, label: str | None, on: dt.date | None) -> tuple[str | None, str | None]:
    match = GroupVocabulary.load().resolve(source, label, on)
    return (match.code, match.group_id) if match else (None, None)


def _country(label: str | None) -> str | None:
    return CountryVocabulary.load().resolve(label)


def read_labels(signatures: pl.DataFrame) -> pl.DataFrame:
    """Adds ``group_code``/``group_id`` (the group at the statement's ``date``, for its
    ``source``) and ``country_code``, from the printed labels."""
    signatures = lookup(signatures, ["source", "group_label", "date"], _group,
                        {"group_code": pl.String(), "group_id": pl.String()})
    return lookup(signatures, ["country_label"], _country, {"country_code": pl.String()})


def _family_or_name() -> pl.Expr:
    family = pl.col("family_name")
    return pl.when(family.is_null() | (family == "")).then(pl.col("name")).otherwise(family)


def _printed_name() -> pl.Expr:
    """False for signatories known only by an identifier (EP Open Data Portal authors)."""
    ref = pl.col("person_ref")
    return ~(ref.is_not_null() & (ref != "") & (pl.col("name") == ref))


def _keyed(signatures: pl.DataFrame) -> pl.DataFrame:
    """Adds the comparison keys of each printed signature."""
    frame = signatures.with_columns(_family_or_name().alias("family_or_name"))
    frame = lookup(frame, ["family_or_name"], _fold, {"family_key": pl.String()})
    frame = lookup(frame, ["given_name"], _fold, {"given_key": pl.String()})
    frame = lookup(frame, ["country_label"], lambda label: (_fold(label), _blank(label)),
                   {"country_key": pl.String(), "country_blank": pl.Boolean()})
    frame = lookup(frame, ["name"], lambda name: (name is not None and _latin(name), _blank(name)),
                   {"latin": pl.Boolean(), "name_blank": pl.Boolean()})
    role = pl.col("role")
    return frame.with_columns(
        # (family name, country code, group signed for): what versions must agree on
        name_key=pl.when(_printed_name() & pl.col("latin")).then(pl.col("family_key")),
        signed_for=pl.when(role.is_null() | (role != "member_of_group")).then(pl.col("group_code")),
    ).drop("family_or_name")


# ---------------------------------------------------------------- versions
# (family name, country code, group signed for) of one entry of a list
VersionKey = tuple[str | None, str | None, str | None]


def compare_versions(primary: list[VersionKey], other: list[VersionKey], other_complete: bool) -> str | None:
    """None when ``other`` agrees with ``primary`` (a cut list must be its beginning).

    Keys are (family name, country code, group signed for). Versions that do not both
    print names in Latin script are compared on their groups only.
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


def _primary(versions: pl.DataFrame, signatures: pl.DataFrame) -> pl.DataFrame:
    """``seq`` of each statement's primary version: the one whose list is the most useful
    (trusted, complete, with printed names, longest, English); the first read on a tie."""
    printed = signatures.group_by("seq").agg(pl.col("printed").all().alias("all_printed"))
    ranked = versions.join(printed, on="seq", how="left").with_columns(
        pl.col("all_printed").fill_null(True), is_en=pl.col("language") == "en")
    order = ["statement_id", "trusted", "signatories_complete", "all_printed", "signatory_count", "is_en",
             "url", "seq"]
    return ranked.sort(order, descending=[False, True, True, True, True, True, True, False]) \
        .unique(subset="statement_id", keep="first", maintain_order=True) \
        .select("statement_id", primary_seq="seq")


def _agreement(versions: pl.DataFrame, keyed: pl.DataFrame) -> pl.DataFrame:
    """(seq, differences) of every version that is not its statement's primary and does not
    agree with it; the others agree."""
    others = versions.filter(~pl.col("is_primary"))
    if others.is_empty():
        return pl.DataFrame(schema={"seq": pl.Int64(), "differences": pl.String()})
    wanted = pl.concat([others["seq"], others["primary_seq"]]).unique()
    lists = keyed.filter(pl.col("seq").is_in(wanted.implode())).sort("seq", "i") \
        .group_by("seq").agg("name_key", "country_code", "signed_for")
    keys = {seq: list(zip(names, countries, groups, strict=True))
            for seq, names, countries, groups in lists.iter_rows()}
    found = []
    for seq, primary_seq, complete in others.select("seq", "primary_seq", "signatories_complete").iter_rows():
        difference = compare_versions(keys.get(primary_seq, []), keys.get(seq, []), complete)
        if difference is not None:
            found.append((seq, difference))
    return pl.DataFrame(found, schema={"seq": pl.Int64(), "differences": pl.String()}, orient="row")


# ---------------------------------------------------------------- signatories
def _problems(primary_sigs: pl.DataFrame) -> pl.DataFrame:
    """Blocking reasons per signatory position of the primary lists: rows that cannot be
    published as they are (no name; a PACE member without country; printed twice)."""
    frame = primary_sigs.sort("seq", "i").with_columns(
        rule=pl.when(pl.col("name_blank")).then(pl.lit("missing_name"))
        .when((pl.col("source") == "pace") & (pl.col("kind") == "person") & pl.col("country_blank"))
        .then(pl.lit("missing_country")))
    first = frame.filter(pl.col("rule").is_null()).with_columns(
        first_position=pl.col("position").first().over("seq", "family_key", "given_key", "country_key"))
    duplicates = first.filter(pl.col("position") != pl.col("first_position")) \
        .select("seq", "i", "first_position")
    frame = frame.join(duplicates, on=["seq", "i"], how="left").sort("seq", "i").with_columns(
        rule=pl.when(pl.col("first_position").is_not_null()).then(pl.lit("duplicate_signatory"))
        .otherwise(pl.col("rule")))
    # one reason per position: a later row at the same position replaces an earlier one
    problems = frame.filter(pl.col("rule").is_not_null()) \
        .unique(subset=["seq", "position"], keep="last", maintain_order=True)
    messages: dict[str, Callable[[str | None, int | None], str]] = {
        "missing_name": lambda name, first: "signatory without a name",
        "missing_country": lambda name, first: f"{name!r} has no country; PACE lists always print one",
        "duplicate_signatory": lambda name, first: f"{name!r} already signed at position {first}",
    }
    return problems.with_columns(message=pl.Series(
        "message", [messages[rule](name, first) for rule, name, first in
                    problems.select("rule", "name", "first_position").iter_rows()], dtype=pl.String()))


def _subjects(versions: pl.DataFrame, statements: pl.DataFrame) -> pl.DataFrame:
    titled = versions.filter(pl.col("title").is_not_null() & (pl.col("title") != "")) \
        .group_by("statement_id").agg(pl.col("title").unique())
    frame = statements.select("statement_id", "source", "year", "primary_text").join(
        titled, on="statement_id", how="left")
    rows = []
    for sid, source, year, text, titles in frame.iter_rows():
        joined = "\n".join(sorted(titles or []))
        for rank, (code, found_in, mentions) in enumerate(subject_countries(joined, text), 1):
            rows.append({"statement_id": sid, "source": source, "year": year, "country_code": code,
                         "rank": rank, "found_in": found_in, "mentions": mentions})
    return STATEMENT_COUNTRIES.conform(rows)


def _stances(versions: pl.DataFrame, statements: pl.DataFrame) -> pl.DataFrame:
    """Stance toward each target state, read in the primary text and every version's title
    (each title with its own language's cues)."""
    titled = versions.filter(pl.col("title").is_not_null() & (pl.col("title") != "")) \
        .group_by("statement_id").agg(pl.struct("language", "title").unique())
    frame = statements.select("statement_id", "source", "year", "language", "primary_text").join(
        titled, on="statement_id", how="left")
    rows = []
    for sid, source, year, language, text, titles in frame.iter_rows():
        ordered = sorted((t["language"] or "", t["title"]) for t in titles or [])
        title = next((t for lang, t in ordered if lang == language), None)
        others = [(lang, t) for lang, t in ordered if t != title]
        for rank, found in enumerate(read_stances(language, title, text, others), 1):
            rows.append({"statement_id": sid, "source": source, "year": year,
                         "country_code": found.country_code, "rank": rank, "stance": found.stance,
                         "confidence": found.confidence, "evidence": found.evidence,
                         "evidence_in": found.found_in, "method": METHOD, "language": language})
    return STATEMENT_STANCES.conform(rows)


def _titles(versions: pl.DataFrame, language: str) -> pl.DataFrame:
    """The first title (by URL) among the statement's versions in ``language``."""
    return versions.filter((pl.col("language") == language) & pl.col("title").is_not_null()
                           & (pl.col("title") != "")).sort("url", "seq") \
        .unique(subset="statement_id", keep="first", maintain_order=True) \
        .select("statement_id", pl.col("title").alias(f"title_{language}"))


def _with_quarantined(unchanged: pl.Expr, changed: pl.Expr) -> pl.Expr:
    return pl.when(pl.col("troubled").is_not_null()).then(changed).otherwise(unchanged)


def _unread(statements: pl.DataFrame) -> pl.DataFrame:
    """Quarantine rows of the declarations and motions with no signatory to publish: a
    statement whose whole meaning is its list is never published without one, and never as
    complete (rule ``list_unread``, with what the text showed)."""
    empty = statements.filter(pl.col("doc_type").is_in(sorted(PRIMARY_DOC_TYPES))
                              & (pl.col("signatory_count") == 0))
    return empty.select(
        "statement_id", source="doc_source", url="url", raw_sha256="raw_sha256", stage=pl.lit("normalise"),
        rule=pl.lit("list_unread"), record="statement_id",
        message=pl.coalesce("incomplete_detail", pl.lit("no signatory could be read")),
        first_seen="fetched_at")


def _untrustworthy(versions: pl.DataFrame, differences: pl.DataFrame) -> pl.DataFrame:
    """Quarantine rows (one per version) of the statements whose versions disagree while none
    passes its own checks: there is no list to publish."""
    disagree = versions.join(differences, on="seq", how="semi").select("statement_id").unique()
    best_untrusted = versions.filter(pl.col("is_primary") & ~pl.col("trusted")).select("statement_id")
    doomed = versions.join(disagree, on="statement_id", how="semi") \
        .join(best_untrusted, on="statement_id", how="semi") \
        .join(differences, on="seq", how="left").sort("statement_id", "seq")
    return doomed.select(
        "statement_id", source="doc_source", url="url", raw_sha256="raw_sha256", stage=pl.lit("normalise"),
        rule=pl.lit("versions_disagree"), record="statement_id",
        message=pl.format("{} version{}; no version passes its own checks (list read whole, declared "
                          "total matched), so none is published", "language",
                          pl.when(pl.col("differences").is_null())
                          .then(pl.lit(" (the others were compared with it)"))
                          .otherwise(pl.lit(": ") + pl.col("differences"))),
        first_seen="fetched_at")


# ---------------------------------------------------------------- summaries and what they report
_PRINTED_MOTION = re.compile(r"\b(?:RC-)?B\d{1,2}-\d{4}/\d{4}(?!\d)")
_TITLE_WORD = re.compile(r"[^\W\d_]{4,}")
_REPORTED = ("joint_motion", "motion")
REPORT_WINDOW = dt.timedelta(days=14)  # motions are tabled days before the resolution is adopted


def _printed_motion(text: str | None) -> str | None:
    """The statement a summary names by reference, when it prints exactly one."""
    found = {ref.replace("\u2011", "-") for ref in _PRINTED_MOTION.findall((text or "").replace("\u2011", "-"))}
    return f"ep:{found.pop()}" if len(found) == 1 else None


def _title_words(title: str | None) -> frozenset[str]:
    return frozenset(w for w in _TITLE_WORD.findall((title or "").casefold()) if w not in title_type_words())


def report_links(statements: pl.DataFrame) -> pl.DataFrame:
    """(statement_id, reports_statement_id) of every EP press summary: the motion or joint
    motion of the run it reports, by the reference it prints (``reports_statement_id`` as
    read from its text), else its procedure (the procedure's joint motion, or its only
    motion), else, when no motion of its procedure was read, its date and title (a motion
    of the fortnight before, most of whose title words the summary's title shares); null
    when nothing, or more than one, matches."""
    summaries = statements.filter((pl.col("source") == "ep") & (pl.col("doc_type") == "press_summary"))
    schema = {"statement_id": pl.String(), "reports_statement_id": pl.String()}
    if summaries.is_empty():
        return pl.DataFrame(schema=schema)
    motions = statements.filter((pl.col("source") == "ep") & pl.col("doc_type").is_in(_REPORTED)) \
        .select("statement_id", "doc_type", "procedure", "date", "title").rows(named=True)
    known = {m["statement_id"] for m in motions}

    def best(candidates: list[dict[str, Any]]) -> str | None:
        joint = [m for m in candidates if m["doc_type"] == "joint_motion"]
        chosen = joint or candidates
        return str(chosen[0]["statement_id"]) if len(chosen) == 1 else None

    rows = []
    for row in summaries.select("statement_id", "reports_statement_id", "procedure", "date", "title") \
            .rows(named=True):
        target = row["reports_statement_id"] if row["reports_statement_id"] in known else None
        same_procedure = [m for m in motions if row["procedure"] and m["procedure"] == row["procedure"]]
        if target is None and same_procedure:
            target = best(same_procedure)  # several single motions and no joint one: none is sure
        elif target is None and row["date"] and row["title"]:
            words = _title_words(row["title"])
            near = [m for m in motions if m["date"] and row["date"] - REPORT_WINDOW <= m["date"] <= row["date"]
                    and words and len(words & _title_words(m["title"])) * 2 > len(words)]
            target = best(near)
        rows.append({"statement_id": row["statement_id"], "reports_statement_id": target})
    return pl.DataFrame(rows, schema=schema, orient="row")


def link_reports(statements: pl.DataFrame, links: pl.DataFrame) -> pl.DataFrame:
    """``statements`` with ``reports_statement_id`` as ``report_links`` resolved it."""
    if links.is_empty():
        return statements
    return statements.drop("reports_statement_id").join(links, on="statement_id", how="left") \
        .select(statements.columns)


def normalise(versions: pl.DataFrame, signatures: pl.DataFrame) -> Normalised:
    """The tables of the kept versions in ``versions`` (every version of each statement).

    Language versions that disagree are published from the best one that passes its own
    checks, the statement marked (``versions_agree``); when none passes, the statement goes
    to quarantine and the rest of the run is published."""
    versions = versions.filter(pl.col("kept"))
    signatures = signatures.join(versions.select("seq", "source", "date"), on="seq")
    keyed = _keyed(read_labels(signatures).with_columns(printed=_printed_name()))
    versions = versions.join(_primary(versions, keyed), on="statement_id") \
        .with_columns(is_primary=pl.col("seq") == pl.col("primary_seq"))
    differences = _agreement(versions, keyed)
    untrustworthy = _untrustworthy(versions, differences)
    versions = versions.join(untrustworthy.select("statement_id"), on="statement_id", how="anti")
    disagree = versions.join(differences, on="seq", how="semi").select("statement_id").unique() \
        .with_columns(disagree=pl.lit(True))
    primary = versions.filter(pl.col("is_primary")).with_columns(year=pl.col("date").dt.year().cast(pl.Int64))

    primary_sigs = keyed.join(primary.select("seq"), on="seq")
    problems = _problems(primary_sigs)
    kept = primary_sigs.join(problems.select("seq", "position"), on=["seq", "position"], how="anti") \
        .join(primary.select("seq", "year", "language", "url", "raw_sha256"), on="seq")
    signatories = kept.with_columns(
        signatory_id=pl.format("{}#{}", "statement_id", "position"),
        # who signed is decided over every bucket (hemicycle.persons.attribute)
        **{c: pl.lit(None, pl.String()) for c in ("person_id", "member_id", "country_source", "group_source")},
    ).select(SIGNATORIES.column_names).sort("statement_id", "position")

    counts = kept.group_by("statement_id").agg(
        signatory_count=pl.len().cast(pl.Int64),
        country_count=pl.col("country_code").drop_nulls().n_unique().cast(pl.Int64),
        group_count=pl.col("group_id").drop_nulls().n_unique().cast(pl.Int64))
    troubled = problems.group_by("statement_id").agg(
        troubled=pl.lit(True), quarantined=pl.len(), quarantine_rules=pl.col("rule").unique().sort())
    every = versions.group_by("statement_id").agg(
        languages=pl.col("language").unique().sort(), source_urls=pl.col("url").unique().sort())
    statements = primary.drop("signatory_count").join(counts, on="statement_id", how="left") \
        .join(troubled, on="statement_id", how="left") \
        .join(disagree, on="statement_id", how="left") \
        .join(every, on="statement_id", how="left") \
        .join(_titles(versions, "en"), on="statement_id", how="left") \
        .join(_titles(versions, "fr"), on="statement_id", how="left") \
        .with_columns(
            pl.col("signatory_count", "country_count", "group_count").fill_null(0),
            title=pl.coalesce("title_en", "title_fr", "title"),
            # a quarantined row means the published list is exact but not whole
            signatories_complete=pl.col("signatories_complete") & pl.col("troubled").is_null(),
            versions_agree=pl.col("disagree").is_null(),
            incomplete_reasons=_with_quarantined(pl.col("incomplete_reasons"),
                                                 pl.col("incomplete_reasons").list.concat(
                                                     pl.lit("rows_quarantined"))),
            incomplete_detail=_with_quarantined(pl.col("incomplete_detail"), pl.concat_str(
                [pl.col("incomplete_detail"), pl.format("rows_quarantined: {} signature(s) quarantined ({})",
                                                        "quarantined", pl.col("quarantine_rules").list.join(", "))],
                separator="; ", ignore_nulls=True)),
            primary_text=pl.col("text"))
    unread = _unread(statements)
    if not unread.is_empty():  # nothing to publish of these lists: the statement waits in quarantine
        statements = statements.join(unread.select("statement_id"), on="statement_id", how="anti")
        versions = versions.join(unread.select("statement_id"), on="statement_id", how="anti")
    # the motion a summary prints the reference of; resolved over the run by link_reports
    printed = [(sid, _printed_motion(text)) for sid, text in
               statements.filter(pl.col("doc_type") == "press_summary").select("statement_id", "text").iter_rows()]
    statements = statements.join(pl.DataFrame(printed, schema={"statement_id": pl.String(),
                                                               "reports_statement_id": pl.String()},
                                              orient="row"), on="statement_id", how="left")

    statement_versions = versions.join(primary.select("statement_id", primary_source="source", year="year"),
                                       on="statement_id") \
        .join(differences, on="seq", how="left") \
        .with_columns(source=pl.col("primary_source"), agrees=pl.col("differences").is_null())

    quarantine = problems.join(primary.select("seq", "doc_source", "url", "raw_sha256", "fetched_at"), on="seq") \
        .select(source="doc_source", url="url", raw_sha256="raw_sha256", stage=pl.lit("normalise"),
                rule="rule", record=pl.format("{}#{}", "statement_id", "position"), message="message",
                first_seen="fetched_at")
    quarantine = pl.concat([quarantine.select(QUARANTINE.column_names), unread.select(QUARANTINE.column_names),
                            untrustworthy.select(QUARANTINE.column_names)])
    source_refs = keyed.filter(pl.col("person_ref").is_not_null() & (pl.col("person_ref") != "")) \
        .select(*SOURCE_REF_SCHEMA).unique().sort(*SOURCE_REF_SCHEMA, nulls_last=True)
    return Normalised(
        statements=statements.select(STATEMENTS.column_names).sort("statement_id"),
        signatories=signatories,
        statement_versions=statement_versions.select(STATEMENT_VERSIONS.column_names).sort(*STATEMENT_VERSIONS.key),
        statement_countries=_subjects(versions, statements).sort(*STATEMENT_COUNTRIES.key),
        statement_stances=_stances(versions, statements).sort(*STATEMENT_STANCES.key),
        quarantine=quarantine.select(QUARANTINE.column_names),
        source_refs=source_refs,
    )


def build_tables(documents: Iterable[ParsedDocument | Reading], today: dt.date | None = None,
                 roster: RosterTables | None = None) -> Tables:
    """Every table from parsed documents (and the assemblies' rosters), in memory: for tests
    and small inputs."""
    flat: Flat = flatten(documents, today or dt.date.today())
    part = normalise(flat.versions, flat.signatures)
    roster = roster or RosterTables.empty()
    attributed = attribute(part.signatories, roster, part.source_refs,
                           dict(part.statements.select("statement_id", "term").drop_nulls().iter_rows()))
    signatories = apply_fills(part.signatories, attributed.fills).sort("statement_id", "position")
    statements = link_reports(recount(part.statements, statement_counts(signatories)),
                              report_links(part.statements))
    people = people_tables(signatories.lazy(), statements.lazy(), flat.documents, roster)
    return Tables(
        statements=statements,
        signatories=signatories,
        documents=flat.documents.sort("url", "raw_sha256"),
        quarantine=pl.concat([flat.quarantine, part.quarantine]).sort(*QUARANTINE.key, maintain_order=True),
        statement_versions=part.statement_versions,
        statement_countries=part.statement_countries,
        statement_stances=part.statement_stances,
        persons=people.persons.sort("person_id", "source"),
        person_matches=attributed.matches.select(PERSON_MATCHES.column_names).sort("signatory_id"),
        groups=people.groups,
        members=people.members,
        memberships=roster.memberships,
        person_links=attributed.links,
    )


@dataclass
class PeopleTables:
    persons: pl.DataFrame
    members: pl.DataFrame
    groups: pl.DataFrame


def people_tables(signatories: pl.LazyFrame, statements: pl.LazyFrame, documents: pl.DataFrame,
                  roster: RosterTables) -> PeopleTables:
    """The tables made from the final signatures (persons attributed, countries and groups
    filled): persons, members (the roster's and those known from documents alone) and
    groups. One code for the clean stage and ``build_tables``."""
    found = document_members(signatories.filter(pl.col("member_id").is_not_null()).collect(), documents, roster)
    return PeopleTables(persons=person_table(signatories, statements).collect(),
                        members=pl.concat([roster.members, found]).sort("member_id"),
                        groups=group_rows(GroupVocabulary.load(), signatories).collect())


def statement_counts(signatures: pl.DataFrame) -> pl.DataFrame:
    """Per statement, the countries and groups of its final signatures (statement_id,
    country_code, group_id): attribution fills countries and groups the documents omit."""
    return signatures.group_by("statement_id").agg(
        country_count=pl.col("country_code").drop_nulls().n_unique().cast(pl.Int64),
        group_count=pl.col("group_id").drop_nulls().n_unique().cast(pl.Int64))


def recount(statements: pl.DataFrame, counts: pl.DataFrame) -> pl.DataFrame:
    """Statements with their countries and groups counted again (``statement_counts``)."""
    return statements.drop("country_count", "group_count").join(counts, on="statement_id", how="left") \
        .with_columns(pl.col("country_count", "group_count").fill_null(0)).select(STATEMENTS.column_names)
