"""The Wachtenden page in a real browser on the demo data: the queue, a municipality filter, a filter links lack."""

import pytest
from playwright.sync_api import expect

from tests.browser import browser_page, dashboard_server, key_figure, require_browser, rerun, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def test_waiting_page_follows_the_sidebar(demo_store):
    require_browser()
    with dashboard_server(demo_store.path) as url, browser_page(viewport=(1400, 3000)) as page:
        page.goto(url + "/wachtenden")
        wait_for_app(page)
        expect(page.get_by_role("heading", name="Wachtenden", exact=True)).to_be_visible()
        queue = key_figure(page, "Wachtend op een woning")
        # The demo's queue at 31-12-2024 (tests/test_demo.py::test_demo_has_a_queue_at_the_reference_date).
        expect(queue).to_contain_text("687")
        # Four charts, each drawn: the count waits until the last one is there.
        expect(page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot')).to_have_count(4)
        screenshot(page, "wachtenden_demo")

        page.get_by_role("combobox", name="Gemeente").click()
        with rerun(page):
            page.get_by_role("option", name="'s-Gravenhage").click()
        page.keyboard.press("Escape")
        expect(queue).to_contain_text("188")
        assert "gemeente=GM0518" in page.url

        page.get_by_role("combobox", name="Corporatie").click()
        with rerun(page):
            page.get_by_role("option").first.click()
        page.keyboard.press("Escape")
        expect(page.get_by_text("Koppelingen hebben geen corporatie: die filters")).to_be_visible()
        expect(queue).to_contain_text("188")  # the corporation filter does not apply to links
