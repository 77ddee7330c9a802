"""PACE discovery: documents are numbered by a FileID shared by the EN and FR pages.

Each run (1) refetches, conditionally, the statements that may still change: written
declarations gain signatures until the end of the next part-session, every new page
may be corrected in its first days; (2) retries pages that failed or were blocked;
(3) sweeps FileIDs upward from the highest known one and stops after a run of misses.
A backfill walks the range below the frontier in resumable batches.

A page is kept when its header says written declaration or motion; amendments, reports
and the rest are recorded as skipped and never fetched again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hemicycle.fetch.crawl import Classification, Crawl, DocumentCrawler, Fetched, days_since
from hemicycle.fetch.http import MISSING
from hemicycle.fetch.state import DOCUMENT, PENDING, SKIPPED, STATEMENT, Document
from hemicycle.urls import file_id_of

SOURCE = "pace"
KEPT_TYPES = frozenset({"written_declaration", "motion_resolution", "motion_recommendation"})


@dataclass(frozen=True)
class PaceConfig:
    base_url: str = "https://pace.coe.int"
    languages: tuple[str, ...] = ("en", "fr")  # the first one decides whether a FileID exists
    # Where the sweep starts when no FileID is known yet: about the start of 2025 (some 35,000
    # FileIDs existed late in 2026, about 1,500 more each year). Older ones: backfill.
    start_id: int = 33000
    max_misses: int = 30  # consecutive FileIDs without a page (404) that end the sweep
    max_failures: int = 10  # consecutive failed FileIDs that end the sweep (host unwell)
    max_sweep: int = 1000  # FileIDs one sweep may visit, whatever the site answers
    # Signatures are collected until the end of the next part-session; part-sessions are at
    # most about four months apart, so 150 days after its date a declaration is final.
    open_days: int = 150
    grace_days: int = 14
    retry_runs: int = 10
    backfill: bool = False
    backfill_from: int = 1
    backfill_batch: int = 500  # FileIDs examined per backfill run


def page_url(base_url: str, file_id: int | str, language: str) -> str:
    return f"{base_url.rstrip('/')}/{language}/files/{file_id}/html"


def language_of_url(url: str) -> str | None:
    match = re.search(r"/(en|fr)/files/", url)
    return match.group(1) if match else None


def same_page(original: str, target: str) -> bool:
    """A redirect is accepted only to the same FileID in the same language."""
    return file_id_of(target) is not None and \
        (file_id_of(original), language_of_url(original)) == (file_id_of(target), language_of_url(target))


class PaceCrawler(DocumentCrawler):
    source = SOURCE

    def __init__(self, crawl: Crawl, config: PaceConfig):
        super().__init__(crawl, config.grace_days, config.retry_runs)
        self.config = config

    def same_document(self, original: str, target: str) -> bool:
        return same_page(original, target)

    def classify(self, fetched: Fetched) -> Classification:
        """What a fetched page is, as read by the PACE parser itself."""
        parsed = self.crawl.parse(fetched, SOURCE, fetched.outcome.url)
        if parsed.statements:
            st = parsed.statements[0]
            date = st.date.isoformat() if st.date else None
            if st.doc_type in KEPT_TYPES:
                return STATEMENT, st.doc_type, date, None
            return SKIPPED, st.doc_type, date, f"{st.doc_type}: neither a written declaration nor a motion"
        if parsed.error_reason == "not_a_statement":  # a page, but not a document (adopted text...)
            return SKIPPED, None, None, "no PACE document header on the page"
        # unreadable but there: kept, so the clean stage quarantines it with the reason
        return STATEMENT, None, None, parsed.error_reason

    def _fetch(self, file_id: str, language: str) -> Fetched:
        return self.crawl.fetch(page_url(self.config.base_url, file_id, language), SOURCE, file_id,
                                DOCUMENT, same_document=same_page)

    def visit(self, file_id: str) -> str:
        """Fetch a FileID's pages in each language; the first one served says what it is.

        A language version missing from a document known to exist is not asked for again:
        PACE publishes both at once, and a 404 cannot be asked conditionally.
        """
        known = self.crawl.state.document(SOURCE, file_id)
        exists = known is not None and known.kind in (STATEMENT, SKIPPED)
        kind, unserved = None, None
        for language in self.config.languages:
            row = self.crawl.state.url(page_url(self.config.base_url, file_id, language))
            if exists and row is not None and row["status"] == MISSING:
                continue
            fetched = self._fetch(file_id, language)
            if fetched.ok and kind is None:
                kind = self.settle(file_id, fetched, self.classify)
                if kind != STATEMENT:
                    return kind  # skipped or not a document: the other language tells no more
            elif not fetched.ok and (unserved is None or unserved.outcome.status == MISSING):
                unserved = fetched  # a failure says more than a 404
        if kind is not None:
            return kind
        if unserved is not None:
            return self.settle(file_id, unserved, self.classify)
        if known is None:  # every language skipped: only ones known missing of a known document
            raise ValueError("no language to fetch a FileID in (PaceConfig.languages is empty)")
        return known.kind

    def still_open(self, doc: Document) -> bool:
        if super().still_open(doc):
            return True
        if doc.doc_type == "written_declaration":
            age = days_since(doc.doc_date or doc.first_seen, self.crawl.today)
            return age is not None and age <= self.config.open_days
        return False

    def sweep(self) -> None:
        """Upward from the highest FileID known to exist, until a run of misses.

        Any page counts as existing, document or not, so a run of pages that are not
        statements never hides the documents after it.
        """
        top = self.crawl.state.highest_numeric_key(SOURCE, (STATEMENT, SKIPPED))
        file_id = top + 1 if top is not None else self.config.start_id
        misses = failures = 0  # FileIDs since the last page found; failed ones among them
        last = file_id + self.config.max_sweep
        while misses < self.config.max_misses and failures < self.config.max_failures and file_id < last:
            kind = self.visit(str(file_id))
            misses = 0 if kind in (STATEMENT, SKIPPED) else misses + 1
            failures = failures + 1 if kind == PENDING else 0
            file_id += 1

    def backfill(self) -> None:
        """The next batch of FileIDs below the frontier; the cursor survives crashes."""
        state = self.crawl.state
        top = state.highest_numeric_key(SOURCE, (STATEMENT, SKIPPED)) or 0
        cursor = int(state.progress("pace:backfill_next", str(self.config.backfill_from)))
        for file_id in range(cursor, min(top, cursor + self.config.backfill_batch - 1) + 1):
            known = state.document(SOURCE, str(file_id))
            if known is None or known.kind == PENDING:
                self.visit(str(file_id))
            state.set_progress("pace:backfill_next", str(file_id + 1))

    def run(self) -> None:
        self.refresh()
        self.sweep()
        if self.config.backfill:
            self.backfill()
