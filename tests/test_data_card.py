"""The data card as HTML: built by the pipeline, reproducible, escaped, honest about files.

What a browser makes of the page is in test_data_card_browser.py.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hemicycle.publish import charts
from hemicycle.publish.card import CARD_NAME, render_card, snippets, write_data_card
from hemicycle.publish.card_data import QuarantineCount, gather
from hemicycle.publish.duck import build_database, connect


class Outline(HTMLParser):
    """Tags, links and text of a page, and whether every opened element was closed."""

    VOID = frozenset({"meta", "link", "br", "img", "input", "hr", "rect", "line", "path"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        href = attributes.get("href")
        if tag == "a" and href is not None:
            self.hrefs.append(href)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    parser.close()
    return parser


def _copy(out: Path, dest: Path) -> Path:
    """The published part of a run's folder (what a release would hold), links resolved."""
    dest.mkdir()
    for name in ("hemicycle.duckdb", "validation.json"):
        shutil.copy2(out / name, dest / name)
    for table in (out / "tables").iterdir():
        if not table.name.startswith("."):
            shutil.copytree(table.resolve(), dest / "tables" / table.name)
    return dest


def test_pipeline_writes_a_well_formed_card_that_matches_the_database(pipeline_out: Path) -> None:
    page = (pipeline_out / CARD_NAME).read_text(encoding="utf-8")
    parsed = outline(page)
    assert not parsed.errors and parsed.stack == []
    con = connect(pipeline_out / "hemicycle.duckdb")
    statements, signatures, persons = con.execute(
        "select (select count(*) from statements), (select count(*) from signatories), "
        "(select count(distinct person_id) from persons)").fetchall()[0]  # a member of both: once
    con.close()
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", page))

    def number(text: str) -> int:
        return int(text.replace("\u202f", ""))

    assert number(figures["statements"]) == statements > 50
    assert number(figures["signatures"]) == signatures > 1000
    assert number(figures["members who signed"]) == persons
    report = json.loads((pipeline_out / "validation.json").read_text())
    passed = sum(c["passed"] for c in report["checks"])
    # every check is in the card: blocking checks finish before the database and the card
    assert figures["checks passed"] == f"{passed}/{len(report['checks'])}"
    assert len(report["checks"]) >= 40
    assert page.count('<svg class="chart"') == 7
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page and "<link rel=\"stylesheet\"" not in page


def test_same_data_same_bytes_and_no_clock(pipeline_out: Path, tmp_path: Path) -> None:
    folder = _copy(pipeline_out, tmp_path / "release")
    first = write_data_card(folder, folder / "hemicycle.duckdb", folder / "validation.json",
                            version="2026.1").read_bytes()
    second = write_data_card(folder, folder / "hemicycle.duckdb", folder / "validation.json",
                             version="2026.1").read_bytes()
    assert first == second
    text = first.decode()
    assert "2026.1" in text and not re.search(r"\d{2}:\d{2}:\d{2}", text)
    dated = write_data_card(folder, folder / "hemicycle.duckdb", folder / "validation.json",
                            version="2026.1", generated="2026-02-01").read_text()
    assert "Generated 2026-02-01." in dated
    # the pipeline's card lists the same files as this copy, so the two agree byte for byte
    assert (pipeline_out / CARD_NAME).read_bytes() == write_data_card(
        folder, folder / "hemicycle.duckdb", folder / "validation.json").read_bytes()
    assert not list(folder.glob(".*.tmp"))


def test_links_only_to_files_inside_the_folder(pipeline_out: Path, tmp_path: Path) -> None:
    folder = _copy(pipeline_out, tmp_path / "release")
    (folder / "SHA256SUMS").write_text("abc  hemicycle.duckdb\n")
    (tmp_path / "secret.txt").write_text("outside")
    page = write_data_card(folder, folder / "hemicycle.duckdb", folder / "validation.json").read_text()
    hrefs = [h for h in outline(page).hrefs if not h.startswith("#")]
    parquet = sorted(p.relative_to(folder).as_posix() for p in folder.glob("tables/*/**/*.parquet"))
    assert sorted(h for h in hrefs if h.endswith(".parquet")) == parquet
    assert {"hemicycle.duckdb", "validation.json", "SHA256SUMS"} <= set(hrefs)
    assert "datapackage.json" not in hrefs and "CHANGES.md" not in hrefs  # absent: not linked
    chosen = [("Database", "hemicycle.duckdb"), ("Missing", "CHANGES.md"),
              ("Outside", "../secret.txt"), ("Absolute", str(tmp_path / "secret.txt")),
              ("Checksums", "SHA256SUMS")]
    page = write_data_card(folder, folder / "hemicycle.duckdb", folder / "validation.json",
                           links=chosen).read_text()
    assert [h for h in outline(page).hrefs if not h.startswith("#")] == ["hemicycle.duckdb", "SHA256SUMS"]
    for href in outline(page).hrefs:
        if href.startswith("#"):
            assert f'id="{href[1:]}"' in page


def test_every_string_from_the_data_is_escaped(pipeline_out: Path, tmp_path: Path) -> None:
    con = connect(pipeline_out / "hemicycle.duckdb")
    data = gather(con, pipeline_out / "validation.json", pipeline_out)
    con.close()
    hostile = '<script>alert("x")</script>'
    checks = [c._replace(passed=False, message=hostile, examples=json.dumps([hostile]))
              for c in data.checks[:2]] + data.checks[2:]
    lineages = [g._replace(codes=f"{g.codes}{hostile}", name=hostile) for g in data.lineages]
    data = dataclasses.replace(
        data, checks=checks, lineages=lineages, version=hostile, generated=hostile,
        quarantine=[QuarantineCount("parse", hostile, 1, 1, f"&amp; {hostile}")],
        country_names=dict.fromkeys(data.country_names, hostile))
    page = render_card(data)
    assert hostile not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&amp;amp; " in page  # an entity in the data is shown as typed, not decoded
    parsed = outline(page)
    assert not parsed.errors
    assert sum(1 for tag, _ in parsed.tags if tag == "script") == 1  # only the copy buttons'


def test_every_sql_snippet_runs_on_the_published_database(pipeline_out: Path) -> None:
    con = connect(pipeline_out / "hemicycle.duckdb")
    try:
        for snippet in snippets("RU"):
            if snippet.language == "sql":
                assert con.execute(snippet.code).fetchall(), snippet.title
    finally:
        con.close()


def test_card_of_an_empty_database_without_report(tmp_path: Path) -> None:
    db = build_database(tmp_path)  # no Parquet yet: every view is empty
    path = write_data_card(tmp_path, db, tmp_path / "validation.json")
    page = path.read_text()
    assert not outline(page).errors
    assert "No validation report was found" in page and "Nothing was quarantined" in page
    assert 'class="mark"' not in page
    assert [h for h in outline(page).hrefs if not h.startswith("#")] == ["hemicycle.duckdb"]


@pytest.mark.parametrize("maximum", [1, 3, 5, 6, 23, 1000])
def test_colour_bins_cover_every_value_once(maximum: int) -> None:
    bins = charts.colour_bins(maximum)
    covered = [v for low, high in bins for v in range(low, high + 1)]
    assert covered == list(range(1, maximum + 1))
    shades = [charts.bin_colour(v, bins) for v in range(1, maximum + 1)]
    assert shades == sorted(shades, key=charts.BLUES.index)  # darker never means fewer
    assert shades[-1] == charts.BLUES[-1]


def test_axis_steps_and_year_labels() -> None:
    assert charts.nice_ceiling(14) == (15, 5) and charts.nice_ceiling(182) == (200, 50)
    assert charts.nice_ceiling(0) == (1, 1) and charts.nice_ceiling(3) == (3, 1)
    years = [str(y) for y in range(2003, 2027)]
    assert [years[i] for i in sorted(charts.labelled(years))] == ["2005", "2010", "2015", "2020", "2025"]


def test_the_card_says_who_praises_whom_and_the_methods_limits(pipeline_out: Path) -> None:
    page = (pipeline_out / CARD_NAME).read_text(encoding="utf-8")
    section = page[page.index('<section id="stances">'):]
    section = section[:section.index("</section>")]
    text = " ".join("".join(outline(section).text).split())
    assert "Who praises whom" in text and "read by rules" in text and "not that they wrote or endorse" in text
    # Kazakhstan: praised by declaration No. 829 (21 signatures), criticised by the Parliament
    row = re.search(r"<th scope=\"row\">KZ Kazakhstan</th>((?:<td[^>]*>[^<]*</td>)+)", section)
    assert row is not None
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row.group(1))
    assert cells[:2] == ["1", "3"]  # praise, criticism statements
    praise = section[section.index("statements of praise"):section.index("statements of criticism")]
    assert "AKALIN Mehmet" in praise and "KZ" in praise
    assert re.search(r"\d+ of \d+ stances \(\d+%\) are <code>unknown</code>", section)
    assert '<a href="#stances">' in page
