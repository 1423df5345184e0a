# SPDX-License-Identifier: EUPL-1.2
"""``ketenmonitor pseudonymise``, ``sleutel maken`` (the partner's side) and ``rekey`` (the TTP's).

Thin over :mod:`ketenmonitor.pseudonymise`; reads the export through ``ketenmonitor.sources``
(imported only when the command runs). Prints counts only, never a value or the key.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ketenmonitor.cli.app import app, handles_errors
from ketenmonitor.cli.console import make_console
from ketenmonitor.cli.faults import guards_faults
from ketenmonitor.core.errors import ExitCode, InputRefused
from ketenmonitor.core.formatting import format_count, format_number
from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period
from ketenmonitor.delivery.files import check_partner
from ketenmonitor.delivery.schema import PartnerType
from ketenmonitor.pseudonymise import (
    PseudonymiseResult,
    create_key_file,
    load_key,
    pseudonymise_tables,
)
from ketenmonitor.pseudonymise.service import SourceTableLike, infer_partner_type

sleutel_app = typer.Typer(help=_("Sleutels voor pseudonimisering beheren."), no_args_is_help=True)
app.add_typer(sleutel_app, name="sleutel")


def _partner_type(tables: list[SourceTableLike], mapping: object, name: str) -> PartnerType:
    found = infer_partner_type(tables)
    if found is not None:
        return found
    declared = getattr(mapping, "partner_type", None) or name
    try:
        return PartnerType(str(declared))
    except ValueError:
        raise InputRefused(
            "partnersoort_onbekend",
            _("Uit de invoer blijkt niet van welk soort partner de gegevens zijn."),
            _("Lever de berichten, incidenten, trajecten of casussen mee met de betrokkenen."),
        ) from None


def _print_summary(console: Console, result: PseudonymiseResult) -> None:
    table = Table(title=_("Leveringen (sleutel-id {key_id})").format(key_id=result.key_id))
    table.add_column(_("Soort"))
    table.add_column(_("Rijen"), justify="right")
    table.add_column(_("Bestand"))
    for delivery in result.deliveries:
        table.add_row(delivery.record_type, format_count(delivery.row_count),
                      escape(str(delivery.parquet_path)))
    console.print(table)
    stats = result.token_stats
    if stats is None:
        return
    tokens = Table(title=_("Identificerende gegevens van betrokkenen"))
    tokens.add_column(_("Onderdeel"))
    tokens.add_column(_("Aantal"), justify="right")
    for label, value in (
        (_("Betrokkenen"), stats.rows),
        (_("BSN-token gemaakt"), stats.bsn_tokens),
        (_("BSN ontbreekt"), stats.bsn_missing),
        (_("BSN ongeldig (elfproef), geen token"), stats.bsn_invalid),
        (_("Adrestoken gemaakt"), stats.adres_tokens),
        (_("Adres ontbreekt"), stats.adres_missing),
        (_("Adres onvolledig of ongeldig, geen token"), stats.adres_invalid),
        (_("Leeftijdsklasse onbekend"), stats.leeftijd_onbekend),
        (_("Alleen voorletters, geen voornaam"), stats.initials_only),
        *((_("Token {kolom}").format(kolom=name), count)
          for name, count in stats.column_tokens.items()
          if name not in ("bsn_token", "adres_token")),
        (_("Bloomfilters (voornaam, achternaam, alle namen, geboortedatum, postcode)"),
         stats.bloom_encodings),
    ):
        tokens.add_row(label, format_count(value))
    console.print(tokens)
    console.print(_("{tokens} tokens in {seconds} s ({rate} tokens per seconde).").format(
        tokens=format_count(stats.tokens), seconds=format_number(stats.token_seconds, 2),
        rate=format_count(int(stats.tokens_per_second)) if stats.tokens else "-"), soft_wrap=True)


def _output_name(**kwargs: object) -> str:
    return str(kwargs.get("uitvoer") or "")


@app.command("pseudonymise", help=_(
    "Pseudonimiseer een export van een ketenpartner tot leveringen (Parquet + manifest). "
    "Identificerende gegevens worden tokens onder de sleutel; de sleutel blijft bij de partner. "
    "Vooraf draaien de regels van de monitor op de export (zoals 'mapping controleer'): zijn "
    "datums of identiteitsgegevens te vaak onleesbaar, dan weigert het commando (exitcode 2) of "
    "waarschuwt het (exitcode 1); zie KETENMONITOR_CHECK_REFUSE_FRACTION en "
    "KETENMONITOR_CHECK_WARN_FRACTION."))
@handles_errors
@guards_faults(_output_name)
def pseudonymise_command(
    mapping: Annotated[str, typer.Option("--mapping", help=_(
        "Mapping van de partner: naam (veilig_thuis, politie, lokaal_team, mda) of pad naar "
        "een YAML-bestand."))],
    invoer: Annotated[Path, typer.Option("--invoer", help=_("Map of bestand met de export."))],
    periode: Annotated[str, typer.Option("--periode", help=_("Periode, bijv. 2024-H1 of 2024."))],
    partner: Annotated[str, typer.Option("--partner", help=_(
        "Naam van de partner, bijv. vt_haaglanden."))],
    uitvoer: Annotated[Path, typer.Option("--uitvoer", help=_("Map voor de leveringen."))],
    sleutelbestand: Annotated[Path | None, typer.Option("--sleutelbestand", help=_(
        "Sleutelbestand (anders KETENMONITOR_KEY_FILE of KETENMONITOR_KEY)."))] = None,
    bloom: Annotated[bool, typer.Option("--bloom", help=_(
        "Voeg versterkte Bloomfilters van voornaam, achternaam, alle namen samen, geboortedatum en "
        "postcode toe, "
        "voor koppelen ondanks typefouten."))] = False,
) -> None:
    period = Period.parse(periode)
    check_partner(partner)
    key = load_key(sleutelbestand, data_dirs=[invoer, uitvoer])
    from ketenmonitor.cli.source_check import judge, print_check, print_warning
    from ketenmonitor.sources import check_export, load_mapping, read_export

    loaded_mapping = load_mapping(mapping)
    read = read_export(loaded_mapping, invoer)
    console = make_console()
    # the rules of ingest, here, before anything is written (issue 13, check at the source)
    checked = check_export(read, today=date.today(), period=period)
    print_check(console, checked, quiet_when_clean=True)
    verdict = judge(checked)
    tables: list[SourceTableLike] = list(read)
    result = pseudonymise_tables(
        tables, key=key, partner=partner, period=period, out_dir=uitvoer,
        partner_type=_partner_type(tables, loaded_mapping, mapping), bloom=bloom,
    )
    _print_summary(console, result)
    print_warning(console, verdict)
    if verdict.exit_code != ExitCode.OK:
        raise typer.Exit(int(verdict.exit_code))


@sleutel_app.command("maken", help=_(
    "Maak een nieuwe sleutel (32 willekeurige bytes, hex) in een bestand met rechten 0600. "
    "Een bestaand bestand wordt nooit overschreven."))
@handles_errors
@guards_faults(_output_name)
def sleutel_maken(
    uitvoer: Annotated[Path, typer.Option("--uitvoer", help=_(
        "Pad van het nieuwe sleutelbestand."))],
) -> None:
    key = create_key_file(uitvoer)
    make_console().print(
        _("Sleutel gemaakt in {path} (sleutel-id {key_id}). Bewaar hem buiten de data en deel "
          "hem alleen met partners die moeten kunnen koppelen.").format(
            path=escape(str(uitvoer)), key_id=key.key_id), soft_wrap=True)


@sleutel_app.command("publiek", help=_(
    "Schrijf de publieke verificatiesleutel van de regio (afgeleid uit het sleutelbestand). De "
    "monitor bewaart die eenmalig (ketenmonitor ingest --regiosleutel) en controleert er de "
    "handtekening van elk manifest mee; met de publieke sleutel kan niemand tokens maken."))
@handles_errors
@guards_faults(_output_name)
def sleutel_publiek(
    uitvoer: Annotated[Path, typer.Option("--uitvoer", help=_(
        "Bestand voor de publieke sleutel (bijv. regiosleutel.pub)."))],
    sleutelbestand: Annotated[Path | None, typer.Option("--sleutelbestand", help=_(
        "Sleutelbestand (anders KETENMONITOR_KEY_FILE of KETENMONITOR_KEY)."))] = None,
) -> None:
    from ketenmonitor.delivery.signing import verification_key

    key = load_key(sleutelbestand, data_dirs=[])
    uitvoer.write_text(verification_key(key) + "\n", encoding="ascii")
    make_console().print(
        _("Publieke sleutel van de regio geschreven naar {path}. Geef dit bestand aan de "
          "beheerder van de monitor.").format(path=escape(str(uitvoer))), soft_wrap=True)


@app.command("rekey", help=_(
    "Zet de tokens van leveringen om naar de koppelsleutel van een vertrouwde derde partij "
    "(dubbele pseudonimisering). Leest alleen tokens, nooit identificerende gegevens."))
@handles_errors
@guards_faults(_output_name)
def rekey_command(
    invoer: Annotated[Path, typer.Option("--invoer", help=_(
        "Map met leveringen (of een manifest of Parquet-bestand)."))],
    uitvoer: Annotated[Path, typer.Option("--uitvoer", help=_(
        "Map voor de omgezette leveringen (niet dezelfde als --invoer)."))],
    sleutelbestand: Annotated[Path | None, typer.Option("--sleutelbestand", help=_(
        "Sleutelbestand van de vertrouwde derde partij (anders KETENMONITOR_KEY_FILE of "
        "KETENMONITOR_KEY)."))] = None,
) -> None:
    key = load_key(sleutelbestand, data_dirs=[invoer, uitvoer])
    from ketenmonitor.pseudonymise.rekey import rekey_deliveries

    results = rekey_deliveries([invoer], key, uitvoer)
    table = Table(title=_("Omgezette leveringen (nieuwe sleutel-id {key_id})").format(
        key_id=key.key_id))
    table.add_column(_("Soort"))
    table.add_column(_("Rijen"), justify="right")
    table.add_column(_("Oude sleutel-id"))
    table.add_column(_("Omgezette kolommen"), justify="right")
    table.add_column(_("Bestand"))
    for result in results:
        table.add_row(result.delivery.record_type, format_count(result.delivery.row_count),
                      result.source_key_id, str(len(result.token_columns)),
                      escape(str(result.delivery.parquet_path)))
    make_console().print(table)
