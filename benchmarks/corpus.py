"""Write a synthetic corpus of PACE and EP documents as a sample folder with ``manifest.json``.

The folder has the layout of ``data/sample``, so ``run_pipeline(out, sample_dir=folder)``
reads it as it reads the embedded sample. Everything follows from ``--seed`` and
``--docs``: the same arguments give the same bytes. Documents are written as they are made
(never held together in memory) and the manifest is streamed after them.

    python -m benchmarks.corpus --docs 10000 --out build/bench/corpus-10k
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from benchmarks import synth_broken as broken
from benchmarks import synth_ep as ep
from benchmarks import synth_pace as pace
from benchmarks.synth_people import EpPool, PacePool
from benchmarks.synth_text import date_en

RETRIEVED = "2026-07-01"  # after every synthetic date, before the day any run can happen
HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
JSON_LD = "application/ld+json"
SCALES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
# share of statements by recipe (one statement gives one or more documents)
RECIPES = {"pace": 52, "ep_motion": 20, "ep_joint": 22, "fault_document": 3, "fault_rows": 3}
PACE_SHAPES = {"html_modern": 45, "html_xref": 20, "text": 20, "pdf_text": 15}


@dataclass
class Document:
    source: str
    url: str
    content: bytes
    content_type: str
    kind: str  # what the generator meant to write: shape, or the fault it carries
    signatories: int = 0  # entries printed in the document
    excerpt: bool = False  # stored as a {url, excerpt} record, as the embedded sample does


@dataclass
class Stats:
    documents: Counter[str] = field(default_factory=Counter)
    statements: Counter[str] = field(default_factory=Counter)
    printed_signatories: int = 0
    bytes: int = 0


class CorpusMaker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.pace_pool = PacePool(seed)
        self.ep = ep.EpDrawer(EpPool(seed))
        self.pace_per_day: Counter[dt.date] = Counter()
        self.pace_count = 0
        self.summaries = 0

    def _pace_statement(self) -> pace.PaceStatement:
        st = pace.draw_statement(self.rng, self.pace_pool, self.pace_count)
        # document numbers grow with dates: 20 numbers a day, in order of drawing within a day
        while self.pace_per_day[st.day] >= 20:
            st = pace.draw_statement(self.rng, self.pace_pool, self.pace_count)
        days = (st.day - pace.FIRST_DAY).days
        self.pace_per_day[st.day] += 1
        self.pace_count += 1
        return replace(st, doc_no=7000 + 20 * days + self.pace_per_day[st.day])

    def _languages(self) -> tuple[str, ...]:
        roll = self.rng.random()
        return ("en", "fr") if roll < 0.55 else ("en",) if roll < 0.85 else ("fr",)

    def _pace_doc(self, st: pace.PaceStatement, language: str, shape: str) -> Document:
        rng = self.rng
        if shape in ("html_modern", "html_xref"):
            modern = shape == "html_modern"
            return Document("pace", pace.page_url(st, language, modern),
                            pace.render_html(rng, st, language, modern).encode(), HTML, shape,
                            len(st.signers))
        text = pace.render_text(rng, st, language) if shape == "text" else \
            pace.render_pdf_text(rng, st, language)
        return Document("pace", pace.page_url(st, language, False), text.encode(), TEXT, shape,
                        len(st.signers), excerpt=shape == "text" and rng.random() < 0.5)

    def pace_documents(self) -> Iterator[Document]:
        st = self._pace_statement()
        for language in self._languages():
            shape = self.rng.choices(tuple(PACE_SHAPES), tuple(PACE_SHAPES.values()))[0]
            yield self._pace_doc(st, language, shape)

    def ep_documents(self, joint: bool) -> Iterator[Document]:
        rng = self.rng
        motion = self.ep.draw(rng, joint)
        for language in self._languages():
            yield Document("ep", ep.page_url(motion, language),
                           ep.render_html(rng, motion, language).encode(), HTML,
                           "ep_joint_html" if joint else "ep_motion_html", motion.signatories)
        if joint and motion.term >= 9 and rng.random() < 0.5:
            yield Document("ep", ep.odp_url(motion), ep.render_odp(motion).encode(), JSON_LD,
                           "ep_odp_json", motion.signatories)
        if joint and rng.random() < 0.3:
            self.summaries += 1
            language = rng.choice(("en", "fr"))
            yield Document("ep", ep.summary_url(self.summaries, language),
                           ep.render_summary(rng, motion, language).encode(), HTML, "ep_summary_html",
                           len(motion.blocks))

    def fault_document(self) -> Iterator[Document]:
        rng = self.rng
        fault = rng.choices(tuple(broken.DOCUMENT_FAULTS), tuple(broken.DOCUMENT_FAULTS.values()))[0]
        st = self._pace_statement()
        language = rng.choice(("en", "fr"))
        url = pace.page_url(st, language, True)
        if fault == "truncated_html":
            content = broken.truncate_html(rng, pace.render_html(rng, st, language, True)).encode()
            yield Document("pace", url, content, HTML, fault)
        elif fault == "mojibake":
            text = broken.mojibake(pace.render_text(rng, st, "fr"))
            yield Document("pace", pace.page_url(st, "fr", False), text.encode(), TEXT, fault)
        elif fault == "challenge":
            yield Document("pace", url, broken.challenge_page(rng, "pace.coe.int").encode(), HTML, fault)
        elif fault == "empty":
            yield Document("pace", url, b"\n" * rng.randint(0, 3), TEXT, fault)
        elif fault == "binary":
            yield Document("pace", url, broken.binary_junk(rng), "application/octet-stream", fault)
        else:
            yield Document("pace", url, broken.news_page(date_en(st.day)).encode(), TEXT, fault)

    def fault_rows(self) -> Iterator[Document]:
        """A page that parses, with one signatory or its date that cannot be published."""
        rng = self.rng
        fault = rng.choices(tuple(broken.ROW_FAULTS), tuple(broken.ROW_FAULTS.values()))[0]
        st = self._pace_statement()
        language = rng.choice(("en", "fr"))
        signers = st.signers
        if fault == "duplicate_signatory":
            signers = (*signers, signers[rng.randrange(len(signers))])
            html_page = pace.render_html(rng, st, language, True, signers=signers)
        elif fault == "missing_country":
            html_page = pace.render_html(rng, st, language, True)
            victim = pace.inline_entry(rng.choice(st.signers), st.day, language)
            name, _country, *rest = victim.split(", ")
            html_page = html_page.replace(victim, ", ".join([name, *rest]) if rest else name, 1)
        else:  # a misread year: the statement is dated before the assembly existed
            st = replace(st, day=st.day.replace(year=1890 + st.day.year % 50))
            html_page = pace.render_html(rng, st, language, True)
        yield Document("pace", pace.page_url(st, language, True), html_page.encode(), HTML, fault,
                       len(signers))

    def documents(self) -> Iterator[Document]:
        recipes, weights = tuple(RECIPES), tuple(RECIPES.values())
        while True:
            recipe = self.rng.choices(recipes, weights)[0]
            if recipe == "pace":
                yield from self.pace_documents()
            elif recipe == "ep_motion":
                yield from self.ep_documents(joint=False)
            elif recipe == "ep_joint":
                yield from self.ep_documents(joint=True)
            elif recipe == "fault_document":
                yield from self.fault_document()
            else:
                yield from self.fault_rows()


_EXT = {HTML: "html", TEXT: "txt", JSON_LD: "json", "application/octet-stream": "bin"}


def write_corpus(out: Path, n_docs: int, seed: int = 1) -> Stats:
    """Write ``n_docs`` documents and ``manifest.json`` into ``out`` (replaced if present)."""
    staging = out.with_name(f".{out.name}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "docs").mkdir(parents=True)
    stats = Stats()
    maker = CorpusMaker(seed)
    with (staging / ".entries.jsonl").open("w", encoding="utf-8") as entries:
        for i, doc in zip(range(n_docs), maker.documents(), strict=False):  # the first n_docs
            folder = f"docs/{i // 1000:03d}"
            if i % 1000 == 0:
                (staging / folder).mkdir()
            if doc.excerpt:
                rel = f"{folder}/{i:06d}.json"
                payload = json.dumps({"url": doc.url, "excerpt": doc.content.decode()},
                                     ensure_ascii=False).encode()
            else:
                rel = f"{folder}/{i:06d}.{_EXT[doc.content_type]}"
                payload = doc.content
            with open(staging / rel, "wb") as fh:
                fh.write(payload)
            entry = {"path": rel, "source": doc.source, "url": doc.url,
                     "content_type": doc.content_type, "origin": f"synthetic {doc.kind}"}
            if doc.excerpt:
                entry["wrapper"] = "excerpt"
            entries.write(json.dumps(entry, ensure_ascii=False) + "\n")
            stats.documents[doc.kind] += 1
            stats.printed_signatories += doc.signatories
            stats.bytes += len(doc.content)
    _write_manifest(staging, seed, n_docs, stats)
    shutil.rmtree(out, ignore_errors=True)
    os.replace(staging, out)
    return stats


def _write_manifest(folder: Path, seed: int, n_docs: int, stats: Stats) -> None:
    head = {
        "description": f"Synthetic corpus of {n_docs} PACE and EP documents (seed {seed}), "
                       "written by benchmarks/corpus.py for the benchmarks. Not real documents.",
        "retrieved": RETRIEVED,
        "generator": {"seed": seed, "documents": n_docs, "by_kind": dict(sorted(stats.documents.items())),
                      "printed_signatories": stats.printed_signatories, "bytes": stats.bytes},
    }
    with (folder / "manifest.json").open("w", encoding="utf-8") as out, \
            (folder / ".entries.jsonl").open(encoding="utf-8") as entries:
        out.write(json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "documents": [\n')
        for k, line in enumerate(entries):
            out.write(("  " if k == 0 else ",\n  ") + line.rstrip("\n"))
        out.write("\n ]\n}\n")
    (folder / ".entries.jsonl").unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", default="1k", help="number of documents or a scale: 1k, 10k, 100k")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    n_docs = SCALES.get(args.docs) or int(args.docs)
    start = time.perf_counter()
    stats = write_corpus(args.out, n_docs, args.seed)
    seconds = time.perf_counter() - start
    print(f"{n_docs} documents, {stats.printed_signatories} printed signatories, "
          f"{stats.bytes / 1e6:.0f} MB in {seconds:.1f} s -> {args.out}")
    for kind, count in sorted(stats.documents.items()):
        print(f"  {kind:<22} {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
