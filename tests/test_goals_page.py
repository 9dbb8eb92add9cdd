"""The Doelen page and the goals on Overzicht under AppTest, on the hand-worked goals fixture and the demo."""

import pytest

from tests.apptest import metric, open_dashboard
from tests.conftest import build_store


@pytest.fixture
def goals_db(tmp_path, monkeypatch):
    store = build_store(tmp_path / "goals.duckdb", "goals")
    monkeypatch.setenv("HOUSING_MONITOR_DB", str(store.path))
    return store


def test_goals_page_shows_each_goal_with_value_target_and_status(goals_db):
    at = open_dashboard(page="pages/goals.py")
    assert at.title[0].value == "Doelen"
    # D2, D3, D4, D6, D12 met; D8 on track; D1, D5 not met, D10 off track; D7 thin, D9 empty, D11 not started
    # (see tests/test_goals.py).
    assert metric(at, "Gehaald").value == "5"
    assert metric(at, "Op koers").value == "1"
    assert metric(at, "Niet gehaald of niet op koers").value == "3"
    assert metric(at, "Nog geen oordeel").value == "3"
    table = at.dataframe[0].value.set_index("Code")
    assert table.loc["D1", "Gemeten"] == "66,7%" and table.loc["D1", "Status"] == "Niet gehaald"
    assert table.loc["D1", "Streefwaarde"] == "minstens 90,0%"
    assert table.loc["D2", "Gemeten"] == "45 dagen (6,4 weken)"
    assert table.loc["D3", "Gemeten"] == "40,0 per 100 huishoudjaren" and table.loc["D3", "95%-marge"] == "4,8 – 144,6"
    assert table.loc["D6", "Gemeten"] == "95,5%" and table.loc["D6", "Basis"] == "21 personen"
    assert table.loc["D7", "Gemeten"] == "te weinig gegevens" and table.loc["D7", "Basis"] == "<5 huishoudens"
    assert table.loc["D8", "Gemeten"] == "39,7 per 100 huishoudjaren (tot nu toe)"
    assert table.loc["D8", "Status"] == "Op koers"
    assert table.index[0] in {"D1", "D5"}  # worst news first
    assert table.loc["D12", "Waar"] == "Haven"  # a project's own goal
    sentences = " ".join(m.value for m in at.markdown)
    assert (
        "**Almere** (gemeente): 7 doelen — :red-badge[1 niet gehaald] :orange-badge[1 niet op koers] "
        ":violet-badge[1 nog niet begonnen] :blue-badge[1 op koers] :green-badge[3 gehaald]"
    ) in sentences
    assert table.loc["D11", "Gemeten"] == "nog niet begonnen"


def test_goals_page_trend_of_the_goal_in_the_link(goals_db):
    at = open_dashboard(page="pages/goals.py", query={"doel": "D3"})
    assert at.selectbox(key="goal_detail").value == "D3"
    alt = " ".join(m.value for m in at.markdown)
    assert "tot 30-06-2018: 40,4 per 100 huishoudjaren; tot 31-12-2018: 40,0 per 100 huishoudjaren" in alt
    at.selectbox(key="goal_detail").set_value("D7").run()
    assert "tot 31-12-2018: te weinig gegevens" in " ".join(m.value for m in at.markdown)


def test_goals_page_lists_only_the_selected_organisations_goals(goals_db):
    at = open_dashboard(page="pages/goals.py", query={"gemeente": "GM0882"})
    assert sorted(at.dataframe[0].value["Code"]) == ["D1", "D2"]


def test_overview_shows_the_selected_organisations_goals(goals_db):
    at = open_dashboard(query={"gemeente": "GM0034"})
    goals_table = [d.value for d in at.dataframe if "Streefwaarde" in d.value.columns]
    assert goals_table, "no goals table on Overzicht"
    shown = goals_table[0].set_index("Doel")
    assert shown.loc["Taakstelling 2018 voor 90%", "Status"] == "Gehaald"
    assert shown.loc["Ook in 2019-2020 hooguit 50", "Status"] == "Op koers"
    assert len(shown) == 7


def test_demo_goals_page_shows_the_seed_cases(demo_db_env):
    at = open_dashboard(page="pages/goals.py")
    table = at.dataframe[0].value.set_index("Waar")
    landgraaf = table.loc["Landgraaf · HEEMwonen · Basisschool Landgraaf · Tijdelijke huisvesting"]
    assert landgraaf["Status"] == "Gehaald" and landgraaf["Gemeten"] == "100,0%"
    haven = table.loc["Almere · Almere-Haven"]
    assert haven["Status"] == "Gehaald" and haven["Gemeten"].endswith("per 100 huishoudjaren")
    veere = table.loc["Veere · Zeeuwland · Pastorie Veere · Getransformeerd vastgoed"]
    assert veere["Gemeten"] == "te weinig gegevens" and veere["Status"] == "Te weinig gegevens"
