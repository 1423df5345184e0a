# SPDX-License-Identifier: EUPL-1.2
"""Word styles for the stoplichtenrapportage: the gemeente's own template first, fallbacks second.

A gemeente can hand in its house-style ``.docx`` (or ``.dotx``). For every role in the report —
title, headings, caption, table, list, callout, and one character style per light — the renderer
looks for a style of that name in the template, in Dutch or English ("Kop 1" / "Heading 1").
When the template lacks one, a plain replacement is added and a Dutch warning is logged, so the
report is still complete and staff know which style to add to their template.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.styles.style import BaseStyle

from ketenmonitor.core.errors import InputRefused
from ketenmonitor.core.i18n import _
from ketenmonitor.core.logging import get_logger

log = get_logger(__name__)

#: Fill colours of the light styles: white bold text on these has at least 4.5:1 contrast.
LIGHT_FILLS = {"groen": "1B6E31", "oranje": "A34700", "rood": "B3261E", "grijs": "5B5F66"}
LIGHT_STYLE_NAMES = {
    "groen": "Licht groen",
    "oranje": "Licht oranje",
    "rood": "Licht rood",
    "grijs": "Licht geen oordeel",
}
TABLE_STYLES = ("Stoplicht tabel", "Tabel stoplicht", "Tabelraster", "Table Grid")
CALLOUT_STYLES = ("Kader", "Duidelijk citaat", "Intense Quote")
_TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@dataclass
class StyleSet:
    """The style name to use for each role, as found in (or added to) the document."""

    title: str = "Title"
    subtitle: str = "Subtitle"
    headings: dict[int, str] = field(default_factory=dict)
    caption: str = "Caption"
    table: str | None = "Table Grid"
    bullet: str = "List Bullet"
    number: str = "List Number"
    callout: str = "Kader"
    lights: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # roles the template lacked


def open_template(path: Path | None) -> WordDocument:
    """The gemeente's template with its body emptied (headers, footers, page setup kept), or the
    python-docx default document when ``path`` is None. A ``.dotx`` is opened as a document."""
    if path is None:
        return docx.Document()
    try:
        data = path.read_bytes()
        document = docx.Document(io.BytesIO(_as_document(data)))
    except OSError as error:
        raise InputRefused(
            "sjabloon_onleesbaar",
            _("Het Word-sjabloon {path} kon niet worden gelezen: {error}.").format(
                path=path, error=error.strerror or error
            ),
            _("Geef met --sjabloon een bestaand .docx- of .dotx-bestand op."),
        ) from error
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputRefused(
            "sjabloon_ongeldig",
            _("Het Word-sjabloon {path} is geen geldig Word-bestand (.docx of .dotx).").format(
                path=path
            ),
            _("Sla het sjabloon in Word op als 'Word-document (.docx)' en probeer het opnieuw."),
        ) from error
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def _as_document(data: bytes) -> bytes:
    """A .dotx differs from a .docx only in the content type of the main part: swap it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml").decode("utf-8")
    if _TEMPLATE_TYPE not in types:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = types.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE).encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def _find(document: WordDocument, names: tuple[str, ...], kind: WD_STYLE_TYPE) -> str | None:
    by_name: dict[str, str] = {
        str(s.name).casefold(): str(s.name) for s in document.styles if s.type == kind and s.name
    }
    for name in names:
        found = by_name.get(name.casefold())
        if found:
            return found
    return None


def _warn(styles: StyleSet, wanted: str, replacement: str, warn: bool) -> None:
    styles.missing.append(wanted)
    if warn:
        log.warning(
            "sjabloonstijl_ontbreekt",
            stijl=wanted,
            melding=_(
                "Het Word-sjabloon heeft geen stijl '{stijl}'; Ketenmonitor gebruikt '{vervanger}'. "
                "Voeg de stijl toe aan het sjabloon om de huisstijl te gebruiken."
            ).format(stijl=wanted, vervanger=replacement),
        )


def _set_outline_level(style: BaseStyle, level: int) -> None:
    ppr = style.element.get_or_add_pPr()
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level - 1))
    ppr.append(outline)


def _shade(rpr_or_ppr: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    rpr_or_ppr.append(shading)


def _add_heading(document: WordDocument, level: int) -> str:
    style = document.styles.add_style(f"Heading {level}", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.bold = True
    style.font.size = Pt({1: 18, 2: 14, 3: 12}.get(level, 11))
    style.paragraph_format.space_before = Pt(18 if level == 1 else 12)
    style.paragraph_format.keep_with_next = True
    _set_outline_level(style, level)
    return str(style.name)


def _add_light(document: WordDocument, kleur: str) -> str:
    style = document.styles.add_style(LIGHT_STYLE_NAMES[kleur], WD_STYLE_TYPE.CHARACTER)
    style.font.bold = True
    style.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    _shade(style.element.get_or_add_rPr(), LIGHT_FILLS[kleur])
    return str(style.name)


def _add_callout(document: WordDocument) -> str:
    style = document.styles.add_style("Kader", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("val", "single"), ("sz", "24"), ("space", "8"), ("color", "154273")):
        left.set(qn(f"w:{key}"), value)
    borders.append(left)
    ppr.append(borders)
    _shade(ppr, "F3F3F3")
    style.paragraph_format.left_indent = Pt(12)
    return str(style.name)


def _add_paragraph_style(document: WordDocument, name: str, size: int, bold: bool) -> str:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(size)
    style.font.bold = bold
    return str(style.name)


def resolve_styles(document: WordDocument, from_template: bool, depth: int = 4) -> StyleSet:
    """Pick the template's style for every role; add a fallback (and warn) where it has none.

    Without a template (the python-docx default) only the light, table and callout styles are
    added, silently: they are Ketenmonitor's own.
    """
    styles = StyleSet()
    para, char = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER
    for role, names, size, bold in (
        ("title", ("Titel", "Title"), 26, True),
        ("subtitle", ("Ondertitel", "Subtitle"), 14, False),
        ("caption", ("Bijschrift", "Caption"), 9, True),
    ):
        found = _find(document, names, para)
        if found is None:
            found = _add_paragraph_style(document, names[-1], size, bold)
            _warn(styles, names[0], found, from_template)
        setattr(styles, role, found)
    for level in range(1, depth + 1):
        found = _find(document, (f"Kop {level}", f"Heading {level}"), para)
        if found is None:
            found = _add_heading(document, level)
            _warn(styles, f"Kop {level}", found, from_template)
        styles.headings[level] = found
    for role, names in (
        ("bullet", ("Lijstopsommingsteken", "List Bullet")),
        ("number", ("Lijstnummering", "List Number")),
    ):
        found = _find(document, names, para)
        if found is None:
            found = "Normal"
            _warn(styles, names[0], found, from_template)
        setattr(styles, role, found)
    callout = _find(document, CALLOUT_STYLES, para)
    styles.callout = callout or _add_callout(document)
    styles.table = _find(document, TABLE_STYLES, WD_STYLE_TYPE.TABLE)
    if styles.table is None:
        _warn(styles, TABLE_STYLES[0], _("tabel met eigen randen"), from_template)
    for kleur, name in LIGHT_STYLE_NAMES.items():
        found = _find(document, (name,), char)
        if found is None:
            found = _add_light(document, kleur)
            _warn(styles, name, _("eigen stijl {naam}").format(naam=name), from_template)
        styles.lights[kleur] = found
    return styles


def set_language(document: WordDocument, language: str = "nl-NL") -> None:
    """Mark the text as Dutch (spelling check, screen readers): on Normal and the defaults."""
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)
