"""Links work from the very first request after server start: with `python -m ui.serve` and `streamlit run`."""

import pytest
from playwright.sync_api import expect

from housing_monitor import sequences
from housing_monitor.filters import Filters
from housing_monitor.measures import housing
from tests.browser import (
    SERVE, STREAMLIT_RUN, browser_page, dashboard_server, key_figure_value, no_page_not_found, require_browser,
    wait_for_app,
)

pytestmark = pytest.mark.browser

COMPARE = "/vergelijken?vergelijk=gemeente&kies=GM0882,GM0392"
PRESENTATION_VIEWS = [COMPARE, "/overzicht?gemeente=GM0882", "/begrippen"]
PRESENTATION = COMPARE + f"&presentatie=1&reeks={sequences.encode(PRESENTATION_VIEWS)}&stap=0"
COMMANDS = {"ui.serve": SERVE, "streamlit run": STREAMLIT_RUN}
# What `streamlit run dashboard.py` cannot avoid (README, "Starting the dashboard"): Streamlit decides on the
# first visitor's connection, before dashboard.py has run, that an app with a pages/ folder is a legacy one,
# and that first run's wrapper says "Page not found" before the router has shown the page it asked for.
LEGACY_FIRST_RUN = "streamlit run: the first run after start-up goes through Streamlit's legacy pages/ wrapper"


def _persons(store, code: str) -> str:
    """Persons housed in the municipality in the demo's latest year (the sidebar's default period), as shown."""
    with store.reader() as con:
        housed = housing.housed(con, Filters(period_from="2024-H1", period_to="2024-H2", municipalities=(code,)))
    return f"{housed.persons.iloc[0]:,} personen".replace(",", ".")


def _check_overview(page, store) -> None:
    expect(page.get_by_role("heading", name="Overzicht", level=1)).to_be_visible()
    total = _persons(store, "GM0882").split()[0]  # the link chose Landgraaf
    expect(key_figure_value(page, "Gehuisveste personen")).to_have_text(total)


def _check_compare(page, store) -> None:
    expect(page.get_by_role("heading", name="Vergelijken", level=1)).to_be_visible()
    for code, name in (("GM0882", "Landgraaf"), ("GM0392", "Haarlem")):
        expect(key_figure_value(page, name)).to_have_text(_persons(store, code))


def _check_presentation(page, store) -> None:
    _check_compare(page, store)
    expect(page.get_by_text("Weergave 1 van 3")).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()


# link → what the page must show, and the address bar afterwards (the default page moves to the root).
LINKS = {
    "overzicht": ("/overzicht?gemeente=GM0882", _check_overview, "/?gemeente=GM0882"),
    "vergelijken": (COMPARE, _check_compare, COMPARE),
    "presentatie": (PRESENTATION, _check_presentation, PRESENTATION),
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("name", list(LINKS))
def test_link_opens_its_page_on_the_first_request_after_start(demo_store, command, name):
    require_browser()
    link, check, shown = LINKS[name]
    with dashboard_server(demo_store.path, command=COMMANDS[command]) as url, browser_page() as page:
        page.goto(url + link)  # the server's very first visitor
        wait_for_app(page)
        check(page, demo_store)
        expect(page).to_have_url(url + shown)
        if command == "streamlit run":
            # A second visitor to the same server is no longer the first run: no dialog for them.
            second = page.context.new_page()
            second.goto(url + link)
            wait_for_app(second)
            check(second, demo_store)
            no_page_not_found(second)
            if page.get_by_role("dialog").filter(has_text="Page not found").count():
                pytest.xfail(LEGACY_FIRST_RUN)
        no_page_not_found(page)
