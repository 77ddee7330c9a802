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
