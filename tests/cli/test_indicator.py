# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor indicator list|show``: the catalogue, one definition and its SQL, in Dutch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from rich.console import Console
from typer.testing import CliRunner

import ketenmonitor.cli.indicator as indicator_cli
from ketenmonitor.cli.app import app
from ketenmonitor.core.periods import Period
from ketenmonitor.indicators.catalogue import load_catalogue
from ketenmonitor.indicators.compiler import compile_indicator
from ketenmonitor.indicators.example import EXAMPLE_YAML
from ketenmonitor.indicators.periods import reporting_periods

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A wide console, so the SQL and table cells are not wrapped in the captured output."""
    monkeypatch.setattr(indicator_cli, "console", Console(width=250, highlight=False))
    yield


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["indicator", *args])
    return result.exit_code, result.output


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_list_shows_every_indicator_by_theme() -> None:
    code, out = _run("list")
    assert code == 0, out
    catalogue = load_catalogue()
    assert f"Indicatorcatalogus ({len(catalogue)} indicatoren)" in out
    for defn in catalogue.values():
        assert defn.id in out
    assert "Verbinding zorg en veiligheid" in out and "per 1.000 inwoners" in out


def test_list_filters_on_theme() -> None:
    code, out = _run("list", "--thema", "outcome")
    assert code == 0, out
    assert "nieuwe_melding_na_afsluiting" in out and "meldingen_per_1000" not in out
    code, out = _run("list", "--thema", "bestaat-niet")
    assert code == 0 and "Geen indicatoren met thema 'bestaat-niet'." in out


def test_show_prints_definition_and_the_exact_sql() -> None:
    code, out = _run("show", "eerder_signaal_12_maanden", "--regio", "haaglanden",
                     "--peildatum", "2020-12-31")
    assert code == 0, out
    defn = load_catalogue()["eerder_signaal_12_maanden"]
    assert defn.formule in out
    assert "`eerder_signaal_12m` is waar" in out
    assert "Samenhangende" not in out and "Eerder signaleren en bespreken" in out
    sql = compile_indicator(defn, "haaglanden", reporting_periods(Period(2020).end))
    assert sql in out


def test_show_without_sql_and_a_stock_period() -> None:
    code, out = _run("show", "wachtlijst_lokaal_team_per_10000", "--geen-sql")
    assert code == 0, out
    assert "Stand op de laatste dag van de periode" in out
    assert "WITH" not in out


def test_unknown_id_suggests_close_ids() -> None:
    code, out = _run("show", "meldingen_per_100")
    assert code == 2
    assert "De catalogus heeft geen indicator 'meldingen_per_100'." in _flat(out)
    assert "Bedoelt u: meldingen_per_1000" in _flat(out)


def test_bad_peildatum_is_refused() -> None:
    code, out = _run("show", "meldingen_per_1000", "--peildatum", "31-12-2025")
    assert code == 2 and "Peildatum '31-12-2025' is geen datum." in _flat(out)


def test_a_new_file_is_checked_before_it_is_added(tmp_path: Path) -> None:
    path = tmp_path / "adviezen_van_huisartsen.yaml"
    path.write_text(EXAMPLE_YAML, encoding="utf-8")
    code, out = _run("show", "--bestand", str(path), "--peildatum", "2019-12-31")
    assert code == 0, out
    assert "Adviezen van huisartsen" in out and "b.melder_rol = 'MEDISCH_HUISARTS'" in out
    broken = yaml.safe_load(EXAMPLE_YAML)
    broken["teller"]["filters"][1]["kolom"] = "melder_rool"
    path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    code, out = _run("show", "--bestand", str(path))
    assert code == 2
    assert "kolom 'melder_rool' bestaat niet in afg_melding" in _flat(out)
    code, out = _run("show", "--bestand", str(tmp_path / "weg.yaml"))
    assert code == 2 and "weg.yaml bestaat niet" in _flat(out)
    code, out = _run("show")
    assert code == 2 and "Geef de id van een indicator" in _flat(out)
