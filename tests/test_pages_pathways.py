"""The Woonvormen, Doorstroom and Taakstelling pages under AppTest, with values worked out by hand.

On tests/fixtures/pathways (see test_pathways.py and test_quota.py) with the link 2016-H1 … 2017-H1
and the data's reference date 2017-02-04, all 19 households (durations in days from the permit):
events 30, 30 (Z1, Z2), 45 (L1), 60, 90, 100 (F1, F2 censored too), 120, 200, 200, 300, 300 (T4, W1),
400 (T6); censored 250 (T3), 400 (F3–F5, T5, W2).
S: 17/19, 16/19, 15/19, 14/19, 13/19 (100), ·11/12 (120) = 0.6272, ·9/11 (200) = 0.5132, ·6/8 (300) = 0.3849
→ median 300 days = 9,9 maanden; within 12 months 1 − 0.3849 = 61,5%; 12 households found a permanent home.
Quota 2016-H1 … 2017-H1, whole country: owed 0 + 19 + 13 + 18 = 50, realised 20 + 4 + 4 = 28 → 56,0%.
In 2017-H1 on 2017-02-04 (one month): Landgraaf expected 17/6, realised 2 → licht achter; Haarlem op schema.
"""

import pytest

from tests.apptest import key_figures, metric, open_dashboard
from tests.conftest import build_store

LINK = {"van": "2016-H1", "tot": "2017-H1"}


@pytest.fixture
def pathways_env(tmp_path, monkeypatch):
    store = build_store(tmp_path / "pathways.duckdb", "pathways")
    monkeypatch.setenv("HOUSING_MONITOR_DB", str(store.path))
    return store


def test_doorstroom_shows_median_share_and_reading(pathways_env):
    at = open_dashboard(page="pages/pathways.py", query=LINK)
    assert at.title[0].value == "Doorstroom naar vaste woning"
    assert metric(at, "Tijd tot vaste woning (mediaan)").value == "9,9 maanden"
    assert metric(at, "Binnen 12 maanden in vaste woning").value == "61,5%"
    assert metric(at, "Huishoudens met een vaste woning").value == "12"
    readings = " ".join(m.value for m in at.markdown)
    assert "De helft van de huishoudens die begonnen in tijdelijke huisvesting had na 9,9 maand een vaste woning" in readings
    assert "Van de huishoudens die begonnen in een flexwoning had op de peildatum nog niet de helft" in readings
    at_risk = at.dataframe[0].value.set_index("Groep")
    assert at_risk.at["Tijdelijke huisvesting", "6 mnd"] == "6"  # all six school households still waiting
    assert "Woningdelen" not in at_risk.index  # two households: no curve, no row
    table = at.dataframe[1].value.set_index("Woonvorm")
    assert table.at["Woningdelen", "Huishoudens"] == "<5"
    assert table.at["Flexwoning", "Tijd tot vaste woning, mediaan (maanden)"] == "niet bereikt"


def test_doorstroom_reference_date_and_grouping_controls(pathways_env):
    import datetime as dt

    at = open_dashboard(page="pages/pathways.py", query=LINK)
    at.date_input(key="doorstroom_peildatum").set_value(dt.date(2016, 12, 31)).run()
    # L1 not yet housed, T6 still waiting: 18 households, 10 events.
    assert metric(at, "Huishoudens met een vaste woning").value == "10"
    at.selectbox(key="doorstroom_groep").set_value("municipality_code").run()
    assert not at.exception
    assert any("in Landgraaf" in m.value for m in at.markdown)


def test_woonvormen_compares_forms_and_says_which_figures_it_shows(pathways_env):
    at = open_dashboard(page="pages/housing_forms.py", query=LINK)
    assert at.title[0].value == "Woonvormen"
    assert metric(at, "Tijdelijke huisvesting").value == "9,9 maanden"
    assert metric(at, "Zelfstandige woning").value == "1,5 maanden"  # 45 days (L1 makes it exactly half)
    assert "zoals gemeten" in at.info[0].value
    at.toggle(key="woonvormen_gestandaardiseerd").set_value(True).run()
    assert "gestandaardiseerde" in at.info[0].value
    table = at.dataframe[0].value.set_index("Woonvorm")
    # Each household type in the school has fewer than 5 households: no like-with-like figure.
    assert table.at["Tijdelijke huisvesting", "Binnen 12 maanden in vaste woning – gestandaardiseerd"] == (
        "niet te standaardiseren"
    )
    assert table.at["Tijdelijke huisvesting", "Gehuisveste personen"] == "15"


def test_taakstelling_shows_realisation_pace_and_estimate_flag(pathways_env):
    at = open_dashboard(page="pages/quota.py", query=LINK)
    assert at.title[0].value == "Taakstelling"
    # Owed 14 + 5 + 10 + 3 + 6 + 12 = 50; housed 11 + 9, then 0 + 2 (Landgraaf's estimate of 2 persons is under 5
    # and counts as 0), then 2 + 2 → 26 / 50.
    assert metric(at, "Realisatie taakstelling").value == "52,0%"
    assert metric(at, "Gemeenten achter op schema").value == "1"
    captions = " ".join(c.value for c in at.caption)
    assert "deels geschat uit plaatsingen (1 van 6 gemeente-halfjaren" in captions
    table = at.dataframe[0].value.set_index("Gemeente")
    assert table.at["Landgraaf", "Tempo"] == "Licht achter"
    assert table.at["Landgraaf", "Bijgestelde taakstelling"] == "19"
    assert table.at["Haarlem", "Gehuisvest"] == "2"  # an official count: public, whatever its size
    at.selectbox(key="taakstelling_halfjaar").set_value("2016-H2").run()
    table = at.dataframe[0].value.set_index("Gemeente")
    assert table.at["Landgraaf", "Bron realisatie"] == "uit plaatsingen (geschat)"
    assert table.at["Landgraaf", "Gehuisvest"] == "<5" and table.at["Landgraaf", "Realisatie"] == "<5"
    assert "Ver achter" in " ".join(w.value for w in at.warning)


def test_taakstelling_without_quota_data_says_so(tiny_db_env):
    at = open_dashboard(page="pages/quota.py")
    assert "geen taakstelling" in at.info[0].value


def test_overview_has_the_new_key_figures(pathways_env):
    at = open_dashboard(query=LINK)
    assert metric(at, "Binnen 12 maanden in vaste woning").value == "61,5%"
    assert metric(at, "Realisatie taakstelling").value == "52,0%"


@pytest.mark.parametrize(
    "link",
    [
        {"provincie": "Limburg"},
        {"gemeente": "GM0882"},
        {"corporatie": "HEEMwonen"},
        {"woonvorm": "tijdelijk"},
        {"project": "Basisschool Landgraaf"},
    ],
    ids=lambda link: next(iter(link)),
)
def test_pages_work_with_every_sidebar_filter_on_the_demo_data(demo_db_env, link):
    at = open_dashboard(query={"van": "2016-H1", "tot": "2016-H2", **link})
    for page in ("pages/housing_forms.py", "pages/pathways.py", "pages/quota.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert key_figures(at), page
    if "project" in link:
        # The school alone: its households, shown through every page's filter.
        at.switch_page("pages/pathways.py").run()
        assert metric(at, "Binnen 12 maanden in vaste woning").value == "100,0%"
