"""The layers point one way, read from the source: no import cycle inside impact/, the two ways of
computing figures are reached only through impact.selectors, learner records know nothing of
reports, and learners and sessions_log do not import each other both ways."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    """Absolute names of the modules a file imports (relative imports resolved)."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
                if node.module is None:
                    found.update(f"{base}.{alias.name}" for alias in node.names)
                    continue
            else:
                module = node.module
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _app_files(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_impact_has_no_import_cycle():
    modules = {_module(p): p for p in _app_files("impact")}
    graph = {m: {i for i in _imports(p) if i in modules and i != m} for m, p in modules.items()}
    assert "impact.selectors" in graph["impact.reports"]  # the graph is read at all
    assert "impact._from_rollups" in graph["impact.selectors"]
    visiting, done = set(), set()

    def visit(module, trail):
        if module in done:
            return
        assert module not in visiting, "Import cycle: " + " -> ".join([*trail, module])
        visiting.add(module)
        for imported in sorted(graph[module]):
            visit(imported, [*trail, module])
        visiting.discard(module)
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_the_two_ways_of_computing_figures_are_private_to_impact_selectors():
    private = {"impact._from_rollups", "impact._from_sessions"}
    allowed = {"impact.selectors", *private}
    for app in ("accounts", "core", "impact", "learners", "notifications", "organisations"):
        for path in _app_files(app):
            module = _module(path)
            if module not in allowed:
                assert not _imports(path) & private, f"{module} reaches past impact.selectors"


def test_records_know_nothing_of_reports_and_learners_do_not_import_sessions():
    for path in _app_files("learners"):
        imported = _imports(path)
        assert not any(i.startswith(("impact", "sessions_log")) for i in imported), path
    for app in ("organisations", "accounts", "sessions_log"):
        for path in _app_files(app):
            assert not any(i.startswith("impact") for i in _imports(path)), path
