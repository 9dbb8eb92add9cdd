"""Privacy lives below the pages: no page suppresses, the data layer hides projects, the threshold drives every text."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest

from housing_monitor import privacy

PAGES = Path(__file__).resolve().parent.parent / "pages"
# What only the layers below the pages may call: hiding small numbers and other organisations' projects.
PRIVACY_CALLS = {"suppress", "suppressed", "is_small", "without_hidden_projects"}


def privacy_calls(folder: Path) -> list[str]:
    """'file:line name' for every use of a privacy rule's function in the page scripts of folder."""
    found = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None
            if isinstance(node, ast.ImportFrom):
                name = next((a.name for a in node.names if a.name in PRIVACY_CALLS), None)
            if name in PRIVACY_CALLS:
                found.append(f"{path.name}:{node.lineno} {name}")
    return found


def test_no_page_script_calls_the_suppression():
    assert privacy_calls(PAGES) == []


def test_the_page_scan_finds_a_suppression_however_it_is_written(tmp_path):
    (tmp_path / "a.py").write_text("from housing_monitor import privacy\nshown = privacy.suppress(f, 'households', [])\n")
    (tmp_path / "b.py").write_text("from housing_monitor.privacy import suppress\n")
    (tmp_path / "c.py").write_text("rows = frame[~frame['households'].map(privacy.is_small)]\n")
    (tmp_path / "d.py").write_text("from ui import data\nrows = data.without_hidden_projects(frame)\n")
    (tmp_path / "e.py").write_text("shown = nuisance.suppressed(frame, siblings=[])\n")
    assert [f.split(":")[0] for f in privacy_calls(tmp_path)] == ["a.py", "b.py", "c.py", "d.py", "e.py"]


def test_marker_and_texts_follow_the_setting(monkeypatch):
    from housing_monitor.present import definitions
    from housing_monitor.present.key_figures import Kpi

    assert (privacy.marker(), privacy.fewer_than("huishoudens")) == ("<5", "minder dan 5 huishoudens")
    monkeypatch.setenv("HOUSING_MONITOR_MIN_COUNT", "10")
    assert (privacy.marker(), privacy.fewer_than("personen")) == ("<10", "minder dan 10 personen")
    frame = pd.DataFrame({"housing_form": ["a", "b", "c"], "households": [9, 12, 40], "persons": [20, 30, 99]})
    assert privacy.suppress(frame, "households", ["persons"], siblings=[]).to_dict("list") == {
        "housing_form": ["a", "b", "c"], "households": ["<10", "<10", 40], "persons": ["<10", "<10", 99],
    }
    small = Kpi("k", "Gehuisvest", 20.0, None, 9, "count", "gehuisvest")
    assert (small.display_value(), small.display_base()) == ("<10", "op basis van <10 huishoudens")
    rules = definitions.definition("kleine_aantallen")
    assert "minder dan 10 huishoudens" in rules.short and "'<10'" in rules.exact and "1 tot 9 personen" in rules.exact
    every_text = " ".join(f"{d.short} {d.exact}" for d in definitions.definitions())
    assert "<5" not in every_text and "minder dan 5 " not in every_text and "{" not in every_text


def _computed_projects(script_access) -> list[str]:
    """The projects in a `data.computed` result with project curves, run as a visitor with these rights."""
    from streamlit.testing.v1 import AppTest

    def script(access):
        import streamlit as st

        from housing_monitor.filters import Filters
        from housing_monitor.measures import pathways
        from ui import data

        st.session_state["access"] = access
        points = data.computed(pathways.permanent_housing_curves, Filters(), by=("project",))
        st.write(", ".join(sorted(points["project"].dropna().unique())))

    at = AppTest.from_function(script, args=(script_access,), default_timeout=60).run()
    assert not at.exception, at.exception
    return at.markdown[0].value.split(", ")


def test_computed_hides_another_organisations_project(demo_db_env):
    from housing_monitor.access import LOCAL, Access

    everything = _computed_projects(LOCAL)
    assert {"Almere-Haven", "Basisschool Landgraaf", "Woningdelen Haarlem"} <= set(everything)
    almere = _computed_projects(Access("wethouder@almere.nl", "viewer", municipalities=("GM0034",)))
    assert "Almere-Haven" in almere
    assert not {"Basisschool Landgraaf", "Woningdelen Haarlem", "Pastorie Veere"} & set(almere)


@pytest.mark.parametrize(
    "page, marker_text",
    [
        ("pages/definitions.py", "tonen we als '<10'"),
        ("pages/compare.py", "minder dan 10 huishoudens tonen we als '<10'"),
    ],
)
def test_pages_name_the_threshold_in_force(demo_db_env, monkeypatch, page, marker_text):
    from tests.apptest import open_dashboard

    monkeypatch.setenv("HOUSING_MONITOR_MIN_COUNT", "10")
    at = open_dashboard(page)
    if page == "pages/compare.py":  # its reading help comes with two things to compare
        at.radio(key="cmp_kind").set_value("woonvorm").run()
        at.multiselect(key="cmp_items_woonvorm").set_value(["tijdelijk", "woningdelen"]).run()
    texts = " ".join(e.value for e in [*at.markdown, *at.caption])
    assert marker_text in texts and "'<5'" not in texts and "minder dan 5 " not in texts
