# SPDX-License-Identifier: EUPL-1.2
"""The one definition of the partner's commands and their options (ADR 0025).

The partner's small install has no Typer; it reads its command line with ``argparse``
(``cli/partner_cli.py``). Both front-ends take every command's name, help text, option flags and
option help from here: the Typer commands through :func:`typer_option`, the argparse front-end
by building its parsers from :data:`PARTNER_COMMANDS`. ``tests/cli/test_partner_cli.py`` checks
that Typer's parameters (names, flags, required, flag or value) are exactly these, so a new
option added to one front-end only fails the tests. Imports neither Typer nor Rich.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ketenmonitor.core.i18n import _

Kind = Literal["text", "path", "flag", "count"]


@dataclass(frozen=True)
class Option:
    name: str  # the parameter of the command function
    flags: tuple[str, ...]
    help: str
    kind: Kind = "text"
    required: bool = True
    positional: bool = False  # an argument (``flags`` is then its metavar), not an option


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]  # ("mapping", "controleer")
    help: str
    options: tuple[Option, ...]

    def option(self, name: str) -> Option:
        return next(o for o in self.options if o.name == name)


def typer_option(command: Command, name: str, **extra: Any) -> Any:
    """``typer.Option`` for ``Annotated[...]`` with the flags and help of this definition."""
    import typer

    option = command.option(name)
    if option.kind == "count":
        extra.setdefault("count", True)
    return typer.Option(*option.flags, help=option.help, **extra)


def log_level(verbose: int, quiet: bool, configured: str) -> str:
    """``-q`` shows only errors, ``-v`` adds progress (INFO), ``-vv`` everything (DEBUG)."""
    if quiet:
        return "ERROR"
    if verbose >= 2:
        return "DEBUG"
    if verbose == 1:
        return "INFO"
    return configured


APP_HELP = _("Ketenmonitor: monitor van de regiovisie aanpak huiselijk geweld en kindermishandeling.")
MAPPING_HELP = _("Mappings van ketenpartners controleren op hun eigen export. Zie docs/mapping.md "
                 "voor alle onderdelen van een mapping.")
SLEUTEL_HELP = _("Sleutels voor pseudonimisering beheren.")
BRONNEN_HELP = _("De broncatalogus bekijken: partnersoorten, hun recordsoorten en velden.")

GLOBAL = Command((), APP_HELP, (
    Option("version", ("--versie", "--version"), _("Toon de versie en stop."), "flag", False),
    Option("verbose", ("--uitgebreid", "-v"), _(
        "Meer meldingen: -v toont voortgang, -vv alles (ook voor foutzoeken)."), "count", False),
    Option("quiet", ("--stil", "-q"), _("Alleen fouten melden."), "flag", False),
))

_MAPPING = Option("mapping", ("--mapping",), _(
    "Mapping van de partner: naam (veilig_thuis, politie, lokaal_team, mda, vrouwenopvang, "
    "jeugdbescherming, reclassering, raad_kinderbescherming) of pad naar een YAML-bestand."))
_INVOER = Option("invoer", ("--invoer",), _("Map of bestand met de export."), "path")
_KEY_FILE = Option("sleutelbestand", ("--sleutelbestand",), _(
    "Sleutelbestand (anders KETENMONITOR_KEY_FILE of KETENMONITOR_KEY)."), "path", False)

PSEUDONYMISE = Command(("pseudonymise",), _(
    "Pseudonimiseer een export van een ketenpartner tot leveringen (Parquet + manifest). "
    "Identificerende gegevens worden tokens onder de sleutel; de sleutel blijft bij de partner. "
    "Vooraf draaien de regels van de monitor op de export (zoals 'mapping controleer'): zijn "
    "datums of identiteitsgegevens te vaak onleesbaar, dan weigert het commando (exitcode 2) of "
    "waarschuwt het (exitcode 1); zie KETENMONITOR_CHECK_REFUSE_FRACTION en "
    "KETENMONITOR_CHECK_WARN_FRACTION."), (
    _MAPPING,
    _INVOER,
    Option("periode", ("--periode",), _("Periode, bijv. 2024-H1 of 2024.")),
    Option("partner", ("--partner",), _("Naam van de partner, bijv. vt_haaglanden.")),
    Option("uitvoer", ("--uitvoer",), _("Map voor de leveringen."), "path"),
    _KEY_FILE,
    Option("bloom", ("--bloom",), _(
        "Voeg versterkte Bloomfilters van voornaam, achternaam, alle namen samen, geboortedatum en "
        "postcode toe, "
        "voor koppelen ondanks typefouten."), "flag", False),
))

SLEUTEL_MAKEN = Command(("sleutel", "maken"), _(
    "Maak een nieuwe sleutel (32 willekeurige bytes, hex) in een bestand met rechten 0600. "
    "Een bestaand bestand wordt nooit overschreven."), (
    Option("uitvoer", ("--uitvoer",), _("Pad van het nieuwe sleutelbestand."), "path"),
))

SLEUTEL_PUBLIEK = Command(("sleutel", "publiek"), _(
    "Schrijf de publieke verificatiesleutel van de regio (afgeleid uit het sleutelbestand). De "
    "monitor bewaart die eenmalig (ketenmonitor ingest --regiosleutel) en controleert er de "
    "handtekening van elk manifest mee; met de publieke sleutel kan niemand tokens maken."), (
    Option("uitvoer", ("--uitvoer",), _(
        "Bestand voor de publieke sleutel (bijv. regiosleutel.pub)."), "path"),
    _KEY_FILE,
))

REKEY = Command(("rekey",), _(
    "Zet de tokens van leveringen om naar de koppelsleutel van een vertrouwde derde partij "
    "(dubbele pseudonimisering). Leest alleen tokens, nooit identificerende gegevens."), (
    Option("invoer", ("--invoer",), _(
        "Map met leveringen (of een manifest of Parquet-bestand)."), "path"),
    Option("uitvoer", ("--uitvoer",), _(
        "Map voor de omgezette leveringen (niet dezelfde als --invoer)."), "path"),
    Option("sleutelbestand", ("--sleutelbestand",), _(
        "Sleutelbestand van de vertrouwde derde partij (anders KETENMONITOR_KEY_FILE of "
        "KETENMONITOR_KEY)."), "path", False),
))

MAPPING_CONTROLEER = Command(("mapping", "controleer"), _(
    "Controleer een export met de mapping, zonder sleutel en zonder levering te schrijven. Toont "
    "per regel van de monitor hoeveel rijen niet voldoen, met regelnummers in het bestand en de "
    "kolomnamen van de export, nooit waarden. Exitcode 0: alles goed; 1: rijen zouden in "
    "quarantaine gaan; 2: de export of mapping wordt geweigerd."), (
    _MAPPING,
    _INVOER,
    Option("periode", ("--periode",), _(
        "Periode van de levering, bijv. 2024-H1; dan wordt ook gecontroleerd of de datums erin "
        "vallen."), required=False),
))

# A partner needs the catalogue to see what to deliver (issue 13), so the small install has it too.
BRONNEN_LIST = Command(("bronnen", "list"), _("Toon alle partnersoorten van de broncatalogus."), ())

BRONNEN_SHOW = Command(("bronnen", "show"), _(
    "Leg een partnersoort (of recordsoort) uit: velden, koppeling en bijdrage aan afleidingen."), (
    Option("bron_id", ("ID",), _(
        "Id van de partnersoort (bijvoorbeeld vrouwenopvang) of van een recordsoort."),
        positional=True),
))

PARTNER_COMMANDS: tuple[Command, ...] = (
    PSEUDONYMISE, SLEUTEL_MAKEN, SLEUTEL_PUBLIEK, REKEY, MAPPING_CONTROLEER, BRONNEN_LIST,
    BRONNEN_SHOW)
# Groups of the partner's commands and their help.
GROUPS: dict[str, str] = {"sleutel": SLEUTEL_HELP, "mapping": MAPPING_HELP, "bronnen": BRONNEN_HELP}
