# SPDX-License-Identifier: EUPL-1.2
"""Schema versions: 1.0 deliveries still load, 1.1 tokens and Bloom filters load, keys are logged."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from structlog.testing import capture_logs

from ketenmonitor.core.errors import ExitCode, InputRefused
from ketenmonitor.core.periods import Period
from ketenmonitor.delivery.files import delivery_arrow_schema, write_delivery
from ketenmonitor.delivery.manifest import read_manifest
from ketenmonitor.delivery.schema import BLOOM_BYTES, PartnerType
from ketenmonitor.ingest import IngestStatus, ingest_delivery
from ketenmonitor.ingest.replacement import Allowance, Rule

from .conftest import betrokkene_row, build_table, edit_manifest, events_for, token, write

TODAY = date(2025, 1, 15)
NEW_COLUMNS = ("voornaam_token", "initiaal_token", "achternaam_token", "achternaam2_token",
               "achternaam_fonetisch_token", "geboortedatum_token", "geboortejaar_token",
               "geboortedatum_wissel_token", "postcode_token", "huisnummer_token", "naam_bloom")


def _write_1_0(out: Path, rows: list[dict[str, Any]], key_id: str = "0123456789abcdef") -> Any:
    schema = delivery_arrow_schema("betrokkene", "1.0")
    table = pa.table({n: [r.get(n) for r in rows] for n in schema.names}, schema=schema)
    return write_delivery(table, partner="vt_haaglanden", partner_type=PartnerType.VEILIG_THUIS,
                          record_type="betrokkene", period=Period.parse("2024-H1"),
                          key_id=key_id, out_dir=out, schema_version="1.0")


def test_a_version_1_0_delivery_still_ingests(deliveries: Path,
                                              con: duckdb.DuckDBPyConnection) -> None:
    events_for(con, [betrokkene_row(0)])
    delivery = _write_1_0(deliveries, [betrokkene_row(0), betrokkene_row(1)])
    manifest = json.loads(delivery.manifest_path.read_text(encoding="utf-8"))
    assert manifest["schema_version"] == "1.0" and "rekeyed" not in manifest
    assert "voornaam_token" not in delivery_arrow_schema("betrokkene", "1.0").names
    result = ingest_delivery(con, delivery.manifest_path, today=TODAY)
    assert (result.status, result.rows_loaded) == (IngestStatus.GELADEN, 2)
    rows = con.execute(f"SELECT bsn_token, {', '.join(NEW_COLUMNS)} FROM betrokkene "
                       "ORDER BY volgnummer").fetchall()
    assert [r[0] for r in rows] == [token(0), token(1)]
    assert all(value is None for r in rows for value in r[1:])  # missing columns are null
    assert con.execute("SELECT schema_version, key_id, rekeyed FROM ledger "
                       "JOIN ledger_key USING (delivery_id)").fetchall() == [
        ("1.0", "0123456789abcdef", False)]


def test_version_1_1_tokens_and_bloom_filters_are_loaded(deliveries: Path,
                                                         con: duckdb.DuckDBPyConnection) -> None:
    bloom = bytes(range(BLOOM_BYTES))
    events_for(con, [betrokkene_row(0)])
    delivery = write(deliveries, "betrokkene", [
        betrokkene_row(0, voornaam_token=token(7), achternaam2_token=token(8), naam_bloom=bloom),
        betrokkene_row(1)])
    result = ingest_delivery(con, delivery.manifest_path, today=TODAY)
    assert result.status is IngestStatus.GELADEN
    assert con.execute("SELECT voornaam_token, achternaam2_token, naam_bloom FROM betrokkene "
                       "ORDER BY volgnummer").fetchall() == [(token(7), token(8), bloom),
                                                             (None, None, None)]


def test_tokens_and_bloom_filters_of_the_wrong_length_are_quarantined(
        deliveries: Path, con: duckdb.DuckDBPyConnection) -> None:
    events_for(con, [betrokkene_row(0), betrokkene_row(2)])
    delivery = write(deliveries, "betrokkene", [
        betrokkene_row(0, postcode_token=b"kort"), betrokkene_row(1, naam_bloom=b"\x00" * 32),
        betrokkene_row(2)])
    result = ingest_delivery(con, delivery.manifest_path, today=TODAY)
    assert (result.status, result.rows_loaded, result.rows_quarantined) == (
        IngestStatus.DEELS_GELADEN, 1, 2)
    assert con.execute("SELECT row_number, reason_code, field, message FROM quarantine "
                       "ORDER BY row_number").fetchall() == [
        (1, "token_ongeldig", "postcode_token",
         "Rij 1: het token in kolom postcode_token is 4 bytes lang in plaats van 32. Maak de "
         "levering opnieuw met 'ketenmonitor pseudonymise'."),
        (2, "bloomfilter_ongeldig", "naam_bloom",
         "Rij 2: het Bloomfilter in kolom naam_bloom is 32 bytes lang in plaats van 64. Maak de "
         "levering opnieuw met 'ketenmonitor pseudonymise'."),
    ]


def test_a_1_0_delivery_with_1_1_columns_is_refused(deliveries: Path,
                                                    con: duckdb.DuckDBPyConnection) -> None:
    delivery = write(deliveries, "betrokkene", [betrokkene_row(0)])
    edit_manifest(delivery, schema_version="1.0", rekeyed=None)
    with pytest.raises(InputRefused) as caught:
        ingest_delivery(con, delivery.manifest_path, today=TODAY)
    assert caught.value.code == "kolommen_extra"
    assert "voornaam_token" in caught.value.message


@pytest.mark.parametrize(
    ("changes", "code"),
    [({"rekeyed": None}, "manifest_onvolledig"),
     ({"rekeyed": "ja"}, "manifest_waarde"),
     ({"schema_version": "1.0"}, "manifest_onbekende_velden")],  # 1.0 has no 'rekeyed'
)
def test_the_rekeyed_flag_belongs_to_version_1_1(deliveries: Path, changes: dict[str, Any],
                                                 code: str) -> None:
    delivery = write(deliveries, "vt_bericht", [])
    edit_manifest(delivery, **changes)
    with pytest.raises(InputRefused) as caught:
        read_manifest(delivery.manifest_path)
    assert caught.value.code == code


def test_a_second_key_is_refused_unless_allowed_with_a_reason(
        deliveries: Path, tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    first = _write_1_0(deliveries, [betrokkene_row(0)], key_id="aaaaaaaaaaaaaaaa")
    ingest_delivery(con, first.manifest_path, today=TODAY)
    other = write_delivery(
        build_table("betrokkene", [betrokkene_row(4)]), partner="politie_haaglanden",
        partner_type=PartnerType.POLITIE, record_type="betrokkene",
        period=Period.parse("2024-H1"), key_id="bbbbbbbbbbbbbbbb", out_dir=tmp_path / "politie")
    with pytest.raises(InputRefused) as caught:
        ingest_delivery(con, other.manifest_path, today=TODAY)
    assert caught.value.code == "sleutel_wijkt_af"
    assert caught.value.exit_code == ExitCode.REFUSED
    allowance = Allowance(frozenset({Rule.SLEUTEL}), "sleutelwissel regio 2024")
    with capture_logs() as logs:
        ingest_delivery(con, other.manifest_path, today=TODAY, allowance=allowance)
    lifted = [e for e in logs if e["event"] == "regel_opgeheven"]
    assert len(lifted) == 1 and lifted[0]["other_key_ids"] == ["aaaaaaaaaaaaaaaa"]
    assert lifted[0]["reason"] == "sleutelwissel regio 2024"
    assert lifted[0]["log_level"] == "warning"
    assert con.execute("SELECT partner, key_id, rekeyed FROM ledger JOIN ledger_key "
                       "USING (delivery_id) ORDER BY partner").fetchall() == [
        ("politie_haaglanden", "bbbbbbbbbbbbbbbb", False),
        ("vt_haaglanden", "aaaaaaaaaaaaaaaa", False)]
