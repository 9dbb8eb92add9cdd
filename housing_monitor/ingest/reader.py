"""Reading what Dutch systems export: encoding, delimiter, text cells and the spreadsheet's line numbers.

Nothing here interprets values: every cell stays text (stripped; empty cells become missing), so
validation can report each problem with the value exactly as the analyst typed it.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

import charset_normalizer
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from housing_monitor.contract import DATASETS, Dataset

# Not UTF-8 means Windows-1252 (Excel's default here, the contract's other encoding) whenever the bytes are
# valid Windows-1252: charset-normalizer's guesses among single-byte code pages are unreliable on short
# Dutch texts (it answers cp1125 or cp1250 for our own test files), and latin-1 would garble '€' and '’'.
# Only bytes that are not Windows-1252 go to charset-normalizer, which may recognise another encoding
# (a multi-byte one); a single-byte guess for such bytes means they are not text at all.
_WESTERN_GUESSES = frozenset(
    {"cp1252", "latin_1", "iso8859_15", "iso8859_1", "cp1250", "iso8859_2", "mac_roman", "mac_latin2", "cp850", "cp437"}
)
DELIMITERS = (";", ",", "\t")
DELIMITER_NAMES = {";": "puntkomma", ",": "komma", "\t": "tab"}
_SAMPLE_BYTES = 64 * 1024
_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


class UnreadableFile(ValueError):
    """The bytes are not a CSV file we can read; the message says why, in Dutch."""

    def __init__(self, rule: str, message: str, line: int | None = None):
        super().__init__(message)
        self.rule = rule
        self.line = line


@dataclass
class RawTable:
    """A CSV file as text: its header, its cells and the line each row has in a spreadsheet."""

    headers: list[str]
    cells: pd.DataFrame  # columns 0..n-1 in file order; str values, missing where the cell is empty
    lines: np.ndarray  # spreadsheet line of each row: the header is line 1, the first data row line 2
    encoding: str
    delimiter: str
    blank_rows: int = 0  # rows without any value, left out (Excel writes them as ';;;;')
    sheet: str | None = None  # the workbook sheet the rows come from; lines are then Excel's row numbers

    @property
    def row_count(self) -> int:
        return len(self.cells)

    def column(self, position: int) -> pd.Series:
        return self.cells[position]


@dataclass
class HeaderMap:
    """Which file column holds which contract column, and what is left over."""

    positions: dict[str, int]  # canonical name → position in the file
    extra: list[tuple[int, str]] = field(default_factory=list)  # (position, header) not in the contract
    duplicated: list[tuple[str, list[str]]] = field(default_factory=list)  # canonical → headers naming it twice
    unnamed_with_values: list[int] = field(default_factory=list)

    def header_of(self, name: str, headers: list[str]) -> str:
        """The header the analyst used for a contract column."""
        return headers[self.positions[name]] if name in self.positions else name


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and its encoding: BOM, else strict UTF-8, else Windows-1252, else charset-normalizer."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", "utf-8-sig"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", "utf-16"), "utf-16"
    _refuse_binary(data[:_SAMPLE_BYTES])
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        failure = error.start
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    sample = data[:_SAMPLE_BYTES] + data[max(0, failure - _SAMPLE_BYTES // 2) : failure + _SAMPLE_BYTES // 2]
    guess = charset_normalizer.from_bytes(sample).best()
    if guess is None or guess.encoding in _WESTERN_GUESSES:
        raise UnreadableFile("not_text", "Dit is geen tekstbestand: de tekens zijn niet te lezen als CSV.")
    try:
        return data.decode(guess.encoding), guess.encoding
    except (UnicodeDecodeError, LookupError):
        raise UnreadableFile(
            "encoding",
            "De tekens in dit bestand zijn niet te lezen. Sla het op als 'CSV UTF-8' of als gewone CSV (Windows-1252).",
        ) from None


def _strict(data: bytes, codec: str, label: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            "encoding",
            f"Het bestand begint als {label}, maar bevat tekens die daarin niet kunnen (bij byte {error.start}). "
            "Sla het opnieuw op als 'CSV UTF-8'.",
        ) from None


def _refuse_binary(sample: bytes) -> None:
    """Images, archives and other binary files renamed to .csv (workbooks never get here: ingest.workbook reads them)."""
    if b"\x00" in sample:
        raise UnreadableFile("not_text", "Dit is geen tekstbestand en geen werkmap (het bevat binaire gegevens). Upload een CSV-bestand of een Excel-werkmap.")


def _looks_binary(text: str) -> bool:
    sample = text[:_SAMPLE_BYTES]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    return "\x00" in sample or control > max(2, len(sample) // 100)


def sniff_delimiter(text: str) -> str:
    """The separator used in the header line: semicolon, comma or tab, whichever it has most of."""
    first_line = text[:_SAMPLE_BYTES].lstrip("\r\n").split("\n", 1)[0]
    counts = {d: _count_outside_quotes(first_line, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _count_outside_quotes(line: str, delimiter: str) -> int:
    return sum(part.count(delimiter) for part in line.split('"')[::2])


def read_table(data: bytes) -> RawTable:
    """Parse the bytes of a CSV file into text cells; refuses empty, binary and malformed files."""
    if not data or data.isspace():
        raise UnreadableFile("empty_file", "Het bestand is leeg.")
    text, encoding = decode(data)
    if _looks_binary(text):
        raise UnreadableFile("not_text", "Dit is geen tekstbestand en geen werkmap (het bevat binaire gegevens). Upload een CSV-bestand of een Excel-werkmap.")
    if not text or text.isspace():
        raise UnreadableFile("empty_file", "Het bestand is leeg.")
    body_text = text.lstrip("\r\n")
    skipped = text[: len(text) - len(body_text)].count("\n")  # blank lines above the header still count
    delimiter = sniff_delimiter(body_text)
    # Arrow can read the original bytes when they are UTF-8: no second copy of a large file.
    utf8 = {"utf-8": data, "utf-8-sig": data[len(codecs.BOM_UTF8) :]}.get(encoding)
    rows = _read_fast(body_text, utf8, delimiter)
    if rows is None:
        rows = _read_exact(body_text, delimiter, skipped)
    headers = ["" if pd.isna(h) else str(h).strip().lstrip("\ufeff") for h in rows.iloc[0]]
    body = rows.iloc[1:]
    filled = body.notna().any(axis=1).to_numpy()
    cells = body[filled].reset_index(drop=True)
    cells.columns = range(len(headers))
    first_data_line = skipped + 2
    return RawTable(
        headers=headers,
        cells=cells,
        lines=np.arange(first_data_line, first_data_line + len(body))[filled],
        encoding=encoding,
        delimiter=delimiter,
        blank_rows=int((~filled).sum()),
    )


def _read_fast(text: str, utf8: bytes | None, delimiter: str) -> pd.DataFrame | None:
    """Arrow's multithreaded reader, when its rows are the spreadsheet's rows: no blank lines, equal widths."""
    end = len(text)
    while end and text[end - 1] in "\r\n":
        end -= 1
    if any(text.find(gap, 0, end) != -1 for gap in ("\n\n", "\n\r\n", "\r\r")):
        return None  # Arrow skips blank lines, a spreadsheet shows them: let the exact reader count them
    # An upper bound on the columns (quoted delimiters count too) so that every column is read as text.
    widest = max(line.count(delimiter) for line in text[:_SAMPLE_BYTES].split("\n")[:5]) + 1
    try:
        table = pa_csv.read_csv(
            io.BytesIO(utf8 if utf8 is not None else text.encode("utf-8")),
            read_options=pa_csv.ReadOptions(autogenerate_column_names=True),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types={f"f{i}": pa.string() for i in range(widest)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError, ValueError):
        return None
    columns = [_clean_arrow(column) for column in table.columns]
    frame = pa.table(columns, names=[str(i) for i in range(len(columns))]).to_pandas()
    return frame.set_axis(range(len(columns)), axis=1)


def _clean_arrow(column) -> pa.ChunkedArray:
    trimmed = pc.utf8_trim_whitespace(column)
    return pc.if_else(pc.equal(pc.utf8_length(trimmed), 0), pa.scalar(None, pa.string()), trimmed)


def _read_exact(text: str, delimiter: str, skipped: int) -> pd.DataFrame:
    """pandas' reader keeping blank lines as rows, so line numbers match the spreadsheet; reports bad rows."""
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except pd.errors.ParserError as error:
        raise _malformed(str(error), skipped) from None
    except (pd.errors.EmptyDataError, ValueError, csv.Error, OverflowError):
        raise UnreadableFile("malformed", "Dit bestand is niet te lezen als CSV-bestand.") from None
    for position in frame.columns:
        frame[position] = _clean(frame[position])
    return frame


def _clean(values: pd.Series) -> pd.Series:
    """Trimmed text; an empty cell is missing."""
    stripped = values.astype("str").str.strip()
    return stripped.mask(stripped == "")


def _malformed(message: str, skipped: int) -> UnreadableFile:
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if not found:
        return UnreadableFile("malformed", "Dit bestand is niet te lezen als CSV-bestand.")
    expected, line, seen = (int(g) for g in found.groups())
    line += skipped
    return UnreadableFile(
        "field_count",
        f"Regel {line} heeft {seen} waarden, terwijl de kopregel {expected} kolommen heeft. "
        "Staat er een scheidingsteken of aanhalingsteken te veel in een cel?",
        line=line,
    )


def normalise_header(header: str) -> str:
    """'Aantal personen ' → 'aantalpersonen', 'Fryslân' → 'fryslan': case, accents, spaces and dashes do not matter."""
    plain = unicodedata.normalize("NFKD", header.lower()).encode("ascii", "ignore").decode("ascii")
    return _NOT_ALPHANUMERIC.sub("", plain)


def map_headers(dataset: Dataset, table: RawTable, own: dict[str, str] | None = None) -> HeaderMap:
    """Match the file's headers to the contract's canonical names or Dutch aliases, or to `own` (normalised header → name)."""
    known: dict[str, str] = dict(own or {})
    for column in dataset.columns:
        known.setdefault(normalise_header(column.name), column.name)
        known.setdefault(normalise_header(column.alias), column.name)
    positions: dict[str, int] = {}
    seen: dict[str, list[str]] = {}
    mapping = HeaderMap(positions={})
    for position, header in enumerate(table.headers):
        key = normalise_header(header)
        if not key:
            if table.column(position).notna().any():
                mapping.unnamed_with_values.append(position)
            continue
        name = known.get(key)
        if not name:  # unknown, or left out on purpose in the analyst's mapping
            mapping.extra.append((position, header))
            continue
        seen.setdefault(name, []).append(header)
        positions.setdefault(name, position)
    mapping.positions = positions
    mapping.duplicated = [(name, headers) for name, headers in seen.items() if len(headers) > 1]
    return mapping


def suggest_dataset(headers: list[str]) -> str | None:
    """The dataset whose key columns the headers have and whose other columns they match best, if any."""
    found = {normalise_header(h) for h in headers}

    def has(column) -> bool:
        return bool({normalise_header(column.name), normalise_header(column.alias)} & found)

    best, best_score = None, 0.0
    for dataset in DATASETS.values():
        if not all(has(dataset.column(k)) for k in dataset.key):
            continue
        matched = sum(has(c) for c in dataset.columns)
        score = matched + matched / len(dataset.columns)  # ties go to the dataset the file covers most of
        if score > best_score:
            best, best_score = dataset.name, score
    return best


def peek_headers(data: bytes) -> list[str]:
    """The header line of a file, or nothing when it cannot be read (used to suggest the dataset)."""
    first = data.lstrip(b"\r\n")[:_SAMPLE_BYTES].split(b"\n", 1)[0]
    try:
        text, _ = decode(first)
    except UnreadableFile:
        return []
    delimiter = sniff_delimiter(text)
    try:
        return [h.strip().lstrip("\ufeff") for h in next(csv.reader([text.strip("\r\n")], delimiter=delimiter))]
    except (csv.Error, StopIteration):
        return []
