"""Importing a file (CSV or workbook) into the monitor: all or nothing, merged by key, logged, and undoable exactly.

A file is read and validated completely before anything is written. A refused file is kept nowhere:
not on disk, not in the database, not in a log (only its verdict is returned). An accepted file is
merged by the dataset's key in one transaction of `Store.writer()`: new keys are added, existing rows
whose values differ are updated, identical rows are left alone. The same transaction stores what
undo needs in `history_<dataset>`: the previous version of every updated row and the key of every
added row, under the import's number.

Undo restores those rows exactly. When a later import (not undone) changed some of the same rows,
undoing the earlier one would silently overwrite the later one's work, so undo refuses and names
the later import(s) to undo first.

The merge SQL is generated from the contract (table and column names only; values are always
parameters or registered frames), like the table definitions themselves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterator

import duckdb
import numpy as np
import pandas as pd

from housing_monitor import dutch
from housing_monitor.contract import DATASETS, Dataset
from housing_monitor.db import queries
from housing_monitor.db.store import Store, create_schema
from housing_monitor.ingest import workbook
from housing_monitor.ingest.mapping import (
    Mapping,
    MappingError,
    SavedMapping,
    headers_signature,
    merged,
    recognised_columns,
)
from housing_monitor.ingest.reader import RawTable, UnreadableFile, read_table
from housing_monitor.ingest.validation import (
    Issue,
    IssueGroup,
    Problems,
    Validation,
    validate,
)

STATUSES = ("imported", "valid", "refused", "duplicate")
# Files dropped together are checked and imported in this order: what others link to comes first
# (municipality codes, then the households that nuisance and integration rows refer to).
IMPORT_ORDER = ("municipalities", "links", "placements", "quota", "interventions", "nuisance", "integration", "goals")
SOURCES = ("upload", "cli")
PREVIEW_ROWS = 20
Progress = Callable[[float, str], None]


@dataclass
class ImportResult:
    """The verdict on one file, and what happened to the database."""

    dataset: str
    file_name: str
    status: str
    sha256: str
    rows_in_file: int = 0
    rows_added: int = 0
    rows_updated: int = 0
    rows_unchanged: int = 0
    errors: list[IssueGroup] = field(default_factory=list)
    warnings: list[IssueGroup] = field(default_factory=list)
    import_id: int | None = None
    duplicate_of: int | None = None
    contains_bsn: bool = False
    preview: pd.DataFrame | None = None  # the first rows as the file has them; never for a BSN file
    encoding: str | None = None
    delimiter: str | None = None
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase: read, validate, merge, publish
    sheet: str | None = None  # the workbook sheet imported (None for a CSV file)
    sheets: list[str] = field(default_factory=list)  # every sheet with a header line (workbooks)
    headers: list[str] = field(default_factory=list)  # the file's header line, for the mapping step
    mapping: Mapping | None = None  # the column mapping used (saved or given), if any

    @property
    def accepted(self) -> bool:
        return self.status in ("imported", "valid", "duplicate")

    def to_json(self) -> dict:
        """The CLI's --json answer: a fixed set of keys that scripts rely on (README, Command line)."""
        return {
            "dataset": self.dataset,
            "status": self.status,
            "sheet": self.sheet,
            "mapping": self.mapping.to_json() if self.mapping else None,
            "rows_added": self.rows_added,
            "rows_updated": self.rows_updated,
            "errors": [issue.to_json() for group in self.errors for issue in group.issues()],
            "warnings": [issue.to_json() for group in self.warnings for issue in group.issues()],
        }

    def summary(self) -> str:
        """One Dutch sentence about the outcome."""
        title = DATASETS[self.dataset].title.lower() if self.dataset in DATASETS else self.dataset
        counts = (
            f"{rows(self.rows_added)} toegevoegd, {rows(self.rows_updated)} gewijzigd, "
            f"{rows(self.rows_unchanged)} ongewijzigd"
        )
        where = f"'{self.file_name}'" + (f" (blad '{self.sheet}')" if self.sheet else "")
        used = ""
        if self.mapping:
            used = f" Met kolomkoppeling '{self.mapping.name}'." if self.mapping.name else " Met een eigen kolomkoppeling."
        if self.status == "imported":
            return f"{where} is geïmporteerd als {title} (import {self.import_id}): {counts}.{used}"
        if self.status == "valid":
            return f"{where} is goedgekeurd als {title}. Bij importeren: {counts}.{used}"
        if self.status == "duplicate":
            return (
                f"'{self.file_name}' is al eerder geïmporteerd als {title} (import {self.duplicate_of}); "
                "er is niets opnieuw toegepast."
            )
        count = sum(group.count for group in self.errors)
        if self.contains_bsn:
            return f"'{self.file_name}' is geweigerd: het bevat burgerservicenummers (BSN). Er is niets bewaard."
        return (
            f"'{self.file_name}' is geweigerd: {dutch.integer(count)} "
            f"{'probleem' if count == 1 else 'problemen'}. Er is niets veranderd in de database."
        )


class UndoRefused(RuntimeError):
    """Undo is not possible; the message says why and what to do, in Dutch."""


@dataclass
class UndoResult:
    import_id: int
    dataset: str
    rows_removed: int
    rows_restored: int

    def summary(self) -> str:
        return (
            f"Import {self.import_id} ({DATASETS[self.dataset].title.lower()}) is ongedaan gemaakt: "
            f"{rows(self.rows_removed)} verwijderd, {rows(self.rows_restored)} teruggezet naar hun vorige versie."
        )


def rows(count: int) -> str:
    """'1 rij', '1.234 rijen'."""
    return f"{dutch.integer(count)} {'rij' if count == 1 else 'rijen'}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _no_progress(fraction: float, text: str) -> None:
    return None


def read_file(
    data: bytes, dataset: str | None = None, sheet: str | None = None, saved: list[SavedMapping] | None = None
) -> tuple[RawTable | None, list[IssueGroup]]:
    """The file's text cells (a CSV file, or the workbook sheet holding the dataset), or why it cannot be read."""
    try:
        if workbook.is_workbook(data):
            return workbook.read_sheet(data, sheet or choose_sheet(data, dataset, saved)), []
        return read_table(data), []
    except UnreadableFile as error:
        problems = Problems()
        problems.file(error.rule, str(error), line=error.line)
        return None, problems.groups


def saved_entry(saved: list[SavedMapping] | None, dataset: str | None, headers: list[str]) -> SavedMapping | None:
    """The saved mapping for exactly these headers (the newest, when several were saved)."""
    signature = headers_signature(headers)
    for entry in saved or ():
        if entry.headers_signature == signature and dataset in (None, entry.dataset):
            return entry
    return None


def _saved_for(saved: list[SavedMapping] | None, dataset: str | None, headers: list[str]) -> Mapping | None:
    entry = saved_entry(saved, dataset, headers)
    return entry.mapping if entry else None


def sheet_scores(data: bytes, dataset: str | None, saved: list[SavedMapping] | None = None) -> dict[str, int]:
    """Per sheet with a header line, how many of its headers the dataset knows (by name, alias or saved mapping)."""
    sheets = workbook.sheet_headers(data)
    if dataset is None:
        return {name: 0 for name in sheets}
    spec = DATASETS[dataset]
    return {
        name: recognised_columns(spec, headers, _saved_for(saved, dataset, headers)) for name, headers in sheets.items()
    }


def fitting_sheets(data: bytes, dataset: str | None, saved: list[SavedMapping] | None = None) -> list[str]:
    """The sheets whose headers the dataset knows best; when it knows none, the widest header line (own headers)."""
    sheets = workbook.sheet_headers(data)
    scores = sheet_scores(data, dataset, saved)
    best = max(scores.values(), default=0)
    if not best:
        scores = {name: sum(1 for h in headers if h) for name, headers in sheets.items()}
        best = max(scores.values(), default=0)
    return [name for name, score in scores.items() if score == best]


def choose_sheet(data: bytes, dataset: str | None, saved: list[SavedMapping] | None = None) -> str:
    """The sheet holding the dataset, found by its headers; refuses when several fit equally."""
    fitting = fitting_sheets(data, dataset, saved)
    if not fitting:
        raise UnreadableFile("empty_file", "De werkmap heeft geen blad met gegevens.")
    if len(fitting) == 1:
        return fitting[0]
    names = ", ".join(f"'{name}'" for name in fitting)
    raise UnreadableFile(
        "choose_sheet",
        f"Meerdere bladen van de werkmap kunnen de gegevens bevatten ({names}). Kies het blad "
        "(op de pagina, of met --sheet NAAM op de opdrachtregel).",
    )


def saved_mappings(store: Store, dataset: str = "") -> list[SavedMapping]:
    """The saved column mappings (of one dataset, or all), newest first."""
    with _reading(store) as con:
        rows = queries.fetch(con, "column_mappings", dataset=dataset)
    return [SavedMapping.from_row(row) for row in rows.to_dict(orient="records")]


def save_mapping(store: Store, dataset: str, name: str, headers: list[str], mapping: Mapping, user: str) -> SavedMapping:
    """Save a confirmed mapping under a name for this dataset and header line; the data version stays the same."""
    name = name.strip()
    if not name:
        raise MappingError("Geef de kolomkoppeling een naam.")
    with store.writer(data_change=False) as con:
        _store_mapping(con, dataset, name, headers, mapping, user)
    return SavedMapping(dataset, name, headers_signature(headers), headers, Mapping(mapping.columns, mapping.values, name))


def _store_mapping(
    con: duckdb.DuckDBPyConnection, dataset: str, name: str, headers: list[str], mapping: Mapping, user: str
) -> None:
    queries.execute(
        con,
        "save_column_mapping",
        dataset=dataset,
        mapping_name=name,
        headers_signature=headers_signature(headers),
        headers=json.dumps(headers, ensure_ascii=False),
        columns=json.dumps(mapping.columns, ensure_ascii=False),
        value_map=json.dumps(mapping.values, ensure_ascii=False),
        user=user,
    )


def _named(saved: list[SavedMapping], dataset: str, name: str) -> Mapping:
    for entry in saved:
        if entry.dataset == dataset and entry.name == name:
            return entry.mapping
    known = ", ".join(f"'{e.name}'" for e in saved if e.dataset == dataset) or "geen"
    raise MappingError(f"Er is geen bewaarde kolomkoppeling '{name}' voor {DATASETS[dataset].title.lower()} (wel: {known}).")


def preview(table: RawTable, rows: int = PREVIEW_ROWS) -> pd.DataFrame:
    """The first rows as the file has them, with their spreadsheet line numbers."""
    shown = table.cells.head(rows).copy()
    shown.columns = [h or f"(kolom {i + 1})" for i, h in enumerate(table.headers)]
    shown.insert(0, "Regel", table.lines[: len(shown)])
    return shown


def import_file(
    store: Store,
    dataset: str,
    file_name: str,
    data: bytes,
    user: str,
    dry_run: bool = False,
    source: str = "upload",
    today: dt.date | None = None,
    progress: Progress | None = None,
    mapping: Mapping | None = None,
    mapping_name: str | None = None,
    sheet: str | None = None,
    save_as: str | None = None,
) -> ImportResult:
    """Validate a file and, when it has no errors (and dry_run is off), merge it into the database.

    The column mapping is the saved one named `mapping_name`, else the one saved for exactly these headers
    (if any), changed by `mapping` (given now: the CLI's --map/--value, or the page's confirmed choices).
    With `save_as`, an accepted file's mapping is saved under that name (with the import, in its transaction).
    """
    if dataset not in DATASETS:
        raise KeyError(f"onbekende gegevenssoort: {dataset}")
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}")
    started = time.perf_counter()
    report = progress or _no_progress
    report(0.02, "Bestand lezen …")
    result = ImportResult(dataset=dataset, file_name=file_name, status="refused", sha256=sha256(data))
    saved = saved_mappings(store, dataset)
    if workbook.is_workbook(data):
        try:
            result.sheets = list(workbook.sheet_headers(data))
        except UnreadableFile:
            pass
    table, result.errors = read_file(data, dataset, sheet, saved)
    result.timings["read"] = time.perf_counter() - started
    if table is None:
        return _finish(result, started, report)
    result.encoding, result.delimiter, result.rows_in_file = table.encoding, table.delimiter, table.row_count
    result.sheet, result.headers = table.sheet, list(table.headers)
    try:
        base = _named(saved, dataset, mapping_name) if mapping_name else _saved_for(saved, dataset, table.headers)
    except MappingError as error:
        problems = Problems()
        problems.file("unknown_mapping", str(error))
        result.errors = problems.groups
        return _finish(result, started, report)
    result.mapping = merged(base, mapping) if mapping else base
    report(0.25, f"{dutch.integer(table.row_count)} rijen gelezen; controleren …")
    validation = validate(DATASETS[dataset], table, today=today, mapping=result.mapping)
    result.timings["validate"] = time.perf_counter() - started - result.timings["read"]
    result.contains_bsn = validation.contains_bsn
    result.errors, result.warnings = validation.errors, validation.warnings
    if table.sheet:
        result.errors = [group.on_sheet(table.sheet) for group in result.errors]
        result.warnings = [group.on_sheet(table.sheet) for group in result.warnings]
    if not result.contains_bsn:
        result.preview = preview(table)
    if not validation.ok:
        return _finish(result, started, report)
    save_as = (save_as or "").strip() if result.mapping else ""
    if save_as:
        result.mapping = Mapping(result.mapping.columns, result.mapping.values, save_as)

    spec = DATASETS[dataset]
    if dry_run:
        report(0.6, "Vergelijken met de bestaande gegevens …")
        with _reading(store) as con:
            result.duplicate_of = _find_duplicate(con, dataset, result.sha256)
            if result.duplicate_of is None:
                _inspect(con, spec, validation, result)
        result.status = "valid" if result.duplicate_of is None else "duplicate"
        if save_as:
            save_mapping(store, dataset, save_as, result.headers, result.mapping, user)
        return _finish(result, started, report)

    report(0.5, "Samenvoegen met de bestaande gegevens …")
    with store.exclusive():
        with _reading(store) as con:
            duplicate = _find_duplicate(con, dataset, result.sha256)
        if duplicate is not None:
            result.status, result.duplicate_of = "duplicate", duplicate
            if save_as:
                save_mapping(store, dataset, save_as, result.headers, result.mapping, user)
            return _finish(result, started, report)
        with store.writer() as con:
            if save_as:
                _store_mapping(con, dataset, save_as, result.headers, result.mapping, user)
            _inspect(con, spec, validation, result)
            result.import_id = _apply(con, spec, result, user, source)
            result.timings["merge"] = time.perf_counter() - started - sum(result.timings.values())
            report(0.8, "Nieuwe versie van de gegevens klaarzetten …")
        result.timings["publish"] = time.perf_counter() - started - sum(result.timings.values())
        result.status = "imported"
    return _finish(result, started, report)


def _finish(result: ImportResult, started: float, report: Progress) -> ImportResult:
    result.seconds = time.perf_counter() - started
    report(1.0, result.summary())
    return result


@contextmanager
def _reading(store: Store) -> Iterator[duckdb.DuckDBPyConnection]:
    """The latest published data, or an empty schema when there is no database yet."""
    if store.exists():
        con = store.reader()
    else:
        con = duckdb.connect()
        create_schema(con)
    try:
        yield con
    finally:
        con.close()


def _find_duplicate(con: duckdb.DuckDBPyConnection, dataset: str, digest: str) -> int | None:
    found = queries.fetch(con, "import_by_hash", dataset=dataset, sha256=digest)
    return None if found.empty else int(found["import_id"].iloc[0])


def _inspect(con: duckdb.DuckDBPyConnection, spec: Dataset, validation: Validation, result: ImportResult) -> None:
    """Row counts (added, updated, unchanged) and cross-dataset warnings, against the data the connection sees."""
    _stage(con, spec, validation.frame)
    counts = dict(con.execute("SELECT change, count(*) FROM incoming_change GROUP BY ALL").fetchall())
    result.rows_added = int(counts.get("added", 0))
    result.rows_updated = int(counts.get("updated", 0))
    result.rows_unchanged = int(counts.get("unchanged", 0))
    links = cross_dataset_warnings(con, spec, validation)
    result.warnings = result.warnings + ([g.on_sheet(result.sheet) for g in links] if result.sheet else links)


def _key_list(spec: Dataset, alias: str | None = None) -> str:
    return ", ".join(f"{alias}.{k}" if alias else k for k in spec.key)


def _stage(con: duckdb.DuckDBPyConnection, spec: Dataset, frame: pd.DataFrame) -> None:
    """Load the typed rows into temp table `incoming` (table types) and classify each key."""
    con.register("incoming_frame", frame)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE incoming AS SELECT * FROM {spec.name} LIMIT 0")
        con.execute("INSERT INTO incoming BY NAME SELECT * FROM incoming_frame")
    finally:
        con.unregister("incoming_frame")
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE incoming_change AS
        SELECT {_key_list(spec, 'i')},
               CASE WHEN t.{spec.key[0]} IS NULL THEN 'added'
                    WHEN t IS DISTINCT FROM i THEN 'updated'
                    ELSE 'unchanged' END AS change
        FROM incoming i LEFT JOIN {spec.name} t ON {' AND '.join(f't.{k} = i.{k}' for k in spec.key)}
        """
    )


def _apply(con: duckdb.DuckDBPyConnection, spec: Dataset, result: ImportResult, user: str, source: str) -> int:
    """Merge the staged rows, keeping what undo needs; returns the import's number."""
    import_id = int(
        queries.fetch(
            con,
            "record_import",
            dataset=spec.name,
            file_name=result.file_name,
            sha256=result.sha256,
            rows_added=result.rows_added,
            rows_updated=result.rows_updated,
            user=user,
            source=source,
            mapping_name=result.mapping.name if result.mapping else None,
            mapping=json.dumps(result.mapping.to_json(), ensure_ascii=False) if result.mapping else None,
            sheet=result.sheet,
        )["import_id"].iloc[0]
    )
    keys = _key_list(spec)
    changed = lambda kind: f"(SELECT {keys} FROM incoming_change WHERE change = '{kind}')"  # noqa: E731
    con.execute(
        f"INSERT INTO {spec.history_table} BY NAME "
        f"SELECT $id AS import_id, 'updated' AS change, t.* FROM {spec.name} t SEMI JOIN {changed('updated')} USING ({keys})",
        {"id": import_id},
    )
    con.execute(
        f"INSERT INTO {spec.history_table} BY NAME SELECT $id AS import_id, 'added' AS change, {keys} "
        f"FROM incoming_change WHERE change = 'added'",
        {"id": import_id},
    )
    _update_from(con, spec, f"(SELECT i.* FROM incoming i SEMI JOIN {changed('updated')} USING ({keys}))")
    con.execute(f"INSERT INTO {spec.name} BY NAME SELECT i.* FROM incoming i SEMI JOIN {changed('added')} USING ({keys})")
    con.execute("DROP TABLE incoming")
    con.execute("DROP TABLE incoming_change")
    return import_id


def _update_from(con: duckdb.DuckDBPyConnection, spec: Dataset, source_sql: str, params: dict | None = None) -> None:
    """Overwrite the non-key columns of existing rows from `source_sql` (UPDATE is much faster than delete + insert)."""
    others = [c for c in spec.column_names if c not in spec.key]
    con.execute(
        f"UPDATE {spec.name} AS t SET {', '.join(f'{c} = s.{c}' for c in others)} "
        f"FROM {source_sql} AS s WHERE {' AND '.join(f't.{k} = s.{k}' for k in spec.key)}",
        params or {},
    )


# ---------------------------------------------------------------- cross-dataset links (warnings)


def cross_dataset_warnings(con: duckdb.DuckDBPyConnection, spec: Dataset, validation: Validation) -> list[IssueGroup]:
    """Links to other datasets that do not (yet) resolve: warnings with counts, since files arrive in any order."""
    frame, lines = validation.frame, validation.lines
    problems = Problems()
    own_codes = frame["municipality_code"] if spec.name == "municipalities" else frame.iloc[0:0, 0]
    for column in ("municipality_code", "successor_code"):
        if column not in frame.columns or (spec.name == "municipalities" and column == "municipality_code"):
            continue
        found = _unknown(con, "import_unknown_municipalities", frame[column], lines, own_codes)
        _warn(
            problems,
            found,
            "unknown_municipality",
            column,
            "een gemeentecode die niet in de gemeentelijst staat",
            "Voor die gemeenten ontbreken naam en provincie; importeer zo nodig eerst de gemeentelijst.",
        )
    if spec.name in ("integration", "nuisance"):
        found = _unknown(con, "import_unknown_households", frame["household_id"], lines, frame.iloc[0:0, 0])
        _warn(
            problems,
            found,
            "unknown_household",
            "household_id",
            "een huishouden dat in geen enkele plaatsing voorkomt",
            "Die rijen tellen pas mee als de plaatsingen van die huishoudens zijn geïmporteerd.",
        )
    if spec.name == "placements":
        found = _pairs(con, "import_unlinked_placements", "incoming_placements", frame, lines,
                       ["household_id", "municipality_code", "move_in_date"])
        _warn(
            problems,
            found,
            "unlinked_placement",
            "household_id",
            "een eerste woning van een huishouden zonder koppeling aan die gemeente",
            "Importeer de koppeling, anders telt dit huishouden niet mee in de wachtenden en de tijd tot een woning.",
        )
    if spec.name == "links":
        columns = ["household_id", "municipality_code", "linked_date", "ended_date"]
        for check, rule, what, advice in (
            ("before_linked", "housed_before_linking", "een koppeling van een huishouden dat al vóór de koppeldatum "
             "in die gemeente woonde", "Zijn tijd tot een woning telt als 0 dagen."),
            ("after_ended", "housed_after_ending", "een koppeling die op of na de einddatum toch tot een woning in "
             "die gemeente leidde", "De woning telt: de koppeling is gehuisvest, niet beëindigd."),
        ):
            found = _pairs(con, "import_link_housing", "incoming_link_rows", frame, lines, columns, check=check)
            _warn(problems, found, rule, "household_id", what, advice)
    return problems.groups


def _pairs(con, query: str, view: str, frame: pd.DataFrame, lines: np.ndarray, columns: list[str], **params) -> dict:
    """Run a cross-dataset check over some columns of the incoming rows, registered as `view` with their lines."""
    rows = frame[columns].assign(line=lines)
    con.register(view, rows)
    try:
        return queries.fetch(con, query, **params).iloc[0].to_dict()
    finally:
        con.unregister(view)


def _unknown(con, query: str, values: pd.Series, lines: np.ndarray, known: pd.Series) -> dict:
    present = values.notna().to_numpy()
    links = pd.DataFrame({"line": lines[present], "value": values[present].astype("str").to_numpy()})
    con.register("incoming_links", links)
    con.register("incoming_known", pd.DataFrame({"value": known.dropna().astype("str").unique()}))
    try:
        return queries.fetch(con, query).iloc[0].to_dict()
    finally:
        con.unregister("incoming_links")
        con.unregister("incoming_known")


def _warn(problems: Problems, found: dict, rule: str, column: str, what: str, advice: str) -> None:
    count = int(found["lines"])
    if not count:
        return
    distinct = int(found["values"])
    summary = f"{dutch.integer(count)} regels met {what} ({dutch.integer(distinct)} verschillende)"
    examples = [
        Issue(int(line), column, str(value), rule, f"Regel {int(line)}, kolom '{column}': '{value}' is {what}. {advice}")
        for line, value in zip(found["example_lines"], found["example_values"])
    ]
    problems.groups.append(IssueGroup(rule, column, summary, count, examples))


# ---------------------------------------------------------------- history and undo


def history(store: Store) -> pd.DataFrame:
    """The import log, newest first (empty when there is no database yet)."""
    with _reading(store) as con:
        return queries.fetch(con, "import_history")


def undo(store: Store, import_id: int, user: str) -> UndoResult:
    """Restore the rows an import changed to exactly their previous state; refuses when that is not safe."""
    with store.writer() as con:
        entry = queries.fetch(con, "import_entry", import_id=import_id)
        if entry.empty:
            raise UndoRefused(f"Import {import_id} bestaat niet.")
        entry = entry.iloc[0]
        if pd.notna(entry["undone_at"]):
            raise UndoRefused(
                f"Import {import_id} is al ongedaan gemaakt op {dutch.date(entry['undone_at'])} door {entry['undone_by']}."
            )
        if entry["dataset"] not in DATASETS:
            raise UndoRefused(
                f"Import {import_id} is het laden van {entry['source']}gegevens in één keer; dat kan niet per import "
                "ongedaan worden gemaakt. Gebruik 'Terug naar demodata' of importeer de bestanden opnieuw."
            )
        spec = DATASETS[entry["dataset"]]
        later = _later_overlapping(con, spec, import_id)
        if later:
            names = ", ".join(f"{i} ('{name}')" for i, name in later)
            raise UndoRefused(
                f"Import {import_id} kan nog niet ongedaan worden gemaakt: een latere import veranderde dezelfde rijen "
                f"daarna opnieuw. Maak eerst import {names} ongedaan, dan deze."
            )
        keys = _key_list(spec)
        params = {"id": import_id}
        removed = con.execute(
            f"DELETE FROM {spec.name} AS t USING (SELECT {keys} FROM {spec.history_table} "
            f"WHERE import_id = $id AND change = 'added') AS h WHERE {' AND '.join(f't.{k} = h.{k}' for k in spec.key)}",
            params,
        ).fetchall()[0][0]
        previous = f"(SELECT * FROM {spec.history_table} WHERE import_id = $id AND change = 'updated')"
        restored = con.execute(
            f"SELECT count(*) FROM {spec.history_table} WHERE import_id = $id AND change = 'updated'", params
        ).fetchall()[0][0]
        _update_from(con, spec, previous, params)
        con.execute(f"DELETE FROM {spec.history_table} WHERE import_id = $id", params)
        queries.execute(con, "mark_import_undone", import_id=import_id, user=user)
    return UndoResult(import_id, spec.name, int(removed), int(restored))


def _later_overlapping(con: duckdb.DuckDBPyConnection, spec: Dataset, import_id: int) -> list[tuple[int, str]]:
    """Later imports, not undone, that touched keys this import touched."""
    keys = _key_list(spec)
    return [
        (int(i), name)
        for i, name in con.execute(
            f"""
            SELECT DISTINCT h.import_id, l.file_name
            FROM {spec.history_table} h
            JOIN import_log l ON l.import_id = h.import_id
            SEMI JOIN (SELECT {keys} FROM {spec.history_table} WHERE import_id = $id) USING ({keys})
            WHERE h.import_id > $id AND l.undone_at IS NULL
            ORDER BY h.import_id DESC
            """,
            {"id": import_id},
        ).fetchall()
    ]


def problems_frame(groups: list[IssueGroup]) -> pd.DataFrame:
    """Grouped problems as a table: column, what is wrong, how often, the first lines and values."""

    def examples(group: IssueGroup) -> str:
        shown = [
            f"regel {issue.line}" + (f": '{issue.value}'" if issue.value is not None else "")
            for issue in group.examples
            if issue.line is not None
        ]
        more = " …" if group.count > len(group.examples) else ""
        return "; ".join(shown) + more

    return pd.DataFrame(
        {
            "Kolom": [group.column or "(bestand)" for group in groups],
            "Probleem": [group.summary for group in groups],
            "Aantal": [group.count for group in groups],
            "Voorbeelden": [examples(group) for group in groups],
        }
    )
