"""housed and waiting_time against the tiny dataset, worked out by hand (tests/fixtures/tiny)."""

import pandas as pd
import pytest

from housing_monitor import privacy
from housing_monitor.filters import Filters
from housing_monitor.measures import base, housing

# 2016-H1 first move-ins: HH01 (30 d), HH02 (60 d, 4 p), HH03 (90 d), HH05 (30 d) → 4 households, 7 persons.
# Waiting days sorted 30, 30, 60, 90: median (30+60)/2 = 45; P25 at rank 0.75 → 30; P75 at rank 2.25 → 60 + 0.25·30 = 67.5.
H1_2016 = Filters(period_from="2016-H1", period_to="2016-H1")
# 2016 (both halves): waiting 30,30,60,90,121,131,183 → median 90; P25 rank 1.5 → 45; P75 rank 4.5 → 126.
YEAR_2016 = Filters(period_from="2016-H1", period_to="2016-H2")


def test_housed_counts_households_by_first_move_in(tiny_store):
    with tiny_store.reader() as con:
        result = housing.housed(con, H1_2016)
    assert result.to_dict("records") == [{"households": 4, "persons": 7}]


def test_housed_second_placement_is_not_counted_again(tiny_store):
    # HH02 moved on to a permanent home on 2016-09-01; 2016-H2 counts only HH04, HH07, HH08.
    with tiny_store.reader() as con:
        result = housing.housed(con, Filters(period_from="2016-H2", period_to="2016-H2"))
    assert result.to_dict("records") == [{"households": 3, "persons": 10}]


@pytest.mark.parametrize(
    "filters, expected",
    [
        (H1_2016, {"households": 4, "median_days": 45.0, "p25_days": 30.0, "p75_days": 67.5}),
        (YEAR_2016, {"households": 7, "median_days": 90.0, "p25_days": 45.0, "p75_days": 126.0}),
    ],
)
def test_waiting_time_quantiles(tiny_store, filters, expected):
    with tiny_store.reader() as con:
        result = housing.waiting_time(con, filters)
    assert result.to_dict("records") == [expected]


def test_waiting_time_by_municipality_and_form(tiny_store):
    with tiny_store.reader() as con:
        result = housing.waiting_time(con, YEAR_2016, by=("municipality_code", "housing_form"))
    assert list(result.columns[:3]) == ["municipality_code", "municipality_name", "housing_form"]
    almere = result[(result.municipality_code == "GM0034") & (result.housing_form == "zelfstandig")].iloc[0]
    # HH07 121 d, HH08 183 d → median 152.
    assert (almere.households, almere.median_days) == (2, 152.0)


def test_filters_apply_to_first_placement(tiny_store):
    with tiny_store.reader() as con:
        school = housing.housed(con, Filters(projects=("Basisschool Landgraaf",)))
        corp = housing.housed(con, Filters(corporations=("Pré Wonen",), housing_forms=("woningdelen",)))
    assert school.to_dict("records") == [{"households": 1, "persons": 4}]
    assert corp.to_dict("records") == [{"households": 1, "persons": 1}]


def test_group_by_period(tiny_store):
    with tiny_store.reader() as con:
        result = housing.housed(con, Filters(), by=("period",))
    assert result.to_dict("records") == [
        {"period": "2016-H1", "households": 4, "persons": 7},
        {"period": "2016-H2", "households": 3, "persons": 10},
        {"period": "2017-H1", "households": 1, "persons": 1},
    ]


def test_unknown_grouping_is_refused(tiny_store):
    with tiny_store.reader() as con, pytest.raises(base.UnknownGroupError):
        housing.housed(con, Filters(), by=("bsn",))


def test_suppression_of_small_groups():
    frame = pd.DataFrame({"households": [3, 12], "persons": [9, 30], "median_days": [40.0, 50.0]})
    shown = privacy.suppress(frame, "households", ["persons", "median_days"])
    assert shown.to_dict("records") == [
        {"households": "<5", "persons": "<5", "median_days": "<5"},
        {"households": 12, "persons": 30, "median_days": 50.0},
    ]


def test_reference_date_is_latest_date_in_data(tiny_store):
    with tiny_store.reader() as con:
        assert str(base.reference_date(con)) == "2017-12-01"
