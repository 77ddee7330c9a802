"""No document may cost more than a bounded amount of work: hostile inputs end as too_complex.

The hostile documents are built from the real seed declaration (its signatory list
repeated) or are the shapes attacks take (nesting, compression bombs); each goes through
the worker that parses in production, and the next, ordinary document still parses.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterator

import pytest
from hostile import SEED, nested_divs, operator_bomb, pdf_with_stream, repeated_list

from hemicycle.parse.bounded import BoundedParser
from hemicycle.parse.limits import MAX_NESTING, markup_depth
from hemicycle.parse.text import html_to_text
from hemicycle.records import RawDocument


def _raw(content: bytes, content_type: str = "text/plain; charset=utf-8", source: str = "pace",
         name: str = "hostile") -> RawDocument:
    return RawDocument(source, f"sample:{name}", content, content_type, "2026-01-20T00:00:00Z", name)


@pytest.fixture(scope="module")
def parser() -> Iterator[BoundedParser]:
    with BoundedParser() as bounded:
        yield bounded


def _assert_refused_and_run_goes_on(parser: BoundedParser, raw: RawDocument, reason: str = "too_complex") -> str:
    result = parser(raw)
    assert result.error_reason == reason, (result.error_reason, result.error_message)
    assert result.statements == ()
    after = parser(_raw(SEED.read_bytes(), name="seed"))  # the next document parses as usual
    assert after.error_reason is None and len(after.statements[0].signatories) == 21
    return result.error_message or ""


def test_the_page_of_200000_nested_divs_is_refused_before_parsing(parser: BoundedParser) -> None:
    message = _assert_refused_and_run_goes_on(parser, _raw(nested_divs(200_000), "text/html", name="divs"))
    assert "tags" in message


def test_deep_nesting_with_few_tags_is_refused(parser: BoundedParser) -> None:
    message = _assert_refused_and_run_goes_on(parser, _raw(nested_divs(20_000), "text/html", name="deep"))
    assert f"nested more than {MAX_NESTING} deep" in message


def test_nesting_as_deep_as_browsers_build_still_parses() -> None:
    html = nested_divs(MAX_NESTING - 10).decode()
    assert markup_depth(html) == MAX_NESTING - 10
    assert html_to_text(html) == "Signé: GERMAN Michael, Royaume-Uni, ADLE"
    # end tags left out where HTML allows it do not count as nesting
    assert markup_depth("<ul>" + "<li><p>entry" * 5000 + "</ul>") == 1


def test_a_list_repeated_seven_hundred_thousand_times_is_stopped_at_its_cpu_budget() -> None:
    # 24 MB, under the size limit; about 4 s of CPU to parse here, so stopped at 1 s
    with BoundedParser(cpu_seconds=1.0) as parser:
        message = _assert_refused_and_run_goes_on(parser, _raw(repeated_list(700_000), name="repeated"))
        assert parser.stopped == 1
    assert "more than 1 s of CPU" in message


def test_a_document_that_needs_more_memory_than_allowed_is_stopped() -> None:
    with BoundedParser(cpu_seconds=60, memory_bytes=64 * 2**20) as small:
        message = _assert_refused_and_run_goes_on(small, _raw(repeated_list(200_000), name="memory"))
    assert "memory" in message


def test_a_pdf_whose_compressed_stream_expands_to_millions_of_operators_is_stopped(parser: BoundedParser) -> None:
    bomb = operator_bomb()
    assert len(bomb) < 200_000
    _assert_refused_and_run_goes_on(parser, _raw(bomb, "application/pdf", source="ep", name="pdf-ops"))


def test_a_pdf_stream_that_inflates_past_the_reader_limit_is_refused(parser: BoundedParser) -> None:
    bomb = pdf_with_stream(b"0" * 200_000_000)  # 200 MB of zeros in ~200 kB
    message = _assert_refused_and_run_goes_on(parser, _raw(bomb, "application/pdf", source="ep", name="pdf-zeros"))
    assert "decompress" in message


@pytest.mark.parametrize("compress", [gzip.compress, zlib.compress], ids=["gzip", "deflate"])
def test_compressed_bytes_are_not_inflated_but_refused_as_binary(parser: BoundedParser,
                                                                 compress: Callable[[bytes], bytes]) -> None:
    bomb = compress(b"<div>" * 20_000_000)  # 100 MB of markup in well under 1 MB
    _assert_refused_and_run_goes_on(parser, _raw(bomb, "text/html", name="compressed"), reason="binary")


def test_a_document_larger_than_any_statement_is_refused_unread(parser: BoundedParser) -> None:
    _assert_refused_and_run_goes_on(parser, _raw(b"a" * 25_000_001, name="large"))
