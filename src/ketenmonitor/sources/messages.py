# SPDX-License-Identifier: EUPL-1.2
"""Dutch wording for pydantic validation errors of mapping files.

Pydantic reports in English; a data steward editing a mapping gets every problem in Dutch, with
the place in the YAML file (``bestanden[1].kolommen``).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ketenmonitor.core.i18n import _


def _place(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + str(part)
    return text or _("mapping")


def _message(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("ontbreekt")
    if kind == "extra_forbidden":
        return _("is geen bekend onderdeel van een mapping")
    if kind in ("literal_error", "enum"):
        choices = str(ctx.get("expected", "")).replace(" or ", _(" of "))
        return _("moet een van {keuzes} zijn").format(keuzes=choices)
    if kind == "string_type":
        return _("moet tekst zijn")
    if kind in ("dict_type", "model_type"):
        return _("moet een lijst van 'naam: waarde'-paren zijn")
    if kind == "list_type":
        return _("moet een lijst zijn")
    if kind in ("too_short", "string_too_short"):
        return _("mag niet leeg zijn")
    if kind == "string_too_long":
        return _("mag hoogstens {n} teken(s) lang zijn").format(n=ctx.get("max_length", ""))
    if kind == "greater_than_equal":
        return _("moet minstens {n} zijn").format(n=ctx.get("ge", ""))
    if kind == "less_than_equal":
        return _("mag hoogstens {n} zijn").format(n=ctx.get("le", ""))
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("moet een geheel getal zijn")
    if kind in ("bool_parsing", "bool_type"):
        return _("moet true of false zijn")
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return str(error["msg"])


def dutch_errors(error: ValidationError) -> str:
    """All problems of a failed mapping validation, in Dutch, separated by '; '."""
    parts = []
    for item in error.errors():
        loc = tuple(p for p in item["loc"] if p not in ("function-after", "function-before"))
        parts.append(f"{_place(loc)}: {_message(item)}")
    return "; ".join(parts)
