"""What a fresh viewer costs the server and waits, per page, beside the framework's floor app in the same run.

    python -m tools.bench.viewers [--viewers 8] [--pages overzicht,vergelijken-link] [--db PATH]

A fresh viewer is a new browser context (nothing cached, as a workshop participant's phone opening the link
for the first time) against a warm server. Per page: the server process's CPU seconds per viewer (its user +
system time from /proc, over all viewers, until the server is quiet again), the seconds until the first key
figure shows, and until the page is complete (the run is over, every chart and table drawn). The floor app
(tools/bench/floor_app.py) is served and measured the same way, in the same run, and each figure is also
given as a ratio against it: the machine's absolute speed drifts, the ratio much less.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from housing_monitor.db.store import REPO_ROOT

CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
FLOOR_APP = Path(__file__).resolve().parent / "floor_app.py"
OUTPUT = REPO_ROOT / "docs" / "benchmarks.md"
# Per fresh viewer, against the floor app of the same run (issue 22): the pages a room opens by a shared link are
# held to a tighter ratio than the others; every page is complete within a few seconds.
VIEWER_TARGETS = {"cpu_shared": 1.3, "cpu_other": 1.6, "first": 1.4, "complete_s": 3.0}
SHARED_PAGES = ("overzicht", "vergelijken-link")

SHARED_COMPARE = "vergelijken?vergelijk=woonvorm&kies=tijdelijk,woningdelen"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# Installed before the page's own scripts: the moment (ms since navigation start) the first key figure shows (a
# metric's value, the floor app's, or a key figure card's, the dashboard's (ui/layout.figure_card), else a drawn
# chart or table) and the page title, as the browser's DOM changes.
_MARKS = """
window.__viewerMarks = {};
const watched = {figure: '[data-testid="stMetricValue"], [class*="st-key-kpi_"] strong, [data-testid="stPlotlyChart"] .main-svg, [data-testid="stDataFrame"] canvas',
                 title: 'h1'};
new MutationObserver(() => {
  for (const [name, selector] of Object.entries(watched))
    if (!(name in window.__viewerMarks) && document.querySelector(selector)) window.__viewerMarks[name] = performance.now();
}).observe(document, {subtree: true, childList: true, attributes: true});
"""
# Complete: the script run is over, no element still loading its code, every chart and table drawn; returns the time.
_COMPLETE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid^="stSkeleton"]')) return false;  // an element still loading its code
  const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]').length;
  if (document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg').length < charts) return false;
  const tables = document.querySelectorAll('[data-testid="stDataFrame"]').length;
  if (document.querySelectorAll('[data-testid="stDataFrame"] canvas').length < tables) return false;
  return performance.now();
}"""


@dataclass
class ViewerFigures:
    """One page's figures: CPU seconds per viewer, seconds to first key figure and to complete page (medians)."""

    target: str
    viewers: int
    cpu_s: float
    first_s: float
    complete_s: float
    first_max_s: float
    complete_max_s: float


def process_cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process and its waited-for children so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
    return (utime + stime + cutime + cstime) / CLOCK_TICKS


def wait_quiet(pid: int, window_s: float = 0.3, timeout_s: float = 10.0) -> None:
    """Wait until the server spends (almost) no CPU for a short window: the previous viewer's work is done."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        before = process_cpu_s(pid)
        time.sleep(window_s)
        if process_cpu_s(pid) - before < 0.02:
            return


def _wait_health(url: str, process: subprocess.Popen, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"the server at {url} did not start") from None
            time.sleep(0.05)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(command: list[str], cwd: Path, env: dict[str, str] | None = None):
    """A Streamlit server on a free loopback port: (url, pid)."""
    port = free_port()
    options = ["--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    process = subprocess.Popen(
        [*command, *options], cwd=cwd, env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_health(url, process)
        yield url, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def dashboard(db_path: Path):
    """The dashboard as `make run` serves it (python -m ui.serve)."""
    with served([sys.executable, "-m", "ui.serve"], REPO_ROOT, {"HOUSING_MONITOR_DB": str(db_path)}) as server:
        yield server


@contextmanager
def floor_app():
    """The floor app as any Streamlit app is served: `streamlit run`, default configuration (an empty folder)."""
    with tempfile.TemporaryDirectory() as folder:
        with served([sys.executable, "-m", "streamlit", "run", str(FLOOR_APP)], Path(folder)) as server:
            yield server


def open_fresh(browser, address: str, timeout_ms: int = 120_000) -> tuple[float, float]:
    """One fresh viewer (a new browser context) opens the address: seconds to first key figure, to complete page.

    Both counted from the navigation's start in the browser's own clock. A page without key figures (a text
    page) counts its title instead.
    """
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(_MARKS)
        page.goto(address, wait_until="commit", timeout=timeout_ms)
        complete_ms = page.wait_for_function(_COMPLETE, timeout=timeout_ms, polling="raf").json_value()
        marks = page.evaluate("window.__viewerMarks")
        first_ms = marks.get("figure", marks.get("title", complete_ms))
        return first_ms / 1000, complete_ms / 1000
    finally:
        context.close()


def measure(browser, target: str, address: str, pid: int, viewers: int, warmups: int = 2) -> ViewerFigures:
    """Fresh viewers one after another; CPU of the server over all of them, divided by their number."""
    for _ in range(warmups):  # the server's caches and the page's first imports are not what a viewer pays
        open_fresh(browser, address)
    wait_quiet(pid)
    firsts, completes = [], []
    cpu_before = process_cpu_s(pid)
    for _ in range(viewers):
        first, complete = open_fresh(browser, address)
        firsts.append(first)
        completes.append(complete)
    wait_quiet(pid)
    cpu = (process_cpu_s(pid) - cpu_before) / viewers
    return ViewerFigures(
        target, viewers, cpu, statistics.median(firsts), statistics.median(completes), max(firsts), max(completes)
    )


def dashboard_targets(url: str, only: set[str] | None = None) -> list[tuple[str, str]]:
    """(name, address) of every page a viewer may open, and the shared Vergelijken link."""
    from ui import pages

    targets = [(spec.url_path, f"{url}/{spec.address}") for spec in pages.PAGES if not spec.importers_only]
    targets.insert(1, ("vergelijken-link", f"{url}/{SHARED_COMPARE}"))
    return [t for t in targets if not only or t[0] in only]


def run(db_path: Path, viewers: int, only: set[str] | None = None, rounds: int = 1) -> list[ViewerFigures]:
    """The floor app, then every dashboard page; `rounds` > 1 measures the floor again between pages."""
    from playwright.sync_api import sync_playwright

    results: list[ViewerFigures] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        with floor_app() as (url, pid):
            results.append(measure(browser, "floor", url, pid, viewers))
        with dashboard(db_path) as (url, pid):
            for name, address in dashboard_targets(url, only):
                results.append(measure(browser, name, address, pid, viewers))
        if rounds > 1:
            with floor_app() as (url, pid):
                results.append(measure(browser, "floor", url, pid, viewers))
        browser.close()
    return results


def floor_of(results: list[ViewerFigures]) -> ViewerFigures:
    """The floor app's figures of this run (the mean of its rounds)."""
    floors = [r for r in results if r.target == "floor"]
    return ViewerFigures(
        "floor", sum(f.viewers for f in floors),
        statistics.fmean(f.cpu_s for f in floors), statistics.fmean(f.first_s for f in floors),
        statistics.fmean(f.complete_s for f in floors), max(f.first_max_s for f in floors),
        max(f.complete_max_s for f in floors),
    )


def table(results: list[ViewerFigures]) -> str:
    floor = floor_of(results)
    lines = [
        f"{'page':<18} {'CPU s/viewer':>12} {'×floor':>7} {'first s':>8} {'×floor':>7} {'complete s':>10} {'max':>6} "
        f"{'×floor':>7}",
    ]
    for r in results:
        lines.append(
            f"{r.target:<18} {r.cpu_s:>12.3f} {r.cpu_s / floor.cpu_s:>6.2f}× {r.first_s:>8.2f} "
            f"{r.first_s / floor.first_s:>6.2f}× {r.complete_s:>10.2f} {r.complete_max_s:>6.2f} "
            f"{r.complete_s / floor.complete_s:>6.2f}×"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=8)
    parser.add_argument("--pages", default="", help="comma-separated page names (url paths, vergelijken-link)")
    parser.add_argument("--db", type=Path, help="a database to serve (default: a fresh demo database)")
    parser.add_argument("--rounds", type=int, default=2, help="floor app measured before and after the pages")
    parser.add_argument("--write", action="store_true", help="put the figures into docs/benchmarks.md (its viewer section)")
    args = parser.parse_args()
    only = {p for p in args.pages.split(",") if p} or None
    with tempfile.TemporaryDirectory() as folder:
        db_path = args.db
        if db_path is None:
            from housing_monitor.db.store import Store
            from housing_monitor.demo import bootstrap

            db_path = Path(folder) / "demo.duckdb"
            bootstrap.load_demo(Store(db_path))
        load = " / ".join(f"{value:.2f}" for value in os.getloadavg())
        print(f"load average at start: {load}")
        figures = run(db_path, args.viewers, only, args.rounds)
        print(table(figures))
        if args.write:
            write_section(figures, load)


def viewer_lines(figures: list[ViewerFigures]) -> list[str]:
    """The section on what a fresh viewer costs and waits, page by page beside the floor app."""
    if not figures:
        return []
    floor = floor_of(figures)
    t = VIEWER_TARGETS
    lines = [
        "",
        "## What a fresh viewer costs and waits (demo data)",
        "",
        "Each viewer is a new Chromium context (nothing cached, as a phone opening a shared link for the first time) "
        "against a warm server started as `make run` starts it, one viewer after another. **CPU** is the server "
        "process's user + system time over all viewers until it is quiet again, per viewer. **First key figure**: from "
        "the request until the first key figure's value (the floor app's `st.metric`, the dashboard's key figure card; "
        "else a chart or table) is on screen. **Complete**: the run is over and no "
        "element is still loading its code; every chart and table is drawn (its ratio to the floor app's is context: "
        "the target is in seconds). The floor app (`tools/bench/floor_app.py`: "
        "a title, one `st.metric`, one Plotly Express bar chart, default Streamlit settings) is measured the same way "
        f"in the same run, before and after the pages ({floor.viewers} viewers in all); ratios are against it. "
        f"Targets: CPU ≤ {t['cpu_shared']:g}× the floor for Overzicht and a shared Vergelijken link, ≤ {t['cpu_other']:g}× "
        f"for the other pages; first key figure ≤ {t['first']:g}× the floor; complete page < {t['complete_s']:g} s. "
        "Medians over the viewers; worst in brackets.",
        "",
        "| page | viewers | server CPU per viewer (s) | × floor | first key figure (s) | × floor | complete page (s) "
        "| × floor |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        f"| floor app | {floor.viewers} | {floor.cpu_s:.3f} | 1.00× | {floor.first_s:.2f} | 1.00× | "
        f"{floor.complete_s:.2f} ({floor.complete_max_s:.2f}){_mark(floor.complete_s, t['complete_s'])} | 1.00× |",
    ]
    for r in figures:
        if r.target == "floor":
            continue
        cpu_ratio, first_ratio = r.cpu_s / floor.cpu_s, r.first_s / floor.first_s
        cpu_target = t["cpu_shared"] if r.target in SHARED_PAGES else t["cpu_other"]
        lines.append(
            f"| {r.target} | {r.viewers} | {r.cpu_s:.3f} | {cpu_ratio:.2f}×{_mark(cpu_ratio, cpu_target)} | "
            f"{r.first_s:.2f} ({r.first_max_s:.2f}) | {first_ratio:.2f}×{_mark(first_ratio, t['first'])} | "
            f"{r.complete_s:.2f} ({r.complete_max_s:.2f}){_mark(r.complete_s, t['complete_s'])} | "
            f"{r.complete_s / floor.complete_s:.2f}× |"
        )
    return lines


def _mark(value: float, target: float) -> str:
    return " ✓" if value <= target else " ✗"


def write_section(figures: list[ViewerFigures], load: str) -> None:
    """Replace the viewer section of docs/benchmarks.md (the rest of the file stays as `make bench` wrote it)."""
    import datetime as dt

    lines = viewer_lines(figures)
    lines.insert(3, f"Measured by `python -m tools.bench.viewers --write` on {dt.date.today().isoformat()}; load average "
                    f"(1 / 5 / 15 min) at the start: {load}.")
    lines.insert(4, "")
    section = "\n".join(lines).strip("\n") + "\n"
    text = OUTPUT.read_text(encoding="utf-8")
    heading = "## What a fresh viewer costs and waits"
    if heading in text:
        start = text.index(heading)
        end = text.find("\n## ", start + len(heading))
        text = text[:start] + section + ("" if end < 0 else text[end:])
    else:
        anchor = text.find("## Against plain pandas")
        text = text + "\n" + section if anchor < 0 else text[:anchor] + section + "\n" + text[anchor:]
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
