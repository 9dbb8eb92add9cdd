"""The core's layout: arrows point one way (no import cycles, function-level imports included) and no Streamlit."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "housing_monitor"
STAGES = ("ingest", "db", "demo", "measures", "present", "cli")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """Every project module this file imports, at any depth (inside functions too)."""
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else module_name(path)
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module_name(path):
                found.add(name)
    return found


def import_graph(*folders: Path) -> dict[str, set[str]]:
    files = [p for folder in folders for p in folder.rglob("*.py")]
    known = {module_name(p) for p in files}
    graph = {module_name(p): imported_modules(p, known) for p in files}
    # A package's __init__ is imported with any of its modules; an empty one adds no edge.
    return {name: {t for t in targets if t in graph} for name, targets in graph.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_cycle_finder_sees_a_cycle_hidden_in_a_function(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg import b\n")
    (package / "b.py").write_text("def later():\n    from pkg.a import thing\n")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert cycles(import_graph(package)) == [["pkg.a", "pkg.b"]]
    finally:
        ROOT = saved


def test_no_import_cycles():
    assert cycles(import_graph(CORE, ROOT / "ui", ROOT / "tools")) == []


# Each stage may import its own and earlier ranks only: the data path, with the shared plain modules first.
RANKS = {"shared": 0, "db": 1, "demo": 2, "ingest": 3, "measures": 3, "present": 4, "cli": 5}


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else "shared"


def upward_imports(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Imports from a module of the core to a module of a later stage (ingest and measures do not meet)."""
    found = []
    for source, targets in graph.items():
        if source in ("housing_monitor", "housing_monitor.__main__") or not source.startswith("housing_monitor."):
            continue
        for target in targets:
            if target == "housing_monitor" or not target.startswith("housing_monitor."):
                continue
            a, b = stage_of(source), stage_of(target)
            if a != b and (RANKS[b] > RANKS[a] or {a, b} == {"ingest", "measures"}):
                found.append((source, target))
    return sorted(found)


def test_imports_follow_the_data_path():
    assert upward_imports(import_graph(CORE)) == []


def test_upward_import_is_seen():
    graph = {"housing_monitor.measures.x": {"housing_monitor.present.y"}, "housing_monitor.present.y": set()}
    assert upward_imports(graph) == [("housing_monitor.measures.x", "housing_monitor.present.y")]


def test_core_has_the_stage_folders():
    assert all((CORE / stage / "__init__.py").exists() for stage in STAGES)


def streamlit_or_ui_imports(folder: Path) -> list[str]:
    """Files below folder that import Streamlit or the ui package, by their source."""
    offenders = []
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] in ("streamlit", "ui", "tools") for n in names):
                offenders.append(str(path.relative_to(folder)))
    return offenders


def test_core_source_imports_no_streamlit_ui_or_tools():
    assert streamlit_or_ui_imports(CORE) == []


def test_streamlit_check_fails_on_a_core_that_imports_it(tmp_path):
    (tmp_path / "sneaky.py").write_text("def draw():\n    import streamlit as st\n")
    assert streamlit_or_ui_imports(tmp_path) == ["sneaky.py"]


@pytest.mark.slow
def test_importing_every_core_module_loads_no_streamlit():
    names = sorted(module_name(p) for p in CORE.rglob("*.py") if p.name != "__main__.py")
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('streamlit', 'ui', 'tools')))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
