"""The shape of the code: no module of refleks imports itself back through others.

``lint-imports`` (run by ``.ci/run``) holds the layers; this holds what a layers
contract cannot see, a circle inside one layer (``store → moments → store``).
"""

from __future__ import annotations

import grimp


def circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every group of modules that reach each other (Tarjan's strongly connected
    components with more than one module), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
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
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_the_import_graph_has_no_circles() -> None:
    # Imports inside functions and under TYPE_CHECKING count: a circle there is still
    # two modules that cannot be understood, or changed, one without the other.
    assert circles(grimp.build_graph("refleks")) == []


def test_a_circle_would_be_found() -> None:
    class Graph:
        modules = {"a", "b", "c"}

        @staticmethod
        def find_modules_directly_imported_by(module: str) -> set[str]:
            return {"a": {"b"}, "b": {"c"}, "c": {"a"}}[module]

    assert circles(Graph()) == [["a", "b", "c"]]  # type: ignore[arg-type]


def textual_buttons_imported(source: str) -> bool:
    """Whether ``source`` takes Textual's ``Button`` itself (``from textual.widgets
    import Button``, or from ``textual.widgets._button``)."""
    import ast

    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.ImportFrom) and node.module
                and node.module.startswith("textual.widgets")
                and any(alias.name == "Button" for alias in node.names)):
            return True
    return False


def test_every_button_shows_its_focus_without_colour() -> None:
    """Screens use ``widgets.buttons.Button`` (the focused one in brackets), never
    Textual's, whose focus is a shade alone (issue 26): a new dialog that took Textual's
    would bring the shade back."""
    from pathlib import Path

    import refleks

    root = Path(refleks.__file__).parent
    own = root / "tui" / "widgets" / "buttons.py"
    taking = [str(path.relative_to(root)) for path in sorted(root.rglob("*.py"))
              if path != own and textual_buttons_imported(path.read_text(encoding="utf-8"))]
    assert taking == []
    assert textual_buttons_imported("from textual.widgets import Footer, Button\n")


def unmarked_lists_made(source: str) -> list[str]:
    """The calls in ``source`` that make Textual's own ``Select`` or ``OptionList``,
    whose current row is a shade alone (``Select.NULL`` and the messages are fine)."""
    import ast

    return [node.func.id for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in ("Select", "OptionList")]


def test_every_list_marks_its_current_row_without_colour() -> None:
    """Screens make ``MarkedOptionList`` and ``MarkedSelect`` (▶ before the row Enter
    takes), never Textual's own, whose current row is a shade alone (issue 26)."""
    from pathlib import Path

    import refleks

    root = Path(refleks.__file__).parent
    widgets = root / "tui" / "widgets"
    making = [str(path.relative_to(root)) for path in sorted(root.rglob("*.py"))
              if path.parent != widgets
              and unmarked_lists_made(path.read_text(encoding="utf-8"))]
    assert making == []
    assert unmarked_lists_made("x = Select([], id='a')\ny = Select.NULL\n") == ["Select"]
