"""A facilitator's workshop in a real browser: shared links, presentation mode, safe exports."""

import re

import pytest
from playwright.sync_api import expect

from housing_monitor import sequences
from housing_monitor.filters import Filters
from housing_monitor.measures import housing
from tests.browser import (
    TIMEOUT_MS, browser_page, dashboard_server, key_figure_value, require_browser, rerun, screenshot, wait_for_app,
)
from tests.conftest import build_store

pytestmark = pytest.mark.browser


def test_shared_link_opens_the_same_filters_and_numbers(demo_store):
    require_browser()
    with demo_store.reader() as con:
        expected = housing.housed(con, Filters(period_from="2016-H1", period_to="2016-H2", municipalities=("GM0882",)))
    with dashboard_server(demo_store.path) as url, browser_page() as page:
        page.goto(url + "/?gemeente=GM0882&van=2016-H1&tot=2016-H2")
        wait_for_app(page)
        expect(key_figure_value(page, "Gehuisveste personen")).to_have_text(f"{expected.persons.iloc[0]:,}".replace(",", "."))
        expect(page.get_by_role("combobox", name="Gemeente").locator("xpath=..")).to_have_text(re.compile("^Landgraaf"))
        expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("H1 2016")
        # The facilitator opens the share panel: the link to copy is this very view.
        page.get_by_text("Deel of presenteer deze weergave").click()
        shared = page.locator('[data-testid="stSidebar"] [data-testid="stCode"]')
        expect(shared).to_contain_text("gemeente=GM0882")
        expect(shared).to_contain_text("van=2016-H1")
        shared.scroll_into_view_if_needed()
        screenshot(page, "workshop_shared_link")


def test_presentation_steps_through_prepared_views(demo_store):
    require_browser()
    views = ["/?gemeente=GM0882&van=2016-H1&tot=2016-H2", "/vergelijken?vergelijk=woonvorm&kies=tijdelijk,woningdelen", "/begrippen"]
    link = views[0] + f"&presentatie=1&reeks={sequences.encode(views)}&stap=0"
    with dashboard_server(demo_store.path) as url, browser_page(viewport=(1280, 800)) as page:
        page.goto(url + link)
        wait_for_app(page)
        sidebar = page.locator('[data-testid="stSidebar"]')
        expect(page.get_by_text("Weergave 1 van 3")).to_be_visible()
        expect(sidebar).to_be_hidden()
        screenshot(page, "workshop_presentation_1")
        with rerun(page):
            page.get_by_role("button", name="Volgende ▶").click()
        expect(page.get_by_role("heading", name="Vergelijken")).to_be_visible()
        expect(page.get_by_text("Weergave 2 van 3")).to_be_visible()
        expect(page).to_have_url(re.compile(r"kies=tijdelijk.*stap=1"))
        screenshot(page, "workshop_presentation_2")
        with rerun(page):
            page.get_by_role("button", name="Volgende ▶").click()
        expect(page.get_by_role("heading", name="Begrippen en over de data")).to_be_visible()
        with rerun(page):
            page.get_by_role("button", name="◀ Vorige").click()
        expect(page.get_by_role("heading", name="Vergelijken")).to_be_visible()
        with rerun(page):
            page.get_by_role("button", name="Stop presentatie").click()
        expect(sidebar).to_be_visible()


def test_downloaded_csv_is_suppressed_and_neutralised(tmp_path):
    require_browser()
    store = build_store(tmp_path / "hostile.duckdb", "hostile")
    with dashboard_server(store.path) as url, browser_page() as page:
        page.goto(url + "/vergelijken?vergelijk=project&kies=%3DHYPERLINK(%22http://x%22),%40Gouden Leeuw,%2BKlein project&van=2016-H1&tot=2016-H1")
        wait_for_app(page)
        with page.expect_download(timeout=TIMEOUT_MS) as download:
            page.get_by_role("button", name="Download als CSV").click()
        content = open(download.value.path(), "rb").read()
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    header = text.splitlines()[0].split(";")
    assert "'@Gouden Leeuw" in header and "'+Klein project" in header
    assert any(cell.startswith("\"'=HYPERLINK") for cell in header)
    assert not any(cell.startswith(("=", "+", "@")) for line in text.splitlines() for cell in line.split(";"))
    # The one-household project is shown as '<5', never as 1.
    klein = header.index("'+Klein project (n)")
    assert all(line.split(";")[klein] == "<5" for line in text.splitlines()[1:])
