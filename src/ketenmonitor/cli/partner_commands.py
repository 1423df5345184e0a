# SPDX-License-Identifier: EUPL-1.2
"""What the partner's commands do, for both front-ends (Typer and the partner's argparse).

``pseudonymise``, ``sleutel maken``, ``sleutel publiek``, ``rekey`` and ``mapping controleer``
run here, printing through :class:`ketenmonitor.cli.output.Output`; ``cli/pseudonymise.py`` and
``cli/mapping.py`` (Typer) and ``cli/partner_cli.py`` (argparse, ADR 0025) only parse the command
line and call these. Each returns its exit code. Prints counts only, never a value or the key.
Imports neither Typer nor Rich.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ketenmonitor.cli.output import Column, Output
from ketenmonitor.core.errors import ExitCode, InputRefused
from ketenmonitor.core.formatting import format_count, format_number
from ketenmonitor.core.i18n import _
from ketenmonitor.core.periods import Period

if TYPE_CHECKING:  # PyArrow and NumPy load when a command runs, not for --help (ADR 0025)
    from ketenmonitor.pseudonymise.service import PseudonymiseResult, SourceTableLike


def output_name(**kwargs: object) -> str:
    """The file a fault is about (``guards_faults``): the command's ``--uitvoer``."""
    return str(kwargs.get("uitvoer") or "")


def _partner_type(tables: list[SourceTableLike], mapping: object, name: str) -> str:
    from ketenmonitor.delivery.catalogue import current_catalogue
    from ketenmonitor.pseudonymise.service import infer_partner_type

    found = infer_partner_type(tables)
    if found is not None:
        return found
    declared = str(getattr(mapping, "partner_type", None) or name)
    if declared not in current_catalogue():
        raise InputRefused(
            "partnersoort_onbekend",
            _("Uit de invoer blijkt niet van welk soort partner de gegevens zijn."),
            _("Lever de berichten, incidenten, trajecten of casussen mee met de betrokkenen."),
        )
    return declared


def print_summary(out: Output, result: PseudonymiseResult) -> None:
    out.table(_("Leveringen (sleutel-id {key_id})").format(key_id=result.key_id),
              [Column(_("Soort")), Column(_("Rijen"), right=True), Column(_("Bestand"))],
              [[d.record_type, format_count(d.row_count), str(d.parquet_path)]
               for d in result.deliveries])
    stats = result.token_stats
    if stats is None:
        return
    rows = (
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
    )
    out.table(_("Identificerende gegevens van betrokkenen"),
              [Column(_("Onderdeel")), Column(_("Aantal"), right=True)],
              [[label, format_count(value)] for label, value in rows])
    out.line(_("{tokens} tokens in {seconds} s ({rate} tokens per seconde).").format(
        tokens=format_count(stats.tokens), seconds=format_number(stats.token_seconds, 2),
        rate=format_count(int(stats.tokens_per_second)) if stats.tokens else "-"))


def pseudonymise(out: Output, *, mapping: str, invoer: Path, periode: str, partner: str,
                 uitvoer: Path, sleutelbestand: Path | None = None, bloom: bool = False) -> ExitCode:
    from ketenmonitor.cli.source_check import judge, print_check, print_warning
    from ketenmonitor.delivery.files import check_partner
    from ketenmonitor.pseudonymise import load_key, pseudonymise_tables
    from ketenmonitor.sources import check_export, load_mapping, read_export

    period = Period.parse(periode)
    check_partner(partner)
    key = load_key(sleutelbestand, data_dirs=[invoer, uitvoer])
    loaded_mapping = load_mapping(mapping)
    read = read_export(loaded_mapping, invoer)
    # the rules of ingest, here, before anything is written (issue 13, check at the source)
    checked = check_export(read, today=date.today(), period=period)
    print_check(out, checked, quiet_when_clean=True)
    verdict = judge(checked)
    tables: list[SourceTableLike] = list(read)
    result = pseudonymise_tables(
        tables, key=key, partner=partner, period=period, out_dir=uitvoer,
        partner_type=_partner_type(tables, loaded_mapping, mapping), bloom=bloom,
    )
    print_summary(out, result)
    print_warning(out, verdict)
    return verdict.exit_code


def sleutel_maken(out: Output, *, uitvoer: Path) -> ExitCode:
    from ketenmonitor.pseudonymise import create_key_file

    key = create_key_file(uitvoer)
    out.line(_("Sleutel gemaakt in {path} (sleutel-id {key_id}). Bewaar hem buiten de data en deel "
               "hem alleen met partners die moeten kunnen koppelen.").format(
        path=uitvoer, key_id=key.key_id))
    return ExitCode.OK


def sleutel_publiek(out: Output, *, uitvoer: Path, sleutelbestand: Path | None = None) -> ExitCode:
    from ketenmonitor.delivery.signing import verification_key
    from ketenmonitor.pseudonymise import load_key

    key = load_key(sleutelbestand, data_dirs=[])
    uitvoer.write_text(verification_key(key) + "\n", encoding="ascii")
    out.line(_("Publieke sleutel van de regio geschreven naar {path}. Geef dit bestand aan de "
               "beheerder van de monitor.").format(path=uitvoer))
    return ExitCode.OK


def rekey(out: Output, *, invoer: Path, uitvoer: Path, sleutelbestand: Path | None = None) -> ExitCode:
    from ketenmonitor.pseudonymise import load_key
    from ketenmonitor.pseudonymise.rekey import rekey_deliveries

    key = load_key(sleutelbestand, data_dirs=[invoer, uitvoer])
    results = rekey_deliveries([invoer], key, uitvoer)
    out.table(
        _("Omgezette leveringen (nieuwe sleutel-id {key_id})").format(key_id=key.key_id),
        [Column(_("Soort")), Column(_("Rijen"), right=True), Column(_("Oude sleutel-id")),
         Column(_("Omgezette kolommen"), right=True), Column(_("Bestand"))],
        [[r.delivery.record_type, format_count(r.delivery.row_count), r.source_key_id,
          str(len(r.token_columns)), str(r.delivery.parquet_path)] for r in results])
    return ExitCode.OK


def mapping_controleer(out: Output, *, mapping: str, invoer: Path,
                       periode: str | None = None) -> ExitCode:
    from ketenmonitor.cli.source_check import judge, print_check, print_warning
    from ketenmonitor.sources import check_export, load_mapping, read_export

    period = Period.parse(periode) if periode else None
    tables = read_export(load_mapping(mapping), invoer)
    result = check_export(tables, today=date.today(), period=period)
    print_check(out, result)
    verdict = judge(result)
    print_warning(out, verdict)
    return ExitCode.PARTIAL if result.failures else ExitCode.OK
