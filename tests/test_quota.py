"""Quota realisation on tests/fixtures/pathways, worked out by hand.

quota.csv (Oud-Landgraaf GM9001 merged into Landgraaf GM0882):
  Landgraaf 2016-H1: 10 target, 8 realised + Oud-Landgraaf 4, 3 → rolled up: target 14, realised 11
            2016-H2: 10, official count missing → placements: W1 + W2 first housed then → 2 persons
            2017-H1: 6, 2
  Haarlem   2016-H1: 5, 9   2016-H2: 3, 2   2017-H1: 12, 2
Carried = all earlier targets − all earlier realised; adjusted = target + carried:
  Landgraaf 2016-H1 0 → 14, realisation 11/14; 2016-H2 14−11 = 3 → 13, 2/13; 2017-H1 24−13 = 11 → 17, 2/17
  Haarlem   2016-H1 0 → 5, 9/5; 2016-H2 5−9 = −4 → −1 (lead covers it: no realisation); 2017-H1 8−11 = −3 → 9, 2/9
Pace on 2017-03-15 (2 completed months of 2017-H1, one month's share = adjusted/6):
  Landgraaf expected 17·2/6 = 5.67, realised 2 ≤ 5.67 − 2.83 → ver achter
  Haarlem   expected 9·2/6 = 3, realised 2 > 3 − 1.5 → licht achter
  Both      adjusted 26, expected 8.67, realised 4 ≤ 8.67 − 4.33 → ver achter; 2 municipalities behind
Completed half-years count all 6 months: Landgraaf 2016-H1 11 ≤ 14 − 14/6 → ver achter; Haarlem 9 ≥ 5 → op schema.
"""

import datetime as dt
import json

import numpy as np
import pytest

from housing_monitor.cli.main import main
from housing_monitor.filters import Filters
from housing_monitor.measures import base, housing, quota
from tests.conftest import build_store

MID_MARCH = dt.date(2017, 3, 15)


@pytest.fixture(scope="module")
def quota_store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("quota") / "quota.duckdb", "pathways")


@pytest.fixture
def con(quota_store):
    with quota_store.reader() as connection:
        yield connection


def _by_place(con, **kwargs):
    frame = quota.quota_progress(con, Filters(), by=("municipality_code",), reference_date=MID_MARCH, **kwargs)
    return {(r["municipality_name"], r["period"]): r for r in frame.to_dict("records")}


@pytest.mark.parametrize(
    "place, period, target, carried, adjusted, realised, source, realisation, pace",
    [
        ("Landgraaf", "2016-H1", 14, 0, 14, 11, "official", 11 / 14, "ver_achter"),
        # The estimate from placements is 2 persons: under 5, so it counts as 0 here and in every later backlog
        # (official counts are public: a total or backlog holding it would give it away); its row shows '<5'.
        ("Landgraaf", "2016-H2", 10, 3, 13, 0, "placements", 0 / 13, "ver_achter"),
        ("Landgraaf", "2017-H1", 6, 13, 19, 2, "official", 2 / 19, "ver_achter"),
        ("Haarlem", "2016-H1", 5, 0, 5, 9, "official", 9 / 5, "op_schema"),
        ("Haarlem", "2016-H2", 3, -4, -1, 2, "official", None, "op_schema"),
        ("Haarlem", "2017-H1", 12, -3, 9, 2, "official", 2 / 9, "licht_achter"),
    ],
)
def test_backlog_and_lead_carry_forward(con, place, period, target, carried, adjusted, realised, source, realisation, pace):
    row = _by_place(con)[(place, period)]
    assert (row["target"], row["carried"], row["adjusted_target"], row["realised"]) == (target, carried, adjusted, realised)
    assert (row["source"], row["pace"]) == (source, pace)
    if realisation is None:
        assert np.isnan(row["realisation"])
    else:
        assert row["realisation"] == pytest.approx(realisation)


def test_merged_municipality_rolls_up_with_todays_population(con):
    rows = _by_place(con)
    assert not any(name == "Oud-Landgraaf" for name, _ in rows)
    landgraaf = rows[("Landgraaf", "2016-H1")]
    assert landgraaf["municipality_code"] == "GM0882"
    assert landgraaf["population"] == 37112  # today's Landgraaf already includes Oud-Landgraaf
    assert landgraaf["realised_per_1000"] == pytest.approx(11 * 1000 / 37112)


def test_placements_stand_in_when_the_official_count_is_missing(con, monkeypatch):
    # T1's move to a permanent home in 2016-H2 is a second placement and does not count again.
    monkeypatch.setenv("HOUSING_MONITOR_MIN_COUNT", "2")
    row = _by_place(con)[("Landgraaf", "2016-H2")]
    assert (row["placements_realised"], row["realised"], row["source"], row["small_estimates"]) == (2, 2, "placements", 0)
    # Under the usual threshold of 5 the estimate of 2 is small: it counts as 0 and its row reads '<5'.
    monkeypatch.delenv("HOUSING_MONITOR_MIN_COUNT")
    frame = quota.quota_progress(con, Filters(), by=("municipality_code",), reference_date=MID_MARCH)
    row = frame[(frame["municipality_code"] == "GM0882") & (frame["period"] == "2016-H2")]
    assert (row["realised"].item(), row["small_estimates"].item()) == (0, 1)
    shown = quota.suppressed(row)
    assert shown[["realised", "realisation", "target"]].values.tolist() == [["<5", "<5", 10]]


@pytest.mark.parametrize(
    "day, months, pace",
    [
        (dt.date(2017, 1, 20), 0, "op_schema"),  # no month completed yet: nothing expected
        (dt.date(2017, 2, 27), 1, "op_schema"),  # expected 1.5, realised 2
        (dt.date(2017, 2, 28), 2, "licht_achter"),  # February counts on its last day: expected 3
        (dt.date(2017, 6, 30), 6, "ver_achter"),  # half-year over: expected 9
    ],
)
def test_pace_follows_the_completed_months(con, day, months, pace):
    frame = quota.quota_progress(con, Filters(municipalities=("GM0392",)), by=("municipality_code",), reference_date=day)
    row = frame[frame["period"] == "2017-H1"].iloc[0]
    assert (row["elapsed_months"], row["pace"]) == (months, pace)


def test_no_pace_for_a_half_year_that_has_not_started(con):
    frame = quota.quota_progress(con, Filters(), reference_date=dt.date(2016, 12, 31))
    later = frame[frame["period"] == "2017-H1"].iloc[0]
    assert later["pace"] is None or (isinstance(later["pace"], float) and np.isnan(later["pace"]))


def test_country_nets_leads_against_backlogs(con):
    frame = quota.quota_progress(con, Filters(), reference_date=MID_MARCH).set_index("period")
    row = frame.loc["2017-H1"]
    assert (row["target"], row["carried"], row["adjusted_target"], row["realised"]) == (18, 10, 28, 4)
    assert row["realisation"] == pytest.approx(4 / 28)
    assert (row["pace"], row["municipalities"], row["municipalities_behind"]) == ("ver_achter", 2, 2)
    assert frame.loc["2016-H2", "source"] == "placements"  # one municipality's count was estimated


def test_period_filter_keeps_the_history_of_the_backlog(con):
    frame = quota.quota_progress(
        con, Filters(period_from="2017-H1", period_to="2017-H1", provinces=("Limburg",)), by=("municipality_code",)
    )
    assert frame[["municipality_code", "period", "carried", "adjusted_target"]].to_dict("records") == [
        {"municipality_code": "GM0882", "period": "2017-H1", "carried": 13, "adjusted_target": 19}
    ]


def test_cumulative_realisation_over_a_selection(con):
    progress = quota.quota_progress(con, Filters(period_from="2016-H2", period_to="2017-H1"), reference_date=MID_MARCH)
    # Carried into 2016-H2: Landgraaf 3 + Haarlem −4 = −1; targets 13 + 18 → owed 30; realised (0 + 2) + (2 + 2)
    # = 6: Landgraaf's estimate of 2 in 2016-H2 is under 5 and counts as 0.
    figures = quota.selection_realisation(progress)
    assert (figures["realised"], figures["owed"]) == (6, 30)
    assert figures["realisation"] == pytest.approx(6 / 30)
    assert (figures["from_placements"], figures["municipality_periods"]) == (1, 4)
    per_place = quota.cumulative(
        quota.quota_progress(con, Filters(), by=("municipality_code",), reference_date=MID_MARCH), ["municipality_code"]
    )
    landgraaf = per_place[per_place["municipality_code"] == "GM0882"]
    assert landgraaf["cumulative_owed"].tolist() == [14, 24, 30]
    assert landgraaf["cumulative_realisation"].tolist() == pytest.approx([11 / 14, 11 / 24, 13 / 30])


def test_ranking_puts_nothing_owed_first_then_best(con):
    frame = quota.quota_progress(con, Filters(), by=("municipality_code",), reference_date=MID_MARCH)
    half = frame[frame["period"] == "2016-H2"]
    assert quota.ranking(half)["municipality_name"].tolist() == ["Haarlem", "Landgraaf"]


def test_only_place_groupings_are_allowed(con):
    with pytest.raises(base.UnknownGroupError):
        quota.quota_realisation(con, Filters(), by=("housing_form",))


def test_cli_json_has_the_contract_figures_and_suppresses_small_counts(quota_store, capsys):
    code = main(["measure", "quota_realisation", "--db", str(quota_store.path), "--by", "municipality_code", "--json"])
    rows = json.loads(capsys.readouterr().out)
    assert code == 0
    assert list(rows[0]) == [
        "municipality_code", "municipality_name", "period", "target", "realised", "estimated_realised", "realisation",
        "source",
    ]
    by_key = {(r["municipality_code"], r["period"]): r for r in rows}
    assert by_key[("GM0882", "2016-H1")] == {
        "municipality_code": "GM0882", "municipality_name": "Landgraaf", "period": "2016-H1",
        "target": 14, "realised": 11, "estimated_realised": 0, "realisation": pytest.approx(11 / 14),
        "source": "official",
    }
    # Two persons housed, estimated from placements: small, so suppressed; the source still says so.
    assert by_key[("GM0882", "2016-H2")] == {
        "municipality_code": "GM0882", "municipality_name": "Landgraaf", "period": "2016-H2",
        "target": 10, "realised": "<5", "estimated_realised": "<5", "realisation": "<5", "source": "placements",
    }
    # The hidden estimate counts as 0 in the backlog (else "adjusted target − next backlog" would give it):
    # 2017-H1 owes 6 + (14 − 11) + (10 − 0) = 19, of which 2 (official, public) were housed.
    after = by_key[("GM0882", "2017-H1")]
    assert (after["realised"], after["realisation"], after["source"]) == (2, pytest.approx(2 / 19), "official")
    # Official counts of 1–4 persons are published by the state: shown.
    assert by_key[("GM0392", "2016-H2")]["realised"] == 2


def test_month_by_month_against_the_pace(con):
    monthly = housing.housed_per_month(con, Filters(period_from="2016-H2", period_to="2016-H2", municipalities=("GM0882",)))
    months = quota.month_by_month(monthly, "2016-H2", 13)
    # W1 and W2 moved in on 2016-08-01; the pace is 13/6 a month.
    assert months["persons"].tolist() == [0, 2, 0, 0, 0, 0]
    assert months["cumulative_persons"].tolist() == [0, 2, 2, 2, 2, 2]
    assert months["expected"].tolist() == pytest.approx([13 / 6 * m for m in range(1, 7)])
