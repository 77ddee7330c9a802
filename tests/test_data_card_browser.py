"""The data card in a real browser: Debian's Chromium, headless, over a loopback HTTP server.

Chromium comes from the system packages (``make test`` installs it when it can, see
scripts/ensure-chromium.sh); playwright only drives it and never downloads a browser.
Expected chart contents are computed here with SQL of their own, not read from the card.
"""

from __future__ import annotations

import functools
import http.server
import itertools
import os
import threading
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pytest

from hemicycle.publish.duck import connect

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

CHROMIUM = Path(os.environ.get("HEMICYCLE_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "data" / "out" / "test-artifacts"
PHONE: ViewportSize = {"width": 375, "height": 812}


@pytest.fixture(scope="module")
def served(pipeline_out: Path) -> Iterator[str]:
    """The card's folder over HTTP on 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(pipeline_out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium with a fresh temporary profile of its own, closed after the module."""
    if not CHROMIUM.exists():
        message = (f"{CHROMIUM} not found: run `make test` as root (scripts/ensure-chromium.sh "
                   "installs Debian's chromium) or `apt-get install chromium`")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def loaded(browser: Browser, served: str) -> Iterator[tuple[Page, list[str], list[str]]]:
    """The card, loaded once at desktop width, with every problem the browser reported."""
    problems: list[str] = []
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} {r.failure}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400 else None)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(served + "index.html", wait_until="load")
    yield page, problems, requested
    page.close()


def _marks(page: Page, chart_id: str) -> list[dict[str, Any]]:
    """Each mark of a chart with its data and its drawn size (from the layout engine)."""
    marks: list[dict[str, Any]] = page.eval_on_selector_all(f"#{chart_id} .mark", """marks => marks.map(m => {
        const box = m.getBBox();
        return {series: m.dataset.series, category: m.dataset.category,
                value: Number(m.dataset.value), x: box.x, y: box.y,
                width: box.width, height: box.height};
    })""")
    return marks


def _assert_proportional_and_stacked(marks: list[dict[str, Any]], length: str, start: str) -> None:
    """Bar lengths are proportional to values; a category's segments touch and never overlap."""
    longest = max(marks, key=lambda m: m[length])
    scale = longest[length] / longest["value"]
    assert all(abs(m[length] - m["value"] * scale) < 0.05 for m in marks)
    for category in {m["category"] for m in marks}:
        stack = sorted((m[start], m[start] + m[length]) for m in marks if m["category"] == category)
        for (_, end), (begin, _) in itertools.pairwise(stack):
            assert abs(begin - end) < 0.05, (category, stack)


def _query(pipeline_out: Path, sql: str) -> list[tuple[Any, ...]]:
    con = connect(pipeline_out / "hemicycle.duckdb")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_page_loads_offline_without_errors(loaded: tuple[Page, list[str], list[str]], served: str) -> None:
    page, problems, requested = loaded
    assert problems == []
    assert page.title().startswith("hemicycle")
    assert all(url.startswith((served, "data:")) for url in requested), requested
    assert len(requested) == 1  # the page itself: no style sheet, font, script or image to fetch


def test_every_chart_is_drawn_with_the_numbers_of_the_data(loaded: tuple[Page, list[str], list[str]],
                                                           pipeline_out: Path) -> None:
    page, _, _ = loaded
    charts = page.eval_on_selector_all("svg.chart", "svgs => svgs.map(s => s.id)")
    assert sorted(charts) == sorted(["chart-coverage", "chart-groups-ep", "chart-groups-pace",
                                     "chart-countries", "chart-ep-countries", "chart-pairs", "chart-targets"])
    for chart in charts:
        marks = _marks(page, chart)
        assert marks, chart
        assert all(m["width"] > 0 and m["height"] > 0 and m["value"] > 0 for m in marks), chart

    for chart in ("chart-coverage", "chart-groups-ep", "chart-groups-pace"):
        _assert_proportional_and_stacked(_marks(page, chart), "height", "y")
    for chart in ("chart-pairs", "chart-targets", "chart-ep-countries"):
        _assert_proportional_and_stacked(_marks(page, chart), "width", "x")

    # EP signatures by the country members represented, split by where the country comes from
    marks = _marks(page, "chart-ep-countries")
    expected = _query(pipeline_out, "select coalesce(country_source, 'printed'), country_code, count(*) "
                                    "from signatories where source = 'ep' and kind = 'person' "
                                    "and country_code is not null group by all")
    assert sorted((m["series"], m["category"], m["value"]) for m in marks) == sorted(expected)

    # coverage: one segment per (assembly, year), statements per year
    marks = _marks(page, "chart-coverage")
    expected = _query(pipeline_out, "select source, year::varchar, count(*) from statements "
                                    "where year is not null group by all")
    assert sorted((m["series"], m["category"], m["value"]) for m in marks) == sorted(expected)

    # groups: every year's column adds up to that year's signatures; the largest groups
    # have a colour of their own and their segments add up to their signatures
    for source in ("ep", "pace"):
        marks = _marks(page, f"chart-groups-{source}")
        per_year: Counter[str] = Counter()
        per_series: Counter[str] = Counter()
        for m in marks:
            per_year[m["category"]] += m["value"]
            per_series[m["series"]] += m["value"]
        expected_years = _query(pipeline_out, f"select year::varchar, count(*) from signatories "
                                              f"where source = '{source}' and kind = 'person' "
                                              f"and year is not null group by all")
        assert dict(per_year) == dict(expected_years)
        largest = _query(pipeline_out, f"select group_id, count(*) from signatories where "
                                       f"source = '{source}' and kind = 'person' and year is not null "
                                       f"and group_id is not null group by all order by 2 desc, 1 limit 5")
        for group_id, signatures in largest:
            assert per_series[group_id] == signatures, (source, group_id)

    # countries: one cell per (country, year) among the 15 countries with most signatures
    marks = _marks(page, "chart-countries")
    top = [r[0] for r in _query(pipeline_out, "select country_code from signatories where kind = "
                                             "'person' and country_code is not null and year is not null "
                                             "group by all order by count(*) desc, 1 limit 15")]
    cells = _query(pipeline_out, "select country_code, year::varchar, count(*) from signatories "
                                 "where kind = 'person' and year is not null and country_code in ("
                                 + ", ".join(f"'{c}'" for c in top) + ") group by all")
    assert sorted((m["series"], m["category"], m["value"]) for m in marks) == sorted(cells)

    # co-signing pairs: the ten pairs of groups sharing most statements
    pairs = _query(pipeline_out, """
        select s.source || ':' || a || '+' || b, count(distinct s.statement_id) as n
        from (select statement_id, source, list_sort(list(distinct group_code)) as groups
              from signatories where group_code is not null group by all) s,
             unnest(s.groups) as x(a), unnest(s.groups) as y(b)
        where a < b group by all order by n desc, 1 limit 10""")
    marks = _marks(page, "chart-pairs")
    assert [(m["category"], m["value"]) for m in marks] == pairs

    # subjects: statements per state named, split by assembly
    marks = _marks(page, "chart-targets")
    totals: defaultdict[str, int] = defaultdict(int)
    for m in marks:
        totals[m["category"]] += m["value"]
    expected = _query(pipeline_out, "select country_code, count(distinct statement_id) from "
                                    "statement_countries group by all order by 2 desc, 1 limit 20")
    assert sorted(totals.items()) == sorted(expected)


def test_every_link_resolves_inside_the_folder(loaded: tuple[Page, list[str], list[str]], served: str,
                                               pipeline_out: Path) -> None:
    page, _, _ = loaded
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    ids = set(page.eval_on_selector_all("[id]", "nodes => nodes.map(n => n.id)"))
    files = 0
    for url in hrefs:
        target = urlsplit(url)
        if target.fragment and url.startswith(served + "index.html#"):
            assert target.fragment in ids, url
            continue
        assert url.startswith(served), url
        response = page.request.head(url)
        assert response.status == 200, url
        local = pipeline_out / unquote(target.path).lstrip("/")
        assert local.is_file() and local.resolve().is_relative_to(pipeline_out.resolve()), url
        files += 1
    parquet = [p for p in pipeline_out.glob("tables/*/**/*.parquet")
               if not p.relative_to(pipeline_out / "tables").parts[0].startswith(".")]
    assert files == len(parquet) + 2  # every table file, the database and validation.json


def test_accessible_basics(loaded: tuple[Page, list[str], list[str]]) -> None:
    page, _, _ = loaded
    report = page.evaluate("""() => {
        const problems = [];
        for (const svg of document.querySelectorAll('svg')) {
            if (svg.getAttribute('aria-hidden') === 'true') continue;
            const title = svg.querySelector(':scope > title');
            const labelled = (svg.getAttribute('aria-labelledby') || '').split(' ')
                .every(id => id && document.getElementById(id));
            if (svg.getAttribute('role') !== 'img' || !title || !title.textContent.trim() || !labelled)
                problems.push('svg without role/title: ' + svg.id);
        }
        for (const img of document.querySelectorAll('img:not([alt])')) problems.push('img without alt');
        for (const table of document.querySelectorAll('table'))
            if (!table.querySelector('caption')) problems.push('table without caption');
        for (const button of document.querySelectorAll('button'))
            if (!button.textContent.trim()) problems.push('button without text');
        if (!document.documentElement.lang) problems.push('no lang');
        if (document.querySelectorAll('h1').length !== 1) problems.push('not one h1');
        let level = 1;
        for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
            const next = Number(h.tagName[1]);
            if (next > level + 1) problems.push('heading skips a level: ' + h.textContent);
            level = next;
        }
        return problems;
    }""")
    assert report == []


def test_text_contrast_is_at_least_aa(loaded: tuple[Page, list[str], list[str]]) -> None:
    page, _, _ = loaded
    low = page.evaluate("""() => {
        const rgb = s => s.match(/[\\d.]+/g).map(Number);
        const lum = ([r, g, b]) => {
            const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
            return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        const background = el => {
            for (; el; el = el.parentElement) {
                const c = getComputedStyle(el).backgroundColor;
                if (rgb(c).length === 3 || rgb(c)[3] > 0) return rgb(c).slice(0, 3);
            }
            return [255, 255, 255];
        };
        const low = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            if (!node.textContent.trim() || el.closest('svg, script, [hidden]')) continue;
            const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
            const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            if (ratio < 4.5) low.push(el.tagName + ' ' + ratio.toFixed(2) + ' ' + node.textContent.slice(0, 30));
        }
        return low;
    }""")
    assert low == []


def test_copy_button_copies_the_snippet(browser: Browser, served: str) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.rstrip("/"))
    page = context.new_page()
    try:
        page.goto(served + "index.html#query")
        button = page.locator("button.copy").nth(1)
        assert button.is_visible()
        button.click()
        page.wait_for_function("document.querySelectorAll('.copied')[1].textContent !== ''")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator("#snippet-1").text_content() and "FROM statements" in copied
    finally:
        context.close()


def test_fits_a_phone_and_screenshots_for_review(browser: Browser, served: str,
                                                 loaded: tuple[Page, list[str], list[str]]) -> None:
    page, _, _ = loaded
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "data-card.png"), full_page=True)
    phone = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        phone.goto(served + "index.html")
        width = "document.documentElement.scrollWidth"
        assert phone.evaluate(width) <= PHONE["width"]
        phone.screenshot(path=str(ARTIFACTS / "data-card-phone.png"), full_page=True)
        phone.eval_on_selector_all("details", "all => all.forEach(d => d.open = true)")
        assert phone.evaluate(width) <= PHONE["width"]  # wide tables scroll inside their box
        widest = phone.eval_on_selector_all(
            "svg.chart", "svgs => Math.max(...svgs.map(s => s.getBoundingClientRect().right))")
        assert widest <= PHONE["width"]
    finally:
        phone.close()
    assert (ARTIFACTS / "data-card.png").stat().st_size > 50_000
