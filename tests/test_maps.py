"""The map: every municipality drawn, unknown codes reported, suppression as in the tables, classes by hand.

Fixture tests/fixtures/map (all households move in on 2016-03-01; populations are made up):
- Almere GM0034: waiting 35, 49, 63, 77, 91, 105 days → median (63 + 77) / 2 = 70 days = 10,0 weeks,
  which is ON the 10-week edge and so in "≤ 10 weken"; persons 1+2+3+4+1+1 = 12 of 6.000 → 2,0 per 1.000.
- Haarlem GM0392: 98, 112, 126, 140, 154 → median 126 days = 18,0 weeks → "> 14 t/m 18 weken";
  persons 5 × 2 = 10 of 2.500 → 4,0 per 1.000.
- Landgraaf GM0882: 2 households → suppressed ('<5'), grey.
- Utrecht GM0344: 1 household (70 days, 2 persons of 3.000) → suppressed too. With two small municipalities
  the national total cannot reveal either, and each is alone in its province: no complementary hiding.
- Dongeradeel GM0058: merged in 2019, not among the 2024 boundaries → reported, not drawn;
  7, 14, 21, 28, 35 → median 21 days = 3,0 weeks; 5 persons of 1.000 → 5,0 per 1.000.
- Groningen GM0014 (and 337 others): no households → grey, "geen gegevens".
All 19 households: sorted waiting days 7 14 21 28 35 35 49 60 63 70 77 91 … → the 10th, 70 days = 10,0 weeks;
persons 31 of 24.000 inhabitants → 1,29 → 1,3 per 1.000.
"""

import base64
import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from housing_monitor import dutch, privacy
from housing_monitor.filters import Filters
from housing_monitor.measures import base, quota, registry
from housing_monitor.present import maps, tables
from tests.conftest import build_store

REPO_CSV = maps.MUNICIPALITIES_FILE


@pytest.fixture(scope="module")
def map_store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("map") / "map.duckdb", "map")


@pytest.fixture(scope="module")
def con(map_store):
    with map_store.reader() as connection:
        yield connection


def _map(con, key, filters=Filters()):
    entry = maps.MAP_MEASURES[key]
    result = maps.values(con, entry, maps.map_filters(filters))
    return maps.build(entry, result), result


def _row(mapped, code):
    return mapped.frame.set_index("municipality_code").loc[code]


def _drawn_codes(fig):
    """Every location the class traces draw (the outline of selected municipalities excluded)."""
    return [code for trace in fig.data if trace.name != "Gekozen gemeente" for code in trace.locations]


def test_boundaries_are_the_342_municipalities_of_2024():
    features = maps.boundaries()["features"]
    codes = [f["id"] for f in features]
    reference = pd.read_csv(REPO_CSV)
    assert len(codes) == len(set(codes)) == 342
    assert set(codes) == set(reference["municipality_code"])
    assert all(f["properties"]["municipality_code"] == f["id"] for f in features)
    assert maps.reference()["province"].notna().all()


def test_every_municipality_is_drawn_once(con):
    mapped, _ = _map(con, "waiting_time")
    fig = maps.figure(mapped, selected=("GM0034",))
    drawn = _drawn_codes(fig)
    assert len(drawn) == len(set(drawn)) == 342
    assert set(drawn) == {f["id"] for f in maps.boundaries()["features"]}
    # The boundaries travel once: each class trace carries only its own features.
    assert sum(len(t.geojson["features"]) for t in fig.data if t.name != "Gekozen gemeente") == 342


def test_map_draws_offline_as_svg_without_base_layers(con):
    fig = maps.figure(_map(con, "waiting_time")[0])
    assert {t.type for t in fig.data} == {"choropleth"}
    assert fig.layout.geo.visible is False
    assert "map" not in fig.to_plotly_json()["layout"]
    # The world topojson plotly.js loads anyway comes inline, empty: nothing is fetched from its CDN.
    prefix, encoded = maps.EMPTY_TOPOJSON_URL.split(",", 1)
    assert prefix == "data:application/json;base64" and encoded.endswith("#")
    topology = json.loads(base64.b64decode(encoded[:-1]))
    assert topology["type"] == "Topology" and all(not o["geometries"] for o in topology["objects"].values())


def test_drawn_rings_run_clockwise_for_d3():
    # d3-geo fills the smaller side of a clockwise ring; GeoJSON's anticlockwise outer rings would fill the globe.
    def signed_area(ring):
        x, y = np.asarray(ring, dtype=float).T
        return (x[:-1] * y[1:] - x[1:] * y[:-1]).sum() / 2

    source = {f["id"]: f for f in maps.boundaries()["features"]}
    for code, feature in maps.drawn_features().items():
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        assert all(signed_area(polygon[0]) < 0 for polygon in polygons), code
        assert feature["properties"] == source[code]["properties"]


def test_unknown_code_is_reported_and_kept_in_the_table(con):
    mapped, result = _map(con, "waiting_time")
    assert mapped.unknown_codes == ("GM0058",)
    table = tables.display(maps.ranked(mapped, result), maps.table_columns(mapped.entry))
    row = table[table["Gemeente"] == "Dongeradeel"].iloc[0]
    assert row["Wachttijd, mediaan (weken)"] == "3,0"


def test_waiting_time_classes_from_hand_worked_medians(con):
    mapped, _ = _map(con, "waiting_time")
    almere, haarlem = _row(mapped, "GM0034"), _row(mapped, "GM0392")
    assert (almere["shown_value"], almere["class"]) == (10.0, "≤ 10 weken")  # on the edge: the norm's side
    assert (haarlem["shown_value"], haarlem["class"]) == (18.0, "> 14 t/m 18 weken")
    assert almere["hover"] == (
        "<b>Almere</b> (Flevoland)<br>Wachttijd, mediaan: 10,0 weken<br>op basis van 6 huishoudens"
    )


def test_suppressed_municipality_is_grey_on_the_map_and_5_in_the_table(con):
    mapped, result = _map(con, "waiting_time")
    landgraaf = _row(mapped, "GM0882")
    assert landgraaf["status"] == maps.SUPPRESSED
    assert landgraaf["class"] == maps.no_data_label()
    assert landgraaf["hover"].endswith("minder dan 5 huishoudens")
    fig = maps.figure(mapped)
    grey = next(t for t in fig.data if t.name == maps.no_data_label())
    assert "GM0882" in grey.locations and grey.colorscale[0][1] == maps.NO_DATA_COLOUR
    table = tables.display(maps.ranked(mapped, result), maps.table_columns(mapped.entry)).set_index("Gemeente")
    assert table.loc["Landgraaf", "Wachttijd, mediaan (weken)"] == privacy.marker()
    assert table.loc["Landgraaf", "Huishoudens"] == privacy.marker()
    assert table.loc["Landgraaf", "Rang"] == dutch.MISSING
    # The rest is ranked from high to low, suppressed rows last.
    assert list(table.index) == ["Haarlem", "Almere", "Dongeradeel", "Landgraaf", "Utrecht"]


def test_municipality_without_data_is_grey_and_says_so(con):
    groningen = _row(_map(con, "waiting_time")[0], "GM0014")
    assert groningen["status"] == maps.MISSING
    assert groningen["class"] == maps.no_data_label()
    assert groningen["hover"] == "<b>Groningen</b> (Groningen)<br>geen gegevens"


def test_persons_per_1000_inhabitants_from_the_population_table(con):
    mapped, result = _map(con, "housed_per_1000")
    assert _row(mapped, "GM0034")["shown_value"] == 2.0
    assert _row(mapped, "GM0392")["shown_value"] == 4.0
    assert result.set_index("municipality_code").loc["GM0058", "persons_per_1000"] == 5.0
    overall = maps.values(con, mapped.entry, Filters(), by=())
    assert overall["persons_per_1000"].iloc[0] == pytest.approx(31 / 24000 * 1000)
    limburg = maps.values(con, mapped.entry, Filters(provinces=("Limburg",)), by=())
    assert limburg["persons_per_1000"].iloc[0] == pytest.approx(2 / 1500 * 1000)


def test_key_figures_for_the_whole_country(con):
    mapped, _ = _map(con, "waiting_time")
    figures = {k.key: k for k in maps.key_figures(con, mapped, Filters())}
    assert figures["map_waiting_time"].display_value() == "10,0 weken"
    assert figures["map_waiting_time"].display_base() == "op basis van 19 huishoudens"
    assert figures["map_municipalities"].display_value() == "2"  # Almere and Haarlem; Landgraaf is '<5'
    assert figures["map_alert"].display_value() == "1"  # Haarlem, 18 weeks


def test_the_map_ignores_the_place_filters_but_not_the_others():
    chosen = Filters(period_from="2016-H1", period_to="2016-H1", municipalities=("GM0034",),
                     provinces=("Flevoland",), housing_forms=("zelfstandig",))
    assert maps.map_filters(chosen) == replace(chosen, municipalities=(), provinces=())


@pytest.mark.parametrize(
    ("values", "edges", "labels"),
    [
        # Quantiles at 20/40/60/80% of 1..10: 2,8 4,6 6,4 8,2.
        (range(1, 11), (2.8, 4.6, 6.4, 8.2),
         ("minder dan 2,8", "2,8 tot 4,6", "4,6 tot 6,4", "6,4 tot 8,2", "8,2 of meer")),
        # Edges rounded to two significant digits: 123,4 → 120.
        ([100, 110, 120, 130, 140, 150], (110.0, 120.0, 130.0, 140.0),
         ("minder dan 110,0", "110,0 tot 120,0", "120,0 tot 130,0", "130,0 tot 140,0", "140,0 of meer")),
        ([3.0, 3.0, 3.0], (), ("3,0",)),
        ([1.0, 2.0], (1.2, 1.4, 1.6, 1.8), None),
    ],
)
def test_binned_classes_for_hand_made_values(values, edges, labels):
    classes = maps.binned(pd.Series(list(values), dtype=float))
    assert classes.edges == edges
    if labels:
        assert classes.labels == labels
    assert len(classes.colours) == len(classes.labels)
    assert len(set(classes.colours)) == len(classes.colours)


def test_binned_assigns_each_value_to_its_class():
    classes = maps.binned(pd.Series(range(1, 11), dtype=float))
    assigned = classes.classify(pd.Series([1, 2, 2.8, 3, 8.2, 10, None], dtype=float))
    assert assigned.tolist()[:6] == [
        "minder dan 2,8", "minder dan 2,8", "2,8 tot 4,6", "2,8 tot 4,6", "8,2 of meer", "8,2 of meer"
    ]
    assert pd.isna(assigned.iloc[6])


def test_class_edges_right_closed():
    waiting = maps.WAITING_CLASSES.classify(pd.Series([10.0, 10.1, 14.0, 14.1, 26.0, 40.0]))
    assert waiting.tolist() == [
        "≤ 10 weken", "> 10 t/m 14 weken", "> 10 t/m 14 weken", "> 14 t/m 18 weken", "> 18 t/m 26 weken",
        "> 26 weken",
    ]


def test_pace_classes_are_the_taakstelling_page_labels():
    pace = maps.PACE_CLASSES.classify(
        pd.Series([0.5, 0.9, 1.2, None]), pd.Series(["op_schema", "licht_achter", "ver_achter", "op_schema"])
    )
    assert pace.tolist()[:3] == [quota.PACE_LABELS["op_schema"], quota.PACE_LABELS["licht_achter"],
                                 quota.PACE_LABELS["ver_achter"]]
    assert pd.isna(pace.iloc[3])  # no realisation shown: no class either


def test_a_measure_result_is_hovered_with_its_base(con, monkeypatch):
    def fake_nuisance(con, filters, by=(), **options):
        return pd.DataFrame(
            {"municipality_code": ["GM0034", "GM0392"], "municipality_name": ["Almere", "Haarlem"],
             "households": [6, 5], "signals": [3, 1], "household_years": [10.0, 5.0], "rate_per_100": [30.0, 20.0]}
        )

    monkeypatch.setitem(registry.MEASURES, "nuisance_rate", base.Measure(
        "nuisance_rate", "Overlast", fake_nuisance, "households", ("rate_per_100",), ""))
    mapped, _ = _map(con, "nuisance_rate")
    assert _row(mapped, "GM0034")["hover"].endswith("Signalen per 100 huishoudjaren: 30,0<br>op basis van 6 huishoudens")


def test_quota_map_shows_each_municipality_latest_half_year_by_its_pace(con, monkeypatch):
    def fake_quota(con, filters, by=(), **options):
        return pd.DataFrame(
            {"municipality_code": ["GM0034", "GM0034", "GM0392"], "municipality_name": ["Almere"] * 2 + ["Haarlem"],
             "households": [50, 60, 40], "period": ["2016-H2", "2016-H1", "2016-H2"], "target": [100, 100, 60],
             "realised": [70, 120, 45], "realisation": [0.7, 1.2, 0.75], "source": ["official"] * 3,
             "pace": ["ver_achter", "op_schema", "op_schema"]}
        )

    entry = maps.MAP_MEASURES["quota_realisation"]
    monkeypatch.setitem(maps.MAP_MEASURES, "quota_realisation", replace(entry, compute=fake_quota))
    mapped, _ = _map(con, "quota_realisation")
    assert _row(mapped, "GM0034")["class"] == "Ver achter"  # 2016-H2's pace, not 2016-H1's
    # 75% of a half-year still running can be on schedule: the pace, not a fixed share, decides.
    assert _row(mapped, "GM0392")["class"] == "Op schema"


def test_quota_map_agrees_with_the_taakstelling_page_on_the_demo(demo_store):
    entry = maps.MAP_MEASURES["quota_realisation"]
    with demo_store.reader() as demo:
        result = maps.values(demo, entry, maps.map_filters(Filters()))
        progress = quota.quota_progress(demo, Filters(), by=("municipality_code",))
    latest = progress.sort_values("period").groupby("municipality_code").tail(1).set_index("municipality_code")
    shown = maps.build(entry, result).frame.set_index("municipality_code")
    shown = shown[shown["status"] == maps.SHOWN]
    assert len(shown) >= 10
    expected = latest.loc[shown.index, "pace"].map(quota.PACE_LABELS)
    assert shown["class"].tolist() == expected.tolist()
    assert set(expected) >= {"Op schema", "Ver achter"}


def test_every_offered_measure_builds_on_the_fixture(con):
    """Catches a measure whose columns or options differ from what the map expects."""
    for entry in maps.offered():
        mapped, result = _map(con, entry.key)
        assert entry.value in result.columns, entry.key
        assert len(mapped.frame) == 342


def test_province_zoom_fits_the_province():
    (lon, lat), (nl_lon, nl_lat) = maps.extent("Limburg"), maps.extent(None)
    # Limburg runs from Mook (51.76 N) to Eijsden (50.75 N), between 5.56 and 6.23 E.
    assert 50.6 < lat[0] < 50.76 and 51.76 < lat[1] < 51.9
    assert 5.4 < lon[0] < 5.57 and 6.22 < lon[1] < 6.3
    # The Netherlands: from Cadzand (3.36 E) to Bad Nieuweschans (7.23 E), Eijsden to Rottumeroog (53.55 N).
    assert 3.2 < nl_lon[0] < 3.37 and 7.22 < nl_lon[1] < 7.3
    assert 50.6 < nl_lat[0] < 50.76 and 53.4 < nl_lat[1] < 53.7


def test_province_zoom_reaches_the_figure(con):
    fig = maps.figure(_map(con, "waiting_time")[0], province="Limburg")
    assert list(fig.layout.geo.lataxis.range) == maps.extent("Limburg")[1]
    assert list(fig.layout.geo.lonaxis.range) == maps.extent("Limburg")[0]


def test_selected_municipality_is_outlined_and_click_points_give_the_code(con):
    fig = maps.figure(_map(con, "waiting_time")[0], selected=("GM0392", "GM9999"))
    outline = [t for t in fig.data if t.name == "Gekozen gemeente"]
    assert len(outline) == 1 and list(outline[0].locations) == ["GM0392"]
    assert outline[0].marker.line.width == 3
    assert maps.selected_code([{"location": "GM0392", "customdata": ["GM0392", "…"]}]) == "GM0392"
    assert maps.selected_code([{"customdata": ["GM0034", "…"]}]) == "GM0034"
    assert maps.selected_code([]) is None


def test_hover_and_legend_are_dutch(con):
    mapped, _ = _map(con, "waiting_time")
    fig = maps.figure(mapped)
    assert fig.layout.separators == ",."
    assert fig.layout.legend.title.text == "Wachttijd, mediaan (weken)"
    assert maps.ATTRIBUTION in json.dumps(fig.to_plotly_json()["layout"]["annotations"], ensure_ascii=False)


def test_demo_data_has_only_known_municipalities(demo_store):
    with demo_store.reader() as connection:
        mapped, _ = _map(connection, "waiting_time", Filters(period_from="2024-H1", period_to="2024-H2"))
    assert mapped.unknown_codes == ()
    assert len(mapped.frame) == 342
    assert 40 <= len(mapped.shown) <= 60


def _hand_made(rows):
    return pd.DataFrame(rows, columns=["municipality_code", "municipality_name", "households", "median_days"])


def test_a_lone_small_municipality_hides_the_smallest_other_on_map_and_table():
    # Nationally: Almere 6, Haarlem 5, Landgraaf 2 → the total minus the others would give Landgraaf's 2,
    # so Haarlem (the smallest other) is hidden as well, on the map and in the table alike.
    entry = maps.MAP_MEASURES["waiting_time"]
    result = _hand_made([("GM0034", "Almere", 6, 70.0), ("GM0392", "Haarlem", 5, 126.0), ("GM0882", "Landgraaf", 2, 60.0)])
    mapped = maps.build(entry, result)
    assert mapped.suppressed_codes == {"GM0392", "GM0882"}
    assert _row(mapped, "GM0392")["hover"].endswith("niet getoond, zodat een klein aantal elders niet te herleiden is")
    table = tables.display(maps.ranked(mapped, result), maps.table_columns(entry)).set_index("Gemeente")
    assert table.loc["Haarlem", "Huishoudens"] == table.loc["Landgraaf", "Huishoudens"] == privacy.marker()
    assert table.loc["Almere", "Wachttijd, mediaan (weken)"] == "10,0"


def test_a_lone_small_municipality_in_its_province_is_protected_for_the_province_total():
    # Two small ones nationally (no national hiding), but each is alone-small in its province, whose total
    # the page shows when zoomed: Almere (Flevoland) and Haarlem (Noord-Holland) are hidden too.
    entry = maps.MAP_MEASURES["waiting_time"]
    result = _hand_made([("GM0034", "Almere", 10, 70.0), ("GM0050", "Zeewolde", 2, 80.0),
                         ("GM0392", "Haarlem", 8, 126.0), ("GM0363", "Amsterdam", 1, 90.0),
                         ("GM0014", "Groningen", 9, 50.0)])
    mapped = maps.build(entry, result)
    assert mapped.suppressed_codes == {"GM0034", "GM0050", "GM0392", "GM0363"}
    assert mapped.shown["municipality_code"].tolist() == ["GM0014"]


def test_alt_text_names_the_classes_and_their_municipalities(con):
    text = maps.alt_text(_map(con, "waiting_time")[0])
    assert text.splitlines() == [
        "Kaart van Nederland (342 gemeenten), gekleurd naar wachttijd tot eerste woning (mediaan).",
        "- ≤ 10 weken: 1 gemeente (Almere)",
        "- > 14 t/m 18 weken: 1 gemeente (Haarlem)",
        "- grijs, geen gegevens of minder dan 5 huishoudens: 340 gemeenten",
        "De tabel naast de kaart geeft het cijfer van elke gemeente.",
    ]
