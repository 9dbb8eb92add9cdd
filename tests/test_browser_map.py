"""The map in a real browser (click a municipality → the dashboard filters on it) and as a PNG (kaleido)."""

import re
import struct

import pytest
from playwright.sync_api import expect

from housing_monitor.filters import Filters
from housing_monitor.present import images, maps
from tests.browser import (
    browser_page,
    dashboard_server,
    require_browser,
    rerun,
    screenshot,
    wait_for_app,
)
from tests.conftest import build_store

pytestmark = pytest.mark.browser

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
NOORDOOSTPOLDER = "GM0171"  # large, compact (its middle lies inside it) and with households in the demo's latest year


def _pixel(page, code: str) -> tuple[float, float]:
    """The middle of the municipality's shape as the browser drew it (Plotly keeps its code on the path)."""
    box = page.evaluate(
        """code => {
            const path = [...document.querySelectorAll('path.choroplethlocation')]
                .find(p => p.__data__ && p.__data__.loc === code);
            const r = path.getBoundingClientRect();
            return {x: r.x + r.width / 2, y: r.y + r.height / 2};
        }""",
        code,
    )
    return box["x"], box["y"]


def test_map_png_export_is_a_real_image(tmp_path):
    require_browser()
    store = build_store(tmp_path / "map.duckdb", "map")
    entry = maps.MAP_MEASURES["waiting_time"]
    with store.reader() as con:
        mapped = maps.build(entry, maps.values(con, entry, maps.map_filters(Filters())))
    png = images.chart_image(maps.figure(mapped, height=900, title=entry.label), "png", width=800)
    assert png[:8] == PNG_MAGIC
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk; images draws at twice the size
    assert (width, height) == (1600, 1800)
    assert len(png) > 20_000  # 342 shapes, not an empty canvas
    (tmp_path / "map.png").write_bytes(png)
    # The SVG is a vector map: one path per municipality, drawn without fetching a base map.
    svg = images.chart_image(maps.figure(mapped, height=900, title=entry.label), "svg", width=800)
    assert svg.count(b"choroplethlocation") == 342


def test_clicking_a_municipality_on_the_map_filters_the_dashboard(demo_store):
    require_browser()
    with dashboard_server(demo_store.path) as url, browser_page(viewport=(1400, 1800)) as page:
        page.goto(url + "/kaart")
        wait_for_app(page)
        expect(page.get_by_role("heading", name="Kaart")).to_be_visible()
        page.wait_for_function(  # the shape to click is drawn
            "code => [...document.querySelectorAll('path.choroplethlocation')].some(p => p.__data__ && p.__data__.loc === code)",
            arg=NOORDOOSTPOLDER,
        )
        screenshot(page, "kaart_demo")

        x, y = _pixel(page, NOORDOOSTPOLDER)
        page.mouse.move(x, y)
        expect(page.locator(".hoverlayer").first).to_contain_text("Noordoostpolder")
        with rerun(page):
            page.mouse.click(x, y)
        expect(page).to_have_url(re.compile(f"gemeente={NOORDOOSTPOLDER}"))
        expect(page.get_by_text("Zwart omlijnd: Noordoostpolder")).to_have_count(1)
        expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Noordoostpolder")
        screenshot(page, "kaart_demo_clicked")
