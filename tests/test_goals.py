"""Goal attainment against hand-worked figures (tests/fixtures/goals) and on the demo's seed cases.

The fixture, worked out by hand (reference date 2019-12-31, the last signal):
- School (Landgraaf, HEEMwonen, tijdelijk): 6 households, permit 2017-01-01, first home after
  20, 30, 40, 50, 60, 70 days → median 45. Permanent home after 151, 243, 334, 424, 304 days and
  one never (censored at 1094 days) → within 365 days 4 of 6 = 0,667 (no censoring before day 365).
- Haven (Almere): 5 one-person households in since 2017-01-01. 2018: 5 × 365 = 1825 days =
  4,9966 household-years, 2 signals → 40,027 per 100; up to 2018-06-30: 5 × 181 = 905 days, 1
  signal → 40,359. 2019-07-01 up to the reference date: 5 × 184 = 920 days, 1 signal → 39,701.
  At 24 months (2019-01-01 ± 3 months): B1, A2, B2, A1, B1 → 3 of 5; employed 1 of 5.
- Quota Almere: 2017-H2 owes 10, realises 8 (backlog 2); 2018: targets 10 + 10, realised 9 + 12
  → 21 / (2 + 20) = 0,9545.
- Pastorie (Veere): 3 households → too little data. Corporation 'Nergens': no households → no data.
"""

import datetime as dt
import json
import subprocess
import sys

import pandas as pd
import pytest

from housing_monitor.filters import Filters
from housing_monitor.measures import goals
from housing_monitor.measures.base import UnknownGroupError
from tests.conftest import build_store

YEARS_2018 = 5 * 365 / 365.25


@pytest.fixture(scope="module")
def goal_store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("goals") / "goals.duckdb", "goals")


@pytest.fixture(scope="module")
def attainment(goal_store):
    with goal_store.reader() as con:
        return goals.goal_attainment(con).set_index("goal_id")


def test_each_measure_over_the_goal_scope_and_period(attainment):
    expected = {
        "D1": (6, "households", 4 / 6, "not_met"),
        "D2": (6, "households", 45.0, "met"),
        "D3": (5, "households", 2 / YEARS_2018 * 100, "met"),
        "D4": (5, "persons", 3 / 5, "met"),
        "D5": (5, "persons", 1 / 5, "not_met"),
        "D6": (21, "persons", 21 / 22, "met"),
        "D8": (5, "households", 100 * 365.25 / 920, "on_track"),
    }
    for goal_id, (base, unit, value, status) in expected.items():
        row = attainment.loc[goal_id]
        assert (row["base"], row["base_unit"], row["status"]) == (base, unit, status), goal_id
        assert row["value"] == pytest.approx(value, rel=1e-9), goal_id


def test_nuisance_goal_carries_the_exact_poisson_interval(attainment):
    row = attainment.loc["D3"]
    # Garwood limits for 2 signals: chi2(0.025; 4)/2 = 0.242209, chi2(0.975; 6)/2 = 7.224688.
    assert row["ci_low"] == pytest.approx(0.242209 / YEARS_2018 * 100, rel=1e-5)
    assert row["ci_high"] == pytest.approx(7.224688 / YEARS_2018 * 100, rel=1e-5)


def test_small_or_empty_scopes_show_no_number(attainment):
    thin, empty = attainment.loc["D7"], attainment.loc["D9"]
    assert thin["status"] == "too_little_data" and thin["base"] == 3 and pd.isna(thin["value"])
    assert empty["status"] == "no_data" and empty["base"] == 0 and pd.isna(empty["value"])


def test_a_running_goal_is_judged_on_the_data_so_far(attainment):
    row = attainment.loc["D8"]
    assert bool(row["running"]) and str(row["measured_until"]) == "2019-12-31"
    assert not attainment.loc["D3"]["running"]


def test_trend_measures_from_the_start_to_each_half_year_end(goal_store, attainment):
    with goal_store.reader() as con:
        trend = goals.goal_trend(con, attainment.loc["D3"].to_dict() | {"goal_id": "D3"})
    assert trend["period"].tolist() == ["2018-H1", "2018-H2"]
    assert trend["value"].tolist() == pytest.approx([100 * 365.25 / 905, 2 / YEARS_2018 * 100])
    assert trend["target"].tolist() == [50.0, 50.0]


def test_trend_points_on_a_small_base_have_no_value(goal_store, attainment):
    with goal_store.reader() as con:
        trend = goals.goal_trend(con, attainment.loc["D7"].to_dict())
    assert trend["base"].tolist() == [3, 3] and trend["value"].isna().all()


def test_summary_per_organisation_counts_each_goal_under_each_named_organisation(attainment):
    summary = goals.organisation_summary(attainment.reset_index()).set_index("organisation")
    assert summary.loc["Almere", ["goals", "met", "not_met", "on_track", "off_track", "not_started"]].tolist() == [7, 3, 1, 1, 1, 1]
    assert summary.loc["Landgraaf", ["goals", "met", "not_met"]].tolist() == [2, 1, 1]
    assert summary.loc["HEEMwonen", ["goals", "not_met"]].tolist() == [1, 1]
    assert summary.loc["Veere", "too_little_data"] == 1 and summary.loc["Nergens", "no_data"] == 1
    assert summary.index[0] == "Almere"  # unmet goals first, then by name


def test_filters_choose_the_organisations_goals(goal_store):
    with goal_store.reader() as con:
        landgraaf = goals.goal_attainment(con, Filters(municipalities=("GM0882",)))
        heem = goals.goal_attainment(con, Filters(corporations=("HEEMwonen",)))
    assert landgraaf["goal_id"].tolist() == ["D1", "D2"]
    assert heem["goal_id"].tolist() == ["D1"]


def test_direction_decides_met():
    assert goals.is_met(45, "max", 50) and not goals.is_met(45, "min", 50)
    assert goals.is_met(50, "max", 50) and goals.is_met(50, "min", 50)
    reading = goals.Reading(0.8, 4)
    assert goals.judge(reading, "min", 0.5, running=False) == "too_little_data"
    assert goals.judge(goals.Reading(0.8, 4), "min", 0.5, running=False, limit=3) == "met"


def test_goal_attainment_cannot_be_grouped(goal_store):
    with goal_store.reader() as con, pytest.raises(UnknownGroupError):
        goals.goal_attainment(con, by=("province",))


def test_cli_prints_goal_attainment_as_json_with_small_bases_suppressed(goal_store):
    result = subprocess.run(
        [sys.executable, "-m", "housing_monitor", "measure", "goal_attainment", "--json", "--db", str(goal_store.path)],
        capture_output=True, text=True, check=True,
    )
    rows = {row["goal_id"]: row for row in json.loads(result.stdout)}
    assert rows["D6"]["value"] == pytest.approx(21 / 22) and rows["D6"]["status"] == "met"
    assert rows["D7"]["base"] == "<5" and rows["D7"]["value"] == "<5" and rows["D7"]["status"] == "too_little_data"


def test_demo_seed_goals(demo_store):
    with demo_store.reader() as con:
        frame = goals.goal_attainment(con)
    by_project = frame.set_index("project")
    landgraaf = by_project.loc["Basisschool Landgraaf"]
    assert landgraaf["status"] == "met" and landgraaf["value"] >= 0.9 and landgraaf["base"] >= 5
    haven = by_project.loc["Almere-Haven"]
    assert haven["status"] == "met" and haven["value"] <= haven["target"]
    assert by_project.loc["Pastorie Veere"]["status"] == "too_little_data"
    assert set(frame["status"]) >= {"met", "not_met", "too_little_data", "on_track", "off_track"}


def test_quota_goal_rests_on_public_counts_and_a_running_half_year_owes_its_elapsed_share(goal_store):
    with goal_store.reader() as con:
        frame = goals.goal_attainment(con, reference_date=dt.date(2019, 10, 15)).set_index("goal_id")
    # Carried into 2019-H2: (10 + 10 + 10) − (8 + 9 + 12) = 1; three of six months elapsed → owed 1 + 12 × 3/6 = 7;
    # 3 persons housed (an official count: public, so a base of 3 still gives a figure).
    row = frame.loc["D10"]
    assert (row["status"], row["base"], bool(row["public"])) == ("off_track", 3, True)
    assert row["value"] == pytest.approx(3 / 7)


def test_a_goal_that_has_not_started_has_no_figure(attainment):
    row = attainment.loc["D11"]
    assert row["status"] == "not_started" and pd.isna(row["value"])


def test_a_project_only_goal_counts_under_its_project(attainment):
    summary = goals.organisation_summary(attainment.reset_index()).set_index("organisation")
    assert summary.loc["Haven", ["kind", "goals", "met"]].tolist() == ["project", 1, 1]


def test_trend_points_closer_than_five_units_to_the_next_are_hidden():
    trend = pd.DataFrame({
        "base": [3, 6, 8, 14, 14, 20], "value": [0.1, 0.2, 0.3, 0.4, 0.45, 0.5], "public": [False] * 6,
    })
    # From the end: 20 kept; 14 (6 apart) kept; 14 (0 apart) kept; 8 (6 apart) kept; 6 (2 apart from 8) hidden;
    # 3 under the threshold hidden.
    assert goals._shown_points(trend).tolist() == [False, False, True, True, True, True]
