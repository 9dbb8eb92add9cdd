"""A real dashboard server and headless Debian Chromium (Playwright) for the browser tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"
# Generous: both cores may be busy with other work while a page computes its first figures.
TIMEOUT_MS = 90_000
# A key figure card (ui/layout.figure_card) and, inside it, its value.
KEY_FIGURE = '[class*="st-key-kpi_"]'
KEY_FIGURE_VALUE = f"{KEY_FIGURE} strong"
expect.set_options(timeout=TIMEOUT_MS)
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def key_figure(page, label: str):
    """The key figure card with exactly this label (a caption may name another card's label)."""
    return page.locator(KEY_FIGURE).filter(has=page.get_by_text(label, exact=True))


def key_figure_value(page, label: str):
    """The value on the key figure card with exactly this label."""
    return key_figure(page, label).locator("strong")


def require_browser() -> None:
    """Skip without Chromium on a developer machine; in CI a missing browser is a failure."""
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"Chromium not found at {CHROMIUM}: CI must install Debian's chromium")
    pytest.skip("Debian's chromium is not installed (make browser)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The two ways to start the dashboard: the project's own command, and the one every Streamlit user knows.
SERVE = (sys.executable, "-m", "ui.serve")
STREAMLIT_RUN = (sys.executable, "-m", "streamlit", "run", "dashboard.py")


@contextmanager
def dashboard_server(
    db_path: Path,
    extra_env: dict[str, str] | None = None,
    args=(),
    port: int | None = None,
    log_path: Path | None = None,
    command: tuple[str, ...] = SERVE,
):
    """Run the dashboard (`python -m ui.serve` unless told otherwise) on a free loopback port (or `port`)."""
    port = port or free_port()
    env = {**os.environ, "HOUSING_MONITOR_DB": str(db_path), **(extra_env or {})}
    log = open(log_path or db_path.with_suffix(".server.log"), "w")
    process = subprocess.Popen(
        [
            *command,
            "--server.port", str(port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false", *args,
        ],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    with serving(process, log, url + "/_stcore/health", "dashboard", seconds=60):
        yield url


@contextmanager
def serving(process: subprocess.Popen, log, health_url: str, what: str, seconds: float):
    """Wait until a started server answers its health URL (polling, not a guess), and stop it afterwards."""
    try:
        deadline = time.monotonic() + seconds
        while True:
            try:
                with urllib.request.urlopen(health_url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start: see {log.name}")
            time.sleep(0.3)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


# A phone as a participant holds it: 390 px wide, touch, and a browser that says it is mobile.
PHONE = {
    "viewport": (390, 844),
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 3,
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0.0.0 Mobile Safari/537.36",
}


@contextmanager
def browser_page(viewport=(1400, 1000), **context_options):
    """A Playwright page in headless Debian Chromium (`browser_page(**PHONE)` for a phone)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, locale="nl-NL", **context_options
        )
        context.set_default_timeout(TIMEOUT_MS)  # every locator wait, not only expect()
        page = context.new_page()
        try:
            yield page
        finally:
            context.close()
            browser.close()


def wait_for_app(page, timeout_ms: int = TIMEOUT_MS) -> None:
    """Wait until Streamlit has finished its current run and drawn its charts."""
    # The app's own script state says whether a run is over: "initial" until the first run has started, so
    # right after goto this cannot pass early. After an interaction use `rerun`, which waits for the new run.
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=timeout_ms)
    # Plotly draws after the run has finished; a chart counts as drawn once its plot div exists.
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=\"stPlotlyChart\"]').length <= "
        "document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .js-plotly-plot').length",
        timeout=timeout_ms,
    )


# Notes every script run that starts from now on (the attribute's old value catches a run too short to be seen).
_WATCH_RUNS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__testRan = false;
  if (window.__testObserver) window.__testObserver.disconnect();
  window.__testObserver = new MutationObserver(records => {
    if (records.some(r => r.oldValue === 'running') || app.getAttribute('data-test-script-state') === 'running') {
      window.__testRan = true;
    }
  });
  window.__testObserver.observe(app, {attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']});
}"""


@contextmanager
def rerun(page, timeout_ms: int = TIMEOUT_MS):
    """Around an interaction that reruns the script: afterwards, wait for a run that started after it to finish."""
    page.evaluate(_WATCH_RUNS)
    yield
    page.wait_for_function("() => window.__testRan === true", timeout=timeout_ms)
    wait_for_app(page, timeout_ms)


def click_until(target, outcome, attempts: int = 3, timeout_ms: int = 40_000) -> None:
    """Click until what the click brings is visible; click again only if it has not come and the target is still there.

    On a busy machine a click can land while the app is not yet listening and is lost; waiting for a run to start
    would then wait for nothing, and a run that did start can be over before a watcher sees it.
    """
    for attempt in range(attempts):
        if attempt == 0 or target.is_visible():
            target.click()
        try:
            expect(outcome).to_be_visible(timeout=timeout_ms)
            return
        except AssertionError:
            if attempt == attempts - 1:
                raise


def no_page_not_found(page) -> None:
    """Fail when Streamlit shows its (English) "Page not found" dialog."""
    expect(page.get_by_role("dialog").filter(has_text="Page not found")).to_have_count(0)


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as a test artefact."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
