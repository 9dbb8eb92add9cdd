"""Crash safety: a writer killed with SIGKILL part-way loses nothing and leaves no lock behind."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from housing_monitor.db import backup, lifecycle
from housing_monitor.db.store import Store
from tests.crash_writer import NEW_PLACEMENT
from tests.dbdump import all_rows

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def start_writer(store: Store, mode: str = "publish") -> subprocess.Popen:
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

    assert lifecycle.ensure_current(tiny_store)  # what the dashboard does on its next start or new snapshot
    assert tiny_store.version() != before_version and not tiny_store.publication_pending()
    assert not list(tiny_store.snapshot_dir.glob("*.partial"))
    with tiny_store.reader() as con:
        assert con.execute("SELECT count(*) FROM placements WHERE placement_id = $id", {"id": NEW_PLACEMENT}).fetchall() == [(1,)]


def lock_held(store: Store) -> bool:
    """True while another process holds the store's write lock (Store.exclusive), i.e. is writing."""
    import fcntl

    with open(store.lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def test_the_real_cli_import_killed_while_writing_leaves_exactly_the_state_before(tiny_store, tmp_path):
    from tests.importing import placements_csv

    big = tmp_path / "groot.csv"
    big.write_bytes(placements_csv(470_000))  # 50 MB: the import takes seconds inside its write transaction
    with tiny_store.reader() as con:
        before_rows, before_sums = all_rows(con), checksums(con)
    before_version, size_before = tiny_store.version(), tiny_store.path.stat().st_size

    started = time.monotonic()
    importer = subprocess.Popen(
        [sys.executable, "-m", "housing_monitor", "import", "placements", str(big), "--db", str(tiny_store.path),
         "--user", "crash-test"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    # The importer reads and checks the whole file first, then takes the write lock for its one transaction.
    deadline = time.monotonic() + 120
    while not lock_held(tiny_store):
        assert importer.poll() is None, f"the import ended before it wrote: {importer.communicate()}"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.01)
    locked = time.monotonic()
    while tiny_store.path.stat().st_size <= size_before and time.monotonic() < locked + 30 and importer.poll() is None:
        time.sleep(0.01)  # until its rows reach the database file
    grown = tiny_store.path.stat().st_size
    kill(importer)
    print(f"\nreal CLI import: lock after {locked - started:.1f} s, killed {time.monotonic() - locked:.2f} s later, "
          f"file {size_before:,} → {grown:,} bytes")
    assert grown > size_before, "the import had not written to the database file yet"

    with tiny_store.exclusive(timeout_s=5):  # the dead importer's lock is gone
        pass
    assert primary_rows(tiny_store) == before_rows
    with tiny_store.reader() as con:
        assert tiny_store.version() == before_version and checksums(con) == before_sums
    assert not tiny_store.publication_pending()
    with tiny_store.writer() as con:  # opens as writer; the next write works
        assert checksums(con) == before_sums
