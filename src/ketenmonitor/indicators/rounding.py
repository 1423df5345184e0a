# SPDX-License-Identifier: EUPL-1.2
"""Rounding and Dutch notation of published figures (CBS conventions)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ketenmonitor.core.formatting import format_number

DECIMALS = 1


def round_to_base(value: int, base: int) -> int:
    """Round half up to a multiple of ``base`` (12 → 10, 13 → 15 for base 5)."""
    return base * ((value + base // 2) // base)


def round_value(value: float, decimals: int = DECIMALS) -> float:
    """Round half away from zero on the decimal representation (2.25 → 2.3)."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def format_dutch(value: float, decimals: int = DECIMALS) -> str:
    """Dutch notation: decimal comma, dot between thousands (1.234,5)."""
    return format_number(value, decimals)
