"""Exports that Dutch Excel opens correctly and cannot be tricked into running formulas."""

from __future__ import annotations

import io
import re

import pandas as pd

from housing_monitor.ingest.validation import IssueGroup

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain (Dutch-formatted) negative number is data, not a formula.
_PLAIN_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?%?$|^-?\d+(,\d+)?%?$")


def neutralise(value):
    """Prefix a text cell that a spreadsheet would read as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """Semicolon-separated, decimal commas, UTF-8 with BOM: what Excel in the Netherlands expects."""
    return _safe(frame).to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def to_excel_bytes(frame: pd.DataFrame, sheet: str = "Gegevens") -> bytes:
    """An .xlsx workbook of the table, formulas neutralised."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _safe(frame).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()


def problems_csv(groups: list[IssueGroup]) -> bytes:
    """Every listed example with its full message, for the analyst to work through in Excel."""
    rows = [issue.to_json() for group in groups for issue in group.issues()]
    frame = pd.DataFrame(rows, columns=["line", "column", "value", "rule", "message"])
    frame.columns = ["regel", "kolom", "waarde", "controle", "melding"]
    return to_csv_bytes(frame)
