# SPDX-License-Identifier: EUPL-1.2
"""Gemeente boundaries per year, for maps: ``codes/data/grenzen/gemeente_JJJJ.geojson.gz``.

One gzipped GeoJSON FeatureCollection per year (WGS84), each feature with the properties
``code`` (CBS code) and ``naam``, coordinates rounded to 4 decimals (about 10 metres — plenty for
a map of the country, and it keeps a year at a few hundred kB). The files are imported from a
generalised CBS/PDOK gebiedsindeling such as the ``gemeente_JJJJ`` files of cartomap/nl (GeoJSON
with ``statcode``/``statnaam``, or TopoJSON) with :func:`import_boundaries`. The package ships
none yet: no such file could be copied in when this was written (see ``bronnen.yaml``).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from ketenmonitor.codes.indeling import gemeenten_in_year
from ketenmonitor.codes.registry import DATA_DIR
from ketenmonitor.core.errors import ConfigurationError, InputRefused
from ketenmonitor.core.i18n import _

FOLDER = "grenzen"
DECIMALS = 4
_CODE_KEYS = ("statcode", "code", "gemeentecode", "GM_CODE")
_NAME_KEYS = ("statnaam", "naam", "gemeentenaam", "GM_NAAM")
# CBS pseudo-codes that some files carry as features ("Buitenland", "Onbekend"): not gemeenten.
_PSEUDO_CODES = frozenset({"GM0998", "GM0999"})


def boundary_file(year: int, folder: Path = DATA_DIR) -> Path:
    return folder / FOLDER / f"gemeente_{year}.geojson.gz"


def boundary_years(folder: Path = DATA_DIR) -> list[int]:
    """The years for which boundaries are stored."""
    return sorted(int(p.name[9:13]) for p in (folder / FOLDER).glob("gemeente_*.geojson.gz"))


def boundaries(year: int, folder: Path = DATA_DIR) -> dict[str, Any]:
    """The gemeente boundaries of 1 January ``year`` as a GeoJSON FeatureCollection."""
    path = boundary_file(year, folder)
    if not path.exists():
        raise ConfigurationError(
            "grenzen_ontbreken",
            _("Geen gemeentegrenzen voor {year}.").format(year=year),
            _("Importeer ze met: python -m ketenmonitor.codes.importeer grenzen {year} "
              "BESTAND (zie docs/gemeenten-en-regios.md).").format(year=year),
        )
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def check_boundaries(year: int, folder: Path = DATA_DIR) -> list[str]:
    """Dutch problems: codes in the boundaries of ``year`` that differ from the gemeenten valid
    on 1 January ``year``."""
    found = [f["properties"]["code"] for f in boundaries(year, folder)["features"]]
    wanted = {g.code for g in gemeenten_in_year(None, year)}
    problems = []
    if len(found) != len(set(found)):
        problems.append(_("Dubbele gemeentecodes in de grenzen van {year}.").format(year=year))
    if set(found) - wanted:
        problems.append(_("Codes die op 1 januari {year} geen gemeente waren: {codes}.").format(
            year=year, codes=", ".join(sorted(set(found) - wanted)[:5])))
    if wanted - set(found):
        problems.append(_("Gemeenten zonder grens in {year}: {codes}.").format(
            year=year, codes=", ".join(sorted(wanted - set(found))[:5])))
    return problems


def _round(ring: list[list[float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for point in ring:
        rounded = [round(point[0], DECIMALS), round(point[1], DECIMALS)]
        if not out or out[-1] != rounded:
            out.append(rounded)
    return out


def _geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [_round(r) for r in geometry["coordinates"]]}
    if geometry["type"] == "MultiPolygon":
        return {"type": "MultiPolygon",
                "coordinates": [[_round(r) for r in poly] for poly in geometry["coordinates"]]}
    raise ValueError(geometry["type"])


def _topo_features(topo: dict[str, Any]) -> list[dict[str, Any]]:
    """Decode a TopoJSON topology (quantised or not) into GeoJSON features."""
    scale, translate = ((topo["transform"]["scale"], topo["transform"]["translate"])
                        if "transform" in topo else ([1, 1], [0, 0]))
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0.0
        points = []
        for step in arc:
            if "transform" in topo:
                x, y = x + step[0], y + step[1]
            else:
                x, y = step[0], step[1]
            points.append([x * scale[0] + translate[0], y * scale[1] + translate[1]])
        arcs.append(points)

    def ring(indexes: list[int]) -> list[list[float]]:
        points: list[list[float]] = []
        for i in indexes:
            part = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(part[1:] if points else part)
        return points

    features = []
    for layer in topo["objects"].values():
        for g in layer.get("geometries", []):
            if g["type"] == "Polygon":
                geometry = {"type": "Polygon", "coordinates": [ring(r) for r in g["arcs"]]}
            elif g["type"] == "MultiPolygon":
                geometry = {"type": "MultiPolygon",
                            "coordinates": [[ring(r) for r in p] for p in g["arcs"]]}
            else:
                continue
            features.append({"type": "Feature", "properties": g.get("properties", {}),
                             "geometry": geometry})
    return features


def import_boundaries(year: int, path: Path, folder: Path = DATA_DIR) -> int:
    """Store the gemeente boundaries of ``year`` from a GeoJSON or TopoJSON file; refuses a file
    whose codes differ from the gemeenten of 1 January ``year``. Returns the number stored."""
    hint = _("Bestand: {path}. Zie docs/gemeenten-en-regios.md.").format(path=path)
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        raw = _topo_features(data) if data.get("type") == "Topology" else data["features"]
        features: list[dict[str, Any]] = []
        for f in raw:
            props = f.get("properties") or {}
            code = next(str(props[k]).strip() for k in _CODE_KEYS if k in props)
            naam = next((str(props[k]).strip() for k in _NAME_KEYS if k in props), code)
            if code in _PSEUDO_CODES:
                continue
            features.append({"type": "Feature", "properties": {"code": code, "naam": naam},
                             "geometry": _geometry(f["geometry"])})
    except (OSError, ValueError, KeyError, StopIteration, TypeError, IndexError) as error:
        raise InputRefused("grenzen_onleesbaar", _(
            "Het bestand is geen GeoJSON of TopoJSON met gemeentecodes (statcode)."), hint) from error
    target = boundary_file(year, folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    collection: dict[str, Any] = {"type": "FeatureCollection",
                  "features": sorted(features, key=lambda f: f["properties"]["code"])}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    with target.open("wb") as raw_out, gzip.GzipFile(fileobj=raw_out, mode="wb", mtime=0) as out:
        out.write(text.encode("utf-8"))
    problems = check_boundaries(year, folder)
    if problems:
        target.unlink()
        raise InputRefused("grenzen_onjuist", " ".join(problems), hint)
    return len(features)
