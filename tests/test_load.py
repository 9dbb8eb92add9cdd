"""Many viewers: sessions as a browser asks for them, sixty at once beside the floor app, an import during load."""

import asyncio
import shutil

import pytest
from google.protobuf import text_format

from housing_monitor.db.store import Store
from tests.browser import require_browser
from tests.load import loadtest
from tests.load.import_during_load import IMPORTED_HOUSEHOLDS, load_test
from tests.load.protocol import Link, open_link, rerun_request

# Logged server-side (AppSession.handle_backmsg) when Debian Chromium opened the shared link, Streamlit 1.67;
# only the browser's context (time zone, locale) differs from what the load test reports.
CHROMIUM_OPENING_THE_LINK = (
    'query_string: "vergelijk=woonvorm&kies=tijdelijk,woningdelen" widget_states { } page_name: "vergelijken" '
    'context_info { timezone: "Europe/Amsterdam" timezone_offset: -60 locale: "nl-NL" '
    'url: "http://127.0.0.1:8771/vergelijken" is_embedded: false color_scheme: "light" }'
)


def households(text: str) -> int:
    return int(text.replace(".", ""))  # Dutch thousands separator


def test_a_session_asks_for_the_link_as_chromium_does():
    from streamlit.proto.BackMsg_pb2 import BackMsg

    sent = BackMsg.FromString(rerun_request("http://127.0.0.1:8771", Link.parse(loadtest.SHARED_LINK)))

    assert text_format.MessageToString(sent.rerun_script, as_one_line=True) == CHROMIUM_OPENING_THE_LINK
    assert not sent.rerun_script.page_script_hash  # the frontend asks by url path; the server finds the page
    assert Link.parse("/") == Link("", "") and str(Link.parse(loadtest.SHARED_LINK)) == loadtest.SHARED_LINK


@pytest.mark.slow
def test_a_session_that_did_not_get_the_links_page_and_choice_is_an_error(demo_store):
    from tools.bench import viewers

    link = Link.parse(loadtest.SHARED_LINK)
    expected = loadtest.expected_on_dashboard(link)
    with viewers.dashboard(demo_store.path) as (url, _):
        shown = asyncio.run(open_link(url, link, 90))
        expected.check(shown)
        assert list(shown.metrics) == ["Tijdelijke huisvesting", "Woningdelen"]
        with pytest.raises(RuntimeError, match="wrong choice"):  # the page without the link's query string
            expected.check(asyncio.run(open_link(url, Link("vergelijken", ""), 90)))
        with pytest.raises(RuntimeError, match="wrong page"):
            expected.check(asyncio.run(open_link(url, Link("", ""), 90)))
        with pytest.raises(RuntimeError, match="page not found"):
            asyncio.run(open_link(url, Link("nergens", ""), 90))


@pytest.mark.slow
def test_sessions_at_once_beside_the_floor_app(demo_store):
    summary = loadtest.sweep(demo_store.path, sessions=4, processes=(1,), warmup=1, alone=1, timeout_s=90)

    assert loadtest.errors(summary) == 0, loadtest.table(summary)
    assert [(r["app"], r["processes"], r["at_once"]["count"]) for r in summary["results"]] == [
        ("dashboard", 1, 4), ("floor", 1, 4)
    ]
    assert summary["p95_ratio_dashboard_to_floor"][1] > 0
    assert "p95 dashboard ÷ p95 vloerapp, 1 processen" in loadtest.table(summary)


@pytest.mark.browser
@pytest.mark.slow
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
