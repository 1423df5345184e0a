# SPDX-License-Identifier: EUPL-1.2
"""The stoplichtenrapportage as a tagged PDF (PDF/UA-1), printed from the canonical HTML.

WeasyPrint lays out the same HTML with its print CSS (A4, page numbers, a table of contents with
page numbers, wide appendices on landscape pages) and writes a tagged PDF: headings, lists, tables
with header cells, figures with their alternative text, the document language and title.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from ketenmonitor.core.logging import get_logger

PDF_VARIANT = "pdf/ua-1"
log = get_logger(__name__)


class _Collect(logging.Handler):
    """WeasyPrint reports accessibility problems (missing alt text, language) as log errors.

    Its warnings are about CSS it ignores (e.g. ``clip-path`` for the screen-only skip link) and
    are left out: the print CSS does not depend on them."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_pdf(html: str, target: Path, base_url: Path) -> list[str]:
    """Write ``html`` as a PDF/UA-1 file; return WeasyPrint's warnings (empty = clean)."""
    import weasyprint

    started = time.perf_counter()
    collector = _Collect()
    weasy_log = logging.getLogger("weasyprint")
    level = weasy_log.level
    weasy_log.addHandler(collector)
    weasy_log.setLevel(logging.ERROR)
    try:
        weasyprint.HTML(string=html, base_url=str(base_url)).write_pdf(
            target, pdf_variant=PDF_VARIANT, pdf_tags=True
        )
    finally:
        weasy_log.removeHandler(collector)
        weasy_log.setLevel(level)
    for message in collector.messages:
        log.warning("pdf_waarschuwing", melding=message)
    log.info("pdf_geschreven", path=str(target), seconden=round(time.perf_counter() - started, 2))
    return collector.messages
