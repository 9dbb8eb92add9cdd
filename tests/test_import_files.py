"""Every file in tests/files gets its exact verdict from the core, the CLI and the Data page."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pytest

from housing_monitor.cli.main import main
from housing_monitor.ingest import importer
from housing_monitor.ingest.reader import peek_headers, suggest_dataset
from tests.importing import FILES, content_checksum, file_bytes, file_state

TODAY = dt.date(2026, 11, 25)


@dataclass(frozen=True)
class Verdict:
    file: str
    dataset: str
    status: str
    added: int = 0
    updated: int = 0
    # (rule, column, count, lines of the examples shown)
    errors: tuple = ()
    warnings: tuple = ()


# Against the tiny database: municipalities GM0882, GM0392, GM0034; households HH01..HH08.
VERDICTS = [
    Verdict("placements_excel_cp1252.csv", "placements", "imported", added=5),
    Verdict("goals_excel_decimal_commas.csv", "goals", "imported", added=4),
    # GM0882 is already there with the same values: unchanged, so 3 added and 0 updated.
    Verdict("municipalities_bom_thousands.csv", "municipalities", "imported", added=3),
    Verdict("placements_utf8_comma.csv", "placements", "imported", added=2),
    Verdict(
        "integration_dutch_headers.csv",
        "integration",
        "imported",
        added=3,
        warnings=(("extra_column", "Opmerking", 1, (1,)), ("unknown_household", "household_id", 1, (4,))),
    ),
    Verdict("placements_mixed_dates.csv", "placements", "imported", added=3),
    Verdict("quota_period_forms.csv", "quota", "imported", added=4),
    Verdict(
        "nuisance_unknown_municipality.csv",
        "nuisance",
        "imported",
        added=2,
        warnings=(("unknown_municipality", "municipality_code", 1, (3,)),),
    ),
    # The BSN refusal is the only error reported, even though line 3 also has a bad housing form.
    Verdict("placements_bsn_column.csv", "placements", "refused", errors=(("bsn", "BSN", 3, (2, 3, 4)),)),
    Verdict("integration_bsn_person_id.csv", "integration", "refused", errors=(("bsn", "person_id", 1, (3,)),)),
    Verdict(
        "placements_wrong_municipality_code.csv",
        "placements",
        "refused",
        errors=(("pattern", "municipality_code", 2, (3, 4)),),
    ),
    Verdict("placements_duplicate_keys.csv", "placements", "refused", errors=(("unique_key", "placement_id", 2, (5, 6)),)),
    Verdict(
        "placements_move_out_before_move_in.csv",
        "placements",
        "refused",
        errors=(("date_order", "move_in_date", 1, (4,)), ("date_order", "move_out_date", 1, (3,))),
    ),
    Verdict(
        "placements_unknown_housing_form.csv", "placements", "refused", errors=(("type_enum", "housing_form", 2, (2, 4)),)
    ),
    Verdict("empty.csv", "placements", "refused", errors=(("empty_file", None, 1, (None,)),)),
    Verdict("header_only.csv", "placements", "refused", errors=(("no_rows", None, 1, (1,)),)),
    Verdict("binary_renamed.csv", "placements", "refused", errors=(("not_text", None, 1, (None,)),)),
    # A workbook, whatever its name, is read as one: its one data row (Excel row 2) lacks required values.
    Verdict(
        "workbook_renamed.csv",
        "placements",
        "refused",
        errors=tuple(
            ("required", column, 1, (2,))
            for column in ("housing_form", "permanent", "household_type", "household_size", "permit_date", "move_in_date")
        ),
    ),
    Verdict(
        "placements_future_move_in.csv", "placements", "refused", errors=(("not_after_today", "move_in_date", 1, (2,)),)
    ),
    Verdict(
        "placements_missing_column.csv", "placements", "refused", errors=(("missing_column", "household_id", 1, (1,)),)
    ),
    # 30 bad dates: one group, its count, and the first five lines.
    Verdict(
        "placements_many_bad_dates.csv", "placements", "refused", errors=(("type_date", "permit_date", 30, (2, 3, 4, 5, 6)),)
    ),
    Verdict("placements_ragged_row.csv", "placements", "refused", errors=(("field_count", None, 1, (3,)),)),
    # Two blank lines: the bad row is line 5 in a spreadsheet, as the report says.
    Verdict("placements_blank_lines.csv", "placements", "refused", errors=(("type_enum", "housing_form", 1, (5,)),)),
    # A quoted line break stays inside one spreadsheet row: the next row is line 3.
    Verdict("placements_multiline_project.csv", "placements", "refused", errors=(("type_bool", "permanent", 1, (3,)),)),
    # Links from a Dutch spreadsheet; HH04 lived in Haarlem before its linked date (a warning, not a refusal).
    Verdict(
        "links_excel_cp1252.csv",
        "links",
        "imported",
        added=6,
        warnings=(("extra_column", "Toelichting", 1, (1,)), ("housed_before_linking", "household_id", 1, (7,))),
    ),
    Verdict(
        "links_refused.csv",
        "links",
        "refused",
        errors=(
            ("not_after_today", "koppeldatum", 1, (7,)),
            ("type_enum", "reden_einde", 1, (6,)),
            ("date_order", "koppeldatum", 1, (5,)),
            ("date_order", "einddatum_koppeling", 1, (4,)),
            ("required_with", "reden_einde", 1, (3,)),
            ("unique_key", "huishouden_id + gemeentecode", 1, (8,)),
        ),
    ),
]
IDS = [v.file for v in VERDICTS]


def _groups(groups) -> tuple:
    return tuple((g.rule, g.column, g.count, tuple(i.line for i in g.examples)) for g in groups)


def test_every_file_in_the_folder_has_a_verdict():
    assert {p.name for p in FILES.iterdir()} == set(IDS)


@pytest.mark.parametrize("verdict", VERDICTS, ids=IDS)
def test_core_verdict(tiny_store, verdict):
    before, state = content_checksum(tiny_store), file_state(tiny_store)
    result = importer.import_file(
        tiny_store, verdict.dataset, verdict.file, file_bytes(verdict.file), user="pytest", today=TODAY
    )
    assert result.status == verdict.status
    assert (result.rows_added, result.rows_updated) == (verdict.added, verdict.updated)
    assert _groups(result.errors) == verdict.errors
    assert _groups(result.warnings) == verdict.warnings
    if verdict.status == "refused":
        assert content_checksum(tiny_store) == before
        assert file_state(tiny_store) == state  # not even opened for writing
    else:
        assert content_checksum(tiny_store) != before


@pytest.mark.parametrize("verdict", VERDICTS, ids=IDS)
def test_cli_verdict(tiny_store, capsys, verdict):
    code = main(["import", verdict.dataset, str(FILES / verdict.file), "--db", str(tiny_store.path), "--json"])
    answer = json.loads(capsys.readouterr().out)
    assert code == (1 if verdict.status == "refused" else 0)
    assert set(answer) == {"dataset", "status", "sheet", "mapping", "rows_added", "rows_updated", "errors", "warnings"}
    assert (answer["dataset"], answer["status"]) == (verdict.dataset, verdict.status)
    assert (answer["rows_added"], answer["rows_updated"]) == (verdict.added, verdict.updated)
    shown = [(e["rule"], e["column"], e["line"]) for e in answer["errors"]]
    assert shown == [(rule, col, line) for rule, col, _, lines in verdict.errors for line in lines]
    for entry in answer["errors"] + answer["warnings"]:
        assert set(entry) == {"sheet", "line", "column", "value", "rule", "message"}


NOT_TEXT = ("empty.csv", "binary_renamed.csv", "workbook_renamed.csv")


@pytest.mark.parametrize("verdict", [v for v in VERDICTS if v.file not in NOT_TEXT], ids=lambda v: v.file)
def test_columns_suggest_the_dataset(verdict):
    assert suggest_dataset(peek_headers(file_bytes(verdict.file))) == verdict.dataset


def _rows(store, sql):
    with store.reader() as con:
        return con.execute(sql).fetchall()


def test_values_land_exactly_as_meant(tiny_store):
    for name, dataset in [
        ("placements_excel_cp1252.csv", "placements"),
        ("placements_mixed_dates.csv", "placements"),
        ("goals_excel_decimal_commas.csv", "goals"),
        ("municipalities_bom_thousands.csv", "municipalities"),
        ("quota_period_forms.csv", "quota"),
    ]:
        result = importer.import_file(tiny_store, dataset, name, file_bytes(name), user="pytest", today=TODAY)
        assert result.status == "imported"
    d = dt.date
    assert _rows(
        tiny_store, "SELECT project, housing_form, permanent, household_type FROM placements WHERE placement_id = 'PX01'"
    ) == [
        ("Basisschool ’t Eikske – €-budget", "tijdelijk", False, "gezin")
    ]
    assert _rows(tiny_store, "SELECT project, corporation FROM placements WHERE placement_id = 'PX05'") == [("Zoë’s Hof", None)]
    assert _rows(
        tiny_store,
        "SELECT permit_date, linked_date, move_in_date, move_out_date FROM placements "
        "WHERE placement_id LIKE 'PM%' ORDER BY 1, 3",
    ) == [
        (d(2017, 1, 1), None, d(2017, 12, 31), d(2018, 6, 30)),
        (d(2017, 1, 5), d(2017, 1, 5), d(2017, 2, 5), None),
        (d(2017, 1, 5), None, d(2017, 2, 5), None),
    ]
    assert _rows(tiny_store, "SELECT goal_id, direction, target, period_start FROM goals ORDER BY 1") == [
        ("D01", "max", 112.5, d(2017, 1, 1)),
        ("D02", "min", 0.8, d(2017, 1, 1)),
        ("D03", "max", 12.5, d(2017, 1, 1)),
        ("D04", "min", 0.35, d(2017, 1, 1)),
    ]
    assert _rows(tiny_store, "SELECT description FROM goals WHERE goal_id = 'D01'") == [
        ("Wachttijd onder 16 weken – budget € 12.500",)
    ]
    assert _rows(
        tiny_store,
        "SELECT municipality_code, province, population, successor_code FROM municipalities "
        "WHERE municipality_code IN ('GM0363', 'GM0080', 'GM0140') ORDER BY 1",
    ) == [
        ("GM0080", "Fryslân", 125879, None),
        ("GM0140", "Fryslân", 10920, "GM0080"),
        ("GM0363", "Noord-Holland", 931298, None),
    ]
    assert _rows(tiny_store, "SELECT period, target, realised FROM quota ORDER BY 1") == [
        ("2016-H1", 40, 38), ("2016-H2", 44, None), ("2017-H1", 30, 31), ("2017-H2", 28, 1028)
    ]
    # Lower-case gm0882 is read as GM0882.
    fixed = file_bytes("placements_wrong_municipality_code.csv").replace(b"GM882", b"GM0882").replace(b",0882,", b",GM0882,")
    assert importer.import_file(tiny_store, "placements", "x.csv", fixed, user="pytest", today=TODAY).status == "imported"
    assert _rows(tiny_store, "SELECT DISTINCT municipality_code FROM placements WHERE placement_id LIKE 'PW%'") == [
        ("GM0882",)
    ]
