"""Crawls of real pages served on loopback by a server that misbehaves on purpose."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from loopback import (
    Fault,
    LoopbackServer,
    Page,
    crawl_settings,
    gaps_between_requests,
    html_page,
    most_in_window,
    sample_pace_documents,
    serve_ep_api,
    serve_sample_site,
)

from assets.fetch import RAW_INDEX_SCHEMA
from assets.resources import HemicycleSettings
from hemicycle.clean import clean_partition
from hemicycle.fetch.http import ClientSettings, PoliteClient
from hemicycle.fetch.state import ABSENT, PENDING, SKIPPED, STATEMENT, CrawlState, Document
from hemicycle.fetch.store import RawStore, sha256_hex
from hemicycle.harvest import CrawlConfig, crawl_source, raw_index_rows, state_path
from hemicycle.parse.cache import ParseCache
from hemicycle.parse.dispatch import parse_document
from hemicycle.records import RawDocument

PROJECT_ROOT = Path(__file__).resolve().parents[1]
GAPS = {5: 2, 20: 3}  # empty FileIDs before the 6th and the 21st document


def config(server: LoopbackServer, **overrides: Any) -> CrawlConfig:
    return HemicycleSettings(**crawl_settings(server, **overrides)).crawl_config()


def documents(out: Path, source: str = "pace") -> dict[str, Document]:
    with CrawlState(state_path(out, source)) as state:
        return {d.doc_key: d for d in state.documents(source)}


def served_paths(server: LoopbackServer, file_id: int) -> list[str]:
    return [p for p in (f"/en/files/{file_id}/html", f"/fr/files/{file_id}/html") if p in server.routes]


@pytest.fixture
def site(sample_dir: Path) -> Iterator[tuple[LoopbackServer, dict[int, int]]]:
    with LoopbackServer(stall_seconds=0.6) as server:
        served = serve_sample_site(server, sample_dir, gaps=GAPS)
        yield server, served


def test_every_document_is_fetched_or_recorded_with_its_failure_and_the_rate_limit_holds(
        site: tuple[LoopbackServer, dict[int, int]], tmp_path: Path) -> None:
    server, served = site
    english = [i for i in served if f"/en/files/{i}/html" in server.routes]
    both = [i for i in english if f"/fr/files/{i}/html" in server.routes]
    only = [i for i in english if i not in both]  # no other language to find them by

    def page(file_id: int, lang: str = "en") -> Page:
        return server.page(f"/{lang}/files/{file_id}/html")

    transient: dict[int, list[Fault]] = {english[1]: [500, 500], english[2]: [("429", "1")], english[3]: ["stall"],
                 english[4]: ["reset"], english[6]: ["truncate"]}
    for file_id, faults in transient.items():
        page(file_id).faults = list(faults)
    page(both[1], "fr").faults = ["cut_short"]
    page(english[8]).always = "latin1"
    lasting: dict[int, tuple[Fault, str]] = {
        only[9]: ("challenge", "blocked"), only[10]: (503, "HTTP 503 after 4 attempts"),
        only[11]: (f"redirect:/en/files/{only[11]}/html/", "redirect loop"),
        only[12]: ("redirect:/account/login", "login")}
    for file_id, (fault, _) in lasting.items():
        page(file_id).always = fault
    server.add(f"/en/files/{only[11]}/html/", Page(b"", always=f"redirect:/en/files/{only[11]}/html"))

    stats = crawl_source("pace", tmp_path, config(server, min_interval=0.02))

    known = documents(tmp_path)
    for file_id in served:  # nothing lost: each one read, or recorded with why not
        doc = known[str(file_id)]
        if file_id in lasting:
            assert doc.kind == PENDING and lasting[file_id][1] in (doc.reason or ""), doc
        else:
            assert doc.kind in (STATEMENT, SKIPPED), doc
    assert known["142"].reason == "no PACE document header on the page"
    report = json.loads((tmp_path / "crawl" / "pace-report.json").read_text())
    assert {r["url"].rsplit("/files/", 1)[1] for r in report["failed_or_blocked"]} == \
        {f"{i}/html" for i in lasting}
    # the sweep crossed both gaps and stopped after five misses past the last document
    last = max(served)
    assert str(last) in known and f"/en/files/{last + 5}/html" in {h.path for h in server.requests()}
    assert f"/en/files/{last + 6}/html" not in {h.path for h in server.requests()}
    # the rate limit, measured where it matters: on the server
    hits = server.requests()
    assert min(gaps_between_requests(hits)) >= 0.02 and most_in_window(hits, 1.0) <= 50
    first, second = server.requests(f"/en/files/{english[2]}/html")
    assert second.at - first.at >= 1.0  # Retry-After honoured
    # the mislabelled page was read as the UTF-8 it is
    with CrawlState(state_path(tmp_path, "pace")) as state:
        version = state.versions(f"{server.url}/en/files/{english[8]}/html")[-1]
    assert version.content_type.endswith("charset=utf-8")
    assert stats.blocked == 2 and stats.failed == 2 and stats.discovered + stats.skipped == len(served) - len(lasting)

    for file_id in lasting:  # the site recovers; the next run picks up what was missing
        page(file_id).always = None
    again = crawl_source("pace", tmp_path, config(server, min_interval=0.02))
    known = documents(tmp_path)
    assert all(known[str(i)].kind in (STATEMENT, SKIPPED) for i in lasting)
    assert again.discovered + again.skipped == 4 and again.fetched == 4 + sum(
        len(served_paths(server, i)) - 1 for i in lasting if known[str(i)].kind == STATEMENT)
    # no duplicates: one version per URL, one stored object per version
    with CrawlState(state_path(tmp_path, "pace")) as state:
        versions = state.statement_versions("pace")
    assert len({v.url for v in versions}) == len(versions)
    store = RawStore(tmp_path / "raw")
    assert all(sha256_hex(store.get(v.sha256)) == v.sha256 for v in versions)


CRAWL_IN_A_CHILD = """
import sys
from hemicycle.harvest import crawl_source
from assets.resources import HemicycleSettings
settings = HemicycleSettings(**{settings!r})
crawl_source("pace", sys.argv[1], settings.crawl_config())
"""


def test_a_crawl_killed_mid_way_resumes_without_loss_or_duplicates(site: tuple[LoopbackServer, dict[int, int]],
                                                                   tmp_path: Path) -> None:
    server, served = site
    settings = crawl_settings(server, min_interval=0.02)
    child = subprocess.Popen([sys.executable, "-c", CRAWL_IN_A_CHILD.format(settings=settings),
                              str(tmp_path)], cwd=PROJECT_ROOT)
    deadline = time.monotonic() + 60
    while len(server.requests("/en/files") + server.requests("/fr/files")) < 30:
        assert child.poll() is None and time.monotonic() < deadline
        time.sleep(0.002)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    killed_at = len(server.requests())
    before = documents(tmp_path)
    assert 5 < len(before) < len(served)  # killed in the middle of the sweep

    crawl_source("pace", tmp_path, config(server, min_interval=0.02))

    known = documents(tmp_path)
    assert all(known[str(i)].kind in (STATEMENT, SKIPPED) for i in served)
    with CrawlState(state_path(tmp_path, "pace")) as state:
        versions = state.statement_versions("pace")
    assert len({v.url for v in versions}) == len(versions)
    objects = [p for p in (tmp_path / "raw" / "objects").rglob("*") if p.is_file() and "." not in p.name]
    assert all(sha256_hex(p.read_bytes()) == p.name for p in objects)  # no half-written object
    # what the first run had settled was not asked again unconditionally
    refetched = [h for h in server.requests()[killed_at:] if not h.conditional and "/files/" in h.path
                 and h.path.split("/")[3] in before and before[h.path.split("/")[3]].kind == STATEMENT]
    assert len(refetched) <= 2  # at most the pages in flight when it was killed


def test_backfill_walks_below_the_frontier_in_resumable_batches(site: tuple[LoopbackServer, dict[int, int]],
                                                                tmp_path: Path) -> None:
    server, served = site
    ids = sorted(served)
    crawl = config(server, pace_start_id=ids[-8], backfill=True)
    crawl = dataclasses.replace(crawl, pace=dataclasses.replace(crawl.pace, backfill_from=95, backfill_batch=15))
    cursor, runs = 95, 0
    while cursor <= ids[-8]:
        before = len(server.requests())
        crawl_source("pace", tmp_path, crawl)
        runs += 1
        with CrawlState(state_path(tmp_path, "pace")) as state:
            backfill_next = state.progress("pace:backfill_next")
            assert backfill_next is not None
            assert int(backfill_next) == cursor + 15 or cursor + 15 > ids[-8]
            cursor = int(backfill_next)
        asked = {int(h.path.split("/")[3]) for h in server.requests()[before:]
                 if not h.conditional and "/files/" in h.path}
        fresh = asked - set(range(ids[-1] + 1, ids[-1] + 6)) - (set(ids[-8:]) if runs == 1 else set())
        assert all(cursor - 15 <= i < cursor for i in fresh), fresh  # this batch only
    known = documents(tmp_path)
    assert all(str(i) in known and known[str(i)].kind != PENDING for i in served)
    assert runs == -(-(ids[-8] - 95) // 15)


def _without_one_signatory_and_with_a_new_one(text: str) -> tuple[str, str, str]:
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.count(" ; ") > 5)
    entries = lines[index].split(" ; ")
    removed, added = entries.pop(2), "Ms Anna NOVAKOVA, Slovak Republic, SOC"
    lines[index] = " ; ".join([*entries, added])
    return "\n".join(lines), removed, added


def test_written_declarations_keep_every_version_until_they_freeze(tmp_path: Path, sample_dir: Path) -> None:
    pages = sample_pace_documents(sample_dir)
    with LoopbackServer() as server:
        server.add("/en/files/100/html", Page(html_page(pages[24303]["en"])))  # declaration No. 648
        settings = {"pace_max_misses": 2}
        crawl_source("pace", tmp_path, config(server, **settings))
        changed, removed, added = _without_one_signatory_and_with_a_new_one(pages[24303]["en"])
        server.add("/en/files/100/html", Page(html_page(changed)))
        second = crawl_source("pace", tmp_path, config(server, **settings))
        later = dt.date.today() + dt.timedelta(days=30)  # past its first days, long past its date
        before = len(server.requests("/en/files/100"))
        third = crawl_source("pace", tmp_path, config(server, **settings), today=later)
        assert (second.fetched, third.frozen, len(server.requests("/en/files/100"))) == (1, 1, before)

    rows = raw_index_rows(tmp_path, "pace")
    assert [(r["version"], r["current"], r["last_seen"] is None) for r in rows] == \
        [(1, False, False), (2, True, True)]
    index = pl.DataFrame(rows, schema=RAW_INDEX_SCHEMA).sort("url", "version")
    with ParseCache(tmp_path / "cache") as cache:  # the clean stage, as the pipeline runs it
        parts = clean_partition("pace", index, RawStore(tmp_path / "raw"), cache, tmp_path / "clean" / "pace").parts
    timeline = parts["signature_timeline"].scan().collect()
    signatories = parts["signatories"].scan().collect()
    by_name = {r["name"]: r for r in timeline.iter_rows(named=True)}
    first_seen, second_seen = rows[0]["fetched_at"], rows[1]["fetched_at"]
    gone = next(r for n, r in by_name.items() if n in removed)
    new = next(r for n, r in by_name.items() if n in added)
    assert (gone["listed_now"], gone["last_seen"], gone["first_seen"]) == (False, rows[0]["last_seen"], first_seen)
    assert (new["listed_now"], new["first_seen"], new["versions_listed"]) == (True, second_seen, 1)
    assert new["signatory_id"] in set(signatories["signatory_id"])
    assert timeline.height == 36 and timeline["versions_seen"].to_list() == [2] * 36


def test_european_parliament_records_come_through_the_api_listing(tmp_path: Path, sample_dir: Path) -> None:
    files = sample_dir / "ep" / "files"
    records = {ident: ((files / f"odp-document_{ident.lower()}.json").read_bytes(), 2025,
                       "RESOLUTION_MOTION_JOINT") for ident in ("RC-10-2025-0249", "RC-9-2021-0068")}
    with LoopbackServer() as server:
        serve_ep_api(server, {**records, "RC-10-2025-9999": (b"", 2025, "RESOLUTION_MOTION_JOINT")})
        server.routes.pop("/api/v2/plenary-documents/RC-10-2025-9999")  # listed, but no record
        crawl = config(server, ep_years="2025")
        crawl = dataclasses.replace(crawl, ep=dataclasses.replace(crawl.ep, page_size=1))
        stats = crawl_source("ep", tmp_path, crawl)
        listings = [h.path for h in server.requests("/api/v2/plenary-documents?")]
    assert (stats.discovered, stats.missing) == (2, 1)
    assert len(listings) == 4 + 1  # joint motions: 3 pages and the empty 4th; motions: none
    assert documents(tmp_path, "ep")["RC-10-2025-9999"].kind == ABSENT
    rows = raw_index_rows(tmp_path, "ep")
    store = RawStore(tmp_path / "raw")
    with ParseCache(tmp_path / "cache") as cache:  # what the clean stage parses: the current versions
        current = cache.parse_many([RawDocument(source=r["source"], url=r["url"], content=store.get(r["raw_sha256"]),
                                                content_type=r["content_type"], fetched_at=r["fetched_at"],
                                                sha256=r["raw_sha256"]) for r in rows if r["current"]])
    fetched = {s.doc_no: s for doc in current for s in doc.statements}
    # the records parse exactly as the same bytes do in the embedded sample
    for content, _, _ in records.values():
        (expected,) = parse_document(content, source="ep", content_type="application/ld+json")
        got = fetched[expected.doc_no]
        assert got.signatories == expected.signatories and len(got.signatories) > 10
        assert all((s.person_ref or "").startswith("ep:") for s in got.signatories)


def test_statements_stay_open_while_they_can_still_change(tmp_path: Path) -> None:
    from hemicycle.fetch.crawl import Crawl
    from hemicycle.fetch.sources.pace import PaceConfig, PaceCrawler

    today = dt.date(2026, 3, 1)
    with PoliteClient(ClientSettings()) as client, CrawlState(tmp_path / "state.sqlite") as state:
        crawler = PaceCrawler(Crawl(client, state, RawStore(tmp_path / "raw"), ParseCache(tmp_path / "cache"),
                                    today=today), PaceConfig())

    def doc(kind: str, date: str, found: str) -> Document:
        return Document("pace", "1", STATEMENT, kind, date, None, found, found, False, 0)

    assert crawler.still_open(doc("written_declaration", "2026-01-19", "2026-01-20T08:00:00Z"))
    assert crawler.still_open(doc("motion_resolution", "2019-10-04", "2026-02-20T08:00:00Z"))
    assert not crawler.still_open(doc("motion_resolution", "2026-01-19", "2026-01-20T08:00:00Z"))
    assert not crawler.still_open(doc("written_declaration", "2025-09-01", "2025-09-02T08:00:00Z"))


def test_pages_that_are_not_documents_never_end_the_sweep_but_a_sweep_has_a_bound(tmp_path: Path) -> None:
    with LoopbackServer() as server:
        for file_id in range(100, 140):
            server.add(f"/en/files/{file_id}/html", Page(b"<html><body><p>Resolution 2300 (2019)</p></body></html>"))
        stats = crawl_source("pace", tmp_path, dataclasses.replace(
            config(server), pace=dataclasses.replace(config(server).pace, max_sweep=25)))
        asked = {h.path for h in server.requests("/en/files/")}
    assert stats.skipped == 25 and asked == {f"/en/files/{i}/html" for i in range(100, 125)}
