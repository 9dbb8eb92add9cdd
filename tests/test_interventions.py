"""intervention_effect against tests/fixtures/interventions, worked out by hand.

Every household lives in its flexwoning/woningdelen home from 2016-01-01 on; reference date 2017-12-31.
  I1 coordinator, Almere project Haven, start 2017-01-01: before = 2016-07-01..2017-01-01 (184 days),
     after = 2017-01-01..2017-07-01 (181 days). Haven: 5 households → 920 and 905 household-days.
     Haven signals: 10 before, 4 after (one on 2016-06-30 and one on 2017-07-01 fall outside).
     Comparison = flexwoning without a coordinator in the window: Amsterdam Noord only (Haarlem Flex has its
     own coordinator I2 from 2016-09-01). Noord: 5 households; its 8 signals carry only the household, so they
     reach flexwoning through the placement: 4 before, 4 after.
     Rates per 100 household-years: 10/(920/365,25)·100 = 397,01 → 4/(905/365,25)·100 = 161,44 (−235,57);
     comparison 158,80 → 161,44 (+2,63); difference −238,21.
     Margin (Wald): sd = 100·√(10/2,5188² + 4/2,4778² + 4/2,5188² + 4/2,4778²) = 187,34 → −605,4 to 129,0:
     no clear difference — a big fall on a tiny base is not yet evidence.
  I2 coordinator, Haarlem Flex (2 households): too little data.
  I3 buddy, all of Amsterdam (no project): Noord's 5 households, but only 8 signals (< 10): too little data;
     its comparison is flexwoning without a buddy: Haven and Flex, 7 households, 12 signals before, 4 after.
"""

import pandas as pd
import pytest

from housing_monitor.db.store import Store
from housing_monitor.filters import Filters
from housing_monitor.measures import interventions
from tests.conftest import build_store, read_fixture

DAYS = 365.25


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("interventions") / "iv.duckdb", "interventions")
    with store.reader() as connection:
        yield connection


@pytest.fixture(scope="module")
def effects(con):
    return interventions.intervention_effect(con, Filters()).set_index("intervention_id")


def test_place_and_dominant_housing_form(con):
    rows = con.execute(
        "SELECT intervention_id, scope, housing_form, window_from::VARCHAR, window_to::VARCHAR "
        "FROM intervention_place ORDER BY 1"
    ).fetchall()
    assert rows == [
        ("I1", "project", "flexwoning", "2016-07-01", "2017-07-01"),
        ("I2", "project", "flexwoning", "2016-03-01", "2017-03-01"),
        ("I3", "municipality", "flexwoning", "2016-07-01", "2017-07-01"),
    ]


def test_before_after_and_comparison_by_hand(effects):
    i1 = effects.loc["I1"]
    assert (i1.before_households, i1.after_households, i1.before_signals, i1.after_signals) == (5, 5, 10, 4)
    assert i1.before_rate == pytest.approx(10 / (920 / DAYS) * 100)
    assert i1.after_rate == pytest.approx(4 / (905 / DAYS) * 100)
    assert (i1.comparison_before_households, i1.comparison_after_households) == (5, 5)
    assert i1.comparison_before_rate == pytest.approx(4 / (920 / DAYS) * 100)
    assert i1.comparison_after_rate == pytest.approx(4 / (905 / DAYS) * 100)
    assert i1.change == pytest.approx(-235.574405, abs=1e-5)
    assert i1.comparison_change == pytest.approx(2.632116, abs=1e-5)
    assert i1.difference == pytest.approx(-238.206522, abs=1e-5)
    assert (i1.difference_ci_low, i1.difference_ci_high) == (pytest.approx(-605.39, abs=0.01), pytest.approx(128.98, abs=0.01))
    assert i1.verdict == "no_clear_difference"
    assert i1.households == 5 and bool(i1.after_complete)


def test_comparison_excludes_places_with_the_same_type_only(effects):
    # I3 is a buddy project: Haven and Flex (coordinators) are fine comparisons for it.
    i3 = effects.loc["I3"]
    assert (i3.comparison_before_households, i3.comparison_after_households) == (7, 7)
    assert i3.comparison_before_rate == pytest.approx(12 / (7 * 184 / DAYS) * 100)
    assert i3.comparison_after_rate == pytest.approx(4 / (7 * 181 / DAYS) * 100)


@pytest.mark.parametrize("intervention, reason", [("I2", "minder dan 5 huishoudens"), ("I3", "minder dan 10 signalen")])
def test_too_little_data_says_so_instead_of_a_number(effects, intervention, reason):
    effect = effects.loc[intervention]
    assert effect.verdict == "too_little_data"
    assert effect[["difference", "difference_ci_low", "difference_ci_high"]].isna().all()
    text = interventions.explain(effect)
    assert text.startswith("**Te weinig gegevens") and reason in text


def test_summary_per_type(con):
    summary = interventions.intervention_effect(con, Filters(), by=("type",)).set_index("type")
    assert summary.loc["coordinator", ["interventions", "with_enough_data", "clear_falls", "clear_rises"]].tolist() == [2, 1, 0, 0]
    assert summary.loc["coordinator", "mean_difference"] == pytest.approx(-238.206522, abs=1e-5)
    # Only interventions with enough data count toward the base of the mean difference.
    assert summary.loc["coordinator", "households"] == 5
    assert summary.loc["buddy", "households"] == 0


def test_monthly_timeline_adds_up_to_the_windows(con, effects):
    timeline = interventions.intervention_timeline(con, "I1")
    place = timeline[timeline.side == "place"]
    assert list(place.months_from_start) == list(range(-6, 6))
    assert place[place.months_from_start < 0].signals.sum() == 10
    assert place[place.months_from_start >= 0].exposure_days.sum() == 905


def test_filters_select_interventions_by_their_place(con):
    haarlem = interventions.intervention_effect(con, Filters(municipalities=("GM0392",)))
    assert list(haarlem.intervention_id) == ["I2"]
    # A municipality's own intervention (no corporation) stays when a corporation is chosen.
    ymere = interventions.intervention_effect(con, Filters(corporations=("Ymere",)))
    assert sorted(ymere.intervention_id) == ["I1", "I3"]


def test_a_household_that_moved_within_the_window_counts_once(tmp_path):
    # HX lives in Haven (flexwoning) from 2016-01-01, moves to another Haven home on 2016-10-01 and stays:
    # two spells in I1's before window (92 + 92 days), one after it. Haven then has 6 households on both sides.
    frames = read_fixture("interventions")
    first = frames["placements"].iloc[0].to_dict()
    moved = [
        {**first, "placement_id": "PX1", "household_id": "HX", "move_in_date": "2016-01-01", "move_out_date": "2016-10-01"},
        {**first, "placement_id": "PX2", "household_id": "HX", "move_in_date": "2016-10-01", "move_out_date": None},
    ]
    frames["placements"] = pd.concat([frames["placements"], pd.DataFrame(moved)], ignore_index=True)
    store = Store(tmp_path / "moved.duckdb")
    store.replace_all(frames, source="test", user="pytest")
    with store.reader() as con:
        i1 = interventions.intervention_effect(con, Filters()).set_index("intervention_id").loc["I1"]
    assert (i1.before_households, i1.after_households) == (6, 6)
    assert i1.before_household_years * DAYS == pytest.approx(920 + 184)
    assert i1.after_household_years * DAYS == pytest.approx(905 + 181)
