# SPDX-License-Identifier: EUPL-1.2
"""The stoplichtenrapportage as one self-contained, accessible HTML page (the canonical format).

Like the monitor report it inlines its CSS (rapport.css, extended by stoplicht.css) and its charts
as SVG, loads no JavaScript and nothing from the network. Headings follow the section nesting,
tables have a caption and ``th`` with ``scope``, lights are an icon plus a text label, every chart
is followed by its table, and the print CSS gives A4 pages with page numbers (used for the PDF).
"""

from __future__ import annotations

from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ketenmonitor import __version__
from ketenmonitor.core.i18n import _
from ketenmonitor.reports.stoplicht.charts import figure_svg
from ketenmonitor.reports.stoplicht.document import Document, Figure, Section

CSS_FILES = ("static/rapport.css", "static/stoplicht.css")


def _kind_of(block: object) -> str:
    return type(block).__name__


def _sections_of(section: Section) -> list[Section]:
    return [b for b in section.blocks if isinstance(b, Section)]


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("ketenmonitor.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(_=_, kind_of=_kind_of, sections_of=_sections_of)
    return env


def css() -> Markup:
    """The monitor report's CSS followed by the stoplicht extension."""
    package = resources.files("ketenmonitor.reports")
    return Markup("\n".join(package.joinpath(name).read_text("utf-8") for name in CSS_FILES))


def figure_svgs(document: Document) -> dict[str, Markup]:
    """Every figure of the document rendered to SVG once, by figure id."""
    return {b.id: figure_svg(b) for b in document.walk() if isinstance(b, Figure)}


def render_html(document: Document, author: str = "") -> str:
    """The document as an HTML string."""
    template = _environment().get_template("stoplicht.html.j2")
    return template.render(
        d=document,
        css=css(),
        svgs=figure_svgs(document),
        version=__version__,
        author=author or _("Ketenmonitor"),
    )
