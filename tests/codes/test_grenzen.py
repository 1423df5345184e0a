# SPDX-License-Identifier: EUPL-1.2
"""Gemeente boundaries per year: the codes in the boundaries of year Y are the codes valid on
1 January Y. Checked on synthetic squares (one per gemeente) and on any year the package
ships; GeoJSON and TopoJSON are both read."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from ketenmonitor.codes import boundaries, boundary_years, check_boundaries, gemeenten_in_year
from ketenmonitor.codes.grenzen import boundary_file, import_boundaries
from ketenmonitor.codes.importeer import main
from ketenmonitor.core.errors import ConfigurationError, InputRefused


def _squares(year: int, drop: str = "", extra: str = "") -> dict[str, Any]:
    codes = [g.code for g in gemeenten_in_year(None, year) if g.code != drop]
    codes += [extra] if extra else []
    features = []
    for i, code in enumerate(codes):
        x, y = 3.5 + (i % 20) * 0.1, 50.8 + (i // 20) * 0.1
        ring = [[x, y], [x + 0.0912345, y], [x + 0.09, y + 0.09], [x, y + 0.09], [x, y]]
        features.append({"type": "Feature", "properties": {"statcode": code, "statnaam": code},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return {"type": "FeatureCollection", "features": features}


@pytest.mark.parametrize("year", [2019, 2021, 2025])
def test_imported_boundaries_have_the_codes_of_1_january(tmp_path: Path, year: int) -> None:
    source = tmp_path / "in.geojson"
    source.write_text(json.dumps(_squares(year, extra="GM0998")), encoding="utf-8")
    count = import_boundaries(year, source, tmp_path)  # GM0998 'Buitenland' is left out
    assert count == len(gemeenten_in_year(None, year))
    assert check_boundaries(year, tmp_path) == []
    assert boundary_years(tmp_path) == [year]
    first = boundaries(year, tmp_path)["features"][0]
    assert set(first["properties"]) == {"code", "naam"}
    assert first["geometry"]["coordinates"][0][1] == [3.5912, 50.8]  # 4 decimals


def test_boundaries_with_a_missing_or_foreign_code_are_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.geojson"
    source.write_text(json.dumps(_squares(2023, drop="GM0629")), encoding="utf-8")
    with pytest.raises(InputRefused, match="GM0629"):
        import_boundaries(2023, source, tmp_path)
    source.write_text(json.dumps(_squares(2023, extra="GM0457")), encoding="utf-8")  # Weesp
    with pytest.raises(InputRefused, match="GM0457"):
        import_boundaries(2023, source, tmp_path)
    assert not boundary_file(2023, tmp_path).exists()
    source.write_text("{}", encoding="utf-8")
    with pytest.raises(InputRefused):
        import_boundaries(2023, source, tmp_path)


def test_topojson_is_decoded(tmp_path: Path) -> None:
    # two squares sharing arc 0, quantised with a transform, as cartomap/nl stores them
    topo = {
        "type": "Topology",
        "transform": {"scale": [0.001, 0.001], "translate": [4.0, 52.0]},
        "arcs": [[[1000, 0], [0, 1000]], [[1000, 1000], [-1000, 0], [0, -1000], [1000, 0]],
                 [[1000, 0], [1000, 0], [0, 1000], [-1000, 0]]],
        "objects": {"gemeente": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "properties": {"statcode": "GM0518"}},
            {"type": "MultiPolygon", "arcs": [[[2, -1]]], "properties": {"statcode": "GM0503"}},
        ]}},
    }
    source = tmp_path / "in.topojson.gz"
    with gzip.open(source, "wt", encoding="utf-8") as handle:
        json.dump(topo, handle)
    with pytest.raises(InputRefused):  # two gemeenten are not the country of 2024
        import_boundaries(2024, source, tmp_path)
    from ketenmonitor.codes.grenzen import _topo_features

    features = _topo_features(topo)
    assert features[0]["geometry"]["coordinates"][0] == [
        [5.0, 52.0], [5.0, 53.0], [4.0, 53.0], [4.0, 52.0], [5.0, 52.0]]
    assert features[1]["geometry"]["coordinates"][0][0] == [
        [5.0, 52.0], [6.0, 52.0], [6.0, 53.0], [5.0, 53.0], [5.0, 52.0]]


def test_missing_year_is_a_dutch_refusal(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="Geen gemeentegrenzen voor 2020"):
        boundaries(2020, tmp_path)


@pytest.mark.parametrize("year", boundary_years() or [None])
def test_shipped_boundaries_match_the_code_list(year: int | None) -> None:
    if year is None:
        pytest.skip("het pakket bevat (nog) geen grenzen; zie bronnen.yaml, 'grenzen/'")
    assert check_boundaries(year) == []


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.geojson"
    source.write_text(json.dumps(_squares(2022)), encoding="utf-8")
    assert main(["grenzen", "2022", str(source), "--map", str(tmp_path)]) == 0
    assert "345 gemeentegrenzen opgeslagen." in capsys.readouterr().out
