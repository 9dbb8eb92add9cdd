"""Property: no file, however mangled, raises an unhandled exception, and a refused file changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from housing_monitor.contract import DATASETS
from housing_monitor.ingest import importer
from tests.conftest import build_store
from tests.importing import content_checksum, file_bytes, file_state

TODAY = dt.date(2026, 11, 25)
VALID_FILES = {
    "placements": file_bytes("placements_excel_cp1252.csv"),
    "integration": file_bytes("integration_dutch_headers.csv"),
    "goals": file_bytes("goals_excel_decimal_commas.csv"),
    "quota": file_bytes("quota_period_forms.csv"),
}
SETTINGS = settings(
    max_examples=int(__import__("os").environ.get("IMPORT_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
DATASET_TABLES = tuple(DATASETS)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("property") / "monitor.duckdb", "tiny")


def _check(store, dataset: str, data: bytes) -> None:
    """Import; a refusal leaves the files untouched, an accepted file is undone back to the same content."""
    before_files, before_content = file_state(store), content_checksum(store, DATASET_TABLES)
    result = importer.import_file(store, dataset, "fuzz.csv", data, user="hypothesis", today=TODAY)
    assert result.status in importer.STATUSES
    if result.status == "refused":
        assert result.errors
        assert file_state(store) == before_files
    elif result.status == "imported":
        importer.undo(store, result.import_id, user="hypothesis")
        assert content_checksum(store, DATASET_TABLES) == before_content


@SETTINGS
@given(dataset=st.sampled_from(sorted(DATASETS)), data=st.binary(max_size=2000))
def test_random_bytes(store, dataset, data):
    _check(store, dataset, data)


@st.composite
def mutated(draw):
    dataset = draw(st.sampled_from(sorted(VALID_FILES)))
    data = bytearray(VALID_FILES[dataset])
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "insert", "replace", "duplicate_line", "swap_delimiter", "truncate"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=20))
        elif kind == "replace" and data:
            data[at] = draw(st.sampled_from(b";,\"\n\r\x00\xff\xe9\x80 0123456789-/GMjanee"))
        elif kind == "duplicate_line":
            lines = bytes(data).split(b"\n")
            pick = draw(st.integers(0, len(lines) - 1))
            lines.insert(pick, lines[pick])
            data = bytearray(b"\n".join(lines))
        elif kind == "swap_delimiter":
            data = bytearray(bytes(data).replace(b";", b",") if b";" in data else bytes(data).replace(b",", b";"))
        elif kind == "truncate":
            del data[at:]
    return dataset, bytes(data)


@SETTINGS
@given(case=mutated())
def test_mutations_of_valid_files(store, case):
    dataset, data = case
    _check(store, dataset, data)
