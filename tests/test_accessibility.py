"""WCAG 2.1 AA in a real browser: axe-core on every page, and the main flows by keyboard alone."""

import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import (
    ARTIFACTS,
    TIMEOUT_MS,
    browser_page,
    dashboard_server,
    require_browser,
    rerun,
    wait_for_app,
)
from ui import pages

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
PATHS = [spec.address for spec in pages.PAGES]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Views that show each page with data in it (a page without choices shows less to audit).
PAGE_VIEWS = {
    "": "/?gemeente=GM0882&van=2016-H1&tot=2016-H2",
    "vergelijken": "/vergelijken?vergelijk=woonvorm&kies=tijdelijk,woningdelen,zelfstandig",
}


def require_axe() -> None:
    if AXE.exists():
        return
    if os.environ.get("CI"):
        pytest.fail("axe-core is missing: run `make test` (npm ci --prefix tests/a11y)")
    pytest.skip("axe-core not installed (npm ci --prefix tests/a11y)")


def test_every_page_passes_axe_without_serious_violations(demo_store):
    require_browser()
    require_axe()
    report, serious = {}, []
    with dashboard_server(demo_store.path) as url, browser_page() as page:
        for path in PATHS:
            view = PAGE_VIEWS.get(path, f"/{path}")
            page.goto(url + view)
            wait_for_app(page)
            expect(page.get_by_role("heading", level=1).first).to_be_visible()  # audit the page, not a blank one
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
            )
            report[view] = [
                {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": len(v["nodes"])}
                for v in result["violations"]
            ]
            serious += [(view, v["id"], v["help"]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    assert len(report) == len(PATHS)
    assert not serious, serious


def test_keyboard_only_choose_municipality_compare_and_export(demo_store):
    require_browser()
    with dashboard_server(demo_store.path) as url, browser_page() as page:
        page.goto(url + "/?van=2016-H1&tot=2016-H2")
        wait_for_app(page)
        # Choose a municipality: Tab until the Gemeente box has focus, type, confirm with Enter.
        combobox = page.get_by_role("combobox", name="Gemeente")
        for _ in range(40):
            page.keyboard.press("Tab")
            if combobox.evaluate("el => el === document.activeElement"):
                break
        assert combobox.evaluate("el => el === document.activeElement"), "Gemeente not reachable by Tab"
        page.keyboard.type("Landgr")
        with rerun(page):
            page.keyboard.press("Enter")
            page.keyboard.press("Escape")
        expect(page).to_have_url(re.compile("gemeente=GM0882"))

        # Go to Vergelijken through the navigation links, by keyboard.
        link = page.get_by_role("link", name="Vergelijken")
        link.focus()
        with rerun(page):
            page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Vergelijken")).to_be_visible()
        expect(page).to_have_url(re.compile("gemeente=GM0882"))  # the filter travels with the user

        # Export: focus the CSV download and press Enter.
        page.goto(url + "/vergelijken?vergelijk=woonvorm&kies=tijdelijk,woningdelen")
        wait_for_app(page)
        button = page.get_by_role("button", name="Download als CSV")
        # Locator.press focuses the button as it is at that moment, then presses Enter.
        with page.expect_download(timeout=TIMEOUT_MS) as download:
            button.press("Enter")
        assert download.value.suggested_filename == "vergelijking_woonvorm.csv"
