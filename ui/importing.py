"""The Data page's building blocks: upload and check, the verdict, history with undo, templates, demo reset."""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from housing_monitor import dutch
from housing_monitor.access import system_user
from housing_monitor.contract import DATASETS
from housing_monitor.demo import bootstrap
from housing_monitor.ingest import importer, templates
from housing_monitor.ingest.reader import peek_headers, suggest_dataset

from . import data

# The import limit is ours, with a Dutch message; Streamlit's own (English) refusal only starts at twice
# that, so a file a little too large still gets a clear answer. The server limit in .streamlit/config.toml
# (maxUploadSize) must be at least the widget's.
DEFAULT_MAX_UPLOAD_MB = 200
HISTORY_ROWS = 25
_UPLOAD_GENERATION = "import_upload_generation"
_CHECKS = "import_checks"
_DONE = "import_done"
_PENDING_UNDO = "import_pending_undo"
_NOTICE = "import_notice"


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
    """Drop the uploaded file from the session: a new uploader key releases it."""
    st.session_state[_UPLOAD_GENERATION] = st.session_state.get(_UPLOAD_GENERATION, 0) + 1
    st.session_state.pop(_CHECKS, None)


def max_upload_mb() -> float:
    """The largest file the page imports: $HOUSING_MONITOR_MAX_UPLOAD_MB, else 200 MB."""
    try:
        value = float(os.environ.get("HOUSING_MONITOR_MAX_UPLOAD_MB") or DEFAULT_MAX_UPLOAD_MB)
    except ValueError:
        return DEFAULT_MAX_UPLOAD_MB  # a mistyped setting must not take the import page down
    # Streamlit refuses (in English) above the server's limit before the page sees the file.
    return min(value, float(st.get_option("server.maxUploadSize")))


def uploader():
    """The file uploader; its key changes after an import or a refusal for BSN, which empties it."""
    generation = st.session_state.get(_UPLOAD_GENERATION, 0)
    limit = max_upload_mb()
    return st.file_uploader(
        "CSV-bestand",
        type=["csv", "txt", "tsv", "xlsx", "xls"],
        key=f"import_file_{generation}",
        max_upload_size=max(1, int(min(2 * limit, st.get_option("server.maxUploadSize")))),
        help="Komma- of puntkommagescheiden, UTF-8 of Windows-1252 (zoals Excel het opslaat). "
        f"Kolomnamen mogen Engels of Nederlands zijn. Maximaal {dutch.number(limit, 0)} MB per bestand.",
    )


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


def choose_dataset(content: bytes, file_id: str) -> str:
    """The dataset select box, preset to what the file's columns suggest (afresh for every new file)."""
    suggested = suggest_dataset(peek_headers(content))
    names = list(DATASETS)
    choice = st.selectbox(
        "Soort gegevens",
        names,
        index=names.index(suggested) if suggested else 0,
        format_func=dataset_label,
        key=f"import_dataset_{file_id}",
    )
    if suggested:
        st.caption(f"Voorgesteld op basis van de kolommen in het bestand: {DATASETS[suggested].title.lower()}.")
    else:
        st.caption("De kolommen lijken op geen enkele gegevenssoort; kies zelf wat het bestand bevat.")
    return choice


def _progress_bar(label: str):
    bar = st.progress(0.0, text=label)

    def update(fraction: float, text: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=text)

    return bar, update


def check(dataset: str, file_name: str, content: bytes) -> importer.ImportResult:
    """The dry-run verdict on the file, remembered for this file, dataset and data version."""
    key = (importer.sha256(content), dataset, data.version())
    checks = st.session_state.setdefault(_CHECKS, {})
    if key not in checks:
        bar, update = _progress_bar("Bestand controleren …")
        checks.clear()  # keep only the current file's verdict in the session
        checks[key] = importer.import_file(
            data.store(), dataset, file_name, content, user=user(), dry_run=True, progress=update
        )
        bar.empty()
    return checks[key]


def show_verdict(result: importer.ImportResult) -> None:
    """The check's outcome: problems grouped by kind, warnings, a preview of the rows."""
    if result.status == "refused":
        st.error(result.summary(), icon=":material/block:")
        if result.contains_bsn:
            st.markdown(
                "Burgerservicenummers mogen nooit in dit dashboard komen. Het bestand is uit deze sessie "
                "verwijderd en nergens bewaard. Vervang de nummers door pseudoniemen (bijvoorbeeld een "
                "volgnummer met een letter ervoor) en upload het bestand opnieuw."
            )
        show_problems("Wat moet er anders", result.errors, "fouten", expanded=True)
    elif result.status == "duplicate":
        st.info(result.summary(), icon=":material/content_copy:")
    else:
        st.success(result.summary(), icon=":material/check_circle:")
    show_problems("Waarschuwingen (het bestand kan wel worden geïmporteerd)", result.warnings, "waarschuwingen")
    if result.preview is not None and not result.preview.empty:
        title = f"Voorbeeld: de eerste {len(result.preview)} rijen zoals ze in het bestand staan"
        with st.expander(title, expanded=result.status == "valid"):
            st.dataframe(result.preview, hide_index=True, width="stretch")
            st.caption(
                f"{dutch.integer(result.rows_in_file)} rijen · tekenset {result.encoding} · scheidingsteken "
                f"'{result.delimiter}'"
            )


def show_problems(title: str, groups, stem: str, expanded: bool = False) -> None:
    if not groups:
        return
    st.markdown(f"**{title}**")
    st.dataframe(importer.problems_frame(groups), hide_index=True, width="stretch")
    with st.expander("Alle meldingen met regelnummer", expanded=expanded):
        issues = sorted((i for g in groups for i in g.issues()), key=lambda i: (i.line or 0))
        st.markdown("\n".join(f"- {issue.message}" for issue in issues))
    st.download_button(
        f"Download de {stem} als CSV",
        importer.problems_csv(groups),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"download_{stem}",
        on_click="ignore",
        icon=":material/download:",
    )


def drop_refused(result: importer.ImportResult) -> None:
    """Empty the uploader so a file with BSNs is released from the session; keep only its verdict."""
    st.session_state[_DONE] = result
    forget_upload()
    st.rerun()


def run_import(dataset: str, file_name: str, content: bytes) -> None:
    """Import for real, then empty the uploader and show the result after the rerun."""
    bar, update = _progress_bar("Importeren …")
    try:
        result = importer.import_file(data.store(), dataset, file_name, content, user=user(), progress=update)
    except TimeoutError as error:
        bar.empty()
        st.error(str(error), icon=":material/hourglass:")
        return
    st.session_state[_DONE] = result
    forget_upload()
    st.rerun()


def show_last_import() -> None:
    """The outcome of the import just done (kept across the rerun that emptied the uploader)."""
    result = st.session_state.pop(_DONE, None)
    if result is None:
        return
    if result.status == "imported":
        st.success(result.summary() + " Het dashboard toont de nieuwe gegevens.", icon=":material/task_alt:")
        show_problems("Waarschuwingen", result.warnings, "waarschuwingen_import")
    else:
        show_verdict(result)


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
        cols[3].markdown(f"{file_name}  \n:gray[door {row.imported_by}]")
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
