"""The Data page under AppTest: the mapping step for own headers and labels, workbooks, several files at once."""

from __future__ import annotations

from housing_monitor.ingest import importer
from tests.apptest import open_dashboard
from tests.own_files import NEXT_MONTH_ROWS, municipalities_csv, own_csv, placements_workbook

PAGE = "pages/data.py"


def _texts(elements) -> str:
    return " ".join(e.value for e in elements)


def _run(at):
    at.run()
    assert not at.exception, at.exception
    return at


def test_own_file_mapped_on_the_page_then_the_next_file_without_questions(tiny_db_env):
    at = open_dashboard(page=PAGE)
    at.file_uploader[0].set_value(("export_november.csv", own_csv(), "text/csv"))
    _run(at)
    assert at.selectbox[0].value == "placements"  # recognised by the synonyms of its headers
    # One box per header, preset from the suggestions, then one per unknown label.
    boxes = {box.label: box.value for box in at.selectbox[1:]}
    assert boxes["'Sleuteldatum' is"] == "move_in_date"
    assert boxes["'Type woning' is"] == "housing_form"
    assert boxes["'Eengezinswoning' is"] == "zelfstandig"
    assert boxes["'Kamerverhuur' is"] == "woningdelen"
    assert "Met een eigen kolomkoppeling" in _texts(at.success)

    # The analyst changes one suggestion: the required column is then named as unmapped, and the file refused.
    at.selectbox(key=next(b.key for b in at.selectbox if b.label == "'Sleuteldatum' is")).set_value("")
    _run(at)
    assert "Nog niet gekoppeld (verplicht): move_in_date (startdatum)." in _texts(at.warning)
    assert "is geweigerd" in _texts(at.error)
    at.selectbox(key=next(b.key for b in at.selectbox if b.label == "'Sleuteldatum' is")).set_value("move_in_date")
    _run(at)

    at.text_input(key=next(t.key for t in at.text_input if t.label.startswith("Bewaar deze koppeling"))).set_value(
        "Woonkompas"
    )
    _run(at)
    version = tiny_db_env.version()
    at.button(key="import_confirm").click()
    _run(at)
    assert "is geïmporteerd als huisvestingen" in _texts(at.success)
    assert "Met kolomkoppeling 'Woonkompas'." in _texts(at.success)
    assert tiny_db_env.version() != version
    assert [m.name for m in importer.saved_mappings(tiny_db_env, "placements")] == ["Woonkompas"]

    at.file_uploader[0].set_value(("export_december.csv", own_csv(NEXT_MONTH_ROWS), "text/csv"))
    _run(at)
    assert "is goedgekeurd als huisvestingen. Bij importeren: 1 rij toegevoegd" in _texts(at.success)
    assert "Met kolomkoppeling 'Woonkompas'." in _texts(at.success)
    assert [e.label for e in at.expander if e.label.startswith("Kolommen koppelen")] == [
        "Kolommen koppelen (koppeling 'Woonkompas')"
    ]
    at.button(key="import_confirm").click()
    _run(at)
    log = importer.history(tiny_db_env)
    assert log[["file_name", "mapping_name"]].head(2).values.tolist() == [
        ["export_december.csv", "Woonkompas"],
        ["export_november.csv", "Woonkompas"],
    ]


def test_several_files_at_once_each_its_own_import_in_order(tiny_db_env):
    at = open_dashboard(page=PAGE)
    at.file_uploader[0].set_value(
        [
            ("plaatsingen.xlsx", placements_workbook(), "application/vnd.ms-excel"),
            ("gemeenten.csv", municipalities_csv(), "text/csv"),
            ("kapot.csv", b"", "text/csv"),
        ]
    )
    _run(at)
    # Municipalities first (others link to them), then placements (and the sheet holding them); the unreadable file last.
    assert [box.value for box in at.selectbox] == ["municipalities", "placements", "Plaatsingen", "placements"]
    assert "'plaatsingen.xlsx' (blad 'Plaatsingen') is goedgekeurd" in _texts(at.success)
    assert "'kapot.csv' is geweigerd" in _texts(at.error)
    at.button(key="import_confirm").click()
    _run(at)
    log = importer.history(tiny_db_env)
    assert log[["file_name", "dataset", "sheet"]].head(2).fillna("").values.tolist() == [
        ["plaatsingen.xlsx", "placements", "Plaatsingen"],
        ["gemeenten.csv", "municipalities", ""],
    ]
    assert "'gemeenten.csv' is geïmporteerd als gemeenten (referentie)" in _texts(at.success)
    # Each is its own import: the placements can be undone alone.
    undone = importer.undo(tiny_db_env, int(log["import_id"].iloc[0]), "t")
    assert (undone.dataset, undone.rows_removed) == ("placements", 3)
