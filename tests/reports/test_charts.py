# SPDX-License-Identifier: EUPL-1.2
"""Charts: server-side SVG with an accessible name, Dutch numbers, nothing loaded from outside."""

from __future__ import annotations

import json
import re

from ketenmonitor.reports.charts import (
    Bar,
    SeriesPoint,
    accessible_svg,
    bar_chart,
    bar_spec,
    dot_chart,
    dot_spec,
    line_chart,
    line_spec,
)


def test_line_chart_is_accessible_inline_svg_with_dutch_numbers() -> None:
    points = [
        SeriesPoint(p, "Delft", v)
        for p, v in (("2023", 1234.5), ("2024", None), ("2025*", 1500.25))
    ]
    svg = line_chart(
        points,
        chart_id="figuur-7",
        title="Meldingen <Delft>",
        description="Trend",
        y_title="per 1.000 inwoners",
    )
    assert svg.startswith("<svg")
    opening = svg[: svg.index(">")]
    assert 'role="img"' in opening and 'aria-labelledby="figuur-7-titel"' in opening
    assert 'aria-describedby="figuur-7-beschrijving"' in opening
    assert '<title id="figuur-7-titel">Meldingen &lt;Delft&gt;</title>' in svg
    assert ">1.000<" in svg and ">1.600<" in svg  # thousands dot on the axis
    assert "<script" not in svg and "http://" not in svg.replace("http://www.w3.org", "")
    assert "aria-roledescription" not in svg  # Vega's English ARIA texts are switched off
    assert "2025*" in svg


def test_bar_chart_keeps_a_suppressed_bar_as_a_dot() -> None:
    svg = bar_chart(
        [Bar("Delft", 3.25), Bar("Wassenaar", None), Bar("Regio", 4.0, True)],
        chart_id="f1",
        title="t",
        description="d",
        x_title="%",
    )
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "3,3" in texts and "4,0" in texts and "." in texts
    assert "Wassenaar" in texts


def test_dot_chart_has_both_series_in_legend() -> None:
    points = [
        SeriesPoint("Hermelding", "Pijplijn", 33.5),
        SeriesPoint("Hermelding", "Grondwaarheid", 38.25),
    ]
    svg = dot_chart(points, chart_id="f2", title="t", description="d", x_title="%")
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert {"Pijplijn", "Grondwaarheid", "Hermelding"} <= set(texts)


def test_accessible_svg_replaces_vega_roles() -> None:
    raw = (
        '<svg class="marks" width="10" height="10" role="graphics-document">'
        '<g aria-label="x"></g></svg>'
    )
    svg = accessible_svg(raw, "f9", "Titel", "Beschrijving")
    assert "graphics-document" not in svg and 'aria-label="x"' not in svg
    assert svg.count('role="img"') == 1


def test_chart_specs_are_valid_vega_lite() -> None:
    points = [SeriesPoint("2024", "Delft", 1.0), SeriesPoint("2024", "Regio", None)]
    for chart in (
        line_spec(points, "per 1.000 inwoners"),
        line_spec(points, "per 1.000 inwoners", breaks=["2024"]),
        bar_spec([Bar("Delft", 1.0), Bar("Regio", None, True)], "%"),
        dot_spec(points, "%"),
    ):
        spec = chart.to_dict(validate=True)  # raises on a schema error
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_method_break_is_a_labelled_line_and_identical_charts_render_once() -> None:
    from ketenmonitor.reports import charts

    points = [SeriesPoint(str(y), "Delft", float(y - 2015)) for y in range(2018, 2023)]
    charts._svg.cache_clear()
    first = line_chart(points, chart_id="f1", title="T", description="D", y_title="x",
                       breaks=["2019", "1999"])  # a break outside the periods is left out
    assert "methodebreuk" in first
    second = line_chart(points, chart_id="f2", title="T", description="D", y_title="x",
                        breaks=["2019"])
    assert charts._svg.cache_info().hits == 1  # same spec: vl-convert ran once
    assert 'id="f2"' in second and 'id="f1"' not in second
    plain = line_chart(points, chart_id="f3", title="T", description="D", y_title="x")
    assert "methodebreuk" not in plain


def test_points_without_a_figure_are_marked_not_dropped() -> None:
    """Issue 15: a suppressed or missing point shows its sign in line and bar charts."""
    from ketenmonitor.reports import charts as chart_module

    points = [chart_module.SeriesPoint("2022", "Regio", 5.0),
              chart_module.SeriesPoint("2023", "Regio", None, "x"),
              chart_module.SeriesPoint("2024", "Regio", None, "…"),
              chart_module.SeriesPoint("2025", "Regio", 6.0)]
    line = str(chart_module.line_chart(points, chart_id="f1", title="t", description="d",
                                       y_title="per 1.000"))
    assert ">x</text>" in line and ">…</text>" in line
    bars = str(chart_module.bar_chart([chart_module.Bar("A", 3.0),
                                       chart_module.Bar("B", None, teken="…")],
                                      chart_id="f2", title="t", description="d", x_title="x"))
    assert ">…</text>" in bars


def _layers(spec: dict[str, object]) -> list[dict[str, object]]:
    layers = spec.get("layer")
    assert isinstance(layers, list)
    return layers


def _encodes(layer: dict[str, object], channel: str, field: str) -> bool:
    encoding = layer.get("encoding")
    return isinstance(encoding, dict) and encoding.get(channel, {}).get("field") == field


def test_bars_are_sorted_by_value_with_missing_ones_last() -> None:
    bars = [Bar("Albrandswaard", 2.0), Bar("Barendrecht", None, teken="x"),
            Bar("Capelle", 7.5), Bar("Regio", 4.0, True)]
    spec = bar_spec(bars, "per 1.000 inwoners").to_dict()
    y = _layers(spec)[0]["encoding"]["y"]  # type: ignore[index]
    assert y["sort"] == ["Capelle", "Regio", "Albrandswaard", "Barendrecht"]


def test_bar_and_dot_and_line_specs_draw_the_interval() -> None:
    bars = [Bar("Delft", 3.0, ondergrens=2.5, bovengrens=3.5), Bar("Regio", 4.0, True)]
    spec = bar_spec(bars, "%").to_dict()
    assert any(_encodes(layer, "x", "ondergrens") and _encodes(layer, "x2", "bovengrens")
               for layer in _layers(spec))
    assert '"bovengrens": 3.5' in json.dumps(spec)  # the interval travels with the data
    points = [SeriesPoint("A", "Delft", 30.0, ondergrens=25.0, bovengrens=35.0),
              SeriesPoint("B", "Delft", 50.0, ondergrens=45.0, bovengrens=55.0)]
    dots = dot_spec(points, "%").to_dict()
    assert any(_encodes(layer, "x2", "bovengrens") for layer in _layers(dots))
    assert _layers(dots)[-1]["encoding"]["y"]["sort"] == ["B", "A"]  # type: ignore[index]
    lines = line_spec(points, "%").to_dict()
    assert any(_encodes(layer, "y2", "bovengrens") for layer in _layers(lines))


def test_no_interval_layer_without_intervals() -> None:
    spec = bar_spec([Bar("Delft", 3.0)], "%").to_dict()
    assert not any(_encodes(layer, "x2", "bovengrens") for layer in _layers(spec))
