"""The PACE parser on real pages of every era and both languages."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from reconstruct import FRENCH_CURRENT_URL, french_current_site

from hemicycle.errors import ParseError
from hemicycle.parse.pace import parse_date, parse_pace_document
from hemicycle.records import ListProblem, ParsedStatement


def _page(corpus_dir: Path, record: str) -> ParsedStatement:
    raw = json.loads((corpus_dir / "pace" / "raw" / f"{record}.json").read_text(encoding="utf-8"))
    return parse_pace_document(raw["excerpt"], url=raw["url"])


def test_seed_declaration_829(sample_dir: Path) -> None:
    text = (sample_dir / "seeds" / "pace-written-declaration-829-fr.txt").read_text(encoding="utf-8")
    st = parse_pace_document(text)
    assert (st.doc_type, st.doc_no, st.number, st.date, st.language) == (
        "written_declaration", "16320", "829", dt.date(2026, 1, 19), "fr")
    assert st.title == "Soutien aux réformes démocratiques au Kazakhstan et à son leadership régional"
    assert st.declared_total == len(st.signatories) == 21 and st.signatories_complete
    first = st.signatories[0]
    assert (first.family_name, first.given_name, first.country_label, first.group_label) == (
        "GERMAN", "Michael", "Royaume-Uni", "ADLE")
    assert Counter(s.group_label for s in st.signatories) == {
        "ADLE": 7, "PPE/DC": 5, "CEPA": 4, "SOC": 3, "NI": 2}
    assert st.group_legend["CEPA"] == "Conservateurs européens, Patriotes et Affiliés"


def test_current_site_without_label_keeps_observers_without_group(corpus_dir: Path) -> None:
    st = _page(corpus_dir, "001")
    assert (st.doc_type, st.doc_no, st.date, st.file_id, st.language) == (
        "motion_resolution", "14991", dt.date(2019, 10, 4), "28245", "en")
    assert (st.title or "").startswith("Strengthening the role of the Council of Europe")
    observer = st.signatories[1]
    assert (observer.name, observer.country_label, observer.group_label) == ("Nassar ALQAISI", "Jordan", None)
    assert [s.prefix for s in st.signatories[:3]] == ["Mr", "Mr", "Ms"]
    assert len(st.signatories) == 21 and st.signatories_complete


def test_legacy_french_page(corpus_dir: Path) -> None:
    st = _page(corpus_dir, "024")
    assert (st.doc_type, st.number, st.doc_no, st.date, st.language) == (
        "written_declaration", "408", "11584", dt.date(2008, 4, 17), "fr")
    brande = next(s for s in st.signatories if s.family_name == "Van den BRANDE")
    assert (brande.prefix, brande.given_name, brande.country_label) == ("M.", "Luc", "Belgique")
    assert len(st.signatories) == 25


def test_pre_2008_signed_block_with_surnames_only_and_legend(corpus_dir: Path) -> None:
    st = _page(corpus_dir, "036")
    assert (st.doc_type, st.doc_no, st.date) == ("motion_recommendation", "9779", dt.date(2003, 4, 10))
    first = st.signatories[0]
    assert (first.family_name, first.given_name, first.country_label, first.group_label) == (
        "Shybko", None, "Ukraine", "SOC")  # printed "Shybko, Ukraine,SOC"
    assert st.group_legend["LDR"].startswith("Liberal, Democratic and Reformers")
    assert len(st.signatories) == 14


@pytest.mark.parametrize("record,kept,last_family", [
    ("053", 49, None),   # ends inside 'Lord John E. TOMLINSON, United King'
    ("022", 46, None),   # ends inside 'M. Predrag'
    ("072", 49, "NICOLETTI"),  # ends right after a full entry and ' ; '
])
def test_cut_lists_keep_exactly_the_entries_present(corpus_dir: Path, record: str, kept: int,
                                                     last_family: str | None) -> None:
    st = _page(corpus_dir, record)
    assert not st.signatories_complete
    assert len(st.signatories) == kept
    if last_family:
        assert st.signatories[-1].family_name == last_family
    assert all(s.country_label for s in st.signatories)


def test_amendments_are_other_not_motions(corpus_dir: Path) -> None:
    assert _page(corpus_dir, "003").doc_type == "other"
    assert _page(corpus_dir, "077").doc_type == "other"  # "Amendement n° 7"
    assert _page(corpus_dir, "084").doc_type == "other"  # "Motion for an order"


def test_page_without_its_list_is_a_statement_flagged_incomplete(corpus_dir: Path) -> None:
    st = _page(corpus_dir, "027")
    assert (st.doc_no, st.signatories, st.signatories_complete) == ("13535", (), False)


def test_text_that_is_no_pace_statement_is_a_parse_error() -> None:
    with pytest.raises(ParseError) as err:
        parse_pace_document("Hello world.\n\nNothing to see here.")
    assert err.value.reason == "not_a_statement"


def test_french_and_english_dates() -> None:
    assert parse_date("1er janvier 2020") == dt.date(2020, 1, 1)
    assert parse_date("19 décembre 2017") == dt.date(2017, 12, 19)
    assert parse_date("04 October 2019") == dt.date(2019, 10, 4)
    assert parse_date("31 février 2020") is None


# ---------------------------------------------------------------- layouts seen on unseen pages
@pytest.mark.parametrize("one_per_line", [False, True])
def test_french_current_site_label_alone_with_the_list_below(corpus_dir: Path, one_per_line: bool) -> None:
    st = parse_pace_document(french_current_site(corpus_dir, one_per_line), url=FRENCH_CURRENT_URL)
    same_text = _page(corpus_dir, "059")  # the same motion on the older French page
    assert len(st.signatories) == 21 and st.signatories_complete and st.list_problems == ()
    assert st.signatories == same_text.signatories
    assert (st.doc_no, st.date, st.language, st.title) == ("14991", dt.date(2019, 10, 4), "fr", same_text.title)


@pytest.mark.parametrize("record,kept,left_out", [
    ("037", 10, "Devínsky, Slovakia,"),  # a last comma announces the group the cut took
    ("047", 47, "Mr Emanuelis ZINGERIS, Lithuania,"),
    ("068", 17, "Dokle, Albania"),  # every other entry of the list carries a group
])
def test_an_entry_at_a_cut_is_kept_only_with_the_shape_of_the_others(corpus_dir: Path, record: str, kept: int,
                                                                       left_out: str) -> None:
    st = _page(corpus_dir, record)
    assert len(st.signatories) == kept and not st.signatories_complete
    assert [p.reason for p in st.list_problems] == ["list_cut"]
    assert left_out in st.list_problems[0].message


def test_a_group_code_cut_short_at_a_cut_is_left_out(corpus_dir: Path) -> None:
    # WD 755 (2022) cut just after "EC" of "EC/DA": EC was not the group's name in 2022
    raw = json.loads((corpus_dir / "pace" / "raw" / "043.json").read_text(encoding="utf-8"))
    text = raw["excerpt"]
    st = parse_pace_document(text[: text.index("EC/DA") + 2], url=raw["url"])
    assert st.signatories[-1].family_name == "FRIDEZ" and "GEVORGYAN" in st.list_problems[0].message
    assert not st.signatories_complete


def test_an_entry_at_a_cut_of_a_list_without_groups_is_kept_whole(corpus_dir: Path) -> None:
    # 2008 lists print many members without a group: once one is seen, "Name, Country" is
    # one of the list's shapes
    raw = json.loads((corpus_dir / "pace" / "raw" / "038.json").read_text(encoding="utf-8"))
    whole = parse_pace_document(raw["excerpt"], url=raw["url"])
    no_group = [k for k, s in enumerate(whole.signatories) if s.group_label is None][1]  # EVANS
    line = next(line for line in raw["excerpt"].split("\n") if " ; " in line)
    up_to = " ; ".join(line.split(" ; ")[: no_group + 1])  # ends with "…, <country>": no group printed
    country = whole.signatories[no_group].country_label
    assert country is not None and up_to.endswith(country)
    st = parse_pace_document(raw["excerpt"].split(line)[0] + up_to, url=raw["url"])
    assert len(st.signatories) == no_group + 1 and not st.signatories_complete


@pytest.mark.parametrize("record,doc_no,number,date,title", [
    ("048", "11735", "415", dt.date(2008, 10, 2), "Protection of Camp Ashraf residents"),  # "October 02, 2008"
    ("050", "12765", "501", dt.date(2011, 10, 6), "Protection of Camp Ashraf"),  # "Doc. 12765  6 October 2011"
    ("068", "9056", "320", dt.date(2001, 5, 14), "Recognition of the Armenian genocide"),  # "Doc. 9056 2nd edition"
])
def test_headers_of_copies_and_editions(corpus_dir: Path, record: str, doc_no: str, number: str | None,
                                        date: dt.date, title: str) -> None:
    st = _page(corpus_dir, record)
    assert (st.doc_type, st.doc_no, st.number, st.date, st.title) == (
        "written_declaration", doc_no, number, date, title)


def test_us_style_dates() -> None:
    assert parse_date("October 02, 2008") == dt.date(2008, 10, 2)
    assert parse_date("Doc. 11735, Council of Europe\nOctober 2nd, 2008") == dt.date(2008, 10, 2)
    assert parse_date("Mr May, 2008") is None


# ---------------------------------------------------------------- the list checks itself
def _seed(sample_dir: Path) -> str:
    return (sample_dir / "seeds" / "pace-written-declaration-829-fr.txt").read_text(encoding="utf-8")


def test_a_declared_total_above_the_entries_read_is_a_problem(sample_dir: Path) -> None:
    st = parse_pace_document(_seed(sample_dir).replace("Total = 21", "Total = 25"))
    assert len(st.signatories) == 21 and not st.signatories_complete
    assert st.list_problems == (ListProblem("list_incomplete", "declared total 25, 21 entries read"),)
    fewer = parse_pace_document(_seed(sample_dir).replace("Total = 21", "Total = 20"))
    assert [p.reason for p in fewer.list_problems] == ["list_inconsistent"]


def test_a_declared_total_with_no_name_is_an_unread_list(corpus_dir: Path) -> None:
    st = _page(corpus_dir, "050")  # a copy that gives "Total = 108" and a legend, no name
    assert st.signatories == () and st.declared_total == 108 and not st.signatories_complete
    assert st.list_problems[0] == ListProblem("list_unread", "declared total 108, no entry read")


def test_a_label_followed_by_nothing_is_an_unread_list(corpus_dir: Path) -> None:
    page = french_current_site(corpus_dir)
    lines = page.split("\n")
    listed = next(line for line in lines if line.startswith("M. Tiny KOX"))
    st = parse_pace_document(page.replace(listed, ""), url=FRENCH_CURRENT_URL)
    assert st.signatories == () and not st.signatories_complete
    assert [p.reason for p in st.list_problems] == ["list_unread"]
    assert "Signataires :" in st.list_problems[0].message


def test_two_entries_glued_together_are_counted_by_their_countries(corpus_dir: Path) -> None:
    raw = json.loads((corpus_dir / "pace" / "raw" / "001.json").read_text(encoding="utf-8"))
    st = parse_pace_document(raw["excerpt"].replace(" ; ", " ", 1), url=raw["url"])  # a separator lost
    assert len(st.signatories) == 20 and not st.signatories_complete
    assert st.list_problems == (
        ListProblem("list_incomplete", "21 country names in the list's text, 20 entries read with one"),)


def test_a_list_runs_on_across_page_furniture(corpus_dir: Path) -> None:
    raw = json.loads((corpus_dir / "pace" / "raw" / "036.json").read_text(encoding="utf-8"))
    lines = raw["excerpt"].split("\n")
    whole = parse_pace_document(raw["excerpt"], url=raw["url"])
    sixth = [k for k, line in enumerate(lines) if line.count(",") == 2][5]
    paged = "\n".join(lines[:sixth] + ["", "- 2 -", "Doc. 9779", ""] + lines[sixth:])  # a PDF page break
    st = parse_pace_document(paged, url=raw["url"])
    assert st.signatories == whole.signatories and len(st.signatories) == 14 and st.signatories_complete


def test_entries_after_the_point_the_list_stopped_are_a_problem(corpus_dir: Path) -> None:
    raw = json.loads((corpus_dir / "pace" / "raw" / "036.json").read_text(encoding="utf-8"))
    lines = raw["excerpt"].split("\n")
    sixth = [k for k, line in enumerate(lines) if line.count(",") == 2][5]
    broken = "\n".join(lines[:sixth] + ["", "The list of signatories continues on the next page.", "",
                                        "Some further text, not an entry, was printed here.", "",
                                        "And a third paragraph.", "", "And a fourth."] + lines[sixth:])
    st = parse_pace_document(broken, url=raw["url"])
    assert len(st.signatories) == 5 and not st.signatories_complete
    (problem,) = st.list_problems
    assert problem.reason == "list_incomplete" and "9 more line(s) shaped like entries" in problem.message


def test_every_complete_list_of_the_corpus_checks_out_and_every_cut_one_says_so(corpus_dir: Path) -> None:
    for path in sorted((corpus_dir / "pace" / "truth").glob("[0-9]*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        st = _page(corpus_dir, path.stem) if truth["doc_type"] else None
        if st is None:
            continue
        assert st.signatories_complete == truth["signatories_complete"], (path.stem, st.list_problems)
        assert bool(st.list_problems) != truth["signatories_complete"], path.stem
