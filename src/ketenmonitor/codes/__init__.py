# SPDX-License-Identifier: EUPL-1.2
"""National code lists (CBS Veilig Thuis categories), gemeenten with population and the method
breaks of the figures, as data."""

from __future__ import annotations

from ketenmonitor.codes.registry import (
    CodeList,
    Gemeente,
    MethodBreak,
    Region,
    all_gemeenten,
    code_list,
    code_list_names,
    gemeente,
    gemeenten,
    method_breaks,
    population,
    postcode_ranges,
    region,
)

__all__ = [
    "CodeList",
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
