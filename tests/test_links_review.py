"""Fixes after review of the links feature: key figures of the waiting list on the map, zero counts, the norm
as a setting, and the Kaplan–Meier figures that could give a hidden count of housed households away."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pandas as pd
import pytest

from housing_monitor import privacy
from housing_monitor.cli.main import main
from housing_monitor.filters import Filters
from housing_monitor.measures import base, goals, links, registry
from housing_monitor.present import definitions, goal_views, maps, waiting_charts
from tests.conftest import build_store

R = dt.date(2024, 6, 30)
H2_2016 = Filters(period_from="2016-H2", period_to="2016-H2")


@pytest.fixture(scope="module")
def links_store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("links") / "links.duckdb", "links")


@pytest.fixture(scope="module")
def map_store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("map") / "map.duckdb", "map")


def _fake_waiting_list(per_period: dict):
    """A waiting list measure whose overall row depends on the period chosen (None: the list now)."""

    def compute(con, filters, by=(), **options):
        households, over = per_period[filters.period_from]
        row = {"households": households, "persons": 2 * households, "median_days_waiting": 90.0,
               "over_norm_households": over}
        if by:
            row = {"municipality_code": "GM0034", "municipality_name": "Almere", **row}
        return pd.DataFrame([row])

    return base.Measure("waiting_list", "Wachtenden", compute, "households", links.WAITING_FIGURES[1:], "",
                        suppress=links.suppress_waiting_list)


def _key_figures(con, entry, filters):
    mapped = maps.build(entry, maps.values(con, entry, maps.map_filters(filters)))
    return {k.key: k for k in maps.key_figures(con, mapped, filters)}


# --- 1 and 2: the map's key figures for the waiting list -----------------------------------------------------


def test_waiting_list_on_the_map_has_no_change_against_itself(map_store, monkeypatch):
    """The list now: 20 households, 8 over the norm (40,0%); chosen 2016-H2, whose previous half-year the queue
    ignores. Were the 'previous' value read, it would be the same list: a change of 0,0 procentpunt."""
    monkeypatch.setitem(registry.MEASURES, "waiting_list", _fake_waiting_list({None: (20, 8)}))
    with map_store.reader() as con:
        for key in ("waiting_per_1000", "waiting_over_norm_share"):
            figure = _key_figures(con, maps.MAP_MEASURES[key], H2_2016)[f"map_{key}"]
            assert figure.previous is None and figure.display_delta() is None
        share = _key_figures(con, maps.MAP_MEASURES["waiting_over_norm_share"], H2_2016)["map_waiting_over_norm_share"]
        assert share.display_value() == "40,0%"
        # A measure whose selection keeps the period still has its change: the flag is what drops it.
        periodic = replace(maps.MAP_MEASURES["waiting_over_norm_share"], selection=None, current_only=False)
        monkeypatch.setitem(registry.MEASURES, "waiting_list", _fake_waiting_list({"2016-H2": (20, 8), "2016-H1": (20, 6)}))
        assert _key_figures(con, periodic, H2_2016)["map_waiting_over_norm_share"].display_delta() == "+10,0 procentpunt"


def test_nobody_waiting_reads_0_on_the_map(map_store, monkeypatch):
    monkeypatch.setitem(registry.MEASURES, "waiting_list", _fake_waiting_list({None: (0, 0)}))
    with map_store.reader() as con:
        figures = _key_figures(con, maps.MAP_MEASURES["waiting_per_1000"], Filters())
    assert figures["map_waiting_per_1000"].display_value() == "0,0"
    assert figures["map_waiting_per_1000"].display_base() == "op basis van 0 huishoudens"
    assert figures["map_municipalities"].display_base() == "op basis van 0 huishoudens"


def test_a_hidden_over_norm_count_reads_the_marker_not_no_data(map_store, monkeypatch):
    """20 waiting, 3 over the norm: the 3 is small, so the share (15,0%) reads '<5'; the 20 may be named."""
    monkeypatch.setitem(registry.MEASURES, "waiting_list", _fake_waiting_list({None: (20, 3)}))
    with map_store.reader() as con:
        figures = _key_figures(con, maps.MAP_MEASURES["waiting_over_norm_share"], Filters())
    share = figures["map_waiting_over_norm_share"]
    assert (share.display_value(), share.display_base()) == (privacy.marker(), "op basis van 20 huishoudens")
    counted = figures["map_municipalities"]
    assert counted.display_value() == "0"  # Almere's share is hidden too: no municipality with a figure
    assert counted.display_base() == "op basis van 20 huishoudens"


# --- 3: a goal with nobody over the norm ---------------------------------------------------------------------


def test_goal_with_nobody_over_the_norm_shows_base_0(links_store):
    """D2 Haarlem, nobody over the norm on 30-06-2024 (L09 waits 76 days): measured 0, and its base 0 too."""
    with links_store.reader() as con:
        attainment = goals.goal_attainment(con).set_index("goal_id")
    d2 = attainment.loc["D2"]
    assert (d2["base"], bool(d2["zero_is_shown"])) == (0, True)
    assert goal_views.base_text(d2) == "0 huishoudens"
    table = goal_views.goals_table(attainment.reset_index()).set_index("Code")
    assert (table.loc["D2", "Gemeten"], table.loc["D2", "Basis"]) == ("0 huishoudens", "0 huishoudens")
    # A base of 0 of a measure that does not show 0 is still no figure.
    assert goal_views.base_text({"base": 0, "base_unit": "households"}) == f"{privacy.marker()} huishoudens"


# --- 5 and 6: the Kaplan–Meier figures of hidden events; counts as integers ------------------------------------


def test_kaplan_meier_figures_hidden_with_their_events():
    """Gezin H1 2024: 5 households, 1 housed (all within the norm, nobody censored before): share 1/5 = 20%,
    and 20% of 5 is the hidden 1. Its median and interval go too; Alleenstaand (20, 12 housed) stays shown."""
    frame = pd.DataFrame(
        {"household_type": ["Alleenstaand", "Gezin"], "households": [20, 5], "events": [12, 1],
         "median_days": [60.0, 200.0], "ci_low_days": [40.0, 30.0], "ci_high_days": [90.0, None],
         "housed_within_norm_share": [0.5, 0.2]}
    )
    shown = links.TIME_TO_HOME.suppressed(frame.iloc[[1]].reset_index(drop=True), ())
    hidden = privacy.marker()
    assert shown.iloc[0].tolist() == ["Gezin", 5, hidden, hidden, hidden, hidden, hidden]
    alone = links.TIME_TO_HOME.suppressed(frame.iloc[[0]].reset_index(drop=True), ())
    assert alone.iloc[0].tolist() == ["Alleenstaand", 20, 12, 60.0, 40.0, 90.0, 0.5]


def test_cli_counts_are_json_integers(links_store, capsys, monkeypatch):
    """Threshold 2 (nothing below it but Haarlem's 1): 4 waiting, 2 over the norm; 10 linked, 4 housed."""
    monkeypatch.setenv("HOUSING_MONITOR_MIN_COUNT", "2")
    db = str(links_store.path)
    assert main(["measure", "waiting_list", "--db", db, "--reference-date", "2024-06-30", "--json"]) == 0
    waiting = json.loads(capsys.readouterr().out)[0]
    assert (waiting["households"], waiting["over_norm_households"], waiting["persons"]) == (4, 2, 16)
    assert all(type(waiting[c]) is int for c in ("households", "over_norm_households", "persons"))
    assert main(["measure", "time_to_home", "--db", db, "--reference-date", "2024-06-30", "--json"]) == 0
    home = json.loads(capsys.readouterr().out)[0]
    assert (home["households"], home["events"]) == (10, 4)
    assert type(home["households"]) is int and type(home["events"]) is int


# --- 4 and 7: texts follow the settings ----------------------------------------------------------------------


def test_texts_name_the_norm_from_its_setting(monkeypatch):
    monkeypatch.setenv("HOUSING_MONITOR_WAITING_NORM_DAYS", "56")
    waiting, home = definitions.definition("wachtenden").exact, definitions.definition("tijd_tot_woning").exact
    assert "meer dan 56 dagen (8 weken) na de koppeling" in waiting and "84" not in waiting
    assert "1 min de curve op 56 dagen (8 weken)" in home and "84" not in home
    assert "langer dan de norm (56 dagen (8 weken))" in links.WAITING_LIST.help_text()
    assert "aandeel binnen de norm (56 dagen (8 weken))" in links.TIME_TO_HOME.help_text()
    monkeypatch.setenv("HOUSING_MONITOR_WAITING_NORM_DAYS", "90")
    assert base.norm_text() == "90 dagen (12,9 weken)"


# --- 8: the hover of the within-norm bar ---------------------------------------------------------------------


def test_within_norm_bar_hovers_its_own_number():
    """Mei 2024: 14 waiting, 2 over → 12 within; juni: 4 over is hidden, so within is unknown."""
    shown = pd.DataFrame(
        {"month": [dt.date(2024, 5, 31), dt.date(2024, 6, 30)], "households": [14, 16],
         "over_norm_households": [2, privacy.marker()]}
    )
    fig = waiting_charts.queue_over_time(shown)
    within = next(trace for trace in fig.data if trace.name == "Binnen de norm")
    assert list(within.hovertext) == [
        "mei 2024: 12 huishoudens binnen de norm",
        f"juni 2024: {privacy.marker()} huishoudens binnen de norm",
    ]
