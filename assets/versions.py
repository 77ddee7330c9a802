"""The code version of the clean stage, as Dagster records it with each materialization.

A partition's tables are rebuilt when what they were built from changed: the data versions
of its raw index and roster (set by the fetch assets) or this code version, a digest of
every file the build reads besides the raw bytes: code, rules and vocabularies.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CODE_GLOBS = ("hemicycle/**/*.py", "hemicycle/sql/*.sql", "expectations/*.py", "assets/*.py",
              "data/vocab/*")


@functools.cache
def code_version() -> str:
    digest = hashlib.sha256()
    for pattern in CODE_GLOBS:
        for path in sorted(PROJECT_ROOT.glob(pattern)):
            if path.is_file():
                digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
