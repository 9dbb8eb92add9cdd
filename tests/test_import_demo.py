"""The demo data as CSV files import cleanly, and give exactly the database the demo loader builds."""

from __future__ import annotations

import pytest

from housing_monitor.contract import DATASETS
from housing_monitor.db.store import Store
from housing_monitor.demo import generate as demo
from housing_monitor.ingest import importer, templates
from housing_monitor.ingest.reader import peek_headers, read_table, suggest_dataset
from tests.importing import content_checksum

# Reference data first, then what links to it: no cross-dataset warnings at all.
ORDER = ("municipalities", "links", "placements", "nuisance", "integration", "quota", "interventions", "goals")


@pytest.mark.slow
def test_demo_csvs_import_to_the_same_database_as_the_demo_loader(tmp_path, demo_store):
    paths = {p.stem: p for p in demo.write_csvs(demo.generate(scale="demo"), tmp_path / "csv")}
    assert set(ORDER) == set(paths) == set(DATASETS)
    store = Store(tmp_path / "imported.duckdb")
    for name in ORDER:
        data = paths[name].read_bytes()
        result = importer.import_file(store, name, paths[name].name, data, user="pytest", today=demo.REFERENCE_DATE)
        assert (result.status, result.errors, result.warnings) == ("imported", [], []), name
        assert result.rows_added == result.rows_in_file > 0
    tables = tuple(DATASETS) + ("household_pathway", "link_status")
    assert content_checksum(store, tables) == content_checksum(demo_store, tables)


@pytest.mark.parametrize("name", list(DATASETS))
@pytest.mark.parametrize("dutch_headers", [False, True])
def test_templates_name_every_column_and_suggest_their_dataset(name, dutch_headers):
    data = templates.template_csv(name, dutch_headers=dutch_headers)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 with a BOM correctly
    table = read_table(data)
    expected = [c.alias if dutch_headers else c.name for c in DATASETS[name].columns]
    assert table.headers == expected and table.row_count == 0
    assert suggest_dataset(peek_headers(data)) == name


@pytest.mark.slow
def test_example_files_are_the_demo_data():
    example = templates.example_csv("quota")
    assert suggest_dataset(peek_headers(example)) == "quota"
    assert read_table(example).row_count == len(demo.generate(scale="demo")["quota"])
