"""The data card: one static ``index.html`` that shows what a folder of hemicycle data holds.

``render_card`` turns a :class:`CardData` into HTML and nothing else: this module computes
what each section shows (rows, captions, inline SVG charts), the Jinja2 templates beside it
(``templates/``) lay it out, escaping every value (autoescape). ``write_data_card`` reads a
DuckDB database and validation.json and writes the page atomically. The page needs no
network: charts are inline SVG, styles are inline, the only script is the copy button of
the query snippets. Nothing in the page depends on the clock unless the caller passes
``generated``, so the same data gives the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

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


# --------------------------------------------------------------------------- formatting
def _e(value: object) -> Markup:
    """``value`` escaped as the page always escaped it (``&quot;``, ``&#x27;``): the
    templates' finalizer, so the same data keeps the same bytes."""
    if isinstance(value, Markup):
        return value
    return Markup(escape(str(value), quote=True))


def _int(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")  # thin no-break space: 1 234, any locale


def _size(n: float | None) -> str:
    if n is None:
        return ""
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return ""


def _prose(text: str) -> Markup:
    """Escaped text whose `backticked` words become code, as the schema writes them."""
    parts = escape(text).split("`")
    return Markup("".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts)))


class TableView(NamedTuple):
    """A data table: its first column heads each row; ``numeric`` columns align right."""

    caption: str
    head: list[str]
    rows: list[list[Any]]
    numeric: tuple[int, ...]


def _table(caption: str, head: list[str], rows: list[list[Any]],
           numeric: tuple[int, ...] | None = None) -> TableView:
    """``numeric`` defaults to every column but the first."""
    return TableView(caption, head, rows, tuple(range(1, len(head))) if numeric is None else numeric)


def _short(label: str, most: int = 26) -> str:
    return label if len(label) <= most else label[:most - 1].rstrip() + "…"


def _span(years: list[int]) -> list[str]:
    return [str(y) for y in range(min(years), max(years) + 1)] if years else []


def _svg(svg: str) -> Markup:
    """A chart drawn by hemicycle.publish.charts, which escapes its own text."""
    return Markup(svg)


def source_series(data: CardData) -> list[Series]:
    codes = sorted({r.source for r in data.statements_by_year} | set(data.sources))
    return [Series(code, code.upper(), OKABE_ITO[i % len(OKABE_ITO)]) for i, code in enumerate(codes)]


# --------------------------------------------------------------------------- sections
def _header(data: CardData) -> dict[str, Any]:
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
    return {"version": data.version, "dataset": DATASET_NAME, "figures": figures,
            "sources": sorted(data.sources.items())}


NAV = (("coverage", "Coverage"), ("groups", "Groups"), ("countries", "Countries"),
       ("people", "People"), ("pairs", "Co-signing"), ("targets", "Subjects"),
       ("stances", "Who praises whom"), ("quality", "Quality"),
       ("downloads", "Downloads"), ("query", "Query"))


def _coverage(data: CardData) -> dict[str, Any]:
    series = source_series(data)
    dated = [r for r in data.statements_by_year if r.key is not None]
    years = _span([int(str(r.key)) for r in dated])
    values = {(r.source, r.key): r.count for r in dated if r.key is not None}
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
    return {"total": data.total_statements, "series": series, "chart": _svg(chart), "caption": caption,
            "table": table, "types": types}


def group_series(data: CardData, source: str) -> tuple[list[Series], dict[str | None, str], dict[str, str]]:
    """Colours for one assembly's group lineages: the largest get a hue, the rest share grey."""
    lineages = [g for g in data.lineages if g.source == source]
    series: list[Series] = []
    bucket: dict[str | None, str] = {}
    names: dict[str, str] = {}
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


def _groups(data: CardData) -> list[dict[str, Any]]:
    out = []
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
        out.append({"name": data.sources.get(source, label), "label": label, "chart": _svg(chart),
                    "series": series, "names": names, "table": table,
                    "caption": f"{label} signatures per year, by political group."})
    return out


def _countries(data: CardData) -> dict[str, Any]:
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
    view: dict[str, Any] = {"shown": len(shown), "coverage": coverage, "chart": None}
    if not shown:
        return view
    bins = charts.colour_bins(max(values[k] for k in values if k[0] in shown))
    chart = charts.heatmap(
        "chart-countries", "Signatures per year by the signer's country",
        f"Heat map: one row per country ({', '.join(shown)}), one column per year from "
        f"{years[0]} to {years[-1]}; a darker cell means more signatures.",
        [(c, c) for c in shown], years, values, bins)
    legend_series = [Series(f"{lo}-{hi}", f"{lo}" if lo == hi else f"{lo}–{hi}",
                            charts.bin_colour(lo, bins)) for lo, hi in bins]
    active = [y for y in years if any((c, y) in values for c in ranked)]
    table = _table("Signatures per country and year (every country)",
                   ["Country", "Total", *active],
                   [[f"{c} {data.country_names.get(c, '')}".strip(), totals[c],
                     *[values.get((c, y), 0) or "" for y in active]] for c in ranked])
    caption = (f"Signatures per year for the top {len(shown)} of {len(ranked)} countries; "
               f"the table lists all of them.")
    return view | {"chart": _svg(chart), "legend": legend_series, "caption": caption, "table": table}


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


def _people(data: CardData) -> dict[str, Any]:
    """Who the signatories are: the EP's signatures by the country members represented, and
    how each assembly's signatures were attributed to members."""
    view: dict[str, Any] = {"chart": None, "series": list(ROSTER_SERIES), "notes": [], "methods": None}
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
        view["chart"] = _svg(charts.stacked_bars(
            "chart-ep-countries", "European Parliament: signatures by the country members represented",
            f"Horizontal bars for the {len(ranked)} countries of the members who signed, most signatures "
            "first, split by where the country comes from: printed, or from the roster.",
            rows, list(ROSTER_SERIES), values))
        view["table"] = _table("European Parliament signatures by country",
                               ["Country", *[s.label for s in ROSTER_SERIES], "Total"],
                               [[f"{c} {data.country_names.get(c, '')}".strip(),
                                 *[values.get((s.key, c), 0) for s in ROSTER_SERIES], totals[c]] for c in ranked])
        with_country = sum(totals.values())
        view["caption"] = (f"{_int(with_country)} of {_int(signed)} EP signatures of members carry a country "
                           f"({with_country / signed:.0%})." if signed else "EP signatures by country.")
    if data.resolution:
        rows_: list[list[Any]] = []
        for source in sorted({r.source for r in data.resolution}):
            mine = [r for r in data.resolution if r.source == source]
            total = sum(r.signatures for r in mine)
            resolved = sum(r.signatures for r in mine if r.method != "unresolved")
            if total:
                view["notes"].append({"source": source.upper(), "total": total, "resolved": resolved,
                                      "by_roster": any(r.method in ROSTER_METHODS for r in mine),
                                      "share": f"{resolved / total:.1%}"})
            rows_ += [[f"{source.upper()} {r.method}" + (f" ({r.reason})" if r.reason else ""),
                       METHOD_WORDS.get(r.method, ""), r.signatures, f"{r.signatures / total:.1%}"]
                      for r in mine]
        view["methods"] = _table("How signatures were attributed, per assembly and method",
                                 ["Method", "Meaning", "Signatures", "Share"], rows_, numeric=(2, 3))
    return view


def _pairs(data: CardData) -> dict[str, Any]:
    series = source_series(data)
    pairs = data.group_pairs
    if not pairs:
        return {"chart": None}
    rows = [(f"{p.source}:{p.first}+{p.second}", f"{p.first} + {p.second}") for p in pairs]
    values = {(p.source, key): p.statements for p, (key, _) in zip(pairs, rows, strict=True)}
    present = [s for s in series if any(p.source == s.key for p in pairs)]
    chart = charts.stacked_bars(
        "chart-pairs", f"Top {len(pairs)} co-signing group pairs",
        "Horizontal bars, one per pair of groups, longest first: the number of statements "
        "both groups signed; colour shows the assembly.", rows, present, values)
    table = _table("Co-signing group pairs", ["Pair", "Assembly", "Statements"],
                   [[label, p.source.upper(), p.statements] for p, (_, label) in zip(pairs, rows, strict=True)],
                   numeric=(2,))
    return {"chart": _svg(chart), "series": present, "caption": "Statements signed by both groups of a pair.",
            "table": table}


def _targets(data: CardData) -> dict[str, Any]:
    series = source_series(data)
    totals: dict[str, int] = defaultdict(int)
    for r in data.target_countries:
        totals[r.key] += r.count
    ranked = sorted(totals, key=lambda c: (-totals[c], c))
    shown = ranked[:TOP_TARGETS]
    if not shown:
        return {"chart": None}
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
    return {"chart": _svg(chart), "series": present, "caption": caption, "table": table}


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


def _stances(data: CardData) -> dict[str, Any]:
    view: dict[str, Any] = {"limits": STANCE_LIMITS, "matrix": None}
    if not data.target_stances:
        return view
    statements: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    signatures: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in data.target_stances:
        statements[r.country_code][r.stance] += r.statements
        signatures[r.country_code][r.stance] += r.signatures
    ranked = sorted(statements, key=lambda c: (-sum(statements[c].values()), c))
    total = sum(sum(v.values()) for v in statements.values())
    unknown = sum(v["unknown"] for v in statements.values())
    matrix = _table("Statements by target state and stance", ["Target state", *STANCE_ORDER, "Signatures"],
                    [[f"{c} {data.country_names.get(c, '')}".strip(),
                      *[statements[c][s] for s in STANCE_ORDER], sum(signatures[c].values())] for c in ranked])
    signers = []
    for stance in ("praise", "criticism"):
        rows = [r for r in data.stance_signers if r.stance == stance]
        if rows:
            signers.append(_table(f"Members who signed most statements of {stance}",
                                  ["Member", "Country", "Groups", "Target states", "Statements"],
                                  [[r.name, r.country_code or "", r.groups, r.targets, r.statements]
                                   for r in rows], numeric=(4,)))
    return view | {"matrix": matrix, "unknown": unknown, "total": total,
                   "unknown_share": f"{unknown / total:.0%}", "signers": signers}


def _quality(data: CardData) -> dict[str, Any]:
    checks = data.checks
    view: dict[str, Any] = {"checks": len(checks), "quarantine": None}
    if checks:
        by_severity = []
        for severity in sorted({c.severity for c in checks}):
            group = [c for c in checks if c.severity == severity]
            by_severity.append([severity, len(group), sum(c.passed for c in group),
                                sum(not c.passed for c in group), sum(c.crashed for c in group)])
        blocking = sum(1 for c in checks if c.severity == "error" and not c.passed)
        view |= {
            "verdict": ("Every blocking check passed." if not blocking
                        else f"{blocking} blocking check{'s' if blocking != 1 else ''} failed."),
            "by_severity": _table("Checks by severity", ["Severity", "Checks", "Passed", "Failed", "Crashed"],
                                  by_severity),
            "failed": [c for c in checks if not c.passed],
            "every": _table("Every check", ["Check", "Severity", "Result", "Rule"],
                            [[f"{c.table}.{c.rule}", c.severity,
                              "crashed" if c.crashed else ("passed" if c.passed else "failed"), c.description]
                             for c in checks], numeric=()),
        }
    if data.quarantine:
        view["quarantine"] = _table("Quarantine by stage and reason",
                                    ["Reason", "Stage", "Rows", "Documents", "Example message"],
                                    [[q.rule, q.stage, q.rows, q.documents, q.example] for q in data.quarantine],
                                    numeric=(2, 3))
    return view


def _downloads(data: CardData) -> dict[str, Any]:
    by_table: dict[str, list[Link]] = defaultdict(list)
    others: list[Link] = []
    metrics: list[Link] = []
    for link in data.links:
        parts = link.href.split("/")
        if len(parts) > 2 and parts[0] == "tables":
            by_table[parts[1]].append(link)
        elif parts[0] == "metrics":
            metrics.append(link)
        else:
            others.append(link)
    tables = []
    for table in data.tables:
        files = by_table.get(table.name, [])
        tables.append({
            "name": table.name, "rows": table.rows, "description": table.description, "files": files,
            "files_summary": f"{len(files)} Parquet file{'s' if len(files) != 1 else ''}, "
                             f"{_size(sum(f.size or 0 for f in files))}",
            "columns_summary": f"{len(table.columns)} columns",
            "columns": _table(f"Columns of {table.name}", ["Column", "Type", "Meaning"],
                              [[name, dtype, description] for name, dtype, description in table.columns],
                              numeric=()),
        })
    return {"others": others, "metrics": metrics, "tables": tables,
            "metrics_summary": f"{len(metrics)} metric files, {_size(sum(m.size or 0 for m in metrics))}"}


def _query_example(data: CardData) -> str:
    """The state most statements are about, for the snippets (UA when none is)."""
    ranked = sorted({r.key for r in data.target_countries},
                    key=lambda c: (-sum(r.count for r in data.target_countries if r.key == c), c))
    return ranked[0] if ranked and ranked[0].isalpha() and len(ranked[0]) == 2 else "UA"


# --------------------------------------------------------------------------- page
@cache
def _templates() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("hemicycle.publish", "templates"),
        autoescape=True, finalize=_e, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    environment.filters.update(thin=_int, size=_size, prose=_prose)
    environment.globals["swatch"] = lambda colour: _svg(charts.swatch(colour))
    return environment.get_template("card.html")


def _inline(name: str) -> Markup:
    return Markup(resources.files("hemicycle.publish").joinpath(name).read_text(encoding="utf-8"))


def render_card(data: CardData) -> str:
    """The whole page for ``data``: a pure function of it."""
    return _templates().render(
        dataset=DATASET_NAME, version=data.version, generated=data.generated,
        title=f"{DATASET_NAME}{' ' + data.version if data.version else ''}: data card",
        css=_inline("card.css"), js=_inline("card.js"), nav=NAV,
        header=_header(data), coverage=_coverage(data), groups=_groups(data), countries=_countries(data),
        people=_people(data), pairs=_pairs(data), targets=_targets(data), stances=_stances(data),
        quality=_quality(data), downloads=_downloads(data), snippets=snippets(_query_example(data)))


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
