"""The Data page's building blocks: upload and check, the verdict, history with undo, templates, demo reset."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from housing_monitor import dutch
from housing_monitor.access import system_user
from housing_monitor.contract import DATASETS
from housing_monitor.demo import bootstrap
from housing_monitor.ingest import importer, templates, validation, workbook
from housing_monitor.ingest.mapping import (
    Mapping,
    guess_dataset,
    missing_required,
    suggest_code,
    suggest_columns,
    unknown_values,
)
from housing_monitor.ingest.reader import UnreadableFile, peek_headers
from housing_monitor.present import exports

from . import data

# The import limit is ours, with a Dutch message; Streamlit's own (English) refusal only starts at twice
# that, so a file a little too large still gets a clear answer. The server limit in .streamlit/config.toml
# (maxUploadSize) must be at least the widget's.
DEFAULT_MAX_UPLOAD_MB = 200
_UPLOAD_TYPES = ("csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods")
HISTORY_ROWS = 25
_UPLOAD_GENERATION = "import_upload_generation"
_CHECKS = "import_checks"
_DONE = "import_done"
_PENDING_UNDO = "import_pending_undo"
_NOTICE = "import_notice"
_RECOGNISED = "import_recognised"
_TABLES = "import_tables"
_UNUSED = ""
_KEPT = 12  # verdicts and read files kept per session: enough for a month's files, not unbounded


def user() -> str:
    """Who is importing: the signed-in e-mail address, else (local mode) the name typed on the page or the OS user."""
    access = data.access()
    if access.email:
        return access.email
    return (st.session_state.get("import_user") or "").strip() or system_user()


def ask_name() -> None:
    """In local mode nobody signs in: ask for a name for the import log."""
    if not data.access().email:
        st.text_input("Uw naam (voor het importlogboek)", key="import_user", max_chars=80)


def dataset_label(name: str) -> str:
    dataset = DATASETS[name]
    return f"{dataset.title} ({dataset.name})" + (" — optioneel" if dataset.optional else "")


def forget_upload() -> None:
    """Drop the uploaded files from the session: a new uploader key releases them."""
    st.session_state[_UPLOAD_GENERATION] = st.session_state.get(_UPLOAD_GENERATION, 0) + 1
    for key in (_CHECKS, _RECOGNISED, _TABLES):
        st.session_state.pop(key, None)


def max_upload_mb() -> float:
    """The largest file the page imports: $HOUSING_MONITOR_MAX_UPLOAD_MB, else 200 MB."""
    try:
        value = float(os.environ.get("HOUSING_MONITOR_MAX_UPLOAD_MB") or DEFAULT_MAX_UPLOAD_MB)
    except ValueError:
        return DEFAULT_MAX_UPLOAD_MB  # a mistyped setting must not take the import page down
    # Streamlit refuses (in English) above the server's limit before the page sees the file.
    return min(value, float(st.get_option("server.maxUploadSize")))


def uploader() -> list:
    """The file uploader (several files at once); its key changes after an import or a refusal for BSN, which empties it."""
    generation = st.session_state.get(_UPLOAD_GENERATION, 0)
    limit = max_upload_mb()
    files = st.file_uploader(
        "CSV-bestanden of Excel-werkmappen",
        type=list(_UPLOAD_TYPES),
        accept_multiple_files=True,
        key=f"import_file_{generation}",
        max_upload_size=max(1, int(min(2 * limit, st.get_option("server.maxUploadSize")))),
        help="CSV (komma of puntkomma, UTF-8 of Windows-1252 zoals Excel het opslaat) of een Excel-werkmap "
        "(.xlsx, .xls, .ods). Kolomnamen mogen Engels, Nederlands of uw eigen namen zijn. U kunt de bestanden "
        f"van een maand tegelijk kiezen. Maximaal {dutch.number(limit, 0)} MB per bestand.",
    )
    # In place of the uploader's own English line (hidden by ui/theme.py), which states Streamlit's limit, not this one.
    st.caption(
        "Sleep de bestanden hierheen of kies ze met de knop: "
        f"{', '.join(t.upper() for t in _UPLOAD_TYPES[:-1])} of {_UPLOAD_TYPES[-1].upper()}, "
        f"tot {dutch.number(limit, 0)} MB per bestand."
    )
    return files or []


def size_refusal(name: str, size: int) -> str | None:
    """A Dutch refusal for a file over the import limit, else None."""
    limit = max_upload_mb()
    megabytes = size / 1024 / 1024
    if megabytes <= limit:
        return None
    return (
        f"Het bestand '{name}' is {dutch.number(megabytes, 1)} MB; hier kunt u bestanden tot "
        f"{dutch.number(limit, 0)} MB importeren. Er is niets geïmporteerd. Splits het bestand in delen (elke import "
        "voegt toe of werkt bij), of laat een beheerder het importeren met "
        "`python -m housing_monitor import`, dat geen grens heeft."
    )


@dataclass
class Upload:
    """One uploaded file on its way through the page: what it holds, how it is read, its verdict."""

    name: str
    file_id: str
    content: bytes
    datasets: list[str]  # the datasets its headers fit best (several: the analyst chooses)
    dataset: str | None = None
    sheet: str | None = None
    mapping: Mapping | None = None
    save_as: str | None = None
    result: importer.ImportResult | None = None

    @property
    def order(self) -> int:
        return importer.IMPORT_ORDER.index(self.dataset) if self.dataset else len(importer.IMPORT_ORDER)


def _headers_of(content: bytes) -> list[str]:
    """The header line of a CSV file or of the workbook sheet that fits best (for recognising the dataset)."""
    if not workbook.is_workbook(content):
        return peek_headers(content)
    try:
        sheets = workbook.sheet_headers(content)
    except UnreadableFile:
        return []
    return max(sheets.values(), key=lambda headers: sum(1 for h in headers if h), default=[])


def recognise(upload) -> Upload:
    """The uploaded file with the datasets its headers fit (saved mappings first), remembered per file."""
    cache = st.session_state.setdefault(_RECOGNISED, {})
    if upload.file_id not in cache:
        content = upload.getvalue()
        saved = importer.saved_mappings(data.store())
        cache[upload.file_id] = (content, guess_dataset(_headers_of(content), saved))
    content, datasets = cache[upload.file_id]
    return Upload(upload.name, upload.file_id, content, datasets)


def choose_dataset(item: Upload) -> str | None:
    """The dataset select box, preset to what the file's columns suggest; empty when two fit equally."""
    names = list(DATASETS)
    preset = item.datasets[0] if len(item.datasets) == 1 else None
    choice = st.selectbox(
        "Soort gegevens",
        names,
        index=names.index(preset) if preset else (None if item.datasets else 0),
        format_func=dataset_label,
        key=f"import_dataset_{item.file_id}",
        placeholder="Kies de soort gegevens",
    )
    if preset:
        st.caption(f"Herkend aan de kolommen in het bestand: {DATASETS[preset].title.lower()}.")
    elif item.datasets:
        fits = " en ".join(DATASETS[d].title.lower() for d in item.datasets)
        st.info(f"De kolommen passen even goed bij {fits}. Kies wat het bestand bevat.", icon=":material/help:")
    else:
        st.caption("De kolommen lijken op geen enkele gegevenssoort; kies zelf wat het bestand bevat.")
    return choice


def choose_sheet(item: Upload) -> str | None:
    """For a workbook with several sheets: the sheet, preset to the one whose headers fit the dataset."""
    if not workbook.is_workbook(item.content):
        return None
    saved = importer.saved_mappings(data.store(), item.dataset)
    try:
        names = list(workbook.sheet_headers(item.content))
        fitting = importer.fitting_sheets(item.content, item.dataset, saved)
    except UnreadableFile:
        return None
    if len(names) < 2:
        return None
    return st.selectbox(
        "Blad van de werkmap",
        names,
        index=names.index(fitting[0]) if len(fitting) == 1 else None,
        key=f"import_sheet_{item.file_id}_{item.dataset}",
        placeholder="Kies het blad met de gegevens",
        help="Voorgesteld: het blad waarvan de kolommen het best bij de gekozen gegevenssoort passen.",
    )


def _table(item: Upload):
    """The file's text cells (for the mapping step), remembered per file, dataset and sheet."""
    cache = st.session_state.setdefault(_TABLES, {})
    key = (item.file_id, item.dataset, item.sheet)
    if key not in cache:
        while len(cache) >= _KEPT:
            cache.pop(next(iter(cache)))
        saved = importer.saved_mappings(data.store(), item.dataset)
        table, _ = importer.read_file(item.content, item.dataset, item.sheet, saved)
        cache[key] = table
    return cache[key]


def _column_label(dataset: str):
    def label(name: str) -> str:
        if name == _UNUSED:
            return "(niet gebruiken)"
        column = DATASETS[dataset].column(name)
        return f"{column.name} · {column.alias}" + (" (verplicht)" if column.required else "")

    return label


def mapping_step(item: Upload) -> Mapping | None:
    """Own headers and labels beside the contract's columns and codes; None when the file needs none."""
    table = _table(item)
    if table is None or item.dataset is None:
        return None
    spec = DATASETS[item.dataset]
    saved = importer.saved_entry(importer.saved_mappings(data.store(), item.dataset), item.dataset, table.headers)
    base = saved.mapping if saved else Mapping()
    missing = missing_required(spec, table.headers, base)
    strange = unknown_values(spec, table, base)
    if not (missing or strange or saved):
        return None
    key = f"map_{item.file_id}_{item.dataset}_{item.sheet}"
    open_now = bool(missing or strange)
    with st.expander("Kolommen koppelen" + (f" (koppeling '{saved.name}')" if saved else ""), expanded=open_now):
        if saved and not open_now:
            st.caption(
                f"De bewaarde kolomkoppeling '{saved.name}' past precies bij de kolommen van dit bestand en is "
                "toegepast. U kunt haar hier veranderen."
            )
        else:
            st.markdown(
                "Het bestand gebruikt eigen kolomnamen of waarden. Kies per kolom van uw bestand welke kolom van "
                f"{spec.title.lower()} het is; de voorstellen komen uit de Nederlandse namen, gangbare synoniemen en "
                "gelijkende namen."
            )
        options = [_UNUSED, *spec.column_names]
        chosen: dict[str, str] = {}
        suggestions = suggest_columns(spec, table.headers, base)
        for position, suggestion in enumerate(suggestions):
            if not suggestion.header:
                continue
            left, right = st.columns((2, 3), vertical_alignment="center")
            examples = table.column(position).dropna().drop_duplicates().head(3).reset_index(drop=True)
            # The verdict (and a BSN refusal) comes after this step: a value that may be a BSN is never shown.
            shown = examples.astype(object).where(~validation.may_hold_bsn(examples), "(niet getoond)")
            left.markdown(f"**{suggestion.header}**  \n:gray[{', '.join(map(str, shown)) or '(leeg)'}]")
            value = right.selectbox(
                f"'{suggestion.header}' is",
                options,
                index=options.index(suggestion.column) if suggestion.column else 0,
                format_func=_column_label(item.dataset),
                key=f"{key}_col_{position}",
                label_visibility="collapsed",
            )
            chosen[suggestion.header] = value
        # What holds without a mapping (contract names and aliases) needs no entry; a header that would be
        # suggested again is kept as left out ("") so the saved mapping leaves it out next time too.
        plain = suggest_columns(spec, table.headers)
        native = {s.header: s.column for s in plain if s.how == "naam"}
        suggested = {s.header for s in plain if s.column}
        columns = {
            own: name for own, name in chosen.items()
            if native.get(own) != name and (name != _UNUSED or own in suggested)
        }
        mapping = Mapping(columns, {c: dict(pairs) for c, pairs in base.values.items()})
        for column_name, values in unknown_values(spec, table, Mapping(columns)).items():
            column = spec.column(column_name)
            st.markdown(f"**Waarden in '{column.name}'** die geen code of omschrijving van de keuzelijst zijn:")
            codes = [_UNUSED, *column.enum]
            for index, own in enumerate(values):
                left, right = st.columns((2, 3), vertical_alignment="center")
                left.markdown(f"'{own}'")
                guess = base.values.get(column_name, {}).get(own) or suggest_code(column, own)
                code = right.selectbox(
                    f"'{own}' is",
                    codes,
                    index=codes.index(guess) if guess in codes else 0,
                    format_func=lambda c, column=column: "(geen: fout laten melden)" if c == _UNUSED
                    else f"{c} · {column.enum[c]}",
                    key=f"{key}_val_{column_name}_{index}",
                    label_visibility="collapsed",
                )
                if code != _UNUSED:
                    mapping.values.setdefault(column_name, {})[own] = code
                else:
                    mapping.values.get(column_name, {}).pop(own, None)
        mapping.values = {column: pairs for column, pairs in mapping.values.items() if pairs}
        still = missing_required(spec, table.headers, mapping)
        if still:
            st.warning(
                "Nog niet gekoppeld (verplicht): " + ", ".join(f"{c.name} ({c.alias})" for c in still) + ".",
                icon=":material/link_off:",
            )
        item.save_as = st.text_input(
            "Bewaar deze koppeling bij importeren als",
            value=saved.name if saved else "",
            key=f"{key}_name",
            placeholder=f"bijvoorbeeld 'Export {spec.dutch_name} eigen systeem'",
            help="Een volgend bestand met precies dezelfde kolommen krijgt deze koppeling dan vanzelf, ook op de "
            "opdrachtregel. Leeg: niet bewaren.",
        ).strip() or None
    if saved and mapping.columns == saved.mapping.columns and mapping.values == saved.mapping.values:
        return None  # unchanged: the saved mapping applies by itself, under its name
    return mapping


def check(item: Upload) -> importer.ImportResult:
    """The dry-run verdict on the file, remembered for this file, dataset, sheet, mapping and data version."""
    mapping_key = json.dumps(item.mapping.to_json(), sort_keys=True) if item.mapping else ""
    key = (item.file_id, importer.sha256(item.content), item.dataset, item.sheet, mapping_key, data.version())
    checks = st.session_state.setdefault(_CHECKS, {})
    if key not in checks:
        while len(checks) >= _KEPT:  # the oldest verdicts go first
            checks.pop(next(iter(checks)))
        bar, update = _progress_bar(f"'{item.name}' controleren …")
        checks[key] = importer.import_file(
            data.store(), item.dataset, item.name, item.content, user=user(), dry_run=True, progress=update,
            mapping=item.mapping, sheet=item.sheet,
        )
        bar.empty()
    return checks[key]


def _progress_bar(label: str):
    bar = st.progress(0.0, text=label)

    def update(fraction: float, text: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=text)

    return bar, update


def show_verdict(result: importer.ImportResult, key: str = "") -> None:
    """The check's outcome: problems grouped by kind, warnings, a preview of the rows."""
    if result.status == "refused":
        st.error(result.summary(), icon=":material/block:")
        if result.contains_bsn:
            st.markdown(
                "Burgerservicenummers mogen nooit in dit dashboard komen. Het bestand is uit deze sessie "
                "verwijderd en nergens bewaard. Vervang de nummers door pseudoniemen (bijvoorbeeld een "
                "volgnummer met een letter ervoor) en upload het bestand opnieuw."
            )
        show_problems("Wat moet er anders", result.errors, "fouten", expanded=True, key=key)
    elif result.status == "duplicate":
        st.info(result.summary(), icon=":material/content_copy:")
    else:
        st.success(result.summary(), icon=":material/check_circle:")
    show_problems("Waarschuwingen (het bestand kan wel worden geïmporteerd)", result.warnings, "waarschuwingen", key=key)
    if result.preview is not None and not result.preview.empty:
        title = f"Voorbeeld: de eerste {len(result.preview)} rijen zoals ze in het bestand staan"
        with st.expander(title, expanded=result.status == "valid"):
            st.dataframe(result.preview, hide_index=True, width="stretch")
            how = f"blad '{result.sheet}'" if result.sheet else (
                f"tekenset {result.encoding} · scheidingsteken '{result.delimiter}'"
            )
            st.caption(f"{importer.rows(result.rows_in_file)} · {how}")


def show_problems(title: str, groups, stem: str, expanded: bool = False, key: str = "") -> None:
    if not groups:
        return
    st.markdown(f"**{title}**")
    st.dataframe(importer.problems_frame(groups), hide_index=True, width="stretch")
    with st.expander("Alle meldingen met regelnummer", expanded=expanded):
        issues = sorted((i for g in groups for i in g.issues()), key=lambda i: (i.line or 0))
        st.markdown("\n".join(f"- {issue.message}" for issue in issues))
    st.download_button(
        f"Download de {stem} als CSV",
        exports.problems_csv(groups),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"download_{stem}{key}",
        on_click="ignore",
        icon=":material/download:",
    )


def file_step(upload) -> Upload | None:
    """One uploaded file: its dataset, sheet and column mapping, then its verdict."""
    refusal = size_refusal(upload.name, upload.size)
    if refusal:
        st.error(refusal, icon=":material/block:")
        return None
    item = recognise(upload)
    item.dataset = choose_dataset(item)
    if item.dataset is None:
        return item
    item.sheet = choose_sheet(item)
    if workbook.is_workbook(item.content) and item.sheet is None and len(importer.sheet_scores(item.content, None)) > 1:
        st.info("Kies het blad van de werkmap dat de gegevens bevat.", icon=":material/help:")
        return item
    item.mapping = mapping_step(item)
    item.result = check(item)
    if item.result.contains_bsn:
        drop_refused([item.result])  # the files leave the session at once; only the verdict stays
    show_verdict(item.result, key=f"_{item.file_id}")
    return item


def upload_step() -> None:
    """Every uploaded file with its own verdict, in import order; one button imports each accepted file on its own."""
    uploads = uploader()
    if not uploads:
        return
    if len(uploads) == 1:
        items = [file_step(uploads[0])]
    else:
        recognised = sorted((recognise(u) for u in uploads), key=lambda i: importer.IMPORT_ORDER.index(i.datasets[0])
                            if len(i.datasets) == 1 else len(importer.IMPORT_ORDER))
        by_id = {u.file_id: u for u in uploads}
        st.caption(
            f"{len(uploads)} bestanden, in de volgorde waarin ze worden geïmporteerd: eerst waar andere naar "
            "verwijzen (gemeenten, dan huisvestingen), elk als eigen import die u apart ongedaan kunt maken."
        )
        items = []
        for number, item in enumerate(recognised, start=1):
            with st.container(border=True, key=f"import_item_{number}"):
                st.markdown(f"**{number}. {item.name}**")
                items.append(file_step(by_id[item.file_id]))
    ready = [i for i in items if i is not None and i.result is not None and i.result.status == "valid"]
    waiting = [i for i in items if i is None or i.result is None or i.result.status != "valid"]
    if not ready:
        return
    ready.sort(key=lambda i: i.order)
    if len(items) == 1:
        label = "Importeren"
    else:
        label = "Importeer het goedgekeurde bestand" if len(ready) == 1 else f"Importeer {len(ready)} goedgekeurde bestanden"
    if waiting and len(items) > 1:
        st.caption(f"{len(waiting)} {'bestand wordt' if len(waiting) == 1 else 'bestanden worden'} niet geïmporteerd "
                   "(geweigerd, al eerder geïmporteerd of nog niet gekozen).")
    if st.button(label, type="primary", icon=":material/upload:", key="import_confirm"):
        run_import(ready)


def drop_refused(results: list[importer.ImportResult]) -> None:
    """Empty the uploader so a file with BSNs is released from the session; keep only the verdicts."""
    st.session_state[_DONE] = results
    forget_upload()
    st.rerun()


def run_import(items: list[Upload]) -> None:
    """Import each file for real, in order, each its own import; then empty the uploader and show the results."""
    results = []
    for item in items:
        bar, update = _progress_bar(f"'{item.name}' importeren …")
        try:
            results.append(importer.import_file(
                data.store(), item.dataset, item.name, item.content, user=user(), progress=update,
                mapping=item.mapping, sheet=item.sheet, save_as=item.save_as,
            ))
        except TimeoutError as error:
            bar.empty()
            st.error(str(error), icon=":material/hourglass:")
            return
        bar.empty()
    st.session_state[_DONE] = results
    forget_upload()
    st.rerun()


def show_last_import() -> None:
    """The outcome of the imports just done (kept across the rerun that emptied the uploader)."""
    results = st.session_state.pop(_DONE, None) or []
    for number, result in enumerate(results):
        if result.status == "imported":
            st.success(result.summary() + " Het dashboard toont de nieuwe gegevens.", icon=":material/task_alt:")
            show_problems("Waarschuwingen", result.warnings, "waarschuwingen_import", key=f"_{number}")
        else:
            show_verdict(result, key=f"_done_{number}")


def notice() -> None:
    """A message left by an action before its rerun (undo, reset)."""
    message = st.session_state.pop(_NOTICE, None)
    if message:
        kind, text = message
        (st.success if kind == "success" else st.error)(text)
        st.toast(text, icon=":material/check_circle:" if kind == "success" else ":material/error:")


def database_contents() -> pd.DataFrame:
    counts = data.query("dataset_row_counts")
    rows = dict(zip(counts["dataset"], counts["rows"]))
    return pd.DataFrame(
        {
            "Gegevens": [d.title for d in DATASETS.values()],
            "Rijen": [dutch.integer(rows.get(name, 0)) for name in DATASETS],
        }
    )


def history() -> None:
    """The import log, newest first, with an undo button per import that can still be undone."""
    log = importer.history(data.store()).head(HISTORY_ROWS)
    if log.empty:
        st.info("Er is nog niets geïmporteerd.")
        return
    widths = (0.5, 1.4, 1.3, 3.0, 1.0, 1.0, 2.0)
    heads = st.columns(widths)
    for col, text in zip(heads, ("Nr.", "Wanneer", "Gegevens", "Bestand", "Nieuw", "Gewijzigd")):
        col.markdown(f"**{text}**")
    pending = st.session_state.get(_PENDING_UNDO)
    for row in log.itertuples():
        cols = st.columns(widths, vertical_alignment="center")
        is_dataset = row.dataset in DATASETS
        cols[0].write(str(row.import_id))
        cols[1].write(f"{row.imported_at:%d-%m-%Y %H:%M}")
        cols[2].write(DATASETS[row.dataset].title if is_dataset else f"Alles ({row.source})")
        file_name = row.file_name if isinstance(row.file_name, str) else "–"
        used = "".join(
            f" · {label} '{value}'" for label, value in (("blad", row.sheet), ("koppeling", row.mapping_name))
            if isinstance(value, str)
        )
        cols[3].markdown(f"{file_name}  \n:gray[door {row.imported_by}{used}]")
        cols[4].write(dutch.integer(row.rows_added))
        cols[5].write(dutch.integer(row.rows_updated))
        if pd.notna(row.undone_at):
            cols[6].caption(f"Ongedaan gemaakt {row.undone_at:%d-%m-%Y %H:%M} door {row.undone_by}")
        elif is_dataset and data.access().can_import:
            if cols[6].button("Ongedaan maken", key=f"undo_{row.import_id}", icon=":material/undo:"):
                st.session_state[_PENDING_UNDO] = int(row.import_id)
                st.rerun()
        if pending == row.import_id:
            confirm_undo(int(row.import_id), row.file_name)


def confirm_undo(import_id: int, file_name: str) -> None:
    with st.container(border=True):
        st.warning(
            f"Import {import_id} ('{file_name}') ongedaan maken? De rijen die deze import toevoegde verdwijnen en "
            "de rijen die hij wijzigde krijgen hun vorige waarden terug.",
            icon=":material/undo:",
        )
        left, right = st.columns(2)
        if left.button(f"Ja, maak import {import_id} ongedaan", type="primary", key=f"undo_yes_{import_id}"):
            st.session_state.pop(_PENDING_UNDO, None)
            try:
                done = importer.undo(data.store(), import_id, user())
                st.session_state[_NOTICE] = ("success", done.summary())
            except importer.UndoRefused as refused:
                st.session_state[_NOTICE] = ("error", str(refused))
            st.rerun()
        if right.button("Annuleren", key=f"undo_no_{import_id}"):
            st.session_state.pop(_PENDING_UNDO, None)
            st.rerun()


def downloads() -> None:
    """Per dataset: an empty template with English or Dutch headers, and the demo data as an example."""
    for name, dataset in DATASETS.items():
        cols = st.columns((2.4, 1.3, 1.3, 1.3), vertical_alignment="center")
        optional = " (optioneel)" if dataset.optional else ""
        cols[0].markdown(f"**{dataset.title}**{optional}  \n{dataset.row_meaning}")
        cols[1].download_button(
            "Sjabloon (Engels)",
            templates.template_csv(name),
            file_name=templates.template_file_name(name),
            mime="text/csv",
            key=f"template_en_{name}",
            on_click="ignore",
            icon=":material/download:",
            help="Lege CSV met alleen de kopregel, Engelse kolomnamen",
        )
        cols[2].download_button(
            "Sjabloon (Nederlands)",
            templates.template_csv(name, dutch_headers=True),
            file_name=templates.template_file_name(name, dutch_headers=True),
            mime="text/csv",
            key=f"template_nl_{name}",
            on_click="ignore",
            icon=":material/download:",
            help="Lege CSV met alleen de kopregel, Nederlandse kolomnamen",
        )
        cols[3].download_button(
            "Voorbeeld (demo)",
            lambda name=name: templates.example_csv(name),
            file_name=templates.example_file_name(name),
            mime="text/csv",
            key=f"example_{name}",
            on_click="ignore",
            icon=":material/download:",
            help="De demodata van deze gegevenssoort, precies zoals u ze zou uploaden",
        )


def _reset_now() -> None:
    counts = bootstrap.load_demo(data.store(), force=True, user=user())
    st.session_state["reset_confirm"] = False
    st.session_state[_NOTICE] = ("success", f"De demodata staan weer klaar ({dutch.integer(sum(counts.values()))} rijen).")


def reset_to_demo() -> None:
    """Replace everything with the demo data, after an explicit confirmation."""
    st.warning(
        "Hiermee verdwijnen alle geïmporteerde gegevens en de importgeschiedenis; het dashboard toont "
        "daarna weer de demodata. Dit kan niet ongedaan worden gemaakt.",
        icon=":material/warning:",
    )
    sure = st.checkbox("Ik begrijp dat alle geïmporteerde gegevens verdwijnen", key="reset_confirm")
    st.button(
        "Terug naar demodata", disabled=not sure, key="reset_demo", icon=":material/restart_alt:", on_click=_reset_now
    )
