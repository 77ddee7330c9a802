"""A straightforward BeautifulSoup + pandas reading of the same documents, for comparison.

What a first script would do: ``BeautifulSoup(...).get_text()`` for pages, a few regular
expressions for the signatory lists (PACE ``Name, Country, GROUP ;`` entries or "Signed"
blocks, EP "on behalf of the X Group" paragraphs, Open Data Portal authors, summaries'
"tabled by" groups), then one pandas table per run with countries and groups joined from
the vocabularies. It reads fewer page shapes than ``hemicycle.parse`` and checks nothing;
the benchmark times it on the same bytes and reports how many rows it found.
"""

from __future__ import annotations

import gettext
import json
import re
from typing import Any

import pandas as pd
from bs4 import BeautifulSoup

from hemicycle.records import RawDocument
from hemicycle.vocab import VOCAB_DIR

_HEADER = re.compile(r"^(?P<type>[^|\n]+)\|\s*Doc\.\s*(?P<doc>\d+)\s*\|\s*(?P<date>.+)$", re.M)
_DOC_LINE = re.compile(r"^\s*Doc\.\s*(\d+)\s*$", re.M)
_SIGNED = re.compile(r"^\s*Sign\S*\s*\d?\s*:\s*$", re.M)
_PHRASE = re.compile(r"(?:on behalf of the (\S+) Group|au nom du groupe (\S+))")
_REFERENCE = re.compile(r"\b(RC-)?B\d{1,2}-\d{4}/\d{4}\b")
_TABLED = re.compile(r"(?:tabled as a joint resolution by the|résolution commune par les groupes)"
                     r"\s+([^.]+)\.")


def page_text(raw: RawDocument) -> str:
    text = raw.content.decode("utf-8", errors="replace")
    if "html" in raw.content_type:
        soup = BeautifulSoup(text, "html.parser")
        for tag in soup(["script", "style"]):
            tag.decompose()
        text = soup.get_text("\n")
    return text


def _pace_rows(text: str) -> list[dict[str, Any]]:
    header = _HEADER.search(text) or _DOC_LINE.search(text)
    if not header:
        return []
    doc = header.group("doc") if "doc" in header.groupdict() else header.group(1)
    entries: list[str] = []
    signed = _SIGNED.search(text)
    if signed:
        for line in text[signed.end():].splitlines():
            if line.strip().startswith("Total"):
                break
            if line.count(",") >= 1:
                entries.append(line)
    else:
        for line in text.splitlines():
            if " ; " in line and line.count(",") >= 2:
                entries = re.sub(r"^\s*Signat\w+\s*:\s*", "", line).split(" ; ")
                break
    rows = []
    for position, entry in enumerate(entries, 1):
        parts = [p.strip() for p in entry.split(",")]
        group = parts[2] if len(parts) > 2 else None
        rows.append({"statement": f"pace:{doc}", "position": position, "name": parts[0],
                     "country_label": parts[1] if len(parts) > 1 else None, "group_label": group})
    return rows


def _ep_rows(text: str, raw: RawDocument) -> list[dict[str, Any]]:
    if raw.content_type.startswith("application/ld+json"):
        doc = json.loads(raw.content)["data"][0]
        return [{"statement": f"ep:{doc['identifier']}", "position": k, "name": p["had_participant_person"][0],
                 "country_label": None, "group_label": p.get("participation_in_name_of", "").rsplit("/", 1)[-1]}
                for k, p in enumerate(doc.get("workHadParticipation", []), 1)]
    tabled = _TABLED.search(" ".join(text.split()))
    if tabled:
        groups = re.split(r",\s*|\s+(?:and|et)\s+", tabled.group(1).replace(" groups", ""))
        return [{"statement": f"ep:summary:{raw.sha256[:12]}", "position": k, "name": g,
                 "country_label": None, "group_label": g} for k, g in enumerate(groups, 1)]
    reference = _REFERENCE.search(text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    rows: list[dict[str, Any]] = []
    for i, line in enumerate(lines):
        phrase = _PHRASE.fullmatch(line)
        if phrase and i > 0:
            for name in lines[i - 1].split(", "):
                rows.append({"statement": f"ep:{reference.group(0) if reference else raw.url}",
                             "position": len(rows) + 1, "name": name, "country_label": None,
                             "group_label": phrase.group(1) or phrase.group(2)})
    return rows


def _country_table() -> pd.DataFrame:
    import pycountry

    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    rows = [{"label": n.lower(), "country_code": c.alpha_2} for c in pycountry.countries
            for n in {c.name, french.gettext(c.name), getattr(c, "common_name", c.name)}]
    aliases = pd.read_csv(VOCAB_DIR / "country_aliases.csv")
    rows += [{"label": a.lower(), "country_code": i} for a, i in zip(aliases["alias"], aliases["iso2"], strict=True)]
    return pd.DataFrame(rows).drop_duplicates("label")


def _group_table() -> pd.DataFrame:
    frames = [pd.read_csv(VOCAB_DIR / f"{s}_group_aliases.csv") for s in ("pace", "ep")]
    groups = pd.concat(frames)
    groups["label"] = groups["alias"].str.lower()
    return groups.drop_duplicates("label")[["label", "code"]].rename(columns={"code": "group_code"})


def extract(raws: list[RawDocument]) -> pd.DataFrame:
    """Signatory rows of every document, countries and groups joined, as one DataFrame."""
    rows: list[dict[str, Any]] = []
    for raw in raws:
        try:
            text = page_text(raw)
            found = _pace_rows(text) if raw.source == "pace" else _ep_rows(text, raw)
        except (ValueError, KeyError, IndexError):
            continue  # broken documents are simply skipped
        for row in found:
            row["url"] = raw.url
        rows.extend(found)
    frame = pd.DataFrame(rows, columns=["statement", "position", "name", "country_label",
                                        "group_label", "url"])
    frame["country_key"] = frame["country_label"].str.lower()
    frame["group_key"] = frame["group_label"].str.lower()
    frame = frame.merge(_country_table(), how="left", left_on="country_key", right_on="label")
    frame = frame.merge(_group_table(), how="left", left_on="group_key", right_on="label",
                        suffixes=("", "_group"))
    return frame.drop(columns=["country_key", "group_key", "label", "label_group"])
