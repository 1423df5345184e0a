# SPDX-License-Identifier: EUPL-1.2
"""Dutch notation for the texts the regiovisie package writes itself (norm descriptions, money).

Kept local and tiny: the report renderers have their own formatting module, and this package
must not depend on the reports (reports depend on it).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def _swap(text: str) -> str:
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def getal(value: float | int | Decimal, decimals: int = 1) -> str:
    """``1234.5`` → ``'1.234,5'`` (half away from zero, as CBS rounds)."""
    rounded = Decimal(repr(float(value)) if isinstance(value, float) else str(value)).quantize(
        Decimal(1).scaleb(-decimals), ROUND_HALF_UP
    )
    text = _swap(f"{abs(rounded):,.{decimals}f}")
    return ("-" if rounded < 0 else "") + text


def bedrag(value: Decimal, decimals: int = 2) -> str:
    """``Decimal('8310.5')`` → ``'€ 8.310,50'``."""
    return "€ " + getal(value, decimals)
