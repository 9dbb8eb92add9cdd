"""The waiting list and the time to a home after linking, worked out by hand on tests/fixtures/links.

The fixture, at reference date R = 2024-06-30 (norm 84 days). Housing date = first move-in in the link's own
municipality. Days counted from the linked date.

Landgraaf (GM0882)
  L01 gezin 4          linked 01-01  housed 10-02                 → event at 40
  L02 gezin 5          linked 01-01  not housed                   → waiting 181 days at R (over the norm)
  L03 alleenstaande 1  linked 01-03  housed 20-02 (before linking) → event at 0, never on the list
  L04 alleenstaande 1  linked 01-04  ended 01-05 (ontkoppeld)     → censored at 30, off the list from 01-05
  L05 gezin 3          linked 30-06 = R, not housed               → on the list with 0 days; censored at 0
  L06 alleenstaande 1  linked 01-05  ended 01-06 (elders), housed 01-06 (on the end date) → event at 31
  L07 gezin 2          linked 01-02  housed 01-08 (after R)       → waiting 150 days at R; censored at 150
Haarlem (GM0392)
  L08 alleenstaande 1  linked 01-03  housed 31-03                 → event at 30
  L09 gezin 6          linked 15-04  not housed                   → waiting 76 days at R (within the norm)
  L10 alleenstaande 1  linked 10-01  ended 15-02 (elders); its home is in Landgraaf, which does not end this
                       link, its end date does                    → censored at 36

Waiting list at R: L02 (181 d, 5 p), L05 (0 d, 3 p), L07 (150 d, 2 p), L09 (76 d, 6 p): 4 households,
16 persons, median of [0, 76, 150, 181] = (76 + 150) / 2 = 113, over the norm (> 84): L02, L07 = 2.
  Landgraaf: L02, L05, L07: 3 households, 10 persons, median 150, 2 over. Haarlem: L09: 1, 6, 76, 0.
Month by month (linked ≤ m, housed after m or never, ended after m or never):
  31-01: L01 (30 d), L02 (30), L10 (21)           → 3 households, 10 persons, median 30, 0 over
  29-02: L02 (59), L07 (28)                       → 2, 7, 43.5, 0
  31-03: L02 (90), L07 (59); L03, L08 housed      → 2, 7, 74.5, 1
  30-04: L02 (120), L07 (89), L04 (29), L09 (15)  → 4, 14, (29 + 89) / 2 = 59, 2
  31-05: L02 (151), L07 (120), L09 (46), L06 (30) → 4, 14, (46 + 120) / 2 = 83, 2
  30-06 = R                                       → 4, 16, 113, 2
Kaplan–Meier, all ten links: times 0 (1 event, 1 censored), 30 (1 e, 1 c), 31 (1 e), 36 (1 c), 40 (1 e), 76,
150, 181 (censored). S(0) = 9/10 = 0.9; S(30) = 0.9 · 7/8 = 0.7875; S(31) = 0.7875 · 5/6 = 0.65625;
S(40) = 0.65625 · 3/4 = 0.4921875 ≤ 0.5, so the median is 40 days; 4 events; housed within the norm
= 1 − S(84) = 1 − 0.4921875 = 0.5078125.
  Landgraaf (7): S(0) = 6/7; 30 censored; S(31) = 6/7 · 3/4 = 9/14; S(40) = 9/14 · 2/3 = 3/7 → median 40,
  3 events, within the norm 1 − 3/7 = 4/7.
  Haarlem (3): S(30) = 2/3, then only censoring → median not reached; nobody followed to day 84 while the
  curve is above 0 → the share within the norm is unknown (NaN).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from housing_monitor import privacy
from housing_monitor.cli.main import main
from housing_monitor.filters import Filters
from housing_monitor.measures import links
from housing_monitor.measures.base import UnknownGroupError
from tests.conftest import build_store

R = dt.date(2024, 6, 30)
ORACLE = json.loads((Path(__file__).parent / "fixtures" / "lifelines_expectations.json").read_text())["datasets"]


@pytest.fixture
def links_store(tmp_path):
    return build_store(tmp_path / "links.duckdb", "links")


def _records(frame):
    return [tuple(None if isinstance(v, float) and np.isnan(v) else v for v in row) for row in frame.itertuples(index=False)]


def test_waiting_list_at_the_reference_date(links_store):
    with links_store.reader() as con:
        total = links.waiting_list(con, Filters(), reference_date=R)
        by_place = links.waiting_list(con, Filters(), by=("municipality_code",), reference_date=R)
    assert _records(total) == [(4, 16, 113.0, 2)]
    assert _records(by_place) == [("GM0392", "Haarlem", 1, 6, 76.0, 0), ("GM0882", "Landgraaf", 3, 10, 150.0, 2)]


def test_waiting_list_month_by_month(links_store):
    with links_store.reader() as con:
        frame = links.waiting_list(con, Filters(), by=("month",), reference_date=R)
    d = dt.date
    assert _records(frame) == [
        (d(2024, 1, 31), 3, 10, 30.0, 0),
        (d(2024, 2, 29), 2, 7, 43.5, 0),
        (d(2024, 3, 31), 2, 7, 74.5, 1),
        (d(2024, 4, 30), 4, 14, 59.0, 2),
        (d(2024, 5, 31), 4, 14, 83.0, 2),
        (d(2024, 6, 30), 4, 16, 113.0, 2),
    ]


def test_waiting_list_groups_and_filters(links_store):
    with links_store.reader() as con:
        by_type = links.waiting_list(con, Filters(), by=("household_type",), reference_date=R)
        haarlem = links.waiting_list(con, Filters(municipalities=("GM0392",)), reference_date=R)
        # --from/--to select links by linked date: 2024-H1 holds every link.
        first_half = links.waiting_list(con, Filters(period_from="2024-H1", period_to="2024-H1"), reference_date=R)
        none_in = links.waiting_list(con, Filters(period_from="2023-H1", period_to="2023-H2"), reference_date=R)
    # Every household type with links shows, also one with nobody waiting (alleenstaanden: 0, not missing).
    assert _records(by_type) == [("alleenstaande", 0, 0, None, 0), ("gezin", 4, 16, 113.0, 2)]
    assert _records(haarlem) == [(1, 6, 76.0, 0)]
    assert _records(first_half) == [(4, 16, 113.0, 2)]
    assert _records(none_in) == [(0, 0, None, 0)]


def test_the_norm_is_a_setting(links_store, monkeypatch):
    monkeypatch.setenv("HOUSING_MONITOR_WAITING_NORM_DAYS", "160")
    with links_store.reader() as con:
        assert _records(links.waiting_list(con, Filters(), reference_date=R)) == [(4, 16, 113.0, 1)]  # only L02


def test_time_to_home_by_hand(links_store):
    with links_store.reader() as con:
        total = links.time_to_home(con, Filters(), reference_date=R).iloc[0]
        by_place = links.time_to_home(con, Filters(), by=("municipality_code",), reference_date=R)
    assert (total["households"], total["events"], total["median_days"]) == (10, 4, 40.0)
    assert total["housed_within_norm_share"] == pytest.approx(0.5078125, abs=1e-12)
    haarlem, landgraaf = by_place.iloc[0], by_place.iloc[1]
    assert (landgraaf["households"], landgraaf["events"], landgraaf["median_days"]) == (7, 3, 40.0)
    assert landgraaf["housed_within_norm_share"] == pytest.approx(4 / 7, abs=1e-12)
    assert (haarlem["households"], haarlem["events"]) == (3, 1)
    assert np.isnan(haarlem["median_days"]) and np.isnan(haarlem["housed_within_norm_share"])


@pytest.mark.parametrize(
    ("oracle", "by", "row"), [("links_all", (), 0), ("links_gm0882", ("municipality_code",), 1), ("links_gm0392", ("municipality_code",), 0)]
)
def test_time_to_home_matches_lifelines(links_store, oracle, by, row):
    expected = ORACLE[oracle]
    with links_store.reader() as con:
        ours = links.time_to_home(con, Filters(), by=by, reference_date=R).iloc[row]
        curve = links.time_to_home_curves(con, Filters(), by=by, reference_date=R)
    if by:
        curve = curve[curve["municipality_code"] == ours["municipality_code"]]
    np.testing.assert_allclose(curve["survival"], expected["survival"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(curve["ci_lower"], expected["ci_lower"], rtol=0, atol=1e-12)

    def same(value, theirs):
        return np.isnan(value) if theirs is None else value == pytest.approx(theirs, abs=1e-12)

    assert same(ours["median_days"], expected["median"])
    assert same(ours["ci_low_days"], expected["median_ci_lower"])
    assert same(ours["ci_high_days"], expected["median_ci_upper"])
    if not np.isnan(ours["housed_within_norm_share"]):
        assert ours["housed_within_norm_share"] == pytest.approx(1 - expected["survival_at_84"], abs=1e-12)


def test_linked_after_the_reference_date_is_left_out(links_store):
    with links_store.reader() as con:
        early = links.time_to_home(con, Filters(), reference_date=dt.date(2024, 1, 31)).iloc[0]
        queue = links.waiting_list(con, Filters(), reference_date=dt.date(2024, 1, 31))
    # Only L01, L02 (linked 01-01) and L10 (10-01) were linked by 31 January; none housed yet.
    assert (early["households"], early["events"]) == (3, 0)
    assert _records(queue) == [(3, 10, 30.0, 0)]


def test_no_links_imported(tmp_path):
    store = build_store(tmp_path / "tiny.duckdb", "tiny")
    with store.reader() as con:
        assert not links.links_present(con)
        assert links.waiting_list(con, Filters()).empty
        assert links.time_to_home(con, Filters()).empty


def test_filters_links_do_not_have_are_refused_not_ignored(links_store):
    with links_store.reader() as con:
        with pytest.raises(UnknownGroupError, match="koppelingen hebben geen corporatie"):
            links.waiting_list(con, Filters(corporations=("Ymere",)), reference_date=R)
        with pytest.raises(UnknownGroupError, match="onbekende groepering"):
            links.time_to_home(con, Filters(), by=("housing_form",), reference_date=R)
    assert links.unused_filters(Filters(projects=("X",), housing_forms=("zelfstandig",))) == ["project", "woonvorm"]


def test_small_numbers_each_on_their_own(links_store):
    """Per municipality at R: Haarlem 1 household (hidden); Landgraaf 3 (hidden), so both rows hide; the
    total row stands alone: 4 households is small too. With threshold 2: Haarlem (1) hidden, so Landgraaf
    is hidden as its complement; in the total, 4 households with 2 over the norm leaves 2 under: shown."""
    with links_store.reader() as con:
        by_place = links.waiting_list(con, Filters(), by=("municipality_code",), reference_date=R)
    shown = links.WAITING_LIST.suppressed(by_place, ("municipality_code",))
    assert shown["households"].tolist() == [privacy.marker(), privacy.marker()]
    assert shown["over_norm_households"].tolist() == [privacy.marker(), privacy.marker()]


def test_over_norm_hidden_when_it_or_the_rest_is_small(monkeypatch):
    import pandas as pd

    frame = pd.DataFrame(
        {
            "municipality_code": ["A", "B", "C", "D"],
            "municipality_name": ["A", "B", "C", "D"],
            "households": [20, 12, 9, 0],
            "persons": [40, 30, 20, 0],
            "median_days_waiting": [90.0, 80.0, 70.0, np.nan],
            # A: 3 over (small); B: 10 over leaves 2 under (small by difference); C: 0 over stays 0.
            "over_norm_households": [3, 10, 0, 0],
        }
    )
    shown = links.WAITING_LIST.suppressed(frame, ("municipality_code",))
    assert shown["households"].tolist() == [20, 12, 9, 0]
    assert shown["over_norm_households"].tolist() == [privacy.marker(), privacy.marker(), 0, 0]


def test_cli_measures(links_store, capsys):
    db = str(links_store.path)
    assert main(["measure", "waiting_list", "--db", db, "--reference-date", "2024-06-30", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"households": "<5", "persons": "<5", "median_days_waiting": "<5", "over_norm_households": "<5"}
    ]
    assert main(["measure", "time_to_home", "--db", db, "--reference-date", "2024-06-30", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)[0]
    assert answer["households"] == 10
    # 4 housed: a small count on its own, and the Kaplan–Meier figures that could give it away go with it.
    assert answer["events"] == answer["median_days"] == answer["housed_within_norm_share"] == "<5"
    assert main(["measure", "waiting_list", "--db", db, "--by", "month", "--reference-date", "2024-06-30", "--json"]) == 0
    months = json.loads(capsys.readouterr().out)
    assert [m["month"] for m in months][-2:] == ["2024-05-31", "2024-06-30"]
    assert main(["measure", "waiting_list", "--db", db, "--corporation", "Ymere", "--json"]) == 2
    assert "gelden niet" in capsys.readouterr().err


def test_cli_measures_unsuppressed_with_threshold_one(links_store, capsys, monkeypatch):
    monkeypatch.setenv("HOUSING_MONITOR_MIN_COUNT", "1")
    db = str(links_store.path)
    assert main(["measure", "waiting_list", "--db", db, "--by", "municipality_code", "--reference-date", "2024-06-30",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"municipality_code": "GM0392", "municipality_name": "Haarlem", "households": 1, "persons": 6,
         "median_days_waiting": 76.0, "over_norm_households": 0},
        {"municipality_code": "GM0882", "municipality_name": "Landgraaf", "households": 3, "persons": 10,
         "median_days_waiting": 150.0, "over_norm_households": 2},
    ]


def test_goal_measures_by_hand(links_store):
    """At the data's reference date 01-08-2024, all three goals (periods ending 30-06-2024) are over.
    D1 Landgraaf, at most 1 over the norm on 30-06: L02 and L07 → 2 households, a small count: too little data.
    D2 Haarlem, nobody over the norm on 30-06: L09 waits 76 days → 0, shown as 0: met.
    D3 Landgraaf (its corporation does not apply to links), at least half housed within 84 days, links of
    2024-H1 followed to 01-08: 0 (L03 event) n=7 → 6/7; 30 L04 censored; 31 (L06) n=5 → 6/7 · 4/5 = 24/35;
    32 L05 censored (linked 30-06); 40 (L01) n=3 → 24/35 · 2/3 = 16/35; 182 (L07) event after 84.
    Within the norm: 1 − 16/35 = 19/35 ≈ 54,3% ≥ 50%: met."""
    from housing_monitor.measures import goals

    with links_store.reader() as con:
        frame = goals.goal_attainment(con).set_index("goal_id")
    assert frame.loc["D1", "status"] == "too_little_data" and pd.isna(frame.loc["D1", "value"])
    assert (frame.loc["D2", "status"], frame.loc["D2", "value"]) == ("met", 0.0)
    assert frame.loc["D3", "status"] == "met"
    assert frame.loc["D3", "value"] == pytest.approx(19 / 35, abs=1e-12)
    assert "Koppelingen hebben geen corporatie" in frame.loc["D3", "note"]


def test_links_import_is_undone_exactly(tmp_path):
    from housing_monitor.ingest import importer
    from tests.importing import file_bytes

    store = build_store(tmp_path / "tiny.duckdb", "tiny")
    result = importer.import_file(
        store, "links", "koppelingen.csv", file_bytes("links_excel_cp1252.csv"), user="pytest", today=dt.date(2026, 11, 25)
    )
    assert (result.status, result.rows_added) == ("imported", 6)
    with store.reader() as con:
        # HH09 waits in Almere since 15-03-2024; the reference date is the latest date in the data (01-06-2024).
        assert con.execute("SELECT count(*) FROM link_status WHERE housed_on IS NULL AND ended_date IS NULL").fetchall() == [(1,)]
    undone = importer.undo(store, result.import_id, user="pytest")
    assert (undone.rows_removed, undone.rows_restored) == (6, 0)
    with store.reader() as con:
        assert con.execute("SELECT count(*) FROM links").fetchall() == [(0,)]
        assert not links.links_present(con)
