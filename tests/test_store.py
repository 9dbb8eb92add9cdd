"""The store: all-or-nothing writes, published snapshots, readers that never see a lock."""

import duckdb
import pytest

from housing_monitor.db.store import NoDataError, Store
from housing_monitor.demo import bootstrap
from tests.conftest import read_fixture


def test_missing_database_is_reported(tmp_path):
    store = Store(tmp_path / "none.duckdb")
    assert not store.exists()
    with pytest.raises(NoDataError):
        store.reader()


def test_environment_variable_chooses_the_database(tmp_path, monkeypatch):
    monkeypatch.setenv("HOUSING_MONITOR_DB", str(tmp_path / "x.duckdb"))
    assert Store().path == tmp_path / "x.duckdb"


def test_failed_write_changes_nothing(tiny_store):
    before = tiny_store.version()
    with pytest.raises(RuntimeError), tiny_store.writer() as con:
        con.execute("DELETE FROM placements")
        raise RuntimeError("import refused half-way")
    assert tiny_store.version() == before
    with tiny_store.reader() as con:
        assert con.execute("SELECT count(*) FROM placements").fetchall()[0][0] == 9
    with duckdb.connect(str(tiny_store.path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM placements").fetchall()[0][0] == 9


def test_open_reader_survives_a_write_and_new_reader_sees_it(tiny_store):
    old_reader = tiny_store.reader()
    with tiny_store.writer() as con:
        con.execute("DELETE FROM placements WHERE household_id = 'HH01'")
    assert old_reader.execute("SELECT count(*) FROM household_pathway").fetchall()[0][0] == 8
    old_reader.close()
    with tiny_store.reader() as con:
        assert con.execute("SELECT count(*) FROM household_pathway").fetchall()[0][0] == 7


def test_old_snapshots_are_pruned(tiny_store):
    for _ in range(5):
        with tiny_store.writer():
            pass
    assert len(list(tiny_store.snapshot_dir.glob("v*.duckdb"))) == 3


def test_demo_refuses_to_overwrite_imported_data(tiny_store):
    with tiny_store.writer() as con:
        con.execute(
            "INSERT INTO import_log (dataset, imported_at, imported_by, source) "
            "VALUES ('placements', localtimestamp, 'analist', 'upload')"
        )
    with pytest.raises(bootstrap.ImportedDataError):
        bootstrap.load_demo(tiny_store)


def test_replace_all_records_one_bulk_load(tmp_path):
    store = Store(tmp_path / "m.duckdb")
    store.replace_all(read_fixture("tiny"), source="demo", user="t")
    store.replace_all(read_fixture("tiny"), source="demo", user="t")
    with store.reader() as con:
        log = con.execute("SELECT dataset, source, rows_added FROM import_log").fetchall()
    assert log == [("*", "demo", 12)]
    assert not store.holds_imported_data()
