"""Schema upgrades: an ordered list of steps that brings an older database to the code's schema.

The schema version lives in `meta` (key 'schema_version'). Every writer (`Store.writer()`) first
looks at the file read-only: a database from newer code, a file that is no Woonmonitor database,
or one with unreadable meta is refused with a Dutch message and not changed by a single byte.
An older database is upgraded by the writer inside its one transaction, so an upgrade either
completes together with the write or leaves the database as it was. Readers never upgrade: the
dashboard calls `ensure_current()` on start-up (which upgrades through the writer and publishes a
new snapshot), and operators can run `python -m housing_monitor upgrade`.

To change the schema: write `queries/migrate_vN_to_vN+1.sql` (frozen once shipped), append a
`Migration` below, and change the fresh-database DDL (contract.py / create_*.sql) to match.
"""

from __future__ import annotations

import functools
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import duckdb

from housing_monitor.access import system_user
from housing_monitor.db import queries

REPO_ROOT = Path(__file__).resolve().parents[2]
DERIVED_VERSION_KEY = "derived_version"  # meta entry written by store.refresh_derived


@dataclass(frozen=True)
class Migration:
    """One step from schema version `source` to `source + 1`."""

    source: int
    query: str
    description: str  # Dutch, recorded in schema_history
    # Only new tables, new columns with defaults or new meta rows: an archive of the older version
    # then restores into the newer schema column by column (see backup.py).
    additive: bool = True


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "migrate_v1_to_v2", "schemageschiedenis (schema_history) toegevoegd"),
    Migration(2, "migrate_v2_to_v3", "bewaarde kolomkoppelingen (column_mapping) en de gebruikte koppeling in het importlogboek"),
    Migration(3, "migrate_v3_to_v4", "koppelingen (links) toegevoegd"),
    Migration(4, "migrate_v4_to_v5", "presentaties (deck) die begeleiders bewaren"),
)
LATEST_VERSION = MIGRATIONS[-1].source + 1
FIRST_VERSION = MIGRATIONS[0].source


class SchemaError(RuntimeError):
    """The database cannot be used by this version of the code; it was left unchanged."""


@functools.lru_cache(maxsize=1)
def app_version() -> str:
    """The running code's version: $HOUSING_MONITOR_VERSION, else the git commit of the checkout, else 'onbekend'."""
    if os.environ.get("HOUSING_MONITOR_VERSION"):
        return os.environ["HOUSING_MONITOR_VERSION"]
    try:
        result = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "describe", "--always", "--dirty"],
            capture_output=True, text=True, timeout=5, check=True,
        )
        return result.stdout.strip() or "onbekend"
    except (OSError, subprocess.SubprocessError):
        return "onbekend"


def _unchanged(text: str) -> SchemaError:
    return SchemaError(f"{text} De database is niet gewijzigd.")


def inspect(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version of an open database, None when it is empty; SchemaError when it is not usable."""
    state = queries.fetch(con, "schema_state").iloc[0]
    if not state["has_meta"]:
        if state["table_count"] == 0:
            return None
        raise _unchanged(
            "Dit bestand bevat tabellen maar geen schemagegevens (tabel meta): het is geen database van "
            "de Woonmonitor, of hij is beschadigd."
        )
    raw = queries.fetch(con, "schema_version")["version"].iloc[0]
    try:
        version = int(raw)
    except (TypeError, ValueError):
        raise _unchanged(f"De schemaversie van de database is onbekend of beschadigd ({raw!r}).") from None
    if version > LATEST_VERSION:
        raise _unchanged(
            f"De database heeft schemaversie {version}, maar deze versie van de Woonmonitor kent alleen "
            f"versie {FIRST_VERSION} tot en met {LATEST_VERSION}. Installeer de nieuwere Woonmonitor "
            "waarmee de database is bijgewerkt, of zet een backup van vóór die update terug."
        )
    if version < FIRST_VERSION:
        raise _unchanged(f"De schemaversie van de database ({version}) is ongeldig.")
    return version


def check_file(path: Path) -> int | None:
    """Look at a database file read-only before a writer opens it; refuses what must not be touched."""
    if not path.exists():
        return None
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        raise _unchanged(f"{path} is geen leesbare database van de Woonmonitor ({error}).") from None
    try:
        return inspect(con)
    finally:
        con.close()


def record(con: duckdb.DuckDBPyConnection, version: int, description: str) -> None:
    """Set the schema version and note who reached it, when, with which app version."""
    queries.execute(con, "record_schema_version", version=version)
    queries.execute(
        con, "record_schema_history",
        version=version, user=system_user(), app_version=app_version(), description=description,
    )


def upgrade(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the missing steps inside the caller's transaction; the versions reached (empty: nothing to do)."""
    version = inspect(con)
    if version is None:
        return []  # an empty database gets the latest schema from store.create_schema
    reached = []
    for step in MIGRATIONS[version - FIRST_VERSION:]:
        queries.execute(con, step.query)
        record(con, step.source + 1, step.description)
        reached.append(step.source + 1)
    return reached
