# SPDX-License-Identifier: EUPL-1.2
"""National code lists (CBS Veilig Thuis categories), gemeenten with population, regions
(Veilig Thuis, centrumgemeente), boundaries and the method breaks of the figures, as data."""

from __future__ import annotations

from ketenmonitor.codes.bevolking import cbs_population, cbs_years
from ketenmonitor.codes.centrumgemeenten import (
    CentrumgemeenteRegio,
    centrumgemeente_regio,
    centrumgemeente_regios,
)
from ketenmonitor.codes.grenzen import boundaries, boundary_years, check_boundaries
from ketenmonitor.codes.indeling import (
    Herindeling,
    gemeenten_in_year,
    herindelingen,
    is_valid,
    region_of,
    successor,
    successor_map,
)
from ketenmonitor.codes.registry import (
    SYNTHETIC_INHABITANTS,
    CodeList,
    Gemeente,
    MethodBreak,
    Region,
    all_gemeenten,
    all_regions,
    code_list,
    code_list_names,
    gemeente,
    gemeenten,
    has_population,
    method_breaks,
    population,
    postcode_ranges,
    region,
    synthetic_population,
)

__all__ = [
    "SYNTHETIC_INHABITANTS",
    "CentrumgemeenteRegio",
    "CodeList",
    "Gemeente",
    "Herindeling",
    "MethodBreak",
    "Region",
    "all_gemeenten",
    "all_regions",
    "boundaries",
    "boundary_years",
    "cbs_population",
    "cbs_years",
    "centrumgemeente_regio",
    "centrumgemeente_regios",
    "check_boundaries",
    "code_list",
    "code_list_names",
    "gemeente",
    "gemeenten",
    "gemeenten_in_year",
    "has_population",
    "herindelingen",
    "is_valid",
    "method_breaks",
    "population",
    "postcode_ranges",
    "region",
    "region_of",
    "successor",
    "successor_map",
    "synthetic_population",
]
