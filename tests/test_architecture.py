"""The architecture of docs/architecture.md, held against the code.

The layer contracts live in pyproject.toml (`[tool.importlinter]`) and `lint-imports` checks
them in `make lint` and CI. These tests show the check has teeth (an upward import fails it)
and add what a layers contract cannot say: no import cycle between any two of our modules.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Groups of modules that import each other, directly or not (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return cycles


def test_no_import_cycle_between_our_modules():
    # Function-level imports count too: an import moved into a function to dodge a cycle
    # is still a cycle a reader has to untangle.
    graph = grimp.build_graph("rementor", "matchengine", cache_dir=None)
    assert _import_cycles(graph) == []


def test_import_cycles_are_found():
    graph = grimp.ImportGraph()
    for module in ("a", "a.one", "a.two", "a.three"):
        graph.add_module(module)
    graph.add_import(importer="a.one", imported="a.two")
    graph.add_import(importer="a.two", imported="a.three")
    graph.add_import(importer="a.three", imported="a.one")
    assert _import_cycles(graph) == [["a.one", "a.three", "a.two"]]


def test_the_layer_contracts_hold():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "upward_import", "message"),
    [
        (
            "rementor/core/forms.py",
            "from rementor.mentoring import models",
            "rementor.core is not allowed to import rementor.mentoring",
        ),
        (
            "rementor/people/models/__init__.py",
            "from rementor.people.views import directory",
            "rementor.people.models is not allowed to import rementor.people.views",
        ),
        (
            "matchengine/solve.py",
            "import django",
            "matchengine is not allowed to import django",
        ),
    ],
)
def test_an_upward_import_breaks_the_contracts(tmp_path, module, upward_import, message):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    target = project / "src" / module
    target.write_text(target.read_text() + f"\n{upward_import}  # noqa\n")

    result = _lint_imports(project)

    assert result.returncode == 1
    assert message in " ".join(result.stdout.split())


# Modules every app may have that the tree in docs/architecture.md leaves out to stay short.
_UNLISTED = {"__init__", "apps", "rules", "urls", "migrations", "templates", "static", "locale"}


def _documented_tree() -> dict[str, str]:
    """Each package of the tree in docs/architecture.md -> the words listed for it."""
    text = (ROOT / "docs" / "architecture.md").read_text()
    tree = text.split("## The tree", 1)[1].split("```", 2)[1]
    entries: dict[str, str] = {}
    current = None
    for line in tree.splitlines():
        head = line[:17].strip()
        if head.endswith("/"):
            current = head.rstrip("/")
            entries[current] = ""
        if current is not None:
            entries[current] += " " + line[17:]
    return entries


def _words(listing: str) -> set[str]:
    for separator in "{}(),;<|/":
        listing = listing.replace(separator, " ")
    return set(listing.split())


@pytest.mark.parametrize(
    "package",
    sorted(
        path.name
        for path in (ROOT / "src" / "rementor").iterdir()
        if (path / "apps.py").exists() or path.name == "settings"
    ),
)
def test_the_documented_tree_lists_every_module_of_each_app(package):
    listed = _words(_documented_tree()[package])
    folder = ROOT / "src" / "rementor" / package
    modules = {
        path.stem if path.suffix == ".py" else path.name
        for path in folder.iterdir()
        if (path.suffix == ".py" or (path / "__init__.py").exists()) and path.stem not in _UNLISTED
    }
    assert modules - listed == set(), f"docs/architecture.md: add them to {package}/"
