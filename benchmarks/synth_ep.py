"""Synthetic European Parliament motions and the page shapes the EP reader meets.

* ``html``: the motion page (``/doceo/document/B-9-2020-0229_EN.html``, ``RC-...`` for joint
  motions): site chrome, the reference, the printed title, the date and procedure, then each
  group's names followed by "on behalf of the X Group" / "au nom du groupe X", then the text.
* ``odp``: the Open Data Portal JSON-LD record of a joint motion: authors as directory ids
  with the group they sign for, an expression per official language.
* ``summary``: a Legislative Observatory summary page naming the groups that tabled the text.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import random
from dataclasses import dataclass

from benchmarks.synth_people import EP_TERMS, EpPool, Mep
from benchmarks.synth_text import (
    EP_CONSIDERANDA_EN,
    EP_CONSIDERANDA_FR,
    EP_SUBJECTS,
    random_day,
)
from benchmarks.synth_vocab import GroupLabel, ep_groups, group_on

LAST_DAY = dt.date(2026, 6, 30)
LANGUAGES = ("bg", "es", "cs", "da", "de", "et", "el", "en", "fr", "ga", "hr", "it", "lv", "lt",
             "hu", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "fi", "sv")
ODP_BODY = "http://publications.europa.eu/resource/authority/corporate-body/"
# how often a group tables or co-signs a motion, and how many of its members sign
GROUP_WEIGHT = {"ep:epp": 30, "ep:sd": 25, "ep:liberal": 20, "ep:greens": 15, "ep:ecr": 14,
                "ep:left": 10, "ep:enf": 4, "ep:pfe": 6, "ep:efd": 4, "ep:uen": 4, "ep:inddem": 2,
                "ep:esn": 1, "ep:its": 1}


@dataclass(frozen=True, slots=True)
class EpMotion:
    joint: bool
    term: int
    number: int  # the 4-digit number of the reference
    day: dt.date
    procedure: str  # "2025/2691(RSP)"
    subject: tuple[str, str]  # (en, fr)
    blocks: tuple[tuple[GroupLabel, tuple[Mep, ...]], ...]  # tabling groups in printed order

    @property
    def printed_reference(self) -> str:
        return f"{'RC-' if self.joint else ''}B{self.term}-{self.number:04d}/{self.day.year}"

    @property
    def url_reference(self) -> str:
        return f"{'RC' if self.joint else 'B'}-{self.term}-{self.day.year}-{self.number:04d}"

    @property
    def signatories(self) -> int:
        return sum(len(names) for _, names in self.blocks)


class EpDrawer:
    """Draws motions; reference numbers run per term, year and kind, so none repeats."""

    def __init__(self, pool: EpPool) -> None:
        self.pool = pool
        self.counters: dict[tuple[bool, int, int], int] = {}
        self.procedures: dict[int, int] = {}

    def draw(self, rng: random.Random, joint: bool, min_term: int = 6) -> EpMotion:
        terms = [t for t in EP_TERMS if t[0] >= min_term]
        term, first, last = rng.choices(terms, [last.year - first.year + 1 for _, first, last in terms])[0]
        day = random_day(rng, first, min(last, LAST_DAY))
        lineages = [lin for lin in GROUP_WEIGHT if group_on(ep_groups(), lin, day)
                    and (term, lin) in self.pool.by_term_group]
        k = min(len(lineages), rng.randint(3, 6) if joint else 1)
        chosen: list[str] = []
        while len(chosen) < k:
            lineage = rng.choices(lineages, [GROUP_WEIGHT[lin] for lin in lineages])[0]
            if lineage not in chosen:
                chosen.append(lineage)
        total = rng.randint(25, 60) if joint else rng.randint(3, 25)
        shares = [rng.random() + 0.2 for _ in chosen]
        blocks = []
        for lineage, share in zip(chosen, shares, strict=True):
            n = max(1, round(total * share / sum(shares)))
            group = group_on(ep_groups(), lineage, day)
            if group is None:
                raise ValueError(f"no EP group of the {lineage} lineage on {day}")
            blocks.append((group, tuple(self.pool.draw(rng, term, lineage, n))))
        key = (joint, term, day.year)
        self.counters[key] = self.counters.get(key, 0) + 1
        self.procedures[day.year] = self.procedures.get(day.year, 0) + 1
        procedure = f"{day.year}/{2500 + self.procedures[day.year]:04d}(RSP)"
        return EpMotion(joint=joint, term=term, number=self.counters[key], day=day,
                        procedure=procedure, subject=rng.choice(EP_SUBJECTS), blocks=tuple(blocks))


def page_url(m: EpMotion, language: str) -> str:
    return f"https://www.europarl.europa.eu/doceo/document/{m.url_reference}_{language.upper()}.html"


_CHROME_EN = ("Access to page content (press \"Enter\")", "Direct access to language menu (press \"Enter\")",
              "News", "Topics", "MEPs", "About Parliament", "Plenary", "Committees", "Delegations",
              "EU budget", "Multimedia Centre", "Presidency", "Secretariat-general", "Elections",
              "Think tank", "EP Newshub", "At your service", "Visits", "Legislative Observatory",
              "Legislative train", "Contracts and Grants", "Register", "Open Data Portal",
              "Liaison offices")
_CHROME_FR = ("Accès au contenu de la page (appuyer sur \"Entrée\")",
              "Accès direct au menu des langues (appuyer sur \"Entrée\")", "Actualités", "Thèmes",
              "Députés", "À propos du Parlement", "Plénière", "Commissions", "Délégations",
              "Budget de l'UE", "Centre multimédia", "Présidence", "Secrétariat général",
              "Élections", "Groupe de réflexion", "EP Newshub", "À votre service", "Visites",
              "Observatoire législatif", "Train législatif", "Contrats et subventions", "Registre",
              "Portail des données ouvertes", "Bureaux de liaison")
_LANGUAGE_MENU = ("BG - български", "ES - español", "CS - čeština", "DA - dansk", "DE - Deutsch",
                  "ET - eesti keel", "EL - ελληνικά", "EN - English", "FR - français",
                  "GA - Gaeilge", "HR - hrvatski", "IT - italiano", "LV - latviešu valoda",
                  "LT - lietuvių kalba", "HU - magyar", "MT - Malti", "NL - Nederlands",
                  "PL - polski", "PT - português", "RO - română", "SK - slovenčina",
                  "SL - slovenščina", "FI - suomi", "SV - svenska")


def _chrome(language: str) -> str:
    items = _CHROME_FR if language == "fr" else _CHROME_EN
    menu = "".join(f'<li><a class="es_dropdown-item" href="#" lang="{item[:2].lower()}">{html.escape(item)}'
                   f"</a></li>" for item in _LANGUAGE_MENU)
    links = "".join(f'<li class="es_nav-item"><a class="es_nav-link" href="#"><span>{html.escape(item)}'
                    f"</span></a></li>" for item in items)
    return (f'<header class="es_header"><div class="es_header-language-selector"><ul class="es_topbar-list">'
            f'{menu}</ul></div><nav class="es_header-nav"><ul class="es_nav">{links}</ul></nav></header>')


def _group_phrase(group: GroupLabel, language: str) -> str:
    return f"au nom du groupe {group.en}" if language == "fr" else f"on behalf of the {group.en} Group"


def render_html(rng: random.Random, m: EpMotion, language: str) -> str:
    esc = html.escape
    fr = language == "fr"
    subject = m.subject[fr]
    if m.joint:
        kind_short = "Proposition de résolution commune" if fr else "Joint motion for a resolution"
        kind_caps = "PROPOSITION DE RÉSOLUTION COMMUNE" if fr else "JOINT MOTION FOR A RESOLUTION"
    else:
        kind_short = "Proposition de résolution" if fr else "Motion for a resolution"
        kind_caps = "PROPOSITION DE RÉSOLUTION" if fr else "MOTION FOR A RESOLUTION"
    title = f"{kind_caps} {'sur' if fr else 'on'} {subject}"
    rule = "conformément à l'article 144 du règlement intérieur" if fr else \
        "pursuant to Rule 144 of the Rules of Procedure"
    parts = [f'<div class="erpl_title-h1">{esc(kind_short)} - {m.printed_reference}{esc(kind_short)}</div>',
             f"<p>{m.printed_reference}</p>",
             f'<p class="erpl_doc-title">{esc(title)}</p>',
             f"<p>{m.day.day}.{m.day.month}.{m.day.year} - ({m.procedure})</p>",
             f"<p>{esc(rule)}</p>"]
    if m.joint:
        replaced = "en remplacement des propositions suivantes :" if fr else "replacing the following motions:"
        parts.append(f"<p>{replaced}</p>")
        for k, (group, _) in enumerate(m.blocks):
            parts.append(f"<p>B{m.term}&#8209;{m.number * 10 + k:04d}/{m.day.year} ({esc(group.en)})</p>")
    authors = []
    for group, meps in m.blocks:
        names = ", ".join(esc(mep.name) for mep in meps)
        authors.append(f"<br />{names}<br />{esc(_group_phrase(group, language))}<br />")
    parts.append('<div class="erpl_authors">' + "".join(authors) + "</div>")
    parts.append(f"<p>{'Procédure' if fr else 'Procedure'} : {m.procedure}</p>")
    resolution = "Résolution du Parlement européen sur" if fr else "European Parliament resolution on"
    parts.append(f"<p>{esc(resolution)} {esc(subject)}</p><p>({m.procedure})</p>")
    parts.append(f"<p>{'Le Parlement européen' if fr else 'The European Parliament'},</p>")
    bank = EP_CONSIDERANDA_FR if fr else EP_CONSIDERANDA_EN
    parts.extend(f"<p>– {esc(line)}</p>" for line in rng.sample(bank, rng.randint(4, len(bank))))
    return (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="UTF-8" />'
            f"<title>{esc(title)} | {m.printed_reference} | European Parliament</title></head><body>"
            f'{_chrome(language)}<main id="website-body"><div class="erpl_document">{"".join(parts)}'
            "</div></main></body></html>\n")


def render_odp(m: EpMotion) -> str:
    """The Open Data Portal record of a joint motion (term 9 and later)."""
    ident = f"RC-{m.term}-{m.day.year}-{m.number:04d}"
    title_en = f"JOINT MOTION FOR A RESOLUTION on {m.subject[0]}"
    title_fr = f"PROPOSITION DE RÉSOLUTION COMMUNE sur {m.subject[1]}"
    expressions = [{
        "id": f"eli/dl/doc/{ident}/{lang}", "type": "Expression",
        "is_embodied_by": [{"id": f"eli/dl/doc/{ident}/{lang}/{fmt}", "type": "Manifestation",
                            "is_exemplified_by": f"distribution/reds_iPlRc/{ident}/{ident}_{lang}.{fmt}",
                            "format": f"http://publications.europa.eu/resource/authority/file-type/{fmt.upper()}",
                            "issued": f"{m.day.isoformat()}T11:08:05+02:00", "byteSize": "46809"}
                           for fmt in ("pdf", "docx")],
        "language": f"http://publications.europa.eu/resource/authority/language/{lang.upper()}",
        "title": {lang: title_fr if lang == "fr" else title_en},
    } for lang in LANGUAGES]
    participations, creators, order = [], [], 0
    for group, meps in m.blocks:
        if group.odp is None:
            raise ValueError(f"{group.code} has no corporate body on the EP's portal")
        for mep in meps:
            order += 10
            creators.append(f"person/{mep.person_id}")
            participations.append({
                "id": f"eli/dl/participation/{ident}-{mep.person_id}", "type": "Participation",
                "activity_date": m.day.isoformat(), "had_participant_person": [f"person/{mep.person_id}"],
                "parliamentary_term": f"org/ep-{m.term}",
                "participation_in_name_of": ODP_BODY + group.odp,
                "participation_role": "def/ep-roles/AUTHOR", "politicalGroup": ODP_BODY + group.odp,
                "precedenceOrder": order})
    record = {"data": [{
        "id": f"eli/dl/doc/{ident}", "type": "Work", "parliamentary_term": f"org/ep-{m.term}",
        "document_date": m.day.isoformat(), "is_realized_by": expressions,
        "work_type": "def/ep-document-types/RESOLUTION_MOTION_JOINT", "creator": creators,
        "identifier": ident, "publisher": "org/EU_PARLIAMENT",
        "title_dcterms": {"en": title_en, "fr": title_fr}, "identifierYear": str(m.day.year),
        "workHadParticipation": participations,
    }]}
    return json.dumps(record, ensure_ascii=False)


def odp_url(m: EpMotion) -> str:
    return (f"https://data.europarl.europa.eu/api/v2/plenary-documents/RC-{m.term}-{m.day.year}-"
            f"{m.number:04d}?format=application/ld+json")


# Legislative Observatory summaries name groups by their English codes
_SUMMARY_LABEL = {"PPE": "EPP", "PPE-DE": "EPP-ED", "PSE": "PES", "Verts/ALE": "Greens/EFA",
                  "GUE/NGL": "The Left"}


def render_summary(rng: random.Random, m: EpMotion, language: str) -> str:
    esc = html.escape
    fr = language == "fr"
    labels = [_SUMMARY_LABEL.get(g.en, g.en) for g, _ in m.blocks]
    listed = ", ".join(labels[:-1]) + (" et " if fr else " and ") + labels[-1] if len(labels) > 1 else labels[0]
    votes = (rng.randint(300, 650), rng.randint(1, 150), rng.randint(0, 80))
    if fr:
        lines = [f"Résolution sur {m.subject[1]}", m.procedure, m.day.strftime("%d/%m/%Y"),
                 f"Le Parlement européen a adopté par {votes[0]} voix pour, {votes[1]} contre et "
                 f"{votes[2]} abstentions, une résolution sur {m.subject[1]}.",
                 f"Le texte adopté en plénière avait été déposé en tant que résolution commune par "
                 f"les groupes {listed}."]
    else:
        lines = [f"Resolution on {m.subject[0]}", m.procedure, m.day.strftime("%d/%m/%Y"),
                 f"The European Parliament adopted by {votes[0]} votes to {votes[1]}, with "
                 f"{votes[2]} abstentions, a resolution on {m.subject[0]}.",
                 f"The text adopted in plenary had been tabled as a joint resolution by the "
                 f"{listed} groups."]
    bank = EP_CONSIDERANDA_FR if fr else EP_CONSIDERANDA_EN
    lines.extend(line.capitalize() for line in rng.sample(bank, rng.randint(3, 6)))
    body = "".join(f"<p>{esc(line)}</p>" for line in lines)
    return (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="UTF-8" />'
            f"<title>Legislative Observatory</title></head><body>{_chrome(language)}"
            f'<div class="ep-p_text">{body}</div></body></html>\n')


def summary_url(index: int, language: str) -> str:
    return f"https://oeil.europarl.europa.eu/oeil/{language}/document-summary?id={1600000 + index}"
