"""The Overlast, Integratie and Interventies pages under AppTest, on the hand-worked fixtures."""

import pytest

from tests.apptest import metric, open_dashboard
from tests.conftest import build_store


@pytest.fixture
def use_fixture(tmp_path, monkeypatch):
    """Point the dashboard at a database built from one fixture folder."""

    def use(name: str):
        store = build_store(tmp_path / f"{name}.duckdb", name)
        monkeypatch.setenv("HOUSING_MONITOR_DB", str(store.path))
        return store

    return use


def test_nuisance_page_shows_rate_signals_and_resolution(use_fixture):
    use_fixture("nuisance")
    # The default period is 2017 (the latest year of first move-ins): 1558 household-days of 7 households,
    # signals S1, S2, S3, S5, S6 → 5 / (1558 / 365,25) × 100 = 117,2 (see tests/test_nuisance.py).
    at = open_dashboard(page="pages/nuisance.py")
    assert at.title[0].value == "Overlast"
    rate = metric(at, "Per 100 huishoudjaren")
    assert rate.value == "117,2"
    assert not rate.delta  # 2016 rests on one household: no change shown that would reveal it
    assert metric(at, "Overlastsignalen").value == "5"
    assert metric(at, "Afgehandeld na (mediaan)").value == "1,4 weken"  # 10 days
    assert metric(at, "Nog niet afgehandeld").value == "40,0%"
    table = at.dataframe[-1].value.set_index("Woonvorm")
    assert table.loc["Woningdelen", "Per 100 huishoudjaren"] == "<5"  # three households
    # The forms are parts of the total of 7 households above, so woningdelen's sibling is hidden as well;
    # the signal of unknown form (no households at all) does not count as a hidden part.
    assert table.loc["Zelfstandige woning", "Per 100 huishoudjaren"] == "<5"
    assert table.loc["onbekend", "Signalen"] == "<5"


def test_nuisance_page_split_is_kept_in_the_link(use_fixture):
    use_fixture("nuisance")
    at = open_dashboard(page="pages/nuisance.py", query={"verdeel": "category"})
    assert at.selectbox(key="nuisance_split").value == "category"
    assert "Categorie" in at.dataframe[-1].value.columns


def test_integration_page_shows_outcomes_with_their_base(use_fixture):
    use_fixture("integration")
    at = open_dashboard(page="pages/integration.py")
    assert at.title[0].value == "Integratie"
    # 6 months: Q1, Q2, Q4, Q5, Q6, Q7 recorded, Q5 and Q7 at B1 or higher → 2 of 6.
    assert metric(at, "Taal B1+ na 6 mnd").value == "33,3%"
    assert metric(at, "Taal B1+ na 12 mnd").value == "<5"  # Q1, Q2, Q3
    assert metric(at, "Taal B1+ na 24 mnd").value == "–"  # nothing measured yet
    assert at.info and "nog geen metingen" in at.info[0].value


def test_integration_page_outcome_from_the_link(use_fixture):
    use_fixture("integration")
    at = open_dashboard(page="pages/integration.py", query={"uitkomst": "employed"})
    # Employment recorded for Q1 (yes), Q2, Q4, Q6 (no) and Q7 (yes): 2 of 5.
    assert metric(at, "Betaald werk na 6 mnd").value == "40,0%"


def test_interventions_page_is_honest_about_small_numbers(use_fixture):
    use_fixture("interventions")
    at = open_dashboard(page="pages/interventions.py")
    assert at.title[0].value == "Interventies"
    assert metric(at, "Interventies").value == "3"
    assert metric(at, "Met genoeg gegevens").value == "1"
    assert metric(at, "Duidelijk meer daling dan elders").value == "0"
    assert "Coördinator – Haven, Almere (jan 2017)" in [h.value for h in at.header]
    explanation = " ".join(m.value for m in at.markdown)
    assert "van 397,0 naar 161,4 per 100 huishoudjaren" in explanation
    assert "geen duidelijk verschil met vergelijkbare plekken" in explanation
    at.selectbox(key="intervention_detail").set_value("I2").run()
    assert "Te weinig gegevens om iets te concluderen" in " ".join(m.value for m in at.markdown)
    assert at.query_params["interventie"] == "I2"
