"""Upgrades: an old database is brought forward in one transaction; a newer or foreign one is refused untouched."""

import re
import threading

import duckdb
import pytest

from housing_monitor.cli.main import main
from housing_monitor.db import lifecycle, migrations, queries
from housing_monitor.db import store as store_module
from housing_monitor.db.store import Store
from housing_monitor.demo import bootstrap
from tests.apptest import key_figures, open_dashboard
from tests.conftest import derived_tables
from tests.dbdump import all_rows, file_rows, sha256, unpack_v1_database

# The v1 fixture: the tiny dataset (9 placements) plus one logged analyst import (see its README).
V1_PLACEMENTS = 9


def test_schema_version_is_the_end_of_the_migration_chain():
    assert store_module.SCHEMA_VERSION == migrations.LATEST_VERSION == 5
    sources = [step.source for step in migrations.MIGRATIONS]
    assert sources == list(range(migrations.FIRST_VERSION, migrations.LATEST_VERSION))
    for step in migrations.MIGRATIONS:
        assert step.query in queries.names()


def test_v1_database_upgrades_and_keeps_every_row(tmp_path):
    path = unpack_v1_database(tmp_path)
    before = file_rows(path, skip=frozenset({"meta"}))
    store = Store(path)
    assert store.holds_imported_data()  # seen in the unpublished primary: a demo rebuild is refused

    assert lifecycle.ensure_current(store) is True

    with store.reader() as con:
        after = all_rows(con)
        assert migrations.inspect(con) == migrations.LATEST_VERSION
    assert after.pop("meta") == [
        ("derived_version", store_module.derived_version()), ("schema_version", str(migrations.LATEST_VERSION))
    ]
    history = after.pop("schema_history")
    assert [(row[0], row[4]) for row in history] == [
        (2, "schemageschiedenis (schema_history) toegevoegd"),
        (3, "bewaarde kolomkoppelingen (column_mapping) en de gebruikte koppeling in het importlogboek"),
        (4, "koppelingen (links) toegevoegd"),
        (5, "presentaties (deck) die begeleiders bewaren"),
    ]
    # v3 added the mapping and sheet an import used to the log: empty for imports made before.
    assert all(row[-3:] == (None, None, None) for row in after["import_log"])
    after["import_log"] = [row[:-3] for row in after["import_log"]]
    # Tables the older schema did not have: the importer's undo tables (empty) and derived tables.
    for table in [t for t in after if t not in before]:
        rows = after.pop(table)
        assert table in derived_tables() or rows == [], table
    assert after == before  # every dataset row, the derived table and the import log survived unchanged
    assert len(after["placements"]) == V1_PLACEMENTS
    assert ("Project v1",) in {(row[7],) for row in after["placements"]}
    assert store.holds_imported_data()
    assert lifecycle.ensure_current(store) is False  # second start: nothing to do


def test_derived_tables_of_other_code_are_rebuilt_on_start(tiny_store):
    # A snapshot published by code with other derived tables (one missing, say): the start rebuilds them.
    with tiny_store.writer() as con:
        pass
    with duckdb.connect(str(tiny_store.current_snapshot())) as con:
        con.execute("DROP TABLE exposure_cell")
        queries.execute(con, "set_meta", key="derived_version", value="older")
    before = tiny_store.version()

    assert lifecycle.ensure_current(tiny_store) is True

    assert tiny_store.version() != before
    with tiny_store.reader() as con:
        assert con.execute("SELECT count(*) FROM exposure_cell").fetchone()[0] > 0
    assert lifecycle.ensure_current(tiny_store) is False


def test_an_upgrade_rolls_back_with_a_failed_write(tmp_path):
    path = unpack_v1_database(tmp_path)
    store = Store(path)
    with pytest.raises(RuntimeError, match="half-way"), store.writer() as con:
        con.execute("DELETE FROM placements")
        raise RuntimeError("import refused half-way")
    assert migrations.check_file(path) == 1
    rows = file_rows(path)
    assert "schema_history" not in rows and len(rows["placements"]) == V1_PLACEMENTS
    assert not store.exists()


def _set_meta(path, statement):
    with duckdb.connect(str(path)) as con:
        con.execute(statement)


@pytest.mark.parametrize(
    "damage, message",
    [
        ("UPDATE meta SET value = '99' WHERE key = 'schema_version'", "schemaversie 99"),
        ("UPDATE meta SET value = 'twee' WHERE key = 'schema_version'", "onbekend of beschadigd ('twee')"),
        ("DELETE FROM meta", "onbekend of beschadigd (None)"),
        ("DROP TABLE meta", "geen database van de Woonmonitor"),
    ],
    ids=["future", "garbled", "missing", "foreign"],
)
def test_newer_or_damaged_database_is_refused_byte_for_byte(tmp_path, capsys, damage, message):
    path = unpack_v1_database(tmp_path)
    _set_meta(path, damage)
    fingerprint = sha256(path)
    store = Store(path)

    with pytest.raises(migrations.SchemaError, match=re.escape(message)), store.writer():
        pytest.fail("the writer must not open a database it cannot handle")
    assert main(["upgrade", "--db", str(path)]) == 1
    assert "niet gewijzigd" in capsys.readouterr().err
    with pytest.raises(migrations.SchemaError):
        bootstrap.load_demo(store, force=True)

    assert sha256(path) == fingerprint
    assert not store.exists() and not path.with_name(path.name + ".wal").exists()


def test_a_file_that_is_no_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "monitor.duckdb"
    path.write_bytes(b"Gemeente,Aantal\nGM0034,12\n" * 200)
    fingerprint = sha256(path)
    with pytest.raises(migrations.SchemaError, match="geen leesbare database"), Store(path).writer():
        pass
    assert sha256(path) == fingerprint


def test_upgrade_command(tmp_path, capsys):
    path = unpack_v1_database(tmp_path)
    assert main(["upgrade", "--db", str(path)]) == 0
    assert f"bijgewerkt naar schemaversie {migrations.LATEST_VERSION}" in capsys.readouterr().out
    assert main(["upgrade", "--db", str(path)]) == 0
    assert f"heeft al schemaversie {migrations.LATEST_VERSION}" in capsys.readouterr().out
    assert main(["upgrade", "--db", str(tmp_path / "none.duckdb")]) == 1


def test_dashboard_upgrades_an_old_database_on_start(tmp_path, monkeypatch):
    path = unpack_v1_database(tmp_path)
    monkeypatch.setenv("HOUSING_MONITOR_DB", str(path))
    at = open_dashboard()
    assert at.title[0].value == "Overzicht"
    assert lifecycle.published_version(Store(path)) == migrations.LATEST_VERSION
    with Store(path).reader() as con:
        assert con.execute("SELECT count(*) FROM placements").fetchall()[0][0] == V1_PLACEMENTS


def test_dashboard_refuses_a_database_from_newer_code(tiny_store, monkeypatch):
    with duckdb.connect(str(tiny_store.current_snapshot())) as con:  # as if newer code had published it
        con.execute("UPDATE meta SET value = $v WHERE key = 'schema_version'", {"v": str(migrations.LATEST_VERSION + 1)})
    monkeypatch.setenv("HOUSING_MONITOR_DB", str(tiny_store.path))
    at = open_dashboard()
    assert f"schemaversie {migrations.LATEST_VERSION + 1}" in at.error[0].value
    assert not key_figures(at)


def test_two_starts_at_once_rebuild_stale_derived_tables_once(tiny_store):
    with duckdb.connect(str(tiny_store.current_snapshot())) as con:
        queries.execute(con, "set_meta", key="derived_version", value="older")
    results = []
    starts = [threading.Thread(target=lambda: results.append(lifecycle.ensure_current(Store(tiny_store.path)))) for _ in range(2)]
    for start in starts:
        start.start()
    for start in starts:
        start.join()
    assert sorted(results) == [False, True]
