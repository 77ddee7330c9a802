"""European Parliament discovery through the Open Data Portal API v2 (JSON-LD).

The website sits behind an anti-bot challenge; the API does not. Plenary documents are
listed per year and work type (``/plenary-documents?year=&work-type=&offset=&limit=``,
items carry ``identifier`` and ``work_type``) and read one by one
(``/plenary-documents/{ID}?format=application/ld+json``), whose authors the JSON-LD
parser reads. Listing pages are fetched conditionally like documents; on a 304 the
stored page is read again. Scheduled runs list this year and the last; a backfill walks
the earlier years, a few per run, with its cursor in the crawl state.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from hemicycle.content import detect_format
from hemicycle.fetch.crawl import Classification, Crawl, DocumentCrawler, Fetched
from hemicycle.fetch.state import ABSENT, DOCUMENT, LISTING, PENDING, STATEMENT
from hemicycle.jsonld import jsonld_first, jsonld_get, jsonld_tail

SOURCE = "ep"
JSON_LD = "application/ld+json"
WORK_TYPES = ("RESOLUTION_MOTION_JOINT", "RESOLUTION_MOTION")


@dataclass(frozen=True)
class EpConfig:
    api_url: str = "https://data.europarl.europa.eu/api/v2"
    work_types: tuple[str, ...] = WORK_TYPES
    years: tuple[int, ...] = ()  # empty: this year and the last
    page_size: int = 50
    grace_days: int = 14
    retry_runs: int = 10
    backfill: bool = False
    backfill_from_year: int = 2004  # the 6th term, the first in the group vocabulary
    backfill_years: int = 2  # years listed per backfill run


def document_url(api_url: str, identifier: str) -> str:
    return f"{api_url.rstrip('/')}/plenary-documents/{identifier}?format={JSON_LD}"


def listing_url(api_url: str, year: int, work_type: str, offset: int, limit: int) -> str:
    query = urlencode({"year": year, "work-type": work_type, "format": JSON_LD,
                       "offset": offset, "limit": limit})
    return f"{api_url.rstrip('/')}/plenary-documents?{query}"


def listing_entries(content: bytes) -> tuple[list[tuple[str, str | None]], int]:
    """(identifier, work type) of each listed document, and how many items the page held."""
    if not content.strip():
        return [], 0  # 204 No Content past the last page
    data = json.loads(content)
    items = data.get("data", data.get("@graph", [])) if isinstance(data, dict) else data
    items = items if isinstance(items, list) else [items]
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        identifier = jsonld_first(jsonld_get(item, "identifier")) or jsonld_tail(jsonld_get(item, "id"))
        if identifier:
            entries.append((str(identifier), jsonld_tail(jsonld_get(item, "work_type"))))
    return entries, len(items)


class EpCrawler(DocumentCrawler):
    source = SOURCE

    def __init__(self, crawl: Crawl, config: EpConfig):
        super().__init__(crawl, config.grace_days, config.retry_runs)
        self.config = config

    def classify(self, fetched: Fetched) -> Classification:
        assert fetched.content is not None
        if detect_format(fetched.content, fetched.content_type) != "json":
            return PENDING, None, None, "the API answered with something other than JSON"
        parsed = self.crawl.parse(fetched, SOURCE, fetched.outcome.url)
        if parsed.statements:
            st = parsed.statements[0]
            return STATEMENT, st.doc_type, st.date.isoformat() if st.date else None, None
        if parsed.error_reason == "no_document":
            return ABSENT, None, None, "the API holds no document under this identifier"
        return STATEMENT, None, None, parsed.error_reason  # quarantined by the clean stage

    def visit(self, identifier: str) -> str:
        fetched = self.crawl.fetch(document_url(self.config.api_url, identifier), SOURCE, identifier,
                                   DOCUMENT, accept=JSON_LD)
        return self.settle(identifier, fetched, self.classify)

    def list_year(self, year: int) -> bool:
        """Visit every listed document not known yet; False when a page could not be read."""
        state, size = self.crawl.state, self.config.page_size
        complete = True
        for work_type in self.config.work_types:
            offset = 0
            while True:
                url = listing_url(self.config.api_url, year, work_type, offset, size)
                fetched = self.crawl.fetch(url, SOURCE, f"list:{year}:{work_type}:{offset}", LISTING,
                                           accept=JSON_LD)
                if not fetched.ok:
                    complete = False
                    break
                try:
                    entries, count = listing_entries(fetched.content or b"")
                except ValueError:
                    self.crawl.stats.failed += 1
                    complete = False
                    break
                for identifier, listed_type in entries:
                    if listed_type and listed_type not in self.config.work_types:
                        continue  # the filter is ours too, whatever the API did with it
                    known = state.document(SOURCE, identifier)
                    if known is None or known.kind == PENDING:
                        self.visit(identifier)
                if count < size:
                    break
                offset += size
        return complete

    def years(self) -> tuple[int, ...]:
        this_year = self.crawl.today.year
        return self.config.years or (this_year - 1, this_year)

    def backfill(self) -> None:
        state = self.crawl.state
        recent = min(self.years())
        year = int(state.progress("ep:backfill_year", str(self.config.backfill_from_year)))
        for _ in range(self.config.backfill_years):
            if year >= recent or not self.list_year(year):
                return
            year += 1
            state.set_progress("ep:backfill_year", str(year))

    def run(self) -> None:
        self.refresh()
        for year in self.years():
            self.list_year(year)
        if self.config.backfill:
            self.backfill()
