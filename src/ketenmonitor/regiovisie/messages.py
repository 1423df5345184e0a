# SPDX-License-Identifier: EUPL-1.2
"""The regiovisie's own words for its patterns; the translation itself is core.validation's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ketenmonitor.core.i18n import _
from ketenmonitor.core.validation import translate
from ketenmonitor.regiovisie.model import PERIOD_PATTERN
from ketenmonitor.regiovisie.programme import GEMEENTE_PATTERN, ID_PATTERN

# Parts of a pydantic 'loc' that are no keys in the YAML (union tags, dict-key markers).
NOT_IN_YAML = {"[key]", "drempel", "vergelijking", "ontwikkeling"}


def _patterns() -> dict[str, tuple[str, str]]:
    return {
        ID_PATTERN: (_("ongeldige id"), _("gebruik letters, cijfers, '.', '-' of '_', zonder "
                                          "spaties; begin met een letter of cijfer")),
        r"^[a-z0-9_]+$": (_("ongeldige regiocode"), _("gebruik de code uit codes/data/regios.csv, "
                                                      "bijvoorbeeld haaglanden")),
        PERIOD_PATTERN: (_("ongeldige periode"), _("gebruik een jaar (2025) of een halfjaar "
                                                   "(2025-H1 of 2025-H2)")),
        GEMEENTE_PATTERN: (_("ongeldige gemeentecode"), _("gebruik een CBS-code zoals GM0518")),
    }


def dutch_error(error: Mapping[str, Any]) -> tuple[str, str]:
    """(message, hint) in Dutch for one entry of ``ValidationError.errors()``, by the shared
    translator of :mod:`ketenmonitor.core.validation` with this package's own patterns."""
    item = translate(error, _patterns())
    return item.message, item.hint
