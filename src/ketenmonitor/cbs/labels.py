# SPDX-License-Identifier: EUPL-1.2
"""Reading the cells of a StatLine table: period labels, areas and figures with CBS signs.

StatLine writes periods as "2023", "2023 1e halfjaar" or "2024 januari", with ``*`` after a
provisional figure; areas as "Nederland", a Veilig Thuis region ("Haaglanden (VT)") or a gemeente
by name or code ("'s-Gravenhage (gemeente)", "GM0518"); figures with ``.`` when unknown or
secret, ``x`` when secret and ``-`` for nil. Areas are resolved against ``codes/data``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from ketenmonitor.codes import all_gemeenten
from ketenmonitor.codes.registry import DATA_DIR
from ketenmonitor.core.formatting import MONTHS
from ketenmonitor.core.periods import Period

GEMEENTE = "gemeente"
VT_REGIO = "vt_regio"
NEDERLAND = "nederland"
NEDERLAND_CODE = "NL01"

_HALF = r"(?:(?P<half>[12])e|(?P<word>eerste|tweede))\s+halfjaar"
_PERIODS = (
    re.compile(rf"^(?P<year>\d{{4}})(?:\s+{_HALF})?\s*(?P<star>\*)?$", re.IGNORECASE),
    re.compile(rf"^{_HALF}\s+(?P<year>\d{{4}})\s*(?P<star>\*)?$", re.IGNORECASE),
)
_MOMENT = re.compile(r"^(?P<year>\d{4})(?:\s+(?P<month>[a-z]+))?\s*(?P<star>\*)?$", re.IGNORECASE)
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)*$")
_GM_CODE = re.compile(r"\b(GM\d{4})\b", re.IGNORECASE)
_SUFFIX = re.compile(r"\s*\((?:gemeente|gem\.|gm)\)$", re.IGNORECASE)


@dataclass(frozen=True)
class PeriodLabel:
    period: Period
    provisional: bool


def parse_period(label: str) -> PeriodLabel | None:
    """'2023 1e halfjaar*' → (2023-H1, provisional); None when it is not a year or half-year."""
    match = next((m for p in _PERIODS if (m := p.match(label.strip()))), None)
    if not match:
        return None
    year = int(match["year"])
    half = match["half"]
    if match["word"]:
        half = "1" if match["word"].lower() == "eerste" else "2"
    return PeriodLabel(Period(year, int(half) if half else None), bool(match["star"]))


def parse_moment(label: str) -> tuple[date, bool] | None:
    """Population moment: '2024' → 1 January 2024, '2024 maart*' → 1 March 2024 (provisional)."""
    match = _MOMENT.match(label.strip())
    if not match:
        return None
    month = 1
    if match["month"]:
        name = match["month"].lower()
        if name not in MONTHS:
            return None
        month = MONTHS.index(name) + 1
    return date(int(match["year"]), month, 1), bool(match["star"])


@dataclass(frozen=True)
class Figure:
    waarde: float | None
    onderdrukt: bool


def parse_figure(text: str, count: bool) -> Figure | None:
    """A cell as a figure; None for an empty cell (not applicable); ValueError if not a figure.

    A count may carry dots between thousands ("127.340"); otherwise a comma or a dot is the
    decimal sign (StatLine writes either, depending on the language setting).
    """
    value = text.strip().replace("\u00a0", "").replace(" ", "")
    if value == "":
        return None
    if value in (".", "x", "X", "?"):
        return Figure(None, True)
    if value == "-":
        return Figure(0.0, False)
    if not _NUMBER.match(value):
        raise ValueError(value)
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    elif value.count(".") > 1 or (count and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", value)):
        value = value.replace(".", "")
    return Figure(float(value), False)


@dataclass(frozen=True)
class CbsArea:
    code: str
    naam: str
    niveau: str  # gemeente | vt_regio | nederland


def _key(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


@cache
def _region_rows() -> tuple[dict[str, str], ...]:
    with (DATA_DIR / "regios.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def region_code(gebiedscode: str) -> str | None:
    """The region code ('haaglanden') of a region's area code ('VR_HAAGLANDEN')."""
    return next((r["code"] for r in _region_rows() if r["gebiedscode"] == gebiedscode), None)


@cache
def _lookup() -> tuple[dict[str, CbsArea], dict[str, CbsArea]]:
    by_code: dict[str, CbsArea] = {}
    by_name: dict[str, CbsArea] = {}
    for g in all_gemeenten():
        area = CbsArea(g.code, g.naam, GEMEENTE)
        by_code[g.code.upper()] = area
        by_name.setdefault(_key(g.naam), area)
    for row in _region_rows():
        area = CbsArea(row["gebiedscode"], row["vt_regio"], VT_REGIO)
        by_code[row["gebiedscode"].upper()] = area
        for name in (row["vt_regio"], f"Veilig Thuis {row['naam']}", f"VT {row['naam']}"):
            by_name[_key(name)] = area
        by_name.setdefault(_key(row["naam"]), area)
    nl = CbsArea(NEDERLAND_CODE, "Nederland", NEDERLAND)
    by_code[NEDERLAND_CODE] = nl
    by_name[_key("Nederland")] = nl
    return by_code, by_name


def resolve_area(label: str) -> CbsArea | None:
    """The area a StatLine region label stands for; None for areas outside the code lists."""
    by_code, by_name = _lookup()
    text = label.strip()
    code = _GM_CODE.search(text)
    if code:
        return by_code.get(code.group(1).upper())
    if text.upper() in by_code:
        return by_code[text.upper()]
    return by_name.get(_key(text)) or by_name.get(_key(_SUFFIX.sub("", text)))
