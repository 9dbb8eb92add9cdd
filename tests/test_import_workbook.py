"""Excel workbooks written by openpyxl: real dates and numbers, the sheet found by its headers, Excel's row numbers."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from housing_monitor.cli.main import main
from housing_monitor.ingest import importer
from housing_monitor.ingest.mapping import Mapping
from housing_monitor.ingest.workbook import read_sheet, sheet_headers
from tests.importing import content_checksum, file_state
from tests.own_files import OWN_COLUMNS, OWN_VALUES, own_workbook, placements_workbook

TODAY = dt.date(2026, 11, 25)


def test_cells_read_as_excel_shows_them():
    table = read_sheet(placements_workbook(), "Plaatsingen")
    assert table.sheet == "Plaatsingen"
    assert table.lines.tolist() == [4, 5, 6]  # a title on row 1, a blank row 2, the header on row 3
    first = table.cells.iloc[0].tolist()
    # A numeric id reads as its digits, a boolean cell as ja, a real date as a date, a whole float as digits.
    assert first[:5] == ["1001", "5011", "GM0882", "Zelfstandige woning", "ja"]
    assert table.cells.iloc[1, 6] == "1"  # 1.0 in the cell
    assert table.cells.iloc[1, 7] == "2017-02-01"  # a datetime at midnight is the date
    assert table.cells.iloc[2, 9] == "2018-01-31"


def test_workbook_imports_directly_with_typed_values(tiny_store):
    result = importer.import_file(tiny_store, "placements", "plaatsingen.xlsx", placements_workbook(), "t", today=TODAY)
    assert (result.status, result.sheet, result.rows_added) == ("imported", "Plaatsingen", 3)
    with tiny_store.reader() as con:
        rows = con.execute(
            "SELECT placement_id, household_id, housing_form, permanent, household_size, move_in_date "
            "FROM placements WHERE placement_id IN ('1001', '1002') ORDER BY placement_id"
        ).fetchall()
        assert con.execute("SELECT sheet FROM import_log WHERE import_id = $id", {"id": result.import_id}).fetchall() == [
            ("Plaatsingen",)
        ]
    assert rows == [
        ("1001", "5011", "zelfstandig", True, 4, dt.date(2017, 3, 1)),
        ("1002", "5012", "woningdelen", False, 1, dt.date(2017, 5, 1)),
    ]


def test_errors_name_the_sheet_and_the_excel_row(tiny_store, tmp_path, capsys):
    before, state = content_checksum(tiny_store), file_state(tiny_store)
    path = tmp_path / "plaatsingen.xlsx"
    path.write_bytes(placements_workbook(bad_date_row=True))
    assert main(["import", "placements", str(path), "--db", str(tiny_store.path), "--json"]) == 1
    [error] = json.loads(capsys.readouterr().out)["errors"]
    assert error == {
        "sheet": "Plaatsingen",
        "line": 6,
        "column": "startdatum",
        "value": "31-02-2017",
        "rule": "type_date",
        "message": "Blad 'Plaatsingen', regel 6, kolom 'startdatum': '31-02-2017' is geen geldige datum "
        "(gebruik JJJJ-MM-DD of DD-MM-JJJJ, bijvoorbeeld 2024-01-31 of 31-01-2024).",
    }
    assert content_checksum(tiny_store) == before and file_state(tiny_store) == state


def test_a_bsn_in_a_numeric_cell_is_refused(tiny_store):
    result = importer.import_file(tiny_store, "placements", "p.xlsx", placements_workbook(bsn=True), "t", today=TODAY)
    assert result.contains_bsn and result.preview is None
    [issue] = [i for g in result.errors for i in g.issues()]
    assert (issue.sheet, issue.line, issue.column, issue.value) == ("Plaatsingen", 4, "huishouden_id", None)
    assert "111222333" not in issue.message


def test_sheet_chosen_when_several_fit(tiny_store, tmp_path, capsys):
    data = placements_workbook(second_data_sheet=True)
    result = importer.import_file(tiny_store, "placements", "p.xlsx", data, "t", dry_run=True, today=TODAY)
    assert result.status == "refused" and result.sheets == ["Toelichting", "Plaatsingen", "Plaatsingen (kopie)"]
    assert result.errors[0].rule == "choose_sheet"
    assert "('Plaatsingen', 'Plaatsingen (kopie)')" in result.errors[0].summary
    path = tmp_path / "p.xlsx"
    path.write_bytes(data)
    args = ["import", "placements", str(path), "--db", str(tiny_store.path), "--sheet", "Plaatsingen (kopie)", "--json"]
    assert main(args) == 0
    answer = json.loads(capsys.readouterr().out)
    assert (answer["sheet"], answer["rows_added"]) == ("Plaatsingen (kopie)", 3)
    assert main([*args[:5], "--sheet", "Blad9"]) == 1
    assert "De werkmap heeft geen blad 'Blad9'" in capsys.readouterr().out


def test_own_workbook_with_a_mapping(tiny_store):
    data = own_workbook()
    assert list(sheet_headers(data)) == ["Export"]
    refused = importer.import_file(tiny_store, "placements", "eigen.xlsx", data, "t", dry_run=True, today=TODAY)
    assert refused.status == "refused"
    assert any("Blad 'Export': De verplichte kolom 'move_in_date'" in i.message for g in refused.errors for i in g.issues())
    result = importer.import_file(
        tiny_store, "placements", "eigen.xlsx", data, "t", today=TODAY, mapping=Mapping(OWN_COLUMNS, OWN_VALUES)
    )
    assert (result.status, result.rows_added) == ("imported", 3)
    with tiny_store.reader() as con:
        assert con.execute("SELECT move_in_date FROM placements WHERE placement_id = 'D-1003'").fetchall() == [
            (dt.date(2017, 4, 15),)
        ]


def test_damaged_workbook_is_refused_in_dutch(tiny_store):
    data = placements_workbook()[:2000]
    result = importer.import_file(tiny_store, "placements", "kapot.xlsx", data, "t", dry_run=True)
    assert result.status == "refused"
    assert result.errors[0].rule == "not_workbook"
    assert "niet te lezen als Excel-werkmap" in result.errors[0].summary


@pytest.mark.parametrize("value, text", [(12345.0, "12345"), (12.5, "12,5"), (0.8, "0,8"), (True, "ja"), ("  x ", "x"), ("", None)])
def test_cell_text(value, text):
    from housing_monitor.ingest.workbook import _text

    assert _text(value) == text


def test_an_ods_spreadsheet_imports_too(tiny_store):
    from tests.own_files import ods_workbook

    rows = [
        ("gemeentecode", "gemeente", "provincie", "inwoners"),
        ("GM0014", "Groningen", "Groningen", 238147),
        ("GM0080", "Leeuwarden", "Friesland", 125879.0),
    ]
    result = importer.import_file(tiny_store, "municipalities", "gemeenten.ods", ods_workbook(rows), "t", today=TODAY)
    assert (result.status, result.sheet, result.rows_added) == ("imported", "Blad1", 2)
    with tiny_store.reader() as con:
        assert con.execute(
            "SELECT province, population FROM municipalities WHERE municipality_code = 'GM0080'"
        ).fetchall() == [("Fryslân", 125879)]


def test_own_headers_on_one_of_two_sheets_the_widest_is_taken(tiny_store):
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(own_workbook()))
    book.create_sheet("Toelichting", 0).append(["Export uit het eigen systeem"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = importer.import_file(
        tiny_store, "placements", "eigen.xlsx", buffer.getvalue(), "t", dry_run=True, today=TODAY,
        mapping=Mapping(OWN_COLUMNS, OWN_VALUES),
    )
    assert (result.status, result.sheet, result.sheets) == ("valid", "Export", ["Toelichting", "Export"])
