"""Layers import one way: the ``hemicycle`` library <- ``expectations`` <- ``assets`` (Dagster
wrappers) <- ``pipelines`` (definitions, runner, command line).

Every module of the repository's packages is parsed (not imported), so an import inside a
function or under ``TYPE_CHECKING`` counts as much as one at the top of a file.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("hemicycle", "expectations", "assets", "pipelines")
DAGSTER_LAYERS = ("assets", "pipelines", "dagster")  # ``dagster`` and every ``dagster_*`` package


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, root: Path = ROOT) -> set[str]:
    """Every module ``path`` imports (and every name it imports from one, which may be a
    module too), relative imports made absolute."""
    module = module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            found.add(source)
            found.update(f"{source}.{alias.name}" for alias in node.names)
    return found


def modules_of(*packages: str) -> list[Path]:
    return sorted(p for package in packages for p in (ROOT / package).rglob("*.py"))


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def is_dagster_layer(name: str) -> bool:
    top = name.split(".")[0]
    return top in DAGSTER_LAYERS or top.startswith("dagster_")


def violations(paths: list[Path], forbidden: Callable[[str], bool]) -> list[str]:
    """``module imports name`` for each forbidden import (a name within a module it already
    names is left out)."""
    found = []
    for path in paths:
        names = sorted(n for n in imported_modules(path) if forbidden(n))
        found += [f"{module_name(path)} imports {n}" for n in names
                  if not any(n.startswith(other + ".") for other in names)]
    return found


def test_the_scan_sees_imports_of_every_form(tmp_path: Path) -> None:
    package = tmp_path / "hemicycle" / "fetch"
    package.mkdir(parents=True)
    source = package / "example.py"
    source.write_text("import dagster as dg\nfrom ..parse import text\nfrom . import store\n"
                      "def f():\n    from pipelines.runner import run_pipeline\n", encoding="utf-8")
    assert imported_modules(source, tmp_path) == {
        "dagster", "hemicycle.parse", "hemicycle.parse.text", "hemicycle.fetch",
        "hemicycle.fetch.store", "pipelines.runner", "pipelines.runner.run_pipeline"}


def test_every_package_is_scanned() -> None:
    for package in PACKAGES:
        assert len(modules_of(package)) > 2, package


@pytest.mark.parametrize("package", ["hemicycle", "expectations"])
def test_the_library_and_the_rules_import_no_dagster_layer(package: str) -> None:
    assert violations(modules_of(package), is_dagster_layer) == []


def test_the_library_imports_no_rule_suite() -> None:
    assert violations(modules_of("hemicycle"), lambda name: within(name, "expectations")) == []


def test_assets_import_no_pipeline() -> None:
    assert violations(modules_of("assets"), lambda name: within(name, "pipelines")) == []


def test_fetching_imports_no_parser() -> None:
    assert violations(modules_of("hemicycle/fetch"), lambda name: within(name, "hemicycle.parse")) == []
