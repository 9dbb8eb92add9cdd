"""The seed's stories in the demo data: the Almere-Haven coordinator, and house sharing and temporary housing
with their own nuisance and integration profile; every small figure suppressed."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from housing_monitor.cli.main import main
from housing_monitor.filters import Filters
from housing_monitor.measures import integration, interventions, nuisance
from tests.apptest import metric, open_dashboard

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def con(demo_store):
    with demo_store.reader() as connection:
        yield connection


def test_almere_haven_coordinator_falls_beyond_comparable_places(con):
    effects = interventions.intervention_effect(con, Filters(municipalities=("GM0034",)))
    haven = effects[(effects.type == "coordinator") & (effects.project == "Almere-Haven")].iloc[0]
    assert haven.verdict != "too_little_data"
    # The 2016 surge: well above comparable self-contained homes before the coordinator.
    assert haven.before_rate > 1.5 * haven.comparison_before_rate
    # Roughly halved in the six months after, while comparable places stayed about level.
    assert haven.after_rate < 0.7 * haven.before_rate
    assert abs(haven.comparison_change) < abs(haven.change) / 3
    assert haven.difference < 0 and haven.difference_ci_low < haven.difference < haven.difference_ci_high


def test_sharing_and_temporary_housing_have_their_own_nuisance(con):
    rates = nuisance.nuisance_rate(con, Filters(), by=("housing_form",)).set_index("housing_form")
    for form in ("woningdelen", "tijdelijk"):
        # About twice self-contained homes, and beyond doubt: the intervals do not touch.
        assert rates.loc[form, "rate_per_100"] > 1.5 * rates.loc["zelfstandig", "rate_per_100"]
        assert rates.loc[form, "rate_ci_low"] > rates.loc["zelfstandig", "rate_ci_high"]


def test_sharing_and_temporary_housing_have_their_own_integration_profile(con):
    result = integration.integration_outcome(con, Filters(), by=("housing_form",), k_months=(12, 24))
    share = result.set_index(["housing_form", "outcome", "k_months"])["share"]
    assert result["persons"].min() >= 5
    # House sharing: a better network; temporary housing: language and work start sooner.
    assert share["woningdelen", "network_good", 24] > share["zelfstandig", "network_good", 24] + 0.03
    assert share["tijdelijk", "language_b1", 12] > share["zelfstandig", "language_b1", 12]
    assert share["tijdelijk", "employed", 12] > share["zelfstandig", "employed", 12]


@pytest.mark.parametrize(
    "name, by, base",
    [
        ("nuisance_rate", "project", "households"),
        ("integration_outcome", "project", "persons"),
        ("intervention_effect", "", "households"),
    ],
)
def test_every_figure_on_fewer_than_five_is_suppressed(demo_store, capsys, name, by, base):
    args = ["measure", name, "--db", str(demo_store.path), "--json"] + (["--by", by] if by else [])
    assert main(args) == 0
    rows = json.loads(capsys.readouterr().out)
    figures = [f for f in rows[0] if f.endswith(("rate", "share", "signals", "households", "difference", "with_outcome"))]
    small = [r for r in rows if r[base] == "<5"]
    assert small, "the demo data has small groups to suppress"
    for row in small:
        assert all(row[f] == "<5" for f in figures if f in row), row
    assert all(r[base] >= 5 for r in rows if r[base] != "<5")


def test_cli_help_names_the_figures():
    result = subprocess.run(
        [sys.executable, "-m", "housing_monitor", "measure", "--help"], capture_output=True, text=True, cwd=REPO
    )
    for figure in ("rate_per_100", "household_years", "with_outcome", "standardised_share", "comparison_change", "verdict"):
        assert figure in result.stdout


def test_overview_shows_nuisance_against_previous_period(demo_db_env):
    at = open_dashboard()
    figure = metric(at, "Overlast per 100 huishoudjaren")
    assert figure.value not in ("<5", "–") and 5 < float(figure.value.replace(",", ".")) < 20
    assert figure.delta


def test_interventions_of_other_organisations_projects_are_hidden(demo_db_env):
    from tests.test_access import AUTH, _app

    at = _app(demo_db_env, user={"is_logged_in": True, "email": "analist@haarlem.nl"}, secrets=AUTH).run()
    at.switch_page("pages/interventions.py").run()
    assert not at.exception
    options = at.selectbox(key="intervention_detail").options
    assert any("Woningdelen Haarlem" in o for o in options)
    assert not any("Almere-Haven" in o for o in options)
    # Municipality-wide interventions are totals, not project figures: everyone sees them.
    assert any("Utrecht (mrt 2022)" in o for o in options)

