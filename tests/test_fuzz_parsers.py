"""Fuzzing: any input either parses into valid records or raises the project's ParseError."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hemicycle.errors import ParseError
from hemicycle.parse.dispatch import parse_document
from hemicycle.records import DOC_TYPES, SIGNATORY_KINDS, SOURCES

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def _real_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((SAMPLE / "seeds").glob("*.txt"))]
    for folder in (SAMPLE / "pace", SAMPLE / "ep"):
        for path in sorted(folder.glob("*.json"))[::4]:
            texts.append(json.loads(path.read_text(encoding="utf-8"))["excerpt"])
    return texts


REAL = _real_texts()
FRAGMENTS = ["Doc. 12345", "Written declaration No. 7 | Doc. 1 | 31 February 2020", " | ", "Signatories:",
             "Signé¹:", "Mr A B, France, EPP/CD ; ", "Total = 3", "\n", ", ", " ; ", "on behalf of the PPE Group",
             "au nom du groupe S&D", " und ", "<Depute>", "</Depute><Commission>{PPE}", "{", "RC-B8-0001/2015",
             "Motion for a resolution", "Signed 1:", "Marty, Switzerland, LDR", "ADLE: Alliance", "é", "\x00"]


def assert_valid_or_parse_error(content: bytes, source: str = "auto") -> None:
    try:
        statements = parse_document(content, source=source)
    except ParseError as exc:
        assert exc.reason and str(exc)
        return
    for statement in statements:
        assert statement.source in SOURCES and statement.doc_type in DOC_TYPES
        assert [s.position for s in statement.signatories] == list(range(1, len(statement.signatories) + 1))
        for sig in statement.signatories:
            assert sig.kind in SIGNATORY_KINDS and sig.name.strip()


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes(content: bytes) -> None:
    assert_valid_or_parse_error(content)


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=30), max_size=60),
       st.sampled_from(["auto", "pace", "ep"]))
def test_fragments_of_real_structure(parts: list[str], source: str) -> None:
    assert_valid_or_parse_error("".join(parts).encode("utf-8", "surrogatepass"), source)


@FUZZ
@given(st.sampled_from(REAL), st.integers(0, 4000), st.integers(0, 4000), st.text(max_size=20))
def test_real_documents_cut_and_spliced(text: str, start: int, stop: int, insert: str) -> None:
    mutated = text[:start] + insert + text[stop:]
    assert_valid_or_parse_error(mutated.encode("utf-8", "surrogatepass"))
