"""Command line for operators: backup, restore and upgrade of the database."""

from __future__ import annotations

import sys

from housing_monitor import dutch
from housing_monitor.cli.exit_codes import EXIT_OK, EXIT_REFUSED
from housing_monitor.db import backup as backups
from housing_monitor.db import lifecycle, migrations
from housing_monitor.db.store import NoDataError, Store

DB_HELP = "databasebestand (standaard $HOUSING_MONITOR_DB of data/monitor.duckdb)"


def _print_tables(report: backups.Report) -> None:
    for name, rows in report.tables.items():
        print(f"  {name:22s} {dutch.integer(rows):>12s} rijen")


def cmd_backup(args) -> int:
    store = Store(args.db)
    try:
        report = backups.backup(store, args.file)
    except NoDataError as error:
        print(f"Geweigerd: {error}", file=sys.stderr)
        return EXIT_REFUSED
    print(
        f"Backup geschreven naar {report.archive} ({dutch.number(report.size_bytes / 1e6, 1)} MB, "
        f"schemaversie {report.schema_version}, {dutch.number(report.seconds, 1)} s):"
    )
    _print_tables(report)
    return EXIT_OK


def cmd_restore(args) -> int:
    store = Store(args.db)
    try:
        report = backups.restore(store, args.file, force=args.force)
    except (backups.ArchiveError, backups.RestoreRefused, migrations.SchemaError) as error:
        print(f"Geweigerd: {error}", file=sys.stderr)
        return EXIT_REFUSED
    print(
        f"Backup {report.archive} teruggezet in {store.path} (schemaversie {report.schema_version} in de backup, "
        f"{dutch.number(report.seconds, 1)} s); alle aantallen en controlegetallen kloppen:"
    )
    _print_tables(report)
    return EXIT_OK


def cmd_upgrade(args) -> int:
    store = Store(args.db)
    try:
        upgraded = lifecycle.ensure_current(store)
    except (NoDataError, migrations.SchemaError) as error:
        print(f"Geweigerd: {error}", file=sys.stderr)
        return EXIT_REFUSED
    state = "bijgewerkt naar" if upgraded else "heeft al"
    print(f"De database {store.path} {state} schemaversie {migrations.LATEST_VERSION}.")
    return EXIT_OK


def add_commands(sub) -> None:
    """Register backup, restore and upgrade on the main parser's subcommands."""
    command = sub.add_parser(
        "backup",
        help="schrijf alle gegevens naar één backupbestand",
        description="Schrijf alle datasets, het importlogboek en de importgeschiedenis naar één zip-bestand "
        "(Parquet per tabel plus manifest.json met aantallen en controlegetallen). Leest de gepubliceerde "
        "versie van de database, dus het kan terwijl het dashboard draait.",
    )
    command.add_argument("file", help="het backupbestand dat wordt geschreven, bijv. backup-2026-11-25.zip")
    command.add_argument("--db", help=DB_HELP)
    command.set_defaults(func=cmd_backup)

    command = sub.add_parser(
        "restore",
        help="zet een backup terug (vervangt alle gegevens)",
        description="Controleer een backup volledig en vervang dan in één keer alle gegevens van de database. "
        "Een beschadigde of vreemde backup wordt geweigerd zonder iets te wijzigen.",
    )
    command.add_argument("file", help="het backupbestand")
    command.add_argument("--db", help=DB_HELP)
    command.add_argument("--force", action="store_true", help="ook een database met geïmporteerde gegevens vervangen")
    command.set_defaults(func=cmd_restore)

    command = sub.add_parser(
        "upgrade",
        help="werk de database bij naar de schemaversie van deze code",
        description="Werk een database van een oudere versie bij (in één transactie) en publiceer hem. "
        "Het dashboard doet dit ook zelf bij de start.",
    )
    command.add_argument("--db", help=DB_HELP)
    command.set_defaults(func=cmd_upgrade)
