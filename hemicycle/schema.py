"""The published tables: every column with its type, meaning and an example.

This is the one place the tables are described. The code builds its polars schemas,
its DuckDB types and the documentation (``docs/SCHEMA.md``) from it.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    dtype: str  # one of TYPES below
    description: str
    example: str
    required: bool = False  # never null in a published row


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    description: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    partitioned: bool = True  # written as source=/year= hive partitions

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def polars_schema(self) -> dict[str, pl.DataType]:
        return {c.name: _POLARS[c.dtype] for c in self.columns}

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.polars_schema())

    def conform(self, rows: list[dict]) -> pl.DataFrame:
        """Rows -> DataFrame with exactly this table's columns, order and types."""
        return pl.DataFrame(rows, schema=self.polars_schema(), orient="row") if rows else self.empty()


_POLARS: dict[str, pl.DataType] = {
    "string": pl.String(),
    "int": pl.Int64(),
    "bool": pl.Boolean(),
    "date": pl.Date(),
    "float": pl.Float64(),
    "string[]": pl.List(pl.String()),
}
DUCKDB_TYPES = {
    "string": "VARCHAR",
    "int": "BIGINT",
    "bool": "BOOLEAN",
    "date": "DATE",
    "float": "DOUBLE",
    "string[]": "VARCHAR[]",
}

_PROVENANCE = (
    Column("url", "string", "Source URL of the document version the row was read from "
           "(`sample:` for the embedded sample when the page has no public URL).",
           "https://pace.coe.int/en/files/28245/html", required=True),
    Column("raw_sha256", "string", "SHA-256 of the raw bytes the row was parsed from; "
           "the bytes are kept under that name in the raw store.", "3f1c…", required=True),
)

STATEMENTS = Table(
    name="statements",
    description="One row per statement (a written declaration, motion, joint motion or press "
    "summary), with its language versions merged.",
    key=("statement_id",),
    columns=(
        Column("statement_id", "string", "Stable id: source + document number "
               "(+ FileID for PACE documents that are neither declarations nor motions).",
               "pace:16320", required=True),
        Column("source", "string", "Assembly: `pace` or `ep`.", "pace", required=True),
        Column("year", "int", "Year of `date` (partition key; null when undated).", "2026"),
        Column("doc_type", "string", "written_declaration, motion_resolution, "
               "motion_recommendation, joint_motion, motion, press_summary or other.",
               "written_declaration", required=True),
        Column("doc_no", "string", "Document number as the assembly writes it.", "16320"),
        Column("number", "string", "Written declaration number, else null.", "829"),
        Column("date", "date", "Date printed on the document.", "2026-01-19"),
        Column("title", "string", "Title in the first available of English, French, other.",
               "Support for democratic reforms in Kazakhstan…"),
        Column("title_en", "string", "English title, when an English version was read.", ""),
        Column("title_fr", "string", "French title, when a French version was read.",
               "Soutien aux réformes démocratiques au Kazakhstan et à son leadership régional"),
        Column("languages", "string[]", "ISO 639-1 codes of the versions read.", "[fr]",
               required=True),
        Column("source_urls", "string[]", "URLs of every version read.", "[…]", required=True),
        Column("declared_total", "int", "Number of signatories the document itself states "
               "(\"Total = 21\"), else null.", "21"),
        Column("signatory_count", "int", "Signatories recorded in `signatories`.", "21",
               required=True),
        Column("signatories_complete", "bool", "False when the source text was cut inside the "
               "signatory list: the rows present are exact but more signatories exist.", "true",
               required=True),
        Column("country_count", "int", "Distinct countries among the signatories.", "13",
               required=True),
        Column("group_count", "int", "Distinct groups among the signatories.", "5", required=True),
        Column("file_id", "string", "PACE FileID shared by the EN and FR pages.", "28245"),
        Column("term", "int", "European Parliament term.", "10"),
        Column("procedure", "string", "European Parliament procedure reference.", "2025/2610(RSP)"),
        *_PROVENANCE,
    ),
)

SIGNATORIES = Table(
    name="signatories",
    description="One row per signature: a member (or, for press summaries, a group) who "
    "signed a statement, in the order printed.",
    key=("statement_id", "position"),
    columns=(
        Column("signatory_id", "string", "Stable id: statement id + `#` + position.",
               "pace:16320#1", required=True),
        Column("statement_id", "string", "The statement signed.", "pace:16320", required=True),
        Column("source", "string", "Assembly: `pace` or `ep`.", "pace", required=True),
        Column("year", "int", "Year of the statement (partition key).", "2026"),
        Column("date", "date", "Date of the statement.", "2026-01-19"),
        Column("position", "int", "1-based order of the signature in the document.", "1",
               required=True),
        Column("kind", "string", "`person`, or `group` for groups named as tabling a text.",
               "person", required=True),
        Column("name", "string", "Name as printed.", "GERMAN Michael", required=True),
        Column("prefix", "string", "Title as printed (Mr, Ms, M., Mme, Lord, Dame…).", "Mr"),
        Column("given_name", "string", "Given name(s).", "Michael"),
        Column("family_name", "string", "Family name, as printed (upper case in PACE lists).",
               "GERMAN"),
        Column("country_label", "string", "Country as printed.", "Royaume-Uni"),
        Column("country_code", "string", "ISO 3166-1 alpha-2 code of the country "
               "(XK for Kosovo); null when none is printed.", "GB"),
        Column("group_label", "string", "Political group as printed.", "ADLE"),
        Column("group_code", "string", "The assembly's English abbreviation of the group valid "
               "at the statement's date; null when the document gives none.", "ALDE"),
        Column("group_id", "string", "Stable group id across renames.", "pace:liberal"),
        Column("person_ref", "string", "Identifier given by the source (EP MEP id).",
               "ep:197490"),
        Column("person_id", "string", "Stable person id (see `persons`); for group "
               "signatories, the group.", "pace:p-3f9a0c1d2e4b", required=True),
        Column("language", "string", "Language of the version the row was read from.", "fr",
               required=True),
        *_PROVENANCE,
    ),
)

DOCUMENTS = Table(
    name="documents",
    description="Every raw document read by the run, with what became of it.",
    key=("raw_sha256", "url"),
    partitioned=False,
    columns=(
        Column("raw_sha256", "string", "SHA-256 of the raw bytes.", "3f1c…", required=True),
        Column("url", "string", "Where the bytes came from.", "https://pace.coe.int/…",
               required=True),
        Column("source", "string", "Assembly the document belongs to, as known at fetch.",
               "pace", required=True),
        Column("content_type", "string", "Media type of the bytes.", "text/html", required=True),
        Column("fetched_at", "string", "When the bytes were fetched (ISO 8601, UTC).",
               "2026-01-20T08:00:00Z", required=True),
        Column("bytes", "int", "Size of the raw bytes.", "2048", required=True),
        Column("status", "string", "`parsed` or `quarantined`.", "parsed", required=True),
        Column("statements", "int", "Statements read from the document.", "1", required=True),
    ),
)

QUARANTINE = Table(
    name="quarantine",
    description="Documents and rows kept out of the clean tables, with the reason.",
    key=("raw_sha256", "stage", "rule", "record"),
    partitioned=False,
    columns=(
        Column("source", "string", "Assembly, when known.", "pace", required=True),
        Column("url", "string", "Document URL.", "https://pace.coe.int/…", required=True),
        Column("raw_sha256", "string", "SHA-256 of the raw bytes.", "3f1c…", required=True),
        Column("stage", "string", "Stage that refused it: `parse`, `normalise`, `validate`.",
               "parse", required=True),
        Column("rule", "string", "Short machine-readable reason.", "no_signatories",
               required=True),
        Column("record", "string", "Row concerned (statement or signatory id), or `` for a "
               "whole document.", "", required=True),
        Column("message", "string", "What went wrong, for people.", "no signatory list found",
               required=True),
        Column("first_seen", "string", "When this reason was first recorded (ISO 8601, UTC).",
               "2026-01-20T08:00:00Z", required=True),
    ),
)

STATEMENT_VERSIONS = Table(
    name="statement_versions",
    description="One row per language version of a statement, and whether its signatory list "
    "agrees with the version published in `signatories`.",
    key=("statement_id", "language", "url"),
    columns=(
        Column("statement_id", "string", "The statement.", "pace:14538", required=True),
        Column("source", "string", "Assembly.", "pace", required=True),
        Column("year", "int", "Year of the statement (partition key).", "2018"),
        Column("language", "string", "Language of this version.", "fr", required=True),
        Column("title", "string", "Title as printed in this version.", "…"),
        Column("signatory_count", "int", "Signatories printed in this version.", "24",
               required=True),
        Column("signatories_complete", "bool", "False when this version's text was cut.", "true",
               required=True),
        Column("is_primary", "bool", "This version's list is the one in `signatories`.", "true",
               required=True),
        Column("agrees", "bool", "After normalisation (family name, country code, group code) "
               "this version's list equals the published one (a cut list: is its beginning).",
               "true", required=True),
        Column("differences", "string", "What differs, when it does not agree.", ""),
        *_PROVENANCE,
    ),
)

STATEMENT_COUNTRIES = Table(
    name="statement_countries",
    description="The states a statement is about, from its titles and text.",
    key=("statement_id", "country_code"),
    columns=(
        Column("statement_id", "string", "The statement.", "pace:16320", required=True),
        Column("source", "string", "Assembly.", "pace", required=True),
        Column("year", "int", "Year of the statement (partition key).", "2026"),
        Column("country_code", "string", "ISO 3166-1 alpha-2 code of the state.", "KZ",
               required=True),
        Column("rank", "int", "1 for the state named most, then 2, 3...", "1", required=True),
        Column("found_in", "string", "`title` when named in a title, else `body` (named at "
               "least twice in the text).", "title", required=True),
        Column("mentions", "int", "Times the state is named (names and adjectives).", "5",
               required=True),
    ),
)

PERSONS = Table(
    name="persons",
    description="One row per member who signed, identified across documents and languages.",
    key=("person_id",),
    partitioned=False,
    columns=(
        Column("person_id", "string", "Stable id: the source's own member id where it gives "
               "one (`ep:<MEP id>`), else derived from family name, country and first given "
               "name.", "pace:p-3f9a0c1d2e4b", required=True),
        Column("source", "string", "Assembly.", "pace", required=True),
        Column("family_name", "string", "Family name in its most printed form.", "FISCHER",
               required=True),
        Column("given_name", "string", "Longest printed form of the given names.", "Axel E."),
        Column("country_code", "string", "Country most often printed with the name.", "DE"),
        Column("names_as_printed", "string[]", "Every printed form of the name.",
               "[Axel E. FISCHER, Axel FISCHER]", required=True),
        Column("statements", "int", "Statements signed.", "12", required=True),
        Column("first_date", "date", "Date of the first statement signed.", "2011-02-14"),
        Column("last_date", "date", "Date of the last statement signed.", "2017-12-19"),
        Column("group_codes", "string[]", "Group codes printed with the name over time.",
               "[EPP/CD]", required=True),
    ),
)

PERSON_MATCHES = Table(
    name="person_matches",
    description="Audit of how every signature was attributed to a person.",
    key=("signatory_id",),
    partitioned=False,
    columns=(
        Column("signatory_id", "string", "The signature.", "pace:14459#7", required=True),
        Column("statement_id", "string", "The statement.", "pace:14459", required=True),
        Column("name", "string", "Name as printed.", "Axel FISCHER", required=True),
        Column("person_id", "string", "Person it was attributed to.", "pace:p-3f9a0c1d2e4b",
               required=True),
        Column("method", "string", "source_id, exact, given_variant, surname_country, "
               "surname_only or group.", "exact", required=True),
        Column("score", "float", "Confidence of the method, 0 to 1.", "1.0", required=True),
    ),
)

SIGNATURE_TIMELINE = Table(
    name="signature_timeline",
    description="When each signature of a written declaration was first seen, and when it was "
    "last seen once withdrawn: declarations gain signatures until they close, and every version "
    "fetched is kept.",
    key=("statement_id", "signer_key"),
    columns=(
        Column("statement_id", "string", "The written declaration.", "pace:16320", required=True),
        Column("source", "string", "Assembly.", "pace", required=True),
        Column("year", "int", "Year of the statement (partition key).", "2026"),
        Column("signer_key", "string", "The signer within the declaration, stable across versions: "
               "folded family name, given name and country.", "german|michael|GB", required=True),
        Column("name", "string", "Name as printed in the last version listing it.", "Michael GERMAN",
               required=True),
        Column("country_code", "string", "ISO 3166-1 alpha-2 code of the printed country.", "GB"),
        Column("first_seen", "string", "When the first version listing the signature was fetched "
               "(ISO 8601, UTC).", "2026-01-20T08:00:00Z", required=True),
        Column("last_seen", "string", "For a signature no longer listed: the last time a version "
               "listing it was served. Null while it is listed.", ""),
        Column("listed_now", "bool", "Listed in the current version.", "true", required=True),
        Column("versions_listed", "int", "Versions of the page that list the signature.", "2",
               required=True),
        Column("versions_seen", "int", "Versions of the page fetched so far.", "3", required=True),
        Column("signatory_id", "string", "The row in `signatories` while the signature is listed.",
               "pace:16320#4"),
        Column("url", "string", "The page whose versions are compared.",
               "https://pace.coe.int/en/files/28245/html", required=True),
    ),
)

TABLES: dict[str, Table] = {
    t.name: t for t in (STATEMENTS, SIGNATORIES, STATEMENT_VERSIONS, STATEMENT_COUNTRIES, PERSONS,
                        PERSON_MATCHES, DOCUMENTS, QUARANTINE, SIGNATURE_TIMELINE)
}
