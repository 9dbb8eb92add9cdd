"""Housing forms compared like with like: direct standardisation by household type, by hand and on the demo data."""

import numpy as np
import pandas as pd
import pytest

from housing_monitor.filters import Filters
from housing_monitor.measures import comparisons, pathways
from housing_monitor.present import pathway_texts

# Per housing form and household type: a figure (say, median days to a permanent home) and its households.
PER_STRATUM = pd.DataFrame(
    [
        ("A", "alleenstaande", 10.0, 20), ("A", "gezin", 30.0, 5),
        ("B", "alleenstaande", 12.0, 5), ("B", "gezin", 20.0, 40),
        ("C", "alleenstaande", 8.0, 10),  # no families at all
        ("D", "alleenstaande", 9.0, 10), ("D", "gezin", 25.0, 3),  # too few families
    ],
    columns=["housing_form", "household_type", "median_days", "households"],
)
MIX = pd.Series({"alleenstaande": 0.6, "gezin": 0.4})


def test_direct_standardisation_reweights_to_the_overall_mix():
    # A: 0.6·10 + 0.4·30 = 18; B: 0.6·12 + 0.4·20 = 15.2. Crude (household-weighted) figures are
    # A (20·10 + 5·30)/25 = 14 and B (5·12 + 40·20)/45 = 19.1: A looks faster only because it houses singles.
    result = pathways.standardise(PER_STRATUM, "median_days", MIX).set_index("housing_form")
    assert result.at["A", "median_days"] == pytest.approx(18.0)
    assert result.at["B", "median_days"] == pytest.approx(15.2)
    assert result["households"].to_dict() == {"A": 25, "B": 45, "C": 10, "D": 13}


@pytest.mark.parametrize("form", ["C", "D"])
def test_a_missing_or_small_stratum_cannot_be_standardised(form):
    result = pathways.standardise(PER_STRATUM, "median_days", MIX).set_index("housing_form")
    assert np.isnan(result.at[form, "median_days"]) and not result.at[form, "standardisable"]


def test_a_stratum_without_weight_is_not_needed():
    only_singles = pd.Series({"alleenstaande": 1.0, "gezin": 0.0})
    result = pathways.standardise(PER_STRATUM, "median_days", only_singles).set_index("housing_form")
    assert result["median_days"].to_dict() == {"A": 10.0, "B": 12.0, "C": 8.0, "D": 9.0}


def test_every_comparison_measure_that_exists_is_compared(demo_comparison):
    raw, _, _ = demo_comparison
    # The Vergelijken page's list is the one list: a measure added there (the nuisance rate) shows here too.
    expected = {m.key for m in comparisons.measures_for()}
    assert set(raw.index.get_level_values("measure")) == expected
    assert {"persons", "waiting", "to_permanent", "permanent_12m"} <= expected


@pytest.fixture(scope="module")
def demo_comparison(demo_store):
    filters = Filters(period_from="2016-H1", period_to="2016-H2")
    with demo_store.reader() as con:
        return (
            pathways.compare_housing_forms(con, filters).set_index(["housing_form", "measure"]),
            pathways.compare_housing_forms(con, filters, standardised=True).set_index(["housing_form", "measure"]),
            pathways.household_type_mix(con, filters),
        )


def test_demo_sharing_has_no_families_so_it_cannot_be_standardised(demo_comparison):
    raw, standardised, mix = demo_comparison
    assert set(mix.index) == {"alleenstaande", "gezin"} and mix.sum() == pytest.approx(1.0)
    assert not np.isnan(raw.loc[("woningdelen", "permanent_12m"), "value"])
    assert np.isnan(standardised.loc[("woningdelen", "permanent_12m"), "value"])
    assert standardised.loc[("woningdelen", "permanent_12m"), "note"] == "niet te standaardiseren"


def test_demo_counts_stay_as_measured_and_rates_move(demo_comparison):
    raw, standardised, _ = demo_comparison
    persons = ("zelfstandig", "persons")
    assert raw.loc[persons, "value"] == standardised.loc[persons, "value"]
    assert not standardised.loc[persons, "standardised"]
    assert standardised.loc[("tijdelijk", "permanent_12m"), "standardised"]
    assert standardised.loc[("flexwoning", "waiting"), "value"] != raw.loc[("flexwoning", "waiting"), "value"]


def test_comparison_table_says_which_figures_are_shown(demo_comparison):
    _, standardised, _ = demo_comparison
    table = pathway_texts.comparison_display(standardised.reset_index())
    assert "Binnen 12 maanden in vaste woning – gestandaardiseerd" in table.columns
    assert table.set_index("Woonvorm").at["Woningdelen", "Binnen 12 maanden in vaste woning – gestandaardiseerd"] == (
        "niet te standaardiseren"
    )
