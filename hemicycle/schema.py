"""The published tables: every column with its type, meaning and an example.

This is the one place the tables are described. The code builds its polars schemas, its
DuckDB types, the Dagster column schemas, the release's ``datapackage.json`` and the data
card's column lists from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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

    def polars_schema(self) -> pl.Schema:
        return pl.Schema({c.name: _POLARS[c.dtype] for c in self.columns})

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.polars_schema())

    def conform(self, rows: list[dict[str, Any]]) -> pl.DataFrame:
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
        Column("signatories_complete", "bool", "False when the published list is not the whole "
               "list: the text was cut inside it, the text's own evidence (declared total, country "
               "names or group codes in the list's lines, entry-shaped lines after it) says entries "
               "were not read, or rows went to quarantine. `incomplete_reasons` says which.", "true",
               required=True),
        Column("incomplete_reasons", "string[]", "Why the list is not complete, empty when it is: "
               "`list_cut` (the text ends inside the list; the rows present are exact), "
               "`list_unread` (a list is announced but none could be read), `list_incomplete` "
               "(the text shows more entries than were read), `list_inconsistent` (more entries "
               "read than the declared total), `rows_quarantined` (rows left for `quarantine`).",
               "[list_cut]", required=True),
        Column("incomplete_detail", "string", "What the text showed, one `reason: message` per "
               "reason; null when the list is complete.",
               "list_cut: the text ends inside the list, in the entry 'Mr J'"),
        Column("versions_agree", "bool", "True when every language version read lists the same "
               "signatories as the published one (after normalisation; a version cut short: its "
               "beginning). False: the list was published from the version that passes its own "
               "checks, and `statement_versions.differences` says how the others differ.", "true",
               required=True),
        Column("country_count", "int", "Distinct countries among the signatories.", "13",
               required=True),
        Column("group_count", "int", "Distinct groups among the signatories.", "5", required=True),
        Column("file_id", "string", "PACE FileID shared by the EN and FR pages.", "28245"),
        Column("term", "int", "European Parliament term.", "10"),
        Column("procedure", "string", "European Parliament procedure reference.", "2025/2610(RSP)"),
        Column("reports_statement_id", "string", "For a press summary: the motion or joint motion "
               "whose adopted text it reports, so that the groups it names as tabling the text "
               "attach to it. Matched among the run's statements by the reference the summary "
               "prints, else its procedure (the joint motion, or the only motion, of that "
               "procedure), else its date and title; null when none matches.",
               "ep:RC-B8-0337/2016"),
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
        Column("name", "string", "Name as printed; for signatures the document gives as a member "
               "id only (Open Data Portal records), the member's name.", "GERMAN Michael",
               required=True),
        Column("prefix", "string", "Title as printed (Mr, Ms, M., Mme, Lord, Dame…).", "Mr"),
        Column("given_name", "string", "Given name(s): as the typography shows them (PACE), or "
               "the printed words that match the roster's given names.", "Michael"),
        Column("family_name", "string", "Family name, as printed (upper case in PACE lists); "
               "for names printed whole, the printed words that match the roster's family name.",
               "GERMAN"),
        Column("country_label", "string", "Country as printed.", "Royaume-Uni"),
        Column("country_code", "string", "ISO 3166-1 alpha-2 code of the country "
               "(XK for Kosovo); null when none is printed.", "GB"),
        Column("group_label", "string", "Political group as printed.", "ADLE"),
        Column("group_code", "string", "The assembly's English abbreviation of the name the "
               "printed label gives the group (`GDE` -> `EDG`, also when printed after a rename: "
               "the document is the evidence of the name); null when the document gives none.",
               "ALDE"),
        Column("group_id", "string", "Stable group id across renames.", "pace:liberal"),
        Column("person_ref", "string", "Identifier given by the source (EP MEP id).",
               "ep:197490"),
        Column("person_id", "string", "Stable person id (see `persons`); for group "
               "signatories, the group.", "pace:p-3f9a0c1d2e4b", required=True),
        Column("member_id", "string", "The member of the assembly's roster the signature was "
               "attributed to (see `members` and `person_matches`); null when unresolved.",
               "ep:124696"),
        Column("country_source", "string", "Where `country_code` comes from: `printed` in the "
               "document, or `roster` (the country the member represented on that date); null "
               "when there is none.", "roster"),
        Column("group_source", "string", "Where `group_code` comes from: `printed` in the "
               "document, or `roster` (the member's group on that date, when the document prints "
               "none); null when there is none.", "printed"),
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
        Column("signatories_complete", "bool", "False when this version's list is not whole "
               "(`incomplete_reasons` says why).", "true", required=True),
        Column("incomplete_reasons", "string[]", "Why this version's list is not whole, as in "
               "`statements.incomplete_reasons` (parse reasons only); empty when it is.", "[]",
               required=True),
        Column("trusted", "bool", "This version's list passes its own checks: a list was read, "
               "the parser found nothing cut, unread or missing, and the total the version "
               "declares (if any) is the number of entries read. Versions that disagree are "
               "published from a trusted one; with none trusted, the statement is quarantined.",
               "true", required=True),
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

STATEMENT_STANCES = Table(
    name="statement_stances",
    description="The stance a statement takes toward each state it is about, read by rules "
    "from its text, with the words that decide it.",
    key=("statement_id", "country_code"),
    columns=(
        Column("statement_id", "string", "The statement.", "pace:16320", required=True),
        Column("source", "string", "Assembly.", "pace", required=True),
        Column("year", "int", "Year of the statement (partition key).", "2026"),
        Column("country_code", "string", "ISO 3166-1 alpha-2 code of the target state (Hong Kong "
               "and Macao: `CN`, whose authorities they answer to).", "KZ", required=True),
        Column("rank", "int", "1 for the target named most, then 2, 3...", "1", required=True),
        Column("stance", "string", "`praise` (welcomes, commends, supports its government or "
               "policies), `criticism` (condemns, is concerned, calls on its authorities to release, "
               "stop, respect...), `mixed` (both, as main points), `neutral` (about the state, "
               "neither), `solidarity` (the state or its people as victims), `unknown` (the text "
               "does not tell).", "praise", required=True),
        Column("confidence", "string", "`high`: a cue in a sentence that names the state, or in a "
               "title; `medium`: a cue in a sentence that does not name it, of a statement about it "
               "alone, or a neutral finding; `low`: no cue (`unknown`) or only the urgency procedure "
               "(`criticism`).", "high", required=True),
        Column("evidence", "string", "The words of the text that decide the stance, verbatim "
               "(at most 20 words); for `unknown`, the words that name the state.",
               "Soutien aux réformes démocratiques au Kazakhstan et à son leadership régional",
               required=True),
        Column("evidence_in", "string", "`title` or `body`: where the evidence stands.", "title",
               required=True),
        Column("method", "string", "The rules that read it: `rules-` and their version "
               "(`hemicycle.stance.METHOD`; the cue phrases are `data/vocab/stance_cues.csv`).",
               "rules-1", required=True),
        Column("language", "string", "ISO 639-1 code of the text the stance was read in.", "fr"),
    ),
)

PERSONS = Table(
    name="persons",
    description="One row per person and assembly: a member who signed, identified across "
    "documents and languages. A member of both assemblies has one `person_id` and a row in each "
    "(the evidence is in `person_links`).",
    key=("person_id", "source"),
    partitioned=False,
    columns=(
        Column("person_id", "string", "Stable id: the member id (`ep:<MEP id>`) when the "
               "signatures were attributed to a roster member or linked to one, else derived "
               "from family name, country and first given name.", "pace:p-3f9a0c1d2e4b",
               required=True),
        Column("source", "string", "Assembly.", "pace", required=True),
        Column("family_name", "string", "Family name in its most printed form.", "FISCHER",
               required=True),
        Column("given_name", "string", "Longest printed form of the given names.", "Axel E."),
        Column("country_code", "string", "Country most often recorded with the signatures "
               "(printed, or from the roster).", "DE"),
        Column("member_id", "string", "The member this person is (`members`), when known.",
               "ep:124696"),
        Column("names_as_printed", "string[]", "Every printed form of the name.",
               "[Axel E. FISCHER, Axel FISCHER]", required=True),
        Column("statements", "int", "Statements signed.", "12", required=True),
        Column("first_date", "date", "Date of the first statement signed.", "2011-02-14"),
        Column("last_date", "date", "Date of the last statement signed.", "2017-12-19"),
        Column("group_codes", "string[]", "Group codes recorded with the signatures over time.",
               "[EPP/CD]", required=True),
    ),
)

PERSON_MATCHES = Table(
    name="person_matches",
    description="Audit of how every signature was attributed to a person and, where a roster "
    "allows, to a member.",
    key=("signatory_id",),
    partitioned=False,
    columns=(
        Column("signatory_id", "string", "The signature.", "pace:14459#7", required=True),
        Column("statement_id", "string", "The statement.", "pace:14459", required=True),
        Column("name", "string", "Name as printed.", "Axel FISCHER", required=True),
        Column("person_id", "string", "Person it was attributed to.", "pace:p-3f9a0c1d2e4b",
               required=True),
        Column("method", "string", "Against a roster: source_id (the document gives the member "
               "id), document_id (another version of the same document lists the id, and the names "
               "agree), document_pairing (the one id and the one name left in a group of that "
               "document), alias (a "
               "hand fix in data/vocab/member_aliases.csv), roster_name (names agree), "
               "roster_initial (family name and initial), roster_surname (family name, narrowed "
               "to one member by printed country or group), unresolved. Without a roster (PACE): "
               "exact, given_variant, surname_country, surname_only. group for groups.",
               "roster_name", required=True),
        Column("score", "float", "Confidence of the method, 0 to 1.", "1.0", required=True),
        Column("member_id", "string", "The member attributed, when resolved.", "ep:124696"),
        Column("reason", "string", "Why a roster match was not made: no_roster (no member "
               "list covers the date), no_candidate, ambiguous, surname_only, country_disagrees; "
               "null otherwise.", "ambiguous"),
        Column("candidates", "string[]", "Members that could be meant, when unresolved.",
               "[ep:28297, ep:96842]", required=True),
    ),
)

GROUPS = Table(
    name="groups",
    description="The political groups of each assembly, one row per name a group bore, with "
    "the labels printed for it, its validity and how often it signed in this release.",
    key=("source", "code"),
    partitioned=False,
    columns=(
        Column("group_id", "string", "Stable id across renames (the lineage).", "pace:liberal",
               required=True),
        Column("source", "string", "Assembly.", "pace", required=True),
        Column("code", "string", "The assembly's English abbreviation for this period.", "ALDE",
               required=True),
        Column("name_en", "string", "Full name in English.",
               "Alliance of Liberals and Democrats for Europe", required=True),
        Column("name_fr", "string", "Full name in French.",
               "Alliance des démocrates et des libéraux pour l'Europe"),
        Column("valid_from", "date", "First day the group bore this code (null: since the "
               "assembly's beginnings as far as the sources say).", "2006-01-01"),
        Column("valid_to", "date", "Last day under this code; null while current.", ""),
        Column("labels", "string[]", "Every label that resolves to this code (languages, "
               "older spellings), as written in the vocabulary.", "[ADLE, ALDE, LDR]",
               required=True),
        Column("citation", "string", "Where the names and dates come from.",
               "https://pace.coe.int/en/pages/political-groups"),
        Column("signatories", "int", "Signatures recorded with this code in this release.", "42",
               required=True),
        Column("statements", "int", "Statements signed with this code in this release.", "7",
               required=True),
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

MEMBERS = Table(
    name="members",
    description="One row per member an assembly's roster lists (for the European Parliament: "
    "the EP's member files and Open Data Portal records), or a document alone identifies.",
    key=("member_id",),
    partitioned=False,
    columns=(
        Column("member_id", "string", "Stable id: assembly + the assembly's own member id.",
               "ep:124696", required=True),
        Column("source", "string", "Assembly.", "ep", required=True),
        Column("given_name", "string", "Given names as the roster writes them (`?` stands for "
               "a letter the roster lost).", "Bogus?aw"),
        Column("family_name", "string", "Family name as the roster writes it.", "Liberadzki"),
        Column("name", "string", "Full name as the roster writes it, or as the document prints "
               "it for a member known from a document only.", "Andrus Ansip", required=True),
        Column("gender", "string", "`female` or `male` when the roster gives it.", "male"),
        Column("name_complete", "bool", "False when the roster replaced letters by `?`.", "true",
               required=True),
        Column("ep_id", "string", "European Parliament directory id (also Wikidata P1186).",
               "124696"),
        Column("pace_id", "string", "PACE member id (pace.coe.int/en/members/{id}).", ""),
        Column("wikidata_id", "string", "Wikidata QID, when known.", ""),
        Column("recorded_from", "string", "`roster`, or `document`: the id appears in a "
               "document whose other version prints the name, and nothing else names it.",
               "roster", required=True),
        Column("url", "string", "The roster record or file the row was read from.",
               "https://data.europarl.europa.eu/api/v2/meps/124696", required=True),
        Column("raw_sha256", "string", "SHA-256 of its bytes.", "3f1c…", required=True),
        Column("retrieved_at", "string", "When those bytes were retrieved (ISO 8601, UTC).",
               "2026-01-20T08:00:00Z", required=True),
    ),
)

MEMBERSHIPS = Table(
    name="memberships",
    description="One row per period a member held a seat (mandate), sat in a political group "
    "or national party, or in a delegation.",
    key=("member_id", "kind", "organisation_id", "start_date"),
    partitioned=False,
    columns=(
        Column("member_id", "string", "The member.", "ep:124696", required=True),
        Column("source", "string", "Assembly.", "ep", required=True),
        Column("kind", "string", "`mandate`, `group`, `national_party` or `delegation`.",
               "mandate", required=True),
        Column("organisation_id", "string", "The body, as the roster names it.", "org/ep-9",
               required=True),
        Column("organisation_code", "string", "Its code: `ep-<term>` for a mandate, the group "
               "vocabulary's code for a group, the body's label otherwise.", "ep-9"),
        Column("organisation_label", "string", "Its name in English.",
               "European Parliament, term 9"),
        Column("country_code", "string", "For a mandate: the country represented (ISO 3166-1 "
               "alpha-2).", "EE"),
        Column("country_basis", "string", "Where the mandate's country comes from: "
               "`represents` (the mandate itself) or `citizenship` (member files, which give "
               "only the member's citizenship).", "citizenship"),
        Column("start_date", "date", "First day.", "2019-07-02"),
        Column("end_date", "date", "Last day; null while it runs.", "2024-07-15"),
        Column("term", "int", "European Parliament term of a mandate.", "9"),
        Column("url", "string", "The roster record or file the row was read from.",
               "https://data.europarl.europa.eu/api/v2/meps/124696", required=True),
        Column("raw_sha256", "string", "SHA-256 of its bytes.", "3f1c…", required=True),
    ),
)

PERSON_LINKS = Table(
    name="person_links",
    description="Persons of one assembly identified with a member of another, and the "
    "evidence: a shared authority id or a curated link with its sources "
    "(data/vocab/person_links.csv). Names alone never link anyone.",
    key=("source", "person_id"),
    partitioned=False,
    columns=(
        Column("person_id", "string", "The person, in both assemblies.", "ep:197514",
               required=True),
        Column("source", "string", "The assembly whose signatures were linked.", "pace",
               required=True),
        Column("member_id", "string", "The member they are.", "ep:197514", required=True),
        Column("family_name", "string", "Family name of the linked person as printed.",
               "HALICKI", required=True),
        Column("given_name", "string", "Given name of the linked person as printed.", "Andrzej"),
        Column("country_code", "string", "Country printed with the linked person.", "PL"),
        Column("evidence", "string", "`wikidata` (a shared QID) or `curated`.", "curated",
               required=True),
        Column("evidence_value", "string", "The QID, or what the sources establish.", ""),
        Column("citation", "string", "The sources.", "https://…", required=True),
        Column("signatures", "int", "Signatures of this assembly attributed through the link.",
               "1", required=True),
    ),
)

TABLES: dict[str, Table] = {
    t.name: t for t in (STATEMENTS, SIGNATORIES, STATEMENT_VERSIONS, STATEMENT_COUNTRIES, STATEMENT_STANCES,
                        PERSONS, PERSON_MATCHES, GROUPS, DOCUMENTS, QUARANTINE, SIGNATURE_TIMELINE, MEMBERS,
                        MEMBERSHIPS, PERSON_LINKS)
}


# ---------------------------------------------------------------- metrics
# The metric views (hemicycle/sql), as a release ships them: one Parquet file each under
# metrics/, rows in the view's order. Counts of signatures are rows of `signatories`.

def _count(name: str, description: str, example: str = "12") -> Column:
    return Column(name, "int", description, example, required=True)


_SOURCE = Column("source", "string", "Assembly: `pace` or `ep`.", "pace", required=True)
_YEAR = Column("year", "int", "Year of the statements (null: undated).", "2016")
_GROUP = Column("group_code", "string", "Group code (null: none printed).", "EPP/CD")
_COUNTRY = Column("country_code", "string", "ISO 3166-1 alpha-2 code of the signatories' "
                  "country (null: none printed).", "FR")
_STATEMENT = Column("statement_id", "string", "The statement.", "pace:16320", required=True)
_SIGNATORIES = _count("signatories", "Members' signatures.", "21")
_STATEMENTS = _count("statements", "Distinct statements.", "3")
_SIGNERS = _count("signers", "Distinct members who signed.", "19")
_TARGET = Column("target_country", "string", "ISO 3166-1 alpha-2 code of the state the "
                 "statements are about (see `statement_countries`).", "KZ", required=True)


def _by(dimension: Column, per: str) -> Table:
    name = f"signatories_by_{dimension.name.removesuffix('_code')}" + (f"_per_{per}" if per else "")
    head = {"": (_SOURCE,), "year": (_SOURCE, _YEAR), "statement": (_STATEMENT,)}[per]
    tail = (_SIGNATORIES,) if per == "statement" else (_SIGNATORIES, _STATEMENTS)
    scope = {"": "overall", "year": "per year", "statement": "per statement"}[per]
    return Table(name=name, partitioned=False,
                 description=f"Members' signatures by {dimension.name.removesuffix('_code')}, {scope}.",
                 key=tuple(c.name for c in head) + (dimension.name,),
                 columns=head + (dimension,) + tail)


STATEMENT_GROUP_MIX = Table(
    name="statement_group_mix",
    description="Per statement, how mixed its signatories are: groups, countries and the "
    "effective number of groups (inverse Simpson index over signatures with a group).",
    key=("statement_id",), partitioned=False,
    columns=(
        _STATEMENT, _SOURCE, _YEAR,
        Column("date", "date", "Date of the statement.", "2026-01-19"),
        _count("signatories", "Signatures (members, and groups tabling a text).", "21"),
        _count("signatories_with_group", "Signatures that name a group.", "21"),
        _count("groups", "Distinct groups among the signatures.", "5"),
        _count("countries", "Distinct countries among the signatures.", "13"),
        Column("effective_groups", "float", "1 / sum of squared group shares: 1 for one "
               "group, k for k groups of equal size; null when no signature names a group.",
               "4.0"),
        Column("largest_group", "string", "Group with most signatures (ties: first code).",
               "ALDE"),
        Column("largest_group_share", "float", "Its share of the signatures with a group.",
               "0.333"),
    ),
)

GROUP_COSIGNATURES = Table(
    name="group_cosignatures",
    description="Group x group co-signature matrix, in both orders with the diagonal: "
    "statements signed by at least one signatory of each group.",
    key=("source", "group_a", "group_b"), partitioned=False,
    columns=(
        _SOURCE,
        Column("group_a", "string", "First group.", "ALDE", required=True),
        Column("group_b", "string", "Second group (equal to group_a on the diagonal).", "EPP/CD",
               required=True),
        _count("statements", "Statements both groups signed (diagonal: statements the "
               "group signed).", "11"),
        Column("share_of_a", "float", "statements / statements signed by group_a.", "0.61",
               required=True),
    ),
)

# Every member's strongest ties, as person_cosignatures keeps them: the full list of pairs
# grows with the square of the signatures (116 M pairs at 10 M signatures) and is what the
# macro person_cosignatures_in() computes for any scope.
TIES_PER_MEMBER = 20

PERSON_COSIGNATURES = Table(
    name="person_cosignatures",
    description="Person x person co-signature edges: the pairs of members that are among the "
    f"{TIES_PER_MEMBER} strongest ties (largest weight; then more statements, then the smaller "
    "id) of either member. Every pair: the macro person_cosignatures_in().",
    key=("source", "person_a", "person_b"), partitioned=False,
    columns=(
        _SOURCE,
        Column("person_a", "string", "One member (`persons.person_id`), the smaller id.",
               "pace:p-3f9a0c1d2e4b", required=True),
        Column("person_b", "string", "The other member, the larger id.", "pace:p-7d21e0a9b3c4",
               required=True),
        _count("statements", "Statements both signed (raw count).", "2"),
        Column("weight", "float", "Newman's collaboration weight: sum over those statements "
               "of 1 / (n - 1), n being the number of members who signed the statement.",
               "0.1", required=True),
    ),
)

PERSON_GROUP_COSIGNATURES = Table(
    name="person_group_cosignatures",
    description="Person x group: per member and group, the statements the member signed with "
    "at least one member of that group while signing under another.",
    key=("source", "person_id", "group_code"), partitioned=False,
    columns=(
        Column("person_id", "string", "The member (`persons.person_id`).", "pace:p-3f9a0c1d2e4b",
               required=True),
        _SOURCE,
        Column("group_code", "string", "The other group, as printed with its members' names.",
               "EPP/CD", required=True),
        _count("statements", "Statements the member signed, under another group, with at least "
               "one member of group_code.", "11"),
        _count("member_statements", "Statements the member signed under a group other than "
               "group_code (signatures without a group left out).", "12"),
        Column("share", "float", "statements / member_statements.", "0.92", required=True),
    ),
)

MEMBER_ACTIVITY = Table(
    name="member_activity",
    description="Per member and assembly: statements signed, times first signatory, active "
    "dates, groups over time, and the assemblies of a career across both.",
    key=("source", "person_id"), partitioned=False,
    columns=(
        Column("person_id", "string", "The member (`persons.person_id`).",
               "pace:p-3f9a0c1d2e4b", required=True),
        _SOURCE,
        Column("family_name", "string", "Family name (from `persons`).", "FISCHER"),
        Column("given_name", "string", "Given names (from `persons`).", "Axel"),
        Column("country_code", "string", "Country (from `persons`).", "DE"),
        _count("statements", "Statements signed.", "12"),
        _count("first_signatory", "Statements where the member signed first among members.",
               "2"),
        Column("first_date", "date", "Date of the first statement signed.", "2011-02-14"),
        Column("last_date", "date", "Date of the last statement signed.", "2017-12-19"),
        Column("groups", "string[]", "Groups recorded with the signatures, in order of first use.",
               "[EPP-ED, EPP]", required=True),
        Column("member_id", "string", "The member the person is (`members`), when known.", "ep:197514"),
        Column("assemblies", "string[]", "Every assembly the person signed in, in order of first "
               "signature: a member of both has a row for each, with the same person_id.",
               "[pace, ep]", required=True),
    ),
)

MEMBER_GROUPS_PER_YEAR = Table(
    name="member_groups_per_year",
    description="Groups over time: per member, year and group, the statements signed.",
    key=("source", "person_id", "year", "group_code"), partitioned=False,
    columns=(
        Column("person_id", "string", "The member.", "pace:p-3f9a0c1d2e4b", required=True),
        _SOURCE, _YEAR, _GROUP, _STATEMENTS,
    ),
)

TARGET_COUNTRIES = Table(
    name="target_countries",
    description="Per state statements are about: how many statements, and who signed them.",
    key=("source", "target_country"), partitioned=False,
    columns=(
        _TARGET, _SOURCE,
        _count("statements", "Statements about the state.", "3"),
        _count("as_main_subject", "Of which the state is the one named most (rank 1).", "3"),
        _count("named_in_title", "Of which the state is named in a title.", "2"),
        _count("signatures", "Members' signatures on those statements.", "40"),
        _SIGNERS,
        _count("signatory_countries", "Distinct countries of the signatories.", "13"),
        _count("groups", "Distinct groups among the signatures.", "5"),
        Column("first_date", "date", "Date of the first statement.", "2016-03-08"),
        Column("last_date", "date", "Date of the last statement.", "2026-01-19"),
    ),
)

TARGET_COUNTRY_SIGNATORY_COUNTRIES = Table(
    name="target_country_signatory_countries",
    description="Who signs about a state, by the signatories' own country.",
    key=("source", "target_country", "signatory_country"), partitioned=False,
    columns=(
        _TARGET, _SOURCE,
        Column("signatory_country", "string", "ISO 3166-1 alpha-2 code of the signatories' "
               "country (null: none printed).", "AM"),
        _count("signatures", "Members' signatures.", "5"), _STATEMENTS, _SIGNERS,
    ),
)

TARGET_COUNTRY_GROUPS = Table(
    name="target_country_groups",
    description="Who signs about a state, by group (members, and groups tabling a text).",
    key=("source", "target_country", "group_code"), partitioned=False,
    columns=(
        _TARGET, _SOURCE, _GROUP,
        _count("signatures", "Signatures.", "7"), _STATEMENTS,
        _count("signers", "Distinct signatories.", "7"),
    ),
)

_STANCE = Column("stance", "string", "Stance of the statements toward the target state "
                 "(`statement_stances.stance`).", "praise", required=True)

TARGET_STANCES = Table(
    name="target_stances",
    description="Who praises whom: per target state and stance, the statements and who signed them.",
    key=("source", "target_country", "stance"), partitioned=False,
    columns=(
        Column("target_country", "string", "ISO 3166-1 alpha-2 code of the target state (see "
               "`statement_stances`).", "KZ", required=True),
        _SOURCE, _STANCE,
        _count("statements", "Statements taking that stance toward the state.", "1"),
        _count("signatures", "Members' signatures on them.", "21"),
        _SIGNERS,
        _count("groups", "Distinct groups among the signatures (members' and tabling groups).", "5"),
    ),
)

TARGET_STANCE_SIGNATORY_COUNTRIES = Table(
    name="target_stance_signatory_countries",
    description="Countries of the signatories, by stance toward each target state.",
    key=("source", "target_country", "stance", "signatory_country"), partitioned=False,
    columns=(
        Column("target_country", "string", "ISO 3166-1 alpha-2 code of the target state.", "KZ",
               required=True),
        _SOURCE, _STANCE,
        Column("signatory_country", "string", "ISO 3166-1 alpha-2 code of the signatories' "
               "country (null: none printed).", "AM"),
        _count("signatures", "Members' signatures.", "5"), _STATEMENTS, _SIGNERS,
    ),
)

PRAISE_AGAINST_GROUP = Table(
    name="praise_against_group",
    description="Members whose signatures about a state are mostly praise while the other "
    "statements of their group about it are mostly criticism.",
    key=("source", "target_country", "person_id", "group_code"), partitioned=False,
    columns=(
        Column("target_country", "string", "ISO 3166-1 alpha-2 code of the target state.", "AZ",
               required=True),
        _SOURCE,
        Column("person_id", "string", "The member (`persons.person_id`).", "pace:p-3f9a0c1d2e4b",
               required=True),
        Column("name", "string", "The member's name as last printed.", "Axel FISCHER"),
        Column("country_code", "string", "The member's country.", "DE"),
        Column("group_code", "string", "The group the member signed with.", "EPP/CD",
               required=True),
        _count("praise", "Statements of praise of the state the member signed.", "2"),
        _count("criticism", "Statements criticising it the member signed.", "0"),
        _count("group_praise", "Other statements of praise signed by the group's members or "
               "tabled by the group.", "0"),
        _count("group_criticism", "Other statements criticising it, likewise.", "3"),
        Column("first_date", "date", "Date of the member's first such statement.", "2012-01-25"),
        Column("last_date", "date", "Date of the member's last such statement.", "2014-07-15"),
    ),
)

METRICS: dict[str, Table] = {
    t.name: t for t in (
        *(_by(dimension, per) for dimension in (_GROUP, _COUNTRY) for per in ("", "year", "statement")),
        STATEMENT_GROUP_MIX, GROUP_COSIGNATURES, PERSON_COSIGNATURES, PERSON_GROUP_COSIGNATURES,
        MEMBER_ACTIVITY,
        MEMBER_GROUPS_PER_YEAR, TARGET_COUNTRIES, TARGET_COUNTRY_SIGNATORY_COUNTRIES,
        TARGET_COUNTRY_GROUPS, TARGET_STANCES, TARGET_STANCE_SIGNATORY_COUNTRIES, PRAISE_AGAINST_GROUP,
    )
}


# ---------------------------------------------------------------- the database's own catalogue
# Two small tables that hemicycle.duckdb holds besides the tables and metrics: what the file
# is, and what it holds. A reader checks them before anything else (hemicycle.publish.duck).

HEMICYCLE_ABOUT = Table(
    name="hemicycle_about",
    description="What this database file is: one row.",
    key=("dataset",), partitioned=False,
    columns=(
        Column("dataset", "string", "Always `hemicycle`.", "hemicycle", required=True),
        Column("schema_version", "string", "Version of the tables' columns (hemicycle.schema).",
               "1", required=True),
        Column("database_format", "string", "Version of the file's layout: `2` holds the tables "
               "themselves (format 1 held views over Parquet files by relative path).", "2",
               required=True),
        Column("release_version", "string", "The release the file belongs to; null for a "
               "run's own output.", "2026-11-22-78921de3"),
        Column("duckdb_version", "string", "DuckDB version that wrote the file.", "v2.0.0",
               required=True),
        Column("storage_version", "string", "DuckDB storage format of the file (DuckDB of this "
               "version or later opens it).", "v1.2.0", required=True),
    ),
)

HEMICYCLE_TABLES = Table(
    name="hemicycle_tables",
    description="Every table of this database: what it is, and its rows when it was built "
    "(`FROM hemicycle_check()` compares them with what the file holds now).",
    key=("name",), partitioned=False,
    columns=(
        Column("name", "string", "Table name.", "signatories", required=True),
        Column("kind", "string", "`table` (the published data) or `metric` (computed from it "
               "when the database was built).", "table", required=True),
        Column("rows", "int", "Rows.", "2215", required=True),
        Column("description", "string", "What one row is.", "One row per signature…",
               required=True),
    ),
)

CATALOGUE: dict[str, Table] = {t.name: t for t in (HEMICYCLE_ABOUT, HEMICYCLE_TABLES)}
