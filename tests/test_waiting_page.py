"""The Wachtenden page and the queue on the Overzicht, on the hand-worked links fixture (see tests/test_links.py)."""

from __future__ import annotations

import pytest

from tests.apptest import metric, open_dashboard
from tests.conftest import build_store

PAGE = "pages/waiting.py"


@pytest.fixture
def links_db_env(tmp_path, monkeypatch):
    store = build_store(tmp_path / "links.duckdb", "links")
    monkeypatch.setenv("HOUSING_MONITOR_DB", str(store.path))
    return store


def test_page_shows_the_queue_by_hand(links_db_env, monkeypatch):
    # Threshold 1 so the tiny fixture's numbers show. Reference date: the latest date, 01-08-2024 (L07 housed):
    # waiting are L02 (linked 01-01, 213 days), L05 (30-06, 32 days) and L09 (15-04, 108 days): 3 households,
    # 5 + 3 + 6 = 14 persons, 2 over the norm (L02, L09), median 108 days = 15,4 weeks.
    monkeypatch.setenv("HOUSING_MONITOR_MIN_COUNT", "1")
    at = open_dashboard(page=PAGE)
    assert at.title[0].value == "Wachtenden"
    assert metric(at, "Wachtend op een woning").value == "3"
    assert metric(at, "Wachtende personen").value == "14"
    assert metric(at, "Waarvan langer dan 12 weken").value == "2"
    assert metric(at, "Wacht al (mediaan)").value == "15,4 weken"


def test_small_queue_is_suppressed_and_filters_that_do_not_apply_are_named(links_db_env):
    at = open_dashboard(page=PAGE)
    assert metric(at, "Wachtend op een woning").value == "<5"
    assert metric(at, "Waarvan langer dan 12 weken").value == "<5"
    assert not any("corporatie" in info.value for info in at.info)


def test_overview_shows_the_queue(links_db_env, monkeypatch):
    monkeypatch.setenv("HOUSING_MONITOR_MIN_COUNT", "1")
    at = open_dashboard()
    assert metric(at, "Wachtend op een woning").value == "3"


def test_without_links_the_page_says_so(tiny_db_env):
    at = open_dashboard(page=PAGE)
    assert any("nog geen koppelingen" in info.value for info in at.info)
    assert metric(open_dashboard(), "Wachtend op een woning").value == "–"


def test_begrippen_lists_the_links_dataset_and_its_rules(tiny_db_env):
    at = open_dashboard(page="pages/definitions.py")
    assert "Koppelingen (optioneel)" in [s.value for s in at.subheader]
    links_table = next(t.value for t in at.dataframe if "reden_einde" in set(t.value["Nederlandse naam"]))
    rule = links_table.loc[links_table["Kolom"] == "end_reason", "Regels"].iloc[0]
    assert "Elders gehuisvest" in rule and "verplicht als ended_date is ingevuld" in rule


def test_how_to_read_names_the_threshold_from_its_setting(links_db_env, monkeypatch):
    monkeypatch.setenv("HOUSING_MONITOR_MIN_COUNT", "10")
    at = open_dashboard(page=PAGE)
    text = " ".join(m.value for m in at.markdown)
    assert "van beide delen 1 tot 9 huishoudens" in text and "1 tot 4" not in text
