"""Benchmark: cold start, filter latency in a real browser, page query time cold and warm, import speed,
peak memory, and the same measures in plain pandas as a baseline. Prints figures and writes docs/benchmarks.md."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import bootstrap
from .store import REPO_ROOT, Store

DASHBOARD = REPO_ROOT / "dashboard.py"
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass
class Results:
    """Every figure of one benchmark run, per scale."""

    machine: str = ""
    rows: dict[str, dict[str, int]] = field(default_factory=dict)
    build_s: dict[str, float] = field(default_factory=dict)
    cold_start_s: dict[str, float] = field(default_factory=dict)
    filter_latency_s: dict[str, dict[str, float]] = field(default_factory=dict)
    page_cold_s: dict[str, dict[str, float]] = field(default_factory=dict)
    page_warm_s: dict[str, dict[str, float]] = field(default_factory=dict)
    baseline: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)
    import_s: dict[str, float] = field(default_factory=dict)
    peak_memory_mb: dict[str, float] = field(default_factory=dict)


def machine_description() -> str:
    """CPU, cores, memory and versions, for the benchmark table."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{memory_kb / 1024 / 1024:.0f} GiB"
    except (OSError, AttributeError):
        memory = "unknown memory"
    import duckdb
    import pandas

    return (
        f"{cpu}, {os.cpu_count()} cores, {memory}; {platform.system()} {platform.release()}; Python "
        f"{platform.python_version()}, DuckDB {duckdb.__version__}, pandas {pandas.__version__}"
    )


def registered_pages() -> list[tuple[str, str]]:
    """(file, url path) of every page in dashboard.py, the default page's path being ''."""
    router = DASHBOARD.read_text(encoding="utf-8")
    pages = []
    for args in re.findall(r"st\.Page\(([^)]*)\)", router):
        file = re.search(r'"(pages/[^"]+\.py)"', args).group(1)
        path = "" if "default=True" in args else re.search(r'url_path="([^"]+)"', args).group(1)
        pages.append((file, path))
    return pages


def build_database(scale: str, directory: Path) -> tuple[Store, float]:
    """A database of the given scale, built once and reused by later runs."""
    store = Store(directory / f"bench-{scale}.duckdb")
    started = time.perf_counter()
    if not store.exists():
        bootstrap.load_demo(store, scale=scale, force=True, user="bench")
    return store, time.perf_counter() - started


def _median_of(runs: int, action) -> float:
    return statistics.median(action() for _ in range(runs))


def page_query_times(store: Store, runs: int) -> tuple[dict[str, float], dict[str, float]]:
    """Per page: its whole script run in AppTest with empty caches (cold) and filled caches (warm)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["HOUSING_MONITOR_DB"] = str(store.path)
    cold, warm = {}, {}
    for file, path in registered_pages():
        def run_page(clear: bool) -> float:
            if clear:
                st.cache_data.clear()
            at = AppTest.from_file(str(DASHBOARD), default_timeout=120)
            at.run()
            started = time.perf_counter()
            at.switch_page(file).run()
            elapsed = time.perf_counter() - started
            if at.exception:
                raise RuntimeError(f"{file}: {at.exception[0].message}")
            return elapsed

        cold[path or "overzicht"] = _median_of(runs, lambda: run_page(True))
        run_page(False)
        warm[path or "overzicht"] = _median_of(runs, lambda: run_page(False))
    return cold, warm


def _serve(store: Store, port: int) -> subprocess.Popen:
    env = {**os.environ, "HOUSING_MONITOR_DB": str(store.path)}
    return subprocess.Popen(
        [sys.executable, "-m", "ui.serve", "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true"],
        cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_rendered(page, timeout_ms: int = 60000) -> None:
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=timeout_ms)
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=\"stPlotlyChart\"]').length <= "
        "document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .js-plotly-plot').length",
        timeout=timeout_ms,
    )


def browser_figures(store: Store, runs: int) -> tuple[float, dict[str, float]]:
    """Cold start to first page rendered, and per page the time from a sidebar filter change to redrawn."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    started = time.perf_counter()
    server = _serve(store, port)
    url = f"http://127.0.0.1:{port}"
    latencies = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            deadline = time.monotonic() + 120
            while True:
                try:
                    page.goto(url, timeout=5000)
                    page.locator('[data-testid="stMetric"]').first.wait_for(timeout=60000)
                    break
                except Exception:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise
                    time.sleep(0.2)
            _wait_rendered(page)
            cold_start = time.perf_counter() - started
            for _, path in registered_pages():
                samples = []
                for run in range(runs):
                    page.goto(f"{url}/{path}")
                    _wait_rendered(page)
                    page.wait_for_timeout(300)
                    form = ("Zelfstandige woning", "Tijdelijke huisvesting")[run % 2]
                    box = page.get_by_role("combobox", name="Woonvorm")
                    box.click()
                    clicked = time.perf_counter()
                    page.get_by_role("option", name=form).click()
                    page.wait_for_timeout(50)  # let the rerun start before waiting for it to end
                    _wait_rendered(page)
                    samples.append(time.perf_counter() - clicked)
                    page.keyboard.press("Escape")
                latencies[path or "overzicht"] = statistics.median(samples)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    return cold_start, latencies


def peak_memory_mb() -> float:
    """Peak resident memory of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def markdown(results: Results, scales: list[str]) -> str:
    """The benchmark table for docs/benchmarks.md."""
    lines = [
        "# Benchmarks",
        "",
        f"Run on {dt.date.today().isoformat()} with `python -m housing_monitor bench`.",
        "",
        f"Machine: {results.machine}.",
        "",
        "## Data",
        "",
        "| scale | " + " | ".join(sorted(next(iter(results.rows.values())).keys())) + " | build (s) |",
        "|---|" + "---|" * (len(next(iter(results.rows.values()))) + 1),
    ]
    for scale in scales:
        counts = results.rows[scale]
        lines.append(
            f"| {scale} | " + " | ".join(f"{counts[k]:,}" for k in sorted(counts)) + f" | {results.build_s[scale]:.1f} |"
        )
    lines += ["", "## Start-up and import", "", "| figure | " + " | ".join(scales) + " | target |", "|---|" + "---|" * (len(scales) + 1)]
    lines.append("| cold start to first page rendered (s) | " + " | ".join(_fmt(results.cold_start_s.get(s)) for s in scales) + " | < 3 |")
    lines.append("| import of a 1,000,000-row placements CSV (s) | " + " | ".join(_fmt(results.import_s.get(s)) for s in scales) + " | < 15 |")
    lines.append("| peak memory (MB) | " + " | ".join(_fmt(results.peak_memory_mb.get(s), 0) for s in scales) + " | < 2048 |")
    lines += ["", "## Pages", "", "Median of the runs. Filter latency: a sidebar filter changed in Chromium until the page and its charts are redrawn. "
              "Page time: the page's whole script run (queries, measures, charts) in AppTest with empty caches (cold) and filled caches (warm).", ""]
    header = "| page | " + " | ".join(f"{s}: filter → redrawn (ms) | {s}: cold (ms) | {s}: warm (ms)" for s in scales) + " |"
    lines += [header, "|---|" + "---|" * (3 * len(scales))]
    for _, path in registered_pages():
        name = path or "overzicht"
        cells = []
        for s in scales:
            cells += [
                _fmt(_ms(results.filter_latency_s.get(s, {}).get(name)), 0),
                _fmt(_ms(results.page_cold_s.get(s, {}).get(name)), 0),
                _fmt(_ms(results.page_warm_s.get(s, {}).get(name)), 0),
            ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    if results.baseline:
        lines += ["", "## DuckDB versus plain pandas", "", "Same measure, same data, same run; median seconds.", "",
                  "| scale | measure | DuckDB + numpy (s) | pandas (s) | pandas ÷ ours |", "|---|---|---|---|---|"]
        for s in scales:
            for name, (ours, theirs) in results.baseline.get(s, {}).items():
                lines.append(f"| {s} | {name} | {ours:.3f} | {theirs:.3f} | {theirs / ours:.1f}× |")
    return "\n".join(lines) + "\n"


def _ms(seconds):
    return None if seconds is None else seconds * 1000


def _fmt(value, decimals: int = 2) -> str:
    return "–" if value is None else f"{value:,.{decimals}f}"


def run(scales: list[str], runs: int, browser: bool, output: Path | None, workdir: Path | None = None) -> Results:
    """Run every benchmark for the given scales and write the Markdown table."""
    from . import baseline

    workdir = workdir or Path(tempfile.gettempdir()) / "housing-monitor-bench"
    workdir.mkdir(parents=True, exist_ok=True)
    results = Results(machine=machine_description())
    for scale in scales:
        print(f"[{scale}] building database …", flush=True)
        store, build = build_database(scale, workdir)
        results.build_s[scale] = build
        with store.reader() as con:
            results.rows[scale] = {
                t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                for t in ("placements", "nuisance", "integration", "quota")
            }
        print(f"[{scale}] rows {results.rows[scale]}", flush=True)
        print(f"[{scale}] DuckDB versus pandas …", flush=True)
        results.baseline[scale] = baseline.compare(store, runs)
        for name, (ours, theirs) in results.baseline[scale].items():
            print(f"[{scale}]   {name}: ours {ours:.3f} s, pandas {theirs:.3f} s, ratio {theirs / ours:.1f}×", flush=True)
        print(f"[{scale}] page query times (AppTest) …", flush=True)
        results.page_cold_s[scale], results.page_warm_s[scale] = page_query_times(store, runs)
        for page in results.page_cold_s[scale]:
            print(f"[{scale}]   {page}: cold {results.page_cold_s[scale][page] * 1000:.0f} ms, "
                  f"warm {results.page_warm_s[scale][page] * 1000:.0f} ms", flush=True)
        if browser:
            print(f"[{scale}] browser: cold start and filter latency …", flush=True)
            results.cold_start_s[scale], results.filter_latency_s[scale] = browser_figures(store, runs)
            print(f"[{scale}]   cold start {results.cold_start_s[scale]:.2f} s", flush=True)
            for page, seconds in results.filter_latency_s[scale].items():
                print(f"[{scale}]   {page}: filter → redrawn {seconds * 1000:.0f} ms", flush=True)
        import_seconds = baseline.import_speed(store, workdir)
        if import_seconds is not None:
            results.import_s[scale] = import_seconds
            print(f"[{scale}] import of 1,000,000 placements: {import_seconds:.1f} s", flush=True)
        results.peak_memory_mb[scale] = peak_memory_mb()
        print(f"[{scale}] peak memory so far {results.peak_memory_mb[scale]:.0f} MB", flush=True)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(markdown(results, scales), encoding="utf-8")
        print(f"wrote {output}")
    return results
