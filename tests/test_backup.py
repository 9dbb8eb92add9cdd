"""Backup → restore is exact; a damaged or foreign archive is refused and changes nothing."""

import json
import re
import zipfile

import pytest

from housing_monitor.cli.main import main
from housing_monitor.db import backup, migrations
from housing_monitor.db.store import Store, derived_version
from housing_monitor.ingest import importer
from tests.conftest import derived_tables
from tests.dbdump import all_rows, unpack_v1_database


def rows_of(store: Store) -> dict[str, list[tuple]]:
    with store.reader() as con:
        return all_rows(con)


NEW_PLACEMENT = (
    "placement_id;household_id;municipality_code;municipality_name;corporation;housing_form;permanent;project;"
    "household_type;household_size;permit_date;linked_date;move_in_date;move_out_date\n"
    "P900;HH900;GM0882;Landgraaf;HEEMwonen;zelfstandig;ja;;alleenstaande;1;01-03-2017;;01-05-2017;\n"
)
CORRECTION = NEW_PLACEMENT.replace(";;alleenstaande;1;", ';"Fénix, \u201ctest\u201d";gezin;7;')
MUNICIPALITY = "gemeentecode;gemeente;provincie;inwoners\nGM0344;Utrecht;Utrecht;361924\n"


def simulate_imports_and_undos(store: Store) -> None:
    """Three real imports (a new placement, a correction of it, a municipality) and an undo of the correction."""
    steps = [("placements", "nieuw.csv", NEW_PLACEMENT), ("placements", "correctie.csv", CORRECTION)]
    for dataset, name, text in steps:
        result = importer.import_file(store, dataset, name, text.encode("cp1252"), user="analist@almere.nl")
        assert result.status == "imported", [e.message for g in result.errors for e in g.examples]
    correction = int(importer.history(store)["import_id"].max())
    importer.undo(store, correction, user="analist@almere.nl")
    result = importer.import_file(store, "municipalities", "gemeenten.csv", MUNICIPALITY.encode(), user="beheer@provincie.nl")
    assert result.status == "imported"


def test_demo_data_round_trip_is_exact(demo_store, tmp_path):
    archive = tmp_path / "demo.zip"
    made = backup.backup(demo_store, archive)
    restored = Store(tmp_path / "restored.duckdb")
    done = backup.restore(restored, archive)

    assert rows_of(restored) == rows_of(demo_store)  # every row of every table, derived ones included
    assert made.tables == done.tables and made.tables["placements"] > 10_000
    assert "household_pathway" not in made.tables and "meta" not in made.tables  # rebuilt, not archived
    print(f"\ndemo archive {made.size_bytes:,} bytes; backup {made.seconds:.2f} s; restore {done.seconds:.2f} s")


def test_round_trip_after_imports_and_undos(tiny_store, tmp_path):
    simulate_imports_and_undos(tiny_store)
    original = rows_of(tiny_store)
    archive = tmp_path / "backup.zip"
    made = backup.backup(tiny_store, archive)
    # The tiny fixture's own load, three imports (one undone): who and what is in the log and the history.
    assert made.tables["import_log"] == 4 and made.tables["history_placements"] >= 1
    with tiny_store.reader() as con:
        log = con.execute("SELECT file_name, imported_by, undone_by FROM import_log ORDER BY import_id").fetchall()
    assert log[1:] == [
        ("nieuw.csv", "analist@almere.nl", None),
        ("correctie.csv", "analist@almere.nl", "analist@almere.nl"),
        ("gemeenten.csv", "beheer@provincie.nl", None),
    ]

    restored = Store(tmp_path / "elsewhere" / "monitor.duckdb")  # a move to a new server
    backup.restore(restored, archive)
    assert rows_of(restored) == original

    with restored.writer() as con:  # the import log goes on numbering after the restored imports
        next_id = con.execute(
            "INSERT INTO import_log (dataset, imported_at, imported_by, source) "
            "VALUES ('goals', localtimestamp, 'analist', 'upload') RETURNING import_id"
        ).fetchall()[0][0]
    assert next_id == max(row[0] for row in original["import_log"]) + 1


def test_restore_over_imported_data_needs_force(tiny_store, tmp_path):
    archive = tmp_path / "backup.zip"
    backup.backup(tiny_store, archive)
    original = rows_of(tiny_store)
    simulate_imports_and_undos(tiny_store)
    changed, version = rows_of(tiny_store), tiny_store.version()

    with pytest.raises(backup.RestoreRefused, match="--force"):
        backup.restore(tiny_store, archive)
    assert tiny_store.version() == version and rows_of(tiny_store) == changed

    backup.restore(tiny_store, archive, force=True)
    assert tiny_store.version() != version  # readers get the restored data as a new snapshot
    assert rows_of(tiny_store) == original


def test_an_archive_of_schema_v1_restores_into_the_latest(tmp_path):
    old = Store(unpack_v1_database(tmp_path))
    old._publish()  # as the v1 code left it: its own snapshot, no upgrade
    archive = tmp_path / "v1.zip"
    assert backup.backup(old, archive).schema_version == 1

    restored = Store(tmp_path / "new" / "monitor.duckdb")
    backup.restore(restored, archive)
    with old.reader() as con:
        before = all_rows(con, skip=frozenset({"meta"}))
    after = rows_of(restored)
    assert [row[4] for row in after.pop("schema_history")] == [
        "schemageschiedenis (schema_history) toegevoegd (backup van versie 1 teruggezet)",
        "bewaarde kolomkoppelingen (column_mapping) en de gebruikte koppeling in het importlogboek "
        "(backup van versie 1 teruggezet)",
        "koppelingen (links) toegevoegd (backup van versie 1 teruggezet)",
        "presentaties (deck) die begeleiders bewaren (backup van versie 1 teruggezet)",
    ]
    assert after.pop("meta") == [
        ("derived_version", derived_version()), ("schema_version", str(migrations.LATEST_VERSION))
    ]
    assert all(row[-3:] == (None, None, None) for row in after["import_log"])
    after["import_log"] = [row[:-3] for row in after["import_log"]]
    # Tables the older schema did not have: the importer's undo tables (empty) and derived tables.
    for table in [t for t in after if t not in before]:
        rows = after.pop(table)
        assert table in derived_tables() or rows == [], table
    assert after == before


@pytest.fixture(scope="module")
def tiny_archive(tmp_path_factory):
    """A valid archive of the tiny dataset and the names of its members."""
    from tests.conftest import build_store

    folder = tmp_path_factory.mktemp("archive")
    archive = folder / "tiny.zip"
    backup.backup(build_store(folder / "source.duckdb", "tiny"), archive)
    return archive


def _member_offset(archive, name: str) -> int:
    """Where a member's data starts in the zip file."""
    with zipfile.ZipFile(archive) as bundle:
        info = bundle.getinfo(name)
    data = archive.read_bytes()
    name_length = int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_length = int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    return info.header_offset + 30 + name_length + extra_length


def _flipped(archive, tmp_path, where) -> object:
    data = bytearray(archive.read_bytes())
    offset = where(archive, len(data))
    data[offset] ^= 0xFF
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    return damaged


FLIPS = {
    "placements data": lambda a, n: _member_offset(a, "tables/placements.parquet") + 200,
    "manifest": lambda a, n: _member_offset(a, "manifest.json") + 40,
    "central directory": lambda a, n: n - 30,
    "first byte": lambda a, n: 0,
}


@pytest.mark.parametrize("where", FLIPS.values(), ids=FLIPS.keys())
def test_a_flipped_byte_is_refused_and_changes_nothing(tiny_archive, tiny_store, tmp_path, where):
    damaged = _flipped(tiny_archive, tmp_path, where)
    version, original = tiny_store.version(), rows_of(tiny_store)
    with pytest.raises(backup.ArchiveError, match="wordt niet teruggezet: .*Er is niets gewijzigd"):
        backup.restore(tiny_store, damaged, force=True)
    assert tiny_store.version() == version and rows_of(tiny_store) == original

    fresh = Store(tmp_path / "fresh" / "monitor.duckdb")
    with pytest.raises(backup.ArchiveError):
        backup.restore(fresh, damaged)
    assert not fresh.path.exists()  # refused before the database was even created


def _rewritten(archive, tmp_path, change) -> object:
    """A copy of the archive with valid zip checksums whose members were changed by `change(name, data)`."""
    target = tmp_path / "rewritten.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as sink:
        for name in source.namelist():
            data = change(name, source.read(name))
            if data is not None:
                sink.writestr(name, data)
    return target


def test_tampered_archives_are_refused(tiny_archive, tmp_path):
    def manifest_edit(edit):
        def change(name, data):
            if name != "manifest.json":
                return data
            manifest = json.loads(data)
            edit(manifest)
            return json.dumps(manifest)

        return change

    def recount(manifest):
        manifest["tables"]["placements"]["rows"] += 1

    def other_sha(manifest):
        manifest["tables"]["quota"]["sha256"] = "0" * 64

    def newer(manifest):
        manifest["schema_version"] = migrations.LATEST_VERSION + 1

    def foreign_format(manifest):
        manifest["format"] = "iets-anders"

    def unknown_table(manifest):
        manifest["tables"]["secrets"] = dict(manifest["tables"]["quota"], file="tables/secrets.parquet")

    cases = [
        (manifest_edit(recount), "de inhoud van tabel placements klopt niet met de controlegetallen"),
        (manifest_edit(other_sha), "tables/quota.parquet is beschadigd (SHA-256 klopt niet)"),
        (manifest_edit(newer), f"gemaakt met een nieuwere Woonmonitor (schemaversie {migrations.LATEST_VERSION + 1}"),
        (manifest_edit(foreign_format), "geen backup van de Woonmonitor (onbekend formaat)"),
        (manifest_edit(unknown_table), "de inhoud klopt niet met manifest.json (tables/secrets.parquet)"),
        (lambda name, data: None if name == "tables/goals.parquet" else data, "tables/goals.parquet"),
        (lambda name, data: None if name == "manifest.json" else data, "manifest.json ontbreekt"),
    ]
    store = Store(tmp_path / "monitor.duckdb")
    for change, message in cases:
        with pytest.raises(backup.ArchiveError, match=re.escape(message)):
            backup.restore(store, _rewritten(tiny_archive, tmp_path, change))
    assert not store.path.exists()


def test_a_file_that_is_no_archive_is_refused(tmp_path):
    bogus = tmp_path / "backup.zip"
    bogus.write_text("placement_id;household_id\nP1;HH1\n", encoding="utf-8")
    with pytest.raises(backup.ArchiveError, match="geen zip-archief"):
        backup.restore(Store(tmp_path / "m.duckdb"), bogus)
    with pytest.raises(backup.ArchiveError, match="niet gevonden"):
        backup.restore(Store(tmp_path / "m.duckdb"), tmp_path / "missing.zip")


def test_backup_and_restore_commands(tiny_store, tmp_path, capsys):
    archive = tmp_path / "b.zip"
    assert main(["backup", str(archive), "--db", str(tiny_store.path)]) == 0
    out = capsys.readouterr().out
    assert f"Backup geschreven naar {archive}" in out and re.search(r"placements\s+9 rijen", out)

    target = tmp_path / "copy.duckdb"
    assert main(["restore", str(archive), "--db", str(target)]) == 0
    assert "alle aantallen en controlegetallen kloppen" in capsys.readouterr().out
    assert rows_of(Store(target)) == rows_of(tiny_store)

    assert main(["restore", str(archive), "--db", str(tiny_store.path)]) == 1  # tiny holds imported ('test') data
    assert "--force" in capsys.readouterr().err
    assert main(["restore", str(archive), "--db", str(tiny_store.path), "--force"]) == 0

    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(archive.read_bytes()[:-100])
    assert main(["restore", str(damaged), "--db", str(target), "--force"]) == 1
    assert "Geweigerd: De backup damaged.zip wordt niet teruggezet" in capsys.readouterr().err
    assert main(["backup", str(tmp_path / "x.zip"), "--db", str(tmp_path / "none.duckdb")]) == 1


def test_backup_reads_the_published_snapshot_while_a_writer_holds_the_lock(tiny_store, tmp_path):
    with tiny_store.exclusive():  # an import in progress in this or another process
        report = backup.backup(tiny_store, tmp_path / "during.zip")
    assert report.tables["placements"] == 9
    assert migrations.LATEST_VERSION == report.schema_version
