# SPDX-License-Identifier: EUPL-1.2
"""One translator of pydantic errors: every loader refuses an unknown key and a wrong type in
Dutch, naming the field, never with pydantic's English."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ketenmonitor.core.errors import KetenmonitorError
from ketenmonitor.core.validation import describe, place

ENGLISH = ("Extra inputs", "Input should", "Field required", "Value error", "not permitted",
           "valid integer", "Traceback")
SRC = Path(__file__).resolve().parents[2] / "src" / "ketenmonitor"


def _yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    target = tmp_path / name
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


def _catalogue(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    from ketenmonitor.indicators.catalogue import load_indicator

    data = _yaml(SRC / "indicators" / "catalogue" / "acuut_onveilig.yaml")
    change(data)
    load_indicator(_write(tmp_path, "acuut_onveilig.yaml", data))


def _regiovisie(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    from ketenmonitor.regiovisie.yaml_io import load_regiovisie, template_path

    data = _yaml(template_path())
    change(data)
    load_regiovisie(_write(tmp_path, "regiovisie.yaml", data), catalogue=False)


def _koppeling(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    from ketenmonitor.cbs.koppeling import load_koppeling

    data = _yaml(SRC / "cbs" / "koppeling.yaml")
    change(data)
    load_koppeling(_write(tmp_path, "koppeling.yaml", data))


def _mapping(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    from ketenmonitor.sources.mapping import load_mapping

    data = _yaml(SRC / "sources" / "mappings" / "politie.yaml")
    change(data)
    load_mapping(_write(tmp_path, "politie.yaml", data))


def _settings(monkeypatch: pytest.MonkeyPatch, variable: str, value: str) -> None:
    from ketenmonitor.core.settings import get_settings

    monkeypatch.setenv(variable, value)
    get_settings()


def _portal_settings(monkeypatch: pytest.MonkeyPatch, variable: str, value: str) -> None:
    from ketenmonitor.portal.config import get_portal_settings

    monkeypatch.setenv(variable, value)
    get_portal_settings()


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda data: data.__setitem__(key, value)


def _set_in_first_table(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda data: next(iter(data["tabellen"].values())).__setitem__(key, value)


FILE_CASES = [
    # loader, change, field the message must name
    pytest.param(_catalogue, _set("tellr", 1), "tellr", id="catalogus-onbekend"),
    pytest.param(_catalogue, _set("volgorde", "eerste"), "volgorde", id="catalogus-type"),
    pytest.param(_regiovisie, _set("tilte", "x"), "tilte", id="regiovisie-onbekend"),
    pytest.param(_regiovisie, _set("titel", {"a": 1}), "titel", id="regiovisie-type"),
    pytest.param(_koppeling, _set_in_first_table("omschrijvingg", "x"), "omschrijvingg",
                 id="cbs-koppeling-onbekend"),
    pytest.param(_koppeling, _set("tabellen", "alle"), "tabellen", id="cbs-koppeling-type"),
    pytest.param(_mapping, _set("partnertype", "politie"), "partnertype", id="mapping-onbekend"),
    pytest.param(_mapping, _set("omschrijving", ["a"]), "omschrijving", id="mapping-type"),
]


def _assert_dutch(error: KetenmonitorError, field: str) -> None:
    text = f"{error.message} {error.hint}"
    assert not [word for word in ENGLISH if word in text], text
    assert field in error.message, error.message


@pytest.mark.parametrize(("load", "change", "field"), FILE_CASES)
def test_every_file_loader_refuses_in_dutch_naming_the_field(
    tmp_path: Path, load: Callable[..., None], change: Callable[[dict[str, Any]], None], field: str
) -> None:
    with pytest.raises(KetenmonitorError) as caught:
        load(tmp_path, change)
    _assert_dutch(caught.value, field)


@pytest.mark.parametrize(("load", "variable", "value"), [
    (_settings, "KETENMONITOR_ROUNDING_BASE", "vijf"),
    (_settings, "KETENMONITOR_ENGINE", "gpu"),
    (_portal_settings, "KETENMONITOR_PORTAL_MAX_VERZOEK_MB", "veel"),
])
def test_settings_with_a_wrong_value_are_refused_in_dutch(
    monkeypatch: pytest.MonkeyPatch, load: Callable[..., None], variable: str, value: str
) -> None:
    with pytest.raises(KetenmonitorError) as caught:
        load(monkeypatch, variable, value)
    _assert_dutch(caught.value, variable)


def test_missing_and_unknown_fields_are_placed_at_their_parent() -> None:
    from pydantic import BaseModel, ConfigDict, ValidationError

    class Item(BaseModel):
        model_config = ConfigDict(extra="forbid")
        naam: str

    class File(BaseModel):
        bestanden: list[Item]

    with pytest.raises(ValidationError) as caught:
        File.model_validate({"bestanden": [{"naam": "a"}, {"nam": "b"}]})
    assert describe(caught.value) == (
        "bestanden[2]: verplicht veld 'naam' ontbreekt; "
        "bestanden[2]: onbekend veld 'nam' — controleer de spelling; alleen bekende velden zijn "
        "toegestaan")
    assert place(("bestanden", 0, "naam")) == "bestanden[1].naam"
