"""The EP register of written declarations: one block per declaration, authors listed.

A block reads "Written declaration on …" / "27-04-2016 P8_DCL(2016)0040 Ongoing" /
"Dominique BILDE , Ivan JAKOVČIĆ , …". The register lists the authors only; the number of
signatories it prints counts every later signature too, so it is not their total.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from hemicycle.parse.ep.names import looks_like_name
from hemicycle.records import ParsedSignatory

_ENTRY = re.compile(r"^(?P<day>\d{2})-(?P<month>\d{2})-(?P<year>\d{4})\s+"
                    r"(?P<reference>P(?P<term>\d{1,2})_DCL\((?P<dyear>\d{4})\)(?P<num>\d{4}))\b")


def register_entries(text: str) -> list[dict[str, Any]]:
    """Each declaration of a register page: reference, number, term, date, title, authors."""
    lines = [line.strip() for line in text.split("\n")]
    entries = []
    for i, line in enumerate(lines):
        match = _ENTRY.match(line)
        if not match:
            continue
        title = next((ln for ln in reversed(lines[:i]) if ln), None)
        following = next((ln for ln in lines[i + 1:] if ln), "")
        names = [p.strip() for p in following.split(",") if p.strip()]
        if not names or not all(looks_like_name(n) for n in names):
            continue
        try:
            day = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            day = None
        entries.append({
            "reference": match["reference"], "date": day, "title": title,
            "term": int(match["term"]), "number": f"{match['num']}/{match['dyear']}",
            "signatories": tuple(ParsedSignatory(position=k, kind="person", name=n)
                                 for k, n in enumerate(names, 1)),
        })
    return entries

