"""The polite HTTP client against a real server on loopback, with the server's faults."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from loopback import CHALLENGE, Fault, LoopbackServer, Page, gaps_between_requests, html_page, most_in_window

from hemicycle.fetch.http import (
    BLOCKED,
    FAILED,
    FETCHED,
    MISSING,
    NOT_MODIFIED,
    ClientSettings,
    FetchOutcome,
    PoliteClient,
    effective_content_type,
    retry_after_seconds,
)

MOTION = ("Strengthening the role of the Council of Europe\n"
          "Motion for a resolution | Doc. 14991 | 04 October 2019\n"
          "Mr Tiny KOX, Netherlands, UEL ; Ms Melisa RODRÍGUEZ HERNÁNDEZ, Spain, ALDE")
BODY = html_page(MOTION)
FAST = ClientSettings(contact="mailto:tests@example.org", min_interval=0.01, timeout=0.3,
                      backoff_base=0.01, max_attempts=4)


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer(stall_seconds=0.6) as srv:
        yield srv


def _get(server: LoopbackServer, path: str, settings: ClientSettings = FAST,
         **kwargs: Any) -> tuple[FetchOutcome, PoliteClient]:
    with PoliteClient(settings) as client:
        return client.get(server.url + path, **kwargs), client


@pytest.mark.parametrize("faults", [[500, 502], [503, 504, 500], ["stall"], ["reset"], ["truncate"],
                                    ["cut_short"]], ids=str)
def test_transient_faults_are_retried_until_the_page_comes(server: LoopbackServer, faults: list[Fault]) -> None:
    server.add("/p", Page(BODY, faults=list(faults)))
    outcome, client = _get(server, "/p")
    assert outcome.status == FETCHED and outcome.content == BODY
    assert outcome.attempts == len(faults) + 1 == len(server.requests("/p"))
    assert client.stats["retries"] == len(faults)


def test_json_cut_short_is_fetched_again(server: LoopbackServer) -> None:
    record = b'{"data": [{"identifier": "RC-10-2025-0249"}]}'
    server.add("/api", Page(record, "application/ld+json", faults=["cut_short"]))
    outcome, _ = _get(server, "/api")
    assert outcome.status == FETCHED and outcome.content == record and outcome.attempts == 2


def test_429_waits_as_long_as_retry_after_says(server: LoopbackServer) -> None:
    server.add("/p", Page(BODY, faults=[("429", "1")]))
    outcome, _ = _get(server, "/p")
    first, second = server.requests("/p")
    assert outcome.status == FETCHED and first.fault == "429"
    assert second.at - first.at >= 1.0


def test_a_server_that_stays_down_is_a_failure_with_its_reason(server: LoopbackServer) -> None:
    server.add("/p", Page(BODY, always=503))
    outcome, _ = _get(server, "/p")
    assert outcome.status == FAILED and outcome.reason == "HTTP 503 after 4 attempts"
    assert len(server.requests("/p")) == 4


def test_a_retry_after_longer_than_we_wait_ends_the_attempt(server: LoopbackServer) -> None:
    server.add("/p", Page(BODY, faults=[("503", "3600")]))
    outcome, _ = _get(server, "/p")
    assert outcome.status == FAILED and "Retry-After 3600 s" in (outcome.reason or "")
    assert len(server.requests("/p")) == 1


def test_challenge_pages_are_blocked_not_documents(server: LoopbackServer) -> None:
    server.add("/ok-status", Page(BODY, always="challenge"))
    server.add("/forbidden", Page(CHALLENGE, status=403))
    server.add("/waf", Page(b"", status=202, headers={"x-amzn-waf-action": "challenge"}))
    for path in ("/ok-status", "/forbidden", "/waf"):
        outcome, _ = _get(server, path)
        assert outcome.status == BLOCKED and outcome.content is None, path
    assert "just a moment" in (_get(server, "/ok-status")[0].reason or "")


def test_redirects_to_the_same_page_are_followed_others_are_not_documents(server: LoopbackServer) -> None:
    server.add("/doc", Page(b"", always="redirect:/doc/"))
    server.add("/doc/", Page(BODY))
    server.add("/loop", Page(b"", always="redirect:/loop/"))
    server.add("/loop/", Page(b"", always="redirect:/loop"))
    server.add("/elsewhere", Page(b"", always="redirect:/doc/"))
    server.add("/walled", Page(b"", always="redirect:/account/login?next=/walled"))
    assert _get(server, "/doc")[0].status == FETCHED
    loop = _get(server, "/loop")[0]
    assert loop.status == FAILED and (loop.reason or "").startswith("redirect loop")
    other = _get(server, "/elsewhere")[0]
    assert other.status == MISSING and "another page" in (other.reason or "")
    assert _get(server, "/walled")[0].status == BLOCKED


def test_utf8_labelled_latin1_is_read_as_utf8(server: LoopbackServer) -> None:
    server.add("/p", Page(BODY, always="latin1"))
    outcome, _ = _get(server, "/p")
    assert outcome.content_type == "text/html; charset=utf-8"
    assert effective_content_type("text/plain; charset=iso-8859-1", "Ã©t\xe9".encode("cp1252")) \
        == "text/plain; charset=iso-8859-1"  # bytes that are not UTF-8 keep their label


def test_conditional_requests_get_304(server: LoopbackServer) -> None:
    server.add("/etag", Page(BODY))
    server.add("/dated", Page(BODY, etag=False, last_modified="Wed, 21 Oct 2015 07:28:00 GMT"))
    with PoliteClient(FAST) as client:
        for path in ("/etag", "/dated"):
            first = client.get(server.url + path)
            again = client.get(server.url + path, first.validators)
            assert (first.status, again.status, again.conditional) == (FETCHED, NOT_MODIFIED, True)
        assert client.stats["conditional_requests"] == 2
    assert [h.conditional for h in server.requests("/etag")] == [False, True]


def test_robots_txt_is_honoured_and_asked_once(server: LoopbackServer) -> None:
    server.add("/private/p", Page(BODY))
    server.add("/p", Page(BODY))
    with PoliteClient(FAST) as client:
        assert client.get(server.url + "/private/p").status == BLOCKED
        assert client.get(server.url + "/p").status == FETCHED
    assert server.requests("/private") == [] and len(server.requests("/robots.txt")) == 1


def test_an_unreachable_robots_txt_forbids_the_run_and_a_missing_one_allows_it(server: LoopbackServer) -> None:
    server.add("/robots.txt", Page(b"", always=500))
    server.add("/p", Page(BODY))
    outcome, _ = _get(server, "/p")
    assert outcome.status == BLOCKED and "robots.txt unreachable" in (outcome.reason or "")
    server.routes.pop("/robots.txt")
    assert _get(server, "/p")[0].status == FETCHED


def test_crawl_delay_in_robots_txt_slows_us_down(server: LoopbackServer) -> None:
    server.add("/robots.txt", Page(b"User-agent: *\nCrawl-delay: 1\n", "text/plain"))
    for n in range(2):
        server.add(f"/p{n}", Page(BODY))
    with PoliteClient(FAST) as client:
        for n in range(2):
            client.get(f"{server.url}/p{n}")
    assert min(gaps_between_requests(server.requests("/p"))) >= 0.99


def test_bodies_over_the_size_limit_are_refused(server: LoopbackServer) -> None:
    server.add("/big", Page(b"x" * 5000, "text/plain"))
    outcome, _ = _get(server, "/big", ClientSettings(min_interval=0.01, max_bytes=1000))
    assert outcome.status == FAILED and "larger than 1000 bytes" in (outcome.reason or "")


def test_the_rate_limit_holds_on_the_server_side_and_we_say_who_we_are(server: LoopbackServer) -> None:
    for n in range(12):
        server.add(f"/p{n}", Page(BODY, faults=[500] if n % 3 == 0 else []))
    settings = ClientSettings(contact="mailto:tests@example.org", min_interval=0.06, backoff_base=0.01)
    started = time.monotonic()
    with PoliteClient(settings) as client:
        assert all(client.get(f"{server.url}/p{n}").status == FETCHED for n in range(12))
    hits = server.requests()
    assert len(hits) == 1 + 12 + 4  # robots.txt, pages, retries
    assert min(gaps_between_requests(hits)) >= 0.055
    assert most_in_window(hits, 1.0) <= 17 and time.monotonic() - started >= 0.96
    assert {h.user_agent for h in hits} == {"hemicycle/0.1.0 (open data on parliamentary statements; "
                                           "+mailto:tests@example.org)"}


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
