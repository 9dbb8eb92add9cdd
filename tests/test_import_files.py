"""Every file in tests/files gets its exact verdict from the core, the CLI and the Data page."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pytest

from housing_monitor import importer
from housing_monitor.cli import main
from housing_monitor.reader import peek_headers, suggest_dataset
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
    Verdict("workbook_renamed.csv", "placements", "refused", errors=(("not_text", None, 1, (None,)),)),
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
    assert set(answer) == {"dataset", "status", "rows_added", "rows_updated", "errors", "warnings"}
    assert (answer["dataset"], answer["status"]) == (verdict.dataset, verdict.status)
    assert (answer["rows_added"], answer["rows_updated"]) == (verdict.added, verdict.updated)
    shown = [(e["rule"], e["column"], e["line"]) for e in answer["errors"]]
    assert shown == [(rule, col, line) for rule, col, _, lines in verdict.errors for line in lines]
    for entry in answer["errors"] + answer["warnings"]:
        assert set(entry) == {"line", "column", "value", "rule", "message"}


@pytest.mark.parametrize("verdict", [v for v in VERDICTS if v.file not in ("empty.csv", "binary_renamed.csv", "workbook_renamed.csv")], ids=lambda v: v.file)
def test_columns_suggest_the_dataset(verdict):
    assert suggest_dataset(peek_headers(file_bytes(verdict.file))) == verdict.dataset
