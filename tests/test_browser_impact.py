"""Overlast, Integratie and Interventies in a real browser on the demo data, with a screenshot of each."""

import pytest

from tests.browser import (
    browser_page,
    dashboard_server,
    require_browser,
    screenshot,
    wait_for_app,
)

pytestmark = pytest.mark.browser

VIEWS = [
    ("overlast", "/overlast", "Overlast", "Per 100 huishoudjaren"),
    ("integratie", "/integratie?van=2016-H1&tot=2019-H2&uitkomst=employed", "Integratie", "Betaald werk na 24 mnd"),
    ("interventies", "/interventies", "Interventies", "Met genoeg gegevens"),
]


def test_pages_render_with_figures_and_charts(demo_store):
    require_browser()
    with dashboard_server(demo_store.path) as url, browser_page(viewport=(1400, 3400)) as page:
        for name, view, title, figure in VIEWS:
            page.goto(url + view)
            page.get_by_role("heading", name=title, exact=True).wait_for(timeout=60000)
            wait_for_app(page, timeout_ms=60000)
            card = page.locator('[data-testid="stMetric"]').filter(has_text=figure)
            value = card.locator('[data-testid="stMetricValue"]').inner_text()
            assert value not in ("", "–", "<5"), (name, value)
            assert page.locator(".js-plotly-plot").count() >= 1
            screenshot(page, f"impact_{name}")
        # The coordinator of the seed is the first conclusive intervention: its chart marks the start.
        page.goto(url + "/interventies")
        page.get_by_role("heading", name="Coördinator – Almere-Haven, Almere (feb 2017)").wait_for(timeout=60000)
        wait_for_app(page, timeout_ms=60000)
        assert page.get_by_text("Start coördinator (01-02-2017)").count() == 1
