# SPDX-License-Identifier: EUPL-1.2
"""Date-of-birth forms: full date, year, and the day/month swap-tolerant form."""

from __future__ import annotations

import pyarrow as pa

from ketenmonitor.pseudonymise.dates import birth_date_forms

WRITTEN = ["1990-03-04", "1990-04-03", "04-03-1990", "1990-13-04", "1990-04-13", "1990",
           "1990-00-00", "31-02-1990", "geen", None, "1700-01-01", " 2001-2-9 ", "1990/03/04"]


def test_forms_of_written_dates() -> None:
    forms = birth_date_forms(pa.array(WRITTEN))
    assert forms.full.to_pylist() == [
        "1990-03-04", "1990-04-03", "1990-03-04", None, "1990-04-13", None, None, None, None,
        None, None, "2001-02-09", "1990-03-04"]
    assert forms.year.to_pylist() == [
        "1990", "1990", "1990", "1990", "1990", "1990", "1990", "1990", None, None, None, "2001",
        "1990"]
    assert forms.swapped.to_pylist() == [
        "1990|03|04", "1990|03|04", "1990|03|04", "1990|04|13", "1990|04|13", None, None, None,
        None, None, None, "2001|02|09", "1990|03|04"]


def test_swapped_day_and_month_give_the_same_swap_form_but_different_full_dates() -> None:
    forms = birth_date_forms(pa.chunked_array([["1985-11-02"], ["1985-02-11"]]))
    one, two = forms.swapped.to_pylist()
    assert one == two == "1985|02|11"
    assert forms.full.to_pylist() == ["1985-11-02", "1985-02-11"]


def test_digits_keep_readable_dates_even_when_they_do_not_exist() -> None:
    forms = birth_date_forms(pa.array(WRITTEN))
    assert forms.digits.to_pylist() == [
        "19900304", "19900403", "19900304", "19901304", "19900413", None, "19900000",
        "19900231", None, None, None, "20010209", "19900304"]


def test_leap_days_and_month_ends_follow_the_gregorian_calendar() -> None:
    written = ["2000-02-29", "1900-02-29", "2024-02-29", "2023-02-29", "2100-02-29", "1996-02-30",
               "30-04-1990", "31-04-1990", "31-12-2099", "1990-12-32"]
    forms = birth_date_forms(pa.array(written))
    assert forms.full.to_pylist() == [
        "2000-02-29", None, "2024-02-29", None, None, None, "1990-04-30", None, "2099-12-31", None]
