"""Sixty at once: a room opens the same shared link at the same moment, against the dashboard and the floor app.

    python -m tests.load.loadtest [--link "/vergelijken?vergelijk=woonvorm&kies=tijdelijk,woningdelen"]
                                  [--sessions 60] [--processes 2,4] [--app dashboard,floor] [--json]

For each number of processes, the dashboard (`python -m ui.serve` on a fresh demo database) and the floor app
(tools/bench/floor_app.py, served as any Streamlit app is: `streamlit run` from an empty folder) are started as
that many processes on loopback ports, one configuration after the other, so they never compete. Each process is
warmed with `--warmup` sessions of the link, then:

- alone: `--alone` sessions per process, one at a time;
- at once: `--sessions` sessions opened at the same moment, round-robin over the processes' ports (no proxy in
  between). Each is a new viewer over the websocket protocol (tests/load/protocol.py): it asks for the link's page
  and query string as a browser does, and reads every message until its script run has finished. Drawing is left
  to the viewers' own computers, and so are the frontend's static files (a browser caches them after its first
  visit); the dashboard's link sessions and the floor app's sessions are timed the same way.

A session is an error when it times out, fails, shows an exception or "page not found", or did not show the page
the link asks for (its title and, for a Vergelijken link, the chosen entities as key figures). Prints p50, p95, max
and errors per configuration and the dashboard's p95 ÷ the floor app's p95 per number of processes (target: at
most 1.5×, 0 errors). Exit 1 on any error. The import during load and Chromium renders: tests/load/import_during_load.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

from housing_monitor import dutch
from tests.load.protocol import Expected, Link, open_link

SHARED_LINK = "/vergelijken?vergelijk=woonvorm&kies=tijdelijk,woningdelen"
APPS = ("dashboard", "floor")
TARGET_RATIO = 1.5
FLOOR_EXPECTED = Expected("Woonmonitor – vloer", ("Gehuisveste huishoudens",), charts=1)


@dataclass
class Session:
    """One viewer's session: how long from connecting until its run finished, what it received, or its error."""

    process: int
    seconds: float
    kilobytes: float
    error: str | None


def expected_on_dashboard(link: Link) -> Expected:
    """What the dashboard must show for `link`: the page's title; on Vergelijken, the chosen entities' key figures."""
    from housing_monitor.contract import HOUSING_FORMS
    from ui import pages

    spec = next((s for s in pages.PAGES if s.url_path == link.page_name), pages.DEFAULT if not link.page_name else None)
    if spec is None:
        raise ValueError(f"no dashboard page at /{link.page_name}")
    query = {key: values[-1] for key, values in parse_qs(link.query_string).items()}
    metrics = None
    if spec.url_path == "vergelijken" and query.get("vergelijk") == "woonvorm" and "kies" in query:
        metrics = tuple(HOUSING_FORMS[form] for form in query["kies"].split(","))
    return Expected(spec.title, metrics, charts=1)


def _failure(error: BaseException) -> str:
    if isinstance(error, TimeoutError):
        return "TimeoutError: no finished script run in time"
    return f"{type(error).__name__}: {(str(error).splitlines() or [''])[0][:200]}"


async def session(process: int, url: str, link: Link, expected: Expected, timeout_s: float) -> Session:
    started = time.perf_counter()
    try:
        shown = await open_link(url, link, timeout_s)
        expected.check(shown)
    except Exception as failure:  # a load test counts every failure instead of stopping at the first
        return Session(process, time.perf_counter() - started, 0.0, _failure(failure))
    return Session(process, time.perf_counter() - started, shown.bytes / 1000, None)


# --- the servers' CPU -------------------------------------------------------------------------------

def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds the processes have used so far."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += sum(int(value) for value in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU seconds all cores of the machine have been busy so far (everything but idle and I/O wait)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = (
        int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
    )
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def wait_quiet(pids: list[int], window_s: float = 0.5, timeout_s: float = 30) -> None:
    """Wait until the servers are (almost) idle: warm-up, start-up or earlier sessions no longer use the cores."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        before = cpu_seconds(pids)
        time.sleep(window_s)
        if cpu_seconds(pids) - before < 0.03 * len(pids):
            return


# --- one configuration: an app served by N processes --------------------------------------------------

def servers(stack: ExitStack, app: str, processes: int, db: Path) -> list[tuple[str, int]]:
    """Start the app as `processes` Streamlit processes: their (url, pid)."""
    from tools.bench import viewers  # serves both apps exactly as the benchmark does

    def start():
        return viewers.dashboard(db) if app == "dashboard" else viewers.floor_app()

    return [stack.enter_context(start()) for _ in range(processes)]


async def measure(urls: list[str], pids: list[int], link: Link, expected: Expected, sessions: int,
                  warmup: int, alone: int, timeout_s: float) -> dict:
    """Warm every process, then sessions one at a time, then `sessions` at once."""
    warm = [await session(p, url, link, expected, timeout_s) for _ in range(warmup) for p, url in enumerate(urls)]
    wait_quiet(pids)
    one_by_one = [await session(p, url, link, expected, timeout_s) for _ in range(alone) for p, url in enumerate(urls)]
    wait_quiet(pids)
    cpu_before, started, client_before = cpu_seconds(pids), time.perf_counter(), time.process_time()
    machine_before = machine_busy_seconds()
    at_once = await asyncio.gather(
        *(session(i % len(urls), urls[i % len(urls)], link, expected, timeout_s) for i in range(sessions))
    )
    wall, client = time.perf_counter() - started, time.process_time() - client_before
    wait_quiet(pids)  # the servers' work for these sessions includes closing them
    cpu = cpu_seconds(pids) - cpu_before
    others = machine_busy_seconds() - machine_before - cpu - (time.process_time() - client_before)
    return {"warmup": warm, "alone": one_by_one, "at_once": at_once, "wall_s": wall, "server_cpu_s": cpu,
            "client_cpu_s": client, "others_cpu_s": others}


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def figures(sessions: list[Session]) -> dict:
    ok = [s.seconds for s in sessions if s.error is None]
    return {
        "count": len(sessions),
        "errors": sum(s.error is not None for s in sessions),
        "error_messages": sorted({s.error for s in sessions if s.error}),
        "p50_s": round(statistics.median(ok), 2) if ok else None,
        "p95_s": round(percentile(ok, 0.95), 2) if ok else None,
        "max_s": round(max(ok), 2) if ok else None,
        "kb_per_session": round(statistics.fmean(s.kilobytes for s in sessions if s.error is None), 1) if ok else None,
    }


def configuration(app: str, processes: int, db: Path | None, link: Link, sessions: int,
                  warmup: int = 2, alone: int = 2, timeout_s: float = 120) -> dict:
    """Serve the app with `processes` processes and measure it: the summary as a dict."""
    if app == "dashboard":
        served_link, expected = link, expected_on_dashboard(link)
    else:
        served_link, expected = Link("", ""), FLOOR_EXPECTED  # the floor app has one page, at its root
    with ExitStack() as stack:
        started = servers(stack, app, processes, db)
        urls, pids = [url for url, _ in started], [pid for _, pid in started]
        outcome = asyncio.run(measure(urls, pids, served_link, expected, sessions, warmup, alone, timeout_s))
    burst = outcome["at_once"]
    return {
        "app": app,
        "processes": processes,
        "link": str(served_link),
        "warmup": figures(outcome["warmup"]),
        "alone": figures(outcome["alone"]),
        "at_once": figures(burst)
        | {
            "wall_s": round(outcome["wall_s"], 1),
            "server_cpu_s": round(outcome["server_cpu_s"], 1),
            "server_cpu_per_session_s": round(outcome["server_cpu_s"] / max(1, len(burst)), 2),
            # the viewers' side (this process) shares the machine's cores with the servers
            "client_cpu_s": round(outcome["client_cpu_s"], 1),
            # whatever else ran on the machine meanwhile: ~0 on a quiet machine
            "others_cpu_s": round(max(0.0, outcome["others_cpu_s"]), 1),
            "per_process": [sum(s.process == p for s in burst) for p in range(processes)],
        },
    }


def sweep(db: Path | None, link: str = SHARED_LINK, sessions: int = 60, processes=(2, 4), apps=APPS,
          warmup: int = 2, alone: int = 2, timeout_s: float = 120) -> dict:
    """Every app at every number of processes, one configuration after the other; figures and p95 ratios."""
    parsed = Link.parse(link)
    load_before = os.getloadavg()
    results = [
        configuration(app, n, db, parsed, sessions, warmup, alone, timeout_s) for n in processes for app in apps
    ]
    ratios = {}
    for n in processes:
        p95 = {r["app"]: r["at_once"]["p95_s"] for r in results if r["processes"] == n}
        if p95.get("dashboard") and p95.get("floor"):
            ratios[n] = round(p95["dashboard"] / p95["floor"], 2)
    return {
        "link": str(parsed),
        "sessions": sessions,
        "load_average_before": [round(v, 2) for v in load_before],
        "load_average_after": [round(v, 2) for v in os.getloadavg()],
        "results": results,
        "p95_ratio_dashboard_to_floor": ratios,
        "target_ratio": TARGET_RATIO,
    }


def _n(value: float | None, digits: int) -> str:
    return "–" if value is None else dutch.number(value, digits)


def table(summary: dict) -> str:
    """The figures as a plain-text table (Dutch, as the rest of the project's output)."""
    lines = [
        f"Zestig tegelijk: {summary['sessions']} sessies tegelijk van {summary['link']} "
        f"(belasting vooraf {', '.join(_n(v, 2) for v in summary['load_average_before'])}; "
        f"achteraf {', '.join(_n(v, 2) for v in summary['load_average_after'])})",
        f"{'app':<10} {'processen':>9} {'p50 s':>7} {'p95 s':>7} {'max s':>7} {'fouten':>6} {'totaal s':>8} "
        f"{'CPU s/sessie':>12} {'kB/sessie':>9} {'alleen p50 s':>12} {'overig CPU s':>12}",
    ]
    for r in summary["results"]:
        f = r["at_once"]
        lines.append(
            f"{r['app']:<10} {r['processes']:>9} {_n(f['p50_s'], 2):>7} {_n(f['p95_s'], 2):>7} {_n(f['max_s'], 2):>7} "
            f"{f['errors']:>6} {_n(f['wall_s'], 1):>8} {_n(f['server_cpu_per_session_s'], 2):>12} "
            f"{_n(f['kb_per_session'], 0):>9} {_n(r['alone']['p50_s'], 2):>12} {_n(f['others_cpu_s'], 1):>12}"
        )
    for n, ratio in summary["p95_ratio_dashboard_to_floor"].items():
        verdict = "gehaald" if ratio <= summary["target_ratio"] else "niet gehaald"
        lines.append(
            f"p95 dashboard ÷ p95 vloerapp, {n} processen: {_n(ratio, 2)}× "
            f"(doel ≤ {_n(summary['target_ratio'], 1)}×: {verdict})"
        )
    for r in summary["results"]:
        for part in ("warmup", "alone", "at_once"):
            for message in r[part]["error_messages"]:
                lines.append(f"  fout ({r['app']}, {r['processes']} processen, {part}): {message}")
    return "\n".join(lines)


def errors(summary: dict) -> int:
    return sum(r[part]["errors"] for r in summary["results"] for part in ("warmup", "alone", "at_once"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.load.loadtest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--link", default=SHARED_LINK, help="the shared link the dashboard's viewers open")
    parser.add_argument("--sessions", type=int, default=60, help="sessions opened at the same moment")
    parser.add_argument("--processes", default="2,4", help="comma-separated numbers of processes")
    parser.add_argument("--app", default=",".join(APPS), help="dashboard, floor or both (comma-separated)")
    parser.add_argument("--warmup", type=int, default=2, help="sessions per process before measuring")
    parser.add_argument("--alone", type=int, default=2, help="sessions per process one at a time")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per session before it counts as an error")
    parser.add_argument("--db", type=Path, help="database for the dashboard (read only); default: fresh demo")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    apps = tuple(a for a in args.app.split(",") if a)
    if unknown := set(apps) - set(APPS):
        parser.error(f"unknown app {', '.join(sorted(unknown))}: choose from {', '.join(APPS)}")
    processes = tuple(int(n) for n in args.processes.split(",") if n)
    with tempfile.TemporaryDirectory(prefix="woonmonitor-load-") as work:
        db = args.db
        if db is None and "dashboard" in apps:
            from housing_monitor.db.store import Store
            from housing_monitor.demo import bootstrap

            db = Path(work) / "monitor.duckdb"
            bootstrap.load_demo(Store(db), user="loadtest")
        summary = sweep(db, args.link, args.sessions, processes, apps, args.warmup, args.alone, args.timeout)
    print(json.dumps(summary, indent=2, ensure_ascii=False) if args.json else table(summary))
    return 1 if errors(summary) else 0


if __name__ == "__main__":
    raise SystemExit(main())
