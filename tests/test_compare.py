"""Comparisons, peers, sequences and exports, with answers worked out by hand on the tiny dataset."""

import io

import pandas as pd
import pytest

from housing_monitor import sequences
from housing_monitor.filters import Filters
from housing_monitor.measures import comparisons
from housing_monitor.present import exports
from tests.apptest import key_figures, open_dashboard

YEAR_2016 = Filters(period_from="2016-H1", period_to="2016-H2")


def test_compare_housing_forms_with_reference(tiny_store, monkeypatch):
    monkeypatch.setenv("HOUSING_MONITOR_MIN_COUNT", "1")  # the tiny data set is all small groups
    with tiny_store.reader() as con:
        frame = comparisons.compare(con, YEAR_2016, "woonvorm", ["zelfstandig", "tijdelijk"])
    waiting = frame[frame.measure == "waiting"].set_index("entity")
    # 2016 zelfstandig first homes: HH01 30, HH04 131, HH05 30, HH07 121, HH08 183 → median 121 days.
    assert waiting.loc["zelfstandig", "value"] == 121.0
    assert waiting.loc["zelfstandig", "base"] == 5
    assert waiting.loc["tijdelijk", "value"] == 60.0
    # Reference: all 7 households of 2016 → median 90 days = 12,9 weeks.
    assert waiting.loc[comparisons.REFERENCE, "shown"] == "12,9 weken"
    persons = frame[frame.measure == "persons"].set_index("entity")
    # Average per housing form over the three forms with 2016 homes: (12 + 4 + 1) / 3.
    assert persons.loc[comparisons.REFERENCE, "value"] == pytest.approx(17 / 3)


def test_compare_suppresses_small_bases(tiny_store):
    with tiny_store.reader() as con:
        frame = comparisons.compare(con, YEAR_2016, "gemeente", ["GM0034", "GM0392"])
    almere = frame[(frame.entity == "GM0034")]
    assert set(almere["shown"]) == {"<5"}
    assert almere["value"].isna().all()


def test_peer_municipalities_are_closest_in_size_and_quota(demo_store):
    with demo_store.reader() as con:
        peers = comparisons.peer_municipalities(con, "GM0882", "2016-H1", "2016-H2")
        profile = con.execute(
            "SELECT municipality_code, population FROM municipalities WHERE municipality_code IN "
            "(SELECT unnest($codes))",
            {"codes": list(peers.municipality_code) + ["GM0882"]},
        ).df()
    assert len(peers) == 5 and "GM0882" not in set(peers.municipality_code)
    assert list(peers.distance) == sorted(peers.distance)
    landgraaf = profile.set_index("municipality_code").loc["GM0882", "population"]
    assert (profile.population / landgraaf).between(0.3, 3).all()


def test_compare_page_from_a_link(demo_db_env):
    at = open_dashboard(
        page="pages/compare.py", query={"vergelijk": "woonvorm", "kies": "tijdelijk,woningdelen", "van": "2016-H1", "tot": "2016-H2"}
    )
    assert at.multiselect(key="cmp_items_woonvorm").value == ["tijdelijk", "woningdelen"]
    table = at.dataframe[0].value
    assert list(table["Maatstaf"])[:2] == ["Gehuisveste personen", "Wachttijd tot eerste woning (mediaan)"]
    assert table.loc[1, "Tijdelijke huisvesting"].endswith("weken")
    assert [m.label for m in key_figures(at)] == ["Tijdelijke huisvesting", "Woningdelen"]


def test_compare_page_asks_for_two(demo_db_env):
    at = open_dashboard(page="pages/compare.py")
    assert "minstens twee" in at.info[0].value


def test_sequence_round_trip_and_validation():
    views, problems = sequences.parse_lines(
        "http://host:8501/?gemeente=GM0882\n\n/vergelijken?vergelijk=woonvorm&kies=tijdelijk,woningdelen&presentatie=1\nhttp://x/onbekend",
        {"", "vergelijken"},
    )
    assert views == ["/?gemeente=GM0882", "/vergelijken?vergelijk=woonvorm&kies=tijdelijk,woningdelen"]
    assert problems == ["Regel 4: 'http://x/onbekend' is geen pagina van dit dashboard."]
    assert sequences.decode(sequences.encode(views)) == views
    assert sequences.decode("not-a-token") == []


def test_presentation_link_hides_chrome_and_steps(demo_db_env):
    views = ["/?gemeente=GM0882", "/vergelijken?vergelijk=woonvorm&kies=tijdelijk,woningdelen"]
    at = open_dashboard(query={"gemeente": "GM0882", "presentatie": "1", "reeks": sequences.encode(views), "stap": "0"})
    assert any("stSidebar" in m.value for m in at.markdown if "<style>" in m.value)
    assert at.button(key="pres_prev").disabled
    at.button(key="pres_next").click().run()
    assert not at.exception
    assert at.title[0].value == "Vergelijken"
    assert at.multiselect(key="cmp_items_woonvorm").value == ["tijdelijk", "woningdelen"]
    # The previous view's municipality does not leak into the next one.
    assert at.multiselect(key="f_municipalities").value == []


def test_prepare_page_builds_a_presentation_link(demo_db_env):
    at = open_dashboard(page="pages/present.py")
    at.text_area(key="present_links").input("http://localhost:8501/?gemeente=GM0882\n/vergelijken?vergelijk=gemeente&kies=GM0034,GM0392").run()
    assert "2 weergaven" in at.success[0].value
    assert "presentatie=1" in at.main.code[-1].value and "reeks=" in at.main.code[-1].value


def test_csv_export_is_dutch_excel_friendly_and_neutralised():
    frame = pd.DataFrame({"Gemeente": ["=HYPERLINK(\"x\")", "Almere"], "Aandeel": [0.125, 1234.5], "Tekst": ["-1,5", "@evil"]})
    data = exports.to_csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines() == ["Gemeente;Aandeel;Tekst", "\"'=HYPERLINK(\"\"x\"\")\";0,125;-1,5", "Almere;1234,5;'@evil"]
    workbook = pd.read_excel(io.BytesIO(exports.to_excel_bytes(frame)))
    assert workbook.loc[0, "Gemeente"].startswith("'=")
