"""Checksums and canonical JSON: what makes the same inputs give the same version and bytes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from hemicycle.schema import METRICS, TABLES


def canonical_json(data: Any) -> bytes:
    """JSON as every file of a release writes it (indented, UTF-8, a final newline)."""
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_entry(root: Path, path: str) -> dict[str, Any]:
    """``path`` (relative to ``root``) with its size and checksum, as the manifest lists it."""
    data = (root / path).read_bytes()
    return {"path": path, "bytes": len(data), "sha256": sha256_hex(data)}


def code_digest() -> str:
    """Digest of what shapes the files besides the data: the SQL, the schema, and the code
    writing a release (so a change to it cannot reuse a version name for other bytes)."""
    from hemicycle.publish import changes, datapackage, duck, layer, release

    modules = [changes, datapackage, duck, layer]
    code = "".join(Path(str(m.__file__)).read_text(encoding="utf-8") for m in modules)
    package = Path(str(release.__file__)).parent
    code += "".join(p.read_text(encoding="utf-8") for p in sorted(package.glob("*.py")))
    schema = repr(sorted(TABLES.items())) + repr(sorted(METRICS.items()))
    return sha256_hex((duck.derived_sql() + schema + code).encode())
