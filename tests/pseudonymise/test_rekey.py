# SPDX-License-Identifier: EUPL-1.2
"""Double pseudonymisation by a trusted third party (``ketenmonitor rekey``)."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import ketenmonitor.cli.pseudonymise  # noqa: F401  (registers the commands)
from ketenmonitor.cli.app import app
from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.periods import Period
from ketenmonitor.delivery.files import delivery_arrow_schema, write_delivery
from ketenmonitor.delivery.schema import BETROKKENE, SCHEMA_VERSION, PartnerType
from ketenmonitor.ingest import IngestStatus, ingest_paths
from ketenmonitor.pseudonymise import PseudonymKey, create_key_file, pseudonymise_tables
from ketenmonitor.pseudonymise.bloom import dice
from ketenmonitor.pseudonymise.identity import BLOOM_FIELD, BLOOM_FIELDS, FIELD_KEYS
from ketenmonitor.pseudonymise.rekey import rekey_deliveries
from ketenmonitor.warehouse import connect

from .conftest import FakeSource

PERIOD = Period.parse("2024-H1")
SOURCE = PseudonymKey(secret=b"\x11" * 32)
TTP = PseudonymKey(secret=b"\x22" * 32)
TOKEN_COLUMNS = list(FIELD_KEYS)


def _partner(export: list[FakeSource], partner: str, out: Path) -> Path:
    pseudonymise_tables(export, key=SOURCE, partner=partner, period=PERIOD, out_dir=out,
                        bloom=True)
    return out


def _betrokkene(folder: Path, partner: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(
        folder / f"{partner}_betrokkene_2024-H1.parquet").to_pylist()
    return rows


def test_rekey_changes_every_token_and_equals_hmac_of_the_source_token(
        export: list[FakeSource], tmp_path: Path) -> None:
    source = _partner(export, "vt_haaglanden", tmp_path / "partner")
    results = rekey_deliveries([source], TTP, tmp_path / "ttp")
    assert {r.delivery.record_type for r in results} == {"vt_bericht", "betrokkene"}
    before = _betrokkene(source, "vt_haaglanden")
    after = _betrokkene(tmp_path / "ttp", "vt_haaglanden")
    changed = 0
    for old, new in zip(before, after, strict=True):
        for column in TOKEN_COLUMNS:
            if old[column] is None:
                assert new[column] is None
                continue
            expected = hmac.new(TTP.field_key(FIELD_KEYS[column]), old[column],
                                hashlib.sha256).digest()
            assert new[column] == expected != old[column]
            changed += 1
        assert all(new[c] != old[c] for c in BLOOM_FIELDS if old[c] is not None)
        assert new[BLOOM_FIELD] is None is old[BLOOM_FIELD]  # the 1.1 filter is not written
        encoded = [*TOKEN_COLUMNS, BLOOM_FIELD, *BLOOM_FIELDS]
        assert {k: v for k, v in new.items() if k not in encoded} == {
            k: v for k, v in old.items() if k not in encoded}
    assert changed > 30
    # Bloom filters are permuted: similarities between records stay exactly the same
    for column in BLOOM_FIELDS:
        assert dice(after[0][column], after[2][column]) == dice(before[0][column],
                                                                before[2][column])
    betrokkene = next(r for r in results if r.delivery.record_type == "betrokkene")
    assert set(betrokkene.token_columns) == {*TOKEN_COLUMNS, BLOOM_FIELD, *BLOOM_FIELDS}
    assert betrokkene.source_key_id == SOURCE.key_id


def test_two_partners_match_after_rekeying_with_the_same_ttp_key(
        export: list[FakeSource], tmp_path: Path) -> None:
    one = _partner(export, "vt_haaglanden", tmp_path / "a")
    two = _partner([*export[:1], FakeSource("betrokkene", Path("b.csv"), export[1].table.slice(0, 3))],
                   "vt_hollands_midden", tmp_path / "b")
    rekey_deliveries([one], TTP, tmp_path / "ttp")
    rekey_deliveries([two], TTP, tmp_path / "ttp")
    rows_one = _betrokkene(tmp_path / "ttp", "vt_haaglanden")
    rows_two = _betrokkene(tmp_path / "ttp", "vt_hollands_midden")
    for a, b in zip(rows_one[:3], rows_two, strict=True):
        for column in [*TOKEN_COLUMNS, BLOOM_FIELD]:
            assert a[column] == b[column], column
    other_ttp = PseudonymKey(secret=b"\x33" * 32)
    rekey_deliveries([two], other_ttp, tmp_path / "other")
    rows_other = _betrokkene(tmp_path / "other", "vt_hollands_midden")
    assert rows_other[0]["bsn_token"] not in {r["bsn_token"] for r in rows_one}


def test_rekeyed_manifest_is_valid_for_ingest(export: list[FakeSource], tmp_path: Path) -> None:
    source = _partner(export, "vt_haaglanden", tmp_path / "partner")
    results = rekey_deliveries([source], TTP, tmp_path / "ttp")
    for result in results:
        manifest = json.loads(result.delivery.manifest_path.read_text(encoding="utf-8"))
        assert manifest["key_id"] == TTP.key_id
        assert manifest["rekeyed"] is True
        assert manifest["schema_version"] == SCHEMA_VERSION
        data = result.delivery.parquet_path.read_bytes()
        assert manifest["checksum"] == hashlib.sha256(data).hexdigest()
    con = connect(tmp_path / "warehouse.duckdb")
    report = ingest_paths([tmp_path / "ttp"], con=con)
    assert [r.status for r in report.results] == [IngestStatus.GELADEN, IngestStatus.GELADEN]
    ledger = con.execute("SELECT record_type, key_id, rekeyed FROM ledger "
                         "JOIN ledger_key USING (delivery_id) ORDER BY 1").fetchall()
    assert ledger == [("betrokkene", TTP.key_id, True), ("vt_bericht", TTP.key_id, True)]
    loaded = con.execute(  # persons whose event is not in this small export are held back
        "SELECT bsn_token FROM (SELECT * FROM betrokkene UNION ALL "
        "SELECT * FROM betrokkene_achtergehouden) ORDER BY bron_id, volgnummer").fetchall()
    assert [r[0] for r in loaded] == [r["bsn_token"] for r in _betrokkene(tmp_path / "ttp",
                                                                          "vt_haaglanden")]
    con.close()


def test_rekey_upgrades_a_version_1_0_delivery(tmp_path: Path) -> None:
    schema = delivery_arrow_schema("betrokkene", "1.0")
    token = hashlib.sha256(b"bsn").digest()
    table = pa.table({"bron_id": ["VT-1"], "volgnummer": ["1"], "rol": ["SLACHTOFFER"],
                      "bsn_token": [token], "adres_token": [None], "geslacht": ["V"],
                      "leeftijdsklasse": ["25-44"]}, schema=schema)
    write_delivery(table, partner="vt_haaglanden", partner_type=PartnerType.VEILIG_THUIS,
                   record_type="betrokkene", period=PERIOD, key_id=SOURCE.key_id,
                   out_dir=tmp_path / "oud", schema_version="1.0")
    [result] = rekey_deliveries([tmp_path / "oud"], TTP, tmp_path / "ttp")
    [row] = pq.read_table(result.delivery.parquet_path).to_pylist()
    assert list(row) == BETROKKENE.field_names
    assert row["bsn_token"] == hmac.new(TTP.field_key("bsn"), token, hashlib.sha256).digest()
    assert row["voornaam_token"] is None and row[BLOOM_FIELD] is None


def test_rekey_refuses_an_already_rekeyed_delivery(export: list[FakeSource],
                                                   tmp_path: Path) -> None:
    source = _partner(export, "vt_haaglanden", tmp_path / "partner")
    rekey_deliveries([source], TTP, tmp_path / "ttp")
    with pytest.raises(InputRefused) as caught:
        rekey_deliveries([tmp_path / "ttp"], TTP, tmp_path / "twice")
    assert caught.value.code == "al_omgezet"
    assert not (tmp_path / "twice").exists()


def test_rekey_refuses_to_overwrite_its_input(export: list[FakeSource], tmp_path: Path) -> None:
    source = _partner(export, "vt_haaglanden", tmp_path / "partner")
    before = {p.name: p.read_bytes() for p in source.iterdir()}
    with pytest.raises(InputRefused) as caught:
        rekey_deliveries([source], TTP, source)
    assert caught.value.code == "uitvoer_is_invoer"
    assert {p.name: p.read_bytes() for p in source.iterdir()} == before


def test_rekey_refuses_a_tampered_delivery(export: list[FakeSource], tmp_path: Path) -> None:
    source = _partner(export, "vt_haaglanden", tmp_path / "partner")
    path = source / "vt_haaglanden_betrokkene_2024-H1.parquet"
    pq.write_table(pq.read_table(path).slice(0, 2), path)
    with pytest.raises(InputRefused) as caught:
        rekey_deliveries([source], TTP, tmp_path / "ttp")
    assert caught.value.code == "controlesom"
    assert not (tmp_path / "ttp").exists()


def _cli(tmp_path: Path, *extra: str) -> Any:
    return CliRunner().invoke(app, ["rekey", "--invoer", str(tmp_path / "partner"),
                                    "--uitvoer", str(tmp_path / "ttp"), *extra],
                              env={"COLUMNS": "200"})


def test_rekey_command_refuses_without_key(export: list[FakeSource], tmp_path: Path) -> None:
    _partner(export, "vt_haaglanden", tmp_path / "partner")
    result = _cli(tmp_path)
    assert result.exit_code == 2
    assert "Er is geen pseudonimiseringssleutel opgegeven" in " ".join(result.output.split())
    assert not (tmp_path / "ttp").exists()


def test_rekey_command_writes_rekeyed_deliveries(export: list[FakeSource], tmp_path: Path) -> None:
    _partner(export, "vt_haaglanden", tmp_path / "partner")
    key_path = tmp_path / "sleutels" / "ttp.key"
    ttp = create_key_file(key_path)
    result = _cli(tmp_path, "--sleutelbestand", str(key_path))
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert ttp.key_id in output and SOURCE.key_id in output
    assert key_path.read_text(encoding="ascii").strip() not in result.output
    assert len(list((tmp_path / "ttp").glob("*.manifest.json"))) == 2
