"""The upload flow in a real browser: refused file report, import, a CLI import alongside, undo."""

from __future__ import annotations

import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.browser import (
    REPO,
    browser_page,
    click_until,
    dashboard_server,
    require_browser,
    rerun,
    screenshot,
    wait_for_app,
)
from tests.importing import FILES

pytestmark = pytest.mark.browser


def _upload(page, name: str) -> None:
    with rerun(page):
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(FILES / name))


def test_upload_check_import_and_undo(tiny_store):
    require_browser()
    with dashboard_server(tiny_store.path) as url, browser_page(viewport=(1400, 1200)) as page:
        page.goto(url + "/gegevens")
        wait_for_app(page)
        expect(page.get_by_role("heading", name="Gegevens importeren")).to_be_visible()

        _upload(page, "placements_move_out_before_move_in.csv")
        main = page.locator('[data-testid="stMain"]')
        expect(main).to_contain_text("is geweigerd")
        expect(main).to_contain_text("Regel 3, kolom 'move_out_date': '2017-01-31' ligt vóór 'move_in_date' (2017-02-05).")
        screenshot(page, "gegevens_geweigerd")

        # The uploader takes several files: the second joins the refused first, each with its own verdict,
        # and only the accepted one is imported.
        _upload(page, "placements_excel_cp1252.csv")
        expect(page.get_by_text("is goedgekeurd als huisvestingen")).to_be_visible()
        # The uploader keeps the earlier, refused file beside it, with its own verdict.
        expect(page.locator('[data-testid="stMain"]')).to_contain_text(
            "'placements_move_out_before_move_in.csv' is geweigerd"
        )
        screenshot(page, "gegevens_goedgekeurd")
        with rerun(page):
            page.get_by_role("button", name="Importeer het goedgekeurde bestand").click()
        expect(page.get_by_text("is geïmporteerd als huisvestingen (import 2)")).to_be_visible()

        # An analyst imports from the command line while the dashboard runs: no lock, and it shows up.
        cli = subprocess.run(
            [sys.executable, "-m", "housing_monitor", "import", "placements", str(FILES / "placements_utf8_comma.csv"),
             "--db", str(tiny_store.path), "--user", "cli-analist"],
            cwd=REPO, capture_output=True, text=True, timeout=120,
        )
        assert cli.returncode == 0, cli.stderr
        page.reload()
        wait_for_app(page)
        expect(page.get_by_text("door cli-analist")).to_be_visible()
        screenshot(page, "gegevens_geschiedenis")

        confirm = page.get_by_role("button", name="Ja, maak import 3 ongedaan")
        click_until(page.locator('[data-testid="stButton"]').filter(has_text="Ongedaan maken").first, confirm)
        click_until(confirm, page.get_by_text("Import 3 (huisvestingen) is ongedaan gemaakt").first)
        screenshot(page, "gegevens_ongedaan")
