# SPDX-License-Identifier: EUPL-1.2
"""The vectorised pre-check never clears a row the row checks would refuse."""

from __future__ import annotations

import itertools
from typing import Any

import pyarrow as pa
import pytest

from ketenmonitor.core.errors import PublicationError
from ketenmonitor.publish.checks import _check_reason, _check_row, _unclear
from ketenmonitor.publish.schema import INDICATOR_SCHEMA
from ketenmonitor.publish.signs import REASON_COLUMN
from ketenmonitor.publish.suppressed import EMPTY_WHEN_SUPPRESSED

SHOWN = {"teller": 20, "noemer": 40, "waarde": 50.0, "weergave": "50,0", "onderdrukt": False}
HIDDEN = {"teller": None, "noemer": None, "waarde": None, "weergave": "x", "onderdrukt": True,
          REASON_COLUMN: "onthulling"}
# every value a field takes in the variants: valid ones and each way a row can be wrong
VALUES: dict[str, list[Any]] = {
    "teller": [None, 0, 3, 10, 12, 20, -5], "noemer": [None, 0, 7, 40, 41],
    "waarde": [None, 50.0], "weergave": ["x", ".", "…", "50,0", None],
    "onderdrukt": [False, True, None], REASON_COLUMN: [None, "onthulling", "geen_gegevens",
                                                       "nog_niet_waarneembaar", "anders"],
    "ondergrens": [None, 1.5], "trend": [None, "stijgend"], "klein_aantal": [None, False, True],
}


def _refused(row: dict[str, Any], counts: tuple[str, ...], marked: bool) -> bool:
    sign = "."
    if marked:
        sign = str(row["weergave"]) if row["weergave"] in ("x", ".", "…") else "x"
    try:
        _check_row("t", row, counts, 5, sign)
        if marked:
            _check_reason("t", row)
    except PublicationError:
        return True
    return False


def _variants() -> list[dict[str, Any]]:
    rows = []
    for base in (SHOWN, HIDDEN):
        for column, values in VALUES.items():  # one field off
            rows += [{**base, column: v} for v in values]
        for a, b in itertools.combinations(list(VALUES)[:6], 2):  # two fields off
            rows += [{**base, a: x, b: y} for x in VALUES[a] for y in VALUES[b]]
    return rows


@pytest.mark.parametrize("marked", [True, False])
@pytest.mark.parametrize("counts", [("teller",), ("teller", "noemer")])
def test_unclear_flags_every_row_the_row_checks_refuse(
    marked: bool, counts: tuple[str, ...]
) -> None:
    extras = [*EMPTY_WHEN_SUPPRESSED, "klein_aantal", *([REASON_COLUMN] if marked else [])]
    schema = pa.schema([INDICATOR_SCHEMA.field(c) for c in (
        "teller", "noemer", "waarde", "weergave", "onderdrukt", *extras)])
    rows = [{c: r.get(c) for c in schema.names} for r in _variants()]
    if not marked:
        rows = [{**r, "weergave": "." if r["weergave"] == "x" else r["weergave"]} for r in rows]
    table = pa.Table.from_pylist(rows, schema=schema)
    unclear = _unclear(table, counts, 5, marked, extras).to_pylist()
    refused = [_refused(r, counts, marked) for r in table.to_pylist()]
    assert not [r for r, u, f in zip(rows, unclear, refused, strict=True) if f and not u]
    assert sum(refused) > 100 and unclear.count(False) > 100  # both kinds of row are there
