"""A participant on a phone: the content first, the sidebar behind its button, nothing wider than the screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import KEY_FIGURE, PHONE, browser_page, dashboard_server, require_browser, screenshot, wait_for_app
from ui.pages import PAGES

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = PHONE["viewport"]
COMPARE = "vergelijken?vergelijk=gemeente&kies=GM0882,GM0392,GM0363"
# Elements wider than the screen, outside the closed sidebar and outside a frame that scrolls or clips them
# (a wide table scrolls inside its own frame); and whether the page itself scrolls sideways.
_TOO_WIDE = """() => {
  const width = window.innerWidth;
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const framed = (element) => {
    for (let a = element.parentElement; a && a !== document.body; a = a.parentElement) {
      const overflow = getComputedStyle(a).overflowX;
      if (overflow !== 'visible' && a.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  const wide = [];
  for (const element of main.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 1 || box.left < -1) && !framed(element)) {
      wide.push((element.getAttribute('data-testid') || element.localName) + ' ' + Math.round(box.left) + '..'
        + Math.round(box.right));
    }
  }
  return {
    page: document.documentElement.scrollWidth - width,
    main: main.scrollWidth - main.clientWidth,
    wide: wide.slice(0, 5),
    sidebar: sidebar ? sidebar.getAttribute('data-collapsed') : null,
  };
}"""


def open_page(page, url: str, path: str) -> None:
    page.goto(f"{url}/{path}")
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible()
    wait_for_app(page)


def _swipe_up(page, x: float, y: float, distance: float = 250) -> None:
    """A finger moving up the screen (scrolling the page down), as touch events."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 13):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - distance * step / 12}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def _scrolled(page) -> float:
    return page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTop")


def test_phone_shows_the_content_first_and_the_sidebar_by_its_button(demo_store):
    require_browser()
    with dashboard_server(demo_store.path) as url, browser_page(**PHONE) as page:
        open_page(page, url, "")
        sidebar = page.locator('[data-testid="stSidebar"]')
        expect(sidebar).to_have_attribute("data-collapsed", "true")
        # The title and the first key figure are on the first screen, whole.
        first = page.locator(KEY_FIGURE).first
        expect(first).to_be_in_viewport(ratio=1)
        box = first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH and box["y"] + box["height"] <= HEIGHT
        screenshot(page, "telefoon_overzicht")

        page.locator('[data-testid="stExpandSidebarButton"]').click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")
        expect(sidebar.get_by_role("link", name="Kaart")).to_be_in_viewport()
        sidebar.get_by_role("combobox", name="Gemeente").scroll_into_view_if_needed()
        expect(sidebar.get_by_role("combobox", name="Gemeente")).to_be_in_viewport()
        screenshot(page, "telefoon_zijbalk")
        page.locator('[data-testid="stSidebarCollapseButton"] button').click()
        expect(sidebar).to_have_attribute("data-collapsed", "true")

        # A finger on a chart scrolls the page: dragging does not zoom the chart.
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        chart.scroll_into_view_if_needed()
        before = _scrolled(page)
        box = chart.bounding_box()
        _swipe_up(page, box["x"] + box["width"] / 2, min(box["y"] + box["height"] / 2, HEIGHT - 300))
        page.wait_for_function(f"() => document.querySelector('[data-testid=\"stMain\"]').scrollTop > {before + 100}")


def test_no_page_is_wider_than_a_phone(demo_store):
    require_browser()
    problems = {}
    with dashboard_server(demo_store.path) as url, browser_page(**PHONE) as page:
        for spec in PAGES:
            open_page(page, url, COMPARE if spec.url_path == "vergelijken" else spec.address)
            measured = page.evaluate(_TOO_WIDE)
            outside = [
                figure.get_attribute("data-testid")
                for figure in page.locator(f'{KEY_FIGURE}, [data-testid="stPlotlyChart"]').all()
                if (box := figure.bounding_box()) and (box["x"] < 0 or box["x"] + box["width"] > WIDTH)
            ]
            if measured != {"page": 0, "main": 0, "wide": [], "sidebar": "true"} or outside:
                problems[spec.url_path] = {**measured, "figures outside": outside}
            if spec.url_path == "vergelijken":
                # A phone gets the comparison's panels under each other, each as wide as the screen.
                second = page.evaluate(
                    "() => document.querySelector('[data-testid=\"stPlotlyChart\"] .js-plotly-plot')"
                    "._fullLayout.xaxis2.domain"
                )
                assert second[0] == 0
            if spec.url_path in ("overzicht", "vergelijken", "kaart"):
                screenshot(page, f"telefoon_{spec.url_path}")
    assert problems == {}


def test_desktop_opens_with_the_sidebar_open(demo_store):
    require_browser()
    with dashboard_server(demo_store.path) as url, browser_page(viewport=(1366, 768)) as page:
        open_page(page, url, "")
        sidebar = page.locator('[data-testid="stSidebar"]')
        expect(sidebar).to_have_attribute("data-collapsed", "false")
        expect(sidebar.get_by_role("link", name="Kaart")).to_be_in_viewport()
