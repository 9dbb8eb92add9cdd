"""Every row of every table of a database, for exact before/after comparisons."""

from __future__ import annotations

import gzip
import hashlib
import shutil
from pathlib import Path

import duckdb

from housing_monitor.db import queries

FIXTURES = Path(__file__).parent / "fixtures"


def all_rows(con: duckdb.DuckDBPyConnection, skip: frozenset[str] = frozenset()) -> dict[str, list[tuple]]:
    """Each table's rows sorted by all columns (key columns come first in every table)."""
    return {
        table: con.execute("SELECT * FROM query_table($t) ORDER BY ALL", {"t": table}).fetchall()
        for table in queries.fetch(con, "catalog_tables")["table_name"]
        if table not in skip
    }


def file_rows(path: Path, skip: frozenset[str] = frozenset()) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return all_rows(con, skip)


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def unpack_v1_database(folder: Path) -> Path:
    """A fresh copy of the committed schema-v1 database file (no snapshots yet, as if moved from an old server)."""
    target = Path(folder) / "monitor.duckdb"
    with gzip.open(FIXTURES / "schema_v1" / "monitor-v1.duckdb.gz", "rb") as source, open(target, "wb") as sink:
        shutil.copyfileobj(source, sink)
    return target
