"""The database: one writable DuckDB file, and read-only snapshots published after every change.

DuckDB lets one process hold a file read-write, and then no other process may open it at all.
So readers (dashboard processes, CLI measures) never open the primary file: they open the
latest published snapshot read-only, and every write (import, undo, demo) happens under a file
lock on the primary, then publishes a new snapshot with an atomic rename. A running dashboard
notices the new pointer on its next rerun and switches over; it never sees a lock error.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb
import pandas as pd

from housing_monitor.contract import DATASETS
from housing_monitor.db import migrations, queries

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = REPO_ROOT / "data" / "monitor.duckdb"
SCHEMA_VERSION = migrations.LATEST_VERSION  # raise it by appending a step to migrations.MIGRATIONS
SNAPSHOTS_KEPT = 3
DERIVED_VERSION_KEY = migrations.DERIVED_VERSION_KEY
# Derived tables rebuilt inside every write transaction, in this order.
DERIVED_QUERIES: tuple[str, ...] = (
    "derive_data_facts",
    "derive_household_pathway",
    "define_filtered_pathway",
    "define_exposure_macros",
    "derive_placement_spell",
    "derive_exposure_half_year",
    "derive_signal_attributed",
    "derive_intervention_place",
    "define_intervention_macros",
    "derive_link_status",
    "define_filtered_links",
)


class NoDataError(RuntimeError):
    """The database has not been created or published yet."""


def database_path(path: str | os.PathLike | None = None) -> Path:
    """The primary database file: the argument, else $HOUSING_MONITOR_DB, else data/monitor.duckdb."""
    if path:
        return Path(path)
    env = os.environ.get("HOUSING_MONITOR_DB")
    return Path(env) if env else DEFAULT_DB


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every contract table and the bookkeeping tables if they are missing."""
    fresh = migrations.inspect(con) is None
    for dataset in DATASETS.values():
        con.execute(dataset.create_table_sql())
        con.execute(dataset.create_history_table_sql())
    queries.execute(con, "create_bookkeeping")
    queries.execute(con, "create_schema_history")
    if fresh:
        migrations.record(con, SCHEMA_VERSION, "database aangemaakt")


def derived_version() -> str:
    """A fingerprint of the derived tables' definitions: a snapshot built by other code gets them rebuilt."""
    text = "\n".join(queries.load(name) for name in DERIVED_QUERIES)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def refresh_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the derived tables so they always match the datasets (and this code's definitions of them)."""
    for name in DERIVED_QUERIES:
        queries.execute(con, name)
    queries.execute(con, "set_meta", key=DERIVED_VERSION_KEY, value=derived_version())


class Store:
    """A primary DuckDB file plus its published read-only snapshots."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = database_path(path)
        self.snapshot_dir = self.path.with_name(self.path.name + ".snapshots")
        self.pointer = self.path.with_name(self.path.name + ".current")
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        # Exists from just before a write commits until its snapshot is published: if the writer dies
        # in between, the next writer (or the dashboard's start-up) publishes what was committed.
        self.pending_marker = self.path.with_name(self.path.name + ".publishing")
        self._held = threading.local()

    def _pointed(self) -> tuple[Path, str]:
        """The published snapshot and its data version (line 2 of the pointer; the snapshot's name if absent)."""
        try:
            lines = self.pointer.read_text(encoding="utf-8").split()
        except FileNotFoundError:
            raise NoDataError(f"geen database gevonden op {self.path}") from None
        if not lines:
            raise NoDataError(f"geen database gevonden op {self.path}")
        snapshot = self.snapshot_dir / lines[0]
        if not snapshot.is_file():
            raise NoDataError(f"snapshot {snapshot} ontbreekt")
        return snapshot, (lines[1] if len(lines) > 1 else snapshot.stem)

    def current_snapshot(self) -> Path:
        """The published snapshot readers should open."""
        return self._pointed()[0]

    def version(self) -> str:
        """An identifier that changes whenever the data changes: the cache key for results.

        A write that changes no data (a saved column mapping) publishes a new snapshot under the same
        version, so cached results stay warm.
        """
        return self._pointed()[1]

    def exists(self) -> bool:
        try:
            self.current_snapshot()
            return True
        except NoDataError:
            return False

    def reader(self) -> duckdb.DuckDBPyConnection:
        """A read-only connection to the latest snapshot."""
        return duckdb.connect(str(self.current_snapshot()), read_only=True)

    @contextmanager
    def exclusive(self, timeout_s: float = 120.0) -> Iterator[None]:
        """Hold the write lock across processes; re-entrant within one thread."""
        if getattr(self._held, "depth", 0):
            self._held.depth += 1
            try:
                yield
            finally:
                self._held.depth -= 1
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+") as handle:
            deadline = time.monotonic() + timeout_s
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise TimeoutError("de database is bezet door een andere import; probeer het later opnieuw")
                    time.sleep(0.1)
            self._held.depth = 1
            try:
                yield
            finally:
                self._held.depth = 0
                fcntl.flock(handle, fcntl.LOCK_UN)

    def publication_pending(self) -> bool:
        """True when a committed write was not published because its writer died."""
        return self.pending_marker.exists()

    @contextmanager
    def writer(self, data_change: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """One all-or-nothing write transaction on the primary file (upgrading its schema if older), then a new snapshot.

        With data_change=False (bookkeeping only, such as a saved column mapping) the derived tables are
        not rebuilt and the new snapshot keeps the data version; an upgrade on the way still changes it.
        """
        with self.exclusive():
            migrations.check_file(self.path)  # refuse a newer or foreign file before opening it read-write
            if self.publication_pending():
                self._publish()
            con = duckdb.connect(str(self.path))
            try:
                con.execute("BEGIN TRANSACTION")
                try:
                    upgraded = migrations.upgrade(con)
                    create_schema(con)
                    yield con
                    data_change = data_change or bool(upgraded) or not self.exists()
                    if data_change:
                        refresh_derived(con)
                    self.pending_marker.touch()
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    self.pending_marker.unlink(missing_ok=True)
                    raise
            finally:
                con.close()
            self._publish(keep_version=not data_change)

    def _publish(self, keep_version: bool = False) -> Path:
        """Copy the closed primary file to a new snapshot and point readers at it atomically."""
        version = self.version() if keep_version else None
        self.snapshot_dir.mkdir(parents=True, exist_ok=True)
        name = f"v{time.time_ns():020d}.duckdb"
        partial = self.snapshot_dir / (name + ".partial")
        shutil.copyfile(self.path, partial)
        os.replace(partial, self.snapshot_dir / name)
        pointer_tmp = self.pointer.with_name(self.pointer.name + ".tmp")
        pointer_tmp.write_text(name if version is None else f"{name}\n{version}", encoding="utf-8")
        os.replace(pointer_tmp, self.pointer)
        self.pending_marker.unlink(missing_ok=True)
        self._prune(keep=name)
        return self.snapshot_dir / name

    def _prune(self, keep: str) -> None:
        # Open readers keep their file handle, so removing an old snapshot never breaks them.
        snapshots = sorted(p for p in self.snapshot_dir.glob("v*.duckdb") if p.name != keep)
        for old in snapshots[: max(0, len(snapshots) - (SNAPSHOTS_KEPT - 1))]:
            old.unlink(missing_ok=True)
        for interrupted in self.snapshot_dir.glob("v*.duckdb.partial"):  # left by a writer killed mid-copy
            interrupted.unlink(missing_ok=True)

    def replace_all(self, frames: dict[str, pd.DataFrame], source: str, user: str) -> None:
        """Replace every dataset with the given frames in one transaction (demo data, restore)."""
        with self.writer() as con:
            for name, dataset in DATASETS.items():
                con.execute(f"DELETE FROM {dataset.name}")
                frame = frames.get(name)
                if frame is None or frame.empty:
                    continue
                con.register("incoming", frame[dataset.column_names])
                con.execute(f"INSERT INTO {dataset.name} BY NAME SELECT * FROM incoming")
                con.unregister("incoming")
            queries.execute(con, "clear_import_log")
            for dataset in DATASETS.values():  # nothing left to undo once everything is replaced
                con.execute(f"DELETE FROM {dataset.history_table}")
            queries.execute(
                con,
                "record_bulk_load",
                source=source,
                user=user,
                rows=int(sum(len(f) for f in frames.values())),
            )

    def holds_imported_data(self) -> bool:
        """True when analysts imported data that a demo rebuild would throw away."""
        if self.exists():
            with self.reader() as con:
                return bool(queries.run(con, "imported_data_present")["present"].iloc[0])
        if not self.path.exists():
            return False
        # A primary file without published snapshots (moved from another server, snapshots deleted):
        # look inside it, holding the lock so that no writer has it open.
        with self.exclusive(), duckdb.connect(str(self.path), read_only=True) as con:
            return migrations.inspect(con) is not None and bool(
                queries.run(con, "imported_data_present")["present"].iloc[0]
            )
