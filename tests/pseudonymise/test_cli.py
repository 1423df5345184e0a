# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor pseudonymise`` and ``ketenmonitor sleutel maken`` through the Typer app."""

from __future__ import annotations

import stat
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import ketenmonitor.cli.pseudonymise  # noqa: F401  (registers the commands)
from ketenmonitor.cli.app import app
from ketenmonitor.sources.check import SourceCheck

from .conftest import FakeSource


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def fake_sources(monkeypatch: pytest.MonkeyPatch, export: list[FakeSource]) -> list[Any]:
    """Stand-in for ``ketenmonitor.sources`` (contract A) so these tests do not depend on it."""
    calls: list[Any] = []
    module = types.ModuleType("ketenmonitor.sources")

    def load_mapping(name: str) -> str:
        calls.append(("load_mapping", name))
        return f"mapping:{name}"

    def read_export(mapping: str, path: Path) -> list[FakeSource]:
        calls.append(("read_export", mapping, path))
        return export

    def check_export(tables: list[FakeSource], **_kwargs: Any) -> SourceCheck:
        return SourceCheck(rows={})

    module.load_mapping = load_mapping  # type: ignore[attr-defined]
    module.read_export = read_export  # type: ignore[attr-defined]
    module.check_export = check_export  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ketenmonitor.sources", module)
    return calls


def _args(tmp_path: Path, *extra: str) -> list[str]:
    (tmp_path / "export").mkdir(exist_ok=True)
    return ["pseudonymise", "--mapping", "veilig_thuis", "--invoer", str(tmp_path / "export"),
            "--periode", "2024-H1", "--partner", "vt_haaglanden",
            "--uitvoer", str(tmp_path / "leveringen"), *extra]


def test_sleutel_maken_creates_a_private_key_and_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "sleutels" / "km.key"
    runner = CliRunner()
    first = runner.invoke(app, ["sleutel", "maken", "--uitvoer", str(path)])
    assert first.exit_code == 0, first.output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text(encoding="ascii").strip() not in first.output
    second = runner.invoke(app, ["sleutel", "maken", "--uitvoer", str(path)])
    assert second.exit_code == 2
    assert (f"Het sleutelbestand {path} bestaat al; een bestaande sleutel wordt nooit "
            "overschreven.") in _flat(second.output)


def test_pseudonymise_refuses_without_key(tmp_path: Path, fake_sources: list[Any]) -> None:
    result = CliRunner().invoke(app, _args(tmp_path))
    assert result.exit_code == 2
    assert ("Er is geen pseudonimiseringssleutel opgegeven; zonder sleutel wordt niets "
            "gepseudonimiseerd.") in _flat(result.output)
    assert "ketenmonitor sleutel maken" in _flat(result.output)
    assert fake_sources == []  # refused before the export was read
    assert not (tmp_path / "leveringen").exists()


def test_pseudonymise_refuses_world_readable_key(tmp_path: Path, key_file: Path,
                                                 fake_sources: list[Any]) -> None:
    key_file.chmod(0o604)
    result = CliRunner().invoke(app, _args(tmp_path, "--sleutelbestand", str(key_file)))
    assert result.exit_code == 2
    assert "is toegankelijk voor andere gebruikers (rechten 0604)." in _flat(result.output)


def test_pseudonymise_writes_deliveries(tmp_path: Path, key_file: Path,
                                        fake_sources: list[Any]) -> None:
    result = CliRunner().invoke(app, _args(tmp_path, "--sleutelbestand", str(key_file)))
    assert result.exit_code == 0, result.output
    assert fake_sources[0] == ("load_mapping", "veilig_thuis")
    assert sorted(p.name for p in (tmp_path / "leveringen").iterdir()) == [
        "vt_haaglanden_betrokkene_2024-H1.manifest.json",
        "vt_haaglanden_betrokkene_2024-H1.manifest.json.sig",
        "vt_haaglanden_betrokkene_2024-H1.parquet",
        "vt_haaglanden_vt_bericht_2024-H1.manifest.json",
        "vt_haaglanden_vt_bericht_2024-H1.manifest.json.sig",
        "vt_haaglanden_vt_bericht_2024-H1.parquet",
    ]
    output = _flat(result.output)
    assert "tokens per seconde" in output
    assert "BSN ongeldig (elfproef), geen token" in output
    secret = key_file.read_text(encoding="ascii").strip()
    assert secret not in result.output
    for value in ("Annelies", "Verbruggen", "1985-04-12"):
        assert value not in result.output


def test_pseudonymise_with_key_from_environment(tmp_path: Path, fake_sources: list[Any],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETENMONITOR_KEY", "cd" * 32)
    result = CliRunner().invoke(app, _args(tmp_path))
    assert result.exit_code == 0, result.output


def test_pseudonymise_refuses_key_inside_output_folder(tmp_path: Path,
                                                       fake_sources: list[Any]) -> None:
    from ketenmonitor.pseudonymise import create_key_file

    key_path = tmp_path / "leveringen" / "k.key"
    create_key_file(key_path)
    result = CliRunner().invoke(app, _args(tmp_path, "--sleutelbestand", str(key_path)))
    assert result.exit_code == 2
    assert "de sleutel hoort niet naast de data." in _flat(result.output)


def test_pseudonymise_refuses_bad_period(tmp_path: Path, key_file: Path,
                                         fake_sources: list[Any]) -> None:
    args = _args(tmp_path, "--sleutelbestand", str(key_file))
    args[args.index("2024-H1")] = "2024-H3"
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "Periode '2024-H3' is ongeldig." in _flat(result.output)


def test_pseudonymise_with_bloom_fills_the_bloom_column(tmp_path: Path, key_file: Path,
                                                        fake_sources: list[Any]) -> None:
    import pyarrow.parquet as pq

    result = CliRunner().invoke(app, _args(tmp_path, "--sleutelbestand", str(key_file),
                                           "--bloom"), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    table = pq.read_table(tmp_path / "leveringen" / "vt_haaglanden_betrokkene_2024-H1.parquet")
    assert table.column("achternaam_bloom").null_count == 0
    assert table.column("voornaam_bloom").null_count < table.num_rows
    output = _flat(result.output)
    assert "Bloomfilters (voornaam, achternaam, alle namen, geboortedatum, postcode) │ 24" in output
    assert "Token achternaam_fonetisch_token │ 5" in output
    assert "Alleen voorletters, geen voornaam │ 0" in output
