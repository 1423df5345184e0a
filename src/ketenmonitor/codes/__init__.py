# SPDX-License-Identifier: EUPL-1.2
"""National code lists (CBS Veilig Thuis categories) and gemeenten with population, as data."""

from __future__ import annotations

from ketenmonitor.codes.registry import (
    CodeList,
    Gemeente,
    Region,
    all_gemeenten,
    code_list,
    code_list_names,
    gemeente,
    gemeenten,
    population,
    postcode_ranges,
    region,
)

__all__ = [
    "CodeList",
    "Gemeente",
    "Region",
    "all_gemeenten",
    "code_list",
    "code_list_names",
    "gemeente",
    "gemeenten",
    "population",
    "postcode_ranges",
    "region",
]
