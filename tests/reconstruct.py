"""Layouts of real pages rebuilt from the corpus record of the same text in another layout.

The current French PACE site prints the label ``Signataires :`` on a line of its own and the
list below it; the corpus holds the same motion (Doc. 14991, 4 October 2019) as the older
French page, where the list follows the label on its line. Rebuilding one from the other
keeps every word as printed and changes only the lines.
"""

from __future__ import annotations

import json
from pathlib import Path

FRENCH_RECORD = "059"  # Xref-XML2HTML-FR.asp?fileid=28245: "Signataires : M. Tiny KOX, Pays-Bas, GUE ; …"
FRENCH_CURRENT_URL = "https://pace.coe.int/fr/files/28245/html"


def french_current_site(corpus_dir: Path, one_per_line: bool = False) -> str:
    """Title, ``Type | Doc. N | date`` header, ``Signataires :`` alone, then the list (one line
    of ``;``-separated entries, or one entry per line), then the body, as on pace.coe.int/fr."""
    raw = json.loads((corpus_dir / "pace" / "raw" / f"{FRENCH_RECORD}.json").read_text(encoding="utf-8"))
    lines = raw["excerpt"].split("\n")
    header = next(line for line in lines if "| Doc. " in line)
    labelled = next(line for line in lines if line.startswith("Signataires :"))
    title = lines[lines.index(header) + 2]
    label, _, entries = labelled.partition(":")
    body = "\n".join(lines[lines.index(labelled) + 1:])
    listed = "\n".join(f"{entry.strip()} ;" for entry in entries.split(";")) if one_per_line else entries.strip()
    return f"{title}\n\n{header}\n\n{label.strip()} :\n\n{listed}\n{body}"
