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
