# SPDX-License-Identifier: EUPL-1.2
"""The monitor report shows gemeente ↔ Veilig Thuis region ↔ Nederland where CBS has figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketenmonitor.cbs import import_files
from ketenmonitor.core.settings import Settings
from ketenmonitor.publish import read_publication, write_publication
from ketenmonitor.reports.context import ReportContext, build_context
from ketenmonitor.reports.model import TableView
from ketenmonitor.reports.renderer import render_html
from ketenmonitor.reports.source import report_input
from ketenmonitor.warehouse import connect_readonly
from testsupport import load_module

DATA = Path(__file__).parents[1] / "cbs" / "data"
pytestmark = pytest.mark.slow  # renders the whole report


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> ReportContext:
    root = tmp_path_factory.mktemp("rapport-cbs")
    module = load_module("indicators/synthetic_warehouse.py")
    module.build_warehouse(root / "wh.duckdb").close()
    import_files(sorted(DATA.glob("*.csv")), root / "wh.duckdb")
    con = connect_readonly(root / "wh.duckdb")
    try:
        folder = write_publication(con, {"region": "haaglanden"}, root / "pub",
                                   settings=Settings(rounding_base=5, suppression_threshold=10))
    finally:
        con.close()
    return build_context(report_input(read_publication(folder)))


def _tables(area: object) -> list[TableView]:
    return [e.table for t in area.themas for i in t.indicators for e in i.exhibits]  # type: ignore[attr-defined]


def test_region_section_compares_with_vt_region_and_nederland(context: ReportContext) -> None:
    tables = {t.caption: t for t in _tables(context.region)}
    caption = ("Meldingen per 1.000 inwoners: regio Haaglanden naast de Veilig Thuis-regio en "
               "Nederland (CBS)")
    table = tables[caption]
    assert table.columns == ["Regio Haaglanden (eigen cijfers)",
                             "Veilig Thuis-regio Haaglanden (CBS)", "Nederland (CBS)"]
    assert [r.header for r in table.rows] == ["2019", "2020*"]
    assert [c.text for c in table.rows[0].cells][1:] == ["5,5", "6,9"]  # 118300 / 17250000 inhabitants
    assert "CBS StatLine, tabel 84847NED: Meldingen" in table.source
    shares = [t for c, t in tables.items() if c.startswith("Meldingen naar organisatie van de "
                                                          "melder") and "(CBS)" in c]
    assert shares and shares[0].rows[0].cells[-1].text  # Nederland per category


def test_gemeente_section_adds_the_gemeente_cbs_figure(context: ReportContext) -> None:
    midden = next(g for g in context.gemeenten if g.titel.endswith("Midden-Delfland"))
    table = next(t for t in _tables(midden) if t.caption.startswith(
        "Meldingen per 1.000 inwoners: gemeente Midden-Delfland naast"))
    assert table.columns[1] == "Midden-Delfland (CBS)"
    first = table.rows[0].cells
    assert first[1].text == "." and first[1].hint == "onbekend of geheim bij het CBS"  # 2019


def test_html_contains_the_comparison(context: ReportContext) -> None:
    html = render_html(context)
    assert "Nederland (CBS)" in html and "Veilig Thuis-regio Haaglanden (CBS)" in html
