from __future__ import annotations

from pathlib import Path

from hemicycle.parse.pace import parse_pace_document
from hemicycle.subjects import subject_countries


def _codes(title: str | None, text: str | None) -> list[str]:
    """The states a statement is about, most mentioned first."""
    return [code for code, _, _ in subject_countries(title, text)]


def test_seed_declaration_is_about_kazakhstan_not_its_signatories_countries(sample_dir: Path) -> None:
    st = parse_pace_document((sample_dir / "seeds" / "pace-written-declaration-829-fr.txt")
                             .read_text(encoding="utf-8"))
    # the list names France, Armenia, Germany...: none of them is a subject
    assert _codes(st.title, st.text) == ["KZ"]


def test_french_summary_with_adjectives_only_in_text(sample_dir: Path) -> None:
    text = (sample_dir / "seeds" / "ep-summary-kazakhstan-freedom-of-expression-fr.txt").read_text(
        encoding="utf-8")
    assert subject_countries(None, text)[0][:2] == ("KZ", "body")


def test_title_mention_suffices_body_needs_two() -> None:
    assert _codes("The situation in Belarus", None) == ["BY"]
    assert _codes(None, "A delegation visited Georgia.") == []
    assert _codes(None, "Georgia ... the Georgian authorities") == ["GE"]
    assert _codes("Turquie : la démocratie", None) == ["TR"]


def _sample_statements(sample_dir: Path, url_part: str) -> list[tuple[str | None, str | None]]:
    from hemicycle.fetch.sample import iter_sample_documents
    from hemicycle.parse.dispatch import parse_raw_document

    return [(st.title, st.text) for raw in iter_sample_documents(sample_dir) if url_part in raw.url
            for st in parse_raw_document(raw).statements]


def test_given_names_before_a_surname_are_people_not_states(sample_dir: Path) -> None:
    # the Greek minutes print "Dominique Baudis ... Dominique Vlasto" in their text
    statements = _sample_statements(sample_dir, "PV-7-2010-06-17-ITM-007-11_EL")
    assert statements and all("Dominique Baudis" in (text or "") for _, text in statements)
    assert all("DM" not in _codes(title, text) for title, text in statements)
    # the state itself, printed alone, still counts; so do states before a capitalised word
    assert _codes(None, "la Dominique a ratifié ; la Dominique, membre") == ["DM"]
    assert _codes(None, "Jordan Bardella et Jordan Bardella") == []
    assert _codes(None, "In Jordan, refugees. Jordan.") == ["JO"]
    assert _codes(None, "EU-Ukraine Association Agreement; Ukraine Facility") == ["UA"]


def test_a_state_name_in_lower_case_is_a_common_word(sample_dir: Path) -> None:
    # "réunion" (a meeting) in the French pages of the sample, not La Réunion
    statements = _sample_statements(sample_dir, "greens-efa.eu/fr/article/document/-6292")
    assert statements and any("réunion" in (text or "") for _, text in statements)
    assert all("RE" not in _codes(title, text) for title, text in statements)
    assert _codes(None, "une réunion ; la réunion") == []
    assert _codes(None, "La Réunion et la Réunion") == ["RE"]
    # adjectives are written in lower case in French: they count
    assert _codes(None, "les autorités russes et la Russie") == ["RU"]


def test_a_name_that_begins_with_a_small_article_still_counts() -> None:
    text = ("the former Yugoslav Republic of Macedonia signed; "
            "the authorities of the former Yugoslav Republic of Macedonia")
    assert _codes(None, text) == ["MK"]
    assert _codes("Elections in the Netherlands", None) == ["NL"]
