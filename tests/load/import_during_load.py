"""Load test: several dashboard processes on one database, concurrent page loads, an import mid-way.

    python -m tests.load.import_during_load [--processes 4] [--sessions 50] [--renders 20 --render-concurrency 4]

Starts `--processes` dashboard servers (`python -m ui.serve`, 127.0.0.1, free ports) on one database
(a fresh demo database unless --db is given; it is written to: one real CLI import) and opens
one browser viewer per server, which warms it up and stays open. Then two kinds of page load of Overzicht, round-robin over the servers:

- sessions: `--sessions` Streamlit sessions opened at the same moment over the websocket protocol
  the browser uses (/_stcore/stream, tests/load/protocol.py): each asks for a script run and reads every message
  until the run has finished. The server does all it does for a real viewer (new session, full script run,
  every chart and table serialised and sent); only the drawing in a browser is left out, which a
  real viewer's own computer does. A few seconds in (--import-after), while these are in flight,
  an import publishes a new snapshot.
- renders: `--renders` real page loads in headless Chromium, each in a new browser context (a new
  viewer), at most `--render-concurrency` at a time; done when the key figures are shown, the run
  has finished and every chart is drawn. Chromium shares the machine's cores with the servers,
  so these times include the drawing cost of all concurrent pages on this machine.

A load is an error when it times out or the page shows an exception. Finally one browser session
per server, opened before the import, reruns (as any click does) and must show the imported
households. Prints p50/p95/max and error counts; exit 1 on any error. (Figures: docs/operations.md.)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from housing_monitor import dutch
from housing_monitor.db.store import Store
from housing_monitor.demo import bootstrap
from tests.browser import CHROMIUM, LAUNCH_ARGS, dashboard_server, key_figure_value
from tests.load.protocol import Link, open_link

HOUSEHOLDS_LABEL = "Gehuisveste huishoudens"
IMPORTED_HOUSEHOLDS = 25
OVERZICHT = Link("", "")  # the default page, as a browser opening the root asks for it


@dataclass
class Load:
    """One page load: when it started (seconds into its phase), how long it took, what it showed."""

    server: int
    started_s: float
    seconds: float
    households: str | None
    error: str | None


def analyst_import(store: Store, households: int = IMPORTED_HOUSEHOLDS) -> None:
    """An analyst imports new first placements in the last half-year with `python -m housing_monitor import`."""
    with store.reader() as con:
        template = con.execute("SELECT * FROM placements ORDER BY placement_id LIMIT 1").df()
    rows = pd.concat([template] * households, ignore_index=True)
    rows["placement_id"] = [f"PLOAD{i}" for i in range(households)]
    rows["household_id"] = [f"HLOAD{i}" for i in range(households)]
    rows["permit_date"], rows["move_in_date"] = "2024-06-01", "2024-10-01"
    rows["linked_date"], rows["move_out_date"] = None, None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "loadtest.csv"
        rows.to_csv(path, sep=";", index=False)
        done = subprocess.run(
            [sys.executable, "-m", "housing_monitor", "import", "placements", str(path), "--db", str(store.path),
             "--user", "loadtest", "--json"],
            capture_output=True, text=True, timeout=120,
        )
    outcome = json.loads(done.stdout or "{}")
    if done.returncode != 0 or outcome.get("rows_added") != households:
        raise RuntimeError(f"import failed ({done.returncode}): {done.stdout[-500:]} {done.stderr[-500:]}")


def _failure(error: BaseException) -> str:
    return f"{type(error).__name__}: {(str(error).splitlines() or [''])[0][:200]}"


async def _timed(server: int, t0: float, work) -> Load:
    started = time.perf_counter()
    try:
        households, error = await work, None
    except Exception as failure:  # a load test counts every failure instead of stopping at the first
        households, error = None, _failure(failure)
    return Load(server, started - t0, time.perf_counter() - started, households, error)


# --- sessions over the websocket protocol ---------------------------------------------------------

async def protocol_session(url: str, timeout_s: float) -> str:
    """Open a session on Overzicht, run the script once, read every message; the households figure it sent."""
    shown = await open_link(url, OVERZICHT, timeout_s)
    if HOUSEHOLDS_LABEL not in shown.metrics:
        raise RuntimeError("no households figure in the page")
    return shown.metrics[HOUSEHOLDS_LABEL]


def server_cpu_seconds() -> float:
    """CPU time used so far by the dashboard servers this process started (user + system)."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and b"ui.serve" in cmdline:  # fields[1] is the parent's pid
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


async def run_sessions(urls: list[str], store: Store, count: int, timeout_s: float, import_after_s: float) -> dict:
    t0 = time.perf_counter()
    cpu_before = server_cpu_seconds()
    window: list[float] = []

    def write() -> None:
        time.sleep(import_after_s)  # while the sessions are in flight
        window.append(time.perf_counter() - t0)
        analyst_import(store)
        window.append(time.perf_counter() - t0)

    importing = asyncio.get_running_loop().run_in_executor(None, write)
    loads = await asyncio.gather(
        *(_timed(i % len(urls), t0, protocol_session(urls[i % len(urls)], timeout_s)) for i in range(count))
    )
    wall = time.perf_counter() - t0
    cpu = server_cpu_seconds() - cpu_before
    await importing
    return {"loads": loads, "wall_s": wall, "import_window_s": window, "server_cpu_s": cpu}


# --- real renders in Chromium ---------------------------------------------------------------------

async def rendered(page, timeout_s: float) -> str:
    """Wait until Overzicht is fully drawn (within timeout_s in all); the households figure it shows."""
    deadline = time.perf_counter() + timeout_s

    def left_ms() -> float:
        return max(1.0, (deadline - time.perf_counter()) * 1000)

    figure = key_figure_value(page, HOUSEHOLDS_LABEL)
    await figure.wait_for(timeout=left_ms())
    await page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=left_ms())
    await page.wait_for_function(
        "document.querySelectorAll('[data-testid=\"stPlotlyChart\"]').length > 0 && "
        "document.querySelectorAll('[data-testid=\"stPlotlyChart\"]').length <= "
        "document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .js-plotly-plot').length",
        timeout=left_ms(),
    )
    exceptions = page.locator('[data-testid="stException"]')
    if await exceptions.count():
        raise RuntimeError("exception: " + (await exceptions.first.inner_text())[:200])
    return (await figure.inner_text()).strip()


async def rerun_and_read(page, shown: str, timeout_s: float) -> str:
    """Rerun a running session, as any click does; the households figure once it changed (or the old one)."""
    await page.locator("body").press("r")
    try:
        await key_figure_value(page, HOUSEHOLDS_LABEL).filter(has_not_text=shown).wait_for(timeout=timeout_s * 1000)
    except Exception:  # unchanged: the caller compares and reports it
        return shown
    return await rendered(page, timeout_s)


async def open_viewer(browser, url: str, timeout_s: float):
    """A new viewer: its own browser context (cookies, cache) and so its own Streamlit session."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = await context.new_page()
    await page.goto(url, wait_until="domcontentloaded", timeout=timeout_s * 1000)
    return context, page


async def browser_render(browser, url: str, timeout_s: float) -> str:
    started = time.perf_counter()
    context, page = await open_viewer(browser, url, timeout_s)
    try:
        return await rendered(page, timeout_s - (time.perf_counter() - started))
    finally:
        await context.close()


async def run_all(urls, store, sessions, renders, render_concurrency, timeout_s, import_after_s) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        running, warmup = [], []  # one viewer per server stays open; its first page load warms the server
        for url in urls:
            started = time.perf_counter()
            context, page = await open_viewer(browser, url, timeout_s)
            shown = await rendered(page, timeout_s)
            running.append((context, page, shown))
            warmup.append(time.perf_counter() - started)
        before = [shown for _, _, shown in running]
        t0 = time.perf_counter()
        alone = [await _timed(i, t0, protocol_session(url, timeout_s)) for i, url in enumerate(urls * 2)]

        outcome = await run_sessions(urls, store, sessions, timeout_s, import_after_s)

        gate = asyncio.Semaphore(render_concurrency)
        t0 = time.perf_counter()

        async def render(index: int) -> Load:
            async with gate:
                server = index % len(urls)
                return await _timed(server, t0, browser_render(browser, urls[server], timeout_s))

        outcome["renders"] = await asyncio.gather(*(render(i) for i in range(renders)))
        outcome["renders_wall_s"] = time.perf_counter() - t0

        outcome["running_after"] = [await rerun_and_read(page, shown, timeout_s) for _, page, shown in running]
        outcome["running_before"] = before
        outcome["warmup"] = warmup
        outcome["alone"] = alone
        for context, _, _ in running:
            await context.close()
        await browser.close()
    return outcome


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def figures(loads: list[Load]) -> dict:
    ok = [load.seconds for load in loads if load.error is None]
    return {
        "count": len(loads),
        "errors": sum(load.error is not None for load in loads),
        "error_messages": sorted({load.error for load in loads if load.error}),
        "p50_s": round(statistics.median(ok), 2) if ok else None,
        "p95_s": round(percentile(ok, 0.95), 2) if ok else None,
        "max_s": round(max(ok), 2) if ok else None,
    }


def summarise(outcome: dict, processes: int, render_concurrency: int) -> dict:
    window = outcome["import_window_s"]
    import_end = window[1] if len(window) == 2 else float("inf")
    new_value = outcome["running_after"][0] if outcome["running_after"] else None
    after_import = [load for load in outcome["loads"] if load.error is None and load.started_s > import_end]
    return {
        "processes": processes,
        "one_session_at_a_time": figures(outcome["alone"]),
        "sessions": figures(outcome["loads"])
        | {
            "wall_s": round(outcome["wall_s"], 1),
            "server_cpu_s": round(outcome["server_cpu_s"], 1),
            "server_cpu_per_session_s": round(outcome["server_cpu_s"] / max(1, len(outcome["loads"])), 2),
        },
        "renders": figures(outcome["renders"])
        | {"concurrency": render_concurrency, "wall_s": round(outcome["renders_wall_s"], 1)},
        "warmup_s": [round(seconds, 2) for seconds in outcome["warmup"]],
        "import_window_s": [round(t, 2) for t in window],
        "households_shown_by_sessions": sorted({load.households for load in outcome["loads"] if load.households}),
        "sessions_started_after_import": len(after_import),
        "of_which_showing_it": sum(load.households == new_value for load in after_import),
        "renders_showing_import": sum(load.households == new_value for load in outcome["renders"]),
        "running_before": outcome["running_before"],
        "running_after": outcome["running_after"],
    }


def load_test(
    db: Path,
    processes: int = 4,
    sessions: int = 50,
    renders: int = 20,
    render_concurrency: int = 4,
    timeout_s: float = 120,
    import_after_s: float = 2,
) -> dict:
    """Run the whole test against a database file; the summary as a dict."""
    store = Store(db)
    with ExitStack() as stack:
        urls = [stack.enter_context(dashboard_server(db)) for _ in range(processes)]
        outcome = asyncio.run(
            run_all(urls, store, sessions, renders, render_concurrency, timeout_s, import_after_s)
        )
    return summarise(outcome, processes, render_concurrency)


def _line(name: str, figures: dict) -> str:
    return (
        f"{name}: {figures['count']} paginaladingen, p50 {dutch.number(figures['p50_s'], 2)} s, "
        f"p95 {dutch.number(figures['p95_s'], 2)} s, max {dutch.number(figures['max_s'], 2)} s, "
        f"{figures['errors']} fouten, totaal {dutch.number(figures['wall_s'], 1)} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.load.import_during_load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--sessions", type=int, default=50, help="concurrent sessions over the websocket protocol")
    parser.add_argument("--renders", type=int, default=20, help="real page loads in Chromium")
    parser.add_argument("--render-concurrency", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=120, help="seconds per page load before it counts as an error")
    parser.add_argument("--import-after", type=float, default=2, help="seconds into the sessions when the import starts")
    parser.add_argument("--db", type=Path, help="database to use (it receives one real import); default: fresh demo")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="woonmonitor-load-") as work:
        db = args.db
        if db is None:
            db = Path(work) / "monitor.duckdb"
            bootstrap.load_demo(Store(db), user="loadtest")
        summary = load_test(
            db, args.processes, args.sessions, args.renders, args.render_concurrency, args.timeout, args.import_after
        )
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        print(f"{summary['processes']} dashboardprocessen op één database")
        print(_line("Sessies (websocket, één tegelijk)", summary["one_session_at_a_time"] | {"wall_s": 0}))
        print(_line("Sessies (websocket, alle tegelijk)", summary["sessions"]))
        print(_line(f"Chromium (max. {summary['renders']['concurrency']} tegelijk)", summary["renders"]))
        print(f"  CPU van de servers per sessie: {dutch.number(summary['sessions']['server_cpu_per_session_s'], 2)} s")
        for key in ("warmup_s", "import_window_s", "households_shown_by_sessions", "sessions_started_after_import",
                    "of_which_showing_it", "renders_showing_import", "running_before", "running_after"):
            print(f"  {key}: {summary[key]}")
        for message in summary["sessions"]["error_messages"] + summary["renders"]["error_messages"]:
            print(f"  fout: {message}")
    errors = summary["sessions"]["errors"] + summary["renders"]["errors"]
    return 0 if errors == 0 and summary["running_after"] != summary["running_before"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
