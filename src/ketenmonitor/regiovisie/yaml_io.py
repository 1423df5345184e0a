# SPDX-License-Identifier: EUPL-1.2
"""Import and export of a complete regiovisie as YAML (schema version 1.0).

Loading never shows a traceback for bad input: YAML syntax errors, schema errors (pydantic,
translated to Dutch) and cross-reference errors are collected with their place — the path in
the YAML and the line number — and refused together in one :class:`RegiovisieError` (exit 2).
Export writes exactly what import reads, so import → export → import gives an equal model.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ketenmonitor import __version__
from ketenmonitor.core.i18n import _
from ketenmonitor.regiovisie.checks import check_regiovisie
from ketenmonitor.regiovisie.errors import Fout, RegiovisieError, path_text, refused
from ketenmonitor.regiovisie.messages import NOT_IN_YAML, dutch_error
from ketenmonitor.regiovisie.model import SCHEMA_VERSIE, Regiovisie

# The C loader (libyaml) when PyYAML was built with it; same results, several times faster.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# A regiovisie is a few tens of kilobytes and never needs anchors (&) or aliases (*): refusing
# them stops "billion laughs" files, whose aliases expand exponentially in every later walk.
MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
EXAMPLE = "voorbeeld.yaml"
TEMPLATE = "sjabloon.yaml"


def data_path(name: str) -> Path:
    """Path of a bundled data file (``voorbeeld.yaml``, ``sjabloon.yaml``)."""
    return Path(str(resources.files("ketenmonitor.regiovisie") / "data" / name))


def example_path() -> Path:
    return data_path(EXAMPLE)


def template_path() -> Path:
    return data_path(TEMPLATE)


def line_of(root: yaml.Node | None, pad: tuple[str | int, ...]) -> int | None:
    """The 1-based line of the deepest node on ``pad`` that exists in the YAML."""
    if root is None:
        return None
    node: yaml.Node = root
    for part in pad:
        if part in NOT_IN_YAML:
            continue
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    child = value
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        if child is None:
            break
        node = child
    return int(node.start_mark.line) + 1


def _duplicate_keys(node: yaml.Node | None, pad: tuple[str | int, ...] = ()) -> list[Fout]:
    """Keys that occur twice in one block: YAML would silently keep only the last one."""
    found: list[Fout] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value) if isinstance(key, yaml.ScalarNode) else ""
            if name in seen:
                found.append(Fout(path_text((*pad, name)),
                                  _("'{key}' staat twee keer in hetzelfde blok").format(key=name),
                                  _("voeg de twee samen of verwijder er een; anders telt alleen "
                                    "de laatste"), int(key.start_mark.line) + 1, (*pad, name)))
            seen.add(name)
            found += _duplicate_keys(value, (*pad, name))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found += _duplicate_keys(item, (*pad, index))
    return found


def _clean(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    return tuple(p if isinstance(p, int) else str(p) for p in loc if str(p) not in NOT_IN_YAML)


def _schema_errors(error: ValidationError, root: yaml.Node | None) -> list[Fout]:
    fouten = []
    for entry in error.errors():
        pad = _clean(tuple(entry.get("loc", ())))
        message, hint = dutch_error(entry)
        fouten.append(Fout(path_text(pad), message, hint, line_of(root, pad), pad))
    return fouten


def _read(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_YAML_BYTES:  # never read a huge file into memory
            raise refused([Fout("", _("het bestand is te groot ({kb} kB, hoogstens {max} kB)")
                                .format(kb=path.stat().st_size // 1024,
                                        max=MAX_YAML_BYTES // 1024),
                                _("controleer of dit het goede bestand is"), None)], str(path))
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RegiovisieError(
            "regiovisie_niet_gevonden",
            _("Het bestand {path} bestaat niet.").format(path=path),
            _("Geef het pad van een regiovisie (YAML); maak er een met "
              "'ketenmonitor regiovisie sjabloon'."),
        ) from None
    except (OSError, UnicodeDecodeError):
        raise RegiovisieError(
            "regiovisie_onleesbaar",
            _("Het bestand {path} is niet te lezen.").format(path=path),
            _("Sla de regiovisie op als tekstbestand in UTF-8."),
        ) from None


def _refuse_unbounded(text: str, bron: str) -> None:
    """Refuse oversized text, anchors, aliases and deep nesting before building anything.

    One pass over the parser's events: linear in the size of the text, whatever it contains.
    """
    size = len(text.encode("utf-8", errors="replace"))
    if size > MAX_YAML_BYTES:
        raise refused([Fout("", _("het bestand is te groot ({kb} kB, hoogstens {max} kB)").format(
            kb=size // 1024, max=MAX_YAML_BYTES // 1024),
            _("een regiovisie is enkele tientallen kilobytes; controleer of dit het goede "
              "bestand is"), None)], bron)
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = int(event.start_mark.line) + 1 if event.start_mark is not None else 0
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise refused([Fout("", _("ankers (&) en verwijzingen (*) zijn niet toegestaan"),
                                    _("schrijf de waarde voluit op elke plek waar ze nodig is"),
                                    line)], bron)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise refused([Fout("", _("het bestand is dieper genest dan {n} niveaus")
                                        .format(n=MAX_DEPTH),
                                        _("een regiovisie heeft maar een paar niveaus; "
                                          "controleer de inspringing"), line)], bron)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # syntax errors get their message with line and column from the full parse


def parse_regiovisie(text: str, bron: str = "<tekst>", catalogue: bool = True) -> Regiovisie:
    """Validate YAML ``text``; refuse it with every problem found (path, line, fix)."""
    _refuse_unbounded(text, bron)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()  # the node tree keeps line numbers for messages
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        # PyYAML explains in English; the position is what a user needs.
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = int(mark.line) + 1 if mark is not None else None
        where = (_("geen geldige YAML rond regel {line}, kolom {col}").format(
            line=line, col=int(mark.column) + 1) if mark is not None else _("geen geldige YAML"))
        raise refused([Fout("", where, _("controleer de inspringing (spaties, geen tabs), dubbele "
                                         "punten, haakjes en aanhalingstekens op of vlak voor die "
                                         "regel"), line)], bron) from None
    finally:
        loader.dispose()
    doubles = _duplicate_keys(root)
    if doubles:
        raise refused(doubles, bron)
    if not isinstance(data, dict):
        raise refused([Fout("", _("het bestand bevat geen regiovisie (een blok met velden)"),
                            _("begin met 'schema_versie: \"1.0\"' en 'titel: ...'"), 1)], bron)
    version = data.get("schema_versie")
    if str(version) != SCHEMA_VERSIE:
        message = (_("'schema_versie' ontbreekt") if version is None else
                   _("schema_versie {v} wordt niet ondersteund").format(v=version))
        raise refused([Fout("schema_versie", message,
                            _("deze versie van Ketenmonitor leest schema_versie \"{v}\"").format(
                                v=SCHEMA_VERSIE), line_of(root, ("schema_versie",)))], bron)
    data["schema_versie"] = SCHEMA_VERSIE  # 1.0 written without quotes is read as a number
    try:
        model = Regiovisie.model_validate(data)
    except ValidationError as error:
        raise refused(_schema_errors(error, root), bron) from None
    fouten = [
        Fout(f.plaats, f.melding, f.oplossing, line_of(root, f.pad), f.pad)
        for f in check_regiovisie(model, catalogue=catalogue)
    ]
    if fouten:
        raise refused(fouten, bron)
    return model


def load_regiovisie(path: Path | str, catalogue: bool = True) -> Regiovisie:
    """Read and validate the regiovisie in YAML file ``path`` (refused with Dutch messages).

    With ``catalogue`` (default) indicator links are also checked against the indicator
    catalogue (ids, dimensions, categories, direction).
    """
    file = Path(path)
    return parse_regiovisie(_read(file), str(file), catalogue)


class _Dumper(yaml.SafeDumper):
    """Block style; multi-line text as literal blocks; enums and money as plain scalars."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _enum(dumper: yaml.SafeDumper, value: Enum) -> yaml.ScalarNode:
    return _str(dumper, str(value.value))


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(str, _str)
_Dumper.add_multi_representer(Enum, _enum)
_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(date, yaml.SafeDumper.represent_date)


def dump_regiovisie(regiovisie: Regiovisie) -> str:
    """The regiovisie as YAML text that :func:`parse_regiovisie` reads back to an equal model.

    Fields at their default value are left out, except the ones the schema needs to read the
    file (``schema_versie``, and ``soort`` of every norm, which is required).
    """
    data = regiovisie.model_dump(mode="python", exclude_defaults=True)
    data = {"schema_versie": SCHEMA_VERSIE, **{k: v for k, v in data.items() if k != "schema_versie"}}
    header = _("# Regiovisie (schema_versie {v}), geëxporteerd door Ketenmonitor {sw}.\n").format(
        v=SCHEMA_VERSIE, sw=__version__)
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    return header + body


def save_regiovisie(regiovisie: Regiovisie, path: Path | str) -> Path:
    """Write the regiovisie as YAML to ``path`` (UTF-8)."""
    file = Path(path)
    file.write_text(dump_regiovisie(regiovisie), encoding="utf-8")
    return file
