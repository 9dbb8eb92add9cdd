"""The benchmark's pandas baseline gives our measures' numbers, and its report is a Markdown table (no timing here)."""


import pandas as pd
import pytest

from housing_monitor.cli.main import build_parser
from housing_monitor.filters import Filters
from housing_monitor.measures import base, housing, nuisance
from tools.bench import __main__ as bench_command
from tools.bench import baseline as bench_baseline
from tools.bench import run as bench
from tools.bench import viewers

CASES = [
    (Filters(), ()),
    (Filters(), ("housing_form",)),
    (Filters(), ("municipality_code",)),
    (Filters(period_from="2016-H1", period_to="2016-H2"), ("housing_form",)),
    (Filters(housing_forms=("zelfstandig", "tijdelijk")), ("corporation", "project")),
]


@pytest.fixture
def tiny(tiny_store):
    with tiny_store.reader() as con:
        yield con, bench_baseline.load_frames(con)


@pytest.mark.parametrize("filters, by", CASES)
def test_pandas_kaplan_meier_matches_ours(tiny, filters, by):
    con, frames = tiny
    ours = housing.time_to_permanent(con, filters, by=by)
    theirs = bench_baseline.time_to_permanent(
        frames["household_pathway"], filters, by=by, reference_date=base.reference_date(con)
    )
    assert len(ours) > 0
    pd.testing.assert_frame_equal(ours.reset_index(drop=True), theirs, check_dtype=False, rtol=1e-12)


@pytest.mark.parametrize("filters, by", CASES)
def test_pandas_nuisance_rate_matches_ours(tiny, filters, by):
    con, frames = tiny
    ours = nuisance.nuisance_rate(con, filters, by=by)
    theirs = bench_baseline.nuisance_rate(
        frames["placement_spell"], frames["signal_attributed"], filters, by=by,
        observed_until=nuisance.observed_until(con),
    )
    assert len(ours) > 0
    pd.testing.assert_frame_equal(ours.reset_index(drop=True), theirs, check_dtype=False, rtol=1e-12)


def test_pandas_baseline_matches_ours_on_demo_data(demo_store):
    with demo_store.reader() as con:
        frames = bench_baseline.load_frames(con)
        for by in [("housing_form",), ("municipality_code",)]:
            pd.testing.assert_frame_equal(
                housing.time_to_permanent(con, Filters(), by=by).reset_index(drop=True),
                bench_baseline.time_to_permanent(frames["household_pathway"], Filters(), by=by,
                                                 reference_date=base.reference_date(con)),
                check_dtype=False, rtol=1e-9,
            )
            pd.testing.assert_frame_equal(
                nuisance.nuisance_rate(con, Filters(), by=by).reset_index(drop=True),
                bench_baseline.nuisance_rate(frames["placement_spell"], frames["signal_attributed"], Filters(), by=by,
                                             observed_until=nuisance.observed_until(con)),
                check_dtype=False, rtol=1e-9,
            )


def test_markdown_report_is_a_table_with_targets():
    pages = [path for _, path in bench.registered_pages()]
    scale = bench.ScaleResults(
        rows={"placements": 1000, "nuisance": 20},
        build_s=1.0,
        cold_start_s=3.5,
        cold_start_cached_s=2.5,
        filter_s={p: 0.4 for p in pages},
        filter_max_s={p: 1.2 for p in pages},
        data_cold_s={p: 0.9 for p in pages},
        data_warm_s={p: 0.05 for p in pages},
        script_cold_s={p: 1.0 for p in pages},
        script_warm_s={p: 0.1 for p in pages},
        baseline=[("Kaplan–Meier, per woonvorm", 0.01, 0.06, 0.5)],
        import_s=12.0,
        memory_mb={"dashboard server": 500.0},
    )
    text = bench.markdown(bench.Results(machine="Test CPU, 2 cores", load="0.10 / 0.20 / 0.30", scales={"national": scale}))
    lines = text.splitlines()
    assert lines[0] == "# Benchmarks"
    assert "- Machine: Test CPU, 2 cores" in lines
    assert any("0.10 / 0.20 / 0.30" in line for line in lines)
    page_rows = [line for line in lines if any(line.startswith(f"| {p} |") for p in pages)]
    assert len(page_rows) == len(pages)
    # Every row of a table has as many cells as its header.
    header = next(line for line in lines if line.startswith("| page |"))
    assert all(row.count("|") == header.count("|") for row in page_rows)
    assert "400 / 1,200 ✗" in page_rows[0]  # the worst filter change misses the 1 s target
    assert "900 / 50 ✓" in page_rows[0]
    # The start-up and pandas targets are retired (issue 22): figures for context, no verdict.
    assert "| first page rendered, from server process start (s) | 3.50 | – (retired: what a viewer waits is below) |" in lines
    assert "| the same, in a browser that opened the dashboard before (scripts cached) (s) | 2.50 | – |" in lines
    assert any(line.startswith("| national | Kaplan–Meier, per woonvorm | 10.0 | 60.0 | 6.0× | 560 |") for line in lines)


def test_viewer_section_sets_every_page_beside_the_floor_app_of_the_same_run():
    figures = [
        viewers.ViewerFigures("floor", 4, 0.20, 1.00, 2.00, 1.2, 2.5),
        viewers.ViewerFigures("overzicht", 4, 0.25, 1.30, 2.50, 1.5, 2.9),
        viewers.ViewerFigures("vergelijken-link", 4, 0.28, 1.50, 2.60, 1.6, 3.4),
        viewers.ViewerFigures("kaart", 4, 0.30, 1.20, 3.20, 1.3, 3.5),
        viewers.ViewerFigures("floor", 4, 0.22, 1.10, 2.20, 1.3, 2.6),
    ]
    lines = viewers.viewer_lines(figures)
    rows = {line.split(" | ")[0].lstrip("| "): line for line in lines if line.startswith("| ")}
    # The floor is the mean of its two rounds: 0.21 s CPU, 1.05 s to the first figure, over 8 viewers.
    assert rows["floor app"] == "| floor app | 8 | 0.210 | 1.00× | 1.05 | 1.00× | 2.10 (2.60) ✓ | 1.00× |"
    # 0.25 / 0.21 = 1.19× ≤ 1.3 ✓; 1.30 / 1.05 = 1.24× ≤ 1.4 ✓; 2.50 s < 3 ✓, 2.50 / 2.10 = 1.19× the floor's
    assert rows["overzicht"] == "| overzicht | 4 | 0.250 | 1.19× ✓ | 1.30 (1.50) | 1.24× ✓ | 2.50 (2.90) ✓ | 1.19× |"
    # 0.28 / 0.21 = 1.33×: over the shared link's 1.3; 1.50 / 1.05 = 1.43× ✗
    assert rows["vergelijken-link"].startswith("| vergelijken-link | 4 | 0.280 | 1.33× ✗ | 1.50 (1.60) | 1.43× ✗ |")
    # 0.30 / 0.21 = 1.43×: within the other pages' 1.6; complete 3.20 s ✗
    assert rows["kaart"] == "| kaart | 4 | 0.300 | 1.43× ✓ | 1.20 (1.30) | 1.14× ✓ | 3.20 (3.50) ✗ | 1.52× |"


def test_bench_command_options():
    args = bench_command.build_parser().parse_args(["--scale", "demo", "--runs", "2", "--skip-browser", "--no-write"])
    assert (args.scale, args.runs, args.skip_browser, args.no_write) == ("demo", 2, True, True)


def test_the_product_cli_has_no_bench_command():
    with pytest.raises(SystemExit):
        build_parser().parse_args(["bench"])


def test_fresh_viewer_measurement_reads_the_floor_apps_cost_and_times():
    """One fresh viewer of the floor app: the server spent CPU on it, and the figure came before the page was complete."""
    from playwright.sync_api import sync_playwright

    from tests.browser import require_browser

    require_browser()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=viewers.CHROMIUM, args=viewers.BROWSER_ARGS)
        try:
            with viewers.floor_app() as (url, pid):
                figures = viewers.measure(browser, "floor", url, pid, viewers=1, warmups=1)
        finally:
            browser.close()
    assert figures.viewers == 1
    assert 0 < figures.cpu_s < 30
    assert 0 < figures.first_s <= figures.complete_s
