"""survival.summarise and curve_points estimate all groups at once; each group must equal its own curve."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from housing_monitor.measures import survival

households = st.lists(
    st.tuples(
        st.sampled_from(["Almere", "Haarlem", "Landgraaf", None]),  # None: a household without this key
        st.integers(min_value=0, max_value=60),  # days; small, so ties and day 0 occur often
        st.booleans(),
    ),
    min_size=1,
    max_size=80,
)


def _frame(rows):
    return pd.DataFrame(rows, columns=["municipality", "duration_days", "event"])


def _assert_summary_is_its_own(summary: pd.Series, rows_of_group: pd.DataFrame) -> None:
    """The group's row of the all-groups summary equals the summary of its own Kaplan–Meier curve, exactly."""
    alone = survival.summary(survival.kaplan_meier(rows_of_group["duration_days"], rows_of_group["event"]))
    for column, value in alone.items():
        assert summary[column] == value or (np.isnan(summary[column]) and np.isnan(value)), column


@settings(max_examples=150, deadline=None)
@given(households)
def test_every_groups_summary_equals_its_own_curve(rows):
    frame = _frame(rows)
    result = survival.summarise(frame, ["municipality"])
    groups = sorted(frame.groupby("municipality", dropna=False), key=lambda item: (pd.isna(item[0]), str(item[0])))
    assert [None if pd.isna(v) else v for v in result["municipality"]] == [None if pd.isna(k) else k for k, _ in groups]
    for (_, rows_of_group), (_, summary) in zip(groups, result.iterrows()):
        _assert_summary_is_its_own(summary, rows_of_group)


@settings(max_examples=100, deadline=None)
@given(households)
def test_every_groups_points_equal_its_own_curve(rows):
    frame = _frame(rows)
    points = survival.curve_points(frame, ["municipality"])
    for key, rows_of_group in frame.groupby("municipality", dropna=False):
        mine = points[points["municipality"].isna()] if pd.isna(key) else points[points["municipality"] == key]
        alone = survival.kaplan_meier(rows_of_group["duration_days"], rows_of_group["event"]).frame()
        pd.testing.assert_frame_equal(mine[list(survival.CURVE_COLUMNS)].reset_index(drop=True), alone, check_exact=True)


def test_counts_and_households_give_the_same_curves():
    # Four households in one place: day 0 housed at once, two on day 10 (one housed), one still waiting at day 30.
    per_household = pd.DataFrame(
        {"place": ["A"] * 4, "duration_days": [0, 10, 10, 30], "event": [True, True, False, False]}
    )
    counted = pd.DataFrame({"place": ["A"] * 3, "duration_days": [30, 0, 10], "removed": [1, 1, 2], "died": [0, 1, 1]})
    by_household = survival.curve_points(per_household, ["place"])
    pd.testing.assert_frame_equal(by_household, survival.curve_points(counted, ["place"]))
    # S: 1 - 1/4 = 0.75 on day 0; × (1 - 1/3) = 0.5 on day 10; the last household censored on day 30.
    assert list(by_household["time"]) == [0, 10, 30]
    assert list(by_household["at_risk"]) == [4, 3, 1]
    assert np.allclose(by_household["survival"], [0.75, 0.5, 0.5])
    summary = survival.summarise(per_household, ["place"]).iloc[0]
    assert (summary.households, summary.events, summary.median_days) == (4, 2, 10)


@settings(max_examples=200, deadline=None)
@given(households, st.data())
def test_first_time_at_or_below_equals_the_per_group_search_for_any_values(rows, data):
    # Survival never rises; a band might. Whatever the values, the vectorised search answers as the per-group one.
    curves = survival.estimate(_frame(rows), ["municipality"])
    levels = st.sampled_from([0.0, 0.3, 0.5, 0.5 + 1e-13, 0.6, 1.0])
    values = np.array(data.draw(st.lists(levels, min_size=len(curves.time), max_size=len(curves.time))))
    got = curves.first_time_at_or_below(values)
    for g, (first, end) in enumerate(zip(curves.bounds[:-1], curves.bounds[1:])):
        want = survival.first_time_at_or_below(curves.time[first:end], values[first:end])
        assert got[g] == want or (np.isnan(got[g]) and np.isnan(want))


two_key_households = st.lists(
    st.tuples(
        st.sampled_from(["Almere", "Haarlem", None]),
        st.sampled_from(["school", "woningdelen", None]),
        st.one_of(st.integers(min_value=0, max_value=40), st.floats(min_value=0, max_value=40).map(lambda d: round(d, 1))),
        st.booleans(),
    ),
    min_size=1,
    max_size=80,
)


@settings(max_examples=150, deadline=None)
@given(two_key_households)
def test_two_keys_give_every_combination_its_own_curve_in_key_order(rows):
    # Group numbers come from each key's codes combined; the order must be groupby's (missing values last).
    frame = pd.DataFrame(rows, columns=["municipality", "project", "duration_days", "event"])
    result = survival.summarise(frame, ["municipality", "project"])
    groups = list(frame.groupby(["municipality", "project"], dropna=False, sort=True))
    assert len(result) == len(groups)
    for (key, rows_of_group), (_, summary) in zip(groups, result.iterrows()):
        assert [None if pd.isna(v) else v for v in key] == [
            None if pd.isna(summary[c]) else summary[c] for c in ("municipality", "project")
        ]
        _assert_summary_is_its_own(summary, rows_of_group)


@settings(max_examples=150, deadline=None)
@given(two_key_households)
def test_group_numbers_equal_pandas_groupby(rows):
    # The integer-code numbering must give groupby's numbers and key rows (its fallback for huge key spaces).
    frame = pd.DataFrame(rows, columns=["municipality", "project", "duration_days", "event"])
    keys = ["municipality", "project"]
    number, groups = survival._group_numbers(frame, keys)
    expected_number, expected_groups = survival._group_numbers_by_pandas(frame, keys)
    assert number.tolist() == expected_number.tolist()
    pd.testing.assert_frame_equal(groups, expected_groups)
