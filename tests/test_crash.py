"""Crash safety: a writer killed with SIGKILL part-way loses nothing and leaves no lock behind."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from housing_monitor import backup, migrations
from housing_monitor.store import Store
from tests.crash_writer import CHUNK, NEW_PLACEMENT
from tests.dbdump import all_rows

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def start_writer(store: Store, mode: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.crash_writer", str(store.path), mode],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def wait_for_line(process: subprocess.Popen, wanted: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    for line in process.stdout:  # the writer prints its progress line by line and flushes
        if line.strip() == wanted:
            return
        assert time.monotonic() < deadline, f"no {wanted!r} within {timeout_s} s"
    process.wait()
    pytest.fail(f"writer ended before {wanted!r}: {process.stderr.read()}")


def kill(process: subprocess.Popen) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL


def checksums(con: duckdb.DuckDBPyConnection) -> dict[str, backup.Content]:
    return {t: backup.content(con, t, [c["name"] for c in backup.columns(con, t)]) for t in backup.archived_tables(con)}


def primary_rows(store: Store) -> dict[str, list[tuple]]:
    with duckdb.connect(str(store.path), read_only=True) as con:
        return all_rows(con)


def test_a_killed_import_leaves_exactly_the_state_before(tiny_store):
    with tiny_store.reader() as con:
        before_rows, before_sums = all_rows(con), checksums(con)
    before_version, size_before = tiny_store.version(), tiny_store.path.stat().st_size

    writer = start_writer(tiny_store, "write")
    wait_for_line(writer, f"RIJEN {3 * CHUNK}")  # 600,000 uncommitted rows, part of them already in the file
    grown = tiny_store.path.stat().st_size
    kill(writer)
    assert grown > size_before, "the writer had not written to the database file yet"

    with tiny_store.exclusive(timeout_s=5):  # the dead writer's lock is gone
        pass
    assert primary_rows(tiny_store) == before_rows  # the primary opens read-only with the old state
    with tiny_store.reader() as con:  # readers never saw anything else
        assert tiny_store.version() == before_version and checksums(con) == before_sums
    assert not tiny_store.publication_pending()

    with tiny_store.writer() as con:  # opens as writer; the next import works
        assert checksums(con) == before_sums
        con.execute("DELETE FROM placements WHERE household_id = 'HH01'")
    with tiny_store.reader() as con:
        after = all_rows(con)
    assert len(after["placements"]) == len(before_rows["placements"]) - 1
    assert migrations.check_file(tiny_store.path) == migrations.LATEST_VERSION


def test_a_writer_killed_while_publishing_leaves_readers_on_the_previous_snapshot(tiny_store):
    with tiny_store.reader() as con:
        before_sums = checksums(con)
    before_version = tiny_store.version()

    writer = start_writer(tiny_store, "publish")
    wait_for_line(writer, "PUBLICEREN")
    kill(writer)

    assert tiny_store.version() == before_version
    with tiny_store.reader() as con:  # the previous snapshot is complete and still the current one
        assert checksums(con) == before_sums
    assert list(tiny_store.snapshot_dir.glob("*.partial"))  # the copy was cut off half-way
    assert tiny_store.publication_pending()  # ... of a write that had committed
    assert any(row[0] == NEW_PLACEMENT for row in primary_rows(tiny_store)["placements"])

    assert migrations.ensure_current(tiny_store)  # what the dashboard does on its next start or new snapshot
    assert tiny_store.version() != before_version and not tiny_store.publication_pending()
    assert not list(tiny_store.snapshot_dir.glob("*.partial"))
    with tiny_store.reader() as con:
        assert con.execute("SELECT count(*) FROM placements WHERE placement_id = $id", {"id": NEW_PLACEMENT}).fetchall() == [(1,)]
