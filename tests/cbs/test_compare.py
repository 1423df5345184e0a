# SPDX-License-Identifier: EUPL-1.2
"""The CBS comparison table: CBS counts in the units of the indicators, protected like ours."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from ketenmonitor.cbs import import_files
from ketenmonitor.cbs.compare import build_comparison, prepare_comparison
from ketenmonitor.core.settings import Settings
from ketenmonitor.indicators.catalogue import load_catalogue
from ketenmonitor.publish import build_publication
from ketenmonitor.publish.checks import check_benchmark_table

SETTINGS = Settings(rounding_base=5, suppression_threshold=10)


def _compare(path: Path) -> tuple[pa.Table | None, list[dict[str, Any]], list[str]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables, metadata = build_publication(con, "haaglanden", settings=SETTINGS)
        table, sources = build_comparison(con, tables, metadata["periods"], load_catalogue(),
                                          SETTINGS)
    finally:
        con.close()
    return table, sources, list(tables)


def _rows(table: pa.Table, **where: str) -> list[dict[str, Any]]:
    return [r for r in table.to_pylist() if all(r[k] == v for k, v in where.items())]


@pytest.fixture(scope="module")
def compared(imported_warehouse: Path) -> tuple[pa.Table, list[dict[str, Any]], list[str]]:
    table, sources, ids = _compare(imported_warehouse)
    assert table is not None
    return table, sources, ids


def test_rates_use_the_cbs_population(compared: tuple[pa.Table, Any, Any]) -> None:
    table = compared[0]
    [row] = _rows(table, indicator_id="meldingen_per_1000", gebied_code="VR_HAAGLANDEN",
                  periode="2019")
    assert (row["gebied_niveau"], row["teller"], row["noemer"]) == ("vt_regio", 6240, 1127000)
    assert row["waarde"] == pytest.approx(5.5) and row["weergave"] == "5,5"
    assert row["bron"] == "CBS 84847NED: Meldingen; inwoners: CBS 03759ned"
    [nl] = _rows(table, indicator_id="adviezen_per_1000", gebied_code="NL01", periode="2020-H1")
    assert nl["weergave"] == "2,8*" and nl["voorlopig"]  # 48700 / 17400000, provisional
    [hidden] = _rows(table, indicator_id="meldingen_per_1000", gebied_code="GM1842",
                     periode="2019")
    assert hidden["onderdrukt"] and hidden["weergave"] == "." and hidden["teller"] is None


def test_cbs_figures_follow_the_publications_suppression(imported_warehouse: Path) -> None:
    """Issue 12: a gemeente's or the region's CBS figure is hidden wherever the publication hides
    its own cell; shown beside it, it would give the hidden count away."""
    con = duckdb.connect(str(imported_warehouse), read_only=True)
    try:
        tables, metadata = build_publication(con, "haaglanden", settings=SETTINGS)
        table, _sources = build_comparison(con, tables, metadata["periods"], load_catalogue(),
                                           SETTINGS)
    finally:
        con.close()
    assert table is not None
    hidden_own = {
        (ind, r["gebied_code"], r["periode"], r["dimensie"], r["categorie"])
        for ind, t in tables.items() for r in t.to_pylist() if r["onderdrukt"]
    }
    rows = [r for r in table.to_pylist() if r["gebied_niveau"] != "nederland"]
    beside_hidden = [r for r in rows if (r["indicator_id"], r["gebied_code"], r["periode"],
                                         r["dimensie"], r["categorie"]) in hidden_own]
    assert beside_hidden and all(r["onderdrukt"] and r["teller"] is None for r in beside_hidden)
    assert any(not r["onderdrukt"] for r in rows)  # not everything hidden


def test_shares_of_the_cbs_total_and_groups(compared: tuple[pa.Table, Any, Any]) -> None:
    table = compared[0]
    nl = {r["categorie"]: r for r in _rows(table, indicator_id="meldingen_naar_melder",
                                            gebied_code="NL01", periode="2019",
                                            dimensie="melder_groep")}
    assert nl["JUSTITIE_EN_VEILIGHEID"]["weergave"] == "67,0"
    assert nl["JUSTITIE_EN_VEILIGHEID"]["noemer"] == 120000
    assert nl["GEZONDHEIDSZORG"]["weergave"] == "9,0"
    groups = {r["categorie"]: r["weergave"] for r in _rows(
        table, indicator_id="eerdere_betrokkenheid", gebied_code="VR_HAAGLANDEN",
        periode="2019", dimensie="eerdere_betrokkenheid_groep")}
    # 2305 and 2735 (the CBS row "Hermelding") of 7200 meldingen; vervolgmeldingen and niet
    # ingedeeld are hidden because the publication hides the region's own cells there
    assert groups == {"EERSTE_MELDING": "32,0", "HERMELDING": "38,0", "VERVOLGMELDING": ".",
                      "NIET_INGEDEELD": "."}


def test_role_of_the_melder_in_groups_and_codes(compared: tuple[pa.Table, Any, Any]) -> None:
    table = compared[0]
    groups = {r["categorie"]: (r["weergave"], r["noemer"]) for r in _rows(
        table, indicator_id="meldingen_naar_rol_melder", gebied_code="NL01", periode="2019",
        dimensie="melder_rol_groep")}
    # 26400 and 93600 of 120000 meldingen; CBS has no "Onbekend" row here, so none is shown
    assert groups == {"NIET_BEROEPSMATIG": ("22,0", 120000), "BEROEPSMATIG": ("78,0", 120000)}
    codes = {r["categorie"]: r["weergave"] for r in _rows(
        table, indicator_id="meldingen_naar_rol_melder", gebied_code="NL01", periode="2019",
        dimensie="melder_rol")}
    # the StatLine labels "Justitie politieagent" and "Medisch huisarts" via the aliases
    assert codes == {"NIET_BEROEPSMATIG": "22,0", "ONDERWIJS": "8,0", "JUSTITIE_POLITIE": "55,0",
                     "MEDISCH_HUISARTS": "3,0"}
    [small] = _rows(table, indicator_id="meldingen_naar_rol_melder", gebied_code="GM1842",
                    periode="2019", dimensie="melder_rol", categorie="ONDERWIJS")
    assert small["onderdrukt"] and small["teller"] is None  # '.' in the StatLine file


def test_duration_of_violence_and_the_split_per_organisation(
    compared: tuple[pa.Table, Any, Any]
) -> None:
    table = compared[0]
    duur = {r["categorie"]: r["weergave"] for r in _rows(
        table, indicator_id="meldingen_naar_duur_geweld", gebied_code="VR_HAAGLANDEN",
        periode="2019")}
    assert duur == {"MAX_1_WEEK": "12,0", "MEER_DAN_5JAAR": "18,0", "ONBEKEND": "40,0"}
    assert not _rows(table, indicator_id="duur_geweld_eerste_melding")  # CBS counts all
    split = {r["categorie"] for r in _rows(table, indicator_id="meldingen_naar_melder",
                                           gebied_code="NL01", periode="2019",
                                           dimensie="melder_organisatie")}
    assert {"JV_POLITIE", "JV_OM"} <= split


def test_aard_of_adviezen_divides_by_all_adviezen(compared: tuple[pa.Table, Any, Any]) -> None:
    table = compared[0]
    nl = {r["categorie"]: r for r in _rows(table, indicator_id="adviezen_naar_aard",
                                            gebied_code="NL01", periode="2019")}
    # Partnergeweld 28830 + Ex-partnergeweld 11530 of 96100 adviezen (84847NED), not of the
    # 97060 aard mentions in 84850NED
    assert nl["PARTNERGEWELD"]["teller"] == 40360 and nl["PARTNERGEWELD"]["noemer"] == 96100
    assert nl["PARTNERGEWELD"]["weergave"] == "42,0"
    assert nl["KINDERMISHANDELING"]["weergave"] == "45,0"
    assert nl["KINDERMISHANDELING"]["bron"] == "CBS 84850NED: Adviezen"


def test_the_table_passes_the_publication_guards(compared: tuple[pa.Table, Any, list[str]]) -> None:
    table, sources, ids = compared
    check_benchmark_table(table, SETTINGS.rounding_base, ids)
    assert {s["tabel"] for s in sources} == {"03759ned", "84847NED", "84849NED", "84850NED",
                                             "85361NED"}
    levels = set(table.column("gebied_niveau").to_pylist())
    assert levels == {"gemeente", "vt_regio", "nederland"}


def test_without_cbs_figures_there_is_no_table(warehouse: Path) -> None:
    table, sources, _ids = _compare(warehouse)
    assert table is None and sources == []


def test_without_population_gemeenten_and_region_use_the_code_lists(
    warehouse: Path, data_dir: Path
) -> None:
    import_files([data_dir / "84847NED_kerncijfers.csv"], warehouse)
    table, sources, _ids = _compare(warehouse)
    assert table is not None
    [region] = _rows(table, indicator_id="meldingen_per_1000", gebied_code="VR_HAAGLANDEN",
                     periode="2019")
    assert region["bron"].endswith("inwoners: som van de gemeenten")
    assert not _rows(table, indicator_id="meldingen_per_1000", gebied_code="NL01")
    assert [s["tabel"] for s in sources] == ["84847NED"]


def test_small_cbs_counts_are_suppressed(warehouse: Path, tmp_path: Path) -> None:
    path = tmp_path / "84847NED_klein.csv"
    path.write_text('"Veilig Thuis; kerncijfers, regio"\n"";"";"Adviezen";"Meldingen"\n'
                    '"Regio\'s";"Perioden";"aantal";"aantal"\n'
                    '"Delft (gemeente)";"2019";"5";"12"\n', encoding="utf-8")
    import_files([path], warehouse)
    table, _sources, _ids = _compare(warehouse)
    assert table is not None
    [small] = _rows(table, indicator_id="adviezen_per_1000", gebied_code="GM0503")
    [rounded] = _rows(table, indicator_id="meldingen_per_1000", gebied_code="GM0503")
    assert small["weergave"] == "." and small["teller"] is None
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        own, _metadata = build_publication(con, "haaglanden", settings=SETTINGS)
    finally:
        con.close()
    own_hidden = {r["periode"] for r in own["meldingen_per_1000"].to_pylist()
                  if r["gebied_code"] == "GM0503" and r["onderdrukt"]}
    # 12 rounded to the base, unless the publication hides Delft's own figure for that year
    assert rounded["teller"] == (None if rounded["periode"] in own_hidden else 10)


def test_prepared_on_the_unrounded_results_it_is_the_same_table(imported_warehouse: Path) -> None:
    """The publication prepares the comparison from the unrounded results while the first
    suppression runs and follows the disclosed tables' suppression after: the same table."""
    from ketenmonitor.indicators.compute import compute_all

    con = duckdb.connect(str(imported_warehouse), read_only=True)
    try:
        tables, metadata = build_publication(con, "haaglanden", settings=SETTINGS)
        results = compute_all(con, "haaglanden")
        want = build_comparison(con, tables, metadata["periods"], load_catalogue(), SETTINGS)
        prepared = prepare_comparison(con, results, metadata["periods"], load_catalogue(),
                                      SETTINGS)
    finally:
        con.close()
    assert prepared is not None and want[0] is not None
    table, sources = prepared.finish(tables)
    assert table.equals(want[0]) and sources == want[1]
