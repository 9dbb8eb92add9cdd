"""Overlast, Integratie and Interventies in a real browser on the demo data, with a screenshot of each."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import (
    browser_page, dashboard_server, key_figure_value, require_browser, screenshot, wait_for_app,
)

pytestmark = pytest.mark.browser

VIEWS = [
    ("overlast", "/overlast", "Overlast", "Per 100 huishoudjaren"),
    ("integratie", "/integratie?van=2016-H1&tot=2019-H2&uitkomst=employed", "Integratie", "Betaald werk na 24 mnd"),
    ("interventies", "/interventies", "Interventies", "Met genoeg gegevens"),
]
A_FIGURE = re.compile(r"^\d")  # a number: neither empty, "–" nor "<5"


def test_pages_render_with_figures_and_charts(demo_store):
    require_browser()
    with dashboard_server(demo_store.path) as url, browser_page(viewport=(1400, 3400)) as page:
        for name, view, title, figure in VIEWS:
            page.goto(url + view)
            expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
            wait_for_app(page)
            expect(key_figure_value(page, figure)).to_have_text(A_FIGURE)
            # The chart exists once Plotly has drawn it: wait for it rather than count what is there so far.
            expect(page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg').first).to_be_visible()
            screenshot(page, f"impact_{name}")
        # The coordinator of the seed is the first conclusive intervention: its chart marks the start.
        page.goto(url + "/interventies")
        expect(page.get_by_role("heading", name="Coördinator – Almere-Haven, Almere (feb 2017)")).to_be_visible()
        wait_for_app(page)
        expect(page.get_by_text("Start coördinator (01-02-2017)")).to_have_count(1)
