"""Synthetic PACE statements and the three page shapes the PACE reader meets.

* ``html``: the web page (``pace.coe.int/{lang}/files/N/html``, or the older
  ``assembly.coe.int`` Xref view): site chrome, ``Type | Doc. N | date``, the title, then one
  ``;``-separated line of ``Mr Given FAMILY, Country, GROUP`` entries and the body.
* ``text``: the same page as stored plain text (what an excerpt record holds).
* ``pdf_text``: text extracted from the PDF: ``Doc. N`` / date / title / type, the body, then
  "Signed 1:" with one ``FAMILY Given, Country, GROUP`` per line (surnames only before
  2005), ``Total = N`` and the legend of group codes.
"""

from __future__ import annotations

import datetime as dt
import html
import random
from dataclasses import dataclass

from benchmarks.synth_people import Member, PacePool
from benchmarks.synth_text import (
    SCRIPT,
    STYLE,
    TITLES,
    date_en,
    date_fr,
    footer_html,
    nav_html,
    paragraphs,
    random_day,
)
from benchmarks.synth_vocab import country_labels

FIRST_DAY, LAST_DAY = dt.date(1997, 1, 1), dt.date(2026, 6, 30)
TYPES = {  # doc type -> (English, French) printed type; written declarations add their number
    "written_declaration": ("Written declaration", "Déclaration écrite"),
    "motion_resolution": ("Motion for a resolution", "Proposition de résolution"),
    "motion_recommendation": ("Motion for a recommendation", "Proposition de recommandation"),
}
COMMITS = {
    "written_declaration": ("This written declaration commits only the members who have signed it.",
                            "Cette déclaration écrite n'engage que ses signataires."),
    "motion": ("This motion has not been discussed in the Assembly and commits only the members "
               "who have signed it.",
               "Cette proposition n'a pas été examinée par l'Assemblée et n'engage que ses "
               "signataires."),
}


@dataclass(frozen=True, slots=True)
class PaceStatement:
    doc_no: int
    file_id: int
    doc_type: str
    number: int | None  # written declaration number
    day: dt.date
    title_en: str
    title_fr: str
    subject: tuple[str, str]  # country named in the title and body, (en, fr)
    signers: tuple[Member, ...]
    paragraphs: int


def draw_statement(rng: random.Random, pool: PacePool, index: int) -> PaceStatement:
    day = random_day(rng, FIRST_DAY, LAST_DAY)
    doc_type = rng.choices(tuple(TYPES), (30, 55, 15))[0]
    # motions: 20-40 signatories (10 and more before 2011); declarations: 20-50
    low = 10 if day.year < 2011 and doc_type != "written_declaration" else 20
    n = rng.randint(low, 50 if doc_type == "written_declaration" else 40)
    signers = tuple(pool.draw(rng, day, n, surname_only=day.year < 2005))
    subject_country = rng.choice(signers).country
    subject = country_labels(subject_country, day)
    en, fr = rng.choice(TITLES)
    doc_no = 8000 + index  # unique, and growing with nothing else: a plain counter
    number = 200 + index % 700 if doc_type == "written_declaration" else None
    return PaceStatement(doc_no=doc_no, file_id=10000 + index, doc_type=doc_type, number=number,
                         day=day, title_en=en.format(c=subject[0]), title_fr=fr.format(c=subject[1]),
                         subject=subject, signers=signers, paragraphs=rng.randint(3, 8))


def _type_line(st: PaceStatement, language: str) -> str:
    printed = TYPES[st.doc_type][language == "fr"]
    if st.number is not None:
        printed += f" n° {st.number}" if language == "fr" else f" No. {st.number}"
    return printed


def _date(st: PaceStatement, language: str) -> str:
    return date_fr(st.day) if language == "fr" else date_en(st.day)


def _title(st: PaceStatement, language: str) -> str:
    return st.title_fr if language == "fr" else st.title_en


def _commits(st: PaceStatement, language: str) -> str:
    key = "written_declaration" if st.doc_type == "written_declaration" else "motion"
    return COMMITS[key][language == "fr"]


def _country(member: Member, day: dt.date, language: str) -> str:
    en, fr = country_labels(member.country, day)
    return fr if language == "fr" else en


def inline_entry(member: Member, day: dt.date, language: str) -> str:
    """``Mr Tiny KOX, Netherlands, UEL`` / ``M. Tiny KOX, Pays-Bas, GUE``."""
    prefix = member.prefix_fr if language == "fr" else member.prefix_en
    parts = [f"{prefix} {member.given} {member.family_upper}", _country(member, day, language)]
    group = member.group_code(day, language)
    if group:
        parts.append(group)
    return ", ".join(parts)


def block_entry(member: Member, day: dt.date, language: str) -> str:
    """``GERMAN Michael, Royaume-Uni, ADLE``; older texts print the surname alone."""
    name = member.family if day.year < 2005 else f"{member.family_upper} {member.given}"
    parts = [name, _country(member, day, language)]
    group = member.group_code(day, language)
    if group:
        parts.append(group)
    return ", ".join(parts)


def _body(rng: random.Random, st: PaceStatement, language: str) -> list[str]:
    country = st.subject[language == "fr"]
    return paragraphs(rng, language, country, st.day.year, st.paragraphs)


def page_url(st: PaceStatement, language: str, modern: bool) -> str:
    if modern:
        return f"https://pace.coe.int/{language}/files/{st.file_id}/html"
    suffix = "FR" if language == "fr" else "EN"
    return (f"https://assembly.coe.int/nw/xml/XRef/Xref-XML2HTML-{suffix}.asp"
            f"?fileid={st.file_id}&lang={language}")


def render_html(rng: random.Random, st: PaceStatement, language: str, modern: bool,
                signers: tuple[Member, ...] | None = None) -> str:
    """The web page; ``modern`` pages put the title above the header line."""
    esc = html.escape
    signers = st.signers if signers is None else signers
    entries = " ; ".join(esc(inline_entry(m, st.day, language)) for m in signers)
    header = f'<p class="document-meta">{esc(_type_line(st, language))} | Doc. {st.doc_no} | {_date(st, language)}</p>'
    title = f'<h1 class="document-title">{esc(_title(st, language))}</h1>'
    if modern:
        head_block = title + header
        label = ""
    else:
        related = ("Imprimer", "Autres documents liés") if language == "fr" else (
            "Print", "See related documents")
        head_block = (f'<ul class="doc-tools"><li><a href="#">{related[0]}</a></li><li><a href="#">'
                      f'{related[1]}</a></li></ul>{header}{title}')
        label = "Signataires : " if language == "fr" else "Signatories: "
    body = "".join(f"<p>{esc(p)}</p>" for p in _body(rng, st, language))
    return (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
            f"<title>{esc(_title(st, language))}</title><style>{STYLE}</style>"
            f"<script>{SCRIPT % (language, st.file_id)}</script></head><body>"
            f"{nav_html(language, st.file_id)}<main class=\"container\"><div class=\"document\">"
            f'{head_block}<p class="signatories">{label}{entries}</p>'
            f"<p><em>{esc(_commits(st, language))}</em></p>"
            f'<div class="document-body">{body}</div></div></main>{footer_html(language)}'
            "</body></html>\n")


def render_text(rng: random.Random, st: PaceStatement, language: str) -> str:
    """The page as stored plain text: header line, title, labelled list, body."""
    label = "Signataires : " if language == "fr" else "Signatories: "
    tools = "Imprimer\nAutres documents liés" if language == "fr" else "Print\nSee related documents"
    entries = " ; ".join(inline_entry(m, st.day, language) for m in st.signers)
    lines = [tools, "", f"{_type_line(st, language)} | Doc. {st.doc_no} | {_date(st, language)}", "",
             _title(st, language), "", label + entries, "", _commits(st, language), ""]
    lines.extend(p + "\n" for p in _body(rng, st, language))
    return "\n".join(lines)


def render_pdf_text(rng: random.Random, st: PaceStatement, language: str) -> str:
    """Text as extracted from the PDF: one signatory per line after "Signed 1:"."""
    french = language == "fr"
    legend: dict[str, str] = {}  # printed code -> group name, in order of first signature
    for m in st.signers:
        group = m.group(st.day)
        if group:
            legend.setdefault(group.fr if french else group.en, group.name_fr if french else group.name_en)
    signed = ("Signé (voir au verso)", "Signé¹:") if french else ("Signed (see overleaf)", "Signed 1:")
    lines = ["", f"Doc. {st.doc_no}", "", _date(st, language), "", _title(st, language), "",
             _type_line(st, language), "", _commits(st, language), ""]
    lines.extend(p + "\n" for p in _body(rng, st, language))
    lines += [signed[0], "", "", signed[1], ""]
    lines.extend(block_entry(m, st.day, language) for m in st.signers)
    lines += ["", f"Total = {len(st.signers)}", ""]
    lines.extend(f"{'1. ' if k == 0 else ''}{code}: {name}" for k, (code, name) in enumerate(legend.items()))
    return "\n".join(lines) + "\n"
