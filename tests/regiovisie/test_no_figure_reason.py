# SPDX-License-Identifier: EUPL-1.2
"""'Geen oordeel mogelijk' names the reason the publication gives, not always 'te weinig
waarnemingen' (issue 15, ADR 0021)."""

from __future__ import annotations

import pytest

from ketenmonitor.publish.signs import GEEN_GEGEVENS, NOG_NIET_WAARNEEMBAAR, ONTHULLING
from ketenmonitor.regiovisie.compute import no_figure_reason


@pytest.mark.parametrize(("reden", "expected"), [
    (ONTHULLING, "is geheim (x)"),
    (NOG_NIET_WAARNEEMBAAR, "nog niet waarneembaar (…)"),
    (GEEN_GEGEVENS, "geen gegevens (.)"),
    (None, "onbekend, onvoldoende betrouwbaar of geheim (.)"),  # a CBS figure
])
def test_reason_per_sign(reden: str | None, expected: str) -> None:
    text = no_figure_reason(reden, "Delft", "2025")
    assert expected in text and "Delft" in text and "2025" in text
    assert "te weinig waarnemingen" not in text
