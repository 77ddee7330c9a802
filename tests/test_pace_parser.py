"""The PACE parser on real pages of every era and both languages."""

import datetime as dt
import json
from collections import Counter

import pytest

from hemicycle.errors import ParseError
from hemicycle.parse.pace import parse_date, parse_pace_document


def _page(corpus_dir, record):
    raw = json.loads((corpus_dir / "pace" / "raw" / f"{record}.json").read_text(encoding="utf-8"))
    return parse_pace_document(raw["excerpt"], url=raw["url"])


def test_seed_declaration_829(sample_dir):
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


def test_current_site_without_label_keeps_observers_without_group(corpus_dir):
    st = _page(corpus_dir, "001")
    assert (st.doc_type, st.doc_no, st.date, st.file_id, st.language) == (
        "motion_resolution", "14991", dt.date(2019, 10, 4), "28245", "en")
    assert st.title.startswith("Strengthening the role of the Council of Europe")
    observer = st.signatories[1]
    assert (observer.name, observer.country_label, observer.group_label) == ("Nassar ALQAISI", "Jordan", None)
    assert [s.prefix for s in st.signatories[:3]] == ["Mr", "Mr", "Ms"]
    assert len(st.signatories) == 21 and st.signatories_complete


def test_legacy_french_page(corpus_dir):
    st = _page(corpus_dir, "024")
    assert (st.doc_type, st.number, st.doc_no, st.date, st.language) == (
        "written_declaration", "408", "11584", dt.date(2008, 4, 17), "fr")
    brande = next(s for s in st.signatories if s.family_name == "Van den BRANDE")
    assert (brande.prefix, brande.given_name, brande.country_label) == ("M.", "Luc", "Belgique")
    assert len(st.signatories) == 25


def test_pre_2008_signed_block_with_surnames_only_and_legend(corpus_dir):
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
def test_cut_lists_keep_exactly_the_entries_present(corpus_dir, record, kept, last_family):
    st = _page(corpus_dir, record)
    assert not st.signatories_complete
    assert len(st.signatories) == kept
    if last_family:
        assert st.signatories[-1].family_name == last_family
    assert all(s.country_label for s in st.signatories)


def test_amendments_are_other_not_motions(corpus_dir):
    assert _page(corpus_dir, "003").doc_type == "other"
    assert _page(corpus_dir, "077").doc_type == "other"  # "Amendement n° 7"
    assert _page(corpus_dir, "084").doc_type == "other"  # "Motion for an order"


def test_page_without_its_list_is_a_statement_flagged_incomplete(corpus_dir):
    st = _page(corpus_dir, "027")
    assert (st.doc_no, st.signatories, st.signatories_complete) == ("13535", (), False)


def test_text_that_is_no_pace_statement_is_a_parse_error():
    with pytest.raises(ParseError) as err:
        parse_pace_document("Hello world.\n\nNothing to see here.")
    assert err.value.reason == "not_a_statement"


def test_french_and_english_dates():
    assert parse_date("1er janvier 2020") == dt.date(2020, 1, 1)
    assert parse_date("19 décembre 2017") == dt.date(2017, 12, 19)
    assert parse_date("04 October 2019") == dt.date(2019, 10, 4)
    assert parse_date("31 février 2020") is None
