# SPDX-License-Identifier: EUPL-1.2
"""Reports from a publication: the canonical, accessible HTML monitor report in Dutch.

The renderer (Altair, vl-convert, Jinja2) is imported on first use, so that light users of this
package, such as the delivery-format documentation, do not pay for the chart stack.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["render_monitor_report"]


def render_monitor_report(publication: object, out_dir: Path) -> Path:
    """Render the Dutch monitor report of ``publication`` into ``out_dir``; return index.html.

    ``publication`` is what ``ketenmonitor.publish.read_publication`` returns, or the folder of
    a publication (format 1.0). See :mod:`ketenmonitor.reports.renderer`.
    """
    from ketenmonitor.reports.renderer import render_monitor_report as render

    return render(publication, out_dir)
