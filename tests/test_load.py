"""Many viewers: two dashboard processes on one database, concurrent page loads, an import mid-way (small, bounded)."""

import shutil

import pytest

from housing_monitor.db.store import Store
from tests.browser import require_browser
from tests.load.loadtest import IMPORTED_HOUSEHOLDS, load_test

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def households(text: str) -> int:
    return int(text.replace(".", ""))  # Dutch thousands separator


def test_processes_share_one_database_and_switch_to_the_next_snapshot(demo_store, tmp_path):
    require_browser()
    db = tmp_path / "monitor.duckdb"  # a copy: the load test imports into it; unpublished, as after a move
    shutil.copyfile(demo_store.current_snapshot(), db)

    summary = load_test(db, processes=2, sessions=8, renders=2, render_concurrency=2, timeout_s=90, import_after_s=0.5)

    assert summary["sessions"]["errors"] == 0, summary["sessions"]["error_messages"]
    assert summary["renders"]["errors"] == 0, summary["renders"]["error_messages"]
    before, after = summary["running_before"], summary["running_after"]
    assert len(set(before)) == 1 and len(set(after)) == 1  # both processes showed the same snapshot
    assert households(after[0]) == households(before[0]) + IMPORTED_HOUSEHOLDS  # sessions opened before the import
    assert set(summary["households_shown_by_sessions"]) <= {before[0], after[0]}  # old or new, never a mix
    assert summary["of_which_showing_it"] == summary["sessions_started_after_import"]
    assert summary["renders_showing_import"] == 2  # every viewer arriving after the import sees it
    assert Store(db).version() != Store(demo_store.path).version()
