# SPDX-License-Identifier: EUPL-1.2
"""National code lists (CBS Veilig Thuis categories), gemeenten with population and the method
breaks of the figures, as data."""

from __future__ import annotations

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
)

__all__ = [
    "CodeList",
    "Herindeling",
    "all_regions",
    "gemeenten_in_year",
    "has_population",
    "herindelingen",
    "is_valid",
    "region_of",
    "successor",
    "successor_map",
    "Gemeente",
    "MethodBreak",
    "Region",
    "all_gemeenten",
    "code_list",
    "code_list_names",
    "gemeente",
    "gemeenten",
    "method_breaks",
    "population",
    "postcode_ranges",
    "region",
]
