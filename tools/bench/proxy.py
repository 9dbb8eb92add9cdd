"""What a caching proxy in front of the dashboard saves: fresh viewers of Overzicht directly and through nginx.

    python -m tools.bench.proxy [--viewers 8] [--rounds 2] [--db PATH] [--config NGINX_CONF]

Needs Debian's nginx (`apt-get install nginx-light`) and chromium. One dashboard server (as `make run` serves it)
and one nginx running docs/nginx-streamlit.conf as it is (its loopback ports replaced by free ones, its prefix a
temporary folder, in the foreground: no system service). The nginx cache is filled by one viewer first; then fresh
viewers (new browser contexts, as in tools/bench/viewers.py) open Overzicht directly and through nginx, in
alternating rounds so that the shared machine's drift falls on both alike. Per route: the dashboard process's CPU
seconds per viewer, nginx's own (master and workers), and the seconds to the first key figure and to the complete
page; for the proxied route also what the viewers' /static/ requests cost (cache hits, bytes sent).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from housing_monitor.db.store import REPO_ROOT
from tools.bench import viewers

CONFIG = REPO_ROOT / "docs" / "nginx-streamlit.conf"
# The loopback ports written in the config: the dashboard, the address viewers open, the compressing server.
CONFIG_PORTS = ("8501", "8080", "8081")


@dataclass
class RouteFigures:
    """One route's viewers: what each cost the dashboard and nginx, and what each waited."""

    route: str
    round_server_cpu_s: list[float] = field(default_factory=list)  # the dashboard's CPU seconds per viewer, per round
    server_cpu_total_s: float = 0.0
    nginx_cpu_total_s: float = 0.0
    firsts: list[float] = field(default_factory=list)
    completes: list[float] = field(default_factory=list)

    @property
    def viewers(self) -> int:
        return len(self.completes)

    @property
    def server_cpu_s(self) -> float:
        return self.server_cpu_total_s / self.viewers

    @property
    def nginx_cpu_s(self) -> float:
        return self.nginx_cpu_total_s / self.viewers


@dataclass
class StaticTraffic:
    """The proxied viewers' /static/ requests, from nginx's access log."""

    requests: int = 0
    hits: int = 0
    bytes_sent: int = 0
    bytes_plain: int = 0  # the same files as Streamlit sends them (uncompressed)


def config_for(dashboard_port: int, listen_port: int, compress_port: int, config: Path = CONFIG) -> str:
    """The nginx config with its loopback ports replaced (the dashboard's and the viewers' must be in it)."""
    text = config.read_text(encoding="utf-8")
    for old, new in zip(CONFIG_PORTS, (dashboard_port, listen_port, compress_port)):
        marked = f"127.0.0.1:{old};"
        if marked not in text and old != CONFIG_PORTS[2]:
            raise ValueError(f"{config} has no {marked}")
        text = text.replace(marked, f"127.0.0.1:{new};")
    return text


def nginx_cpu_s(master_pid: int) -> float:
    """CPU seconds of nginx's master and its processes (workers, cache manager), exited ones included."""
    total = viewers.process_cpu_s(master_pid)
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    for child in children:
        try:
            total += viewers.process_cpu_s(int(child))
        except FileNotFoundError:  # exited in between: its time is in the master's own figure by now
            pass
    return total


@contextmanager
def nginx(dashboard_url: str, config: Path = CONFIG):
    """nginx with the documented config in front of the dashboard: (url, master pid, access log)."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise RuntimeError("nginx is not installed (apt-get install nginx-light)")
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder)
        prefix.chmod(0o755)  # started as root, nginx's workers run as nobody: they must reach the cache
        for sub in ("logs", "cache", "temp"):
            (prefix / sub).mkdir()
        listen_port, compress_port = viewers.free_port(), viewers.free_port()
        served = prefix / "nginx.conf"
        text = config_for(urlsplit(dashboard_url).port, listen_port, compress_port, config)
        served.write_text(text, encoding="utf-8")
        with open(prefix / "logs" / "stderr.log", "wb") as stderr:
            process = subprocess.Popen(
                [binary, "-p", f"{prefix}/", "-c", str(served), "-e", "stderr", "-g", "daemon off;"],
                stdout=subprocess.DEVNULL, stderr=stderr,
            )
        url = f"http://127.0.0.1:{listen_port}"
        try:
            _wait_health(url, process, prefix / "logs" / "stderr.log")
            _check_cache(url, prefix / "logs" / "error.log")
            yield url, process.pid, prefix / "logs" / "access.log"
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_health(url: str, process: subprocess.Popen, stderr: Path, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"nginx at {url} did not start: {stderr.read_text()}") from None
            time.sleep(0.05)


def _check_cache(url: str, error_log: Path) -> None:
    """The page's first script comes from nginx's cache the second time (else every viewer would wait in vain)."""
    index = urllib.request.urlopen(f"{url}/", timeout=10).read().decode()
    script = re.search(r'src="\.?(/?static/[^"]+\.js)"', index).group(1).lstrip("/")
    statuses = []
    for _ in range(2):
        try:
            with urllib.request.urlopen(f"{url}/{script}", timeout=30) as response:
                statuses.append(response.headers.get("X-Cache-Status"))
        except urllib.error.HTTPError as error:
            statuses.append(str(error.code))
    if statuses[1] != "HIT":
        errors = error_log.read_text() if error_log.exists() else ""
        raise RuntimeError(f"nginx does not serve /{script} from its cache ({statuses}): {errors[-2000:]}")


def static_traffic(log_lines: list[str]) -> StaticTraffic:
    """What the viewers' /static/ requests got (the compressing server's own lines have no cache status)."""
    import streamlit

    static_root = Path(streamlit.__file__).parent / "static"
    traffic = StaticTraffic()
    for line in log_lines:
        request = line.split('"')[1] if line.count('"') >= 2 else ""
        parts = request.split()
        if len(parts) < 2 or not parts[1].startswith("/static/"):
            continue
        status, sent, cache = line.split('"')[2].split()[:3]
        if cache == "-":
            continue
        traffic.requests += 1
        traffic.hits += cache == "HIT"
        traffic.bytes_sent += int(sent)
        plain = static_root / parts[1].lstrip("/").split("?")[0]
        traffic.bytes_plain += plain.stat().st_size if status == "200" and plain.is_file() else 0
    return traffic


def viewers_round(browser, figures: RouteFigures, address: str, server_pid: int, nginx_pid: int, count: int) -> None:
    """`count` fresh viewers one after another; CPU of the dashboard and of nginx over all of them."""
    viewers.wait_quiet(server_pid)
    server_before, nginx_before = viewers.process_cpu_s(server_pid), nginx_cpu_s(nginx_pid)
    for _ in range(count):
        first, complete = viewers.open_fresh(browser, address)
        figures.firsts.append(first)
        figures.completes.append(complete)
    viewers.wait_quiet(server_pid)
    server_cpu = viewers.process_cpu_s(server_pid) - server_before
    figures.round_server_cpu_s.append(server_cpu / count)
    figures.server_cpu_total_s += server_cpu
    figures.nginx_cpu_total_s += nginx_cpu_s(nginx_pid) - nginx_before


def run(
    db_path: Path, count: int, rounds: int = 2, config: Path = CONFIG
) -> tuple[RouteFigures, RouteFigures, StaticTraffic]:
    """Overzicht's fresh viewers directly and through nginx, `count` each, over alternating rounds."""
    from playwright.sync_api import sync_playwright

    direct, proxied = RouteFigures("direct"), RouteFigures("through nginx")
    traffic_lines: list[str] = []
    per_round = [count // rounds + (i < count % rounds) for i in range(rounds)]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=viewers.CHROMIUM, args=viewers.BROWSER_ARGS)
        with viewers.dashboard(db_path) as (url, server_pid), nginx(url, config) as (proxy_url, nginx_pid, access_log):
            ((_, address),) = viewers.dashboard_targets(url, {"overzicht"})
            proxied_address = proxy_url + address[len(url):]
            for _ in range(2):  # as viewers.measure: the server's caches and the page's first imports
                viewers.open_fresh(browser, address)
            viewers.open_fresh(browser, proxied_address)  # fills nginx's cache
            for n in per_round:
                viewers_round(browser, direct, address, server_pid, nginx_pid, n)
                offset = access_log.stat().st_size
                viewers_round(browser, proxied, proxied_address, server_pid, nginx_pid, n)
                with open(access_log, encoding="utf-8") as log:
                    log.seek(offset)
                    traffic_lines += log.read().splitlines()
        browser.close()
    return direct, proxied, static_traffic(traffic_lines)


def table(direct: RouteFigures, proxied: RouteFigures, traffic: StaticTraffic) -> str:
    header = (f"{'route':<14} {'viewers':>7} {'dashboard CPU s':>15} {'nginx CPU s':>11} {'first s':>8} "
              f"{'complete s':>10} {'max':>6}")
    lines = [header]
    for r in (direct, proxied):
        lines.append(
            f"{r.route:<14} {r.viewers:>7} {r.server_cpu_s:>15.3f} {r.nginx_cpu_s:>11.3f} "
            f"{statistics.median(r.firsts):>8.2f} {statistics.median(r.completes):>10.2f} {max(r.completes):>6.2f}"
        )
    lines.append("(CPU seconds per viewer; times are medians, max is the slowest complete page)")
    rounds = [", ".join(f"{v:.3f}" for v in r.round_server_cpu_s) for r in (direct, proxied)]
    lines.append(f"per round, dashboard CPU s per viewer: direct {rounds[0]}; through nginx {rounds[1]}")
    if proxied.viewers:
        n = proxied.viewers
        lines.append(
            f"through nginx, /static/ per viewer: {traffic.requests / n:.0f} requests, "
            f"{traffic.hits / max(traffic.requests, 1):.0%} from the cache, {traffic.bytes_sent / n / 1e6:.2f} MB sent "
            f"({traffic.bytes_plain / n / 1e6:.2f} MB as Streamlit sends them)"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=8, help="fresh viewers per route")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds the viewers are split over")
    parser.add_argument("--db", type=Path, help="a database to serve (default: a fresh demo database)")
    parser.add_argument("--config", type=Path, default=CONFIG, help="an nginx config to try instead (the same ports)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path = args.db
        if db_path is None:
            from housing_monitor.db.store import Store
            from housing_monitor.demo import bootstrap

            db_path = Path(folder) / "demo.duckdb"
            bootstrap.load_demo(Store(db_path))
        print("load average at start: " + " / ".join(f"{v:.2f}" for v in os.getloadavg()))
        direct, proxied, traffic = run(db_path, args.viewers, args.rounds, args.config)
        print("load average at end: " + " / ".join(f"{v:.2f}" for v in os.getloadavg()))
        print(table(direct, proxied, traffic))


if __name__ == "__main__":
    main()
