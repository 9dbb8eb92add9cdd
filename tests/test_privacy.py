"""Small-number suppression, including parts that a published total would give away."""

import pandas as pd

from housing_monitor import privacy


def test_one_small_part_takes_the_smallest_other_part_with_it():
    # Total 3 + 6 + 40 = 49 is shown elsewhere: hiding only the 3 would leave 49 − 6 − 40 = 3.
    frame = pd.DataFrame({"housing_form": ["tijdelijk", "woningdelen", "zelfstandig"], "households": [3, 6, 40]})
    shown = privacy.suppress(frame, "households", [], siblings=[])
    assert list(shown["households"]) == ["<5", "<5", 40]


def test_two_small_parts_need_no_extra_suppression():
    frame = pd.DataFrame({"housing_form": ["a", "b", "c"], "households": [3, 2, 40]})
    assert list(privacy.suppress(frame, "households", [], siblings=[])["households"]) == ["<5", "<5", 40]


def test_siblings_are_judged_per_set():
    frame = pd.DataFrame(
        {
            "period": ["2016-H1", "2016-H1", "2016-H1", "2016-H2", "2016-H2"],
            "housing_form": ["a", "b", "c", "a", "b"],
            "households": [4, 9, 30, 12, 20],
            "persons": [10, 20, 70, 30, 44],
        }
    )
    shown = privacy.suppress(frame, "households", ["persons"], siblings=["period"])
    assert shown.to_dict("list") == {
        "period": ["2016-H1", "2016-H1", "2016-H1", "2016-H2", "2016-H2"],
        "housing_form": ["a", "b", "c", "a", "b"],
        "households": ["<5", "<5", 30, 12, 20],
        "persons": ["<5", "<5", 70, 30, 44],
    }


def test_without_siblings_only_small_rows_are_hidden():
    frame = pd.DataFrame({"households": [3, 6, 40]})
    assert list(privacy.suppress(frame, "households", [])["households"]) == ["<5", 6, 40]


def test_threshold_is_a_setting(monkeypatch):
    monkeypatch.setenv("HOUSING_MONITOR_MIN_COUNT", "10")
    assert privacy.threshold() == 10
    assert privacy.is_small(9) and not privacy.is_small(10)


def test_a_previous_period_on_a_small_base_gives_no_change():
    from housing_monitor.filters import Filters
    from housing_monitor.present import key_figures as kpis

    frames = {"2016-H2": pd.DataFrame({"households": [40], "persons": [90]}),
              "2016-H1": pd.DataFrame({"households": [3], "persons": [7]})}
    current = Filters(period_from="2016-H2", period_to="2016-H2")
    now, before = kpis._now_and_before(lambda con, f: frames[f.period_from], None, current, current.previous())
    figure = kpis._single_kpi(now, before, "persons", "persons_housed", "Gehuisveste personen", "count", "gehuisvest")
    # 90 − 83 would reveal the 7 persons of three households.
    assert (figure.display_value(), figure.previous, figure.display_delta()) == ("90", None, None)
