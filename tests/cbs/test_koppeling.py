# SPDX-License-Identifier: EUPL-1.2
"""The mapping file: valid, and every indicator it names exists in the catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ketenmonitor.cbs.koppeling import (
    KOPPELING_FILE,
    load_koppeling,
    unknown_indicators,
)
from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.indicators.catalogue import load_catalogue


def test_every_mapped_indicator_is_in_the_catalogue() -> None:
    """Fails when koppeling.yaml names an indicator id (or its dimension) the catalogue lacks."""
    assert unknown_indicators(load_koppeling(), load_catalogue()) == []


def test_the_check_catches_an_unknown_indicator(tmp_path: Path) -> None:
    data = yaml.safe_load(KOPPELING_FILE.read_text(encoding="utf-8"))
    data["koppelingen"].append({"indicator": "bestaat_niet", "tabel": "84847NED",
                                "onderwerp": "Meldingen"})
    data["koppelingen"].append({"indicator": "meldingen_naar_aard", "tabel": "84851NED",
                                "onderwerp": "Meldingen", "dimensie": "geen_dimensie",
                                "cbs_dimensie": "aard"})
    path = tmp_path / "koppeling.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert unknown_indicators(load_koppeling(path), load_catalogue()) == [
        "bestaat_niet", "meldingen_naar_aard.geen_dimensie"]


def test_aliases_point_into_the_code_lists() -> None:
    koppeling = load_koppeling()
    spec = koppeling.table("84849NED").dimension("Organisatie melder")
    assert spec is not None
    assert spec.resolve("Justitie en veiligheid") == "JUSTITIE_EN_VEILIGHEID"  # a group
    assert spec.resolve("Politie") == "JV_POLITIE"  # an alias
    assert spec.resolve("  geestelijke   gezondheidszorg ") == "GGZ"  # the code list label
    assert spec.resolve("Totaal organisaties") == "totaal"
    assert spec.resolve("Brandweer") is None


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda d: d["koppelingen"].append(
            {"indicator": "x", "tabel": "99999NED", "onderwerp": "Meldingen"}),
         "onbekende tabel 99999NED"),
        (lambda d: d["tabellen"]["84851NED"]["dimensies"][0]["aliassen"].update(
            {"Iets": "GEEN_CODE"}), "onbekende code(s) GEEN_CODE"),
        (lambda d: d["koppelingen"].append(
            {"indicator": "x", "tabel": "84847NED", "onderwerp": "M", "dimensie": "aard"}),
         "'dimensie' en 'cbs_dimensie' samen"),
        (lambda d: d.update(versie=2), "versie"),
    ],
)
def test_invalid_mapping_is_refused_in_dutch(tmp_path: Path, change, fragment: str) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(KOPPELING_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "koppeling.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        load_koppeling(path)
    assert fragment in caught.value.message
