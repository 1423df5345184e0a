# SPDX-License-Identifier: EUPL-1.2
"""Exports of publication tables as XLSX and CSV, for council staff working in Excel.

Only what a publication holds leaves: the published (rounded) figures, ``.`` for every figure
of a suppressed cell, never a value behind it. The portal's download buttons call the same
functions (limited to the areas the user may see), so both give one layout.
"""

from __future__ import annotations

from ketenmonitor.exports.service import (
    FORMATS,
    export_csv,
    export_publication,
    export_xlsx,
    selected_rows,
    table_names,
)

__all__ = ["FORMATS", "export_csv", "export_publication", "export_xlsx", "selected_rows", "table_names"]
