"""The Overzicht page in a real browser: a sidebar filter changes the figures and the link."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import (
    browser_page, dashboard_server, key_figure_value, require_browser, rerun, screenshot, wait_for_app,
)

pytestmark = pytest.mark.browser


def test_filter_by_municipality_updates_figures_and_link(tiny_store):
    require_browser()
    with dashboard_server(tiny_store.path) as url, browser_page() as page:
        page.goto(url + "/?van=2016-H1&tot=2016-H2")
        wait_for_app(page)
        expect(page.get_by_role("heading", name="Overzicht")).to_be_visible()
        value = key_figure_value(page, "Gehuisveste personen")
        expect(value).to_have_text("17")
        screenshot(page, "overzicht_tiny")

        page.get_by_role("combobox", name="Gemeente").click()
        with rerun(page):
            page.get_by_role("option", name="Almere").click()
            page.keyboard.press("Escape")
        # Almere 2016 rests on two households (HH07, HH08): suppressed, not shown as 7 persons.
        expect(value).to_have_text("<5")
        expect(page).to_have_url(re.compile(r"gemeente=GM0034"))
        expect(page).to_have_url(re.compile(r"van=2016-H1"))
