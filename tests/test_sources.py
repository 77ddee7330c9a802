"""The source registry: an assembly is a row of data/vocab/assemblies.csv plus its parser
module; the dispatcher finds it by the document's host, its format or its own words."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from hemicycle import sources, vocab
from hemicycle.errors import ParseError
from hemicycle.parse.dispatch import guess_source, parse_document

EXAMPLE_PARSER = '''
from hemicycle.records import ParsedSignatory, ParsedStatement


def parse_text(text, url=None):
    names = [line.removeprefix("Signed: ").strip() for line in text.splitlines() if line.startswith("Signed: ")]
    return [ParsedStatement(source="xa", doc_type="motion", language="en", doc_no="1", url=url,
                            signatories=tuple(ParsedSignatory(position=i, kind="person", name=n)
                                              for i, n in enumerate(names, 1)))]
'''


def _clear_caches() -> None:
    for cached in (sources.sources, sources.source_ids, sources.markers):
        cached.cache_clear()


@pytest.fixture
def another_assembly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The project's vocabularies plus one more assembly, read by a module of its own."""
    folder = tmp_path / "vocab"
    shutil.copytree(vocab.VOCAB_DIR, folder)
    with (folder / "assemblies.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerow(
            ["xa", "Example Assembly", "Assemblée exemple", "1990-01-01", "example_assembly_parser",
             "assembly.example", "", "en", "a test assembly"])
    with (folder / "source_markers.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerow(["xa", "Example Assembly", ""])
    (tmp_path / "example_assembly_parser.py").write_text(EXAMPLE_PARSER, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(vocab, "VOCAB_DIR", folder)
    _clear_caches()
    yield
    monkeypatch.undo()
    _clear_caches()


def test_the_project_assemblies_are_found_by_their_hosts() -> None:
    assert sources.source_ids() == ("pace", "ep")
    assert guess_source("https://pace.coe.int/en/files/28245/html") == "pace"
    assert guess_source("https://www.europarl.europa.eu/doceo/document/B-9-2020-0229_EN.html") == "ep"
    assert guess_source("https://example.org/") is None
    with pytest.raises(ValueError, match="unknown source 'xa'"):
        parse_document(b"Signed: A", source="xa")


def test_a_json_document_of_an_assembly_without_a_json_reader_is_refused() -> None:
    with pytest.raises(ParseError, match="only known from the European Parliament API"):
        parse_document(b'{"data": []}', url="https://pace.coe.int/en/files/1/html")


def test_an_assembly_added_as_a_row_and_a_module_is_read_by_host_and_by_its_words(another_assembly: None) -> None:
    text = b"Example Assembly\nMotion 1\nSigned: Anna Berg\nSigned: Jean Dupont\n"
    (by_host,) = parse_document(text, url="https://assembly.example/motions/1")
    assert by_host.source == "xa" and [s.name for s in by_host.signatories] == ["Anna Berg", "Jean Dupont"]
    (by_words,) = parse_document(text)  # no address: its own words say whose it is
    assert by_words.source == "xa"
    (named,) = parse_document(text, source="xa")
    assert named == by_words
