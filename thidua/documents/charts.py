"""One chart definition, three renderings: Chart.js in the page, SVG in the PDF, PNG in Word.

A ``ChartSpec`` is data only (kind, title, category labels, series of numbers). ``to_chartjs``
turns it into a Chart.js configuration for the page; ``layout`` draws it once as shapes (bars,
lines, texts) on a fixed canvas, and ``to_svg`` and ``to_png`` write those same shapes as inline
SVG (WeasyPrint draws it in the PDF) and as a PNG image (Pillow; Word cannot show SVG). Colours,
order and numbers are the spec's in all three, so the page and the papers show the same chart.
No dependency beyond Pillow, which WeasyPrint already brings.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from thidua.core import vn

from . import fonts

PALETTE = ("#1f4e79", "#c0392b", "#e67e22", "#27ae60", "#8e44ad", "#7f8c8d", "#16a085")
WIDTH, HEIGHT = 600, 300  # canvas units (px in the page, 1/96 in in the papers)
MARGIN = {"left": 56, "right": 16, "top": 44, "bottom": 60}
AXIS, GRID, INK = "#444444", "#dddddd", "#222222"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class ChartSpec:
    key: str  # an id for the page ("awards-by-level")
    title: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    kind: str = "bar"  # "bar" or "line"
    stacked: bool = False

    def __post_init__(self) -> None:
        if self.kind not in ("bar", "line"):
            raise ValueError(f"unknown chart kind {self.kind!r}")
        for s in self.series:
            if len(s.values) != len(self.labels):
                raise ValueError(f"{self.key}: {s.name} has {len(s.values)} values")

    @property
    def is_empty(self) -> bool:
        return not self.labels or not any(v for s in self.series for v in s.values)

    def color(self, index: int) -> str:
        return PALETTE[index % len(PALETTE)]


def to_chartjs(spec: ChartSpec) -> dict:
    """The Chart.js configuration of ``spec`` (JSON-safe)."""
    datasets = []
    for i, s in enumerate(spec.series):
        color = spec.color(i)
        datasets.append(
            {
                "label": s.name,
                "data": [float(v) for v in s.values],
                "backgroundColor": color,
                "borderColor": color,
                "fill": False,
                "tension": 0,
            }
        )
    axes = {"stacked": spec.stacked}
    return {
        "type": spec.kind,
        "data": {"labels": list(spec.labels), "datasets": datasets},
        "options": {
            "responsive": True,
            "animation": False,
            "plugins": {
                "title": {"display": True, "text": spec.title},
                "legend": {"position": "bottom"},
            },
            "scales": {"x": axes, "y": {**axes, "beginAtZero": True}},
        },
    }


# --- shapes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    color: str


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    color: str
    width: float = 1


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    color: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float = 11
    anchor: str = "middle"  # start, middle, end
    bold: bool = False
    color: str = INK


@dataclass
class Drawing:
    width: int = WIDTH
    height: int = HEIGHT
    shapes: list = field(default_factory=list)


def nice_ceiling(value: float) -> tuple[float, float]:
    """A round top for the axis and its step (about five steps): 37 → (40, 10)."""
    if value <= 0:
        return 1.0, 0.2 if value else 1.0
    raw = value / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if step >= 1:
        step = max(1.0, round(step))
    top = step * math.ceil(value / step)
    return float(top), float(step)


def _number(value: float) -> str:
    return vn.format_number(Decimal(str(round(value, 2))).normalize())


def _fit(text: str, room: float, size: float) -> str:
    """Cut a label to ``room`` units wide (with an ellipsis)."""
    if fonts.text_width_pt(text, size) * 1.0 <= room:
        return text
    while text and fonts.text_width_pt(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def layout(spec: ChartSpec) -> Drawing:
    """The chart drawn as shapes on a WIDTH × HEIGHT canvas."""
    d = Drawing()
    left, top = MARGIN["left"], MARGIN["top"]
    right, bottom = WIDTH - MARGIN["right"], HEIGHT - MARGIN["bottom"]
    d.shapes.append(Text(WIDTH / 2, 20, spec.title, size=13, bold=True))
    n = max(len(spec.labels), 1)
    if spec.stacked:
        peak = max(
            (sum(s.values[i] for s in spec.series) for i in range(len(spec.labels))), default=0
        )
    else:
        peak = max((v for s in spec.series for v in s.values), default=0)
    ceiling, step = nice_ceiling(float(peak))

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * float(value) / ceiling

    tick = 0.0
    while tick <= ceiling + 1e-9:
        y = y_of(tick)
        d.shapes.append(Line(((left, y), (right, y)), GRID if tick else AXIS))
        d.shapes.append(Text(left - 6, y + 4, _number(tick), size=10, anchor="end"))
        tick += step
    d.shapes.append(Line(((left, top), (left, bottom)), AXIS))
    band = (right - left) / n
    for i, label in enumerate(spec.labels):
        d.shapes.append(
            Text(left + band * (i + 0.5), bottom + 16, _fit(label, band - 4, 10), size=10)
        )
    count = max(len(spec.series), 1)
    if spec.kind == "bar":
        inner = band * 0.7
        bar = inner if spec.stacked else inner / count
        for i in range(len(spec.labels)):
            base = bottom
            for j, s in enumerate(spec.series):
                value = float(s.values[i])
                x = left + band * i + (band - inner) / 2 + (0 if spec.stacked else bar * j)
                if spec.stacked:
                    height = bottom - y_of(value)
                    base -= height
                    if value:
                        d.shapes.append(Rect(x, base, bar, height, spec.color(j)))
                elif value:
                    y = y_of(value)
                    d.shapes.append(Rect(x, y, bar, bottom - y, spec.color(j)))
                    d.shapes.append(Text(x + bar / 2, y - 3, _number(value), size=9))
    else:
        for j, s in enumerate(spec.series):
            points = tuple(
                (left + band * (i + 0.5), y_of(float(v))) for i, v in enumerate(s.values)
            )
            d.shapes.append(Line(points, spec.color(j), 2))
            for (x, y), v in zip(points, s.values, strict=True):
                d.shapes.append(Dot(x, y, 3, spec.color(j)))
                d.shapes.append(Text(x, y - 6, _number(float(v)), size=9))
    # the legend, centred under the labels
    entries = [(s.name, spec.color(j)) for j, s in enumerate(spec.series)]
    widths = [fonts.text_width_pt(name, 10) + 26 for name, _c in entries]
    x = max(left, (WIDTH - sum(widths)) / 2)
    y = HEIGHT - 18
    for (name, color), w in zip(entries, widths, strict=True):
        d.shapes.append(Rect(x, y - 9, 10, 10, color))
        d.shapes.append(Text(x + 14, y, name, size=10, anchor="start"))
        x += w
    return d


# --- SVG ------------------------------------------------------------------------------------


def to_svg(spec: ChartSpec, *, width: str = "100%") -> str:
    """Inline SVG for HTML (the PDF papers): text in the papers' font, nothing loaded."""
    d = layout(spec)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {d.width} {d.height}" '
        f'width="{width}" role="img" aria-label="{escape(spec.title)}" '
        f'font-family="{fonts.FAMILY}">'
    ]
    for shape in d.shapes:
        if isinstance(shape, Rect):
            out.append(
                f'<rect x="{shape.x:.1f}" y="{shape.y:.1f}" width="{shape.w:.1f}" '
                f'height="{shape.h:.1f}" fill="{shape.color}"/>'
            )
        elif isinstance(shape, Line):
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in shape.points)
            out.append(
                f'<polyline points="{points}" fill="none" stroke="{shape.color}" '
                f'stroke-width="{shape.width}"/>'
            )
        elif isinstance(shape, Dot):
            out.append(
                f'<circle cx="{shape.x:.1f}" cy="{shape.y:.1f}" r="{shape.r}" '
                f'fill="{shape.color}"/>'
            )
        elif isinstance(shape, Text):
            weight = ' font-weight="bold"' if shape.bold else ""
            out.append(
                f'<text x="{shape.x:.1f}" y="{shape.y:.1f}" font-size="{shape.size}" '
                f'text-anchor="{shape.anchor}" fill="{shape.color}"{weight}>'
                f"{escape(shape.text)}</text>"
            )
    out.append("</svg>")
    return "".join(out)


# --- PNG ------------------------------------------------------------------------------------

_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def _font(size: float, bold: bool):
    from PIL import ImageFont

    path = fonts.font_file(bold=bold)
    if path is None:
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(str(path), size=round(size))


def to_png(spec: ChartSpec, *, scale: int = 3) -> bytes:
    """The same drawing as a PNG (``scale`` × the canvas, for print)."""
    from PIL import Image, ImageDraw

    d = layout(spec)
    image = Image.new("RGB", (d.width * scale, d.height * scale), "white")
    draw = ImageDraw.Draw(image)
    for shape in d.shapes:
        if isinstance(shape, Rect):
            draw.rectangle(
                (
                    shape.x * scale,
                    shape.y * scale,
                    (shape.x + shape.w) * scale,
                    (shape.y + shape.h) * scale,
                ),
                fill=shape.color,
            )
        elif isinstance(shape, Line):
            draw.line(
                [(x * scale, y * scale) for x, y in shape.points],
                fill=shape.color,
                width=max(1, round(shape.width * scale)),
            )
        elif isinstance(shape, Dot):
            r = shape.r * scale
            draw.ellipse(
                (
                    shape.x * scale - r,
                    shape.y * scale - r,
                    shape.x * scale + r,
                    shape.y * scale + r,
                ),
                fill=shape.color,
            )
        elif isinstance(shape, Text):
            draw.text(
                (shape.x * scale, shape.y * scale),
                shape.text,
                fill=shape.color,
                font=_font(shape.size * scale, shape.bold),
                anchor=_ANCHORS[shape.anchor],
            )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


@dataclass(frozen=True)
class Figure:
    """A chart in a paper's context: the PDF shows ``svg``, Word the PNG of the same spec."""

    spec: ChartSpec
    width_mm: float = 160

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def svg(self) -> str:
        return to_svg(self.spec)

    def png(self) -> bytes:
        return to_png(self.spec)
