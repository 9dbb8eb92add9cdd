"""A facilitator's deck in a real browser: built from two pages, reordered, opened by its link, stepped by keys."""

import re
import shutil

import pytest
from playwright.sync_api import expect

from housing_monitor import sequences
from housing_monitor.db import decks
from housing_monitor.db.store import Store
from tests.browser import (
    KEY_FIGURE_VALUE,
    SERVE,
    browser_page,
    dashboard_server,
    no_page_not_found,
    require_browser,
    rerun,
    screenshot,
    wait_for_app,
)

pytestmark = pytest.mark.browser

OVERVIEW = "/?gemeente=GM0882"
COMPARE = "/vergelijken?vergelijk=woonvorm&kies=tijdelijk,woningdelen"


@pytest.fixture
def demo_copy(demo_store, tmp_path) -> Store:
    """A writable copy of the demo database (the shared one is read-only)."""
    store = Store(tmp_path / "monitor.duckdb")
    shutil.copyfile(demo_store.current_snapshot(), store.path)
    with store.writer():
        pass
    return store


def _axe_serious(page) -> list[tuple[str, str]]:
    """Serious or critical WCAG 2.1 AA violations axe-core finds on the page (empty without axe-core installed)."""
    from tests.test_accessibility import AXE, WCAG_TAGS

    if not AXE.exists():
        return []
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [(v["id"], v["help"]) for v in result["violations"] if v["impact"] in ("serious", "critical")]


def _only_deck(store: Store) -> decks.Deck:
    with store.reader() as con:
        [deck] = decks.owned_by(con, decks.LOCAL_OWNER)
    return deck


def _add_to_deck(page, name: str | None) -> None:
    """Open the share panel and add this view: to a new deck called `name`, or (None) to the deck offered first."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    add = sidebar.get_by_role("button", name="Voeg toe aan presentatie")
    # The panel is filled by the run its opening starts: wait for what it then shows.
    sidebar.get_by_text("Deel of presenteer deze weergave").click()
    try:
        expect(add).to_be_visible()
    except AssertionError:
        screenshot(page, "decks_share_panel_not_opened")
        raise
    wait_for_app(page)
    if name:
        sidebar.get_by_role("textbox", name=re.compile("presentatie, met de naam")).fill(name)
    with rerun(page):
        sidebar.get_by_role("button", name="Voeg toe aan presentatie").click()
    expect(sidebar.get_by_text(re.compile(r"Toegevoegd aan '.+' als weergave"))).to_be_visible()
    expect(sidebar.get_by_role("textbox", name=re.compile("presentatie, met de naam"))).to_have_value("")


def _heading(page, name: str):
    return page.get_by_role("heading", name=name, level=1)


def _step(page, key: str, heading: str, counter: str) -> None:
    with rerun(page):
        page.keyboard.press(key)
    expect(_heading(page, heading)).to_be_visible()
    expect(page.get_by_text(counter)).to_be_visible()


def test_a_deck_is_built_reordered_opened_by_its_link_and_stepped_by_keys(demo_copy):
    require_browser()
    version = demo_copy.version()
    with dashboard_server(demo_copy.path) as url, browser_page(viewport=(1280, 800)) as page:
        # Two views, each added from its own page.
        page.goto(url + OVERVIEW)
        wait_for_app(page)
        _add_to_deck(page, "Werksessie Landgraaf")
        page.goto(url + COMPARE)
        wait_for_app(page)
        _add_to_deck(page, None)
        screenshot(page, "decks_share_panel")

        # Reorder on Presentatie voorbereiden: the comparison first.
        page.goto(url + "/presentatie")
        wait_for_app(page)
        card = page.locator(".st-key-deck_" + _only_deck(demo_copy).deck_id)
        views = card.get_by_text(re.compile(r"^\d+ · "))
        expect(views).to_have_text(["1 · Overzicht · gemeente: Landgraaf", re.compile(r"^2 · Vergelijken")])
        with rerun(page):
            card.get_by_role("button", name="Eerder").nth(1).click()
        expect(views).to_have_text([re.compile(r"^1 · Vergelijken"), "2 · Overzicht · gemeente: Landgraaf"])
        link = card.locator('[data-testid="stCode"]').inner_text().strip()
        assert re.fullmatch(re.escape(url) + r"/\?deck=[A-Za-z0-9_-]{8}", link), link
        screenshot(page, "decks_present_page")
        assert _axe_serious(page) == []

        # A fresh browser context (someone else's laptop on the projector) opens the one link.
        projector = page.context.browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
        beamer = projector.new_page()
        beamer.goto(link)
        wait_for_app(beamer)
        expect(_heading(beamer, "Vergelijken")).to_be_visible()
        expect(beamer.get_by_text("Weergave 1 van 2 · Werksessie Landgraaf")).to_be_visible()
        expect(beamer.locator('[data-testid="stSidebar"]')).to_be_hidden()
        expect(beamer).to_have_url(re.compile(r"kies=tijdelijk.*presentatie=1&deck=.*&stap=0"))
        # The clicker's twin buttons are there for their keys only.
        expect(beamer.get_by_role("button", name=re.compile("PageDown"))).to_be_hidden()
        expect(beamer.locator(KEY_FIGURE_VALUE).first).to_be_visible()  # drawn, not a placeholder
        screenshot(beamer, "decks_projector_1")
        expect(beamer.get_by_role("button", name=re.compile("Volgende"))).to_have_count(1)

        _step(beamer, "PageDown", "Overzicht", "Weergave 2 van 2")
        expect(beamer).to_have_url(re.compile(r"gemeente=GM0882.*stap=1"))
        # Drawn before the page (a step switches at once), shown below it.
        controls = beamer.locator(".st-key-pres_controls")
        controls.scroll_into_view_if_needed()
        assert controls.bounding_box()["y"] > _heading(beamer, "Overzicht").bounding_box()["y"]
        screenshot(beamer, "decks_projector_2")
        assert _axe_serious(beamer) == []
        _step(beamer, "PageUp", "Vergelijken", "Weergave 1 van 2")
        _step(beamer, "ArrowRight", "Overzicht", "Weergave 2 van 2")
        _step(beamer, "ArrowLeft", "Vergelijken", "Weergave 1 van 2")
        projector.close()
    assert demo_copy.version() == version, "building the deck changed no data: the room's caches stay warm"


def test_a_prepared_reeks_link_still_works_and_steps_by_keys(demo_store):
    require_browser()
    views = [OVERVIEW, COMPARE, "/begrippen"]
    link = views[0] + f"&presentatie=1&reeks={sequences.encode(views)}&stap=0"
    with dashboard_server(demo_store.path) as url, browser_page(viewport=(1280, 800)) as page:
        page.goto(url + link)
        wait_for_app(page)
        expect(page.get_by_text("Weergave 1 van 3")).to_be_visible()
        _step(page, "PageDown", "Vergelijken", "Weergave 2 van 3")
        expect(page).to_have_url(re.compile(r"reeks=.*stap=1"))
        _step(page, "ArrowRight", "Begrippen en over de data", "Weergave 3 van 3")
        _step(page, "PageUp", "Vergelijken", "Weergave 2 van 3")


def test_an_unknown_deck_link_says_so(demo_store):
    require_browser()
    with dashboard_server(demo_store.path) as url, browser_page() as page:
        page.goto(url + "/?deck=Bestaatniet")
        wait_for_app(page)
        expect(page.get_by_text("Deze presentatie bestaat niet (meer)")).to_be_visible()
        expect(_heading(page, "Overzicht")).to_be_visible()
    assert decks.valid_id("Bestaatniet")


def test_a_deck_link_is_the_servers_very_first_request(demo_copy):
    require_browser()
    deck = decks.create(demo_copy, decks.LOCAL_OWNER, "Werksessie", [COMPARE, OVERVIEW])
    with dashboard_server(demo_copy.path, command=SERVE) as url, browser_page() as page:
        page.goto(f"{url}/?deck={deck.deck_id}")
        wait_for_app(page)
        no_page_not_found(page)
        expect(_heading(page, "Vergelijken")).to_be_visible()
        expect(page.get_by_text("Weergave 1 van 2 · Werksessie")).to_be_visible()
