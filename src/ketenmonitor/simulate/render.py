# SPDX-License-Identifier: EUPL-1.2
"""Renders canonical columns the way a partner system writes them: labels, dates, Ja/Nee, commas.

CSV columns become strings (``None`` for an empty cell); for XLSX dates become real date values
and whole numbers stay numbers, as a spreadsheet would hold them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from ketenmonitor.codes import gemeente
from ketenmonitor.simulate.canonical import Column
from ketenmonitor.simulate.model import blank
from ketenmonitor.simulate.noise import NO_DAY
from ketenmonitor.simulate.partner_formats import PartnerSystem

ObjArray = npt.NDArray[np.object_]
_EPOCH = date(1970, 1, 1)
_EMPTY = "<leeg>"


def _map_unique(values: ObjArray, func: Any) -> ObjArray:
    """Apply ``func`` once per distinct value (None stays None)."""
    empty = np.array([v is None for v in values.tolist()], dtype=bool)
    filled = np.where(empty, _EMPTY, values).astype(str)
    unique, inverse = np.unique(filled, return_inverse=True)
    mapped = np.array([None if u == _EMPTY else func(u) for u in unique.tolist()], dtype=object)
    return np.asarray(mapped[inverse], dtype=object)


def _dates(days: npt.NDArray[np.int64], fmt: str) -> ObjArray:
    valid = days != NO_DAY
    arr = pa.array(np.where(valid, days, 0).astype(np.int32), type=pa.int32(),
                   mask=~valid).cast(pa.date32())
    text = pc.strftime(arr.cast(pa.timestamp("s")), format=fmt)
    return np.asarray(text.to_numpy(zero_copy_only=False), dtype=object)


def _decimal(value: float, separator: str) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", separator)


def render(system: PartnerSystem, field: str, column: Column, xlsx: bool = False) -> ObjArray:
    kind, values = column.kind, column.values
    labels = system.labels.get(field, {})
    if kind == "text":
        return blank(values, values == "")
    if kind == "code":
        return _map_unique(values, lambda code: labels.get(code, code))
    if kind == "codes":
        return _map_unique(values, lambda joined: system.multi_separator.join(
            labels.get(code, code) for code in joined.split("|")))
    if kind == "date":
        if xlsx:
            return np.array([None if d == NO_DAY else _EPOCH + timedelta(days=d)
                             for d in values.tolist()], dtype=object)
        return _dates(values, system.date_format)
    if kind == "bool":
        table = np.array([system.bool_labels[1], system.bool_labels[0], None], dtype=object)
        return np.asarray(table[np.where(values < 0, 2, values)], dtype=object)
    if kind == "int":
        if xlsx:
            return np.array([None if v < 0 else v for v in values.tolist()], dtype=object)
        return np.array([None if v < 0 else str(v) for v in values.tolist()], dtype=object)
    if kind == "decimal":
        return np.array([None if np.isnan(v) else _decimal(v, ",") for v in values.tolist()],
                        dtype=object)
    if kind == "gemeente":
        return _gemeente(system, values)
    raise ValueError(kind)


def _gemeente(system: PartnerSystem, codes: ObjArray) -> ObjArray:
    if system.gemeente_style == "code":
        return codes
    if system.gemeente_style == "nummer":
        return _map_unique(codes, lambda c: c[2:])
    return _map_unique(codes, lambda c: system.gemeente_names.get(c, gemeente(c).naam))
