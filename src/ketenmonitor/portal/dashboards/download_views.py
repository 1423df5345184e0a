# SPDX-License-Identifier: EUPL-1.2
"""Downloads: one indicator as CSV or XLSX, and the regional monitor report (HTML).

The CSV and XLSX come from :mod:`ketenmonitor.exports`, the exporter of ``ketenmonitor export``,
limited to the region and the gemeenten the user may see: one layout for both.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from ketenmonitor.exports import export_csv, export_xlsx, selected_rows
from ketenmonitor.portal.audit.models import Actie
from ketenmonitor.portal.audit.record import record
from ketenmonitor.portal.dashboards.scope import (
    deny,
    region_publication,
    visible_gemeenten,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_safe
def indicator_download(request: HttpRequest, regio: str, indicator: str, formaat: str) -> HttpResponse:
    ctx = region_publication(request, regio)
    meta = ctx.pub.metas.get(indicator)
    if meta is None or formaat not in ("csv", "xlsx"):
        raise Http404("download")
    areas = {ctx.pub.region.code, *(g.code for g in visible_gemeenten(ctx))}
    pub = ctx.pub.publication
    name = f"{ctx.record.publicatie_id}-{meta.id}.{formaat}"
    if formaat == "csv":
        figures, _definitions = export_csv(pub, meta.id, areas)
        response = HttpResponse(figures, content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(export_xlsx(pub, meta.id, areas), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    record(request, Actie.DOWNLOAD, f"indicator:{regio}:{meta.id}:{ctx.record.publicatie_id}:"
                                    f"{formaat}:{selected_rows(pub, meta.id, areas)}")
    return response


def _report_dir(publicatie_id: str) -> Path:
    return Path(settings.CONFIG.data_dir) / "rapporten" / publicatie_id


@require_safe
def monitor_report(request: HttpRequest, regio: str) -> FileResponse:
    ctx = region_publication(request, regio)
    if not ctx.access.may_download_report(regio):
        raise deny(request, f"rapport:{regio}:{ctx.record.publicatie_id}")
    target = _report_dir(ctx.record.publicatie_id)
    index = target / "index.html"
    if not index.exists():
        from ketenmonitor.reports import render_monitor_report

        render_monitor_report(ctx.pub.publication, target)
    record(request, Actie.DOWNLOAD, f"rapport:{regio}:{ctx.record.publicatie_id}:html")
    return FileResponse(index.open("rb"), as_attachment=True,
                        filename=f"monitorrapport-{ctx.record.publicatie_id}.html",
                        content_type="text/html; charset=utf-8")
