"""Rosters as they come: the EP's member files with their real defects, checked by the seats."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from ep_portal import adinolfi_record

from expectations.members import MEMBERSHIP_RULES, RULES
from expectations.rules import Rule
from expectations.runner import run_rules
from hemicycle.fetch.sample import read_sample_entry, roster_entries
from hemicycle.fetch.store import sha256_hex
from hemicycle.people.reference import ep_seat_periods, ep_terms, seats_in_term
from hemicycle.people.roster import RosterTables, build_roster, country_from_uri, parse_member_record
from hemicycle.records import RawDocument


def sample_rosters(sample_dir: Path) -> list[RawDocument]:
    return [read_sample_entry(entry) for entry in roster_entries(sample_dir)]


@pytest.fixture(scope="module")
def roster(sample_dir: Path) -> RosterTables:
    return build_roster(sample_rosters(sample_dir))


def rule(name: str, rules: list[Rule] = MEMBERSHIP_RULES) -> list[Rule]:
    return [r for r in rules if r.name == name]


def test_the_sample_roster_is_the_eps_files_as_published(sample_dir: Path) -> None:
    manifest = json.loads((sample_dir / "manifest.json").read_text(encoding="utf-8"))
    for entry, doc in zip(manifest["rosters"], sample_rosters(sample_dir), strict=True):
        assert "open-data-beta-testing" in entry["url"] and entry["origin"]
        text = doc.content.decode("cp1252")  # Windows-1252, as the EP exported them
        with pytest.raises(UnicodeDecodeError):
            doc.content.decode("utf-8")
        assert "?" in text  # letters outside the code page were lost


def test_full_terms_with_one_seat_per_row(roster: RosterTables) -> None:
    mandates = roster.memberships.filter(pl.col("kind") == "mandate")
    per_term = dict(mandates.group_by("term").len().iter_rows())
    assert set(per_term) == {6, 7, 8, 9} and all(800 < n < 1000 for n in per_term.values())
    # a member of several terms is one member with one mandate per term
    ansip = mandates.filter(pl.col("member_id") == "ep:124696")
    assert sorted(ansip["term"].to_list()) == [8, 9] and set(ansip["country_code"]) == {"EE"}
    assert roster.members["member_id"].is_unique().all() and roster.problems == []


def test_names_keep_their_lost_letters_as_written(roster: RosterTables) -> None:
    liberadzki = roster.members.filter(pl.col("member_id") == "ep:23768").row(0, named=True)
    assert (liberadzki["given_name"], liberadzki["family_name"]) == ("Bogus?aw", "Liberadzki")
    assert liberadzki["name_complete"] is False
    assert roster.members.filter(pl.col("member_id") == "ep:124696")["name_complete"].item() is True


def test_the_spain_estonia_swap_is_corrected_and_the_seats_confirm_it(roster: RosterTables) -> None:
    mandates = roster.memberships.filter(pl.col("kind") == "mandate")
    counts = dict(mandates.filter(pl.col("term") == 9).group_by("country_code").len().iter_rows())
    assert counts["ES"] == 59 and counts["EE"] == 7
    results = run_rules(roster.memberships, MEMBERSHIP_RULES, name="memberships")
    assert all(r.passed and not r.crashed for r in results), [r.as_dict() for r in results if not r.passed]
    assert all(r.passed for r in run_rules(roster.members, RULES, name="members"))


def test_validation_catches_a_roster_that_gives_estonia_sixty_members(sample_dir: Path) -> None:
    # the same bytes under another address: no correction applies, as for any new file
    raw = [RawDocument(d.source, f"file:///rosters/meps_term_{t}_en.csv", d.content, d.content_type,
                       d.fetched_at, d.sha256) for t, d in zip((6, 7, 8, 9), sample_rosters(sample_dir), strict=True)]
    wrong = build_roster(raw).memberships
    (within,) = run_rules(wrong, rule("members_within_seats"), name="memberships")
    assert not within.passed and not within.crashed
    assert {e["country_code"] for e in within.examples} == {"EE"}
    assert max(e["members"] for e in within.examples) >= 59
    (filled,) = run_rules(wrong, rule("seats_filled"), name="memberships")  # and Spain almost empty
    assert not filled.passed and "ES" in {e["country_code"] for e in filled.examples}


def test_seats_vocabulary_adds_up_and_covers_the_terms_since_2004() -> None:
    totals = {p.valid_from.isoformat(): sum(p.seats.values()) for p in ep_seat_periods()}
    assert totals == {"2004-07-20": 732, "2007-01-01": 785, "2009-07-14": 736, "2011-12-01": 754,
                      "2013-07-01": 766, "2014-07-01": 751, "2020-02-01": 705, "2024-07-16": 720}
    periods = ep_seat_periods()
    assert all(a.valid_to is not None and (b.valid_from - a.valid_to).days == 1 for a, b in itertools.pairwise(periods))
    ninth = seats_in_term(9)
    assert ninth is not None and ninth["GB"] == (73, 73) and ninth["FR"] == (74, 79)
    assert seats_in_term(5) is None  # no allocation before 2004 in the vocabulary: not judged
    terms = ep_terms()
    assert all(a.last_day is not None and (b.first_day - a.last_day).days == 1 for a, b in itertools.pairwise(terms))


ADINOLFI_URL = "https://data.europarl.europa.eu/api/v2/meps/124831?format=application/ld+json"


def record_doc(record: dict[str, Any], url: str = ADINOLFI_URL) -> RawDocument:
    content = json.dumps(record).encode()
    return RawDocument("ep", url, content, "application/ld+json", "2026-01-20T08:00:00Z", sha256_hex(content))


def test_a_portal_record_gives_mandates_with_their_country_and_groups_with_their_dates() -> None:
    tables = build_roster([record_doc(adinolfi_record())])
    member = tables.members.row(0, named=True)
    assert (member["member_id"], member["name"], member["gender"]) == ("ep:124831", "Isabella Adinolfi", "female")
    rows = tables.memberships.sort("kind", "start_date").select(
        "kind", "organisation_code", "country_code", "country_basis", "start_date", "end_date").rows()
    assert [r[:2] for r in rows] == [("group", "EFDD"), ("group", "NI"), ("group", "EFDD"), ("mandate", "ep-8")]
    assert rows[3][2:4] == ("IT", "represents")  # committees are not kept


def test_records_are_read_defensively() -> None:
    record = adinolfi_record()
    item = record["data"][0]
    item["hasMembership"] = item["hasMembership"][0]  # one membership, not a list
    item["givenName"] = {"@value": "Isabella"}
    item["hasMembership"]["represents"] = "http://publications.europa.eu/resource/authority/country/ITA"
    part = parse_member_record(record_doc(record))
    assert part.members[0]["given_name"] == "Isabella"
    assert part.memberships[0]["country_code"] == "IT"
    assert parse_member_record(record_doc({"data": [{"type": "Person"}, "junk"]})).members == []
    assert country_from_uri("EL") == "GR" and country_from_uri("UK") == "GB"
    assert country_from_uri("http://publications.europa.eu/resource/authority/country/GRC") == "GR"
    bad = build_roster([record_doc({"oops": 1}, "https://x.example/rosters/readme.txt"),
                        RawDocument("ep", "https://x.example/nothing.csv", b"a,b\n1,2\n", "text/csv",
                                    "2026-01-20T08:00:00Z", "0")])
    assert [reason for _, reason, _ in bad.problems] == ["roster_unknown_term"]
