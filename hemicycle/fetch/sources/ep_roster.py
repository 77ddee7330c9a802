"""European Parliament members through the Open Data Portal API v2 (JSON-LD, CC BY 4.0).

For each term, ``/meps?parliamentary-term=N&format=application/ld+json&offset=&limit=``
lists the members (a page shorter than ``limit``, or a 204, is the last); each member is
read once with ``/meps/{id}?format=application/ld+json`` (names, gender, ``hasMembership``
with dates: mandates and the country they represent, groups, parties, delegations) and the
groups and parties it names with ``/corporate-bodies/{id}`` (code, English name).

Like documents, every answer goes through the polite client and the crawl state (its own
file, ``crawl/ep-roster.sqlite``): conditional requests, every outcome recorded, bytes
kept by SHA-256. Incremental: a past term is listed until all its members were visited,
members of past terms and bodies are read once, members of the running term again after
``refresh_days``; ``max_records`` bounds the records read in one run, the rest follow
in the next runs, as do records that failed (``retry_runs`` times at most).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from hemicycle.errors import ParseError
from hemicycle.fetch.crawl import Crawl, Fetched, days_since
from hemicycle.fetch.state import LISTING, PENDING
from hemicycle.people.reference import ep_term_on
from hemicycle.people.roster import parse_member_listing, parse_member_record
from hemicycle.records import RawDocument

SOURCE = "ep"
JSON_LD = "application/ld+json"
ROSTER = "roster"  # crawl-state kind and role of member and body records


@dataclass(frozen=True)
class RosterConfig:
    api_url: str = "https://data.europarl.europa.eu/api/v2"
    terms: tuple[int, ...] = (6, 7, 8, 9, 10)  # the terms the group vocabulary covers
    page_size: int = 50
    refresh_days: int = 7  # members of the running term are read again after this many days
    max_records: int = 600  # member and body records read in one run
    retry_runs: int = 10


def listing_url(api_url: str, term: int, offset: int, limit: int) -> str:
    query = urlencode({"parliamentary-term": term, "format": JSON_LD, "offset": offset, "limit": limit})
    return f"{api_url.rstrip('/')}/meps?{query}"


def member_url(api_url: str, member: str) -> str:
    return f"{api_url.rstrip('/')}/meps/{member}?format={JSON_LD}"


def body_url(api_url: str, body: str) -> str:
    return f"{api_url.rstrip('/')}/corporate-bodies/{body}?format={JSON_LD}"


class EpRosterCrawler:
    def __init__(self, crawl: Crawl, config: RosterConfig):
        self.crawl = crawl
        self.config = config
        self.records = 0

    def _due(self, doc_key: str, current: bool) -> bool:
        known = self.crawl.state.document(SOURCE, doc_key)
        if known is None:
            return True
        if known.kind == PENDING:
            return known.failed_runs < self.config.retry_runs
        # doc_date holds the day (the crawl's today) the record was last read
        return current and (days_since(known.doc_date, self.crawl.today) or 0) >= self.config.refresh_days

    def _read(self, url: str, doc_key: str) -> Fetched | None:
        """One member or body record, within this run's budget; its outcome is recorded."""
        if self.records >= self.config.max_records:  # the next run reads it
            if self.crawl.state.document(SOURCE, doc_key) is None:
                self.crawl.state.set_document(SOURCE, doc_key, PENDING, self.crawl.now(),
                                              reason="not read yet: this run's budget was spent")
            return None
        self.records += 1
        fetched = self.crawl.fetch(url, SOURCE, doc_key, ROSTER, accept=JSON_LD)
        kind = ROSTER if fetched.ok else PENDING
        reason = None if fetched.ok else f"{fetched.outcome.status}: {fetched.outcome.reason}"
        self.crawl.state.set_document(SOURCE, doc_key, kind, self.crawl.now(),
                                      doc_date=self.crawl.today.isoformat() if fetched.ok else None, reason=reason)
        return fetched

    def visit_member(self, member: str, current: bool) -> None:
        if not self._due(f"mep:{member}", current):
            return
        fetched = self._read(member_url(self.config.api_url, member), f"mep:{member}")
        if fetched is None or not fetched.ok:
            return
        raw = RawDocument(SOURCE, fetched.outcome.url, fetched.content or b"", fetched.content_type or JSON_LD,
                          fetched.fetched_at or self.crawl.now(), "")
        try:
            part = parse_member_record(raw)
        except ParseError:
            self.crawl.stats.failed += 1
            return
        if not part.members:
            self.crawl.stats.missing += 1
        for row in part.memberships:
            body = row["organisation_id"].removeprefix("org/")
            if row["kind"] != "mandate" and self._due(f"body:{body}", current=False):
                self._read(body_url(self.config.api_url, body), f"body:{body}")

    def list_term(self, term: int) -> bool:
        """Visit the term's members; False when a listing page could not be read."""
        current = term == ep_term_on(self.crawl.today)
        if self.crawl.state.progress(f"roster:listed:{term}") and not current:
            return True  # every member of a past term was visited once
        offset, size = 0, self.config.page_size
        while True:
            url = listing_url(self.config.api_url, term, offset, size)
            fetched = self.crawl.fetch(url, SOURCE, f"roster:list:{term}:{offset}", LISTING, accept=JSON_LD)
            if not fetched.ok:
                return False
            try:
                members, count = parse_member_listing(fetched.content or b"")
            except ParseError:
                self.crawl.stats.failed += 1
                return False
            for member in members:
                self.visit_member(member, current)
            if count < size:
                break
            offset += size
        if self.records < self.config.max_records:  # every member of the term was visited
            self.crawl.state.set_progress(f"roster:listed:{term}", dt.date.isoformat(self.crawl.today))
        return True

    def retry(self) -> None:
        """Records a previous run could not read (failed, or beyond its budget)."""
        for doc in self.crawl.state.documents(SOURCE, (PENDING,)):
            kind, _, ident = doc.doc_key.partition(":")
            if kind == "mep":
                self.visit_member(ident, current=False)
            elif kind == "body" and self._due(doc.doc_key, current=False):
                self._read(body_url(self.config.api_url, ident), doc.doc_key)

    def run(self) -> None:
        self.retry()
        for term in self.config.terms:
            self.list_term(term)
