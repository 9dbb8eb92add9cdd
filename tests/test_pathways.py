"""Time to a permanent home (Kaplan–Meier) on tests/fixtures/pathways, worked out by hand.

Every permit in the fixture is 2016-01-01 (day 0), except L1 (permit 2016-12-01, first home 2017-01-15).
Days are counted from the permit; the data's own reference date is 2017-02-04 (day 400).

  tijdelijk (Landgraaf, project Basisschool Landgraaf; first home day 31)
    T1, T2  permanent home day 200 (a tie)            T3  left the data day 250 → censored 250
    T4      tijdelijk → flexwoning (not permanent) day 150 → permanent day 300: only the first permanent counts
    T5      still in the school → censored at the reference date
    T6      permanent day 400: after 2016-12-31, so censored at 365 when that is the reference date
  flexwoning (Oud-Landgraaf, merged into Landgraaf; first home day 60)
    F1 permanent day 100; F2 left day 100 (event and censoring tied); F3–F5 still there
  woningdelen (Landgraaf; first home day 213): W1 permanent day 300; W2 still there
  zelfstandig (Haarlem, permanent from the start): Z1, Z2 day 30; Z3 60; Z4 90; Z5 120; L1 45 days after its permit

Reference date 2016-12-31 (day 365), L1 not yet housed:
  tijdelijk   t=200 n=6 d=2 S=4/6; t=250 censored; t=300 n=3 d=1 S=4/9 → median 300; S(365)=4/9 → 12 m share 5/9.
              Greenwood: 2/(6·4) = 1/12, + 1/(3·2) → 1/4. Band at 200: lower 0.1946 (≤ 0.5 → CI low 200),
              upper 0.9044; at 300: upper 0.7849 — the upper band never reaches 0.5 → CI high "niet bereikt".
  flexwoning  t=100 n=5 d=1 S=0.8, then only censoring → median not reached; lower band at 100 is
              0.2038 → CI low 100; 12 m share 0.2.
  woningdelen W1 at 300 of n=2 → S=0.5 exactly → median 300; two households → suppressed as '<5'.
  zelfstandig t=30 n=5 d=2 S=0.6; t=60 n=3 d=1 S=0.4 → median 60; t=90 S=0.2; t=120 S=0. Lower band at 30:
              0.1257 → CI low 30; upper band 0.8818, 0.7528, 0.5819, then 0 at 120 → CI high 120; share 1.
Data reference date 2017-02-04 (day 400): T6 becomes an event at 400 (S=2/9), T5 censored at 400;
  L1 joins zelfstandig: t=30 n=6 d=2 S=4/6; t=45 n=4 d=1 S=3/6 = 0.5 exactly → median 45.
"""

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

from housing_monitor.cli.main import main
from housing_monitor.filters import Filters
from housing_monitor.measures import base, housing, pathways, survival
from housing_monitor.present import pathway_texts
from tests.conftest import build_store

END_2016 = dt.date(2016, 12, 31)
NAN = float("nan")


@pytest.fixture(scope="module")
def pathway_store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("pathways") / "pathways.duckdb", "pathways")


@pytest.fixture
def con(pathway_store):
    with pathway_store.reader() as connection:
        yield connection


def _rows(frame: pd.DataFrame, key: str) -> dict:
    return {row[key]: row for row in frame.to_dict("records")}


def _check(row: dict, expected: tuple):
    households, events, median, low, high, share = expected
    assert (row["households"], row["events"]) == (households, events)
    for column, value in zip(("median_days", "ci_low_days", "ci_high_days"), (median, low, high)):
        assert (np.isnan(row[column]) and np.isnan(value)) or row[column] == value, column
    assert row["permanent_within_12m_share"] == pytest.approx(share, abs=1e-12)


@pytest.mark.parametrize(
    "form, expected",
    [
        ("tijdelijk", (6, 3, 300.0, 200.0, NAN, 5 / 9)),
        ("flexwoning", (5, 1, NAN, 100.0, NAN, 0.2)),
        ("woningdelen", (2, 1, 300.0, 300.0, NAN, 0.5)),
        ("zelfstandig", (5, 5, 60.0, 30.0, 120.0, 1.0)),
    ],
)
def test_time_to_permanent_at_a_chosen_reference_date(con, form, expected):
    result = _rows(housing.time_to_permanent(con, Filters(), by=("housing_form",), reference_date=END_2016), "housing_form")
    _check(result[form], expected)


@pytest.mark.parametrize(
    "form, expected",
    [
        ("tijdelijk", (6, 4, 300.0, 200.0, NAN, 5 / 9)),
        ("zelfstandig", (6, 6, 45.0, 30.0, 120.0, 1.0)),  # S = 3/6 exactly at day 45 counts as the median
    ],
)
def test_time_to_permanent_at_the_data_reference_date(con, form, expected):
    assert base.reference_date(con) == dt.date(2017, 2, 4)
    _check(_rows(housing.time_to_permanent(con, Filters(), by=("housing_form",)), "housing_form")[form], expected)


def test_durations_and_censoring_per_household(con):
    frame = housing.permanent_housing_durations(con, Filters(), reference_date=END_2016).set_index("household_id")
    assert "L1" not in frame.index  # housed after the reference date
    assert (frame.at["T4", "duration_days"], frame.at["T4", "event"]) == (300, True)  # second stop-gap skipped
    assert (frame.at["T3", "duration_days"], frame.at["T3", "event"]) == (250, False)  # left the data
    assert (frame.at["T6", "duration_days"], frame.at["T6", "event"]) == (365, False)  # home after the date
    assert (frame.at["F2", "duration_days"], frame.at["F2", "event"]) == (100, False)


def test_curve_points_and_number_at_risk(con):
    points = pathways.permanent_housing_curves(con, Filters(), by=("housing_form",), reference_date=END_2016)
    school = points[points["housing_form"] == "tijdelijk"]
    assert school["time"].tolist() == [0.0, 200.0, 250.0, 300.0, 365.0]
    assert school["survival"].tolist() == pytest.approx([1, 4 / 6, 4 / 6, 4 / 9, 4 / 9], abs=1e-12)
    assert school["at_risk"].tolist() == [6, 6, 4, 3, 2]
    table = pathways.at_risk_table(points, ["housing_form"], months=(0, 6, 9, 12)).set_index("housing_form")
    # Day 182.6 (6 months): all six still waiting; 9 months (274 d): T4, T5, T6; 12 months (365.25 d): none.
    assert table.loc["tijdelijk"].tolist() == [6, 6, 3, 0]


def test_merged_municipality_rolls_up(con):
    result = housing.time_to_permanent(con, Filters(), by=("municipality_code",), reference_date=END_2016)
    assert result["municipality_code"].tolist() == ["GM0392", "GM0882"]
    landgraaf = result.iloc[1]
    # T1–T6 and W1–W2 in Landgraaf plus F1–F5 of Oud-Landgraaf.
    assert (landgraaf["municipality_name"], landgraaf["households"]) == ("Landgraaf", 13)


def test_filters_apply(con):
    school = housing.time_to_permanent(con, Filters(projects=("Basisschool Landgraaf",)), reference_date=END_2016)
    _check(school.iloc[0].to_dict(), (6, 3, 300.0, 200.0, NAN, 5 / 9))
    first_half = housing.time_to_permanent(con, Filters(period_from="2016-H2", period_to="2016-H2"))
    assert first_half["households"].tolist() == [2]  # only W1 and W2 had their first home in 2016-H2


def test_empty_selection_gives_no_rows(con):
    assert housing.time_to_permanent(con, Filters(municipalities=("GM9999",))).empty


def test_twelve_month_share_needs_a_year_of_follow_up():
    # Three households followed for at most 200 days, none housed: S(365) is unknown, not 1.
    curve = survival.kaplan_meier([100, 150, 200], [False, False, False])
    assert np.isnan(curve.survival_at(365))
    assert survival.kaplan_meier([100, 150], [True, True]).survival_at(365) == 0.0


def test_cli_json_suppresses_small_groups_and_nulls_unreached_medians(pathway_store, capsys):
    code = main(
        ["measure", "time_to_permanent", "--db", str(pathway_store.path), "--by", "housing_form",
         "--reference-date", "2016-12-31", "--json"]
    )
    rows = {r["housing_form"]: r for r in json.loads(capsys.readouterr().out)}
    assert code == 0
    assert list(rows["zelfstandig"]) == [
        "housing_form", "households", "events", "median_days", "ci_low_days", "ci_high_days", "permanent_within_12m_share"
    ]
    assert rows["woningdelen"] == {
        "housing_form": "woningdelen", "households": "<5", "events": "<5", "median_days": "<5",
        "ci_low_days": "<5", "ci_high_days": "<5", "permanent_within_12m_share": "<5",
    }
    # Woningdelen is the only small part of the total: flexwoning, the next smallest, is hidden with it.
    assert rows["flexwoning"]["households"] == "<5" and rows["zelfstandig"]["median_days"] == 60.0
    main(
        ["measure", "time_to_permanent", "--db", str(pathway_store.path), "--housing-form", "flexwoning",
         "--reference-date", "2016-12-31", "--json"]
    )
    (flex,) = json.loads(capsys.readouterr().out)
    assert flex["median_days"] is None and flex["ci_low_days"] == 100.0  # the median is not reached


@pytest.mark.parametrize(
    "values, expected",
    [
        ({"median_days": 228.0, "ci_low_days": 200.0, "ci_high_days": 260.0},
         "De helft van de huishoudens die begonnen in tijdelijke huisvesting had na 7,5 maand een vaste woning "
         "(gerekend vanaf de vergunning; 35 huishoudens). Met 95% zekerheid ligt dat tussen 6,6 en 8,5 maand."),
        ({"median_days": 228.0, "ci_low_days": 200.0, "ci_high_days": NAN},
         "De helft van de huishoudens die begonnen in tijdelijke huisvesting had na 7,5 maand een vaste woning "
         "(gerekend vanaf de vergunning; 35 huishoudens). Met 95% zekerheid was dat na minstens 6,6 maand; "
         "een bovengrens geven de gegevens nog niet."),
        ({"median_days": NAN, "ci_low_days": NAN, "ci_high_days": NAN},
         "Van de huishoudens die begonnen in tijdelijke huisvesting had op de peildatum nog niet de helft een "
         "vaste woning (35 huishoudens; de mediaan is niet bereikt)."),
    ],
)
def test_plain_dutch_reading(values, expected):
    row = {"households": 35, **values}
    assert pathway_texts.reading(row, pathway_texts.group_phrase("housing_form", "tijdelijk")) == expected


def test_reading_of_a_small_group_says_nothing():
    row = {"households": 3, "median_days": 100.0, "ci_low_days": 90.0, "ci_high_days": 110.0}
    assert "minder dan 5" in pathway_texts.reading(row, "de gezinnen")


def test_summary_table_shows_not_reached_and_suppression(con):
    summary = housing.time_to_permanent(con, Filters(), by=("housing_form",), reference_date=END_2016)
    table = pathway_texts.time_to_permanent_table(summary).set_index("Woonvorm")
    assert table.at["Flexwoning", "Tijd tot vaste woning, mediaan (maanden)"] == "niet bereikt"
    assert table.at["Woningdelen", "Huishoudens"] == "<5"
    assert table.at["Tijdelijke huisvesting", "Tijd tot vaste woning, mediaan (maanden)"] == "9,9"  # 300 d
