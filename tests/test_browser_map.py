"""The map in a real browser (click a municipality → the dashboard filters on it) and as a PNG (kaleido)."""

import math
import struct

import numpy as np
import pytest

from housing_monitor import images, maps
from housing_monitor.filters import Filters
from tests.browser import browser_page, dashboard_server, require_browser, screenshot, wait_for_app
from tests.conftest import build_store

pytestmark = pytest.mark.browser

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
NOORDOOSTPOLDER = "GM0171"  # large, compact and with households in the demo's latest year


def _outer_ring(code: str) -> np.ndarray:
    feature = next(f for f in maps.boundaries()["features"] if f["id"] == code)
    geometry = feature["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return np.array(max((polygon[0] for polygon in polygons), key=len), dtype=float)


def _inside(ring: np.ndarray, lon: float, lat: float) -> bool:
    x, y = ring[:, 0], ring[:, 1]
    spans = (y[:-1] > lat) != (y[1:] > lat)  # edges that cross the point's latitude (never horizontal ones)
    with np.errstate(divide="ignore", invalid="ignore"):
        at_lat = (x[1:] - x[:-1]) * (lat - y[:-1]) / (y[1:] - y[:-1]) + x[:-1]
    return bool((spans & (lon < at_lat)).sum() % 2)


def _centroid(code: str) -> tuple[float, float]:
    """The area centroid of the municipality's largest ring (checked to lie inside it)."""
    ring = _outer_ring(code)
    x, y = ring[:, 0], ring[:, 1]
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    lon = ((x[:-1] + x[1:]) * cross).sum() / (3 * cross.sum())
    lat = ((y[:-1] + y[1:]) * cross).sum() / (3 * cross.sum())
    assert _inside(ring, lon, lat)
    return lon, lat


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _pixel(page, lon: float, lat: float) -> tuple[float, float]:
    """Where a point lies on the map canvas, from the centre and zoom the browser actually uses."""
    view = page.evaluate("() => { const m = document.querySelector('.js-plotly-plot')._fullLayout.map;"
                         " return {lon: m.center.lon, lat: m.center.lat, zoom: m.zoom}; }")
    box = page.locator(".maplibregl-canvas").first.bounding_box()
    scale = 512 * 2 ** view["zoom"]  # MapLibre's world width in pixels
    x = box["x"] + box["width"] / 2 + (lon - view["lon"]) / 360 * scale
    y = box["y"] + box["height"] / 2 - (_mercator_y(lat) - _mercator_y(view["lat"])) / (2 * math.pi) * scale
    return x, y


def test_map_png_export_is_a_real_image(tmp_path):
    require_browser()
    store = build_store(tmp_path / "map.duckdb", "map")
    entry = maps.MAP_MEASURES["waiting_time"]
    with store.reader() as con:
        mapped = maps.build(entry, maps.values(con, entry, maps.map_filters(Filters())))
    png = images.chart_image(maps.figure(mapped, width=800, height=900, title=entry.label), "png", width=800)
    assert png[:8] == PNG_MAGIC
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk; images draws at twice the size
    assert (width, height) == (1600, 1800)
    assert len(png) > 20_000  # 342 shapes, not an empty canvas
    (tmp_path / "map.png").write_bytes(png)


def test_clicking_a_municipality_on_the_map_filters_the_dashboard(demo_store):
    require_browser()
    lon, lat = _centroid(NOORDOOSTPOLDER)
    with dashboard_server(demo_store.path) as url, browser_page(viewport=(1400, 1800)) as page:
        page.goto(url + "/kaart")
        wait_for_app(page)
        page.get_by_role("heading", name="Kaart").wait_for()
        page.wait_for_selector(".maplibregl-canvas")
        page.wait_for_timeout(1500)  # MapLibre draws after the element appears
        screenshot(page, "kaart_demo")

        x, y = _pixel(page, lon, lat)
        page.mouse.move(x, y)
        page.wait_for_timeout(500)
        assert "Noordoostpolder" in page.locator(".hoverlayer").first.text_content()
        page.mouse.click(x, y)
        page.wait_for_url(f"**gemeente={NOORDOOSTPOLDER}**", timeout=15000)
        wait_for_app(page)
        page.wait_for_timeout(1000)
        assert page.get_by_text("Zwart omlijnd: Noordoostpolder").count() == 1
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert "Noordoostpolder" in sidebar.inner_text()
        screenshot(page, "kaart_demo_clicked")
