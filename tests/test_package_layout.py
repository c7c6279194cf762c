"""The package's shape: only border_atlas/ui imports Streamlit, every function stays short, the root holds only
the public face and the tests mirror the package."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "border_atlas"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_ui_subpackage_imports_streamlit():
    offenders = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
                 if "ui" not in p.relative_to(PACKAGE).parts[:1]
                 and {"streamlit", "streamlit_folium"} & imported_modules(p)]
    assert offenders == []
    assert {"streamlit"} <= imported_modules(PACKAGE / "ui" / "sidebar.py")


MAX_FUNCTION_LINES = 60


def test_no_function_is_longer_than_sixty_lines():
    long = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} ({length} lines)")
    assert long == []


# The package's root is its public face: load_dataset, FilterState, select and the rest of __init__'s
# names. Every other module sits in the folder of its step of the data flow (README, "How it is built").
ROOT_MODULES = {"__init__.py"}
TESTS = Path(__file__).resolve().parent
# Test folders about the whole app rather than one subpackage: the map in Chromium, hostile input, benchmarks.
CROSS_CUTTING = {"browser", "security", "bench"}
# Tests at the root: the package's shape, the test databases, and the bundled data against its sources.
ROOT_TESTS = {"test_package_layout.py", "test_databases.py", "test_data_citations.py", "test_data_corrections.py"}


def test_the_package_root_holds_only_its_public_face():
    assert sorted(p.name for p in PACKAGE.glob("*.py")) == sorted(ROOT_MODULES)


def test_the_tests_mirror_the_package():
    subpackages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    folders = {p.parent.name for p in TESTS.glob("*/test_*.py")}
    assert folders - CROSS_CUTTING <= subpackages, "a test folder named for no subpackage"
    assert {p.name for p in TESTS.glob("test_*.py")} <= ROOT_TESTS, "a test at the root, not in its folder"
    assert all((TESTS / folder / "__init__.py").exists() for folder in folders)
