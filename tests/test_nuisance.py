"""nuisance_rate against tests/fixtures/nuisance, worked out by hand.

Reference date 2017-12-31 (signal S6), so open spells run to 2018-01-01 (the reference day counts).
Spells (days per half-year; 2016-H2 from Oct = 92, 2017-H1 = 181, 2017-H2 = 184):
  H1 zelfstandig Almere             2017-01-01 → open         2017-H1 181, 2017-H2 184
  H2 woningdelen Almere "Haven"     2016-10-01 → 2017-04-01   2016-H2 92, 2017-H1 90   (crosses a border)
  H2 zelfstandig Almere             2017-04-01 → open         2017-H1 91, 2017-H2 184
  H3 woningdelen Haarlem "Delen"    2017-07-01 → open         2017-H2 184
  H4 woningdelen Haarlem "Delen"    2017-07-01 → 2017-10-01   2017-H2 92
  H5, H6, H7 zelfstandig Haarlem    2017-07-01 → open         2017-H2 184 each
Signals: S1 2017-03-15 H2 (no form → woningdelen, Haven: the placement active that day), S2 2017-04-01 H2 (move
day → the new dwelling, zelfstandig), S3 2017-08-01 woningdelen/Delen on the signal itself, S4 2016-11-10 H2
(→ woningdelen), S5 2017-09-01 H1 (→ zelfstandig), S6 2017-12-31 Almere, no household and no form.
"""

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from housing_monitor.cli.main import main
from housing_monitor.db import queries
from housing_monitor.filters import Filters
from housing_monitor.measures import nuisance
from tests.conftest import build_store

YEAR_2017 = Filters(period_from="2017-H1", period_to="2017-H2")
DAYS = 365.25


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("nuisance") / "n.duckdb", "nuisance")


@pytest.fixture(scope="module")
def con(store):
    with store.reader() as connection:
        yield connection


def records(frame):
    return frame.round(6).to_dict("records")


def test_signal_without_form_takes_the_placement_active_on_the_day(con):
    rows = con.execute(
        "SELECT signal_id, housing_form, project, corporation, housing_form_from FROM signal_attributed ORDER BY 1"
    ).fetchall()
    assert rows == [
        ("S1", "woningdelen", "Haven", "Ymere", "placement"),
        ("S2", "zelfstandig", None, "Ymere", "placement"),  # reported on the move day: the new dwelling
        ("S3", "woningdelen", "Delen", "Pré Wonen", "signal"),
        ("S4", "woningdelen", "Haven", "Ymere", "placement"),
        ("S5", "zelfstandig", None, "Ymere", "placement"),
        ("S6", None, None, None, None),
    ]


def test_exposure_across_a_half_year_border_is_split(con):
    result = nuisance.nuisance_rate(con, Filters(), by=("period", "housing_form"))
    cells = {(r.period, r.housing_form): (r.households, r.signals, round(r.household_years * DAYS)) for r in result.itertuples()}
    # H2's shared-house spell: 92 days in 2016-H2 and 90 in 2017-H1, each half with its own signal.
    assert cells[("2016-H2", "woningdelen")] == (1, 1, 92)
    assert cells[("2017-H1", "woningdelen")] == (1, 1, 90)
    # 2017-H1 zelfstandig: H1 181 + H2 91 = 272 days; 2017-H2: five households × 184 = 920 days.
    assert cells[("2017-H1", "zelfstandig")] == (2, 1, 272)
    assert cells[("2017-H2", "zelfstandig")] == (5, 1, 920)
    # 2017-H2 woningdelen: H3 184 + H4 92 = 276 days, signal S3.
    assert cells[("2017-H2", "woningdelen")] == (2, 1, 276)


def test_rate_per_housing_form_with_exact_interval(con):
    result = nuisance.nuisance_rate(con, YEAR_2017, by=("housing_form",))
    zelfstandig = result[result.housing_form == "zelfstandig"].iloc[0]
    # 365 + 275 (H2 after its move) + 3 × 184 = 1192 days; signals S2, S5.
    assert (zelfstandig.households, zelfstandig.signals) == (5, 2)
    assert zelfstandig.household_years == pytest.approx(1192 / DAYS)
    assert zelfstandig.rate_per_100 == pytest.approx(2 / (1192 / DAYS) * 100)  # 61,28
    # Exact Poisson 95% limits for 2 events: 0,2422 and 7,2247 (Garwood's table).
    assert zelfstandig.rate_ci_low == pytest.approx(0.242209 / (1192 / DAYS) * 100, rel=1e-5)
    assert zelfstandig.rate_ci_high == pytest.approx(7.224687 / (1192 / DAYS) * 100, rel=1e-5)
    woningdelen = result[result.housing_form == "woningdelen"].iloc[0]
    # 90 (H2 until its move) + 184 (H3) + 92 (H4) = 366 days; signals S1, S3.
    assert (woningdelen.households, woningdelen.signals) == (3, 2)
    assert woningdelen.rate_per_100 == pytest.approx(2 / (366 / DAYS) * 100)  # 199,59
    # S6 has no housing form: it counts in the total, in a group of its own without exposure or rate.
    unknown = result[result.housing_form.isna()].iloc[0]
    assert (unknown.households, unknown.signals, unknown.household_years) == (0, 1, 0)
    assert np.isnan(unknown.rate_per_100)


def test_period_clips_exposure_and_counts_signals_by_report_date(con):
    # 2017-H1: H1 181 days, H2 90 + 91 = 181 days; H3..H7 move in on 2017-07-01, after it. Signals S1, S2.
    result = nuisance.nuisance_rate(con, Filters(period_from="2017-H1", period_to="2017-H1"))
    assert records(result[["households", "signals", "household_years"]]) == [
        {"households": 2, "signals": 2, "household_years": round(362 / DAYS, 6)}
    ]


def test_earlier_reference_date_ends_exposure_and_signals(con):
    # Reference 2017-06-30: exposure to 2017-07-01, so the same as 2017-H1 plus H2's 92 days in 2016.
    result = nuisance.nuisance_rate(con, Filters(), reference_date=dt.date(2017, 6, 30))
    row = result.iloc[0]
    assert (row.households, row.signals, round(row.household_years * DAYS)) == (2, 3, 362 + 92)


def test_category_splits_signals_but_shares_exposure(con):
    result = nuisance.nuisance_rate(con, YEAR_2017, by=("category",))
    assert list(result.category) == ["afval", "burenconflict", "geluid", "overig"]
    assert list(result.signals) == [1, 1, 2, 1]
    # Every category carries the whole 2017 exposure: 1192 + 366 = 1558 days of 7 households.
    assert set(result.households) == {7}
    assert np.allclose(result.household_years, 1558 / DAYS)


def test_time_to_resolution(con):
    # 2017 signals: S1 10 days, S2 20 days, S5 6 days resolved; S3 and S6 still open → median 10, 2 of 5 open.
    row = nuisance.nuisance_rate(con, YEAR_2017).iloc[0]
    assert row.median_resolution_days == 10
    assert row.unresolved_share == pytest.approx(2 / 5)


def test_group_by_municipality_joins_signals_and_exposure(con):
    result = nuisance.nuisance_rate(con, Filters(), by=("municipality_code",))
    assert list(result.columns[:2]) == ["municipality_code", "municipality_name"]
    almere = result[result.municipality_code == "GM0034"].iloc[0]
    # H1 365 days; H2 92 + 90 + 275 = 457 days; signals S1, S2, S4, S5, S6.
    assert (almere.municipality_name, almere.households, almere.signals) == ("Almere", 2, 5)
    assert almere.household_years == pytest.approx((365 + 457) / DAYS)


@pytest.mark.parametrize(
    "count, low, high",
    [(0, 0.0, 3.688879), (1, 0.025318, 5.571643), (2, 0.242209, 7.224687), (10, 4.795389, 18.390356)],
)
def test_poisson_interval_matches_the_exact_table(count, low, high):
    lows, highs = nuisance.poisson_interval([count])
    assert (lows[0], highs[0]) == (pytest.approx(low, abs=1e-6), pytest.approx(high, abs=1e-6))


def test_cli_json_suppresses_groups_under_five_households(store, capsys):
    code = main(["measure", "nuisance_rate", "--db", str(store.path), "--by", "housing_form", "--from", "2017-H1",
                 "--to", "2017-H2", "--json"])
    rows = json.loads(capsys.readouterr().out)
    assert code == 0
    assert list(rows[0])[:5] == ["housing_form", "households", "signals", "household_years", "rate_per_100"]
    by_form = {r["housing_form"]: r for r in rows}
    assert by_form["woningdelen"]["households"] == "<5" and by_form["woningdelen"]["rate_per_100"] == "<5"
    assert by_form["zelfstandig"]["households"] == 5
    assert by_form["zelfstandig"]["signals"] == 2
    assert by_form["zelfstandig"]["rate_per_100"] == pytest.approx(61.283557, abs=1e-6)
    assert by_form[None]["signals"] == "<5"  # the signal of unknown form rests on no households at all


def test_unknown_grouping_is_refused(con):
    with pytest.raises(ValueError, match="onbekende groepering"):
        nuisance.nuisance_rate(con, Filters(), by=("bsn",))


def test_half_year_counts_a_household_that_moved_once(con):
    # 2017-H1 over all forms: H1 181 days; H2 90 days shared house + 91 days own home, one household.
    result = nuisance.nuisance_rate(con, Filters(), by=("period",))
    first_half = result[result.period == "2017-H1"].iloc[0]
    assert (first_half.households, first_half.signals, round(first_half.household_years * DAYS)) == (2, 2, 362)


def test_year_counts_each_household_once_and_splits_at_the_new_year(con):
    # 2016: H2's shared house from 1 October, 92 days; signal S4. 2017: H1 all year (one spell over both halves,
    # counted once), H2 90 + 275 days in two dwellings (counted once), H3..H7: 7 households, 1558 days, and
    # signals S1, S2, S3, S5, S6.
    result = nuisance.nuisance_rate(con, Filters(), by=("year",))
    assert [(int(r.year), r.households, r.signals, round(r.household_years * DAYS)) for r in result.itertuples()] == [
        (2016, 1, 1, 92),
        (2017, 7, 5, 1558),
    ]


def test_pre_aggregated_half_years_only_where_they_are_exact(con):
    until = nuisance.observed_until(con)
    assert nuisance.from_cells(con, Filters(), ("period", "housing_form"), until)
    assert nuisance.from_cells(con, YEAR_2017, ("period",), until)
    # A year holds two half-years: a household in both counts once, which the cells cannot tell.
    assert not nuisance.from_cells(con, Filters(), ("year",), until)
    assert not nuisance.from_cells(con, Filters(), ("housing_form",), until)
    # A period starting mid half-year, or an earlier reference date, cuts pieces the cells hold whole.
    assert not nuisance.from_cells(con, Filters(start_date=dt.date(2017, 3, 1)), ("period",), until)
    assert not nuisance.from_cells(con, Filters(), ("period",), dt.date(2017, 7, 1))


@pytest.mark.parametrize(
    "filters, by",
    [
        (Filters(), ("period",)),
        (Filters(), ("period", "housing_form")),
        (Filters(period_from="2023-H2", period_to="2024-H2"), ("period", "municipality_code", "project")),
        (Filters(housing_forms=("woningdelen", "tijdelijk")), ("period", "household_type", "category")),
        (Filters(provinces=("Flevoland",)), ("period", "corporation", "severity")),
    ],
)
def test_pre_aggregated_half_years_equal_the_spells(demo_store, filters, by):
    with demo_store.reader() as demo:
        until = nuisance.observed_until(demo)
        assert nuisance.from_cells(demo, filters, by, until)
        params = {"by": list(by), "observed_until": until, **filters.params()}
        cells = queries.run(demo, "nuisance_rate", from_cells=True, **params)
        spells = queries.run(demo, "nuisance_rate", from_cells=False, **params)
    assert len(cells) > 5 and cells["households"].sum() > 100
    pd.testing.assert_frame_equal(cells, spells)
