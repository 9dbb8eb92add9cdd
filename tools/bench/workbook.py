"""Reading a 100,000-row placements workbook: python-calamine against openpyxl (python -m tools.bench.workbook)."""

from __future__ import annotations

import datetime as dt
import io
import sys
import time

import openpyxl
import pandas as pd

HEADERS = ["Dossiernummer", "CBS-code", "Type woning", "Sleuteldatum", "Aantal personen"]


def workbook(rows: int) -> bytes:
    """A placements export as Excel makes it: numeric ids, real dates, two sheets."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Plaatsingen")
    sheet.append(HEADERS)
    start = dt.date(2020, 1, 1)
    for i in range(rows):
        sheet.append([100000 + i, f"GM{(i % 342) + 3:04d}", "Eengezinswoning", start + dt.timedelta(days=i % 1500), 1 + i % 6])
    book.create_sheet("Toelichting").append(["Export uit het eigen systeem"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def best_of(runs: int, read) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        read()
        times.append(time.perf_counter() - started)
    return min(times)


def main(rows: int = 100_000, runs: int = 3) -> None:
    data = workbook(rows)
    print(f"{rows:,} rows, {len(data) / 1e6:.1f} MB")
    for engine in ("calamine", "openpyxl"):
        seconds = best_of(runs, lambda: pd.read_excel(io.BytesIO(data), sheet_name="Plaatsingen", engine=engine))
        print(f"pandas.read_excel(engine={engine!r}): {seconds:.2f} s (best of {runs})")
    from housing_monitor.ingest.workbook import read_sheet

    seconds = best_of(runs, lambda: read_sheet(data, "Plaatsingen"))
    print(f"housing_monitor read_sheet (calamine, text cells): {seconds:.2f} s (best of {runs})")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
