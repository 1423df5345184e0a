# SPDX-License-Identifier: EUPL-1.2
"""The traffic-light vocabulary: groen / oranje / rood, and 'geen oordeel mogelijk'.

A light is never shown as colour alone (DOMAIN: label + icon), so every status carries a Dutch
label, an icon name and a text symbol next to its colour. The default definitions are the ones
the regions' own mid-term reports use; a regiovisie may replace them with its own wording.
"""

from __future__ import annotations

from enum import StrEnum

from ketenmonitor.core.i18n import _


class Kleur(StrEnum):
    """A colour a person or a norm can give."""

    GROEN = "groen"
    ORANJE = "oranje"
    ROOD = "rood"

    @property
    def status(self) -> LichtStatus:
        return LichtStatus(self.value)

    @property
    def needs_explanation(self) -> bool:
        """Orange and red must carry cause, consequence and planned adjustment."""
        return self is not Kleur.GROEN


class LichtStatus(StrEnum):
    """What a report shows for a light: a colour, or no judgement possible (with a reason)."""

    GROEN = "groen"
    ORANJE = "oranje"
    ROOD = "rood"
    GEEN_OORDEEL = "geen_oordeel"

    @property
    def label(self) -> str:
        """Dutch text label, always shown next to the colour."""
        labels = {
            LichtStatus.GROEN: _("Groen"),
            LichtStatus.ORANJE: _("Oranje"),
            LichtStatus.ROOD: _("Rood"),
            LichtStatus.GEEN_OORDEEL: _("Geen oordeel mogelijk"),
        }
        return labels[self]

    @property
    def icon(self) -> str:
        """Name of the icon a renderer draws (a shape that differs per status, not only a hue)."""
        icons = {
            LichtStatus.GROEN: "vinkje",
            LichtStatus.ORANJE: "uitroepteken",
            LichtStatus.ROOD: "kruis",
            LichtStatus.GEEN_OORDEEL: "vraagteken",
        }
        return icons[self]

    @property
    def symbol(self) -> str:
        """A text symbol for formats without icons (XLSX, plain text)."""
        symbols = {
            LichtStatus.GROEN: "✓",
            LichtStatus.ORANJE: "!",
            LichtStatus.ROOD: "✗",
            LichtStatus.GEEN_OORDEEL: "?",
        }
        return symbols[self]

    @property
    def colour(self) -> str:
        """Hex colour with at least 4.5:1 contrast against white (white text on it is readable)."""
        colours = {
            LichtStatus.GROEN: "#1b6e31",
            LichtStatus.ORANJE: "#a34700",
            LichtStatus.ROOD: "#b3261e",
            LichtStatus.GEEN_OORDEEL: "#5b5f66",
        }
        return colours[self]

    @property
    def rank(self) -> int:
        """Order from best to worst; 'geen oordeel' sorts last."""
        return list(LichtStatus).index(self)

    @property
    def kleur(self) -> Kleur | None:
        return None if self is LichtStatus.GEEN_OORDEEL else Kleur(self.value)


def default_definitions() -> dict[Kleur, str]:
    """The definitions the regions' reports use (paraphrased), when a regiovisie gives none."""
    return {
        Kleur.GROEN: _(
            "De ontwikkeling gaat goed. De inzet is voldoende; dit niveau vasthouden."
        ),
        Kleur.ORANJE: _(
            "De inzet is voldoende, maar er zijn aandachtspunten voor de komende jaren."
        ),
        Kleur.ROOD: _(
            "Extra inzet is nodig. Er zijn knelpunten die actief aangepakt moeten worden."
        ),
    }


def geen_oordeel_definition() -> str:
    return _(
        "Er is geen (betrouwbaar) cijfer om het licht te berekenen — het cijfer is geheim (x), "
        "nog niet waarneembaar (…) of er zijn geen gegevens (.) — en er is geen oordeel van een "
        "persoon gegeven. Bij het licht staat welke van de drie."
    )
