# SPDX-License-Identifier: EUPL-1.2
"""CSV and XLSX downloads of one indicator: the published cells, nothing recomputed.

The rows are the publication's own (already rounded and suppressed; ``.`` for suppressed and
``*`` for provisional in ``weergave``), limited to the region and the gemeenten the user may see.
CSV follows Dutch spreadsheet habits: ``;`` between fields, a decimal comma, UTF-8 with BOM.
"""

from __future__ import annotations

import csv
import io
import math
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import xlsxwriter
from django.utils.translation import gettext as _

from ketenmonitor.portal.dashboards.loading import LoadedPublication
from ketenmonitor.reports.formatting import format_date, sources_text, unit_label
from ketenmonitor.reports.source import IndicatorMeta

COLUMNS = ("gebied_code", "gebied_naam", "gebied_niveau", "periode", "periode_type", "dimensie",
           "categorie", "categorie_label", "teller", "noemer", "waarde", "weergave", "onderdrukt",
           "voorlopig", "reden_geen_cijfer")


def published_rows(pub: LoadedPublication, indicator_id: str, areas: set[str]) -> pa.Table:
    table = pub.publication.table(indicator_id)
    keep = pc.is_in(table.column("gebied_code"), value_set=pa.array(sorted(areas), pa.string()))
    return table.filter(keep).select(list(COLUMNS))


def _decimal_comma(value: Any) -> Any:
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value).replace(".", ",")
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    return "" if value is None else value


def as_csv(rows: pa.Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows.to_pylist():
        writer.writerow([_decimal_comma(row[c]) for c in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def about_lines(pub: LoadedPublication, meta: IndicatorMeta) -> list[tuple[str, str]]:
    return [
        (_("Indicator"), meta.titel),
        (_("Definitie"), meta.definitie),
        (_("Eenheid"), unit_label(meta.eenheid)),
        (_("Teller"), meta.teller),
        (_("Noemer"), meta.noemer),
        (_("Bron"), sources_text(list(meta.bronnen))),
        (_("Publicatie"), pub.publication_id),
        (_("Peildatum"), format_date(pub.peildatum)),
        (_("Voorlopige perioden"), ", ".join(pub.publication.provisional_periods) or _("geen")),
        (_("Tekens"), _("'x' = geheim (beveiligd tegen onthulling); '…' = nog niet waarneembaar "
                        "(periode of volgtermijn nog niet om); '.' = geen gegevens; "
                        "'*' = voorlopig cijfer")),
        (_("Onthullingsbeveiliging"), _(
            "Aantallen afgerond op {base}; cellen onder {threshold} onderdrukt, met secundaire "
            "onderdrukking."
        ).format(base=pub.publication.metadata["disclosure"]["rounding_base"],
                 threshold=pub.publication.metadata["disclosure"]["threshold"])),
    ]


def as_xlsx(pub: LoadedPublication, meta: IndicatorMeta, rows: pa.Table) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet(_("Cijfers"))
    sheet.write_row(0, 0, COLUMNS, bold)
    for r, row in enumerate(rows.to_pylist(), start=1):
        for c, column in enumerate(COLUMNS):
            value = row[column]
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            if isinstance(value, bool):
                sheet.write_string(r, c, _("ja") if value else _("nee"))
            else:
                sheet.write(r, c, value)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(rows.num_rows, 1), len(COLUMNS) - 1)
    about = book.add_worksheet(_("Toelichting"))
    about.set_column(0, 0, 26)
    about.set_column(1, 1, 100)
    for r, (label, text) in enumerate(about_lines(pub, meta)):
        about.write_string(r, 0, label, bold)
        about.write_string(r, 1, text)
    book.close()
    return out.getvalue()
