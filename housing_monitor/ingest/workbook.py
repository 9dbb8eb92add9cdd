"""Reading Excel workbooks (.xlsx, .xls, .ods) with python-calamine into the same text cells as a CSV file.

Cells keep what Excel shows rather than how it stores it: a whole number is its digits (12345, not
12345.0, so identifiers and BSNs in numeric cells read as typed), other numbers get a decimal comma,
a date is JJJJ-MM-DD, a date with time 00:00 is just the date. Line numbers are the row numbers Excel
shows. calamine is the reader because it is several times faster than openpyxl on a large workbook
(see README: 100,000 rows).
"""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd
import python_calamine

from housing_monitor.ingest.reader import RawTable, UnreadableFile

ZIP_MAGIC = b"PK\x03\x04"  # .xlsx and .ods
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
HEADER_SEARCH_ROWS = 20  # a title and notes above the header are common; the header is near the top


def is_workbook(data: bytes) -> bool:
    """True for the bytes of an .xlsx, .xls or .ods file (whatever the file is called)."""
    return data.startswith(ZIP_MAGIC) or data.startswith(OLE_MAGIC)


def _open(data: bytes) -> python_calamine.CalamineWorkbook:
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:  # calamine raises its own error types for every kind of damage
        raise UnreadableFile(
            "not_workbook",
            "Dit bestand is niet te lezen als Excel-werkmap (.xlsx, .xls of .ods). Is het beschadigd of met een "
            "wachtwoord beveiligd? Sla het opnieuw op in Excel, of als CSV.",
        ) from None


def _text(value) -> str | None:
    """A cell as the analyst sees it; None for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value).replace(".", ",")  # a decimal comma: read as a Dutch number, never as thousands
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _column_text(values: pd.Series) -> pd.Series:
    """A column's cells as text, each distinct value converted once (1.0 and True are kept apart by their type)."""
    keys = values.map(lambda v: (type(v).__name__, v))
    codes, uniques = pd.factorize(keys, use_na_sentinel=True)
    texts = pd.array([_text(v) for _, v in uniques], dtype="str")
    return pd.Series(texts.take(codes, allow_fill=True), index=values.index)


def _rows(book: python_calamine.CalamineWorkbook, sheet: str) -> tuple[list[list], int]:
    """The sheet's rows from its first used row, and that row's Excel number."""
    found = book.get_sheet_by_name(sheet)
    rows = found.to_python(skip_empty_area=True)
    start = found.start[0] if found.start else 0
    return rows, (start or 0) + 1


def header_row(rows: list[list]) -> int | None:
    """The header's index: among the first rows, the first with as many filled cells as the fullest (a title has one)."""
    counts = [sum(1 for v in row if _text(v)) for row in rows[:HEADER_SEARCH_ROWS]]
    if not counts or not max(counts):
        return None
    return counts.index(max(counts))


def sheet_headers(data: bytes) -> dict[str, list[str]]:
    """Per sheet of the workbook, its header line; sheets without any value are left out."""
    book = _open(data)
    found = {}
    for name in book.sheet_names:
        top = book.get_sheet_by_name(name).to_python(skip_empty_area=True, nrows=HEADER_SEARCH_ROWS)
        index = header_row(top)
        if index is not None:
            found[name] = [_text(v) or "" for v in top[index]]
    return found


def read_sheet(data: bytes, sheet: str) -> RawTable:
    """One sheet as text cells with Excel's row numbers; the header is its first row with a value."""
    book = _open(data)
    if sheet not in book.sheet_names:
        raise UnreadableFile(
            "no_sheet", f"De werkmap heeft geen blad '{sheet}'; wel: {', '.join(repr(s) for s in book.sheet_names)}."
        )
    rows, first_line = _rows(book, sheet)
    skipped = header_row(rows)
    if skipped is None:
        raise UnreadableFile("empty_file", f"Het blad '{sheet}' is leeg.")
    rows = rows[skipped:]
    headers = [_text(v) or "" for v in rows[0]]
    width = len(headers)
    body = pd.DataFrame([r[:width] for r in rows[1:]], columns=range(width), dtype=object) if width else pd.DataFrame()
    cells = pd.DataFrame({i: _column_text(body[i]) if len(body) else pd.Series([], dtype="str") for i in range(width)})
    filled = cells.notna().any(axis=1).to_numpy() if width else np.zeros(len(body), dtype=bool)
    header_line = first_line + skipped
    lines = np.arange(header_line + 1, header_line + 1 + len(body))
    return RawTable(
        headers=headers,
        cells=cells[filled].reset_index(drop=True),
        lines=lines[filled],
        encoding="Excel",
        delimiter="",
        blank_rows=int((~filled).sum()),
        sheet=sheet,
    )
