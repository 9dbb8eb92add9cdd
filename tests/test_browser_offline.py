"""Every page in a real browser asks nothing of other machines: the dashboard works offline and leaks nothing."""

import pytest
from playwright.sync_api import expect

from tests.browser import browser_page, dashboard_server, require_browser, wait_for_app
from ui import pages

pytestmark = pytest.mark.browser


def test_no_page_requests_anything_from_another_host(demo_store):
    require_browser()
    elsewhere = []
    with dashboard_server(demo_store.path) as url, browser_page() as page:
        page.on("request", lambda r: None if r.url.startswith((url, "data:", "blob:")) else elsewhere.append(r.url))
        for spec in pages.PAGES:
            page.goto(f"{url}/{spec.url_path}")  # the default page too by its own path: that works from the first request
            wait_for_app(page)
            expect(page.get_by_role("heading", level=1).first).to_be_visible()
        # The favicon is the dashboard's own (a Material icon would come from Google's font servers).
        icon = page.locator("link[rel='icon'], link[rel='shortcut icon']").first.get_attribute("href")
        assert icon.startswith(("/", url, "./")) or icon.startswith("media/"), icon
    assert elsewhere == []
