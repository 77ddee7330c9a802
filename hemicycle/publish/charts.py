"""Charts as inline SVG strings: no script, no font, no network when the page is viewed.

Every chart is an ``<svg role="img">`` named by its own ``<title>`` and ``<desc>``, scales
with its container (``viewBox``, no fixed size), and draws each datum as one
``<rect class="mark">`` carrying ``data-series``, ``data-category`` and ``data-value``
plus a ``<title>`` tooltip, so the numbers can be read back and checked. Colours are
the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies; the
heat map uses a light-to-dark single-hue scale, readable by lightness alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

# Okabe & Ito (2008), "Color Universal Design": https://jfly.uni-koeln.de/color/
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442")
OTHER_COLOUR = "#7A7A7A"  # "other" buckets: a grey unlike any palette hue
NONE_COLOUR = "#D4D4D4"  # "not recorded": lighter still
# ColorBrewer "Blues" (Brewer, Harrower), its five darkest of nine classes: sequential,
# colour-blind safe, and the lightest class still stands out from an empty (white) cell.
BLUES = ("#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C")
EMPTY_CELL = "#FFFFFF"
CELL_LINE = "#E4E4E4"

WIDTH = 400  # viewBox units; CSS scales the chart to its column (about 0.85 on a phone)
FONT = 13
INK = "#222222"
GRID = "#D9D9D9"


@dataclass(frozen=True, slots=True)
class Series:
    key: str
    label: str
    colour: str


def _a(value: object) -> str:
    return escape(str(value), quote=True)


def _n(value: float) -> str:
    """Coordinates with at most two decimals, without trailing zeros: compact and stable."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _segment(start: float, length: float) -> tuple[float, float]:
    """(position, length) rounded so that consecutive segments share their edge exactly."""
    first, last = round(start, 2), round(start + length, 2)
    return first, last - first


def nice_ceiling(maximum: int, ticks: int = 4) -> tuple[int, int]:
    """(axis top, step): a 1-2-5 step giving about ``ticks`` gridlines above zero."""
    if maximum <= 0:
        return 1, 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(1, int(step))
    return step * math.ceil(maximum / step), step


def label_stride(count: int, most: int = 8) -> int:
    """Label every n-th category so that at most ``most`` labels share an axis."""
    return next(s for s in (1, 2, 5, 10, 20, 50, 100, count or 1) if count / s <= most)


def labelled(categories: list[str], most: int = 8) -> set[int]:
    """Indexes of the categories to label: round years (2010, 2015…) when they are years."""
    stride = label_stride(len(categories), most)
    if all(c.isdigit() for c in categories):
        return {i for i, c in enumerate(categories) if int(c) % stride == 0}
    return set(range(0, len(categories), stride))


def text_width(text: str) -> float:
    """Rough width of ``text`` at the chart font size (average glyph of a sans-serif)."""
    return len(text) * FONT * 0.58


def _open(chart_id: str, title: str, desc: str, height: float) -> list[str]:
    return [
        f'<svg class="chart" id="{_a(chart_id)}" role="img" viewBox="0 0 {WIDTH} {_n(height)}" '
        f'aria-labelledby="{_a(chart_id)}-t {_a(chart_id)}-d" font-size="{FONT}" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{_a(chart_id)}-t">{escape(title)}</title>',
        f'<desc id="{_a(chart_id)}-d">{escape(desc)}</desc>',
    ]


def _mark(x: float, y: float, w: float, h: float, series: Series, category: str,
          value: int, tip: str) -> str:
    return (f'<rect class="mark" x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" '
            f'fill="{series.colour}" data-series="{_a(series.key)}" '
            f'data-category="{_a(category)}" data-value="{value}">'
            f'<title>{escape(tip)}</title></rect>')


def stacked_columns(chart_id: str, title: str, desc: str, categories: list[str],
                    series: list[Series], values: dict[tuple[str, str], int]) -> str:
    """One column per category (years, left to right), stacked by series (first at the bottom)."""
    left, right, top, bottom, plot_h = 40, 6, 10, 24, 190
    plot_w = WIDTH - left - right
    totals = {c: sum(values.get((s.key, c), 0) for s in series) for c in categories}
    axis_top, step = nice_ceiling(max(totals.values(), default=0))
    scale = plot_h / axis_top
    slot = plot_w / max(len(categories), 1)
    bar_w = max(slot * 0.78, 1.0)
    out = _open(chart_id, title, desc, top + plot_h + bottom)
    out.append('<g class="axis" aria-hidden="true">')
    for tick in range(0, axis_top + 1, step):
        y = top + plot_h - tick * scale
        out.append(f'<line x1="{left}" x2="{WIDTH - right}" y1="{_n(y)}" y2="{_n(y)}" '
                   f'stroke="{GRID}" stroke-width="1"/>')
        out.append(f'<text x="{left - 5}" y="{_n(y + 4)}" text-anchor="end" fill="{INK}">'
                   f'{tick}</text>')
    shown = labelled(categories)
    for i, category in enumerate(categories):
        if i in shown:
            x = left + slot * (i + 0.5)
            out.append(f'<text x="{_n(x)}" y="{top + plot_h + 17}" text-anchor="middle" '
                       f'fill="{INK}">{escape(category)}</text>')
    out.append("</g>")
    out.append('<g class="marks">')
    for i, category in enumerate(categories):
        x = left + slot * i + (slot - bar_w) / 2
        base: float = top + plot_h
        for s in series:
            value = values.get((s.key, category), 0)
            if value <= 0:
                continue
            h = value * scale
            base -= h
            y, h = _segment(base, h)
            out.append(_mark(x, y, bar_w, h, s, category, value,
                             f"{category}, {s.label}: {value}"))
    out.append("</g>")
    out.append(f'<line x1="{left}" x2="{WIDTH - right}" y1="{top + plot_h}" y2="{top + plot_h}" '
               f'stroke="{INK}" stroke-width="1" aria-hidden="true"/>')
    out.append("</svg>")
    return "\n".join(out)


def stacked_bars(chart_id: str, title: str, desc: str, rows: list[tuple[str, str]],
                 series: list[Series], values: dict[tuple[str, str], int]) -> str:
    """One horizontal bar per row ``(key, label)``, top to bottom, stacked by series."""
    label_w = min(max((text_width(label) for _, label in rows), default=0) + 10, WIDTH / 2)
    right, top, row_h, bar_h = 40, 4, 24, 16
    plot_w = WIDTH - label_w - right
    totals = {key: sum(values.get((s.key, key), 0) for s in series) for key, _ in rows}
    scale = plot_w / max(max(totals.values(), default=0), 1)
    out = _open(chart_id, title, desc, top * 2 + row_h * len(rows))
    for i, (key, label) in enumerate(rows):
        y = top + row_h * i
        text_y = _n(y + row_h / 2 + 4)
        out.append(f'<text x="{_n(label_w - 6)}" y="{text_y}" text-anchor="end" fill="{INK}" '
                   f'aria-hidden="true">{escape(label)}</text>')
        x = label_w
        for s in series:
            value = values.get((s.key, key), 0)
            if value <= 0:
                continue
            start, w = _segment(x, value * scale)
            out.append(_mark(start, y + (row_h - bar_h) / 2, w, bar_h, s, key, value,
                             f"{label}, {s.label}: {value}"))
            x += value * scale
        out.append(f'<text x="{_n(x + 4)}" y="{text_y}" fill="{INK}" aria-hidden="true">'
                   f'{totals[key]}</text>')
    out.append(f'<line x1="{_n(label_w)}" x2="{_n(label_w)}" y1="{top}" '
               f'y2="{top + row_h * len(rows)}" stroke="{INK}" stroke-width="1" aria-hidden="true"/>')
    out.append("</svg>")
    return "\n".join(out)


def colour_bins(maximum: int, classes: int = len(BLUES)) -> list[tuple[int, int]]:
    """Inclusive value ranges, one per colour class, covering 1..maximum."""
    if maximum <= classes:
        return [(v, v) for v in range(1, max(maximum, 1) + 1)]
    edges = [round(maximum * k / classes) for k in range(classes + 1)]
    return [(edges[k] + 1, edges[k + 1]) for k in range(classes)]


def bin_colour(value: int, bins: list[tuple[int, int]]) -> str:
    palette = BLUES[len(BLUES) - len(bins):] if len(bins) < len(BLUES) else BLUES
    for (low, high), colour in zip(bins, palette, strict=False):  # more bins than colours: the last repeats
        if low <= value <= high:
            return colour
    return palette[-1]


def heatmap(chart_id: str, title: str, desc: str, rows: list[tuple[str, str]],
            columns: list[str], values: dict[tuple[str, str], int],
            bins: list[tuple[int, int]]) -> str:
    """Rows ``(key, label)`` by columns (years); a cell's shade is its value's bin."""
    label_w, right, top, bottom, row_h = 36, 6, 4, 22, 18
    cell_w = (WIDTH - label_w - right) / max(len(columns), 1)
    height = top + row_h * len(rows) + bottom
    out = _open(chart_id, title, desc, height)
    shown = labelled(columns)
    out.append('<g class="axis" aria-hidden="true">')
    for i, (_, label) in enumerate(rows):
        out.append(f'<text x="{label_w - 5}" y="{_n(top + row_h * i + row_h / 2 + 4)}" '
                   f'text-anchor="end" fill="{INK}">{escape(label)}</text>')
    for j, column in enumerate(columns):
        if j in shown:
            out.append(f'<text x="{_n(label_w + cell_w * (j + 0.5))}" '
                       f'y="{_n(top + row_h * len(rows) + 16)}" text-anchor="middle" '
                       f'fill="{INK}">{escape(column)}</text>')
    out.append(f'<rect x="{label_w}" y="{top}" width="{_n(cell_w * len(columns))}" '
               f'height="{row_h * len(rows)}" fill="{EMPTY_CELL}" stroke="{CELL_LINE}"/>')
    for j in range(1, len(columns)):
        x = _n(label_w + cell_w * j)
        out.append(f'<line x1="{x}" x2="{x}" y1="{top}" y2="{top + row_h * len(rows)}" '
                   f'stroke="{CELL_LINE}"/>')
    for i in range(1, len(rows)):
        y = top + row_h * i
        out.append(f'<line x1="{label_w}" x2="{_n(WIDTH - right)}" y1="{y}" y2="{y}" '
                   f'stroke="{CELL_LINE}"/>')
    out.append("</g>")
    out.append('<g class="marks">')
    for i, (key, label) in enumerate(rows):
        for j, column in enumerate(columns):
            value = values.get((key, column), 0)
            if value <= 0:
                continue
            shade = Series(key, label, bin_colour(value, bins))
            out.append(_mark(label_w + cell_w * j + 0.5, top + row_h * i + 0.5, cell_w - 1,
                             row_h - 1, shade, column, value, f"{label}, {column}: {value}"))
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def swatch(colour: str) -> str:
    """A small square for an HTML legend (decorative: the label says what it is)."""
    return (f'<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">'
            f'<rect width="10" height="10" fill="{colour}" stroke="#555" stroke-width="0.6"/></svg>')
