"""A 50 MB placements file: imported whole, or refused whole for one bad line near its end.

Run as a script to measure the import speed of a bigger file:
    python -m tests.test_import_large 1000000
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import pytest

from housing_monitor.db.store import Store
from housing_monitor.ingest import importer
from tests.conftest import build_store
from tests.importing import content_checksum, file_state, placements_csv

TODAY = dt.date(2026, 11, 25)
ROWS_50MB = 470_000  # about 107 bytes a row


@pytest.fixture(scope="module")
def big_file() -> bytes:
    data = placements_csv(ROWS_50MB)
    assert len(data) >= 50_000_000
    return data


@pytest.mark.slow
def test_50mb_file_imports_whole(tmp_path, big_file):
    store = build_store(tmp_path / "monitor.duckdb", "tiny")
    result = importer.import_file(store, "placements", "groot.csv", big_file, user="pytest", today=TODAY)
    assert (result.status, result.rows_added, result.errors) == ("imported", ROWS_50MB, [])
    with store.reader() as con:
        assert con.execute("SELECT count(*) FROM placements").fetchall() == [(ROWS_50MB + 9,)]
    print(f"\n50 MB ({ROWS_50MB:,} rows): {result.seconds:.1f} s {result.timings}")
    again = importer.import_file(store, "placements", "groot.csv", big_file, user="pytest", today=TODAY)
    assert again.status == "duplicate"


@pytest.mark.slow
def test_50mb_file_with_one_bad_line_is_refused_whole(tmp_path, big_file):
    store = build_store(tmp_path / "monitor.duckdb", "tiny")
    before, state = content_checksum(store), file_state(store)
    lines = big_file.split(b"\r\n")
    bad_line = len(lines) - 3  # 0-based index; the spreadsheet shows it one higher
    lines[bad_line] = lines[bad_line].replace(b";ja;", b";misschien;").replace(b";nee;", b";misschien;")
    result = importer.import_file(store, "placements", "groot.csv", b"\r\n".join(lines), user="pytest", today=TODAY)
    assert result.status == "refused"
    [group] = result.errors
    assert (group.rule, group.count, group.examples[0].line) == ("type_bool", 1, bad_line + 1)
    assert (content_checksum(store), file_state(store)) == (before, state)


def benchmark(rows: int) -> None:
    """Import `rows` new placements, then the same rows all changed, then undo that; print the timings."""
    started = time.perf_counter()
    first, changed = placements_csv(rows, seed=1), placements_csv(rows, seed=2)
    print(f"generated 2 files of {rows:,} rows ({len(first) / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as directory:
        store = Store(Path(directory) / "bench.duckdb")
        for label, data in (("new rows", first), ("all rows changed", changed)):
            result = importer.import_file(store, "placements", f"{label}.csv", data, user="bench", today=TODAY)
            phases = ", ".join(f"{k} {v:.2f}" for k, v in result.timings.items())
            print(
                f"{label:17s}: {result.status} +{result.rows_added:,} ~{result.rows_updated:,} "
                f"in {result.seconds:.2f} s ({phases})"
            )
        started = time.perf_counter()
        undone = importer.undo(store, result.import_id, user="bench")
        print(f"undo             : {undone.rows_restored:,} rows restored in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    benchmark(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
