"""Crawl one source into the out folder and list what the clean stage should read.

This is where fetching meets parsing: a crawler keeps or skips a page by what the parser
finds in it, through the parse cache the clean stage reads later (``hemicycle.fetch``
itself knows nothing of parsers).

Everything a crawl keeps lives under the out folder: raw bytes in ``raw/``, the crawl
state in ``crawl/<source>.sqlite`` (one file per source, so both can run at once),
the last run's report with every failed or blocked URL in ``crawl/<source>-report.json``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hemicycle.fetch.crawl import Crawl, CrawlStats, parse_cache_dir
from hemicycle.fetch.http import BLOCKED, FAILED, ClientSettings, PoliteClient
from hemicycle.fetch.sources.ep import EpConfig, EpCrawler
from hemicycle.fetch.sources.ep_roster import ROSTER, EpRosterCrawler, RosterConfig
from hemicycle.fetch.sources.pace import PaceConfig, PaceCrawler
from hemicycle.fetch.state import CrawlState
from hemicycle.fetch.store import RawStore, utc_now
from hemicycle.files import atomic_write_bytes
from hemicycle.parse.cache import ParseCache
from hemicycle.progress import Progress


@dataclass(frozen=True)
class CrawlConfig:
    client: ClientSettings = field(default_factory=ClientSettings)
    pace: PaceConfig = field(default_factory=PaceConfig)
    ep: EpConfig = field(default_factory=EpConfig)
    roster: RosterConfig = field(default_factory=RosterConfig)


def state_path(out_dir: Path, source: str) -> Path:
    return Path(out_dir) / "crawl" / f"{source}.sqlite"


def roster_state_path(out_dir: Path, source: str) -> Path:
    return Path(out_dir) / "crawl" / f"{source}-roster.sqlite"


def crawl_roster(source: str, out_dir: Path, config: CrawlConfig,
                 today: dt.date | None = None) -> CrawlStats | None:
    """One polite crawl of ``source``'s member roster; None for an assembly whose roster
    cannot be read (PACE: its member pages could not be checked against real copies)."""
    if source != "ep":
        return None
    out_dir = Path(out_dir)
    with CrawlState(roster_state_path(out_dir, source)) as state, PoliteClient(config.client) as client, \
            Progress(f"roster {source}") as progress:
        crawl = Crawl(client, state, RawStore(out_dir / "raw"), ParseCache(parse_cache_dir(out_dir)),
                      today=today or dt.date.today(), progress=progress)
        EpRosterCrawler(crawl, config.roster).run()
        stats = crawl.finish()
        _write_report(out_dir, f"{source}-roster", state, stats, source)
    return stats


def roster_index_rows(out_dir: Path, source: str) -> list[dict[str, Any]]:
    """The current bytes of every roster record of ``source``."""
    path = roster_state_path(out_dir, source)
    if not path.exists():
        return []
    with CrawlState(path) as state:
        return [{"source": source, "url": v.url, "raw_sha256": v.sha256, "content_type": v.content_type,
                 "fetched_at": v.first_seen, "bytes": v.bytes}
                for v in state.role_versions(source, ROSTER)]


def crawl_source(source: str, out_dir: Path, config: CrawlConfig,
                 today: dt.date | None = None) -> CrawlStats:
    """One polite crawl of ``source``; failures end up in the state and the report, never raised."""
    out_dir = Path(out_dir)
    with CrawlState(state_path(out_dir, source)) as state, PoliteClient(config.client) as client, \
            ParseCache(parse_cache_dir(out_dir)) as cache, Progress(f"fetch {source}") as progress:
        crawl = Crawl(client, state, RawStore(out_dir / "raw"), cache,
                      today=today or dt.date.today(), progress=progress)
        if source == "pace":
            PaceCrawler(crawl, config.pace).run()
        elif source == "ep":
            EpCrawler(crawl, config.ep).run()
        else:
            raise ValueError(f"unknown source {source!r}")
        stats = crawl.finish()
        _write_report(out_dir, source, state, stats)
    return stats


def _write_report(out_dir: Path, name: str, state: CrawlState, stats: CrawlStats,
                  source: str | None = None) -> None:
    source = source or name
    problems = [{"url": r["url"], "status": r["status"], "reason": r["reason"],
                 "http_status": r["http_status"], "last_checked": r["last_checked"],
                 "failed_runs": r["failed_runs"]}
                for r in state.urls_with_status(source, (FAILED, BLOCKED))]
    report = {"source": source, "finished_at": utc_now(), "run": stats.as_dict(),
              "state": state.counts(source), "failed_or_blocked": problems}
    atomic_write_bytes(out_dir / "crawl" / f"{name}-report.json",
                       json.dumps(report, indent=1, ensure_ascii=False, sort_keys=True).encode())


def raw_index_rows(out_dir: Path, source: str) -> list[dict[str, Any]]:
    """Every version of every statement page: the current one, and those it replaced.

    ``fetched_at`` is when a version was first fetched and ``last_seen`` when a replaced
    version was last served (null for the current one), so a run that only confirms
    what is known (304) leaves the index unchanged.
    """
    path = state_path(out_dir, source)
    if not path.exists():
        return []
    with CrawlState(path) as state:
        return [{"source": source, "url": v.url, "raw_sha256": v.sha256, "content_type": v.content_type,
                 "fetched_at": v.first_seen, "bytes": v.bytes, "version": v.number,
                 "current": v.current, "last_seen": None if v.current else v.last_seen}
                for v in state.statement_versions(source)]
