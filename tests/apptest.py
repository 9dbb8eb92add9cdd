"""Helpers for AppTest runs of the dashboard."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

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


def metric(at: AppTest, label: str):
    """The metric with this label."""
    matches = [m for m in at.metric if m.label == label]
    assert matches, f"no metric {label!r}; have {[m.label for m in at.metric]}"
    return matches[0]
