"""The signature timeline of written declarations, from every version fetched of a page.

A written declaration collects signatures until the end of the next part-session, so the
same page is fetched again and each new content kept as a version. Comparing the
versions tells when each signature first appeared and, if it was withdrawn, when it was
last seen. Pure: parsed versions in, rows out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from hemicycle.fetch.store import RawStore
from hemicycle.normalise import Tables, statement_id
from hemicycle.parse.cache import ParseCache
from hemicycle.parse.dispatch import parse_raw_document
from hemicycle.records import ParsedDocument, ParsedSignatory, RawDocument
from hemicycle.schema import SIGNATURE_TIMELINE
from hemicycle.vocab import CountryVocabulary, fold


@dataclass(frozen=True, slots=True)
class Observed:
    """One version of a page: what it parsed to, when it was first and last served."""

    parsed: ParsedDocument
    version: int  # 1 for the first content the page served, then 2, 3...
    first_seen: str
    last_seen: str | None  # None for the current version


def parse_index(rows: Iterable[dict], store: RawStore,
                cache: ParseCache) -> tuple[list[ParsedDocument], dict[str, list[Observed]]]:
    """Parse every version listed in a raw index (through the cache): the current ones, and
    every version by URL."""
    current, history = [], defaultdict(list)
    for row in rows:
        raw = RawDocument(source=row["source"], url=row["url"], content=store.get(row["raw_sha256"]),
                          content_type=row["content_type"], fetched_at=row["fetched_at"],
                          sha256=row["raw_sha256"])
        parsed = cache.parse(raw, parse_raw_document)
        if row["current"]:
            current.append(parsed)
        history[row["url"]].append(Observed(parsed, row["version"], row["fetched_at"], row["last_seen"]))
    return current, dict(history)


def signer_key(sig: ParsedSignatory, countries: CountryVocabulary) -> str:
    country = countries.resolve(sig.country_label) or fold(sig.country_label or "")
    return f"{fold(sig.family_name or sig.name)}|{fold(sig.given_name or '')}|{country}"


def signature_timeline(tables: Tables, history: dict[str, Iterable[Observed]]) -> pl.DataFrame:
    """One row per signer of each written declaration, over the versions of its primary page."""
    countries = CountryVocabulary.load()
    published = {(r["statement_id"], r["position"]): r["signatory_id"]
                 for r in tables.signatories.select("statement_id", "position", "signatory_id").iter_rows(named=True)}
    rows = []
    declarations = tables.statements.filter(pl.col("doc_type") == "written_declaration")
    for st in declarations.iter_rows(named=True):
        sid = st["statement_id"]
        versions = sorted(history.get(st["url"], ()), key=lambda o: o.version)
        signers: dict[str, dict] = {}
        for index, seen in enumerate(versions):
            statement = next((s for s in seen.parsed.statements
                              if statement_id(s, seen.parsed.meta) == sid), None)
            for sig in statement.signatories if statement else ():
                entry = signers.setdefault(signer_key(sig, countries),
                                           {"first_seen": seen.first_seen, "versions": set()})
                entry["versions"].add(index)
                entry.update(name=sig.name, position=sig.position, last_index=index,
                             last_seen=seen.last_seen, country_code=countries.resolve(sig.country_label))
        for key, entry in signers.items():
            listed = entry["last_index"] == len(versions) - 1
            rows.append({
                "statement_id": sid, "source": st["source"], "year": st["year"], "signer_key": key,
                "name": entry["name"], "country_code": entry["country_code"],
                "first_seen": entry["first_seen"], "last_seen": None if listed else entry["last_seen"],
                "listed_now": listed, "versions_listed": len(entry["versions"]),
                "versions_seen": len(versions),
                "signatory_id": published.get((sid, entry["position"])) if listed else None,
                "url": st["url"],
            })
    return SIGNATURE_TIMELINE.conform(rows).sort(*SIGNATURE_TIMELINE.key)
