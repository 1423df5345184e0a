# SPDX-License-Identifier: EUPL-1.2
"""With the CBS benchmark (publication format 1.1) the dashboards show Nederland next to the
gemeente and the region; without it there is no Nederland column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

IND = "meldingen_per_1000"


@pytest.fixture()
def with_nl(db: Any, tmp_path: Path, pub_fixture: ModuleType) -> Any:
    from ketenmonitor.portal.dashboards.registry import register_publication

    return register_publication(pub_fixture.write(tmp_path, with_benchmark=True), "test")[0]


def test_nederland_column_with_benchmark(client_for: Callable[..., Any], with_nl: Any) -> None:
    client = client_for(["beleidsadviseur"], ["GM0503"])
    dashboard = client.get("/regio/haaglanden/gemeente/GM0503/?periode=2024").content.decode()
    assert "Nederland</th>" in dashboard and "12,3" in dashboard
    detail = client.get(f"/regio/haaglanden/gemeente/GM0503/indicator/{IND}/").content.decode()
    assert "Nederland</th>" in detail and "12,8*" in detail
    chart = client.get(f"/regio/haaglanden/indicator/{IND}/grafiek/trend.svg?gemeente=GM0503")
    assert "Nederland" in chart.content.decode()


def test_no_nederland_without_benchmark(client_for: Callable[..., Any], registered: list[Any]) -> None:
    client = client_for(["beleidsadviseur"], ["GM0503"])
    dashboard = client.get("/regio/haaglanden/gemeente/GM0503/").content.decode()
    assert "Nederland</th>" not in dashboard


def test_synthetic_cbs_figures_are_labelled_as_synthetic(
    client_for: Callable[..., Any], db: Any, tmp_path: Path, pub_fixture: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The demo's invented StatLine files ('*_synthetisch.csv') must never pass for CBS figures:
    portal columns, chart series and the note on every page, and the export's definitions."""
    import pyarrow as pa

    from ketenmonitor.core.settings import Settings
    from ketenmonitor.exports.definitions import definitions
    from ketenmonitor.indicators import PUBLISHED_SCHEMA
    from ketenmonitor.portal.dashboards.registry import register_publication
    from ketenmonitor.publish import BENCHMARK_TABLE, read_publication, write_publication

    sources = [{"tabel": "84847NED", "titel": "Veilig Thuis; kerncijfers, regio",
                "bestand": "84847NED_synthetisch.csv", "sha256": "0" * 64, "soort": "benchmark",
                "geimporteerd_op": "2026-01-31 10:00:00"}]
    tables = {i: pa.Table.from_pylist(pub_fixture.indicator_rows(i), schema=PUBLISHED_SCHEMA)
              for i in pub_fixture.INDICATORS}
    folder = write_publication(
        tables, {"region": "haaglanden", "peildatum": pub_fixture.PEILDATUM.isoformat(),
                 "cbs_bronnen": sources}, tmp_path,
        settings=Settings(rounding_base=5, suppression_threshold=10),
        benchmark=pub_fixture.benchmark_rows())
    register_publication(folder, "test")
    from ketenmonitor.portal.dashboards import charts

    # same publication id as the other tests of this process: no chart from their cache
    monkeypatch.setattr(charts, "CACHE", charts.SvgCache())
    client = client_for(["beleidsadviseur"], ["GM0503"])
    detail = client.get(f"/regio/haaglanden/gemeente/GM0503/indicator/{IND}/").content.decode()
    assert "Nederland (synthetisch)</th>" in detail and "geen echte cijfers van het CBS" in detail
    chart = client.get(f"/regio/haaglanden/indicator/{IND}/grafiek/trend.svg?gemeente=GM0503")
    assert "Nederland (synthetisch)" in chart.content.decode()
    pub = read_publication(folder)
    rows = dict(definitions(pub, BENCHMARK_TABLE, list(pub.tables[BENCHMARK_TABLE].column_names)))
    assert "synthetisch" in rows["Synthetisch"] and "84847NED" in rows["Synthetisch"]
