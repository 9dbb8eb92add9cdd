"""Helpers for AppTest runs of the dashboard."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def open_dashboard(page: str | None = None, query: dict[str, str] | None = None, timeout: float = 60) -> AppTest:
    """Run the dashboard (optionally on a page, optionally with link parameters) and fail on any exception."""
    at = AppTest.from_file(DASHBOARD, default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


@dataclass(frozen=True)
class KeyFigure:
    """A key figure card as the page drew it (ui/layout.figure_card)."""

    label: str
    value: str
    delta: str | None
    judgement: str | None  # the change's colour: green (better), red (worse), gray (neither)
    caption: str
    help: str


_BADGE = re.compile(r"^:(\w+)-badge\[(?:[↑↓] )?(.*)\]$", re.S)


def _unescaped(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def read_card(body: str) -> tuple[str, str, str | None, str | None]:
    """Label, value, change colour and change from a key figure card's Markdown (ui/layout.figure_markdown)."""
    label, value, *badge = body.split("\n\n")
    judgement = delta = None
    if badge:
        judgement, delta = _BADGE.match(badge[0]).groups()
    return _unescaped(label), _unescaped(value.strip("*")), judgement, _unescaped(delta) if delta else None


def key_figures(at: AppTest) -> list[KeyFigure]:
    """Every key figure card on the page, in order."""
    found = []

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            if isinstance(child, Block) and "-kpi_" in getattr(child.proto, "id", ""):
                body, caption = list(child.children.values())[:2]
                label, value, judgement, delta = read_card(body.value)
                found.append(KeyFigure(label, value, delta, judgement, caption.value, caption.help))
            else:
                walk(child)

    walk(at.main)
    return found


def metric(at: AppTest, label: str) -> KeyFigure:
    """The key figure with this label."""
    figures = key_figures(at)
    matches = [m for m in figures if m.label == label]
    assert matches, f"no key figure {label!r}; have {[m.label for m in figures]}"
    return matches[0]
