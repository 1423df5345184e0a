# SPDX-License-Identifier: EUPL-1.2
"""Indicators: a declarative catalogue (one YAML per indicator), compiled to DuckDB SQL, computed
per gemeente and region per half-year and year, then passed through disclosure control."""

from __future__ import annotations

from ketenmonitor.indicators.catalogue import Catalogue, load_catalogue, load_indicator
from ketenmonitor.indicators.compiler import compile_indicator
from ketenmonitor.indicators.compute import (
    compute_all,
    disclose_all,
    read_peildatum,
    store_results,
)
from ketenmonitor.indicators.disclosure import apply_disclosure
from ketenmonitor.indicators.linked import disclose_tables
from ketenmonitor.indicators.model import Eenheid, IndicatorDefinitie, Richting
from ketenmonitor.indicators.periods import is_provisional, provisional_periods, reporting_periods
from ketenmonitor.indicators.schema import (
    PUBLISHED_COLUMNS,
    PUBLISHED_SCHEMA,
    RESULT_COLUMNS,
    RESULT_SCHEMA,
)

__all__ = [
    "PUBLISHED_COLUMNS",
    "PUBLISHED_SCHEMA",
    "RESULT_COLUMNS",
    "RESULT_SCHEMA",
    "Catalogue",
    "Eenheid",
    "IndicatorDefinitie",
    "Richting",
    "apply_disclosure",
    "compile_indicator",
    "compute_all",
    "disclose_all",
    "disclose_tables",
    "is_provisional",
    "load_catalogue",
    "load_indicator",
    "provisional_periods",
    "read_peildatum",
    "reporting_periods",
    "store_results",
]
