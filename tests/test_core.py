"""The core outlives Material for MkDocs: only plugin.py may import MkDocs or Material."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "loaxa"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_core_modules_do_not_import_mkdocs():
    core = [p for p in PACKAGE.glob("*.py") if p.name != "plugin.py"]
    assert len(core) >= 10
    for path in core:
        roots = {name.split(".")[0] for name in imported_modules(path)}
        assert not roots & {"mkdocs", "material", "pymdownx"}, path.name


def test_plugin_is_a_thin_adapter():
    lines = (PACKAGE / "plugin.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150


def test_only_the_adapters_import_mkdocs():
    for path in PACKAGE.rglob("*.py"):
        if path.name == "plugin.py" or "adapters" in path.relative_to(PACKAGE).parts:
            continue
        roots = {name.split(".")[0] for name in imported_modules(path)}
        assert not roots & {"mkdocs", "material", "pymdownx"}, path
