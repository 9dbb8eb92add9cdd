"""The Woonvormen, Doorstroom and Taakstelling pages in a real browser on the demo data (screenshots to look at)."""

import pytest
from playwright.sync_api import expect

from tests.browser import (
    browser_page,
    click_until,
    dashboard_server,
    require_browser,
    rerun,
    screenshot,
    wait_for_app,
)

pytestmark = pytest.mark.browser

PAGES = [
    ("woonvormen", "Woonvormen", "Gestandaardiseerd naar huishoudtype"),
    ("doorstroom", "Doorstroom naar vaste woning", "De helft van de huishoudens"),
    ("taakstelling", "Taakstelling", "Realisatie taakstelling"),
]


def _open(page, title: str):
    """Go to a page through the sidebar, as a visitor does; its main area once the page and its chart are there."""
    # Wait for the page itself, not for a run to start (see click_until).
    click_until(page.get_by_role("link", name=title, exact=True), page.get_by_role("heading", name=title, exact=True))
    expect(page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg').first).to_be_visible()
    return page.locator('[data-testid="stMain"]')


def test_pathway_pages_render_with_their_chart(demo_store):
    require_browser()
    # A tall window: Streamlit scrolls inside its main area, so a full-page shot shows only the window.
    with dashboard_server(demo_store.path) as url, browser_page(viewport=(1400, 3000)) as page:
        page.goto(url + "/?van=2016-H1&tot=2016-H2")
        wait_for_app(page)
        # Leaving the page before the first run has read the link would drop it: wait for proof that it was read.
        expect(page.get_by_text("Periode: 2016")).to_be_visible()
        for slug, title, text in PAGES:
            main = _open(page, title)
            expect(main).to_contain_text(text)
            expect(main).to_contain_text("2016")
            screenshot(page, f"{slug}_demo")
        # The standardisation toggle says which figures are shown.
        main = _open(page, "Woonvormen")
        with rerun(page):
            page.locator('[data-testid="stCheckbox"]').filter(has_text="Gestandaardiseerd").click()
        expect(main).to_contain_text("gestandaardiseerde")
        screenshot(page, "woonvormen_gestandaardiseerd_demo")
