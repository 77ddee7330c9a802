"""The EP roster fetched through the Open Data Portal API, served on loopback as the portal
answers: JSON-LD member lists per term, member records, corporate bodies."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl
from ep_portal import BODIES, RECORDS, serve_portal
from loopback import (
    LoopbackServer,
    crawl_settings,
    gaps_between_requests,
    most_in_window,
)

from assets.resources import HemicycleSettings
from hemicycle.fetch.sources.ep_roster import RosterConfig
from hemicycle.fetch.state import PENDING, CrawlState
from hemicycle.fetch.store import RawStore
from hemicycle.harvest import CrawlConfig, crawl_roster, roster_index_rows, roster_state_path
from hemicycle.people.roster import build_roster
from hemicycle.records import RawDocument


def config(server: LoopbackServer, **roster: Any) -> CrawlConfig:
    crawl = HemicycleSettings(**crawl_settings(server, min_interval=0.05)).crawl_config()
    return dataclasses.replace(crawl, roster=RosterConfig(api_url=f"{server.url}/api/v2", terms=(8,),
                                                          page_size=2, **roster))


def test_the_roster_is_fetched_politely_with_every_outcome_recorded(tmp_path: Path) -> None:
    with LoopbackServer() as server:
        serve_portal(server, {**RECORDS, "96777": RECORDS["28229"]})
        server.routes.pop("/api/v2/meps/96777")  # listed, but no record: recorded, retried later
        server.page("/api/v2/meps/39713").faults = [500, ("429", "0")]  # transient
        server.page("/api/v2/corporate-bodies/ALDE").always = 503  # lasting
        stats = crawl_roster("ep", tmp_path, config(server), today=dt.date(2016, 1, 15))
        hits = [h for h in server.requests("/api/") if h.path != "/robots.txt"]
        listings = [h.path for h in server.requests("/api/v2/meps?")]
    assert len(listings) == 3  # pages of 2: two full, then a 204
    assert all("parliamentary-term=8" in p and "format=application%2Fld%2Bjson" in p for p in listings)
    assert stats is not None and (stats.missing, stats.failed) == (1, 1)
    assert min(gaps_between_requests(hits)) >= 0.045 and most_in_window(hits, 300) < 500
    assert all(h.user_agent.startswith("hemicycle") for h in hits)
    with CrawlState(roster_state_path(tmp_path, "ep")) as state:
        kinds = {d.doc_key: d.kind for d in state.documents("ep")}
    assert kinds == {"mep:124831": "roster", "mep:28229": "roster", "mep:39713": "roster",
                     "body:EFDD": "roster", "body:NI": "roster", "body:PPE": "roster",
                     "mep:96777": PENDING, "body:ALDE": PENDING}

    rows = roster_index_rows(tmp_path, "ep")
    store = RawStore(tmp_path / "raw")
    roster = build_roster(RawDocument(r["source"], r["url"], store.get(r["raw_sha256"]), r["content_type"],
                                      r["fetched_at"], r["raw_sha256"]) for r in rows)
    assert sorted(roster.members["member_id"]) == ["ep:124831", "ep:28229", "ep:39713"]
    groups = roster.memberships.filter(pl.col("kind") == "group").sort("member_id", "start_date")
    assert groups.select("member_id", "organisation_code").rows() == [
        ("ep:124831", "EFDD"), ("ep:124831", "NI"), ("ep:124831", "EFDD"), ("ep:28229", "EPP"), ("ep:39713", "ALDE")]
    assert groups.filter(pl.col("member_id") == "ep:28229")["organisation_label"].item() == BODIES["PPE"]
    mandates = dict(roster.memberships.filter(pl.col("kind") == "mandate").select("member_id", "country_code").rows())
    assert mandates == {"ep:124831": "IT", "ep:28229": "DE", "ep:39713": "RO"}


def test_a_second_run_asks_only_what_may_have_changed(tmp_path: Path) -> None:
    with LoopbackServer() as server:
        serve_portal(server, RECORDS)
        crawl_roster("ep", tmp_path, config(server), today=dt.date(2016, 1, 15))
        first = len(server.requests("/api/"))
        # a week later, in the same (running) term: the list and the members are asked again,
        # conditionally; the bodies, read once, are not
        stats = crawl_roster("ep", tmp_path, config(server), today=dt.date(2016, 1, 25))
        again = server.requests("/api/")[first:]
        assert {h.path.split("?")[0] for h in again} == {"/api/v2/meps", *(f"/api/v2/meps/{i}" for i in RECORDS)}
        assert stats is not None and all(h.conditional for h in again) and stats.unchanged == len(again)
        # once the term is over, nothing is asked again
        before = len(server.requests("/api/"))
        crawl_roster("ep", tmp_path, config(server), today=dt.date(2020, 1, 25))
        assert len(server.requests("/api/")) == before


def test_a_run_reads_at_most_its_budget_and_the_next_run_goes_on(tmp_path: Path) -> None:
    with LoopbackServer() as server:
        serve_portal(server, RECORDS)
        crawl_roster("ep", tmp_path, config(server, max_records=2), today=dt.date(2020, 1, 15))
        assert len(roster_index_rows(tmp_path, "ep")) == 2
        crawl_roster("ep", tmp_path, config(server, max_records=2), today=dt.date(2020, 1, 16))
        crawl_roster("ep", tmp_path, config(server, max_records=2), today=dt.date(2020, 1, 17))
        crawl_roster("ep", tmp_path, config(server, max_records=2), today=dt.date(2020, 1, 18))
        urls = {r["url"].split("/api/v2/")[1].split("?")[0] for r in roster_index_rows(tmp_path, "ep")}
    assert urls == {"meps/124831", "meps/28229", "meps/39713", "corporate-bodies/EFDD",
                    "corporate-bodies/NI", "corporate-bodies/PPE", "corporate-bodies/ALDE"}
