# SPDX-License-Identifier: EUPL-1.2
"""Charts of the stoplichtenrapportage: one Vega-Lite spec, rendered as SVG (HTML, PDF) or PNG (DOCX).

The spec is built once by the document builder and stored in the :class:`Figure`; the renderers
only convert it, so the chart in Word is the chart on the web page. vl-convert renders in-process
with the data inline and refuses every URL.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import altair as alt
import vl_convert as vlc
from markupsafe import Markup

from ketenmonitor.core.i18n import _
from ketenmonitor.reports.charts import _CONFIG as CHART_CONFIG
from ketenmonitor.reports.charts import AXIS_FORMAT, WIDTH, SeriesPoint, accessible_svg, line_spec
from ketenmonitor.reports.stoplicht.document import Figure

#: Dash pattern and colour of the norm lines: drawn, labelled, and listed in the figure's table.
NORM_COLOURS = {"groen": "#1e7b34", "oranje": "#b34d00"}


def trend_spec(
    points: list[SeriesPoint],
    *,
    y_title: str,
    decimals: int = 1,
    norm_lines: list[tuple[str, str, float]] | None = None,
) -> dict[str, Any]:
    """A trend line per series over periods, with optional labelled norm lines.

    ``norm_lines`` holds ``(kleur, label, value)``: a dashed horizontal rule with its label, so the
    boundary is readable without colour.
    """
    spec: dict[str, Any] = line_spec(points, y_title, decimals).to_dict(validate=False)
    if norm_lines:
        # line_spec is a layer (line + points); the norm rules are added as further layers.
        spec["layer"] = [*spec["layer"], *_rules(norm_lines)]
    spec["config"] = {**spec.get("config", {}), **CHART_CONFIG}
    return spec


def _rules(norm_lines: list[tuple[str, str, float]]) -> list[dict[str, Any]]:
    """One dashed rule with its label per boundary (Vega-Lite layers); colours are fixed values,
    so the boundaries never share (or disturb) the colour scale of the series."""
    layers: list[dict[str, Any]] = []
    for kleur, label, value in norm_lines:
        data = alt.Data(values=[{"waarde": value, "label": label}])  # type: ignore[no-untyped-call]
        colour = NORM_COLOURS.get(kleur, "#4a4a4a")
        base = alt.Chart(data).encode(y=alt.Y("waarde:Q", axis=alt.Axis(format=AXIS_FORMAT)))
        for chart in (
            base.mark_rule(strokeDash=[2, 3], strokeWidth=1.5, color=colour),
            # The label sits right of the plot, where no data point can cover it.
            base.mark_text(align="left", baseline="middle", dx=6, fontSize=11, color=colour)
            .encode(text="label:N", x=alt.value(WIDTH)),
        ):
            layer: dict[str, Any] = chart.to_dict(validate=False)
            layer.pop("$schema", None)
            layer.pop("config", None)
            layers.append(layer)
    return layers


def figure_svg(figure: Figure) -> Markup:
    """The figure as inline SVG with ``role="img"``, an accessible name and a description."""
    svg = vlc.vegalite_to_svg(
        figure.spec, format_locale="nl-NL", time_format_locale="nl-NL", allowed_base_urls=[]
    )
    return accessible_svg(svg, f"{figure.id}-grafiek", figure.caption, figure.description)


def figure_png(figure: Figure, scale: float = 2.0) -> bytes:
    """The figure as PNG (for Word), at ``scale`` × the CSS pixel size for a sharp print."""
    return _png(json.dumps(figure.spec, sort_keys=True), scale)


@lru_cache(maxsize=64)
def _png(spec: str, scale: float) -> bytes:
    """Rendering a chart to PNG takes a quarter of a second: the same chart is drawn once."""
    png: bytes = vlc.vegalite_to_png(
        json.loads(spec),
        scale=scale,
        format_locale="nl-NL",
        time_format_locale="nl-NL",
        allowed_base_urls=[],
    )
    return png


def norm_label(kleur: str, value_text: str) -> str:
    """Label of a norm line: 'grens groen: 80,0'."""
    return _("grens {kleur}: {waarde}").format(kleur=kleur, waarde=value_text)
