"""The data card: one static ``index.html`` that shows what a folder of hemicycle data holds.

``render_card`` turns a :class:`CardData` into HTML and nothing else; ``write_data_card``
reads a DuckDB database and validation.json and writes the page atomically. The page needs
no network: charts are inline SVG, styles are inline, the only script is the copy button
of the query snippets. Every string that comes from the data is escaped. Nothing in the
page depends on the clock unless the caller passes ``generated``, so the same data gives
the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from hemicycle import DATASET_NAME
from hemicycle.files import atomic_write_bytes
from hemicycle.publish import charts
from hemicycle.publish.card_data import CardData, Link, gather
from hemicycle.publish.charts import NONE_COLOUR, OKABE_ITO, OTHER_COLOUR, Series

CARD_NAME = "index.html"
TOP_GROUPS = len(OKABE_ITO)  # lineages with a colour of their own; the rest are "other groups"
TOP_COUNTRIES = 15  # rows of the country heat map
TOP_TARGETS = 20  # bars of the statements-per-country chart
OTHER, NONE = "(other groups)", "(no group recorded)"


class Snippet(NamedTuple):
    title: str
    language: str  # "sql", "shell" or "python"
    code: str


_MOST_ACTIVE = "(SELECT person_id FROM member_activity ORDER BY statements DESC, person_id LIMIT 1)"
_STRONGEST_PAIR = "(SELECT {} FROM person_cosignatures ORDER BY weight DESC, person_a, person_b LIMIT 1)"
_LARGEST_GROUP = ("(SELECT group_code FROM signatories_by_group WHERE group_code IS NOT NULL\n"
                  "                      ORDER BY signatories DESC, group_code LIMIT 1)")


def snippets(example_country: str) -> list[Snippet]:
    """Copy-paste starting points; every SQL one runs as is against the card's database
    (members and groups are picked by a subquery: put an id from `persons` or a group code)."""
    return [
        Snippet("Open the database (by its path, from any folder)", "shell",
                "duckdb -readonly hemicycle.duckdb"),
        Snippet("Statements per assembly and year", "sql",
                "SELECT source, year, count(*) AS statements\nFROM statements\n"
                "GROUP BY ALL\nORDER BY source, year;"),
        Snippet("Signatures per political group", "sql",
                "SELECT source, group_code, signatories, statements\nFROM signatories_by_group\n"
                "ORDER BY signatories DESC;"),
        Snippet("Which groups sign together", "sql",
                "SELECT source, group_a, group_b, statements, round(share_of_a, 2) AS share_of_a\n"
                "FROM group_cosignatures\nWHERE group_a < group_b\n"
                "ORDER BY statements DESC\nLIMIT 10;"),
        Snippet("Who signs most with members of another group", "sql",
                "SELECT family_name, country_code, groups, statements, round(share, 2) AS share\n"
                f"FROM members_signing_with({_LARGEST_GROUP})\nLIMIT 10;"),
        Snippet(f"Statements about one country ({example_country})", "sql",
                "SELECT date, source, left(title, 60) AS title, signatories\n"
                f"FROM statements_about('{example_country}');"),
        Snippet(f"Whose members sign about {example_country}, by their own country", "sql",
                "SELECT source, signatory_country, signatures, statements, signers\n"
                f"FROM target_country_signatory_countries_in(target := '{example_country}')\n"
                "ORDER BY signatures DESC;"),
        Snippet("A member's signatures over time", "sql",
                "SELECT year, count(*) AS statements, list(DISTINCT group_code ORDER BY group_code) AS groups\n"
                f"FROM member_signatures({_MOST_ACTIVE})\n"
                "GROUP BY year\nORDER BY year;"),
        Snippet("The statements two members both signed", "sql",
                "SELECT date, statement_id, left(title, 60) AS title, position_a, position_b\n"
                f"FROM signed_together({_STRONGEST_PAIR.format('person_a')},\n"
                f"                     {_STRONGEST_PAIR.format('person_b')});"),
        Snippet("Read the Parquet files without the database (in the release folder)", "sql",
                "SELECT statement_id, name, country_code, group_code, source\n"
                "FROM read_parquet('tables/signatories/**/*.parquet', hive_partitioning = true)\n"
                "LIMIT 10;"),
        Snippet("From Python", "python",
                'import duckdb\n\ncon = duckdb.connect("/path/to/hemicycle.duckdb", read_only=True)\n'
                'print(con.sql("SELECT * FROM statements LIMIT 5"))'),
    ]


# --------------------------------------------------------------------------- helpers
def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _int(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")  # thin no-break space: 1 234, any locale


def _size(n: int | None) -> str:
    if n is None:
        return ""
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return ""


def _prose(text: str) -> str:
    """Escaped text whose `backticked` words become code, as the schema writes them."""
    parts = escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


def _table(caption: str, head: list[str], rows: list[list[object]],
           numeric: tuple[int, ...] | None = None) -> str:
    """A data table in a scrolling wrapper, so a wide table never widens the page.

    The first column heads its row; ``numeric`` columns (default: all others) align right.
    """
    numeric = tuple(range(1, len(head))) if numeric is None else numeric
    num = [' class="num"' if i in numeric else "" for i in range(len(head))]
    cells = "".join(f'<th scope="col"{num[i]}>{_e(h)}</th>' for i, h in enumerate(head))
    body = []
    for row in rows:
        tds = [f'<th scope="row">{_e(row[0])}</th>']
        tds += [f"<td{num[i]}>{_e(v)}</td>" for i, v in enumerate(row[1:], start=1)]
        body.append(f"<tr>{''.join(tds)}</tr>")
    return (f'<div class="scroll" tabindex="0" role="region" aria-label="{_e(caption)}">'
            f"<table><caption>{_e(caption)}</caption><thead><tr>{cells}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>")


def _details(summary: str, inner: str) -> str:
    return f"<details><summary>{_e(summary)}</summary>{inner}</details>"


def _legend(series: list[Series], names: dict[str, str] | None = None) -> str:
    items = []
    for s in series:
        full = (names or {}).get(s.key)
        extra = f' <span class="muted">{_e(full)}</span>' if full else ""
        items.append(f"<li>{charts.swatch(s.colour)}{_e(s.label)}{extra}</li>")
    return f'<ul class="legend">{"".join(items)}</ul>'


def _figure(chart: str, legend: str, caption: str, table: str) -> str:
    return (f"<figure>{legend}{chart}<figcaption>{_e(caption)}</figcaption>"
            f"{_details('The numbers behind this chart', table)}</figure>")


def _short(label: str, most: int = 26) -> str:
    return label if len(label) <= most else label[:most - 1].rstrip() + "…"


def _span(years: list[int]) -> list[str]:
    return [str(y) for y in range(min(years), max(years) + 1)] if years else []


def source_series(data: CardData) -> list[Series]:
    codes = sorted({r.source for r in data.statements_by_year} | set(data.sources))
    return [Series(code, code.upper(), OKABE_ITO[i % len(OKABE_ITO)]) for i, code in enumerate(codes)]


# --------------------------------------------------------------------------- sections
def _header(data: CardData) -> str:
    version = f" {data.version}" if data.version else ""
    persons = data.people if data.people is not None else data.rows("persons")
    years = [int(r.key) for r in data.statements_by_year if r.key is not None]
    checks = data.checks
    passed = sum(c.passed for c in checks)
    figures = [
        (_int(data.total_statements), "statements"),
        (_int(data.rows("signatories")), "signatures"),
        (_int(persons), "members who signed"),
        (f"{min(years)}–{max(years)}" if years else "–", "years covered"),
        (f"{passed}/{len(checks)}", "checks passed"),
        (_int(data.rows("quarantine")), "rows in quarantine"),
    ]
    dl = "".join(f"<div><dt>{label}</dt><dd>{value}</dd></div>" for value, label in figures)
    sources = "".join(
        f"<li><strong>{_e(code.upper())}</strong>: {_e(name)}</li>"
        for code, name in sorted(data.sources.items()))
    return f"""<header>
<p class="kicker">Data card{_e(version)}</p>
<h1>{_e(DATASET_NAME)}: who signs what, with whom, about which country</h1>
<p class="lede">An open dataset of European parliamentary statements (written declarations,
motions, joint motions and press summaries) and the members and political groups who sign
them. Signatory lists are parsed from the assemblies' own documents; names, countries
(ISO&nbsp;3166-1) and groups (canonical codes across languages and renames) are normalised,
then every table is validated before it is published.</p>
<ul class="sources">{sources}</ul>
<dl class="figures">{dl}</dl>
</header>"""


NAV = (("coverage", "Coverage"), ("groups", "Groups"), ("countries", "Countries"),
       ("people", "People"), ("pairs", "Co-signing"), ("targets", "Subjects"),
       ("stances", "Who praises whom"), ("quality", "Quality"),
       ("downloads", "Downloads"), ("query", "Query"))


def _nav() -> str:
    items = "".join(f'<li><a href="#{key}">{label}</a></li>' for key, label in NAV)
    return f'<nav aria-label="Sections"><ul>{items}</ul></nav>'


def _coverage(data: CardData) -> str:
    series = source_series(data)
    dated = [r for r in data.statements_by_year if r.key is not None]
    years = _span([int(r.key) for r in dated])
    values = {(r.source, r.key): r.count for r in dated}
    undated = {s.key: sum(r.count for r in data.statements_by_year if r.source == s.key and r.key is None)
               for s in series}
    chart = charts.stacked_columns(
        "chart-coverage", "Statements per year, by assembly",
        f"Stacked columns, one per year from {years[0] if years else '–'} to "
        f"{years[-1] if years else '–'}: the number of statements of each assembly.",
        years, series, values)
    table = _table("Statements per year", ["Year", *[s.label for s in series]],
                   [[y, *[values.get((s.key, y), 0) for s in series]] for y in years]
                   + [["undated", *[undated[s.key] for s in series]]])
    note = "; ".join(f"{_int(n)} {s.label} statement{'s' if n != 1 else ''}" for s in series
                     if (n := undated[s.key]))
    caption = "Statements per year." + (f" Undated, so not drawn: {note}." if note else "")
    types = _table("Statements by document type", ["Assembly", "Document type", "Statements"],
                   [[r.source.upper(), (r.key or "").replace("_", " "), r.count]
                    for r in data.statements_by_type], numeric=(2,))
    return (f'<section id="coverage"><h2>Coverage</h2>'
            f"<p>{_int(data.total_statements)} statements from {len(series)} assemblies. "
            f"The embedded documents are a sample, not every statement ever tabled: read the "
            f"counts as what this dataset holds, not as the assemblies' output.</p>"
            f"{_figure(chart, _legend(series), caption, table)}{types}</section>")


def group_series(data: CardData, source: str) -> tuple[list[Series], dict[str | None, str], dict[str, str]]:
    """Colours for one assembly's group lineages: the largest get a hue, the rest share grey."""
    lineages = [g for g in data.lineages if g.source == source]
    series, bucket, names = [], {}, {}
    for i, g in enumerate(lineages):
        if i < TOP_GROUPS or len(lineages) == TOP_GROUPS + 1:
            series.append(Series(g.lineage, g.codes, OKABE_ITO[i % len(OKABE_ITO)]))
            bucket[g.lineage] = g.lineage
            names[g.lineage] = g.name
        else:
            bucket[g.lineage] = OTHER
    if any(v == OTHER for v in bucket.values()):
        series.append(Series(OTHER, "other groups", OTHER_COLOUR))
    if any(r.lineage is None for r in data.group_years if r.source == source):
        series.append(Series(NONE, "no group recorded", NONE_COLOUR))
        bucket[None] = NONE
    return series, bucket, names


def _groups(data: CardData) -> str:
    parts = ['<section id="groups"><h2>Signatures by political group over time</h2>'
             "<p>Each column counts the signatures of members in one year, coloured by "
             "political group. A group that was renamed keeps its colour (its codes are "
             "listed oldest first).</p>"]
    for source in sorted({r.source for r in data.group_years}):
        series, bucket, names = group_series(data, source)
        rows = [r for r in data.group_years if r.source == source]
        values: dict[tuple[str, str], int] = defaultdict(int)
        for r in rows:
            values[(bucket[r.lineage], str(r.year))] += r.signatures
        years = _span([r.year for r in rows])
        label = source.upper()
        chart = charts.stacked_columns(
            f"chart-groups-{source}", f"{label}: signatures per year by political group",
            f"Stacked columns, one per year from {years[0]} to {years[-1]}; each segment is "
            f"one group's signatures: " + ", ".join(s.label for s in series) + ".",
            years, series, values)
        table = _table(f"{label} signatures per year and group", ["Year", *[s.label for s in series]],
                       [[y, *[values.get((s.key, y), 0) for s in series]] for y in years
                        if any(values.get((s.key, y)) for s in series)])
        parts.append(f"<h3>{_e(data.sources.get(source, label))} ({_e(label)})</h3>")
        parts.append(_figure(chart, _legend(series, names),
                             f"{label} signatures per year, by political group.", table))
    parts.append("</section>")
    return "".join(parts)


def _countries(data: CardData) -> str:
    totals: dict[str, int] = defaultdict(int)
    for r in data.country_years:
        totals[r.country_code] += r.signatures
    ranked = sorted(totals, key=lambda c: (-totals[c], c))
    shown = ranked[:TOP_COUNTRIES]
    years = _span([r.year for r in data.country_years])
    values = {(r.country_code, str(r.year)): r.signatures for r in data.country_years}
    coverage = "; ".join(
        f"{c.source.upper()}: {_int(c.with_country)} of {_int(c.signatures)} signatures"
        for c in data.country_coverage)
    intro = (f"<p>Where the members who sign come from: the {len(shown)} countries with the most "
             f"signatures, year by year (darker is more). Signatures with a country: "
             f"{_e(coverage)}.</p>")
    if not shown:
        return f'<section id="countries"><h2>Signatures by country over time</h2>{intro}</section>'
    bins = charts.colour_bins(max(values[k] for k in values if k[0] in shown))
    rows = [(c, c) for c in shown]
    chart = charts.heatmap(
        "chart-countries", "Signatures per year by the signer's country",
        f"Heat map: one row per country ({', '.join(shown)}), one column per year from "
        f"{years[0]} to {years[-1]}; a darker cell means more signatures.",
        rows, years, values, bins)
    legend_series = [Series(f"{lo}-{hi}", f"{lo}" if lo == hi else f"{lo}–{hi}",
                            charts.bin_colour(lo, bins)) for lo, hi in bins]
    legend = f'<p class="legend-title">Signatures in a year</p>{_legend(legend_series)}'
    active = [y for y in years if any((c, y) in values for c in ranked)]
    table = _table("Signatures per country and year (every country)",
                   ["Country", "Total", *active],
                   [[f"{c} {data.country_names.get(c, '')}".strip(), totals[c],
                     *[values.get((c, y), 0) or "" for y in active]] for c in ranked])
    caption = (f"Signatures per year for the top {len(shown)} of {len(ranked)} countries; "
               f"the table lists all of them.")
    return (f'<section id="countries"><h2>Signatures by country over time</h2>{intro}'
            f"{_figure(chart, legend, caption, table)}</section>")


ROSTER_METHODS = {"source_id", "document_id", "document_pairing", "alias", "roster_name", "roster_initial",
                  "roster_surname", "unresolved"}
ROSTER_SERIES = (Series("printed", "country printed", OKABE_ITO[0]),
                 Series("roster", "country from the roster", OKABE_ITO[1]))
METHOD_WORDS = {
    "source_id": "the document gives the member id", "document_id": "an id another version of the document gives",
    "document_pairing": "the one id and name left in a group of the document", "alias": "a cited hand fix",
    "roster_name": "names agree with the roster", "roster_initial": "family name and initial or short form",
    "roster_surname": "family name, picked by printed country or group", "unresolved": "not attributed",
    "exact": "same printed name (no roster)", "given_variant": "another form of the given name (no roster)",
    "surname_country": "surname and country, one person (no roster)",
    "surname_only": "surname alone, kept apart (no roster)",
}


def _people(data: CardData) -> str:
    """Who the signatories are: the EP's signatures by the country members represented, and
    how each assembly's signatures were attributed to members."""
    head = ('<section id="people"><h2>Who signs: members and their countries</h2>'
            "<p>Every signature is attributed to a member where the assembly publishes a roster "
            "(the European Parliament: members by id, and every term's mandates with the country "
            "represented), by the member id a document gives or by name among the members who held "
            "a seat that day; a name that fits several members, or none, stays unresolved rather "
            "than guessed. The signature then carries the member's country, marked as coming from "
            "the roster. PACE lists print each signer's country.</p>")
    parts = [head]
    ep = [r for r in data.signer_countries if r.source == "ep"]
    totals: dict[str, int] = defaultdict(int)
    for r in ep:
        totals[r.country_code] += r.signatures
    ranked = sorted(totals, key=lambda c: (-totals[c], c))
    people = [r for r in data.resolution if r.source == "ep"]
    signed = sum(r.signatures for r in people)
    if ranked:
        values = {(r.country_source, r.country_code): r.signatures for r in ep}
        rows = [(c, _short(f"{c} {data.country_names.get(c, '')}".strip())) for c in ranked]
        chart = charts.stacked_bars(
            "chart-ep-countries", "European Parliament: signatures by the country members represented",
            f"Horizontal bars for the {len(ranked)} countries of the members who signed, most signatures "
            "first, split by where the country comes from: printed, or from the roster.",
            rows, list(ROSTER_SERIES), values)
        table = _table("European Parliament signatures by country",
                       ["Country", *[s.label for s in ROSTER_SERIES], "Total"],
                       [[f"{c} {data.country_names.get(c, '')}".strip(),
                         *[values.get((s.key, c), 0) for s in ROSTER_SERIES], totals[c]] for c in ranked])
        with_country = sum(totals.values())
        caption = (f"{_int(with_country)} of {_int(signed)} EP signatures of members carry a country "
                   f"({with_country / signed:.0%})." if signed else "EP signatures by country.")
        parts.append(_figure(chart, _legend(list(ROSTER_SERIES)), caption, table))
    if data.resolution:
        rows = []
        for source in sorted({r.source for r in data.resolution}):
            mine = [r for r in data.resolution if r.source == source]
            total = sum(r.signatures for r in mine)
            resolved = sum(r.signatures for r in mine if r.method != "unresolved")
            by_roster = any(r.method in ROSTER_METHODS for r in mine)
            if total and by_roster:
                parts.append(f"<p><strong>{_e(source.upper())}</strong>: {_int(resolved)} of {_int(total)} "
                             f"signatures of members attributed to a member of the roster "
                             f"({resolved / total:.1%}).</p>")
            elif total:
                parts.append(f"<p><strong>{_e(source.upper())}</strong>: no roster could be read, so "
                             f"its {_int(total)} signatures of members are grouped into persons by their "
                             f"printed names and countries.</p>")
            rows += [[f"{source.upper()} {r.method}" + (f" ({r.reason})" if r.reason else ""),
                      METHOD_WORDS.get(r.method, ""), r.signatures, f"{r.signatures / total:.1%}"]
                     for r in mine]
        parts.append(_table("How signatures were attributed, per assembly and method",
                            ["Method", "Meaning", "Signatures", "Share"], rows, numeric=(2, 3)))
    parts.append("</section>")
    return "".join(parts)


def _pairs(data: CardData) -> str:
    series = source_series(data)
    pairs = data.group_pairs
    head = ('<section id="pairs"><h2>Groups that sign together</h2>'
            "<p>Pairs of political groups with a signature on the same statement, by the "
            "number of statements they share (a joint motion tabled by five groups counts "
            "for ten pairs).</p>")
    if not pairs:
        return head + "<p>No statement carries signatures of two groups.</p></section>"
    rows = [(f"{p.source}:{p.first}+{p.second}", f"{p.first} + {p.second}") for p in pairs]
    values = {(p.source, key): p.statements for p, (key, _) in zip(pairs, rows)}
    present = [s for s in series if any(p.source == s.key for p in pairs)]
    chart = charts.stacked_bars(
        "chart-pairs", f"Top {len(pairs)} co-signing group pairs",
        "Horizontal bars, one per pair of groups, longest first: the number of statements "
        "both groups signed; colour shows the assembly.", rows, present, values)
    table = _table("Co-signing group pairs", ["Pair", "Assembly", "Statements"],
                   [[label, p.source.upper(), p.statements] for p, (_, label) in zip(pairs, rows)],
                   numeric=(2,))
    return head + _figure(chart, _legend(present), "Statements signed by both groups of a pair.",
                          table) + "</section>"


def _targets(data: CardData) -> str:
    series = source_series(data)
    totals: dict[str, int] = defaultdict(int)
    for r in data.target_countries:
        totals[r.key] += r.count
    ranked = sorted(totals, key=lambda c: (-totals[c], c))
    shown = ranked[:TOP_TARGETS]
    head = ('<section id="targets"><h2>What the statements are about</h2>'
            "<p>The states a statement is about, read from its titles and text (its "
            "signatory list is left out). A statement about two states counts for both.</p>")
    if not shown:
        return head + "<p>No statement names a state.</p></section>"
    values = {(r.source, r.key): r.count for r in data.target_countries}
    present = [s for s in series if any(r.source == s.key for r in data.target_countries)]
    rows = [(c, _short(f"{c} {data.country_names.get(c, '')}".strip())) for c in shown]
    chart = charts.stacked_bars(
        "chart-targets", "Statements per country they are about",
        f"Horizontal bars for the {len(shown)} most named states, longest first: the number "
        "of statements about each, coloured by assembly.", rows, present, values)
    table = _table("Statements per country they are about", ["Country", *[s.label for s in present], "Total"],
                   [[f"{c} {data.country_names.get(c, '')}".strip(),
                     *[values.get((s.key, c), 0) for s in present], totals[c]] for c in ranked])
    caption = f"Statements about each of the {len(shown)} most named of {len(ranked)} states."
    return head + _figure(chart, _legend(present), caption, table) + "</section>"


STANCE_ORDER = ("praise", "criticism", "mixed", "solidarity", "neutral", "unknown")
STANCE_LIMITS = (
    "The stance is what the words of the statement say of a state's government, read by rules: "
    "cue phrases in each language (`data/vocab/stance_cues.csv`) in the sentence that names the "
    "state, with negation and \"calls on X to\" handled. Every stance quotes its evidence "
    "(`statement_stances.evidence`): read it before you rely on one. The rules are checked against "
    "hand-checked labels (`python -m hemicycle.accuracy.stance`), yet they miss what takes "
    "understanding: irony, praise by implication, a recital that frames a government favourably "
    "without a cue, a state named only through a person or a place. Praise is read "
    "conservatively (a false praise accuses the signatories), so some praise is read as "
    "`unknown` or `neutral`. Texts cut short, or read only from a title, often give `unknown`. "
    "English and French are covered best, the Parliament's other languages by their most common "
    "phrases. A signature says that a member put their name to a text, not that they wrote or "
    "endorse every word of it."
)


def _stances(data: CardData) -> str:
    head = ('<section id="stances"><h2>Who praises whom</h2>'
            f"<p>{_prose(STANCE_LIMITS)}</p>")
    if not data.target_stances:
        return head + "<p>No statement takes a stance toward a state.</p></section>"
    statements: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    signatures: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in data.target_stances:
        statements[r.country_code][r.stance] += r.statements
        signatures[r.country_code][r.stance] += r.signatures
    ranked = sorted(statements, key=lambda c: (-sum(statements[c].values()), c))
    total = sum(sum(v.values()) for v in statements.values())
    unknown = sum(v["unknown"] for v in statements.values())
    share = f"<p>{unknown} of {total} stances ({unknown / total:.0%}) are <code>unknown</code>: the text at " \
            "hand names the state but does not tell.</p>"
    matrix = _table("Statements by target state and stance", ["Target state", *STANCE_ORDER, "Signatures"],
                    [[f"{c} {data.country_names.get(c, '')}".strip(),
                      *[statements[c][s] for s in STANCE_ORDER], sum(signatures[c].values())] for c in ranked])
    parts = [head, share, matrix]
    for stance in ("praise", "criticism"):
        signers = [r for r in data.stance_signers if r.stance == stance]
        if signers:
            parts.append(_table(f"Members who signed most statements of {stance}",
                                ["Member", "Country", "Groups", "Target states", "Statements"],
                                [[r.name, r.country_code or "", r.groups, r.targets, r.statements]
                                 for r in signers], numeric=(4,)))
    return "".join(parts) + "</section>"


def _quality(data: CardData) -> str:
    parts = ['<section id="quality"><h2>Data quality</h2>']
    checks = data.checks
    if not checks:
        parts.append("<p>No validation report was found beside this page.</p>")
    else:
        by_severity = []
        for severity in sorted({c.severity for c in checks}):
            group = [c for c in checks if c.severity == severity]
            by_severity.append([severity, len(group), sum(c.passed for c in group),
                                sum(not c.passed for c in group), sum(c.crashed for c in group)])
        blocking = sum(1 for c in checks if c.severity == "error" and not c.passed)
        verdict = ("Every blocking check passed." if not blocking
                   else f"{blocking} blocking check{'s' if blocking != 1 else ''} failed.")
        parts.append(f"<p>{len(checks)} checks ran on the published tables (Great Expectations "
                     f"rules; <code>error</code> blocks publication, <code>warn</code> only "
                     f"reports). {verdict}</p>")
        parts.append(_table("Checks by severity", ["Severity", "Checks", "Passed", "Failed", "Crashed"],
                            by_severity))
        failed = [c for c in checks if not c.passed]
        if failed:
            items = []
            for c in failed:
                share = (f"{_int(c.unexpected_count)} of {_int(c.element_count)} rows"
                         if c.unexpected_count is not None and c.element_count is not None else "")
                share = f" ({share})" if share else ""
                examples = (f'<br><span class="muted">e.g. <code>{_e(c.examples)}</code></span>'
                            if c.examples != "[]" else "")
                items.append(
                    f'<li><span class="badge {_e(c.severity)}">{_e(c.severity)}</span> '
                    f"<code>{_e(c.table)}.{_e(c.rule)}</code>: {_e(c.message or c.description)}"
                    f"{share}{examples}</li>")
            parts.append(f'<h3>Checks that did not pass</h3><ul class="failures">{"".join(items)}</ul>')
        else:
            parts.append("<p>No check failed.</p>")
        parts.append(_details("Every check", _table(
            "Every check", ["Check", "Severity", "Result", "Rule"],
            [[f"{c.table}.{c.rule}", c.severity,
              "crashed" if c.crashed else ("passed" if c.passed else "failed"), c.description]
             for c in checks], numeric=())))
    parts.append("<h3>Quarantine</h3>")
    if data.quarantine:
        parts.append("<p>Documents and rows kept out of the clean tables, with the reason "
                     "(table <code>quarantine</code>): nothing read is dropped silently.</p>")
        parts.append(_table("Quarantine by stage and reason",
                            ["Reason", "Stage", "Rows", "Documents", "Example message"],
                            [[q.rule, q.stage, q.rows, q.documents, q.example] for q in data.quarantine],
                            numeric=(2, 3)))
    else:
        parts.append("<p>Nothing was quarantined.</p>")
    parts.append("</section>")
    return "".join(parts)


def _link(link: Link, label: str | None = None) -> str:
    size = f' <span class="muted">({_size(link.size)})</span>' if link.size is not None else ""
    return f'<li><a href="{_e(link.href)}">{_e(label or link.label)}</a>{size}</li>'


def _downloads(data: CardData) -> str:
    by_table: dict[str, list[Link]] = defaultdict(list)
    others, metrics = [], []
    for link in data.links:
        parts = link.href.split("/")
        if len(parts) > 2 and parts[0] == "tables":
            by_table[parts[1]].append(link)
        elif parts[0] == "metrics":
            metrics.append(link)
        else:
            others.append(link)
    out = ['<section id="downloads"><h2>Downloads</h2>']
    if others:
        out.append(f'<ul class="files">{"".join(_link(o) for o in others)}</ul>')
    if metrics:
        out.append("<p>Metrics, precomputed as Parquet (the same as the views of the same name):</p>"
                   + _details(f"{len(metrics)} metric files, {_size(sum(m.size or 0 for m in metrics))}",
                              f'<ul class="files">{"".join(_link(m, m.label.removeprefix("metrics/")) for m in metrics)}</ul>'))
    rows = []
    for table in data.tables:
        files = by_table.get(table.name, [])
        total = sum(f.size or 0 for f in files)
        listing = (_details(f"{len(files)} Parquet file{'s' if len(files) != 1 else ''}, "
                            f"{_size(total)}",
                            f'<ul class="files">{"".join(_link(f, f.label.removeprefix("tables/")) for f in files)}</ul>')
                   if files else "")
        columns = _details(f"{len(table.columns)} columns", _table(
            f"Columns of {table.name}", ["Column", "Type", "Meaning"],
            [[name, dtype, description] for name, dtype, description in table.columns], numeric=()))
        rows.append(f'<li><h3><code>{_e(table.name)}</code> <span class="muted">'
                    f"{_int(table.rows)} rows</span></h3><p>{_prose(table.description)}</p>"
                    f"{columns}{listing}</li>")
    out.append("<p>The tables as zstd-compressed Parquet, partitioned by <code>source=</code> and "
               "<code>year=</code> where a table has them; every column is described below.</p>")
    out.append(f'<ul class="tables">{"".join(rows)}</ul></section>')
    return "".join(out)


def _query(data: CardData) -> str:
    ranked = sorted({r.key for r in data.target_countries},
                    key=lambda c: (-sum(r.count for r in data.target_countries if r.key == c), c))
    example = ranked[0] if ranked and ranked[0].isalpha() and len(ranked[0]) == 2 else "UA"
    items = []
    for i, s in enumerate(snippets(example)):
        items.append(
            f'<div class="snippet"><div class="snippet-head"><h3>{_e(s.title)}</h3>'
            f'<button type="button" class="copy" data-target="snippet-{i}" hidden>Copy</button>'
            f'<span class="copied" role="status"></span></div>'
            f'<pre><code id="snippet-{i}" class="language-{_e(s.language)}">{_e(s.code)}</code></pre></div>')
    return ('<section id="query"><h2>Query it</h2><p>Download <code>hemicycle.duckdb</code>: it holds '
            "every table, metric and macro, and opens with DuckDB by its path from any folder. "
            "The Parquet files under <code>tables/</code> and <code>metrics/</code> hold the same "
            "rows for pandas, pyarrow, polars, Spark or R (read a table's folder). Then copy one "
            "of these.</p>"
            + "".join(items) + "</section>")





def _inline(name: str) -> str:
    return resources.files("hemicycle.publish").joinpath(name).read_text(encoding="utf-8")


def render_card(data: CardData) -> str:
    """The whole page for ``data``: a pure function of it."""
    title = f"{DATASET_NAME}{' ' + data.version if data.version else ''}: data card"
    generated = f" Generated {_e(data.generated)}." if data.generated else ""
    body = "".join([_coverage(data), _groups(data), _countries(data), _people(data), _pairs(data), _targets(data),
                    _stances(data), _quality(data), _downloads(data), _query(data)])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="What the {_e(DATASET_NAME)} dataset holds: coverage, groups, countries, quality, downloads.">
<title>{_e(title)}</title>
<link rel="icon" href="data:,">
<style>
{_inline("card.css")}</style>
</head>
<body>
{_header(data)}
{_nav()}
<main>
{body}
</main>
<footer><p>{_e(DATASET_NAME)}{_e(' ' + data.version) if data.version else ''}. The documents belong
to their publishers (Council of Europe, European Parliament); the derived data is published for
research and journalism. This page works offline: everything it shows is in this file.{generated}</p></footer>
<script>
{_inline("card.js")}</script>
</body>
</html>
"""


def write_data_card(folder: Path, db_path: Path, validation_path: Path,
                    links: list[tuple[str, str]] | None = None, version: str | None = None,
                    generated: str | None = None) -> Path:
    """Write ``folder/index.html`` for the database and report given; returns its path.

    ``links`` are (label, path relative to ``folder``); only files that exist inside the
    folder are listed. Without ``links`` every known file and Parquet table in the folder is.
    """
    from hemicycle.publish.duck import connect

    con = connect(db_path)
    try:
        data = gather(con, validation_path, folder, links=links, version=version,
                      generated=generated)
    finally:
        con.close()
    path = folder / CARD_NAME
    atomic_write_bytes(path, render_card(data).encode("utf-8"))
    return path


def release_card(root: Path, version: str, date: str, pending: tuple[str, ...]) -> bytes:
    """The card of a staged release; ``pending`` names the files written after it."""
    from hemicycle.publish.duck import connect

    con = connect(root / "hemicycle.duckdb")
    try:
        data = gather(con, root / "validation.json", root, version=version, generated=date,
                      pending=pending)
    finally:
        con.close()
    return render_card(data).encode("utf-8")
