# SPDX-License-Identifier: EUPL-1.2
"""Signed manifests: once the region's public key is registered, a relabelled manifest, a forged
key fingerprint or a missing signature is refused; the monitor never needs the secret key."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import ketenmonitor.cli.pseudonymise  # noqa: F401  (registers the command)
from ketenmonitor.cli.app import app
from ketenmonitor.core.errors import ExitCode, InputRefused
from ketenmonitor.delivery.signing import sign_manifest, signature_path, verification_key
from ketenmonitor.ingest import ingest_paths
from ketenmonitor.ingest.authenticity import register_key
from ketenmonitor.pseudonymise.keys import PseudonymKey

from .conftest import DeliveryFiles, flat, run_ingest, vt_row, write

REGION = PseudonymKey(secret=bytes(range(32)), source="test")
OTHER = PseudonymKey(secret=bytes(range(1, 33)), source="test")


def _signed(out: Path, key: PseudonymKey = REGION) -> DeliveryFiles:
    delivery = write(out, "vt_bericht", [vt_row(i) for i in range(4)])
    sign_manifest(delivery.manifest_path, key)
    return delivery


def _codes(deliveries: Path, con: duckdb.DuckDBPyConnection) -> list[str | None]:
    report = ingest_paths([deliveries], con=con, verification_key=verification_key(REGION))
    return [r.error.code if r.error else None for r in report.results]


def test_signed_delivery_loads(deliveries: Path, con: duckdb.DuckDBPyConnection) -> None:
    _signed(deliveries)
    assert _codes(deliveries, con) == [None]


@pytest.mark.parametrize("change", [{"partner": "politie_haaglanden"},
                                    {"delivery_id": "vt_haaglanden.vt_bericht.2024-H1.000000000000"},
                                    {"key_id": "ffffffffffffffff"}])
def test_relabelled_or_forged_manifest_is_refused(
        deliveries: Path, con: duckdb.DuckDBPyConnection, change: dict[str, str]) -> None:
    delivery = _signed(deliveries)
    data = json.loads(delivery.manifest_path.read_text(encoding="utf-8"))
    data.update(change)
    delivery.manifest_path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    assert _codes(deliveries, con) == ["handtekening_ongeldig"]
    assert con.execute("SELECT count(*) FROM ledger").fetchall() == [(0,)]


def test_signed_with_another_key_or_unsigned_is_refused(
        tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    _signed(tmp_path / "ander", OTHER)
    assert _codes(tmp_path / "ander", con) == ["handtekening_ongeldig"]
    unsigned = write(tmp_path / "zonder", "vt_bericht", [vt_row(1)])
    assert not signature_path(unsigned.manifest_path).exists()
    assert _codes(tmp_path / "zonder", con) == ["handtekening_ontbreekt"]


def test_without_a_registered_key_unsigned_deliveries_still_load(
        deliveries: Path, con: duckdb.DuckDBPyConnection) -> None:
    write(deliveries, "vt_bericht", [vt_row(1)])
    assert [r.error for r in ingest_paths([deliveries], con=con).results] == [None]


def test_a_second_different_region_key_is_refused(con: duckdb.DuckDBPyConnection) -> None:
    assert register_key(con, verification_key(REGION)) is True
    assert register_key(con, verification_key(REGION)) is False
    with pytest.raises(InputRefused) as caught:
        register_key(con, verification_key(OTHER))
    assert caught.value.code == "regiosleutel_anders"


def test_cli_exports_the_public_key_and_ingest_registers_it(
        tmp_path: Path, warehouse: Path, deliveries: Path) -> None:
    key_file = tmp_path / "sleutel" / "sleutel.hex"
    key_file.parent.mkdir()
    key_file.write_text(REGION.secret.hex() + "\n", encoding="ascii")
    key_file.chmod(0o600)
    public = tmp_path / "regiosleutel.pub"
    made = CliRunner().invoke(app, ["sleutel", "publiek", "--sleutelbestand", str(key_file),
                                    "--uitvoer", str(public)])
    assert made.exit_code == 0, made.output
    assert public.read_text(encoding="ascii").strip() == verification_key(REGION)
    assert REGION.secret.hex() not in public.read_text(encoding="ascii")
    delivery = _signed(deliveries)
    result = run_ingest(warehouse, "--regiosleutel", str(public), str(deliveries))
    assert result.exit_code == ExitCode.OK, result.output
    delivery.manifest_path.write_text(delivery.manifest_path.read_text(encoding="utf-8").replace(
        "vt_haaglanden", "vt_rotterdam"), encoding="utf-8")
    refused = run_ingest(warehouse, str(deliveries))
    assert refused.exit_code == ExitCode.REFUSED
    assert "is niet ondertekend met de sleutel van de regio" in flat(refused.output)
