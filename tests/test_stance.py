"""Stance of a statement toward the states it is about, read by rules on real texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hemicycle.parse.dispatch import parse_document
from hemicycle.records import ParsedStatement
from hemicycle.stance import TargetStance, read_stances


def stances(title: str | None, text: str | None, language: str = "en") -> dict[str, TargetStance]:
    return {t.country_code: t for t in read_stances(language, title, text)}


def parsed(path: Path, source: str = "auto", url: str | None = None) -> ParsedStatement:
    (statement, *_) = parse_document(path.read_bytes(), url=url, source=source)
    return statement


def corpus_record(corpus_dir: Path, source: str, record: str) -> ParsedStatement:
    raw = json.loads((corpus_dir / source / "raw" / f"{record}.json").read_text(encoding="utf-8"))
    (statement, *_) = parse_document(raw["excerpt"].encode(), url=raw["url"], source=source)
    return statement


def test_the_pace_declaration_praises_kazakhstan(sample_dir: Path) -> None:
    st = parsed(sample_dir / "seeds" / "pace-written-declaration-829-fr.txt")
    found = stances(st.title, st.text, st.language)
    assert list(found) == ["KZ"]  # not the signatories' countries
    kz = found["KZ"]
    assert (kz.stance, kz.confidence) == ("praise", "high")
    assert kz.evidence in (st.title or "") + (st.text or "")  # quoted verbatim


def test_the_parliament_summary_criticises_kazakhstan(sample_dir: Path) -> None:
    st = parsed(sample_dir / "seeds" / "ep-summary-kazakhstan-freedom-of-expression-fr.txt")
    kz = stances(st.title, st.text, st.language)["KZ"]
    assert (kz.stance, kz.confidence) == ("criticism", "high")
    assert kz.evidence in (st.text or "")


def test_aggressor_criticised_and_victim_in_solidarity(corpus_dir: Path) -> None:
    st = corpus_record(corpus_dir, "pace", "007")  # "condemn ... the violation of the territorial
    found = stances(st.title, st.text, st.language)  # integrity and sovereignty of Ukraine by ... Russia"
    assert found["RU"].stance == "criticism" and found["UA"].stance == "solidarity"


def test_calls_on_the_authorities_to_release_is_criticism() -> None:
    found = stances(None, "The Assembly calls on the Azerbaijani authorities to release all political "
                          "prisoners without delay.")
    assert found["AZ"].stance == "criticism"
    assert found["AZ"].evidence.startswith("The Assembly calls on the Azerbaijani authorities to release")


def test_a_state_asked_to_help_is_no_target() -> None:
    text = ("We are deeply concerned about the situation of the residents of Camp Ashraf in Iraq. "
            "We urge the United States to continue its protection of the camp. The Iraqi forces must "
            "not be given a free hand.")
    found = stances(None, text)
    assert "US" not in found and found["IQ"].stance == "criticism"


def test_a_negated_cue_says_nothing() -> None:
    assert stances("Relations with Norway", "The Assembly does not condemn Norway.")["NO"].stance == "unknown"
    assert stances("Relations with Norway", "The Assembly condemns Norway.")["NO"].stance == "criticism"


def test_a_failure_to_honour_obligations_is_criticism() -> None:
    text = "They express their serious concern over Azerbaijan's persistent failure to honour its obligations."
    assert stances(None, text)["AZ"].stance == "criticism"


def test_praise_never_comes_from_a_sentence_that_does_not_name_the_state() -> None:
    text = ("Elections were held in Moldova in 2024. The Assembly welcomes the high turnout. "
            "Moldova joined the Council of Europe in 1995.")
    assert stances(None, text)["MD"].stance != "praise"


def test_praise_in_a_critical_text_does_not_make_it_praise() -> None:
    text = ("We welcome the release of two journalists by the Turkish authorities. We condemn the detention "
            "of the HDP co-chairs by Turkey and are seriously concerned by the arrest of opposition MPs in Turkey.")
    assert stances(None, text)["TR"].stance == "criticism"


def test_peace_talks_are_neutral() -> None:
    text = "A political solution to the conflict between Armenia and Azerbaijan requires dialogue."
    found = stances("Peace between Armenia and Azerbaijan", text)
    assert found["AM"].stance == found["AZ"].stance == "neutral"


@pytest.mark.parametrize(("record", "language"), [("054", "ro"), ("100", "fi"), ("102", "bg")])
def test_praise_read_in_the_parliaments_other_languages(corpus_dir: Path, record: str, language: str) -> None:
    # the same motion in Romanian, Finnish and Bulgarian: the new Polish government "formed
    # after perfectly democratic elections", defended against the Commission
    st = corpus_record(corpus_dir, "ep", record)
    assert st.language == language
    assert stances(st.title, st.text, st.language)["PL"].stance == "praise"


def test_the_text_language_wins_over_the_page_language(corpus_dir: Path) -> None:
    st = corpus_record(corpus_dir, "ep", "011")  # a Latvian page printing the English motion
    assert (st.url or "").endswith("_LV.html")  # the page's language, whatever the statement's
    assert stances(st.title, st.text, "lv")["KZ"].stance == "criticism"


def test_hong_kong_authorities_are_chinas() -> None:
    found = stances("Resolution on the crackdown on the democratic opposition in Hong Kong", None)
    assert found["CN"].stance == "criticism" and "HK" not in found


def test_a_french_word_that_is_also_a_territory_is_no_target() -> None:
    text = "Nous sommes préoccupés par la liberté de réunion en Azerbaïdjan et par la liberté de réunion."
    assert "RE" not in stances(None, text, "fr")
