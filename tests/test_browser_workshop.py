"""A facilitator's workshop in a real browser: shared links, presentation mode, safe exports."""

import pytest

from housing_monitor import sequences
from housing_monitor.filters import Filters
from housing_monitor.measures import housing
from tests.browser import (
    browser_page,
    dashboard_server,
    require_browser,
    screenshot,
    wait_for_app,
)
from tests.conftest import build_store

pytestmark = pytest.mark.browser


def _metric_text(page, label):
    return page.locator('[data-testid="stMetric"]').filter(has_text=label).locator('[data-testid="stMetricValue"]').inner_text()


def test_shared_link_opens_the_same_filters_and_numbers(demo_store):
    require_browser()
    with demo_store.reader() as con:
        expected = housing.housed(con, Filters(period_from="2016-H1", period_to="2016-H2", municipalities=("GM0882",)))
    with dashboard_server(demo_store.path) as url, browser_page() as page:
        page.goto(url + "/?gemeente=GM0882&van=2016-H1&tot=2016-H2")
        wait_for_app(page)
        assert _metric_text(page, "Gehuisveste personen") == f"{expected.persons.iloc[0]:,}".replace(",", ".")
        assert page.get_by_role("combobox", name="Gemeente").locator("xpath=..").inner_text().startswith("Landgraaf")
        assert "H1 2016" in page.locator('[data-testid="stSidebar"]').inner_text()
        # The facilitator opens the share panel: the link to copy is this very view.
        page.get_by_text("Deel of presenteer deze weergave").click()
        shared = page.locator('[data-testid="stSidebar"] [data-testid="stCode"]')
        shared.wait_for()
        assert "gemeente=GM0882" in shared.inner_text() and "van=2016-H1" in shared.inner_text()
        shared.scroll_into_view_if_needed()
        screenshot(page, "workshop_shared_link")


def test_presentation_steps_through_prepared_views(demo_store):
    require_browser()
    views = ["/?gemeente=GM0882&van=2016-H1&tot=2016-H2", "/vergelijken?vergelijk=woonvorm&kies=tijdelijk,woningdelen", "/begrippen"]
    link = views[0] + f"&presentatie=1&reeks={sequences.encode(views)}&stap=0"
    with dashboard_server(demo_store.path) as url, browser_page(viewport=(1280, 800)) as page:
        page.goto(url + link)
        wait_for_app(page)
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        page.get_by_text("Weergave 1 van 3").wait_for()
        screenshot(page, "workshop_presentation_1")
        page.get_by_role("button", name="Volgende ▶").click()
        wait_for_app(page)
        page.get_by_role("heading", name="Vergelijken").wait_for()
        page.get_by_text("Weergave 2 van 3").wait_for()
        assert "kies=tijdelijk" in page.url and "stap=1" in page.url
        screenshot(page, "workshop_presentation_2")
        page.get_by_role("button", name="Volgende ▶").click()
        wait_for_app(page)
        page.get_by_role("heading", name="Begrippen en over de data").wait_for()
        page.get_by_role("button", name="◀ Vorige").click()
        wait_for_app(page)
        page.get_by_role("heading", name="Vergelijken").wait_for()
        page.get_by_role("button", name="Stop presentatie").click()
        wait_for_app(page)
        assert page.locator('[data-testid="stSidebar"]').is_visible()


def test_downloaded_csv_is_suppressed_and_neutralised(tmp_path):
    require_browser()
    store = build_store(tmp_path / "hostile.duckdb", "hostile")
    with dashboard_server(store.path) as url, browser_page() as page:
        page.goto(url + "/vergelijken?vergelijk=project&kies=%3DHYPERLINK(%22http://x%22),%40Gouden Leeuw,%2BKlein project&van=2016-H1&tot=2016-H1")
        wait_for_app(page)
        with page.expect_download() as download:
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
