# SPDX-License-Identifier: EUPL-1.2
"""The demo's synthetic StatLine files are recognised, so no output calls them CBS figures."""

from __future__ import annotations

from types import SimpleNamespace

from ketenmonitor.cbs.provenance import nederland_label, synthetic_note, synthetic_tables
from ketenmonitor.reports.cbs_exhibits import BenchmarkTable, _columns, _source
from ketenmonitor.reports.data import Area

REAL = {"tabel": "84847NED", "titel": "Veilig Thuis; kerncijfers, regio",
        "bestand": "84847NED.csv"}
DEMO = {"tabel": "85361NED", "titel": "Veilig Thuis; meldingen, eerdere betrokkenheid, regio",
        "bestand": "85361NED_synthetisch.csv"}


def test_synthetic_files_are_found_by_their_name() -> None:
    assert synthetic_tables([REAL, DEMO, DEMO]) == ["85361NED"]
    assert synthetic_tables([REAL]) == [] and synthetic_tables(None) == []
    assert nederland_label(True) == "Nederland (synthetisch)"
    assert nederland_label(False) == "Nederland"
    assert "geen echte cijfers van het CBS" in synthetic_note(["85361NED"])


def test_report_source_and_columns_say_synthetic() -> None:
    meta = SimpleNamespace(id="eerdere_betrokkenheid", bronnen=["veilig_thuis"])
    sources = {"eerdere_betrokkenheid": "CBS 85361NED: Meldingen"}
    demo = BenchmarkTable({}, {}, sources, ("85361NED",))
    real = BenchmarkTable({}, {}, sources)
    source = _source(demo, meta, ".")  # type: ignore[arg-type]
    assert "synthetische cijfers in de indeling van CBS StatLine, tabel 85361NED" in source
    assert "geen echte CBS-cijfers" in source
    assert "synthetisch" not in _source(real, meta, ".")  # type: ignore[arg-type]
    region = Area("VR_HAAGLANDEN", "Haaglanden", "regio")
    assert _columns(region, region, True)[-1] == "Nederland (CBS, synthetisch)"
    assert _columns(region, region)[-1] == "Nederland (CBS)"
