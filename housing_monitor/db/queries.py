"""Named SQL queries: one file per query in `queries/`, values only as DuckDB parameters."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

QUERY_DIR = Path(__file__).resolve().parents[2] / "queries"
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@lru_cache(maxsize=None)
def load(name: str) -> str:
    """The SQL text of the named query."""
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"unknown query: {name}")
    return path.read_text(encoding="utf-8")


def names() -> list[str]:
    """All query names, sorted."""
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


@lru_cache(maxsize=None)
def parameters(name: str) -> frozenset[str]:
    """The `$parameters` the named query refers to."""
    sql = "\n".join(line.split("--", 1)[0] for line in load(name).splitlines())
    return frozenset(_PARAMETER.findall(sql))


def bind(name: str, params: dict) -> dict:
    """Only the parameters the query uses: DuckDB refuses unused ones."""
    wanted = parameters(name)
    missing = wanted - params.keys()
    if missing:
        raise KeyError(f"query {name} needs parameters {sorted(missing)}")
    return {k: v for k, v in params.items() if k in wanted}


def run(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run the named query on a fresh cursor and return its result as a DataFrame."""
    cursor = con.cursor()
    try:
        return cursor.execute(load(name), bind(name, params)).df()
    finally:
        cursor.close()


def execute(con: duckdb.DuckDBPyConnection, name: str, **params) -> None:
    """Run a named statement that returns no rows (DDL, refresh)."""
    con.execute(load(name), bind(name, params))


def fetch(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run the named query on the connection itself: inside a write transaction, or over its registered views."""
    return con.execute(load(name), bind(name, params)).df()
