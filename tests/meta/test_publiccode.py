# SPDX-License-Identifier: EUPL-1.2
"""``publiccode.yml`` conforms to the publiccode.yml standard (no unknown keys, valid vocabularies).

There is no maintained validator on PyPI; the schema beside this test is written from the
standard's documentation and refuses unknown keys as the reference parser does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((Path(__file__).parent / "publiccode.schema.json").read_text(encoding="utf-8"))


def _errors(document: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def _publiccode() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))
    return document


def test_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_publiccode_yml_conforms() -> None:
    assert _errors(_publiccode()) == []


def test_the_check_refuses_what_the_reference_parser_refuses() -> None:
    document = _publiccode()
    assert _errors({**document, "nl": {"commonground": {"installationType": "self"}}})
    assert _errors({**document, "categories": ["huiselijk-geweld"]})
    assert _errors({**document, "developmentStatus": "alpha"})
    short = {**document["description"]["nl"], "shortDescription": "x" * 151}
    assert _errors({**document, "description": {**document["description"], "nl": short}})
    assert _errors({k: v for k, v in document.items() if k != "legal"})


def test_no_version_is_written_outside_the_package_metadata() -> None:
    # The version lives in pyproject.toml only; the package reads it from the installed metadata.
    assert "softwareVersion" not in _publiccode()
    init = (ROOT / "src" / "ketenmonitor" / "__init__.py").read_text(encoding="utf-8")
    assert "__version__ =" not in init
