"""The upload flow in a real browser: refused file report, import, a CLI import alongside, undo."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.browser import (
    REPO,
    browser_page,
    dashboard_server,
    require_browser,
    screenshot,
    wait_for_app,
)
from tests.importing import FILES

pytestmark = pytest.mark.browser


def _upload(page, name: str) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(FILES / name))
    wait_for_app(page)


def test_upload_check_import_and_undo(tiny_store):
    require_browser()
    with dashboard_server(tiny_store.path) as url, browser_page(viewport=(1400, 1200)) as page:
        page.goto(url + "/gegevens")
        wait_for_app(page)
        page.get_by_role("heading", name="Gegevens importeren").wait_for()

        _upload(page, "placements_move_out_before_move_in.csv")
        page.get_by_text("is geweigerd").wait_for()
        report = page.locator('[data-testid="stMain"]').inner_text()
        assert "Regel 3, kolom 'move_out_date': '2017-01-31' ligt vóór 'move_in_date' (2017-02-05)." in report
        screenshot(page, "gegevens_geweigerd")

        # The uploader takes several files: the second joins the refused first, each with its own verdict,
        # and only the accepted one is imported.
        _upload(page, "placements_excel_cp1252.csv")
        page.get_by_text("is goedgekeurd als huisvestingen").wait_for()
        assert "'placements_move_out_before_move_in.csv' is geweigerd" in page.locator('[data-testid="stMain"]').inner_text()
        screenshot(page, "gegevens_goedgekeurd")
        page.get_by_role("button", name="Importeer het goedgekeurde bestand").click()
        wait_for_app(page)
        page.get_by_text("is geïmporteerd als huisvestingen (import 2)").wait_for()

        # An analyst imports from the command line while the dashboard runs: no lock, and it shows up.
        cli = subprocess.run(
            [sys.executable, "-m", "housing_monitor", "import", "placements", str(FILES / "placements_utf8_comma.csv"),
             "--db", str(tiny_store.path), "--user", "cli-analist"],
            cwd=REPO, capture_output=True, text=True, timeout=120,
        )
        assert cli.returncode == 0, cli.stderr
        page.reload()
        wait_for_app(page)
        page.get_by_text("door cli-analist").wait_for()
        wait_for_app(page)
        contents = page.locator('[data-testid="stDataFrame"]').first
        screenshot(page, "gegevens_geschiedenis")

        page.locator('[data-testid="stButton"]').filter(has_text="Ongedaan maken").first.click()
        wait_for_app(page)
        page.get_by_role("button", name="Ja, maak import 3 ongedaan").click()
        wait_for_app(page)
        page.get_by_text("Import 3 (huisvestingen) is ongedaan gemaakt").first.wait_for()
        screenshot(page, "gegevens_ongedaan")
