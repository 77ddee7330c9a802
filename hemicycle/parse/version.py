"""The parser version: a digest of every input of parsing besides the document itself.

A parse result may be reused only while everything that produced it is unchanged: the
parser modules, every project module they import (names, vocabularies, records…), the
vocabulary files those read, the versions of the libraries they call (selectolax, pypdf,
pycountry) and of Python. The modules are found by following the imports of the parse
package in its source, so a new dependency is covered without anyone listing it.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.metadata
import sys
from pathlib import Path

PACKAGE = "hemicycle"
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # .../hemicycle
PARSE_PACKAGE = f"{PACKAGE}.parse"


def _module_file(name: str) -> Path | None:
    """Source file of a project module, None when ``name`` is not one."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    base = PACKAGE_DIR.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _package_of(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def _imports(name: str, path: Path) -> set[str]:
    """Every module name an import statement of ``path`` (module ``name``) may load, at any depth
    of the code (imports inside functions too), relative imports resolved."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = _package_of(name, path).split(".")
                anchor = package[: len(package) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # submodules, if any
    return {n for n in found if n}


def _with_parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


@functools.cache
def parse_modules() -> tuple[tuple[str, Path], ...]:
    """Project modules parsing runs (the parse package and all it imports), and the
    top-level names of the third-party packages they import, as ``("!name", path)``."""
    seeds = sorted(PACKAGE_DIR.joinpath("parse").rglob("*.py"))
    todo = [".".join(p.relative_to(PACKAGE_DIR.parent).with_suffix("").parts).removesuffix(".__init__")
            for p in seeds]
    modules: dict[str, Path] = {}
    external: set[str] = set()
    while todo:
        name = todo.pop()
        if name in modules:
            continue
        path = _module_file(name)
        if path is None:
            continue
        modules[name] = path
        for imported in _imports(name, path):
            top = imported.split(".")[0]
            if top == PACKAGE:
                todo.extend(_with_parents(imported))
            elif top not in sys.stdlib_module_names and top != "__future__":
                external.add(top)
    return tuple(sorted(modules.items())) + tuple((f"!{top}", Path()) for top in sorted(external))


@functools.cache
def _distribution_versions(tops: tuple[str, ...]) -> tuple[str, ...]:
    distributions = importlib.metadata.packages_distributions()
    versions = []
    for top in tops:
        for dist in sorted(distributions.get(top, [top])):
            try:
                versions.append(f"{top}={dist}=={importlib.metadata.version(dist)}")
            except importlib.metadata.PackageNotFoundError:
                versions.append(f"{top}=?")
    return tuple(versions)


def vocabulary_files() -> list[Path]:
    """Every file of the vocabulary folder the parsers read (as configured now)."""
    from hemicycle import vocab

    folder = Path(vocab.VOCAB_DIR)
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def parser_version() -> str:
    """12 hex digits naming the parsing code and data in effect; any change gives another."""
    digest = hashlib.sha256()
    digest.update(f"python {sys.version_info[:3]}\0".encode())
    tops = []
    for name, path in parse_modules():
        if name.startswith("!"):
            tops.append(name[1:])
            continue
        digest.update(f"module {name}\0".encode())
        digest.update(path.read_bytes())
    for line in _distribution_versions(tuple(tops)):
        digest.update(f"library {line}\0".encode())
    if any(name == f"{PACKAGE}.vocab" for name, _ in parse_modules()):
        from hemicycle import vocab

        root = Path(vocab.VOCAB_DIR)
        for path in vocabulary_files():
            digest.update(f"data {path.relative_to(root).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
