"""Every library the program imports is declared in pyproject.toml (so a fresh install has it)."""
import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from tests.conftest import ROOT

APP_FOLDERS = ("models", "app", "ui", "exporters", "importers", "cli")
OWN = set(APP_FOLDERS) | {"main", "tests", "packaging", "benchmarks", "resources"}


def imported_top_level_names() -> set[str]:
    names = set()
    files = [ROOT / "main.py"] + [p for folder in APP_FOLDERS for p in (ROOT / folder).rglob("*.py")]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - OWN - set(sys.stdlib_module_names)


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_imported_library_is_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {normalised(re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0]) for spec in project["dependencies"]}
    distributions = packages_distributions()
    missing = {}
    for name in sorted(imported_top_level_names()):
        providers = {normalised(d) for d in distributions.get(name, [name])}
        # PySide6-Essentials provides PySide6 and shiboken6
        if not providers & declared and not (name in ("PySide6", "shiboken6") and "pyside6-essentials" in declared):
            missing[name] = sorted(providers)
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"
