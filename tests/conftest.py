"""Shared fixtures: small databases built from tiny committed CSVs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from housing_monitor.db.store import Store

FIXTURES = Path(__file__).parent / "fixtures"


def read_fixture(name: str) -> dict[str, pd.DataFrame]:
    """The CSVs of one fixture folder as text frames; DuckDB casts them on insert."""
    return {
        path.stem: pd.read_csv(path, dtype=str, keep_default_na=False).replace("", None)
        for path in sorted((FIXTURES / name).glob("*.csv"))
    }


def build_store(path: Path, fixture: str) -> Store:
    store = Store(path)
    store.replace_all(read_fixture(fixture), source="test", user="pytest")
    return store


@pytest.fixture
def tiny_store(tmp_path) -> Store:
    """The hand-worked tiny dataset in a fresh database."""
    return build_store(tmp_path / "tiny.duckdb", "tiny")


@pytest.fixture
def tiny_db_env(tiny_store, monkeypatch) -> Store:
    """Point the dashboard at the tiny database."""
    monkeypatch.setenv("HOUSING_MONITOR_DB", str(tiny_store.path))
    return tiny_store


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory) -> Store:
    """The demo data in a database built once per test session (read-only use: do not write to it)."""
    from housing_monitor.demo import bootstrap

    store = Store(tmp_path_factory.mktemp("demo") / "monitor.duckdb")
    bootstrap.load_demo(store, user="pytest")
    return store


@pytest.fixture
def demo_db_env(demo_store, monkeypatch) -> Store:
    """Point the dashboard at the shared demo database."""
    monkeypatch.setenv("HOUSING_MONITOR_DB", str(demo_store.path))
    return demo_store


def derived_tables() -> set[str]:
    """Tables rebuilt from the datasets in every write (their contents follow from the rest)."""
    import re

    from housing_monitor.db import queries
    from housing_monitor.db.store import DERIVED_QUERIES

    return {t for name in DERIVED_QUERIES for t in re.findall(r"CREATE OR REPLACE TABLE (\w+)", queries.load(name))}


# Tests that start a server of their own (and most also Chromium) each keep a core busy. Under pytest-xdist (`make test`
# runs two workers) they run one after another on one worker while the other takes the in-process tests, so no two of
# them compete for the machine's two cores and their waits stay as long as they were written for. (xdist's own
# xdist_group marker cannot do this under pytest 9: it renames node ids through an attribute pytest 9 no longer reads.)
SERVER_MODULES = {
    "test_accessibility", "test_bench", "test_bench_proxy", "test_load", "test_crash", "test_import_concurrency",
}


def starts_servers(nodeid: str) -> bool:
    """Whether a test (by its node id) belongs to the modules that start servers or Chromium."""
    module = nodeid.split("::", 1)[0].rsplit("/", 1)[-1].removesuffix(".py")
    return module.startswith("test_browser_") or module in SERVER_MODULES


class _ServersOnOneWorker:
    @pytest.hookimpl
    def pytest_xdist_make_scheduler(self, config, log):
        from xdist.scheduler import LoadScopeScheduling

        class ServersApart(LoadScopeScheduling):
            def _split_scope(self, nodeid: str) -> str:
                return "servers" if starts_servers(nodeid) else nodeid

        return ServersApart(config, log)


def pytest_collection_modifyitems(config, items):
    # The scheduler sees node ids only, not markers: a browser test in a module it does not know would run beside another.
    unknown = sorted({item.nodeid.split("::")[0] for item in items
                      if item.get_closest_marker("browser") and not starts_servers(item.nodeid)})
    if unknown:
        raise pytest.UsageError(f"browser tests outside test_browser_* and SERVER_MODULES (tests/conftest.py): {unknown}")


def pytest_configure(config):
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_ServersOnOneWorker(), "servers_on_one_worker")
