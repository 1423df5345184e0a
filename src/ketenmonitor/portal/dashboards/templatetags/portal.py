# SPDX-License-Identifier: EUPL-1.2
"""Template helpers. Figures and lights are rendered by filters rather than ``{% include %}``:
a region table of 342 gemeenten has well over a thousand of them, and an include costs far more."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    """``{{ mapping|get_item:key }}``: a dictionary lookup with a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def cijfer(figure: Any) -> SafeString:
    """A published figure; the meaning of a CBS sign is spelled out for screen readers."""
    if figure is None:
        return mark_safe("–")
    if figure.hint:
        return format_html('{}<span class="km-sr-only"> ({})</span>', figure.text, figure.hint)
    return format_html("{}", figure.text)


@register.filter
def licht(light: Any) -> SafeString:
    """A light as icon and text (never colour alone)."""
    return format_html(
        '<span class="km-licht km-licht--{}"><span class="km-licht__icoon" aria-hidden="true">{}'
        '</span> <span class="km-licht__tekst">{}</span></span>',
        light.kleur, light.icoon, light.label,
    )


STOPLICHT_CLASS = {"groen": "groen", "oranje": "oranje", "rood": "rood"}


@register.filter
def stoplicht(status: Any) -> SafeString:
    """A regiovisie light (LichtStatus) as icon and text."""
    value = str(getattr(status, "value", status))
    return format_html(
        '<span class="km-licht km-licht--{}"><span class="km-licht__icoon" aria-hidden="true">{}'
        '</span> <span class="km-licht__tekst">{}</span></span>',
        STOPLICHT_CLASS.get(value, "grijs"), status.symbol, status.label,
    )
