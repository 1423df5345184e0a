# SPDX-License-Identifier: EUPL-1.2
"""Exports of publication tables as XLSX and CSV, for council staff working in Excel.

Only what a publication holds leaves: the published (rounded) figures, ``.`` for every figure
of a suppressed cell, never a value behind it. The portal uses the same functions for its
download buttons.
"""

from __future__ import annotations

from ketenmonitor.exports.service import (
    FORMATS,
    export_csv,
    export_publication,
    export_xlsx,
    table_names,
)

__all__ = ["FORMATS", "export_csv", "export_publication", "export_xlsx", "table_names"]
