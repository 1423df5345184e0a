# SPDX-License-Identifier: EUPL-1.2
"""Which indicators each gemeente section draws in full: the core selection of the report.

With 49 indicators, drawing every one for every gemeente made the report slow and unreadable. The
region section keeps the whole catalogue; a gemeente gets charts and full tables for the core
indicators listed in ``static/kernindicatoren.txt`` and one overview table for the rest. The list
belongs to the report layer, not to the indicator catalogue: it is an editorial choice.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

CORE_FILE = "static/kernindicatoren.txt"


def parse_core_list(text: str) -> frozenset[str]:
    """Indicator ids, one a line; blank lines and ``#`` comments are skipped."""
    ids = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(i for i in ids if i)


@cache
def core_indicators() -> frozenset[str]:
    """The ids of the core indicators shipped with the report."""
    text = resources.files("ketenmonitor.reports").joinpath(CORE_FILE).read_text("utf-8")
    return parse_core_list(text)
