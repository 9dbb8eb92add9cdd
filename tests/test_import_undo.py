"""Import → undo restores the exact previous state; undo refuses when a later import changed the same rows."""

from __future__ import annotations

import json

import pytest

from housing_monitor.cli.main import main
from housing_monitor.ingest import importer
from tests.importing import content_checksum

HEADER = (
    "placement_id,household_id,municipality_code,municipality_name,corporation,housing_form,permanent,project,"
    "household_type,household_size,permit_date,linked_date,move_in_date,move_out_date\n"
)
# A adds PA1, PA2 and changes tiny's PL01 (household size 1 → 2).
FILE_A = (
    HEADER
    + "PA1,HA1,GM0882,Landgraaf,,zelfstandig,true,,gezin,3,2017-01-05,,2017-02-05,\n"
    + "PA2,HA2,GM0882,Landgraaf,,tijdelijk,false,,gezin,3,2017-01-05,,2017-02-05,\n"
    + "PL01,HH01,GM0882,Landgraaf,HEEMwonen,zelfstandig,true,,alleenstaande,2,2016-01-01,,2016-01-31,\n"
).encode()
# B changes PA2 (moved out) and PL01 again, and adds PB1.
FILE_B = (
    HEADER
    + "PA2,HA2,GM0882,Landgraaf,,tijdelijk,false,,gezin,3,2017-01-05,,2017-02-05,2017-10-01\n"
    + "PL01,HH01,GM0882,Landgraaf,HEEMwonen,zelfstandig,true,,alleenstaande,3,2016-01-01,,2016-01-31,\n"
    + "PB1,HB1,GM0392,Haarlem,,zelfstandig,true,,gezin,4,2017-01-05,,2017-03-05,\n"
).encode()


def _import(store, name, data, dataset="placements"):
    result = importer.import_file(store, dataset, name, data, user="pytest")
    assert result.status == "imported", result.errors
    return result


def test_round_trip_restores_each_state_exactly(tiny_store):
    initial = content_checksum(tiny_store, ("placements", "household_pathway"))
    a = _import(tiny_store, "a.csv", FILE_A)
    assert (a.rows_added, a.rows_updated, a.rows_unchanged) == (2, 1, 0)
    after_a = content_checksum(tiny_store, ("placements", "household_pathway"))
    b = _import(tiny_store, "b.csv", FILE_B)
    assert (b.rows_added, b.rows_updated) == (1, 2)

    undone_b = importer.undo(tiny_store, b.import_id, user="pytest")
    assert (undone_b.rows_removed, undone_b.rows_restored) == (1, 2)
    assert content_checksum(tiny_store, ("placements", "household_pathway")) == after_a

    undone_a = importer.undo(tiny_store, a.import_id, user="pytest")
    assert (undone_a.rows_removed, undone_a.rows_restored) == (2, 1)
    assert content_checksum(tiny_store, ("placements", "household_pathway")) == initial
    with tiny_store.reader() as con:
        assert con.execute("SELECT count(*) FROM history_placements").fetchall() == [(0,)]


def test_undo_refuses_when_a_later_import_changed_the_same_rows(tiny_store):
    a = _import(tiny_store, "a.csv", FILE_A)
    b = _import(tiny_store, "b.csv", FILE_B)
    before = content_checksum(tiny_store)
    with pytest.raises(importer.UndoRefused, match=rf"Maak eerst import {b.import_id} \('b.csv'\) ongedaan"):
        importer.undo(tiny_store, a.import_id, user="pytest")
    assert content_checksum(tiny_store) == before


def test_undo_of_an_import_that_touched_other_rows_is_allowed(tiny_store):
    a = _import(tiny_store, "a.csv", FILE_A)
    other = HEADER + "PC1,HC1,GM0034,Almere,,zelfstandig,true,,gezin,2,2017-01-05,,2017-03-05,\n"
    _import(tiny_store, "c.csv", other.encode())
    importer.undo(tiny_store, a.import_id, user="pytest")
    with tiny_store.reader() as con:
        ids = {r[0] for r in con.execute("SELECT placement_id FROM placements").fetchall()}
    assert "PC1" in ids and "PA1" not in ids


def test_same_file_twice_is_a_duplicate_until_undone(tiny_store):
    a = _import(tiny_store, "a.csv", FILE_A)
    before = content_checksum(tiny_store)
    again = importer.import_file(tiny_store, "placements", "a-kopie.csv", FILE_A, user="pytest")
    assert (again.status, again.duplicate_of, again.rows_added) == ("duplicate", a.import_id, 0)
    assert content_checksum(tiny_store) == before
    importer.undo(tiny_store, a.import_id, user="pytest")
    assert importer.import_file(tiny_store, "placements", "a.csv", FILE_A, user="pytest").status == "imported"


def test_same_rows_in_another_file_change_nothing(tiny_store):
    _import(tiny_store, "a.csv", FILE_A)
    resaved = FILE_A.replace(b"\n", b"\r\n")  # another hash, the same rows
    result = _import(tiny_store, "a-opnieuw.csv", resaved)
    assert (result.rows_added, result.rows_updated, result.rows_unchanged) == (0, 0, 3)


def test_undo_refusals(tiny_store):
    with pytest.raises(importer.UndoRefused, match="bestaat niet"):
        importer.undo(tiny_store, 999, user="pytest")
    with pytest.raises(importer.UndoRefused, match="in één keer"):
        importer.undo(tiny_store, 1, user="pytest")  # the fixture's bulk load
    a = _import(tiny_store, "a.csv", FILE_A)
    importer.undo(tiny_store, a.import_id, user="pytest")
    with pytest.raises(importer.UndoRefused, match="al ongedaan gemaakt"):
        importer.undo(tiny_store, a.import_id, user="pytest")


def test_dry_run_writes_nothing_and_counts_what_would_change(tiny_store):
    before = content_checksum(tiny_store), tiny_store.version()
    result = importer.import_file(tiny_store, "placements", "a.csv", FILE_A, user="pytest", dry_run=True)
    assert (result.status, result.rows_added, result.rows_updated, result.import_id) == ("valid", 2, 1, None)
    assert (content_checksum(tiny_store), tiny_store.version()) == before


def test_cli_history_and_undo(tiny_store, tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_bytes(FILE_A)
    db = str(tiny_store.path)
    assert main(["import", "placements", str(path), "--db", db, "--user", "analist"]) == 0
    assert "2 rijen toegevoegd, 1 rij gewijzigd, 0 rijen ongewijzigd" in capsys.readouterr().out
    assert main(["imports", "--db", db, "--json"]) == 0
    log = json.loads(capsys.readouterr().out)
    latest = log[0]
    assert (latest["dataset"], latest["file_name"], latest["rows_added"], latest["rows_updated"]) == ("placements", "a.csv", 2, 1)
    assert (latest["imported_by"], latest["source"], latest["undone_at"]) == ("analist", "cli", None)
    assert len(latest["sha256"]) == 64
    assert main(["undo", str(latest["import_id"]), "--db", db]) == 0
    assert "ongedaan gemaakt" in capsys.readouterr().out
    assert main(["undo", str(latest["import_id"]), "--db", db]) == 1
    assert "al ongedaan gemaakt" in capsys.readouterr().err


def test_demo_reset_clears_what_could_be_undone(tiny_store):
    from housing_monitor.demo import bootstrap

    _import(tiny_store, "a.csv", FILE_A)
    assert tiny_store.holds_imported_data()
    bootstrap.load_demo(tiny_store, force=True, user="pytest")
    assert not tiny_store.holds_imported_data()
    with tiny_store.reader() as con:
        assert con.execute("SELECT count(*) FROM history_placements").fetchall() == [(0,)]
