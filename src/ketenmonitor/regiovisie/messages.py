# SPDX-License-Identifier: EUPL-1.2
"""Pydantic's (English) validation errors as Dutch messages with a hint how to fix them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ketenmonitor.core.i18n import _
from ketenmonitor.regiovisie.model import PERIOD_PATTERN
from ketenmonitor.regiovisie.programme import GEMEENTE_PATTERN, ID_PATTERN

# Parts of a pydantic 'loc' that are no keys in the YAML (union tags, dict-key markers).
NOT_IN_YAML = {"[key]", "drempel", "vergelijking", "ontwikkeling"}


def _patterns() -> dict[str, tuple[str, str]]:
    return {
        ID_PATTERN: (_("ongeldige id"), _("gebruik letters, cijfers, '.', '-' of '_', zonder "
                                          "spaties; begin met een letter of cijfer")),
        r"^[a-z][a-z0-9_]*$": (_("ongeldige id"), _("gebruik kleine letters, cijfers en '_'; "
                                                    "begin met een letter")),
        r"^[a-z0-9_]+$": (_("ongeldige regiocode"), _("gebruik de code uit codes/data/regios.csv, "
                                                      "bijvoorbeeld haaglanden")),
        PERIOD_PATTERN: (_("ongeldige periode"), _("gebruik een jaar (2025) of een halfjaar "
                                                   "(2025-H1 of 2025-H2)")),
        GEMEENTE_PATTERN: (_("ongeldige gemeentecode"), _("gebruik een CBS-code zoals GM0518")),
    }


def _expected(ctx: Mapping[str, Any]) -> str:
    return str(ctx.get("expected", "")).replace(" or ", ", ").replace("'", "")


def dutch_error(error: Mapping[str, Any]) -> tuple[str, str]:
    """(message, hint) in Dutch for one entry of ``ValidationError.errors()``."""
    kind = str(error.get("type", ""))
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    loc = [p for p in error.get("loc", ()) if p not in NOT_IN_YAML]
    name = str(loc[-1]) if loc else ""
    given = error.get("input")
    if kind == "value_error":
        return str(ctx.get("error", _("ongeldige waarde"))), ""
    if kind == "missing":
        return (_("verplicht veld '{name}' ontbreekt").format(name=name),
                _("voeg '{name}' toe; zie het sjabloon voor een voorbeeld").format(name=name))
    if kind == "extra_forbidden":
        return (_("onbekend veld '{name}'").format(name=name),
                _("controleer de spelling; het sjabloon noemt alle velden"))
    if kind == "string_pattern_mismatch":
        text, hint = _patterns().get(str(ctx.get("pattern")), (_("ongeldige tekst"), ""))
        return f"{text} '{given}'", hint
    if kind in ("enum", "literal_error"):
        return (_("ongeldige waarde '{given}'").format(given=given),
                _("kies uit: {keuze}").format(keuze=_expected(ctx)))
    if kind == "union_tag_invalid":
        return (_("onbekende soort norm '{tag}'").format(tag=ctx.get("tag", "")),
                _("kies uit: drempel, vergelijking, ontwikkeling"))
    if kind == "union_tag_not_found":
        return (_("de norm heeft geen 'soort'"),
                _("zet 'soort: drempel', 'soort: vergelijking' of 'soort: ontwikkeling'"))
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        return _("waarde {given} is te klein (minimaal {limit})").format(given=given, limit=limit), ""
    if kind in ("less_than_equal", "less_than"):
        limit = ctx.get("le", ctx.get("lt"))
        return _("waarde {given} is te groot (maximaal {limit})").format(given=given, limit=limit), ""
    simple = {
        "string_type": (_("hier hoort tekst"),
                        _("zet de waarde tussen aanhalingstekens, bijvoorbeeld \"1.1\"")),
        "string_too_short": (_("mag niet leeg zijn"), _("vul een tekst in")),
        "too_short": (_("lijst mag niet leeg zijn"), _("geef ten minste één onderdeel")),
        "int_type": (_("hier hoort een geheel getal"), _("bijvoorbeeld 2025 of 40")),
        "int_parsing": (_("hier hoort een geheel getal"), _("bijvoorbeeld 2025 of 40")),
        "int_from_float": (_("hier hoort een geheel getal"), _("laat de decimalen weg")),
        "float_type": (_("hier hoort een getal"), _("gebruik een punt als decimaalteken: 12.5")),
        "float_parsing": (_("hier hoort een getal"), _("gebruik een punt als decimaalteken: 12.5")),
        "decimal_type": (_("hier hoort een bedrag"), _("gebruik een punt als decimaalteken: 1250.50")),
        "decimal_parsing": (_("hier hoort een bedrag"),
                            _("gebruik een punt als decimaalteken: 1250.50")),
        "bool_type": (_("hier hoort ja of nee"), _("gebruik true of false")),
        "bool_parsing": (_("hier hoort ja of nee"), _("gebruik true of false")),
        "date_type": (_("hier hoort een datum"), _("schrijf jjjj-mm-dd, bijvoorbeeld 2025-03-14")),
        "date_parsing": (_("hier hoort een datum"), _("schrijf jjjj-mm-dd, bijvoorbeeld 2025-03-14")),
        "date_from_datetime_parsing": (_("hier hoort een datum"),
                                       _("schrijf jjjj-mm-dd, bijvoorbeeld 2025-03-14")),
        "list_type": (_("hier hoort een lijst"), _("begin elk onderdeel op een nieuwe regel met '- '")),
        "dict_type": (_("hier hoort een blok met velden"), _("zet de velden ingesprongen eronder")),
        "model_type": (_("hier hoort een blok met velden"), _("zet de velden ingesprongen eronder")),
        "model_attributes_type": (_("hier hoort een blok met velden"),
                                  _("zet de velden ingesprongen eronder")),
    }
    if kind in simple:
        return simple[kind]
    return _("ongeldige waarde ({soort})").format(soort=kind), ""
