# SPDX-License-Identifier: EUPL-1.2
"""Period labels, figures with CBS signs, and areas as StatLine writes them."""

from __future__ import annotations

from datetime import date

import pytest

from ketenmonitor.cbs.labels import parse_figure, parse_moment, parse_period, resolve_area
from ketenmonitor.core.periods import Period


@pytest.mark.parametrize(
    ("label", "period", "provisional"),
    [
        ("2023", Period(2023), False),
        ("2023*", Period(2023), True),
        ("2023 1e halfjaar", Period(2023, 1), False),
        ("2023 2e halfjaar*", Period(2023, 2), True),
        ("1e halfjaar 2024*", Period(2024, 1), True),
        ("2022 tweede halfjaar", Period(2022, 2), False),
    ],
)
def test_periods(label: str, period: Period, provisional: bool) -> None:
    parsed = parse_period(label)
    assert parsed is not None
    assert (parsed.period, parsed.provisional) == (period, provisional)


@pytest.mark.parametrize("label", ["2023 januari", "2023 3e kwartaal", "jaar", ""])
def test_not_a_period(label: str) -> None:
    assert parse_period(label) is None


def test_population_moments() -> None:
    assert parse_moment("2024") == (date(2024, 1, 1), False)
    assert parse_moment("2024 maart*") == (date(2024, 3, 1), True)
    assert parse_moment("2024 brumaire") is None


@pytest.mark.parametrize(
    ("text", "count", "value", "hidden"),
    [
        ("127340", True, 127340.0, False),
        ("127.340", True, 127340.0, False),  # dots between thousands in a count
        ("35,2", False, 35.2, False),
        ("35.2", False, 35.2, False),
        ("1.234,5", False, 1234.5, False),
        (".", True, None, True),
        ("x", True, None, True),
        ("-", True, 0.0, False),
    ],
)
def test_figures(text: str, count: bool, value: float | None, hidden: bool) -> None:
    figure = parse_figure(text, count)
    assert figure is not None
    assert (figure.waarde, figure.onderdrukt) == (value, hidden)


def test_empty_cell_and_garbage() -> None:
    assert parse_figure("", True) is None
    with pytest.raises(ValueError):
        parse_figure("12a", True)


@pytest.mark.parametrize(
    ("label", "code", "niveau"),
    [
        ("Nederland", "NL01", "nederland"),
        ("Haaglanden (VT)", "VR_HAAGLANDEN", "vt_regio"),
        ("Veilig Thuis Hollands Midden", "VR_HOLLANDS_MIDDEN", "vt_regio"),
        ("'s-Gravenhage (gemeente)", "GM0518", "gemeente"),
        ("GM0503", "GM0503", "gemeente"),
        ("Delft", "GM0503", "gemeente"),
        ("Noordwijkerhout", "GM0576", "gemeente"),
    ],
)
def test_areas(label: str, code: str, niveau: str) -> None:
    area = resolve_area(label)
    assert area is not None and (area.code, area.niveau) == (code, niveau)


@pytest.mark.parametrize("label", ["Atlantis (gemeente)", "Atlantis (VT)", "Groningen (PV)",
                                   "GM9999"])
def test_areas_outside_the_code_lists(label: str) -> None:
    assert resolve_area(label) is None


@pytest.mark.parametrize(("label", "code", "niveau"), [
    ("Amsterdam (gemeente)", "GM0363", "gemeente"),
    ("GM0363", "GM0363", "gemeente"),
    ("Weesp", "GM0457", "gemeente"),
    ("Utrecht (VT)", "VR_UTRECHT", "vt_regio"),
])
def test_areas_of_the_whole_country(label: str, code: str, niveau: str) -> None:
    area = resolve_area(label)
    assert area is not None and (area.code, area.niveau) == (code, niveau)
