"""Validating a whole file against the data contract at once, vectorised, with every problem in Dutch.

Values are parsed once per distinct value (a column of a million dates holds a few thousand
distinct ones), then spread back over the rows; row rules are boolean masks over whole columns.
Problems of one kind are grouped: a count and the first few examples with their line numbers.

BSN rule (citizen service numbers must never enter the dashboard). A value is BSN-shaped when it is
9 digits (or 8: Excel drops a leading zero) and passes the eleven-test (weights 9..2 and -1, sum
divisible by 11, not all zeros). The file is refused when
- a pseudonym column (household_id, person_id) or a column whose header names a BSN holds even one
  BSN-shaped value: a pseudonym that cannot be told from a BSN is not a pseudonym;
- a free-text column (description) contains a BSN-shaped number, also written as 1234.56.782;
- any other column (also columns the contract does not know) has BSN-shaped values in at least half
  of its filled cells. Random 9-digit codes pass the eleven-test about 1 time in 11, so ordinary
  numeric identifiers do not trip this; a real BSN column passes it every time.
The refusal names the column and the lines but never repeats the numbers themselves, and no other
check is run, so nothing of the file's contents is shown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from housing_monitor import dutch
from housing_monitor.contract import BOOLEAN_FALSE, BOOLEAN_TRUE, Column, Dataset
from housing_monitor.ingest.mapping import Mapping, enum_lookup, meant
from housing_monitor.ingest.reader import (
    HeaderMap,
    RawTable,
    map_headers,
    normalise_header,
)

MAX_EXAMPLES = 5
BSN_WEIGHTS = np.array([9, 8, 7, 6, 5, 4, 3, 2, -1], dtype=np.int64)
BSN_HEADER_WORDS = ("bsn", "burgerservicenummer", "sofinummer", "sofinr")
FREE_TEXT_COLUMNS = frozenset({"description"})
SHARE_MEASURE_SUFFIX = "_share"

_DATE_ISO = r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
_DATE_DUTCH = r"^(?P<d>\d{1,2})[-/](?P<m>\d{1,2})[-/](?P<y>\d{4})"
_MIDNIGHT = r"(?:[ T]0?0:00(?::00)?)?$"  # Excel sometimes writes a date cell with its (empty) time
_PERIOD = re.compile(r"^(\d{4})\s*[-/ ]?\s*[hH]?([12])$")
_PERIOD_REVERSED = re.compile(r"^[hH]([12])\s*[-/ ]?\s*(\d{4})$")
_DUTCH_NUMBER = r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$"
_THOUSANDS_ONLY = r"^[+-]?\d{1,3}(?:\.\d{3})+$"
_THOUSANDS_SURE = r"^[+-]?\d{1,3}(?:\.\d{3}){2,}$"  # two dots cannot be a decimal point
_PLAIN_NUMBER = r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$"
_BSN_TOKEN = r"\d{9}|\d{4}\.\d{2}\.\d{3}"  # also written 1234.56.782
_BSN_IN_TEXT = rf"(?<![\d.])({_BSN_TOKEN})(?![\d.])"
_BSN_IN_TEXT_TEST = rf"(?<![\d.])(?:{_BSN_TOKEN})(?![\d.])"

DATE_HELP = "gebruik JJJJ-MM-DD of DD-MM-JJJJ, bijvoorbeeld 2024-01-31 of 31-01-2024"
BOOL_HELP = "gebruik ja/nee, j/n, yes/no, true/false of 1/0"


@dataclass(frozen=True)
class Issue:
    """One problem at one place in the file."""

    line: int | None
    column: str | None
    value: str | None
    rule: str
    message: str
    sheet: str | None = None  # the workbook sheet; line is then the row number Excel shows

    def to_json(self) -> dict:
        return {
            "sheet": self.sheet,
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "rule": self.rule,
            "message": self.message,
        }

    def on_sheet(self, sheet: str) -> "Issue":
        """The same problem, placed on a workbook sheet: 'Blad 'Plaatsingen', regel 5, …'."""
        if self.message.startswith("Regel "):
            message = f"Blad '{sheet}', regel {self.message[len('Regel '):]}"
        else:
            message = f"Blad '{sheet}': {self.message}"
        return Issue(self.line, self.column, self.value, self.rule, message, sheet)


@dataclass
class IssueGroup:
    """All problems of one kind in one column: how many, and the first examples."""

    rule: str
    column: str | None
    summary: str
    count: int
    examples: list[Issue]

    def issues(self) -> list[Issue]:
        """The examples; the first one says how many there are in all when not all are shown."""
        if self.count <= len(self.examples):
            return list(self.examples)
        first = self.examples[0]
        more = f" (in totaal {dutch.integer(self.count)} keer; de eerste {len(self.examples)} staan hier)"
        return [
            Issue(first.line, first.column, first.value, first.rule, first.message + more, first.sheet),
            *self.examples[1:],
        ]

    def on_sheet(self, sheet: str) -> "IssueGroup":
        return IssueGroup(self.rule, self.column, self.summary, self.count, [i.on_sheet(sheet) for i in self.examples])


class Problems:
    """Collects problems as groups."""

    def __init__(self) -> None:
        self.groups: list[IssueGroup] = []

    def file(self, rule: str, message: str, column: str | None = None, line: int | None = None, value: str | None = None):
        """A problem with the file as a whole (or its header)."""
        self.groups.append(IssueGroup(rule, column, message, 1, [Issue(line, column, value, rule, message)]))

    def rows(
        self,
        rule: str,
        header: str,
        summary: str,
        template: str,
        mask,
        lines: np.ndarray,
        values: pd.Series | None = None,
        others: pd.Series | None = None,
        show_values: bool = True,
    ) -> None:
        """Rows where `mask` holds; `template` may use {value} and {other}."""
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(positions):
            return
        examples = []
        for position in positions[:MAX_EXAMPLES]:
            value = _text(values.iloc[position]) if values is not None and show_values else None
            other = _text(others.iloc[position]) if others is not None else None
            line = int(lines[position])
            message = f"Regel {line}, kolom '{header}': " + template.format(value=value, other=other)
            examples.append(Issue(line, header, value, rule, message))
        self.groups.append(IssueGroup(rule, header, summary, int(len(positions)), examples))

    def __bool__(self) -> bool:
        return bool(self.groups)


def _text(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, (pd.Timestamp, dt.date)):
        return value.strftime("%Y-%m-%d")
    return str(value)


@dataclass
class Validation:
    """The verdict on a file's contents: typed rows when there are no errors."""

    dataset: Dataset
    frame: pd.DataFrame | None  # contract columns in contract order, typed; None when refused
    lines: np.ndarray
    errors: list[IssueGroup] = field(default_factory=list)
    warnings: list[IssueGroup] = field(default_factory=list)
    contains_bsn: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


# ---------------------------------------------------------------- BSN


def eleven_test(nine_digits: pd.Series) -> np.ndarray:
    """True where a 9-digit string passes the BSN eleven-test (and is not all zeros)."""
    if nine_digits.empty:
        return np.zeros(0, dtype=bool)
    digits = np.frombuffer("".join(nine_digits).encode("ascii"), dtype=np.uint8).reshape(-1, 9).astype(np.int64) - 48
    return ((digits @ BSN_WEIGHTS) % 11 == 0) & (digits.sum(axis=1) > 0)


def bsn_shaped(values: pd.Series) -> np.ndarray:
    """True where a cell is 9 digits (or 8, a leading zero lost) passing the eleven-test."""
    result = np.zeros(len(values), dtype=bool)
    length = values.str.len()
    candidate = (length.ge(8) & length.le(9)).fillna(False).to_numpy(dtype=bool)
    if not candidate.any():
        return result
    subset = values[candidate]
    digits_only = subset.str.fullmatch(r"[0-9]{8,9}").fillna(False).to_numpy(dtype=bool)
    positions = np.flatnonzero(candidate)[digits_only]
    result[positions] = eleven_test(subset[digits_only].str.zfill(9))
    return result


def _bsn_in_text(values: pd.Series) -> np.ndarray:
    result = np.zeros(len(values), dtype=bool)
    hits = values.str.contains(_BSN_IN_TEXT_TEST, regex=True).fillna(False).to_numpy(dtype=bool)
    if not hits.any():
        return result
    tokens = values[hits].str.extractall(_BSN_IN_TEXT)[0].str.replace(".", "", regex=False)
    passing = pd.Series(eleven_test(tokens), index=tokens.index).groupby(level=0).any()
    result[values.index.get_indexer(passing[passing].index)] = True
    return result


def may_hold_bsn(values: pd.Series) -> np.ndarray:
    """True where a cell is, or contains, a number passing the eleven-test: never shown, not even as an example."""
    text = values.astype("string")
    return bsn_shaped(text) | _bsn_in_text(text)


def find_bsn(dataset: Dataset, table: RawTable, headers: HeaderMap) -> Problems:
    """Columns holding citizen service numbers, by the rule in this module's docstring."""
    problems = Problems()
    by_position = {position: name for name, position in headers.positions.items()}
    for position, header in enumerate(table.headers):
        values = table.column(position)
        filled = int(values.notna().sum())
        if not filled:
            continue
        name = by_position.get(position)
        column = dataset.column(name) if name else None
        named_bsn = any(word in normalise_header(header) for word in BSN_HEADER_WORDS)
        if column is not None and column.name in FREE_TEXT_COLUMNS:
            hits = _bsn_in_text(values)
            refuse = hits.any()
        else:
            hits = bsn_shaped(values)
            strict = named_bsn or (column is not None and column.pseudonym)
            refuse = hits.any() and (strict or hits.sum() * 2 >= filled)
        if refuse:
            label = header or f"kolom {position + 1}"
            problems.rows(
                "bsn",
                label,
                "bevat burgerservicenummers (BSN)",
                "dit lijkt een burgerservicenummer (BSN): 9 cijfers (of 8 zonder voorloopnul) die de elfproef "
                "doorstaan. BSN's mogen nooit "
                "in dit dashboard komen. Vervang ze door pseudoniemen en lever het bestand opnieuw aan; "
                "dit bestand is nergens bewaard.",
                hits,
                table.lines,
                show_values=False,
            )
    return problems


# ---------------------------------------------------------------- parsing per type


def _over_distinct(values: pd.Series, parse, dtype) -> pd.Series:
    """Parse each distinct value once and spread the results over the rows."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    parsed = pd.array(parse(pd.Series(np.asarray(uniques, dtype=object), dtype="str")), dtype=dtype)
    return pd.Series(parsed.take(codes, allow_fill=True), index=values.index)


def _parse_dates(unique: pd.Series) -> pd.Series:
    parts = unique.str.extract(_DATE_ISO + _MIDNIGHT).fillna(unique.str.extract(_DATE_DUTCH + _MIDNIGHT))
    numbers = parts[["y", "m", "d"]].apply(pd.to_numeric, errors="coerce")
    numbers.columns = ["year", "month", "day"]
    return pd.to_datetime(numbers, errors="coerce").dt.as_unit("s")


def _parse_numbers(unique: pd.Series, dutch_file: bool, allow_percent: bool, thousands_first: bool) -> pd.Series:
    """Dutch (1.234,5) and plain (1234.5) numbers; '80%' as 0.8 where allowed."""
    text = unique.str.replace(" ", "", regex=False)
    percent = text.str.endswith("%").fillna(False) if allow_percent else pd.Series(False, index=text.index)
    text = text.mask(percent, text.str[:-1])
    has_comma = text.str.contains(",", regex=False).fillna(False)
    thousands_shaped = text.str.fullmatch(_THOUSANDS_ONLY).fillna(False)
    thousands_sure = text.str.fullmatch(_THOUSANDS_SURE).fillna(False)
    as_dutch = has_comma | thousands_sure | (thousands_shaped & (dutch_file or thousands_first))
    dutch_value = text.where(as_dutch & text.str.fullmatch(_DUTCH_NUMBER).fillna(False))
    dutch_value = dutch_value.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    plain_value = text.where(~as_dutch & text.str.fullmatch(_PLAIN_NUMBER).fillna(False))
    number = pd.to_numeric(dutch_value.fillna(plain_value), errors="coerce").astype("float64")
    return number.where(~percent, number / 100)


def _parse_bools(unique: pd.Series) -> pd.Series:
    lowered = unique.str.lower()
    return lowered.map(lambda v: True if v in BOOLEAN_TRUE else False if v in BOOLEAN_FALSE else None)


def _parse_enum(unique: pd.Series, lookup: dict[str, str]) -> pd.Series:
    return unique.map(lambda v: lookup.get(normalise_header(v)))


def _parse_period(unique: pd.Series) -> pd.Series:
    def one(value: str):
        found = _PERIOD.match(value)
        if found:
            return f"{found.group(1)}-H{found.group(2)}"
        found = _PERIOD_REVERSED.match(value)
        return f"{found.group(2)}-H{found.group(1)}" if found else None

    return unique.map(one)


def _parse_pattern(unique: pd.Series, pattern: str) -> pd.Series:
    upper = unique.str.upper()
    return upper.where(upper.str.fullmatch(pattern).fillna(False))


def enum_choices(column: Column) -> str:
    return ", ".join(column.enum)


# ---------------------------------------------------------------- the whole file


def validate(dataset: Dataset, table: RawTable, today: dt.date | None = None, mapping: Mapping | None = None) -> Validation:
    """Check every column and row rule of the contract (through the analyst's mapping, if any); the typed rows when nothing is wrong."""
    today = today or dt.date.today()
    mapping = mapping or Mapping()
    headers = map_headers(dataset, table, mapping.header_lookup())
    lines = table.lines

    bsn = find_bsn(dataset, table, headers)
    if bsn:
        return Validation(dataset, None, lines, errors=bsn.groups, contains_bsn=True)

    errors, warnings = Problems(), Problems()
    _check_header(dataset, table, headers, errors, warnings)
    if table.row_count == 0:
        errors.file(
            "no_rows",
            "Het bestand heeft alleen een kopregel en geen gegevensrijen.",
            line=1,
        )

    typed: dict[str, pd.Series] = {}
    dutch_file = table.delimiter == ";"
    for column in dataset.columns:
        if column.name not in headers.positions:
            typed[column.name] = _empty(column, table.row_count)
            continue
        header = headers.header_of(column.name, table.headers)
        raw = table.column(headers.positions[column.name])
        value = _typed(column, raw, dutch_file, mapping.value_lookup(column.name))
        typed[column.name] = value
        missing = raw.isna().to_numpy()
        if column.required:
            errors.rows("required", header, "verplicht, maar leeg", "is verplicht, maar leeg.", missing, lines)
        invalid = raw.notna().to_numpy() & value.isna().to_numpy()
        _report_invalid(column, header, raw, invalid, lines, errors)
        _check_range(column, header, raw, value, lines, errors)
        if column.not_after_today:
            late = (value > pd.Timestamp(today)).fillna(False).to_numpy(dtype=bool)
            errors.rows(
                "not_after_today",
                header,
                "ligt na vandaag",
                f"'{{value}}' ligt na vandaag ({dutch.date(today)}).",
                late,
                lines,
                raw,
            )

    for column in dataset.columns:
        if column.not_before and column.name in headers.positions and column.not_before in headers.positions:
            earlier = (typed[column.name] < typed[column.not_before]).fillna(False).to_numpy(dtype=bool)
            other_header = headers.header_of(column.not_before, table.headers)
            errors.rows(
                "date_order",
                headers.header_of(column.name, table.headers),
                f"ligt vóór '{other_header}'",
                f"'{{value}}' ligt vóór '{other_header}' ({{other}}).",
                earlier,
                lines,
                table.column(headers.positions[column.name]),
                table.column(headers.positions[column.not_before]),
            )
    for column in dataset.columns:
        if column.required_with and column.required_with in headers.positions:
            missing = (typed[column.required_with].notna() & typed[column.name].isna()).to_numpy(dtype=bool)
            # Only where the value is empty: an unreadable value has its own error already.
            if column.name in headers.positions:
                missing = missing & table.column(headers.positions[column.name]).isna().to_numpy()
            header = headers.header_of(column.name, table.headers) if column.name in headers.positions else column.name
            other_header = headers.header_of(column.required_with, table.headers)
            errors.rows(
                "required_with",
                header,
                f"verplicht als '{other_header}' is ingevuld, maar leeg",
                f"is verplicht omdat '{other_header}' is ingevuld ({{other}}), maar leeg.",
                missing,
                lines,
                others=table.column(headers.positions[column.required_with]),
            )
    _check_goal_rules(dataset, table, headers, typed, errors)
    _check_unique_keys(dataset, table, headers, typed, errors)

    frame = pd.DataFrame(typed) if not errors else None
    return Validation(dataset, frame, lines, errors=errors.groups, warnings=warnings.groups)


def _check_header(dataset: Dataset, table: RawTable, headers: HeaderMap, errors: Problems, warnings: Problems) -> None:
    for name, names in headers.duplicated:
        errors.file(
            "duplicate_column",
            f"De kolom '{name}' staat meer dan eens in de kopregel ({', '.join(repr(n) for n in names)}). "
            "Laat er één staan.",
            column=name,
            line=1,
        )
    unknown = [header for _, header in headers.extra]
    for column in dataset.columns:
        if column.required and column.name not in headers.positions:
            guess = meant(dataset, unknown, column)
            hint = f" Bedoelt u met '{guess}' de {column.alias}?" if guess else ""
            errors.file(
                "missing_column",
                f"De verplichte kolom '{column.name}' (of '{column.alias}') ontbreekt in de kopregel.{hint}",
                column=column.name,
                line=1,
            )
    for position, header in headers.extra:
        warnings.file(
            "extra_column",
            f"De kolom '{header}' hoort niet bij {dataset.title.lower()} en wordt genegeerd.",
            column=header,
            line=1,
        )
    for position in headers.unnamed_with_values:
        warnings.file(
            "unnamed_column",
            f"Kolom {position + 1} heeft geen naam in de kopregel maar wel waarden; die worden genegeerd.",
            line=1,
        )


TYPED_DTYPES = {"int": "Int64", "number": "float64", "bool": "boolean", "date": "datetime64[s]"}


def _empty(column: Column, rows: int) -> pd.Series:
    """An optional column the file does not have: all missing, in the column's type."""
    return pd.Series([None] * rows, dtype=TYPED_DTYPES.get(column.type, "str"))


def _typed(column: Column, raw: pd.Series, dutch_file: bool, own_values: dict[str, str] | None = None) -> pd.Series:
    """The column's values in their contract type; missing where empty or unreadable."""
    kind = column.type
    if kind == "date":
        return _over_distinct(raw, _parse_dates, "datetime64[s]")
    if kind == "int":
        numbers = _over_distinct(raw, lambda u: _parse_numbers(u, dutch_file, False, True), "float64")
        whole = numbers.where(numbers.eq(numbers.round()) & numbers.abs().lt(2**31))
        return whole.astype("Int64")
    if kind == "number":
        return _over_distinct(raw, lambda u: _parse_numbers(u, dutch_file, True, False), "float64")
    if kind == "bool":
        return _over_distinct(raw, _parse_bools, "boolean")
    if kind == "enum":
        lookup = {**enum_lookup(column), **(own_values or {})}
        return _over_distinct(raw, lambda u: _parse_enum(u, lookup), "str")
    if kind == "period":
        return _over_distinct(raw, _parse_period, "str")
    if column.pattern:
        return _over_distinct(raw, lambda u: _parse_pattern(u, column.pattern), "str")
    return raw


def _report_invalid(column: Column, header: str, raw: pd.Series, invalid: np.ndarray, lines, errors: Problems):
    kind = column.type
    if kind == "date":
        summary, template = "geen geldige datum", f"'{{value}}' is geen geldige datum ({DATE_HELP})."
    elif kind == "int":
        summary, template = "geen geheel getal", "'{value}' is geen geheel getal."
    elif kind == "number":
        summary, template = "geen getal", "'{value}' is geen getal (bijvoorbeeld 12,5 of 80%)."
    elif kind == "bool":
        summary, template = "geen ja/nee-waarde", f"'{{value}}' is geen ja/nee-waarde ({BOOL_HELP})."
    elif kind == "enum":
        choices = enum_choices(column)
        summary = f"onbekende waarde (kies uit: {choices})"
        template = f"'{{value}}' is geen bekende waarde; kies uit: {choices} (of de Nederlandse omschrijving)."
    elif kind == "period":
        summary, template = "geen halfjaar", "'{value}' is geen halfjaar; schrijf bijvoorbeeld 2016-H1 of 2016-H2."
    elif column.pattern:
        summary = "geen gemeentecode ('GM' + 4 cijfers)"
        template = "'{value}' is geen gemeentecode: 'GM' gevolgd door 4 cijfers, bijvoorbeeld GM0363."
    else:
        return
    errors.rows(f"type_{kind}" if not column.pattern or kind != "text" else "pattern", header, summary, template, invalid, lines, raw)


def _check_range(column: Column, header: str, raw: pd.Series, value: pd.Series, lines, errors: Problems) -> None:
    if column.minimum is None and column.maximum is None:
        return
    low = (value < column.minimum).fillna(False) if column.minimum is not None else False
    high = (value > column.maximum).fillna(False) if column.maximum is not None else False
    outside = np.asarray(low | high, dtype=bool)
    if column.maximum is not None:
        allowed = f"van {column.minimum:g} tot en met {column.maximum:g}"
    else:
        allowed = f"minimaal {column.minimum:g}"
    errors.rows("range", header, f"buiten het bereik ({allowed})", f"'{{value}}' ligt buiten het bereik: {allowed}.", outside, lines, raw)


def _display(values: pd.Series) -> pd.Series:
    """Typed values as text for messages (dates as JJJJ-MM-DD)."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.strftime("%Y-%m-%d")
    return values.astype("str")


def _check_goal_rules(dataset: Dataset, table: RawTable, headers: HeaderMap, typed: dict, errors: Problems) -> None:
    if dataset.at_least_one_of:
        present = [typed[name].notna() for name in dataset.at_least_one_of]
        none = ~np.logical_or.reduce([p.to_numpy(dtype=bool) for p in present]) if present else None
        names = ", ".join(headers.header_of(n, table.headers) for n in dataset.at_least_one_of)
        if none is not None and table.row_count:
            errors.rows(
                "at_least_one_of",
                names,
                f"vul minstens één van {names} in",
                f"vul minstens één van {names} in.",
                none,
                table.lines,
            )
    if dataset.name == "goals" and "measure" in headers.positions and "target" in headers.positions:
        is_share = typed["measure"].str.endswith(SHARE_MEASURE_SUFFIX).fillna(False)
        target = typed["target"]
        outside = (is_share & (target.lt(0) | target.gt(1)).fillna(False)).to_numpy(dtype=bool)
        errors.rows(
            "share_range",
            headers.header_of("target", table.headers),
            "aandeel buiten 0..1",
            "'{value}' is geen aandeel tussen 0 en 1; schrijf bijvoorbeeld 0,8 of 80%.",
            outside,
            table.lines,
            table.column(headers.positions["target"]),
        )


def _check_unique_keys(dataset: Dataset, table: RawTable, headers: HeaderMap, typed: dict, errors: Problems) -> None:
    if not all(name in headers.positions for name in dataset.key) or not table.row_count:
        return
    keys = pd.DataFrame({name: typed[name] for name in dataset.key})
    complete = keys.notna().all(axis=1).to_numpy()
    repeated = keys.duplicated(keep="first").to_numpy() & complete
    if not repeated.any():
        return
    involved = keys.duplicated(keep=False).to_numpy() & complete
    first_line = (
        pd.Series(table.lines[involved], index=np.flatnonzero(involved))
        .groupby([keys[name][involved].to_numpy() for name in dataset.key], sort=False)
        .transform("first")
    )
    others = pd.Series(pd.NA, index=range(table.row_count), dtype="object")
    others.iloc[first_line.index] = first_line.astype(str).to_numpy()
    shown = _display(keys[dataset.key[0]])
    for name in dataset.key[1:]:
        shown = shown + " + " + _display(keys[name])
    label = " + ".join(headers.header_of(n, table.headers) for n in dataset.key)
    errors.rows(
        "unique_key",
        label,
        "sleutel komt meer dan eens voor",
        "'{value}' komt al voor op regel {other}; elke sleutel mag maar één keer in het bestand staan.",
        repeated,
        table.lines,
        shown,
        others,
    )
