"""The Kaart page and the small map on Overzicht under AppTest (hand-worked numbers: see test_maps.py)."""

import json

import pytest

from housing_monitor.present import maps
from tests.apptest import metric, open_dashboard
from tests.conftest import build_store


@pytest.fixture
def map_db_env(tmp_path, monkeypatch):
    store = build_store(tmp_path / "map.duckdb", "map")
    monkeypatch.setenv("HOUSING_MONITOR_DB", str(store.path))
    return store


def _ranked(at):
    return at.dataframe[0].value


def test_map_page_ranks_municipalities_and_reports_unknown_code(map_db_env):
    at = open_dashboard(page="pages/map.py")
    assert at.title[0].value == "Kaart"
    ranked = _ranked(at)
    assert ranked.iloc[0][["Rang", "Gemeente", "Wachttijd, mediaan (weken)"]].tolist() == ["1", "Haarlem", "18,0"]
    assert ranked.set_index("Gemeente").loc["Landgraaf", "Wachttijd, mediaan (weken)"] == "<5"
    assert metric(at, "Wachttijd tot eerste woning (mediaan)").value == "10,0 weken"
    assert metric(at, "Gemeenten met cijfers").value == "2"
    assert metric(at, "Gemeenten boven de norm van 14 weken").value == "1"
    assert any("GM0058" in w.value for w in at.warning)
    assert len(at.get("plotly_chart")) == 1
    _assert_drawn_offline(at.get("plotly_chart")[0])


def _assert_drawn_offline(chart):
    """An SVG map whose browser gets the inline empty world topojson, not plotly.js's CDN address."""
    assert {trace["type"] for trace in json.loads(chart.proto.spec)["data"]} == {"choropleth"}
    assert json.loads(chart.proto.config)["topojsonURL"] == maps.EMPTY_TOPOJSON_URL


def test_map_page_other_measure_and_province_zoom(map_db_env):
    at = open_dashboard(page="pages/map.py")
    at.selectbox(key="map_measure").set_value("housed_per_1000").run()
    assert metric(at, "Gehuisveste personen per 1.000 inwoners").value == "1,3"  # 31 of 24.000
    assert _ranked(at).iloc[0][["Gemeente", "Personen per 1.000 inwoners"]].tolist() == ["Dongeradeel", "5,0"]
    at.selectbox(key="map_province").set_value("Noord-Holland").run()
    assert not at.exception
    assert _ranked(at)["Gemeente"].tolist() == ["Haarlem"]
    assert metric(at, "Gehuisveste personen per 1.000 inwoners").value == "4,0"  # 10 of 2.500


def test_choosing_a_municipality_beside_the_map_sets_the_filter_and_the_link(map_db_env):
    at = open_dashboard(page="pages/map.py")
    at.selectbox(key="map_pick").set_value("GM0392").run()
    assert not at.exception
    assert at.multiselect(key="f_municipalities").value == ["GM0392"]
    assert at.query_params["gemeente"] == "GM0392"
    assert any("Haarlem" in c.value for c in at.caption)  # outlined and named under the map
    # The map still shows every municipality: the ranking does not shrink to the filter.
    assert len(_ranked(at)) == 5
    at.selectbox(key="map_pick").set_value(None).run()
    assert at.multiselect(key="f_municipalities").value == []


def test_map_page_follows_a_link_with_a_municipality(map_db_env):
    at = open_dashboard(page="pages/map.py", query={"gemeente": "GM0034"})
    assert at.selectbox(key="map_pick").value == "GM0034"


def test_overview_shows_a_small_map_with_a_way_to_the_map_page(map_db_env):
    at = open_dashboard()
    assert "Op de kaart" in [h.value for h in at.header]
    assert len(at.get("plotly_chart")) == 2  # housed per half-year, and the map
    _assert_drawn_offline(at.get("plotly_chart")[1])
    assert ("kaart", "Naar de kaart met alle maatstaven") in [(l.proto.page, l.proto.label) for l in at.get("page_link")]


def test_the_link_keeps_measure_and_zoom(map_db_env):
    at = open_dashboard(page="pages/map.py", query={"maat": "housed_per_1000", "zoom": "Limburg"})
    assert at.selectbox(key="map_measure").value == "housed_per_1000"
    assert at.selectbox(key="map_province").value == "Limburg"
    at.selectbox(key="map_province").set_value("Flevoland").run()
    assert at.query_params["zoom"] == "Flevoland"
    assert at.query_params["maat"] == "housed_per_1000"


def test_unknown_measure_in_link_gives_a_notice(map_db_env):
    at = open_dashboard(page="pages/map.py", query={"maat": "geluk"})
    assert any("geluk" in w.value for w in at.warning)
    assert at.selectbox(key="map_measure").value == "waiting_time"


def _map_font_size(at):
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return spec["layout"].get("font", {}).get("size")


def test_presentation_mode_enlarges_a_copy_not_the_shared_map(map_db_env):
    # The map figure is shared between runs and visitors; a projector's larger type must stay in its own run.
    presenting = open_dashboard("pages/map.py", query={"presentatie": "1"})
    assert _map_font_size(presenting) == 20
    at = open_dashboard("pages/map.py")
    assert _map_font_size(at) != 20
