# SPDX-License-Identifier: EUPL-1.2
"""Every kind of bad input: exact Dutch message, exit code, rows in = loaded + quarantined.

Row problems quarantine the row (exit 1); file problems refuse the whole delivery (exit 2) and
leave the warehouse untouched.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from .conftest import (
    assert_balanced,
    betrokkene_row,
    build_table,
    count,
    edit_manifest,
    events_for,
    flat,
    ledger,
    lt_row,
    quarantine,
    run_ingest,
    token,
    vt_row,
    write,
)

# The ingest's clock is frozen (fixture below): a message naming "today" must not depend on the
# day the suite runs, nor change when a run crosses midnight.
TODAY = date(2026, 6, 15)
FUTURE = TODAY + timedelta(days=30)

ROW_CASES: dict[str, tuple[str, list[dict[str, Any]], list[tuple[int, str, str, str]]]] = {
    "onbekende gemeentecode": (
        "vt_bericht", [vt_row(1), vt_row(2, gemeente="GM9999"), vt_row(3)],
        [(2, "gemeente_onbekend", "gemeente",
          "Rij 2: de gemeentecode 'GM9999' in kolom gemeente is onbekend. Gebruik een "
          "CBS-gemeentecode zoals GM0518.")],
    ),
    "gemeente bestond niet op de datum": (
        "vt_bericht", [vt_row(1), vt_row(2, gemeente="GM0576"), vt_row(3)],
        [(2, "gemeente_ongeldig", "gemeente",
          "Rij 2: gemeente GM0576 in kolom gemeente bestond niet op 2024-03-03. Gebruik de "
          "gemeentecode die op die datum gold.")],
    ),
    "ongeldige datum": (
        "vt_bericht", [vt_row(1), vt_row(2, datum_ontvangst="31-02-2024"), vt_row(3)],
        [(2, "datum_ongeldig", "datum_ontvangst",
          "Rij 2: de datum '31-02-2024' in kolom datum_ontvangst bestaat niet. Gebruik een "
          "geldige datum (jjjj-mm-dd).")],
    ),
    "datum in de toekomst": (
        "vt_bericht", [vt_row(1), vt_row(2, datum_afsluiting=FUTURE.isoformat()), vt_row(3)],
        [(2, "datum_toekomst", "datum_afsluiting",
          f"Rij 2: de datum {FUTURE.isoformat()} in kolom datum_afsluiting ligt in de toekomst "
          f"(na {TODAY.isoformat()}). Controleer de datum; een registratie kan niet na "
          "vandaag liggen.")],
    ),
    "onbekende codelijstwaarde": (
        "vt_bericht", [vt_row(1), vt_row(2, soort="SPOED"), vt_row(3)],
        [(2, "code_onbekend", "soort",
          "Rij 2: de waarde 'SPOED' in kolom soort staat niet in de codelijst soort_bericht. "
          "Gebruik een code uit die codelijst of vul de vertaling aan in de mapping.")],
    ),
    "onbekende waarde in een meervoudige code": (
        "vt_bericht", [vt_row(1), vt_row(2, aard="KINDERMISHANDELING|STALKING"), vt_row(3)],
        [(2, "code_onbekend", "aard",
          "Rij 2: de waarde 'STALKING' in kolom aard staat niet in de codelijst aard. Gebruik "
          "een code uit die codelijst of vul de vertaling aan in de mapping.")],
    ),
    "dubbele rijen": (
        "vt_bericht", [vt_row(1), vt_row(2), vt_row(1), vt_row(1)],
        [(3, "dubbel", "bericht_id",
          "Rij 3: de sleutel bericht_id = VT-1 komt al voor in rij 1. Lever elk record maar "
          "één keer."),
         (4, "dubbel", "bericht_id",
          "Rij 4: de sleutel bericht_id = VT-1 komt al voor in rij 1. Lever elk record maar "
          "één keer.")],
    ),
    "verplichte kolom leeg": (
        "vt_bericht", [vt_row(1), vt_row(2, melder_rol="  "), vt_row(3)],
        [(2, "verplicht_leeg", "melder_rol",
          "Rij 2: de verplichte kolom melder_rol is leeg. Vul een waarde in.")],
    ),
    "datum buiten de periode": (
        "vt_bericht", [vt_row(1), vt_row(2, datum_ontvangst="2024-07-02"), vt_row(3)],
        [(2, "buiten_periode", "datum_ontvangst",
          "Rij 2: de datum 2024-07-02 in kolom datum_ontvangst valt buiten de periode 2024-H1 "
          "van de levering (2024-01-01 t/m 2024-06-30). Lever dit record in de levering voor "
          "de juiste periode.")],
    ),
    "geen ja/nee-waarde": (
        "vt_bericht", [vt_row(1), vt_row(2, acute_onveiligheid="Ja"), vt_row(3)],
        [(2, "ja_nee_ongeldig", "acute_onveiligheid",
          "Rij 2: 'Ja' in kolom acute_onveiligheid is geen ja/nee-waarde. Gebruik true of "
          "false.")],
    ),
    "getallen ongeldig of buiten bereik": (
        "lt_traject",
        [lt_row(1), lt_row(2, sos_afsluiting="11"), lt_row(3, sos_intake="7,5"),
         lt_row(4, uren_inzet="twaalf"), lt_row(5, uren_inzet="-1")],
        [(2, "buiten_bereik", "sos_afsluiting",
          "Rij 2: de waarde 11 in kolom sos_afsluiting ligt buiten het toegestane bereik "
          "(0 tot en met 10). Corrigeer de waarde."),
         (3, "geheel_getal_ongeldig", "sos_intake",
          "Rij 3: '7,5' in kolom sos_intake is geen geheel getal. Gebruik alleen cijfers, "
          "zoals 7."),
         (4, "decimaal_ongeldig", "uren_inzet",
          "Rij 4: 'twaalf' in kolom uren_inzet is geen getal. Gebruik cijfers met een punt als "
          "decimaalteken, zoals 12.5."),
         (5, "buiten_bereik", "uren_inzet",
          "Rij 5: de waarde -1 in kolom uren_inzet ligt buiten het toegestane bereik (0 tot en "
          "met 9999999.99). Corrigeer de waarde.")],
    ),
    "token niet 32 bytes": (
        "betrokkene", [betrokkene_row(1), betrokkene_row(2, bsn_token=token(2)[:31])],
        [(2, "token_ongeldig", "bsn_token",
          "Rij 2: het token in kolom bsn_token is 31 bytes lang in plaats van 32. Maak de "
          "levering opnieuw met 'ketenmonitor pseudonymise'.")],
    ),
}


class _FrozenDate(date):
    @classmethod
    def today(cls) -> _FrozenDate:
        return cls(TODAY.year, TODAY.month, TODAY.day)


@pytest.fixture()
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ketenmonitor.ingest.service.date", _FrozenDate)


@pytest.mark.usefixtures("frozen_today")
@pytest.mark.parametrize("case", list(ROW_CASES))
def test_bad_rows_are_quarantined(case: str, deliveries: Path, warehouse: Path) -> None:
    record_type, rows, expected = ROW_CASES[case]
    if record_type == "betrokkene":
        events_for(warehouse, rows)
    delivery = write(deliveries, record_type, rows)
    result = run_ingest(warehouse, str(delivery.manifest_path))
    assert result.exit_code == 1, result.output
    assert quarantine(warehouse, delivery.delivery_id) == expected
    bad_rows = len({e[0] for e in expected})
    [entry] = ledger(warehouse)
    assert entry["status"] == "deels_geladen"
    assert (entry["rows_in"], entry["rows_loaded"], entry["rows_quarantined"]) == (
        len(rows), len(rows) - bad_rows, bad_rows)
    assert_balanced(warehouse)
    assert count(warehouse, record_type) == len(rows) - bad_rows
    output = flat(result.output)
    for message in [e[3] for e in expected]:
        assert message in output
    listed = run_ingest(warehouse, "--quarantaine", delivery.delivery_id)
    assert listed.exit_code == 0
    for message in [e[3] for e in expected]:
        assert message in flat(listed.output)


def _refused(warehouse: Path, path: Path, message: str, record_type: str = "vt_bericht") -> None:
    result = run_ingest(warehouse, str(path))
    assert result.exit_code == 2, result.output
    assert message in flat(result.output)
    assert ledger(warehouse) == []
    assert count(warehouse, record_type) == 0
    assert count(warehouse, "quarantine") == 0


@pytest.fixture
def good(deliveries: Path) -> Any:
    return write(deliveries, "vt_bericht", [vt_row(1), vt_row(2), vt_row(3)])


def test_truncated_parquet_is_refused(good: Any, warehouse: Path) -> None:
    data = good.parquet_path.read_bytes()
    good.parquet_path.write_bytes(data[: len(data) // 2])
    _refused(warehouse, good.manifest_path,
             "Het Parquet-bestand vt_haaglanden_vt_bericht_2024-H1.parquet is onleesbaar of "
             "afgebroken. Oplossing: Het bestand is waarschijnlijk niet volledig gekopieerd.")


def test_checksum_mismatch_is_refused(good: Any, deliveries: Path, warehouse: Path) -> None:
    old_manifest = good.manifest_path.read_text(encoding="utf-8")
    other = write(deliveries, "vt_bericht", [vt_row(1), vt_row(2), vt_row(4)])
    good.manifest_path.write_text(old_manifest, encoding="utf-8")
    _refused(warehouse, good.manifest_path,
             "De controlesom van vt_haaglanden_vt_bericht_2024-H1.parquet klopt niet met het "
             f"manifest (manifest {good.manifest['checksum'][:12]}, bestand "
             f"{other.manifest['checksum'][:12]}).")


def test_row_count_mismatch_is_refused(good: Any, warehouse: Path) -> None:
    edit_manifest(good, row_count=5)
    _refused(warehouse, good.manifest_path,
             "Het manifest vt_haaglanden_vt_bericht_2024-H1.manifest.json noemt 5 rijen, maar "
             "vt_haaglanden_vt_bericht_2024-H1.parquet bevat er 3.")


def test_unsupported_schema_version_is_refused(good: Any, warehouse: Path) -> None:
    edit_manifest(good, schema_version="2.0")
    _refused(warehouse, good.manifest_path,
             "Levering vt_haaglanden_vt_bericht_2024-H1.manifest.json heeft schemaversie '2.0'; "
             "deze ketenmonitor ondersteunt alleen 1.0, 1.1, 1.2, 1.3, 1.4.")


def test_extra_column_is_refused(deliveries: Path, warehouse: Path) -> None:
    table = build_table("vt_bericht", [vt_row(1)]).append_column("naam", pa.array(["Jansen"]))
    delivery = write(deliveries, "vt_bericht", [], table=table)
    _refused(warehouse, delivery.manifest_path,
             "Het bestand vt_haaglanden_vt_bericht_2024-H1.parquet bevat kolommen die niet in het "
             "aanleverformaat staan: naam.")


def test_missing_column_is_refused(deliveries: Path, warehouse: Path) -> None:
    table = build_table("vt_bericht", [vt_row(1)]).drop_columns(["soort", "aard"])
    delivery = write(deliveries, "vt_bericht", [], table=table)
    _refused(warehouse, delivery.manifest_path,
             "In vt_haaglanden_vt_bericht_2024-H1.parquet ontbreken de kolommen: soort, aard.")


def test_wrong_column_type_is_refused(deliveries: Path, warehouse: Path) -> None:
    table = build_table("lt_traject", [lt_row(1)])
    table = table.set_column(table.schema.get_field_index("sos_intake"), "sos_intake",
                             pa.array([3], pa.int64()))
    delivery = write(deliveries, "lt_traject", [], table=table)
    _refused(warehouse, delivery.manifest_path,
             "Kolom sos_intake in vt_haaglanden_lt_traject_2024-H1.parquet heeft type int64; "
             "verwacht tekst.", record_type="lt_traject")


def test_parquet_without_manifest_is_refused(good: Any, warehouse: Path) -> None:
    good.manifest_path.unlink()
    _refused(warehouse, good.parquet_path,
             "Bij vt_haaglanden_vt_bericht_2024-H1.parquet ontbreekt het manifest "
             "vt_haaglanden_vt_bericht_2024-H1.manifest.json.")


def test_orphan_parquet_in_a_directory_is_refused(good: Any, deliveries: Path,
                                                  warehouse: Path) -> None:
    good.manifest_path.unlink()
    _refused(warehouse, deliveries, "Bij vt_haaglanden_vt_bericht_2024-H1.parquet ontbreekt het "
                                    "manifest")


def test_manifest_missing_a_field_is_refused(good: Any, warehouse: Path) -> None:
    edit_manifest(good, key_id=None)
    _refused(warehouse, good.manifest_path,
             "In het manifest vt_haaglanden_vt_bericht_2024-H1.manifest.json ontbreken de velden: "
             "key_id.")


def test_manifest_with_unknown_field_is_refused(good: Any, warehouse: Path) -> None:
    edit_manifest(good, opmerking="handmatig")
    _refused(warehouse, good.manifest_path,
             "Het manifest vt_haaglanden_vt_bericht_2024-H1.manifest.json bevat onbekende velden: "
             "opmerking.")


def test_manifest_that_is_not_json_is_refused(good: Any, warehouse: Path) -> None:
    good.manifest_path.write_text("{niet af", encoding="utf-8")
    _refused(warehouse, good.manifest_path,
             "Het manifest vt_haaglanden_vt_bericht_2024-H1.manifest.json is geen geldig "
             "JSON-object.")


def test_tampered_delivery_id_is_refused(good: Any, warehouse: Path) -> None:
    edit_manifest(good, delivery_id="vt_haaglanden.vt_bericht.2024-H1.000000000000")
    _refused(warehouse, good.manifest_path,
             "Het leveringsnummer 'vt_haaglanden.vt_bericht.2024-H1.000000000000' in het manifest "
             "vt_haaglanden_vt_bericht_2024-H1.manifest.json past niet bij partner, soort, "
             f"periode en controlesom (verwacht {good.delivery_id}).")


@pytest.mark.parametrize(("field", "value"), [
    ("record_type", "politie_incident"), ("partner_type", "opvang"), ("period", "2024-H3"),
    ("row_count", "3"), ("checksum", "abc"), ("partner", "VT Haaglanden"),
])
def test_impossible_manifest_values_are_refused(good: Any, warehouse: Path, field: str,
                                                value: str) -> None:
    edit_manifest(good, **{field: value})
    _refused(warehouse, good.manifest_path,
             "Het manifest vt_haaglanden_vt_bericht_2024-H1.manifest.json heeft een ongeldige "
             f"waarde in veld {field}: '{value}'.")


def test_worst_exit_code_over_several_deliveries(deliveries: Path, warehouse: Path) -> None:
    write(deliveries, "vt_bericht", [vt_row(1), vt_row(2, soort="X")])
    write(deliveries, "lt_traject", [lt_row(1)], partner="lt_delft")
    broken = write(deliveries, "mda_casus", [], partner="mda_haaglanden", table=build_table(
        "mda_casus", [{"mda_id": "M1", "gemeente": "GM0518", "datum_aanmelding": "2024-01-05"}]))
    edit_manifest(broken, schema_version="0.9")
    result = run_ingest(warehouse, str(deliveries))
    assert result.exit_code == 2
    statuses = {e["file_name"]: e["status"] for e in ledger(warehouse)}
    assert statuses == {"vt_haaglanden_vt_bericht_2024-H1.parquet": "deels_geladen",
                        "lt_delft_lt_traject_2024-H1.parquet": "geladen"}
    assert_balanced(warehouse)
    assert "heeft schemaversie '0.9'" in flat(result.output)


def test_path_that_does_not_exist_is_refused(tmp_path: Path, warehouse: Path) -> None:
    missing = tmp_path / "weg.parquet"
    _refused(warehouse, missing, f"Het bestand {missing} bestaat niet.")
