# SPDX-License-Identifier: EUPL-1.2
"""Generated references: every command and option (docs/opdrachtregel.md), every
``KETENMONITOR_*`` setting (docs/instellingen.md) and every key of a partner mapping
(docs/mapping.md, from :mod:`ketenmonitor.sources.mapping_docs`).

Written from the command tree and the settings models themselves, so the documentation cannot
name an option or a default that no longer exists; ``tests/cli/test_reference.py`` fails when the
files on disk differ from what this module writes. Regenerate with::

    python -m ketenmonitor.cli.reference docs
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from types import SimpleNamespace
from typing import Any, get_args, get_origin

from pydantic import SecretStr
from typer import _click
from typer.core import TyperGroup

from ketenmonitor.core.env_settings import EnvSettings
from ketenmonitor.core.i18n import _

CLI_FILE = "opdrachtregel.md"
SETTINGS_FILE = "instellingen.md"
MAPPING_FILE = "mapping.md"
REGENERATE = "python -m ketenmonitor.cli.reference docs"

# Settings whose model gives no description yet. Kept here rather than in the stage packages so
# the reference is complete now; a description in the model (``Field(description=...)``) wins.
FALLBACK_DESCRIPTIONS: dict[str, str] = {
    "KETENMONITOR_LOG_LEVEL": "Hoeveel de logboekregels melden: DEBUG, INFO, WARNING of ERROR "
                              "(-v en -q van de opdrachtregel gaan voor)",
    "KETENMONITOR_ROUNDING_BASE": "Onthullingscontrole: aantallen worden afgerond op een veelvoud "
                                  "van dit getal",
    "KETENMONITOR_SUPPRESSION_THRESHOLD": "Onthullingscontrole: aantallen onder deze drempel worden "
                                          "onderdrukt (primaire onderdrukking)",
    "KETENMONITOR_PORTAL_ALLOWED_HOSTS": "Hostnamen waaronder het portaal bereikbaar is (JSON-lijst)",
    "KETENMONITOR_PORTAL_CSRF_TRUSTED_ORIGINS": "Vertrouwde herkomsten voor formulieren achter een "
                                                "proxy, bijvoorbeeld https://monitor.example.nl "
                                                "(JSON-lijst)",
    "KETENMONITOR_PORTAL_HSTS_SECONDEN": "Hoe lang browsers alleen HTTPS gebruiken (HSTS), in seconden",
    "KETENMONITOR_PORTAL_THEMA_KLASSE": "CSS-klasse van het thema op de pagina",
    "KETENMONITOR_PORTAL_CONTACT_EMAIL": "E-mailadres in de toegankelijkheidsverklaring",
    "KETENMONITOR_PORTAL_OIDC_CLIENT_ID": "OIDC: client-id; met een client-id is inloggen via OIDC aan",
    "KETENMONITOR_PORTAL_OIDC_CLIENT_SECRET": "OIDC: clientgeheim",
    "KETENMONITOR_PORTAL_OIDC_AUTHORIZATION_ENDPOINT": "OIDC: autorisatie-endpoint van de "
                                                       "identiteitsprovider",
    "KETENMONITOR_PORTAL_OIDC_TOKEN_ENDPOINT": "OIDC: token-endpoint",
    "KETENMONITOR_PORTAL_OIDC_USER_ENDPOINT": "OIDC: userinfo-endpoint",
    "KETENMONITOR_PORTAL_OIDC_JWKS_ENDPOINT": "OIDC: JWKS-endpoint met de ondertekeningssleutels",
    "KETENMONITOR_PORTAL_OIDC_SIGN_ALGO": "OIDC: algoritme van de tokenhandtekening",
    "KETENMONITOR_PORTAL_OIDC_SCOPES": "OIDC: gevraagde scopes",
    "KETENMONITOR_PORTAL_CLAIM_NAAM": "Claim met de naam van de gebruiker",
    "KETENMONITOR_PORTAL_CLAIM_EMAIL": "Claim met het e-mailadres van de gebruiker",
    "KETENMONITOR_PORTAL_LOG_LEVEL": "Hoeveel het portaal in zijn logboek meldt: DEBUG, INFO, "
                                     "WARNING of ERROR",
}

# Read with os.environ, outside a settings model.
OTHER_SETTINGS: tuple[tuple[str, str, str], ...] = (
    ("KETENMONITOR_TAAL", "nl", "Taal van de teksten (gettext); nl is de brontaal"),
)


def _settings_models() -> list[tuple[str, type[EnvSettings]]]:
    from ketenmonitor.core.settings import Settings
    from ketenmonitor.portal.config import PortalSettings

    return [(_("Algemeen"), Settings), (_("Portaal"), PortalSettings)]


def _env_name(model: type[EnvSettings], field: str) -> str:
    return f"{model.env_prefix}{field}".upper()


def _default_text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, SecretStr):
        return "(geheim)"
    if isinstance(value, Enum):
        return f"`{value.value}`"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, list | dict) and not value:
        return "(leeg)"
    if isinstance(value, list | dict):
        import json

        return f"`{json.dumps(value)}`"
    return f"`{value}`"


def setting_rows() -> Iterator[tuple[str, str, str, str]]:
    """(section, environment variable, default, Dutch description) for every setting."""
    for section, model in _settings_models():
        for name, field in model.model_fields.items():
            env = _env_name(model, name)
            description = field.description or FALLBACK_DESCRIPTIONS.get(env, "")
            yield section, env, _default_text(field.get_default(call_default_factory=True)), description
    for env, default, description in OTHER_SETTINGS:
        yield _("Overig"), env, f"`{default}`", description


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_settings() -> str:
    lines = [
        "# Instellingen",
        "",
        f"<!-- Gegenereerd met `{REGENERATE}`; niet met de hand wijzigen. -->",
        "",
        "Ketenmonitor leest zijn instellingen uit omgevingsvariabelen. Een waarde op de "
        "opdrachtregel (bijvoorbeeld `--warehouse`) gaat voor de omgevingsvariabele. "
        "Lijsten en tabellen schrijf je als JSON, bijvoorbeeld "
        "`KETENMONITOR_PORTAL_ALLOWED_HOSTS='[\"monitor.example.nl\"]'`.",
    ]
    section = ""
    for row_section, env, default, description in setting_rows():
        if row_section != section:
            section = row_section
            lines += ["", f"## {section}", "", "| Variabele | Standaard | Betekenis |", "|---|---|---|"]
        lines.append(f"| `{env}` | {_cell(default)} | {_cell(description)} |")
    return "\n".join(lines) + "\n"


def command_tree() -> TyperGroup:
    """The whole command tree, every stage module loaded (only the reference needs them all)."""
    import typer.main

    from ketenmonitor.cli.app import COMMANDS, app, load_commands

    for lazy in dict.fromkeys(c.module for c in COMMANDS.values()):
        load_commands(lazy)
    return typer.main.get_group(app)


def _walk(command: _click.Command, path: list[str]) -> Iterator[tuple[list[str], _click.Command]]:
    yield path, command
    if isinstance(command, TyperGroup):
        # The order of the COMMANDS table, not of import: tests may have loaded modules earlier.
        from ketenmonitor.cli.app import COMMANDS

        order = [n for n in COMMANDS if n in command.commands] if len(path) == 1 else []
        for name in [*order, *(n for n in command.commands if n not in order)]:
            yield from _walk(command.commands[name], [*path, name])


def _type_text(param: Any) -> str:
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if get_origin(annotation) in (list, tuple):
        inner = get_args(annotation)[0]
        return _("{soort}, één of meer").format(soort=_type_text(
            SimpleNamespace(type_descriptor=SimpleNamespace(annotation=inner))))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return " \\| ".join(f"`{member.value}`" for member in annotation)
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return _("vlag")
    labels = {str: _("tekst"), int: _("geheel getal"), float: _("getal"), Path: _("pad")}
    if isinstance(annotation, type) and annotation in labels:
        return labels[annotation]
    return str(getattr(annotation, "__name__", annotation))


def _param_row(param: Any) -> str:
    names = ", ".join(f"`{opt}`" for opt in [*param.opts, *param.secondary_opts])
    if param.param_type_name == "argument":
        names = f"`{param.name.upper()}`"
    default = _("verplicht") if param.required else (
        "—" if param.default in (None, False, 0, ()) else _default_text(param.default))
    return f"| {names} | {_type_text(param)} | {_cell(default)} | {_cell(param.help or '')} |"


def render_cli() -> str:
    lines = [
        "# Opdrachtregel",
        "",
        f"<!-- Gegenereerd met `{REGENERATE}`; niet met de hand wijzigen. -->",
        "",
        "Alle commando's van `ketenmonitor` met hun opties. `ketenmonitor COMMANDO --help` toont "
        "hetzelfde in de terminal.",
        "",
        "Exitcodes: 0 gelukt; 1 deels gelukt (rijen in quarantaine); 2 invoer geweigerd; "
        "64 verkeerde opdrachtregel (onbekende optie, ontbrekende of ongeldige waarde).",
    ]
    for path, command in _walk(command_tree(), ["ketenmonitor"]):
        if command.hidden:
            continue
        lines += ["", f"{'#' * min(len(path) + 1, 4)} `{' '.join(path)}`", ""]
        if command.help:
            lines += [" ".join(command.help.split()), ""]
        params = [p for p in command.params if not getattr(p, "hidden", False)]
        lines += ["| Optie | Soort | Standaard | Betekenis |", "|---|---|---|---|"]
        lines += [_param_row(p) for p in params]
        lines.append(f"| `--help` | {_('vlag')} | — | {_('Toon deze hulp en stop.')} |")
    return "\n".join(lines) + "\n"


def render_mapping() -> str:
    from ketenmonitor.sources.mapping_docs import render_mapping as render

    return render(REGENERATE)


def write(docs: Path) -> list[Path]:
    written = []
    for name, text in ((CLI_FILE, render_cli()), (SETTINGS_FILE, render_settings()),
                       (MAPPING_FILE, render_mapping())):
        target = docs / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print(_("Gebruik: python -m ketenmonitor.cli.reference MAP (bijvoorbeeld docs)"),
              file=sys.stderr)
        return 64
    for path in write(Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
