"""Tolerant readers for JSON-LD as the EP Open Data Portal serves it.

The same record comes with compact keys (``workHadParticipation``), prefixed keys
(``eli-dl:workHadParticipation``) or full IRIs depending on the format requested, and a
value may be a literal, a ``{"@value": ...}``, a ``{"@id": ...}`` or a list of them.
"""

from __future__ import annotations

from typing import Any


def jsonld_get(obj: dict[str, Any], name: str) -> Any:
    """Value of a key given as compact name, prefixed name or full IRI."""
    for key, value in obj.items():
        if key == name or key.endswith((f":{name}", f"/{name}", f"#{name}")):
            return value
    return None


def jsonld_first(value: Any) -> Any:
    """The first value of a list, the literal of a value object, the IRI of a node."""
    if isinstance(value, list):
        return value[0] if value else None
    if isinstance(value, dict) and "@value" in value:
        return value["@value"]
    if isinstance(value, dict) and "@id" in value:
        return value["@id"]
    return value


def jsonld_tail(value: Any) -> str | None:
    """Last path segment of an IRI value (``.../person/124831`` -> ``124831``)."""
    value = jsonld_first(value)
    return str(value).rstrip("/").rsplit("/", 1)[-1] if value else None
