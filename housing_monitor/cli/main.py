"""Command line: python -m housing_monitor demo | measure | import | imports | undo | backup | restore | upgrade ..."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import pandas as pd

from housing_monitor import dutch, privacy
from housing_monitor.access import system_user
from housing_monitor.cli import admin
from housing_monitor.cli.exit_codes import EXIT_OK, EXIT_REFUSED, EXIT_USAGE
from housing_monitor.contract import DATASETS
from housing_monitor.db import lifecycle, migrations
from housing_monitor.db.store import NoDataError, Store
from housing_monitor.demo import bootstrap
from housing_monitor.filters import Filters, parse_period
from housing_monitor.ingest import importer
from housing_monitor.ingest.mapping import MappingError, parse_options
from housing_monitor.measures.base import GROUP_COLUMNS, UnknownGroupError
from housing_monitor.measures.links import LINK_GROUP_COLUMNS
from housing_monitor.measures.registry import MEASURES


def _json_value(value):
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()[:10]
    if pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


def frame_to_records(frame: pd.DataFrame) -> list[dict]:
    """JSON-ready rows: group columns first, NaN as null, '<5' kept as the string."""
    return [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def _print_table(frame: pd.DataFrame) -> None:
    shown = frame.copy()
    for column in shown.columns:
        if pd.api.types.is_float_dtype(shown[column]) or shown[column].dtype == object:
            shown[column] = shown[column].map(lambda v: dutch.number(v, 1) if isinstance(v, float) else v)
    print(shown.to_string(index=False) if not shown.empty else "(geen gegevens)")


def cmd_demo(args) -> int:
    store = Store(args.db)
    try:
        counts = bootstrap.load_demo(store, scale=args.scale, force=args.force)
    except bootstrap.ImportedDataError as error:
        print(f"Geweigerd: {error}", file=sys.stderr)
        return EXIT_REFUSED
    print(f"Demodata ({args.scale}) geladen in {store.path}:")
    for name, count in counts.items():
        print(f"  {name:15s} {dutch.integer(count):>12s} rijen")
    return EXIT_OK


def _filters(args) -> Filters:
    def split(text):
        return tuple(v.strip() for v in (text or "").split(",") if v.strip())

    return Filters(
        period_from=parse_period(args.period_from) if args.period_from else None,
        period_to=parse_period(args.period_to) if args.period_to else None,
        municipalities=split(args.municipality),
        corporations=split(args.corporation),
        housing_forms=split(args.housing_form),
    )


def cmd_measure(args) -> int:
    measure = MEASURES[args.name]
    by = tuple(c.strip() for c in (args.by or "").split(",") if c.strip())
    kwargs = {}
    if args.reference_date and measure.takes_reference_date:
        kwargs["reference_date"] = dt.date.fromisoformat(args.reference_date)
    store = Store(args.db)
    try:
        # As the dashboard does on start: a snapshot of older code gets its schema and derived tables brought up to date.
        lifecycle.ensure_current(store)
        with store.reader() as con:
            frame = measure.compute(con, _filters(args), by=by, **kwargs)
    except migrations.SchemaError as error:
        print(str(error), file=sys.stderr)
        return EXIT_REFUSED
    except NoDataError as error:
        print(f"{error}; maak eerst een database met 'python -m housing_monitor demo'", file=sys.stderr)
        return EXIT_REFUSED
    except UnknownGroupError as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    shown = measure.suppressed(frame, tuple(dict.fromkeys(by)))
    if args.json:
        print(json.dumps(frame_to_records(shown), ensure_ascii=False, indent=2))
    else:
        print(measure.title)
        _print_table(shown)
    return EXIT_OK


def _print_problems(title: str, groups) -> None:
    if not groups:
        return
    print(f"{title}:")
    for group in groups:
        print(f"  - kolom {group.column or '(bestand)'}: {group.summary} ({dutch.integer(group.count)}x)")
        for issue in group.examples:
            print(f"      {issue.message}")
        if group.count > len(group.examples):
            print(f"      … en nog {dutch.integer(group.count - len(group.examples))} keer")


def cmd_import(args) -> int:
    try:
        with open(args.file, "rb") as handle:
            data = handle.read()
    except OSError as error:
        print(f"Kan {args.file} niet openen: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    try:
        given = parse_options(DATASETS[args.dataset], args.map or [], args.value or [])
    except MappingError as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    store, user = Store(args.db), args.user or system_user()
    result = importer.import_file(
        store,
        args.dataset,
        Path(args.file).name,
        data,
        user=user,
        dry_run=args.dry_run,
        source="cli",
        mapping=given,
        mapping_name=args.mapping,
        sheet=args.sheet,
        save_as=args.save_mapping,
    )
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(result.summary())
        if result.mapping:
            print(f"Kolomkoppeling: {result.mapping.describe()}")
        if args.save_mapping and result.accepted and result.mapping:
            print(f"De kolomkoppeling is bewaard als '{args.save_mapping}'; een volgend bestand met dezelfde kolommen "
                  "gebruikt haar vanzelf.")
        _print_problems("Fouten", result.errors)
        _print_problems("Waarschuwingen", result.warnings)
    return EXIT_REFUSED if result.status == "refused" else EXIT_OK


def cmd_mappings(args) -> int:
    saved = importer.saved_mappings(Store(args.db), args.dataset or "")
    if args.json:
        print(json.dumps(
            [{"dataset": m.dataset, "name": m.name, "headers": m.headers, **m.mapping.to_json()} for m in saved],
            ensure_ascii=False, indent=2,
        ))
        return EXIT_OK
    if not saved:
        print("Nog geen bewaarde kolomkoppelingen.")
    for entry in saved:
        print(f"{entry.dataset:15s} {entry.name}: {entry.mapping.describe()}")
    return EXIT_OK


def _log_value(value):
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat(timespec="seconds")
    return _json_value(value)


def _when(iso: str) -> str:
    return dt.datetime.fromisoformat(iso).strftime("%d-%m-%Y %H:%M")


def cmd_imports(args) -> int:
    log = importer.history(Store(args.db))
    records = [{k: _log_value(v) for k, v in row.items()} for row in log.to_dict(orient="records")]
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not records:
        print("Nog geen imports.")
    for row in records:
        what = DATASETS[row["dataset"]].title if row["dataset"] in DATASETS else f"alle gegevens ({row['source']})"
        undone = f" · ongedaan gemaakt {_when(row['undone_at'])} door {row['undone_by']}" if row["undone_at"] else ""
        print(
            f"{row['import_id']:>5}  {_when(row['imported_at'])}  {what:24s} {row['file_name'] or '':30s} "
            f"+{dutch.integer(row['rows_added'])} ~{dutch.integer(row['rows_updated'])}  {row['imported_by']}{undone}"
        )
    return EXIT_OK


def cmd_undo(args) -> int:
    try:
        result = importer.undo(Store(args.db), args.import_id, user=args.user or system_user())
    except importer.UndoRefused as error:
        print(f"Geweigerd: {error}", file=sys.stderr)
        return EXIT_REFUSED
    print(result.summary())
    return EXIT_OK


def _add_import_commands(sub) -> None:
    datasets = "\n".join(f"  {d.name:15s} {d.title} ({d.dutch_name}): {d.row_meaning}" for d in DATASETS.values())
    load = sub.add_parser(
        "import",
        help="importeer een CSV-bestand of Excel-werkmap",
        description="Controleer een CSV-bestand of Excel-werkmap en voeg het samen met de database (alles of niets).\n"
        "Exitcode 0: geïmporteerd, goedgekeurd (--dry-run) of al eerder geïmporteerd; 1: geweigerd.\n\n"
        "Gegevenssoorten:\n" + datasets,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    load.add_argument("dataset", choices=list(DATASETS), help="de gegevenssoort")
    load.add_argument("file", help="het CSV-bestand of de Excel-werkmap (.xlsx, .xls, .ods)")
    load.add_argument(
        "--map", action="append", metavar="EIGEN KOLOM=kolom",
        help="koppel een eigen kolomnaam aan een kolom (naam of Nederlandse alias); herhaalbaar",
    )
    load.add_argument(
        "--value", action="append", metavar="kolom:EIGEN WAARDE=code",
        help="koppel een eigen waarde van een keuzelijst aan een code; herhaalbaar",
    )
    load.add_argument("--mapping", metavar="NAAM", help="gebruik de bewaarde kolomkoppeling met deze naam")
    load.add_argument("--save-mapping", metavar="NAAM", help="bewaar de gebruikte kolomkoppeling onder deze naam")
    load.add_argument("--sheet", metavar="NAAM", help="het blad van de werkmap (standaard: gevonden aan de kolommen)")
    load.add_argument("--db", help="databasebestand")
    load.add_argument("--dry-run", action="store_true", help="alleen controleren, niets schrijven")
    load.add_argument("--json", action="store_true", help="JSON-uitvoer")
    load.add_argument("--user", help="naam in het importlogboek (standaard de gebruiker van het systeem)")
    load.set_defaults(func=cmd_import)

    saved = sub.add_parser(
        "mappings", help="toon de bewaarde kolomkoppelingen", description="Toon de bewaarde kolomkoppelingen, nieuwste eerst."
    )
    saved.add_argument("dataset", nargs="?", choices=list(DATASETS), help="alleen deze gegevenssoort")
    saved.add_argument("--db", help="databasebestand")
    saved.add_argument("--json", action="store_true", help="JSON-uitvoer")
    saved.set_defaults(func=cmd_mappings)

    log = sub.add_parser("imports", help="toon het importlogboek", description="Toon alle imports, nieuwste eerst.")
    log.add_argument("--db", help="databasebestand")
    log.add_argument("--json", action="store_true", help="JSON-uitvoer: een lijst van imports")
    log.set_defaults(func=cmd_imports)

    undo = sub.add_parser(
        "undo",
        help="maak een import ongedaan",
        description="Zet de rijen die een import veranderde exact terug. Weigert (exitcode 1) als een latere "
        "import dezelfde rijen veranderde: maak die dan eerst ongedaan.",
    )
    undo.add_argument("import_id", type=int, help="nummer van de import (zie 'imports')")
    undo.add_argument("--db", help="databasebestand")
    undo.add_argument("--user", help="naam in het importlogboek")
    undo.set_defaults(func=cmd_undo)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m housing_monitor",
        description="Woonmonitor statushouders: demodata, maatstaven en beheer vanaf de opdrachtregel.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="bouw de database met demodata", description="Bouw de database met demodata.")
    demo.add_argument("--db", help="databasebestand (standaard $HOUSING_MONITOR_DB of data/monitor.duckdb)")
    demo.add_argument("--scale", choices=("demo", "national"), default="demo", help="omvang van de demodata")
    demo.add_argument("--force", action="store_true", help="ook geïmporteerde gegevens vervangen")
    demo.set_defaults(func=cmd_demo)

    figures = "\n".join(f"  {m.name:20s} {m.help_text()}" for m in MEASURES.values())
    measure = sub.add_parser(
        "measure",
        help="bereken een maatstaf",
        description=f"Bereken een maatstaf, onderdrukt onder de drempel ('{privacy.marker()}').\n\nMaatstaven en hun cijfers:\n"
        + figures,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    measure.add_argument("name", choices=list(MEASURES), help="de maatstaf")
    measure.add_argument("--db", help="databasebestand")
    measure.add_argument(
        "--by",
        help=f"groeperen naar kolommen, komma-gescheiden: {', '.join(GROUP_COLUMNS)}; koppelingen (waiting_list, "
        f"time_to_home): {', '.join(LINK_GROUP_COLUMNS)}, bij waiting_list ook month",
    )
    measure.add_argument("--reference-date", help="peildatum JJJJ-MM-DD (standaard: laatste datum in de gegevens)")
    measure.add_argument("--from", dest="period_from", help="eerste halfjaar, bijv. 2016-H1")
    measure.add_argument("--to", dest="period_to", help="laatste halfjaar, bijv. 2016-H2")
    measure.add_argument("--municipality", help="gemeentecode(s), komma-gescheiden")
    measure.add_argument("--corporation", help="corporatie(s), komma-gescheiden")
    measure.add_argument("--housing-form", help="woonvorm(en), komma-gescheiden")
    measure.add_argument("--json", action="store_true", help="JSON-uitvoer: een lijst van rijen")
    measure.set_defaults(func=cmd_measure)
    _add_import_commands(sub)

    admin.add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
