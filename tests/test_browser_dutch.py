"""Dutch everywhere a viewer looks: no English text of Streamlit's or Plotly's own on any page, menu or toolbar."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import browser_page, dashboard_server, require_browser, rerun, wait_for_app
from tests.importing import FILES
from ui.pages import PAGES

pytestmark = pytest.mark.browser

# What Streamlit 1.67 and its bundled plotly.js show on these pages, found by walking them (exact texts).
KNOWN_ENGLISH = {
    # Streamlit: navigation, menu, status
    "App pages", "Sidebar", "Collapse sidebar", "Expand sidebar", "Skip to main content", "View more", "View less",
    "Main menu", "Print", "Record screen", "Settings", "About", "Theme", "Light", "Dark", "System",
    "Copy version to clipboard", "Running...", "Stop", "Stopping...", "Rerun", "Connecting", "Connection error",
    "Please wait...", "Link to heading", "Help", "Open", "Close", "Dismiss",
    # Streamlit: widgets
    "Upload", "Add files", "Drag and drop file here", "Drag and drop files here", "file upload", "Error:",
    "File type not allowed.",
    "Choose an option", "No results", "Clear all", "Clear", "Select all", "Choose date", "Previous month",
    "Next month", "Use arrow keys to navigate dates. Enter to select. Escape to close.",
    # Streamlit: charts and tables
    "Fullscreen", "Close fullscreen", "Download as CSV", "Search", "Close Search", "Type to search",
    "Next Result", "Previous Result", "Show/hide columns", "Sort ascending", "Sort descending", "Autosize",
    "Pin column", "Unpin column", "Hide column", "Statistics",
    # Plotly's chart toolbar and notes
    "Download plot as a PNG", "Download plot as a png", "Download plot", "Zoom", "Pan", "Zoom in", "Zoom out",
    "Autoscale", "Reset axes", "Reset", "Reset view", "Box Select", "Lasso Select", "Toggle Spike Lines",
    "Show closest data on hover", "Compare data on hover", "Produced with Plotly", "Produced with Plotly.js",
    "Double-click to zoom back out", "Double-click on legend to isolate one trace",
}
# English texts Streamlit builds around the app's own words.
ENGLISH_PATTERNS = [
    re.compile(p)
    for p in (
        r"^Help for ", r"\bper file\b", r"^Limit \d", r"^Press .*Enter to ", r"^Remove ", r"^Cancel upload of ",
        r"files are not allowed\.$", r"^File must be ",
        r"^Choose date, ", r"^(day|month|year), ", r"^Made with Streamlit",
    )
]

# Notes every text and label a viewer can see or hear: what is on the page when asked (`window.__scan()`), and
# what appeared in between, also briefly (the status widget), once the page's translation has had its turn. What
# display:none hides is left out; a node already gone again counts as seen.
_COLLECT = """(() => {
  window.__texts = new Set();
  const ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'data-title'];
  const shown = (el) => !el.isConnected || el.checkVisibility();
  const note = (value) => { if (value && value.trim()) window.__texts.add(value.trim()); };
  const skipped = (el) => ['script', 'style', 'svg'].includes(el.localName) || el.getAttribute('translate') === 'no';
  const scan = (node) => {
    if (node.nodeType === 3) {
      if (node.parentElement && !skipped(node.parentElement) && shown(node.parentElement)) note(node.nodeValue);
      return;
    }
    if (node.nodeType !== 1 || skipped(node) || !shown(node)) return;
    for (const name of ATTRIBUTES) note(node.getAttribute(name));
    node.childNodes.forEach(scan);
  };
  window.__scan = () => scan(document.body);
  const later = (nodes) => setTimeout(() => { if (window.__woonmonitorDutch) nodes.forEach(scan); }, 0);
  const start = () => new MutationObserver((records) => later(
    records.flatMap((r) => (r.type === 'childList' ? [...r.addedNodes] : [r.target]))
  )).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ATTRIBUTES});
  document.body ? start() : document.addEventListener('DOMContentLoaded', start);
})();"""


def english(texts: set[str]) -> list[str]:
    """The texts that are known English."""
    return sorted(t for t in texts if t in KNOWN_ENGLISH or any(p.search(t) for p in ENGLISH_PATTERNS))


def test_english_finds_what_streamlit_shows():
    assert english({"Help for Gehuisveste personen", "400MB per file • CSV", "Press Enter to apply", "Upload"}) == [
        "400MB per file • CSV", "Help for Gehuisveste personen", "Press Enter to apply", "Upload",
    ]
    assert english({"Stop presentatie", "Download als PNG", "Zoomen", "Uitleg bij Gehuisveste personen"}) == []


def _seen(page) -> set[str]:
    page.wait_for_timeout(50)  # the collector reads a node a task after it appeared
    return set(page.evaluate("() => { window.__scan(); return [...window.__texts]; }"))


def _hover_all(page, buttons) -> None:
    """Point at each button in turn, to bring up its tooltip."""
    for i in range(buttons.count()):
        if buttons.nth(i).is_visible():
            # Forced: a toolbar shows only while the pointer is over its element, and a tooltip may cover the next.
            buttons.nth(i).hover(force=True)
            page.wait_for_timeout(150)  # a tooltip appears on hover after a short delay; there is nothing to wait for


def _into_view(locator) -> None:
    """Scroll an element's top into the window, clear of the app's header (its toolbar sits at the top)."""
    locator.evaluate(
        "element => { element.scrollIntoView({block: 'start'}); "
        "document.querySelector('[data-testid=\"stMain\"]').scrollBy(0, -200); }"
    )


def _chart_toolbar(page) -> None:
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    _into_view(chart)
    chart.hover()
    _hover_all(page, chart.locator(".modebar-btn"))


def _table_toolbar(page) -> None:
    table = page.locator('[data-testid="stDataFrame"]').first
    _into_view(table)
    table.hover()
    toolbar = page.locator('[data-testid="stElementToolbar"]').first
    expect(toolbar).to_be_visible()
    _hover_all(page, toolbar.get_by_role("button"))
    # The search box and the column chooser open in place (named in either language: the test finds them first).
    toolbar.get_by_role("button", name=re.compile("^(Search|Zoeken)$")).click(force=True)
    page.keyboard.type("xyz")
    page.keyboard.press("Escape")
    table.hover()
    toolbar.get_by_role("button", name=re.compile(r"^(Show\/hide columns|Kolommen tonen of verbergen)$")).click(force=True)
    page.keyboard.press("Escape")


def _sidebar_choices(page) -> None:
    box = page.get_by_role("combobox", name="Gemeente")
    box.click()
    page.keyboard.type("qqq")  # no municipality matches: the list says so
    expect(page.get_by_role("listbox")).to_be_visible()
    page.keyboard.press("Escape")


def _date_picker(page) -> None:
    field = page.locator('[data-testid="stDateInput"]').first
    field.locator('[data-testid="stDateInputCalendarButton"]').click()
    expect(page.locator('[data-testid="stDateInputCalendar"]')).to_be_visible()
    page.keyboard.press("Escape")


def _type_without_applying(page, field) -> None:
    """Typing into a text field shows the hint how to apply it; Escape leaves the field without a rerun."""
    field.click()
    page.keyboard.type("x")
    page.wait_for_timeout(200)  # the hint appears while typing
    page.keyboard.press("Backspace")


def _uploader(page, tmp_path) -> None:
    with rerun(page):
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
            str(FILES / "placements_excel_cp1252.csv")
        )
    expect(page.get_by_text("is goedgekeurd als huisvestingen")).to_be_visible()
    # A file of a kind the uploader refuses by itself: its refusal is Streamlit's.
    pdf = tmp_path / "notulen.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(pdf))
    expect(page.locator('[data-testid="stFileChip"][aria-invalid="true"]')).to_be_visible()
    _type_without_applying(page, page.get_by_role("textbox", name="Uw naam (voor het importlogboek)"))


def open_page(page, url: str, spec) -> None:
    """Open a page and wait until it is drawn (the first run after a start can end before the page is drawn)."""
    page.goto(f"{url}/{spec.address}")
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible()
    wait_for_app(page)


def test_every_page_speaks_dutch(demo_store, tmp_path):
    require_browser()
    found: dict[str, list[str]] = {}
    with dashboard_server(demo_store.path) as url, browser_page(viewport=(1366, 900)) as page:
        page.context.add_init_script(_COLLECT)
        for spec in PAGES:
            open_page(page, url, spec)
            if page.locator('[data-testid="stPlotlyChart"]').count():
                _chart_toolbar(page)
            if page.locator('[data-testid="stDataFrame"]').count():
                _table_toolbar(page)
            if page.locator('[data-testid="stDateInput"]').count():
                _date_picker(page)
            if page.locator('[data-testid="stFileUploader"]').count():
                _uploader(page, tmp_path)
            if page.locator('[data-testid="stTextArea"]').count():
                _type_without_applying(page, page.locator('[data-testid="stTextArea"] textarea').first)
            if spec.default:
                _sidebar_choices(page)
                menu = page.get_by_role("button", name="Main menu")
                if menu.count():
                    menu.click()
                    page.keyboard.press("Escape")
                # A rerun shows the status widget.
                with rerun(page):
                    page.get_by_role("combobox", name="Gemeente").click()
                    page.get_by_role("option").first.click()
                    page.keyboard.press("Escape")
            found[spec.url_path] = english(_seen(page))
    assert {path: texts for path, texts in found.items() if texts} == {}
