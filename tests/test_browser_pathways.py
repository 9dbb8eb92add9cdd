"""The Woonvormen, Doorstroom and Taakstelling pages in a real browser on the demo data (screenshots to look at)."""

import pytest

from tests.browser import (
    browser_page,
    dashboard_server,
    require_browser,
    screenshot,
    wait_for_app,
)

pytestmark = pytest.mark.browser

PAGES = [
    ("woonvormen", "Woonvormen", "Gestandaardiseerd naar huishoudtype"),
    ("doorstroom", "Doorstroom naar vaste woning", "De helft van de huishoudens"),
    ("taakstelling", "Taakstelling", "Realisatie taakstelling"),
]


def _open(page, title: str) -> str:
    """Go to a page through the sidebar (a deep link on a fresh session can race Streamlit's router)."""
    page.get_by_role("link", name=title, exact=True).click()
    wait_for_app(page)
    page.get_by_role("heading", name=title, exact=True).wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    wait_for_app(page)
    return page.locator('[data-testid="stMain"]').inner_text()


def test_pathway_pages_render_with_their_chart(demo_store):
    require_browser()
    # A tall window: Streamlit scrolls inside its main area, so a full-page shot shows only the window.
    with dashboard_server(demo_store.path) as url, browser_page(viewport=(1400, 3000)) as page:
        page.goto(url + "/?van=2016-H1&tot=2016-H2")
        wait_for_app(page)
        # Under load the status widget may not be up yet; leaving the page before the first run has read
        # the link would drop it, so wait for proof that it was read.
        page.get_by_text("Periode: 2016").wait_for()
        for slug, title, text in PAGES:
            shown = _open(page, title)
            assert text in shown and "2016" in shown
            screenshot(page, f"{slug}_demo")
        # The standardisation toggle says which figures are shown.
        _open(page, "Woonvormen")
        page.locator('[data-testid="stCheckbox"]').filter(has_text="Gestandaardiseerd").click()
        wait_for_app(page)
        assert "gestandaardiseerde" in page.locator('[data-testid="stMain"]').inner_text()
        screenshot(page, "woonvormen_gestandaardiseerd_demo")
