"""A dashboard-style reader keeps its snapshot open while CLI imports run in other processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from housing_monitor.ingest import importer
from tests.importing import FILES

REPO = Path(__file__).resolve().parent.parent


def _cli_import(db: Path, dataset: str, file: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "housing_monitor", "import", dataset, str(file), "--db", str(db), "--json"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _placements(con) -> int:
    return con.execute("SELECT count(*) FROM placements").fetchall()[0][0]


def test_reader_holds_snapshot_while_cli_imports(tiny_store):
    reader = tiny_store.reader()  # as the dashboard holds its cached connection
    try:
        assert _placements(reader) == 9
        process = _cli_import(tiny_store.path, "placements", FILES / "placements_excel_cp1252.csv")
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert json.loads(out)["status"] == "imported"
        assert "lock" not in err.lower()
        assert _placements(reader) == 9  # the open snapshot is unchanged and still readable
    finally:
        reader.close()
    with tiny_store.reader() as fresh:  # reopening switches to the new snapshot
        assert _placements(fresh) == 14


def test_two_imports_at_once_both_land(tiny_store):
    first = _cli_import(tiny_store.path, "placements", FILES / "placements_excel_cp1252.csv")
    second = _cli_import(tiny_store.path, "placements", FILES / "placements_utf8_comma.csv")
    for process in (first, second):
        out, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
        assert json.loads(out)["status"] == "imported"
    with tiny_store.reader() as con:
        assert _placements(con) == 9 + 5 + 2
    log = importer.history(tiny_store)
    assert sorted(log["file_name"].dropna()) == ["placements_excel_cp1252.csv", "placements_utf8_comma.csv"]
