# SPDX-License-Identifier: EUPL-1.2
"""Charts as inline SVG: Vega-Lite (Altair) rendered on the server by vl-convert.

No JavaScript, no CDN and no network: ``vl_convert`` renders the SVG in-process with data inline
(``allowed_base_urls=[]`` refuses any URL). Numbers on axes and labels use the Dutch locale.
Every SVG gets ``role="img"`` and an accessible name (``<title>``) and description (``<desc>``);
Vega's own English ARIA texts are switched off. Series differ by shape and dash, not only colour,
and the report prints every chart's figures in the table that follows it.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

import altair as alt
import vl_convert as vlc
from markupsafe import Markup, escape

from ketenmonitor.core.i18n import _

COLOURS = ("#154273", "#8a4500")  # dark blue, dark orange: both >= 4.5:1 on white
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
WIDTH = 520
# Axis ticks in plain decimals with trailing zeros dropped (0,05 / 2,5 / 1.000). Vega picks ticks
# finer than the figures (0,05 for figures with one decimal), so significant digits, not decimals.
AXIS_FORMAT = ",.6~r"
_CONFIG: dict[str, Any] = {
    "aria": False,
    "font": FONT,
    "background": "white",
    "view": {"stroke": None},
    "axis": {
        "labelFontSize": 12,
        "titleFontSize": 12,
        "labelColor": "#1a1a1a",
        "titleColor": "#1a1a1a",
        "gridColor": "#e0e0e0",
        "domainColor": "#6e6e6e",
    },
    "legend": {
        "labelLimit": 480,
        "labelFontSize": 12,
        "titleFontSize": 12,
        "orient": "bottom",
        "labelColor": "#1a1a1a",
        "titleColor": "#1a1a1a",
    },
}


@dataclass(frozen=True)
class SeriesPoint:
    """One point of a line chart: a period (x), a series name and a value (None = no point)."""

    periode: str
    reeks: str
    waarde: float | None
    teken: str = ""  # the sign of a missing value (x, … or .): drawn on the axis, not dropped
    ondergrens: float | None = None  # the 95% interval, drawn as a whisker (issue 15)
    bovengrens: float | None = None


@dataclass(frozen=True)
class Bar:
    label: str
    waarde: float | None
    nadruk: bool = False  # e.g. the region as a reference among gemeenten
    teken: str = ""  # the sign of a missing value; '.' when not given
    ondergrens: float | None = None  # the 95% interval, drawn as a whisker (issue 15)
    bovengrens: float | None = None


def by_value(bars: list[Bar]) -> list[Bar]:
    """Highest value first, bars without a figure last (in their given order).

    A reader compares bars by length, so the order follows the values, not the names (issue 15).
    """
    shown = sorted((b for b in bars if b.waarde is not None), key=lambda b: -(b.waarde or 0.0))
    return shown + [b for b in bars if b.waarde is None]


def categories_by_value(points: list[SeriesPoint]) -> list[str]:
    """Categories ordered by the first series' value (highest first), the rest after them."""
    series = list(dict.fromkeys(p.reeks for p in points))
    first = {p.periode: p.waarde for p in points if series and p.reeks == series[0]}
    categories = list(dict.fromkeys(p.periode for p in points))
    valued = sorted((c for c in categories if first.get(c) is not None),
                    key=lambda c: -(first.get(c) or 0.0))
    return valued + [c for c in categories if first.get(c) is None]


def _data(rows: list[dict[str, Any]]) -> alt.Data:
    """Inline data (plain records: cheaper than a DataFrame, nothing fetched from a URL)."""
    return alt.Data(values=rows)  # type: ignore[no-untyped-call]


def _number_format(decimals: int) -> str:
    return f",.{decimals}f"


@lru_cache(maxsize=512)
def _svg(spec_json: str) -> str:
    """SVG of a Vega-Lite spec; cached because identical charts recur (e.g. an all-suppressed
    gemeente against the same region line) and vl-convert costs tens of milliseconds a chart."""
    return vlc.vegalite_to_svg(
        json.loads(spec_json), format_locale="nl-NL", time_format_locale="nl-NL",
        allowed_base_urls=[],
    )


def _render(chart: alt.TopLevelMixin, chart_id: str, title: str, description: str) -> Markup:
    spec = chart.to_dict(validate=False)  # the *_spec builders are schema-checked in the tests
    spec["config"] = {**spec.get("config", {}), **_CONFIG}
    svg = _svg(json.dumps(spec, sort_keys=True, ensure_ascii=False))
    return accessible_svg(svg, chart_id, title, description)


def accessible_svg(svg: str, chart_id: str, title: str, description: str) -> Markup:
    """Give an SVG ``role="img"``, an accessible name and a description."""
    title_id, desc_id = f"{chart_id}-titel", f"{chart_id}-beschrijving"
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r"\s(role|aria-[a-z]+)=\"[^\"]*\"", "", svg)
    opening = re.match(r"<svg\b[^>]*>", svg)
    if opening is None:
        raise ValueError("vl-convert gaf geen SVG terug")
    head = opening.group(0)[:-1] + (
        f' role="img" aria-labelledby="{title_id}" aria-describedby="{desc_id}"'
        f' id="{chart_id}" focusable="false">'
    )
    inner = (
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(description)}</desc>'
    )
    return Markup(head + inner + svg[opening.end() :])


def line_chart(
    points: list[SeriesPoint],
    *,
    chart_id: str,
    title: str,
    description: str,
    y_title: str,
    decimals: int = 1,
    breaks: list[str] | None = None,
) -> Markup:
    """Trend over periods; with two series the second is dashed with square points.

    ``breaks`` are period labels with a method break: each gets a grey vertical line labelled
    'methodebreuk' (the table under the chart explains the break).
    """
    return _render(line_spec(points, y_title, decimals, breaks), chart_id, title, description)


def line_spec(
    points: list[SeriesPoint], y_title: str, decimals: int = 1, breaks: list[str] | None = None
) -> alt.TopLevelMixin:
    """The Altair chart behind :func:`line_chart`."""
    frame = _data([asdict(p) for p in points])
    order = list(dict.fromkeys(p.periode for p in points))
    series = list(dict.fromkeys(p.reeks for p in points))
    legend = alt.Legend(title=None) if len(series) > 1 else None
    base = alt.Chart(frame).encode(
        x=alt.X("periode:O", sort=order, title=_("Periode"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y(
            "waarde:Q",
            title=y_title,
            axis=alt.Axis(format=AXIS_FORMAT),
            scale=alt.Scale(zero=True),
        ),
        color=alt.Color(
            "reeks:N",
            sort=series,
            scale=alt.Scale(domain=series, range=list(COLOURS)),
            legend=legend,
        ),
        strokeDash=alt.StrokeDash(
            "reeks:N",
            sort=series,
            legend=legend,
            scale=alt.Scale(domain=series, range=[[1, 0], [6, 4]]),
        ),
        shape=alt.Shape(
            "reeks:N",
            sort=series,
            legend=legend,
            scale=alt.Scale(domain=series, range=["circle", "square"]),
        ),
    )
    lines = base.mark_line(
        strokeWidth=2.5, invalid="break-paths-filter-domains"
    )  # a missing value breaks the line
    dots = base.mark_point(filled=True, size=70).transform_filter("isValid(datum.waarde)")
    layers: list[alt.Chart] = [lines, dots]
    if any(p.ondergrens is not None for p in points):
        layers.append(_interval_rules(frame, series, x=alt.X("periode:O", sort=order),
                                      value_axis="y", title=y_title, legend=legend))
    if any(p.waarde is None and p.teken for p in points):
        # a point without a figure keeps its place: its sign sits on the axis in the series colour
        layers.append(
            alt.Chart(frame)
            .mark_text(baseline="bottom", dy=-2, fontSize=13, fontWeight="bold")
            .encode(
                x=alt.X("periode:O", sort=order),
                y=alt.Y("nul:Q", title=y_title),
                text=alt.Text("teken:N"),
                color=alt.Color("reeks:N", sort=series,
                                scale=alt.Scale(domain=series, range=list(COLOURS)), legend=None),
            )
            .transform_filter("!isValid(datum.waarde) && datum.teken")
            .transform_calculate(nul="0")
        )
    shown_breaks = [b for b in breaks or [] if b in order]
    if shown_breaks:
        marks = alt.Chart(_data([{"periode": b, "tekst": _("methodebreuk")} for b in shown_breaks]))
        x = alt.X("periode:O", sort=order)
        layers.append(marks.mark_rule(color="#4a4a4a", strokeDash=[3, 3]).encode(x=x))
        layers.append(
            marks.mark_text(align="left", baseline="top", dx=4, y=2, color="#1a1a1a", fontSize=11)
            .encode(x=x, text="tekst:N")
        )
    chart: alt.TopLevelMixin = alt.layer(*layers).properties(width=WIDTH, height=220)
    return chart


def _interval_rules(frame: alt.Data, series: list[str], *, x: alt.X | None = None,
                    y: alt.Y | None = None, value_axis: str, title: str = "",
                    offset: alt.YOffset | None = None,
                    legend: alt.Legend | None = None) -> alt.Chart:
    """Whiskers from the lower to the upper bound of each 95% interval, in the series colour."""
    encoding: dict[str, Any] = {
        # same scale and legend as the marks, so Vega-Lite merges the legends into one
        "color": alt.Color("reeks:N", sort=series,
                           scale=alt.Scale(domain=series, range=list(COLOURS)), legend=legend),
    }
    if value_axis == "y":
        encoding |= {"x": x, "y": alt.Y("ondergrens:Q", title=title), "y2": alt.Y2("bovengrens:Q")}
    else:
        encoding |= {"y": y, "x": alt.X("ondergrens:Q", title=title), "x2": alt.X2("bovengrens:Q")}
    if offset is not None:
        encoding["yOffset"] = offset
    rules: alt.Chart = (
        alt.Chart(frame)
        .mark_rule(strokeWidth=1.5, opacity=0.8)
        .encode(**encoding)
        .transform_filter("isValid(datum.ondergrens) && isValid(datum.bovengrens)")
    )
    return rules


def bar_chart(
    bars: list[Bar], *, chart_id: str, title: str, description: str, x_title: str, decimals: int = 1
) -> Markup:
    """Horizontal bars, highest first, with the 95% interval as a whisker and the value printed
    after it; emphasised bars are darker.

    A bar without a value keeps its label on the axis (after the others) and shows its sign
    (x, … or .) instead.
    """
    return _render(bar_spec(bars, x_title, decimals), chart_id, title, description)


def bar_spec(bars: list[Bar], x_title: str, decimals: int = 1) -> alt.TopLevelMixin:
    """The Altair chart behind :func:`bar_chart`."""
    bars = by_value(bars)
    frame = _data(
        [{"label": b.label, "waarde": b.waarde, "nadruk": "ja" if b.nadruk else "nee",
          "teken": b.teken or ".", "ondergrens": b.ondergrens, "bovengrens": b.bovengrens}
         for b in bars]
    )
    order = [b.label for b in bars]
    number_format = _number_format(decimals)
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    bars_mark = (
        alt.Chart(frame)
        .mark_bar(height=16)
        .encode(
            y=y,
            x=alt.X("waarde:Q", title=x_title, axis=alt.Axis(format=AXIS_FORMAT)),
            color=alt.Color(
                "nadruk:N",
                scale=alt.Scale(domain=["nee", "ja"], range=["#4f7fae", "#0b2545"]),
                legend=None,
            ),
        )
        .transform_filter("isValid(datum.waarde)")
    )
    labels = (
        alt.Chart(frame)
        .mark_text(align="left", dx=4, color="#1a1a1a", fontSize=12)
        .encode(y=y, x=alt.X("positie:Q"), text=alt.Text("tekst:N"))
        .transform_calculate(
            positie="isValid(datum.bovengrens) ? datum.bovengrens : "
                    "isValid(datum.waarde) ? datum.waarde : 0",
            tekst=f"isValid(datum.waarde) ? format(datum.waarde, '{number_format}') : datum.teken",
        )
    )
    layers: list[alt.Chart] = [bars_mark]
    if any(b.ondergrens is not None for b in bars):
        # a white halo under a dark line: the whisker stays visible on a dark bar and on white
        for colour, stroke in (("white", 4.5), ("#1a1a1a", 1.5)):
            layers.append(
                alt.Chart(frame)
                .mark_rule(color=colour, strokeWidth=stroke)
                .encode(y=y, x=alt.X("ondergrens:Q", title=x_title), x2=alt.X2("bovengrens:Q"))
                .transform_filter("isValid(datum.ondergrens) && isValid(datum.bovengrens)")
            )
    chart: alt.TopLevelMixin = alt.layer(*layers, labels).properties(
        width=WIDTH - 120, height=max(60, 24 * len(bars))
    )
    return chart


def dot_chart(
    points: list[SeriesPoint],
    *,
    chart_id: str,
    title: str,
    description: str,
    x_title: str,
    decimals: int = 1,
) -> Markup:
    """Two values per category side by side as dots (circle and square), e.g. pipeline vs truth;
    categories by the first series' value, highest first, each dot with its interval."""
    return _render(dot_spec(points, x_title, decimals), chart_id, title, description)


def dot_spec(points: list[SeriesPoint], x_title: str, decimals: int = 1) -> alt.TopLevelMixin:
    """The Altair chart behind :func:`dot_chart`."""
    frame = _data([asdict(p) for p in points])
    categories = categories_by_value(points)
    series = list(dict.fromkeys(p.reeks for p in points))
    legend = alt.Legend(title=None)
    dots = (
        alt.Chart(frame)
        .mark_point(filled=True, size=90, opacity=1)
        .encode(
            y=alt.Y("periode:N", sort=categories, title=None, axis=alt.Axis(labelLimit=260)),
            yOffset=alt.YOffset("reeks:N", sort=series),  # the two dots never hide each other
            x=alt.X("waarde:Q", title=x_title, axis=alt.Axis(format=AXIS_FORMAT)),
            color=alt.Color(
                "reeks:N",
                sort=series,
                scale=alt.Scale(domain=series, range=list(COLOURS)),
                legend=legend,
            ),
            shape=alt.Shape(
                "reeks:N",
                sort=series,
                legend=legend,
                scale=alt.Scale(domain=series, range=["circle", "square"]),
            ),
        )
        .transform_filter("isValid(datum.waarde)")
    )
    layers: list[alt.Chart] = [dots]
    if any(p.ondergrens is not None for p in points):
        layers.insert(0, _interval_rules(
            frame, series, value_axis="x", title=x_title,
            y=alt.Y("periode:N", sort=categories, title=None),
            offset=alt.YOffset("reeks:N", sort=series), legend=legend))
    chart: alt.TopLevelMixin = alt.layer(*layers).properties(
        width=WIDTH - 120, height=max(60, 36 * len(categories)))
    return chart
