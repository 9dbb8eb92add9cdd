"""Backup and restore: one portable zip archive with a Parquet file per table and a manifest.

The archive holds every table that has data of its own (datasets, the import log, import history
and undo tables, schema history), found in DuckDB's catalog rather than listed here, except the
derived tables that every write rebuilds (store.DERIVED_QUERIES) and `meta`, whose entries go into
the manifest (the schema version belongs to the code that restores). The manifest records per
table the row count, the SHA-256 of its file and a content checksum that does not depend on row
order. A restore checks all of that before it touches the database, then replaces everything in
one write through the store (which publishes a new snapshot) and checks the counts and content
checksums again inside that write, so a mismatch rolls back and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow
import pyarrow.parquet

from housing_monitor.db import migrations, queries
from housing_monitor.db.store import DERIVED_QUERIES, Store

ARCHIVE_FORMAT = "woonmonitor-backup"
ARCHIVE_FORMAT_VERSION = 1
MANIFEST = "manifest.json"
TABLE_FOLDER = "tables"
META_TABLE = "meta"
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")
_CREATED_TABLE = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.IGNORECASE)
_CHUNK = 1 << 20


class ArchiveError(RuntimeError):
    """The archive is damaged, incomplete or no Woonmonitor backup; the database was not changed."""


class RestoreRefused(RuntimeError):
    """Restoring would throw away imported data and --force was not given; nothing was changed."""


class BackupError(RuntimeError):
    """A table cannot be written to the archive without loss."""


@dataclass(frozen=True)
class Content:
    """What a table holds, in two numbers: its row count and its order-independent content checksum."""

    rows: int
    checksum: str


@dataclass
class Report:
    """What a backup or restore did: tables with their row counts, the archive's size, the time taken."""

    archive: Path
    tables: dict[str, int] = field(default_factory=dict)
    schema_version: int = 0
    size_bytes: int = 0
    seconds: float = 0.0


def derived_tables() -> set[str]:
    """Tables that every write rebuilds from the others: not worth archiving."""
    return {name.lower() for query in DERIVED_QUERIES for name in _CREATED_TABLE.findall(queries.load(query))}


def archived_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables a backup holds: every base table except derived ones and meta."""
    skip = derived_tables() | {META_TABLE}
    return [t for t in queries.fetch(con, "catalog_tables")["table_name"] if t not in skip]


def columns(con: duckdb.DuckDBPyConnection, table: str) -> list[dict[str, str]]:
    frame = queries.fetch(con, "catalog_columns", table=table)
    return [{"name": row.column_name, "type": row.data_type} for row in frame.itertuples()]


def content(con: duckdb.DuckDBPyConnection, table: str, column_names: list[str]) -> Content:
    """Row count and content checksum of a table over the given columns (seeing con's open transaction)."""
    row = queries.fetch(con, "table_checksum", table=table, columns=column_names).iloc[0]
    return Content(int(row["row_count"]), str(row["checksum"]))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _quoted(table: str) -> str:
    # Identifiers cannot be parameters; every name here comes from the catalog and matches _IDENTIFIER.
    if not _IDENTIFIER.match(table):
        raise ArchiveError(f"ongeldige tabelnaam in de backup: {table!r}")
    return f'"{table}"'


def backup(store: Store, target: str | os.PathLike) -> Report:
    """Write the published snapshot to one archive; a reader, so it never waits for or blocks an import."""
    started = time.perf_counter()
    target = Path(target)
    snapshot = store.current_snapshot()
    report = Report(archive=target)
    with tempfile.TemporaryDirectory(prefix="woonmonitor-backup-") as work, duckdb.connect(
        str(snapshot), read_only=True
    ) as con:
        report.schema_version = migrations.inspect(con)
        tables = {}
        for table in archived_tables(con):
            described = columns(con, table)
            names = [c["name"] for c in described]
            path = Path(work) / f"{table}.parquet"
            queries.execute(con, "export_table_parquet", table=table, path=str(path))
            expected = content(con, table, names)
            if _parquet_content(path, names) != expected:
                raise BackupError(f"tabel {table} kan niet zonder verlies als Parquet worden bewaard")
            tables[table] = {
                "file": f"{TABLE_FOLDER}/{table}.parquet",
                "rows": expected.rows,
                "sha256": _sha256(path),
                "checksum": expected.checksum,
                "columns": described,
            }
            report.tables[table] = expected.rows
        manifest = {
            "format": ARCHIVE_FORMAT,
            "format_version": ARCHIVE_FORMAT_VERSION,
            "schema_version": report.schema_version,
            "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "app_version": migrations.app_version(),
            "duckdb_version": duckdb.__version__,
            "snapshot": snapshot.stem,
            "checksum_method": "som van de eerste 15 hexcijfers van md5(to_json(rij)), over de genoemde kolommen",
            "meta": dict(queries.fetch(con, "meta_entries").itertuples(index=False)),
            "sequences": {
                row.sequence_name: None if pd.isna(row.last_value) else int(row.last_value)
                for row in queries.fetch(con, "catalog_sequences").itertuples()
            },
            "tables": tables,
        }
        partial = target.with_name(target.name + ".partial")
        with zipfile.ZipFile(partial, "w") as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False), zipfile.ZIP_DEFLATED)
            for table, entry in tables.items():
                # Parquet is compressed already; stored members are still CRC-checked on reading.
                archive.write(Path(work) / f"{table}.parquet", entry["file"], zipfile.ZIP_STORED)
        os.replace(partial, target)  # never leave a half-written archive under the real name
    report.size_bytes = target.stat().st_size
    report.seconds = time.perf_counter() - started
    return report


def _parquet_content(path: Path, column_names: list[str]) -> Content:
    with duckdb.connect() as scratch:
        queries.execute(scratch, "load_archived_table", path=str(path))
        return content(scratch, "archived", column_names)


def _refuse(archive: Path, reason: str) -> ArchiveError:
    return ArchiveError(f"De backup {archive.name} wordt niet teruggezet: {reason}. Er is niets gewijzigd.")


def _read_manifest(archive: Path, bundle: zipfile.ZipFile) -> dict:
    if MANIFEST not in bundle.namelist():
        raise _refuse(archive, "het is geen backup van de Woonmonitor (manifest.json ontbreekt)")
    try:
        manifest = json.loads(bundle.read(MANIFEST).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise _refuse(archive, "manifest.json is onleesbaar") from None
    if not isinstance(manifest, dict) or manifest.get("format") != ARCHIVE_FORMAT:
        raise _refuse(archive, "het is geen backup van de Woonmonitor (onbekend formaat)")
    if manifest.get("format_version") != ARCHIVE_FORMAT_VERSION:
        raise _refuse(archive, f"onbekende versie van het backupformaat ({manifest.get('format_version')!r})")
    tables = manifest.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(e, dict) for e in tables.values()):
        raise _refuse(archive, "de tabellijst in manifest.json is beschadigd")
    meta, sequences = manifest.get("meta", {}), manifest.get("sequences", {})
    if not isinstance(meta, dict) or not all(isinstance(v, str) for v in meta.values()):
        raise _refuse(archive, "de meta-gegevens in manifest.json zijn beschadigd")
    if not isinstance(sequences, dict) or not all(v is None or isinstance(v, int) for v in sequences.values()):
        raise _refuse(archive, "de reeksnummers in manifest.json zijn beschadigd")
    _check_schema_version(archive, manifest.get("schema_version"))
    return manifest


def _check_schema_version(archive: Path, version) -> None:
    if not isinstance(version, int) or version < migrations.FIRST_VERSION:
        raise _refuse(archive, f"de schemaversie in manifest.json is ongeldig ({version!r})")
    if version > migrations.LATEST_VERSION:
        raise _refuse(
            archive,
            f"hij is gemaakt met een nieuwere Woonmonitor (schemaversie {version}; deze versie kent tot en met "
            f"{migrations.LATEST_VERSION}). Zet hem terug met die nieuwere versie",
        )
    for step in migrations.MIGRATIONS[version - migrations.FIRST_VERSION:]:
        if not step.additive:
            raise _refuse(
                archive,
                f"hij heeft schemaversie {version} en de stap naar versie {step.source + 1} ({step.description}) "
                "verandert bestaande gegevens. Zet hem terug met een Woonmonitor van versie "
                f"{step.source} en werk daarna bij",
            )


def verify_archive(archive: str | os.PathLike, workdir: Path) -> dict:
    """Check an archive completely (structure, SHA-256 and content of every file); extract the tables into workdir."""
    archive = Path(archive)
    try:
        with zipfile.ZipFile(archive) as bundle:
            manifest = _read_manifest(archive, bundle)
            expected = {MANIFEST} | {f"{TABLE_FOLDER}/{name}.parquet" for name in manifest["tables"]}
            present = set(bundle.namelist())
            if present != expected:
                strange = sorted(present - expected) or sorted(expected - present)
                raise _refuse(archive, f"de inhoud klopt niet met manifest.json ({', '.join(strange)})")
            for name, entry in manifest["tables"].items():
                if not _IDENTIFIER.match(name) or entry.get("file") != f"{TABLE_FOLDER}/{name}.parquet":
                    raise _refuse(archive, f"ongeldige tabel in manifest.json: {name!r}")
                _extract(archive, bundle, entry, workdir / f"{name}.parquet")
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise _refuse(archive, f"het bestand is beschadigd of geen zip-archief ({error})") from None
    except FileNotFoundError:
        raise ArchiveError(f"Backupbestand {archive} niet gevonden. Er is niets gewijzigd.") from None
    for name, entry in manifest["tables"].items():
        path = workdir / f"{name}.parquet"
        try:
            names = [c["name"] for c in entry["columns"]]
            if pyarrow.parquet.read_schema(path).names != names:
                raise _refuse(archive, f"de kolommen van tabel {name} kloppen niet met manifest.json")
            found = _parquet_content(path, names)
        except (pyarrow.ArrowException, duckdb.Error, KeyError, TypeError) as error:
            raise _refuse(archive, f"tabel {name} is onleesbaar ({error})") from None
        if found != Content(entry.get("rows"), entry.get("checksum")):
            raise _refuse(archive, f"de inhoud van tabel {name} klopt niet met de controlegetallen")
    return manifest


def _extract(archive: Path, bundle: zipfile.ZipFile, entry: dict, path: Path) -> None:
    digest = hashlib.sha256()
    with bundle.open(entry["file"]) as source, open(path, "wb") as sink:
        while chunk := source.read(_CHUNK):  # the zip's own CRC is checked when the member is read to its end
            digest.update(chunk)
            sink.write(chunk)
    if digest.hexdigest() != entry.get("sha256"):
        raise _refuse(archive, f"{entry['file']} is beschadigd (SHA-256 klopt niet)")


def restore(store: Store, archive: str | os.PathLike, force: bool = False) -> Report:
    """Replace the whole database with the archive in one write; refuses a damaged archive and, without force, imported data."""
    started = time.perf_counter()
    archive = Path(archive)
    report = Report(archive=archive, size_bytes=archive.stat().st_size if archive.exists() else 0)
    with tempfile.TemporaryDirectory(prefix="woonmonitor-restore-") as work:
        manifest = verify_archive(archive, Path(work))
        tables = manifest["tables"]
        with store.writer() as con:
            if not force and bool(queries.fetch(con, "imported_data_present")["present"].iloc[0]):
                raise RestoreRefused(
                    f"{store.path} bevat geïmporteerde gegevens die door de backup worden vervangen; "
                    "gebruik --force als dat de bedoeling is. Er is niets gewijzigd."
                )
            present = archived_tables(con)
            _check_fits(archive, con, tables, present)
            for table in present:
                con.execute(f"DELETE FROM {_quoted(table)}")
            for table in tables:
                con.execute(
                    f"INSERT INTO {_quoted(table)} BY NAME SELECT * FROM read_parquet($path)",
                    {"path": str(Path(work) / f"{table}.parquet")},
                )
            for key, value in manifest.get("meta", {}).items():
                if key != "schema_version":  # the database keeps the version of the code that restores
                    queries.execute(con, "set_meta", key=key, value=value)
            sequences = set(queries.fetch(con, "catalog_sequences")["sequence_name"])
            for name, last_value in manifest.get("sequences", {}).items():
                if name in sequences and last_value is not None:
                    queries.fetch(con, "set_sequence", sequence=name, value=last_value)
            archived_version = manifest["schema_version"]
            for step in migrations.MIGRATIONS[archived_version - migrations.FIRST_VERSION:]:
                migrations.record(con, step.source + 1, f"{step.description} (backup van versie {archived_version} teruggezet)")
            _check_restored(archive, con, tables, "het terugzetten is teruggedraaid")
        with store.reader() as con:
            _check_restored(archive, con, tables, "controleer de database en zet de backup opnieuw terug")
    report.tables = {name: entry["rows"] for name, entry in tables.items()}
    report.schema_version = manifest["schema_version"]
    report.seconds = time.perf_counter() - started
    return report


def _check_fits(archive: Path, con: duckdb.DuckDBPyConnection, tables: dict, present: list[str]) -> None:
    for name, entry in tables.items():
        if name not in present:
            raise _refuse(archive, f"tabel {name} bestaat niet in deze versie van de Woonmonitor")
        known = {c["name"] for c in columns(con, name)}
        unknown = [c["name"] for c in entry["columns"] if c["name"] not in known]
        if unknown:
            raise _refuse(archive, f"tabel {name} heeft kolommen die deze versie niet kent: {', '.join(unknown)}")


def _check_restored(archive: Path, con: duckdb.DuckDBPyConnection, tables: dict, consequence: str) -> None:
    for name, entry in tables.items():
        found = content(con, name, [c["name"] for c in entry["columns"]])
        if found != Content(entry["rows"], entry["checksum"]):
            raise ArchiveError(f"Na het terugzetten van {archive.name} klopt tabel {name} niet met de backup; {consequence}.")
