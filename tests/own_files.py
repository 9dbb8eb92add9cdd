"""Files as a municipality's own system makes them: own headers and labels, Excel workbooks (written by openpyxl)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

OWN_HEADERS = [
    "Dossiernummer",
    "Cliëntnummer",
    "CBS-code",
    "Gemeente",
    "Verhuurder",
    "Type woning",
    "Vaste woning",
    "Complex",
    "Samenstelling",
    "Aantal personen",
    "Datum vergunning",
    "Sleuteldatum",
]
OWN_ROWS = [
    ["D-1001", "HX11", "GM0882", "Landgraaf", "HEEMwonen", "Eengezinswoning", "Ja", "", "Gezin", "4", "03-01-2017", "01-03-2017"],
    ["D-1002", "HX12", "GM0392", "Haarlem", "Pré Wonen", "Kamerverhuur", "Nee", "’t Hof", "Eenpersoonshuishouden", "1", "01-02-2017", "01-05-2017"],
    ["D-1003", "HX13", "GM0034", "Almere", "Ymere", "Eengezinswoning", "Ja", "", "Gezin", "3", "01-02-2017", "15-04-2017"],
]
NEXT_MONTH_ROWS = [
    ["D-1004", "HX14", "GM0882", "Landgraaf", "HEEMwonen", "Kamerverhuur", "Nee", "", "Eenpersoonshuishouden", "1", "01-03-2017", "01-06-2017"],
]
# What the analyst confirms: the same as what the page suggests for these headers.
OWN_COLUMNS = {
    "Dossiernummer": "placement_id",
    "Cliëntnummer": "household_id",
    "CBS-code": "municipality_code",
    "Verhuurder": "corporation",
    "Type woning": "housing_form",
    "Vaste woning": "permanent",
    "Complex": "project",
    "Samenstelling": "household_type",
    "Datum vergunning": "permit_date",
    "Sleuteldatum": "move_in_date",
}
OWN_VALUES = {
    "housing_form": {"Eengezinswoning": "zelfstandig", "Kamerverhuur": "woningdelen"},
    "household_type": {"Eenpersoonshuishouden": "alleenstaande"},
}


def own_csv(rows: list[list[str]] = OWN_ROWS) -> bytes:
    """Windows-1252 with semicolons, as Dutch Excel saves a CSV."""
    lines = [";".join(OWN_HEADERS)] + [";".join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def cli_options() -> list[str]:
    """The CLI's --map and --value options for the own headers and labels."""
    options = []
    for own, column in OWN_COLUMNS.items():
        options += ["--map", f"{own}={column}"]
    for column, pairs in OWN_VALUES.items():
        for own, code in pairs.items():
            options += ["--value", f"{column}:{own}={code}"]
    return options


def _date(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d-%m-%Y").date()


def placements_workbook(bad_date_row: bool = False, bsn: bool = False, second_data_sheet: bool = False) -> bytes:
    """A placements workbook with contract headers: numeric ids, real dates, a notes sheet before the data.

    The header is on Excel row 3 (a title above it), so the data rows are Excel rows 4, 5, 6.
    """
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Toelichting"
    notes.append(["Export uit het eigen systeem, december 2026"])
    sheet = book.create_sheet("Plaatsingen")
    sheet.append(["Plaatsingen statushouders"])
    sheet.append([])
    sheet.append(["plaatsing_id", "huishouden_id", "gemeentecode", "woonvorm", "permanent", "huishoudtype",
                  "aantal_personen", "vergunningsdatum", "startdatum", "einddatum"])
    households = [111222333 if bsn else 5011, 5012, 5013]
    sheet.append([1001, households[0], "GM0882", "Zelfstandige woning", True, "Gezin", 4, dt.date(2017, 1, 3), dt.date(2017, 3, 1), None])
    sheet.append([1002, households[1], "GM0392", "woningdelen", "nee", "alleenstaande", 1.0, dt.datetime(2017, 2, 1), dt.datetime(2017, 5, 1), None])
    move_in = "31-02-2017" if bad_date_row else dt.date(2017, 4, 15)
    sheet.append([1003, households[2], "GM0034", "flexwoning", "ja", "gezin", 3, dt.date(2017, 2, 1), move_in, dt.date(2018, 1, 31)])
    if second_data_sheet:
        copy = book.copy_worksheet(sheet)
        copy.title = "Plaatsingen (kopie)"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def own_workbook(rows: list[list[str]] = OWN_ROWS) -> bytes:
    """The own export as a workbook: numeric ids and real Excel dates under the own headers."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Export"
    sheet.append(OWN_HEADERS)
    for row in rows:
        values: list = list(row)
        values[9] = int(row[9])
        values[10], values[11] = _date(row[10]), _date(row[11])
        sheet.append([v if v != "" else None for v in values])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def municipalities_csv() -> bytes:
    """A small municipality list in contract headers."""
    return "gemeentecode;gemeente;provincie;inwoners\r\nGM0014;Groningen;Groningen;238.147\r\n".encode("cp1252")


def ods_workbook(rows: list[tuple[str, str, str]]) -> bytes:
    """A minimal OpenDocument spreadsheet (as LibreOffice saves it): ids as floats, real date cells."""
    import zipfile

    def cell(value) -> str:
        if isinstance(value, dt.date):
            return f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"/>'
        if isinstance(value, (int, float)):
            return f'<table:table-cell office:value-type="float" office:value="{value}"/>'
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="Blad1">{body}</table:table></office:spreadsheet>'
        "</office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        bundle.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        bundle.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        bundle.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
