# SPDX-License-Identifier: EUPL-1.2
"""The error of this package: a regiovisie (or a change to it) that is refused as a whole."""

from __future__ import annotations

from dataclasses import dataclass, field

from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _


@dataclass(frozen=True)
class Fout:
    """One problem in a regiovisie: where (path in the YAML, line if known), what, how to fix."""

    plaats: str
    melding: str
    oplossing: str = ""
    regel: int | None = None
    pad: tuple[str | int, ...] = field(default=(), compare=False)  # for finding the YAML line

    def text(self) -> str:
        where = self.plaats or _("(hele bestand)")
        if self.regel is not None:
            where = _("{plaats} (regel {regel})").format(plaats=where, regel=self.regel)
        return f"{where}: {self.melding}" + (f" — {self.oplossing}" if self.oplossing else "")


def path_text(pad: tuple[str | int, ...]) -> str:
    """``('ontwikkelopgaven', 0, 'titel')`` → ``'ontwikkelopgaven[0].titel'``."""
    text = ""
    for part in pad:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text


def at(pad: tuple[str | int, ...], melding: str, oplossing: str = "") -> Fout:
    return Fout(path_text(pad), melding, oplossing, None, pad)


class RegiovisieError(InputRefused):
    """A regiovisie, or a change to it, is refused (exit code 2). ``fouten`` lists every problem
    found, so a user can fix them all in one go."""

    def __init__(self, code: str, message: str, hint: str = "",
                 fouten: list[Fout] | None = None) -> None:
        super().__init__(code, message, hint)
        self.fouten: list[Fout] = list(fouten or [])


def refused(fouten: list[Fout], bron: str) -> RegiovisieError:
    """The error for a file (or model) with ``fouten``; the message lists each of them."""
    lines = "\n".join(f"  - {f.text()}" for f in fouten)
    return RegiovisieError(
        "regiovisie_ongeldig",
        _("De regiovisie in {bron} is niet geldig ({n} fout(en)):\n{lines}").format(
            bron=bron, n=len(fouten), lines=lines),
        _("Pas de genoemde plaatsen in het bestand aan en controleer opnieuw met "
          "'ketenmonitor regiovisie controleer'."),
        fouten,
    )
