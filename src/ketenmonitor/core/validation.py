# SPDX-License-Identifier: EUPL-1.2
"""Pydantic's (English) validation errors as Dutch messages: the one translator.

Every loader of a YAML or configuration file (indicator catalogue, regiovisie, CBS mapping,
partner mappings, settings) reports through this module, so a data steward never sees "Field
required" or "Extra inputs are not permitted", and every message names the field. A loader may
add explanations of its own regular expressions (``patterns``); everything else is generic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ketenmonitor.core.errors import ConfigurationError
from ketenmonitor.core.i18n import _

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

# Parts of a pydantic 'loc' that are no keys in the file (validator wrappers, dict-key markers).
NOT_IN_FILE = frozenset({"[key]", "function-after", "function-before", "function-wrap"})

Loc = tuple[str | int, ...]
Patterns = Mapping[str, tuple[str, str]]


@dataclass(frozen=True)
class DutchError:
    """One problem: where (``loc`` and ``place``), what (``message``) and how to fix (``hint``)."""

    loc: Loc
    message: str
    hint: str
    names_field: bool = False  # the message names the last part of ``loc`` itself

    @property
    def place(self) -> str:
        return place(self.loc)

    def line(self) -> str:
        """``'bestanden[2]: onbekend veld 'patron' — controleer de spelling'``.

        A missing or unknown field is named in the message itself, so it is placed at its parent.
        """
        where = place(self.loc[:-1]) if self.names_field else self.place
        text = f"{where}: {self.message}" if where else self.message
        return text + (f" — {self.hint}" if self.hint else "")


def place(loc: Iterable[str | int]) -> str:
    """``('bestanden', 1, 'patroon')`` → ``'bestanden[2].patroon'`` (lists counted from 1)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def _choices(text: object) -> str:
    return str(text or "").replace(" or ", ", ").replace("'", "")


def _generic_patterns() -> dict[str, tuple[str, str]]:
    return {
        r"^[a-z][a-z0-9_]*$": (_("ongeldige id"), _("gebruik kleine letters, cijfers en '_'; "
                                                    "begin met een letter")),
    }


def _simple() -> dict[str, tuple[str, str]]:
    number = (_("hier hoort een getal"), _("gebruik een punt als decimaalteken: 12.5"))
    integer = (_("hier hoort een geheel getal"), _("bijvoorbeeld 2025 of 40"))
    amount = (_("hier hoort een bedrag"), _("gebruik een punt als decimaalteken: 1250.50"))
    boolean = (_("hier hoort ja of nee"), _("gebruik true of false"))
    day = (_("hier hoort een datum"), _("schrijf jjjj-mm-dd, bijvoorbeeld 2025-03-14"))
    block = (_("hier hoort een blok met velden"), _("zet de velden ingesprongen eronder"))
    return {
        "string_type": (_("hier hoort tekst"),
                        _("zet de waarde tussen aanhalingstekens, bijvoorbeeld \"1.1\"")),
        "string_too_short": (_("mag niet leeg zijn"), _("vul een tekst in")),
        "too_short": (_("lijst mag niet leeg zijn"), _("geef ten minste één onderdeel")),
        "int_type": integer, "int_parsing": integer,
        "int_from_float": (_("hier hoort een geheel getal"), _("laat de decimalen weg")),
        "float_type": number, "float_parsing": number,
        "decimal_type": amount, "decimal_parsing": amount,
        "bool_type": boolean, "bool_parsing": boolean,
        "date_type": day, "date_parsing": day, "date_from_datetime_parsing": day,
        "list_type": (_("hier hoort een lijst"), _("begin elk onderdeel op een nieuwe regel met '- '")),
        "dict_type": block, "model_type": block, "model_attributes_type": block,
        "path_type": (_("hier hoort een pad"), _("bijvoorbeeld /data/ketenmonitor")),
    }


def translate(entry: Mapping[str, Any], patterns: Patterns | None = None) -> DutchError:
    """The Dutch form of one entry of ``ValidationError.errors()``."""
    kind = str(entry.get("type", ""))
    ctx: Mapping[str, Any] = entry.get("ctx") or {}
    loc: Loc = tuple(p if isinstance(p, int) else str(p) for p in entry.get("loc", ())
                     if str(p) not in NOT_IN_FILE)
    name = str(loc[-1]) if loc else ""
    given = entry.get("input")

    def made(message: str, hint: str = "", names_field: bool = False) -> DutchError:
        return DutchError(loc, message, hint, names_field)

    if kind in ("value_error", "assertion_error"):
        return made(str(ctx.get("error", _("ongeldige waarde"))))
    if kind == "missing":
        return made(_("verplicht veld '{name}' ontbreekt").format(name=name), names_field=True)
    if kind == "extra_forbidden":
        return made(_("onbekend veld '{name}'").format(name=name),
                    _("controleer de spelling; alleen bekende velden zijn toegestaan"), True)
    if kind == "string_pattern_mismatch":
        known = {**_generic_patterns(), **(patterns or {})}
        text, hint = known.get(str(ctx.get("pattern")), (_("ongeldige tekst"), ""))
        return made(f"{text} '{given}'", hint)
    if kind in ("enum", "literal_error"):
        return made(_("ongeldige waarde '{given}'").format(given=given),
                    _("kies uit: {keuze}").format(keuze=_choices(ctx.get("expected"))))
    if kind == "union_tag_invalid":
        return made(_("onbekende soort '{tag}'").format(tag=ctx.get("tag", "")),
                    _("kies uit: {keuze}").format(keuze=_choices(ctx.get("expected_tags"))))
    if kind == "union_tag_not_found":
        field = str(ctx.get("discriminator", "")).strip("'")
        return made(_("verplicht veld '{name}' ontbreekt").format(name=field),
                    _("zet '{name}' om aan te geven welke soort dit is").format(name=field))
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        return made(_("waarde {given} is te klein (minimaal {limit})").format(given=given, limit=limit))
    if kind in ("less_than_equal", "less_than"):
        limit = ctx.get("le", ctx.get("lt"))
        return made(_("waarde {given} is te groot (maximaal {limit})").format(given=given, limit=limit))
    if kind == "string_too_long":
        return made(_("tekst is te lang (hoogstens {n} tekens)").format(n=ctx.get("max_length", "")))
    simple = _simple()
    if kind in simple:
        return made(*simple[kind])
    # Never pydantic's English 'msg': its type code at least tells a developer what went wrong.
    return made(_("ongeldige waarde ({soort})").format(soort=kind))


def translate_all(error: ValidationError, patterns: Patterns | None = None) -> list[DutchError]:
    return [translate(entry, patterns) for entry in error.errors()]


def describe(error: ValidationError, patterns: Patterns | None = None) -> str:
    """Every problem of ``error`` on one line, separated by '; ', each naming its field."""
    return "; ".join(item.line() for item in translate_all(error, patterns))


def load_settings(model: Callable[[], T], prefix: str) -> T:
    """Settings from the environment; a wrong value becomes a Dutch error naming the variable."""
    try:
        return model()
    except ValidationError as error:
        lines = []
        for item in translate_all(error):
            names = [str(p) for p in item.loc if isinstance(p, str)]
            variable = names[0].upper() if names else ""
            if variable and not variable.startswith(prefix):
                variable = prefix + variable
            lines.append(replace(item, loc=(variable,) if variable else ()).line())
        raise ConfigurationError(
            "instelling_ongeldig",
            _("Ongeldige instelling: {fouten}.").format(fouten="; ".join(lines)),
            _("Pas de genoemde omgevingsvariabele aan; docs/instellingen.md beschrijft alle "
              "instellingen."),
        ) from None


def read_yaml(path: Path, code: str, message: str) -> Any:
    """The YAML in ``path``; unreadable becomes a ``ConfigurationError`` ``code`` with ``message``
    (placeholders ``{file}`` and ``{reason}``)."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ConfigurationError(
            code,
            message.format(file=path.name, reason=type(error).__name__),
            _("Controleer of het bestand geldige YAML in UTF-8 is."),
        ) from None


def validated(model: type[M], data: Any, path: Path, code: str, message: str, hint: str) -> M:
    """``data`` as ``model``; invalid becomes a ``ConfigurationError`` ``code`` with ``message``
    (placeholders ``{file}`` and ``{problems}``, every problem in Dutch) and ``hint``."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ConfigurationError(
            code, message.format(file=path.name, problems=describe(error)), hint
        ) from None
