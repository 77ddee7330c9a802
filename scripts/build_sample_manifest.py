"""Rebuild data/sample/manifest.json from the files in data/sample.

Run after copying documents into the sample: ``python scripts/build_sample_manifest.py``.
Stored excerpt records (``{"url", "excerpt"}``) carry their URL; the seed documents and the
complete EP files get theirs from the table below.
"""

from __future__ import annotations

import json
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
ADDED = "2026-11-22"

FILES = {
    "seeds/pace-written-declaration-829-fr.txt": (
        "pace", "sample:seeds/pace-written-declaration-829-fr.txt", "text/plain; charset=utf-8",
        "PACE Doc. 16320, written declaration No. 829 (19 January 2026), French text as "
        "extracted from the PDF"),
    "seeds/ep-summary-kazakhstan-freedom-of-expression-fr.txt": (
        "ep", "sample:seeds/ep-summary-kazakhstan-freedom-of-expression-fr.txt",
        "text/plain; charset=utf-8",
        "European Parliament Legislative Observatory summary (French) of the resolution on "
        "freedom of expression in Kazakhstan, text as extracted from the PDF"),
    "ep/files/odp-document_rc-10-2025-0249.json": (
        "ep", "https://data.europarl.europa.eu/api/v2/plenary-documents/RC-10-2025-0249"
        "?format=application/ld+json", "application/ld+json",
        "EP Open Data Portal record of joint motion RC-B10-0249/2025"),
    "ep/files/odp-document_rc-9-2021-0068.json": (
        "ep", "https://data.europarl.europa.eu/api/v2/plenary-documents/RC-9-2021-0068"
        "?format=application/ld+json", "application/ld+json",
        "EP Open Data Portal record of joint motion RC-B9-0068/2021"),
    "ep/files/document_rc-10-2025-0249-en.html": (
        "ep", "https://www.europarl.europa.eu/doceo/document/RC-10-2025-0249_EN.html",
        "text/html; charset=utf-8", "EP joint motion page RC-B10-0249/2025 (English)"),
    "ep/files/oeil-document-summary_1651118.html": (
        "ep", "https://oeil.europarl.europa.eu/oeil/en/document-summary?id=1651118",
        "text/html; charset=utf-8", "Legislative Observatory summary of a joint resolution"),
    "ep/files/oeil-document-summary_1864147.html": (
        "ep", "https://oeil.europarl.europa.eu/oeil/en/document-summary?id=1864147",
        "text/html; charset=utf-8",
        "Legislative Observatory summary of a legislative resolution (no tabling groups)"),
}


def main() -> None:
    entries = []
    for rel, (source, url, ctype, origin) in FILES.items():
        if (SAMPLE / rel).exists():
            entries.append({"path": rel, "source": source, "url": url, "content_type": ctype,
                            "origin": origin})
    for source in ("pace", "ep"):
        for path in sorted((SAMPLE / source).glob("*.json")):
            url = json.loads(path.read_text(encoding="utf-8"))["url"]
            entries.append({"path": f"{source}/{path.name}", "source": source, "url": url,
                            "wrapper": "excerpt", "content_type": "text/plain; charset=utf-8",
                            "origin": "stored plain-text excerpt of the public page"})
    manifest = {
        "description": "Embedded sample of real documents used by `make run` and the tests. "
        "Each entry names the file, the page it was stored from and how to read it. Files with "
        "wrapper=excerpt are JSON records {url, excerpt} holding the page text.",
        "retrieved": ADDED,
        "documents": entries,
    }
    (SAMPLE / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    print(f"{len(entries)} documents")


if __name__ == "__main__":
    main()
