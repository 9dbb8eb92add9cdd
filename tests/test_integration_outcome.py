"""integration_outcome against tests/fixtures/integration, worked out by hand.

Every household moved into its first home on 2016-01-01: the 6-month target is 2016-07-01 (window 2016-04-01
to 2016-10-01, both ends included) and the 12-month target 2017-01-01 (window 2016-10-01 to 2017-04-01).
  HF1 (gezin) first tijdelijk (school), from 2016-07-01 zelfstandig: persons Q1, Q2.
  HA1..HA5 (alleenstaande) woningdelen: persons Q3..Q7.
At 6 months:
  Q1: 06-01 (30 days early, employed no) vs 07-21 (20 days late, employed yes) → the closer 07-21: A2, employed.
  Q2: 06-21 and 07-11 are both 10 days away → the earlier 06-21: A2, not employed.
  Q3: only 2016-10-02, one day outside the window → no measurement at 6 months (but it counts at 12).
  Q4: 2016-04-01, exactly on the window's edge → counts: A2, not employed, network 5.
  Q5: B1, employment not recorded, network 2.   Q6: A1, not employed, network 4.   Q7: B2, employed.
  QX belongs to a household without placements: ignored.
"""

import pandas as pd
import pytest

from housing_monitor import privacy
from housing_monitor.filters import Filters
from housing_monitor.measures import integration
from tests.conftest import build_store


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("integration") / "i.duckdb", "integration")
    with store.reader() as connection:
        yield connection


def cells(frame) -> dict:
    return {(r.housing_form, r.outcome, r.k_months): (r.persons, r.with_outcome) for r in frame.itertuples()}


def test_closest_measurement_within_three_months(con):
    result = cells(integration.integration_outcome(con, Filters(), by=("housing_form",), k_months=(6, 12)))
    # Tijdelijk at 6 months: Q1's later, closer measurement (employed) and Q2's earlier of two equal ones (A2).
    assert result[("tijdelijk", "employed", 6)] == (2, 1)
    assert result[("tijdelijk", "language_b1", 6)] == (2, 0)
    # Woningdelen at 6 months: Q4 (on the edge), Q5, Q6, Q7; Q3's measurement falls outside the window.
    assert result[("woningdelen", "language_b1", 6)] == (4, 2)  # Q5 B1, Q7 B2
    # Employment is not recorded for Q5: the base is Q4, Q6, Q7, of whom Q7 works.
    assert result[("woningdelen", "employed", 6)] == (3, 1)
    assert result[("woningdelen", "network_good", 6)] == (3, 2)  # Q4 score 5, Q6 score 4; Q7 not recorded
    # Q3's 2016-10-02 measurement is inside the 12-month window.
    assert result[("woningdelen", "language_b1", 12)] == (1, 1)


def test_housing_form_is_that_of_the_first_placement(con):
    result = cells(integration.integration_outcome(con, Filters(), by=("housing_form",), k_months=(12,)))
    # HF1 lives in a zelfstandig home by then, but its persons stay under tijdelijk (its first placement).
    assert result[("tijdelijk", "language_b1", 12)] == (2, 2)
    assert result[("tijdelijk", "inburgering_done", 12)] == (1, 1)
    assert not any(form == "zelfstandig" for form, _, _ in result)


def test_overall_share_and_column_order(con):
    result = integration.integration_outcome(con, Filters(), k_months=(6,), outcome="language_b1")
    assert list(result.columns) == ["outcome", "k_months", "persons", "with_outcome", "share", "standardised_share"]
    row = result.iloc[0]
    # Q1, Q2, Q4, Q5, Q6, Q7 recorded; Q5 and Q7 at B1 or higher.
    assert (row.persons, row.with_outcome, row.share) == (6, 2, pytest.approx(1 / 3))
    assert row.standardised_share == pytest.approx(1 / 3)  # the selection's own mix: nothing to adjust


def test_suppression_per_figure(con):
    result = integration.integration_outcome(con, Filters(), by=("housing_form",), k_months=(6,), outcome="language_b1")
    shown = privacy.suppress(result, "persons", list(integration.INTEGRATION_FIGURES))
    assert shown[["housing_form", "persons", "share"]].to_dict("records") == [
        {"housing_form": "tijdelijk", "persons": "<5", "share": "<5"},
        {"housing_form": "woningdelen", "persons": "<5", "share": "<5"},
    ]


def test_direct_standardisation_by_household_type():
    # Overall mix: 50 alleenstaanden, 40 gezinnen → weights 5/9 and 4/9.
    # A: 5/10 and 1/10 → 5/9·0,5 + 4/9·0,1 = 0,32222 (crude 6/20 = 0,30).
    # B: no gezinnen → cannot be compared like with like.
    # C: 2/10 and 9/30 → 5/9·0,2 + 4/9·0,3 = 0,24444 (crude 11/40 = 0,275).
    strata = pd.DataFrame(
        [
            ("A", "alleenstaande", 10, 5),
            ("A", "gezin", 10, 1),
            ("B", "alleenstaande", 30, 12),
            ("C", "alleenstaande", 10, 2),
            ("C", "gezin", 30, 9),
        ],
        columns=["housing_form", "stratum", "persons", "with_outcome"],
    ).assign(outcome="employed", k_months=24)
    keys = ["housing_form", "outcome", "k_months"]
    result = integration.standardised_shares(strata, keys, limit=5).set_index("housing_form")["standardised_share"]
    assert result["A"] == pytest.approx(0.322222, abs=1e-6)
    assert pd.isna(result["B"])
    assert result["C"] == pytest.approx(0.244444, abs=1e-6)


def test_unknown_outcome_is_refused(con):
    with pytest.raises(integration.UnknownOutcomeError):
        integration.integration_outcome(con, Filters(), outcome="happiness")


@pytest.mark.parametrize("by", [(), ("housing_form",)])
@pytest.mark.parametrize("outcome", list(integration.OUTCOMES))
def test_curve_at_six_to_36_months_is_the_measure_itself(demo_store, by, outcome):
    # The Integratie page takes its key figures and housing-form table from the curve's result.
    filters = Filters(period_from="2019-H1", period_to="2020-H2")
    with demo_store.reader() as demo:
        measure = integration.integration_outcome(demo, filters, by=by, outcome=outcome)
        curve = integration.integration_outcome(demo, filters, by=by, outcome=outcome, k_months=integration.CURVE_MONTHS)
    assert measure["persons"].sum() > 100
    pd.testing.assert_frame_equal(integration.at_k_months(curve), measure.reset_index(drop=True))
