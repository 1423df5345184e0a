# SPDX-License-Identifier: EUPL-1.2
"""Settings models filled from environment variables, on pydantic alone.

The partner's install may hold at most 15 distributions (issue 17, ADR 0025); pydantic-settings
and the python-dotenv it requires would be two of them, for the one thing this product uses:
read ``<PREFIX><FIELD>`` from the environment. :class:`EnvSettings` does that with the same
rules as pydantic-settings for what the product needs: names are case-insensitive, a field's
``validation_alias`` (``AliasChoices``) names its variables without the prefix, keyword
arguments win over the environment, and list, dict and set fields are read as JSON. Everything
else (types, bounds, defaults, Dutch errors through ``core.validation.load_settings``) stays
pydantic's own validation.
"""

from __future__ import annotations

import json
import os
import types
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, Union, get_args, get_origin

from pydantic import AliasChoices, BaseModel, ConfigDict, model_validator
from pydantic.fields import FieldInfo

_COMPLEX = (list, dict, set, frozenset, tuple)


def _is_complex(annotation: Any) -> bool:
    """Whether a value of this type comes from the environment as JSON (as in pydantic-settings)."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return any(_is_complex(arg) for arg in get_args(annotation) if arg is not type(None))
    return annotation in _COMPLEX or origin in _COMPLEX


def variable_names(prefix: str, name: str, field: FieldInfo) -> Iterator[str]:
    """The environment variables of a field, upper case, in order of precedence."""
    alias = field.validation_alias
    if isinstance(alias, AliasChoices):
        yield from (str(choice).upper() for choice in alias.choices if isinstance(choice, str))
    elif isinstance(alias, str):
        yield alias.upper()
    else:
        yield f"{prefix}{name}".upper()


def environment_values(model: type[EnvSettings], environ: Mapping[str, str]) -> dict[str, Any]:
    """The fields of ``model`` that the environment sets, keyed by field name."""
    upper = {key.upper(): value for key, value in environ.items()}
    found: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        for variable in variable_names(model.env_prefix, name, field):
            if variable not in upper:
                continue
            raw = upper[variable]
            if _is_complex(field.annotation):
                try:
                    found[name] = json.loads(raw)
                except ValueError:
                    found[name] = raw  # pydantic then names the variable and the expected type
            else:
                found[name] = raw
            break
    return found


class EnvSettings(BaseModel):
    """A settings model: ``Model()`` reads ``env_prefix + FIELD``; ``Model(field=...)`` wins."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)
    env_prefix: ClassVar[str] = ""

    @model_validator(mode="before")
    @classmethod
    def _from_environment(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        return {**environment_values(cls, os.environ), **data}
