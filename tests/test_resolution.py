"""Who signed: signatures attributed to members of the real EP roster, or left unresolved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from ep_portal import adinolfi_record
from test_rosters import record_doc, sample_rosters

from hemicycle.fetch.sample import iter_sample_documents
from hemicycle.normalise import Tables, build_tables
from hemicycle.parse.dispatch import parse_raw_document
from hemicycle.people.roster import RosterTables, build_roster
from hemicycle.persons import attribute
from hemicycle.schema import SIGNATORIES


@pytest.fixture(scope="module")
def roster(sample_dir: Path) -> RosterTables:
    return build_roster(sample_rosters(sample_dir))


def sig(sid: str, name: str, day: str, group: str | None = None, country: str | None = None, source: str = "ep",
        ref: str | None = None, given: str | None = None, family: str | None = None) -> dict[str, Any]:
    statement = sid.split("#")[0]
    return {"signatory_id": sid, "statement_id": statement, "source": source, "kind": "person",
            "date": dt.date.fromisoformat(day), "position": int(sid.split("#")[1]), "name": name,
            "given_name": given, "family_name": family, "group_code": group, "country_code": country,
            "person_ref": ref}


def attributed(rows: list[dict[str, Any]], roster: RosterTables,
               refs: pl.DataFrame | None = None) -> dict[str, dict[str, Any]]:
    frame = pl.DataFrame([{c: r.get(c) for c in SIGNATORIES.column_names} for r in rows],
                         schema=SIGNATORIES.polars_schema(), orient="row")
    result = attribute(frame, roster, refs)
    return {r["signatory_id"]: r for r in result.matches.join(result.fills, on=["signatory_id", "person_id"])
            .iter_rows(named=True)}


def test_homonyms_of_one_term_are_told_apart_by_given_name_and_never_merged_on_the_surname(
        roster: RosterTables) -> None:
    got = attributed([
        sig("ep:a#1", "Manfred Weber", "2016-03-10", "EPP"), sig("ep:a#2", "Renate Weber", "2016-03-10", "ALDE"),
        sig("ep:b#1", "Weber", "2016-03-10", "EPP"),  # two Webers sat in the 8th term
        sig("ep:c#1", "Isabella Adinolfi", "2020-01-15"), sig("ep:c#2", "M. Adinolfi", "2020-01-15"),
        sig("ep:d#1", "Adinolfi", "2020-01-15", country="IT"),  # both Adinolfis are Italian
        sig("ep:e#1", "WEBER", "2016-03-10", country="RO", source="ep"),  # a printed country picks Renate
    ], roster)
    assert (got["ep:a#1"]["member_id"], got["ep:a#1"]["method"]) == ("ep:28229", "roster_name")
    assert got["ep:a#2"]["member_id"] == "ep:39713"
    assert (got["ep:c#1"]["member_id"], got["ep:c#2"]["member_id"]) == ("ep:124831", "ep:197826")
    assert got["ep:c#2"]["method"] == "roster_initial"
    for sid, candidates in (("ep:b#1", ["ep:28229", "ep:39713"]), ("ep:d#1", ["ep:124831", "ep:197826"])):
        assert (got[sid]["method"], got[sid]["reason"], got[sid]["candidates"]) == \
            ("unresolved", "ambiguous", candidates)
        assert got[sid]["member_id"] is None and got[sid]["person_id"] not in candidates
        assert got[sid]["country_code"] == (None if sid == "ep:b#1" else "IT")
    assert (got["ep:e#1"]["member_id"], got["ep:e#1"]["method"]) == ("ep:39713", "roster_surname")
    # the country each member represented that day, and where it came from
    assert (got["ep:a#1"]["country_code"], got["ep:a#1"]["country_source"]) == ("DE", "roster")
    assert (got["ep:e#1"]["country_code"], got["ep:e#1"]["country_source"]) == ("RO", "printed")


def test_only_members_seated_on_the_day_are_candidates(roster: RosterTables) -> None:
    got = attributed([sig("ep:a#1", "Matteo Adinolfi", "2016-03-10"),  # elected in 2019
                      sig("ep:b#1", "Matteo Adinolfi", "2025-03-10")], roster)  # no roster for term 10
    assert (got["ep:a#1"]["method"], got["ep:a#1"]["reason"]) == ("unresolved", "no_candidate")
    assert (got["ep:b#1"]["method"], got["ep:b#1"]["reason"]) == ("unresolved", "no_roster")


def test_a_name_the_roster_lost_letters_of_still_matches_and_keeps_its_printed_letters(roster: RosterTables) -> None:
    got = attributed([sig("ep:a#1", "Bogusław Liberadzki", "2016-03-10", "S&D"),
                      sig("ep:b#1", "Jarosław Leszek Wałęsa", "2011-04-07", "EPP"),  # roster: Jaros?aw Wa??sa
                      sig("ep:c#1", "Boguslaw Liberadzki", "2016-03-10", "S&D")], roster)
    assert got["ep:a#1"]["member_id"] == got["ep:c#1"]["member_id"] == "ep:23768"
    assert (got["ep:a#1"]["given_name"], got["ep:a#1"]["family_name"]) == ("Bogusław", "Liberadzki")
    assert (got["ep:b#1"]["member_id"], got["ep:b#1"]["given_name"], got["ep:b#1"]["family_name"]) == \
        ("ep:96774", "Jarosław Leszek", "Wałęsa")


def test_a_group_change_mid_term_is_read_at_each_signature_date(roster: RosterTables, sample_dir: Path) -> None:
    # Isabella Adinolfi's portal record: EFDD, non-attached 16-19 October 2014, EFDD again
    detailed = build_roster([*sample_rosters(sample_dir), record_doc(adinolfi_record())])
    got = attributed([
        sig("ep:a#1", "Isabella Adinolfi", "2014-10-17"), sig("ep:b#1", "Isabella Adinolfi", "2015-03-11"),
        sig("ep:c#1", "ADINOLFI", "2015-03-11", "EFDD"),  # the family name alone, with her group that day
        sig("ep:d#1", "ADINOLFI", "2014-10-17", "EFDD"),  # ... but she was non-attached that day
        sig("ep:e#1", "Isabella Adinolfi", "2015-03-11", "GUE/NGL"),  # a printed group stays printed
    ], detailed)
    assert (got["ep:a#1"]["group_code"], got["ep:a#1"]["group_source"]) == ("NI", "roster")
    assert (got["ep:b#1"]["group_code"], got["ep:b#1"]["group_source"]) == ("EFDD", "roster")
    assert got["ep:b#1"]["group_id"] == "ep:efd"
    assert (got["ep:c#1"]["member_id"], got["ep:c#1"]["method"]) == ("ep:124831", "roster_surname")
    assert (got["ep:d#1"]["method"], got["ep:d#1"]["reason"], got["ep:d#1"]["candidates"]) == \
        ("unresolved", "surname_only", ["ep:124831"])
    assert (got["ep:e#1"]["group_code"], got["ep:e#1"]["group_source"]) == ("GUE/NGL", "printed")
    assert (got["ep:b#1"]["country_code"], got["ep:b#1"]["country_source"]) == ("IT", "roster")


def test_ids_in_the_document_name_the_members_and_ids_alone_get_the_roster_names(roster: RosterTables) -> None:
    refs = pl.DataFrame({"statement_id": ["ep:x", "ep:x", "ep:x"], "person_ref": ["ep:2341", "ep:999001", "ep:23768"],
                         "group_code": ["EPP", "Greens/EFA", "S&D"]})
    got = attributed([
        sig("ep:x#1", "Michael Gahler", "2025-05-07", "EPP"),  # term 10: no roster seat, but the id
        sig("ep:x#2", "Villy Søvndal", "2025-05-07", "Greens/EFA"),  # the one id and name left
        sig("ep:y#1", "ep:23768", "2016-03-10", "S&D", ref="ep:23768"),  # a record listing ids only
    ], roster, refs)
    assert (got["ep:x#1"]["member_id"], got["ep:x#1"]["method"]) == ("ep:2341", "document_id")
    assert (got["ep:x#2"]["member_id"], got["ep:x#2"]["method"]) == ("ep:999001", "document_pairing")
    assert (got["ep:y#1"]["name"], got["ep:y#1"]["method"]) == ("Bogus?aw Liberadzki", "source_id")
    assert got["ep:y#1"]["country_code"] == "PL"


@pytest.fixture(scope="module")
def sample_tables(sample_dir: Path, roster: RosterTables) -> Tables:
    parsed = [parse_raw_document(raw) for raw in iter_sample_documents(sample_dir)]
    return build_tables(parsed, today=dt.date(2026, 11, 22), roster=roster)


def test_a_member_of_both_assemblies_is_one_person_on_cited_evidence_only(sample_tables: Tables) -> None:
    persons = sample_tables.persons
    halicki = persons.filter(pl.col("person_id") == "ep:197514").sort("source")
    assert halicki["source"].to_list() == ["ep", "pace"] and set(halicki["member_id"]) == {"ep:197514"}
    assert sorted(halicki["country_code"]) == ["PL", "PL"]
    links = sample_tables.person_links.filter(pl.col("person_id") == "ep:197514")
    assert links["evidence"].to_list() == ["curated"] and "europarl.europa.eu/meps/en/197514" in links["citation"][0]
    # Marianne Mikko signed in PACE and sat in the EP, but nothing here says they are one
    mikko = persons.filter(pl.col("family_name").str.to_lowercase() == "mikko")
    assert mikko["source"].to_list() == ["pace"] and mikko["person_id"][0].startswith("pace:p-")


def test_the_sample_reaches_its_targets_without_naming_anyone_by_an_id(sample_tables: Tables) -> None:
    ep = sample_tables.signatories.filter((pl.col("source") == "ep") & (pl.col("kind") == "person"))
    assert ep["country_code"].null_count() <= 0.1 * ep.height
    assert ep["member_id"].null_count() <= 0.1 * ep.height
    persons = sample_tables.persons.filter(pl.col("source") == "ep")
    assert persons["member_id"].null_count() <= 0.1 * persons.height
    assert not persons["family_name"].str.starts_with("ep:").any()
    assert not ep["name"].str.starts_with("ep:").any()
    # names printed whole are split as the roster splits them
    gahler = ep.filter(pl.col("member_id") == "ep:2341")
    assert set(gahler["family_name"]) == {"Gahler"} and set(gahler["given_name"]) == {"Michael"}
    # ids another version gave, paired with the only name left in their group, become members
    paired = sample_tables.members.filter(pl.col("recorded_from") == "document")
    assert {"ep:111412", "ep:256824"} <= set(paired["member_id"])
    assert paired.filter(pl.col("member_id") == "ep:111412")["name"].item() == "Villy Søvndal"
    # statements count the countries the roster gave their signatories
    motion = sample_tables.statements.filter(pl.col("statement_id") == "ep:RC-B9-0068/2021").row(0, named=True)
    assert motion["country_count"] >= 15
