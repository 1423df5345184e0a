# SPDX-License-Identifier: EUPL-1.2
"""The stoplichtenrapportage: one document, four formats (HTML, DOCX, PDF, XLSX).

:func:`render_stoplicht_report` builds the format-neutral document of an evaluated regiovisie
once and hands it to each renderer, so the web page, the Word file, the PDF and the spreadsheet
always say the same.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ketenmonitor.core.errors import InputRefused, PublicationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger
from ketenmonitor.publish.reader import Publication
from ketenmonitor.regiovisie.result import EvaluatedReport
from ketenmonitor.reports.stoplicht.build import build_document
from ketenmonitor.reports.stoplicht.document import Document

__all__ = ["FORMATS", "build_document", "parse_formats", "render_stoplicht_report"]

FORMATS = ("html", "docx", "pdf", "xlsx")
log = get_logger(__name__)


def parse_formats(text: str | Iterable[str]) -> tuple[str, ...]:
    """'html,pdf' → ('html', 'pdf') in the canonical order; unknown names are refused."""
    names = [p.strip().lower() for p in (text.split(",") if isinstance(text, str) else text)]
    names = [n for n in names if n]
    unknown = sorted(set(names) - set(FORMATS))
    if unknown or not names:
        raise InputRefused(
            "formaat_onbekend",
            _("Onbekend formaat: {namen}.").format(namen=", ".join(unknown) or _("(leeg)")),
            _("Kies uit {formaten}, gescheiden door komma's.").format(formaten=", ".join(FORMATS)),
        )
    return tuple(f for f in FORMATS if f in names)


def file_stem(report: EvaluatedReport) -> str:
    """'stoplichtenrapportage-haaglanden-2025'."""
    slug = re.sub(r"[^a-z0-9]+", "-", f"{report.regio}-{report.periode}".lower()).strip("-")
    return f"stoplichtenrapportage-{slug}"


def _write(document: Document, fmt: str, target: Path, out_dir: Path, html: str,
           template: Path | None) -> None:
    if fmt == "html":
        target.write_text(html, encoding="utf-8")
    elif fmt == "docx":
        from ketenmonitor.reports.stoplicht.word import render_docx

        render_docx(document, target, template)
    elif fmt == "pdf":
        from ketenmonitor.reports.stoplicht.pdf import render_pdf

        render_pdf(html, target, out_dir)
    else:
        from ketenmonitor.reports.stoplicht.spreadsheet import render_xlsx

        render_xlsx(document, target)


def render_stoplicht_report(
    report: EvaluatedReport,
    out_dir: Path,
    *,
    publication: Publication | None = None,
    formats: Iterable[str] = FORMATS,
    template: Path | None = None,
    made_on: date | None = None,
) -> dict[str, Path]:
    """Write the stoplichtenrapportage of ``report`` in ``formats`` into ``out_dir``.

    ``publication`` (the one the report was evaluated on) supplies the series for the charts;
    ``template`` is the gemeente's Word template. Returns the path per format.
    """
    from ketenmonitor.reports.stoplicht.html import render_html

    chosen = parse_formats(list(formats))
    if template is not None and not template.is_file():
        raise InputRefused(
            "sjabloon_niet_gevonden",
            _("Het Word-sjabloon {path} bestaat niet.").format(path=template),
            _("Geef met --sjabloon een bestaand .docx- of .dotx-bestand op."),
        )
    started = time.perf_counter()
    document = build_document(report, publication, made_on)
    html = render_html(document) if {"html", "pdf"} & set(chosen) else ""
    paths: dict[str, Path] = {}
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for fmt in chosen:
            target = out_dir / f"{file_stem(report)}.{fmt}"
            _write(document, fmt, target, out_dir, html, template)
            paths[fmt] = target
    except OSError as error:
        raise PublicationError(
            "rapport_niet_geschreven",
            _("De stoplichtenrapportage kon niet worden geschreven naar {path}: {error}.").format(
                path=out_dir, error=error.strerror or error),
            _("Kies met --uitvoer een map waarin u mag schrijven."),
        ) from error
    log.info("stoplichtenrapportage_geschreven", formaten=list(paths), map=str(out_dir),
             tabellen=len(document.tables()), lichten=len(document.lights()),
             seconden=round(time.perf_counter() - started, 2))
    return paths
