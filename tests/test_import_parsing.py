"""Reading and interpreting cells: encodings, delimiters, Dutch numbers and dates, enumerations, BSN detection."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from housing_monitor.contract import DATASETS
from housing_monitor.ingest import reader, validation


def _series(*values) -> pd.Series:
    return pd.Series(list(values), dtype="str")


@pytest.mark.parametrize(
    "data, encoding",
    [
        ("Zoë’s € – Pré".encode("cp1252"), "cp1252"),
        ("Zoë’s € – Pré".encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + "Zoë’s € – Pré".encode("utf-8"), "utf-8-sig"),
        ("Zoë’s € – Pré".encode("utf-16"), "utf-16"),
    ],
)
def test_decode_keeps_euro_and_quotes(data, encoding):
    assert reader.decode(data) == ("Zoë’s € – Pré", encoding)


def test_cp1252_deep_in_a_large_file_is_found():
    data = ("a;b\n" + "x;y\n" * 200_000 + "Zoë;€\n").encode("cp1252")
    text, encoding = reader.decode(data)
    assert encoding == "cp1252" and text.endswith("Zoë;€\n")


@pytest.mark.parametrize(
    "first_line, delimiter",
    [("a;b;c", ";"), ("a,b,c", ","), ("a\tb\tc", "\t"), ('"x, y";b;c', ";"), ("a", ";")],
)
def test_sniff_delimiter(first_line, delimiter):
    assert reader.sniff_delimiter(first_line + "\n1;2;3\n") == delimiter


def test_header_names_ignore_case_spaces_accents_and_dashes():
    assert reader.normalise_header(" Aantal personen ") == reader.normalise_header("aantal_personen")
    assert reader.normalise_header("HUISHOUDEN-ID") == "huishoudenid"
    assert reader.normalise_header("Fryslân") == "fryslan"


def test_line_numbers_follow_the_spreadsheet():
    data = b"\n\nplacement_id;x\nA;1\n\n;\nB;2\n"
    table = reader.read_table(data)
    # Two blank lines above the header make it line 3; the blank line and the ';' row are skipped.
    assert list(table.lines) == [4, 7]
    assert table.blank_rows == 2
    assert list(table.column(0)) == ["A", "B"]


def test_cells_are_trimmed_and_empty_is_missing():
    table = reader.read_table(b"a,b\n  x , \n")
    assert table.column(0).tolist() == ["x"] and table.column(1).isna().all()


@pytest.mark.parametrize(
    "text, dutch_file, expected",
    [
        ("17.942.942", True, 17942942.0),
        ("17.942.942", False, 17942942.0),
        ("1.234", True, 1234.0),  # a semicolon file is Dutch: the dot groups thousands
        ("1.234", False, 1.234),  # a comma file writes decimals with a dot
        ("0,8", True, 0.8),
        ("1.234,5", False, 1234.5),
        ("0.8", True, 0.8),
        ("80%", True, 0.8),
        ("12,5 %", True, 0.125),
        ("-3", True, -3.0),
        ("1,2,3", True, None),
        ("12.34.5", True, None),
        ("1e5", True, None),
        ("abc", True, None),
    ],
)
def test_numbers(text, dutch_file, expected):
    parsed = validation._parse_numbers(_series(text), dutch_file, allow_percent=True, thousands_first=False)
    assert (None if pd.isna(parsed.iloc[0]) else parsed.iloc[0]) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2016-09-22", dt.date(2016, 9, 22)),
        ("22-09-2016", dt.date(2016, 9, 22)),
        ("2-9-2016", dt.date(2016, 9, 2)),
        ("22/09/2016", dt.date(2016, 9, 22)),
        ("29-02-2016", dt.date(2016, 2, 29)),
        ("2016-09-22 00:00:00", dt.date(2016, 9, 22)),
        ("29-02-2017", None),
        ("2016-13-01", None),
        ("09/22/2016", None),
        ("22.09.2016", None),
        ("22-09-16", None),
    ],
)
def test_dates(text, expected):
    parsed = validation._parse_dates(_series(text)).iloc[0]
    assert (None if pd.isna(parsed) else parsed.date()) == expected


@pytest.mark.parametrize("text", ["ja", "JA", "j", "yes", "true", "1", "Waar"])
def test_true(text):
    assert validation._parse_bools(_series(text)).tolist() == [True]


@pytest.mark.parametrize("text", ["nee", "N", "no", "FALSE", "0"])
def test_false(text):
    assert validation._parse_bools(_series(text)).tolist() == [False]


@pytest.mark.parametrize(
    "text, expected",
    [("2016-H1", "2016-H1"), ("2016-1", "2016-H1"), ("2016 H2", "2016-H2"), ("h2 2016", "2016-H2"), ("2016-H3", None)],
)
def test_periods(text, expected):
    assert validation._parse_period(_series(text)).iloc[0] == expected


def test_enum_spellings_never_collide():
    """Within a column, no code or label may normalise to another value's spelling."""
    for dataset in DATASETS.values():
        for column in dataset.columns:
            if column.enum:
                lookup = validation.enum_lookup(column)
                for code, label in column.enum.items():
                    assert lookup[reader.normalise_header(code)] == code
                    assert lookup[reader.normalise_header(label)] == code


def test_enum_accepts_code_or_label_in_any_case():
    column = DATASETS["placements"].column("housing_form")
    spellings = _series("Zelfstandige woning", "WONINGDELEN", "Getransformeerd vastgoed", "kamer")
    parsed = validation._parse_enum(spellings, validation.enum_lookup(column))
    assert parsed.tolist()[:3] == ["zelfstandig", "woningdelen", "transformatie"] and pd.isna(parsed.iloc[3])


def test_eleven_test():
    numbers = _series("111222333", "123456782", "123456789", "000000000")
    assert validation.eleven_test(numbers).tolist() == [True, True, False, False]


def test_bsn_shaped_includes_a_lost_leading_zero():
    cells = _series("12345672", "012345672", "1234567", "P12345672", None)
    assert validation.bsn_shaped(cells).tolist() == [True, True, False, False, False]


def _bsn_groups(csv: str, dataset="placements"):
    table = reader.read_table(csv.encode())
    spec = DATASETS[dataset]
    return validation.find_bsn(spec, table, reader.map_headers(spec, table)).groups


def test_numeric_codes_that_happen_to_pass_the_eleven_test_are_not_a_bsn_column():
    rng = np.random.default_rng(1)
    codes = [str(v) for v in rng.integers(100_000_000, 999_999_999, 200)]
    passing = validation.eleven_test(_series(*codes)).sum()
    assert 5 < passing < 40  # about 1 in 11
    csv = "placement_id,x\n" + "".join(f"{c},1\n" for c in codes)
    assert _bsn_groups(csv) == []


def test_one_bsn_in_a_pseudonym_column_refuses():
    csv = "placement_id,household_id\nP1,H1\nP2,111222333\nP3,H3\n"
    [group] = _bsn_groups(csv)
    assert (group.column, group.count, group.examples[0].line, group.examples[0].value) == ("household_id", 1, 3, None)


def test_bsn_in_a_description_refuses():
    csv = "intervention_id,description\nI1,Bewoner 1112.22.333 gesproken\nI2,Buddy gekoppeld\n"
    [group] = _bsn_groups(csv, "interventions")
    assert (group.column, group.examples[0].line) == ("description", 2)


def test_column_named_bsn_refuses_on_one_value():
    [group] = _bsn_groups("placement_id,BSN-nummer\nP1,\nP2,111222333\nP3,onbekend\n")
    assert group.column == "BSN-nummer"
