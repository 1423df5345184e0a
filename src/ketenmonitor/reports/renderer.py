# SPDX-License-Identifier: EUPL-1.2
"""Writing the monitor report: one self-contained, accessible HTML file.

The HTML is the canonical report (DOCX and PDF are derived from it later). It holds its CSS and
its charts inline, so it opens from a file share or an e-mail without network access, and it
loads no JavaScript. Jinja2 escapes all text; only the SVG from vl-convert is inserted as markup.
"""

from __future__ import annotations

import time
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ketenmonitor import __version__
from ketenmonitor.core.errors import PublicationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger
from ketenmonitor.reports.context import ReportContext, build_context
from ketenmonitor.reports.source import report_input

REPORT_FILE = "index.html"
log = get_logger(__name__)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("ketenmonitor.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["_"] = _
    return env


def _css() -> Markup:
    text = resources.files("ketenmonitor.reports").joinpath("static/rapport.css").read_text("utf-8")
    return Markup(text)


def render_html(context: ReportContext) -> str:
    """The report as an HTML string."""
    template = _environment().get_template("rapport.html.j2")
    return template.render(r=context, css=_css(), version=__version__)


def render_monitor_report(publication: object, out_dir: Path) -> Path:
    """Render the Dutch monitor report of ``publication`` into ``out_dir``; return index.html.

    ``publication`` is what ``ketenmonitor.publish.read_publication`` returns, or the folder of a
    publication (format 1.0).
    """
    started = time.perf_counter()
    context = build_context(report_input(publication))
    html = render_html(context)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / REPORT_FILE
        target.write_text(html, encoding="utf-8")
    except OSError as error:
        raise PublicationError(
            "rapport_niet_geschreven",
            _("Het rapport kon niet worden geschreven naar {path}: {error}.").format(
                path=out_dir, error=error.strerror or error
            ),
            _("Kies met --uitvoer een map waarin u mag schrijven."),
        ) from error
    log.info(
        "rapport_geschreven",
        path=str(target),
        gemeenten=len(context.gemeenten),
        bytes=len(html.encode("utf-8")),
        seconden=round(time.perf_counter() - started, 2),
    )
    return target
