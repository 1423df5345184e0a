# SPDX-License-Identifier: EUPL-1.2
"""Gettext translation for all user-facing text.

Dutch is the source language: message ids are the Dutch texts, so the product works without any
catalogue and an English catalogue (``locale/en/LC_MESSAGES/ketenmonitor.mo``) can be added later.
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "ketenmonitor"


@lru_cache(maxsize=8)
def _translation(language: str) -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def _language() -> str:
    return os.environ.get("KETENMONITOR_TAAL", "nl")


def _(message: str) -> str:
    """Translate ``message`` (a Dutch msgid) to the configured language."""
    return _translation(_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation(_language()).ngettext(singular, plural, n)
