# SPDX-License-Identifier: EUPL-1.2
"""Loading the indicator catalogue: one YAML file per indicator in ``indicators/catalogue/``.

A file that does not validate stops the load with a Dutch message naming the file and the field,
because a silently skipped indicator would disappear from the council report unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _
from ketenmonitor.core.validation import read_yaml, validated
from ketenmonitor.indicators.model import IndicatorDefinitie

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogue"


@dataclass(frozen=True)
class Catalogue(Mapping[str, IndicatorDefinitie]):
    """The indicators by id, in the order of their ``volgorde``."""

    indicators: tuple[IndicatorDefinitie, ...]

    def __getitem__(self, indicator_id: str) -> IndicatorDefinitie:
        for defn in self.indicators:
            if defn.id == indicator_id:
                return defn
        raise KeyError(indicator_id)

    def __iter__(self) -> Iterator[str]:
        return (d.id for d in self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)


def load_indicator(path: Path) -> IndicatorDefinitie:
    """Read and validate one catalogue file; the file name must be ``<id>.yaml``."""
    data = read_yaml(path, "indicator_onleesbaar",
                     _("Indicatorbestand {file} is niet te lezen: {reason}"))
    if not isinstance(data, dict):
        raise ConfigurationError(
            "indicator_ongeldig",
            _("Indicatorbestand {file} bevat geen definitie.").format(file=path.name),
            _("Een indicator is een YAML-object met velden als id, titel en teller."),
        )
    defn = validated(
        IndicatorDefinitie, data, path, "indicator_ongeldig",
        _("Indicatorbestand {file} is ongeldig: {problems}"),
        _("Pas de genoemde velden aan; de velden staan beschreven in indicators/model.py."),
    )
    if path.stem != defn.id:
        raise ConfigurationError(
            "indicator_bestandsnaam",
            _("Indicatorbestand {file} hoort {id}.yaml te heten.").format(
                file=path.name, id=defn.id
            ),
            _("De bestandsnaam is de id van de indicator."),
        )
    return defn


def load_catalogue(directory: Path | None = None) -> Catalogue:
    """All indicators of ``directory`` (default: the bundled catalogue), ordered by volgorde."""
    folder = directory or CATALOGUE_DIR
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise ConfigurationError(
            "catalogus_leeg",
            _("De indicatorcatalogus {folder} bevat geen indicatoren.").format(folder=folder),
            _("Zet één YAML-bestand per indicator in de map."),
        )
    indicators = [load_indicator(f) for f in files]
    for key in ("id", "volgorde"):
        values = [getattr(d, key) for d in indicators]
        doubles = sorted({str(v) for v in values if values.count(v) > 1})
        if doubles:
            raise ConfigurationError(
                "catalogus_dubbel",
                _("Dubbele {key} in de indicatorcatalogus: {values}.").format(
                    key=key, values=", ".join(doubles)
                ),
                _("Elke indicator heeft een eigen id en volgorde."),
            )
    return Catalogue(tuple(sorted(indicators, key=lambda d: d.volgorde)))
