"""Own column names and labels: suggested, given on the command line, saved, applied again, in backups and the log."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from housing_monitor.cli.main import main
from housing_monitor.contract import DATASETS
from housing_monitor.db import backup
from housing_monitor.db.store import Store
from housing_monitor.ingest import importer
from housing_monitor.ingest.mapping import (
    Mapping,
    MappingError,
    guess_dataset,
    headers_signature,
    parse_options,
    suggest_code,
    suggest_columns,
)
from tests.importing import content_checksum, file_state
from tests.own_files import (
    NEXT_MONTH_ROWS,
    OWN_COLUMNS,
    OWN_HEADERS,
    OWN_VALUES,
    cli_options,
    own_csv,
)

TODAY = dt.date(2026, 11, 25)
PLACEMENTS = DATASETS["placements"]


def test_own_headers_get_their_contract_column_suggested():
    suggested = {s.header: s.column for s in suggest_columns(PLACEMENTS, OWN_HEADERS)}
    assert suggested == {
        **OWN_COLUMNS,
        "Gemeente": "municipality_name",  # the Dutch alias itself
        "Aantal personen": "household_size",  # 'aantal_personen' with a space
    }


@pytest.mark.parametrize(
    "header, column, how",
    [
        ("Ingangsdatum huurcontract", "move_in_date", "synoniem"),
        ("Startdatum", "move_in_date", "naam"),
        ("Huishoudentype", "household_type", "gelijkend"),  # close to 'huishoudtype'
        ("Vergunningdatum ", "permit_date", "synoniem"),
        ("Kleur van de deur", None, ""),
    ],
)
def test_one_header_suggestion(header, column, how):
    [suggestion] = suggest_columns(PLACEMENTS, [header])
    assert (suggestion.column, suggestion.how) == (column, how)


def test_a_contract_column_is_suggested_once():
    suggested = [s.column for s in suggest_columns(PLACEMENTS, ["Sleuteldatum", "Startdatum"])]
    assert suggested == [None, "move_in_date"]  # the exact alias wins over the synonym


@pytest.mark.parametrize(
    "value, code",
    [("Eengezinswoning", "zelfstandig"), ("Kamerverhuur", "woningdelen"), ("Flexwoningen", "flexwoning"), ("Iglo", None)],
)
def test_value_suggestion(value, code):
    assert suggest_code(PLACEMENTS.column("housing_form"), value) == code


def test_cli_options_split_as_documented():
    mapping = parse_options(
        PLACEMENTS,
        ["Datum a=b=startdatum", "CBS-code = gemeentecode"],
        ["woonvorm:Huis: groot=Zelfstandige woning", "housing_form:Kamer=woningdelen"],
    )
    assert mapping.columns == {"Datum a=b": "move_in_date", "CBS-code": "municipality_code"}
    assert mapping.values == {"housing_form": {"Huis: groot": "zelfstandig", "Kamer": "woningdelen"}}


@pytest.mark.parametrize(
    "maps, values, message",
    [
        (["Sleuteldatum"], [], "schrijf EIGEN KOLOMNAAM=kolom"),
        (["Sleuteldatum=verhuisdag"], [], "'verhuisdag' is geen kolom van huisvestingen"),
        ([], ["woonvorm=zelfstandig"], "schrijf kolom:EIGEN WAARDE=code"),
        ([], ["woonvorm:Iglo=iglo"], "'iglo' is geen waarde van 'housing_form'"),
        ([], ["startdatum:gisteren=2024-01-01"], "'move_in_date' is geen keuzelijst"),
    ],
)
def test_cli_options_refused_in_dutch(maps, values, message):
    with pytest.raises(MappingError, match=message):
        parse_options(PLACEMENTS, maps, values)


def test_own_file_is_refused_as_it_is_with_a_hint(tiny_store):
    before = file_state(tiny_store)
    result = importer.import_file(tiny_store, "placements", "eigen.csv", own_csv(), user="t", today=TODAY)
    assert result.status == "refused"
    messages = [i.message for g in result.errors for i in g.issues()]
    assert "De verplichte kolom 'move_in_date' (of 'startdatum') ontbreekt in de kopregel. Bedoelt u met " \
        "'Sleuteldatum' de startdatum?" in messages
    assert len(messages) == 8  # the eight required columns the file names in its own way
    assert file_state(tiny_store) == before


def test_an_unmapped_label_is_refused(tiny_store):
    values = {"housing_form": {"Eengezinswoning": "zelfstandig"}, "household_type": OWN_VALUES["household_type"]}
    result = importer.import_file(
        tiny_store, "placements", "eigen.csv", own_csv(), user="t", today=TODAY, mapping=Mapping(OWN_COLUMNS, values)
    )
    assert result.status == "refused"
    [issue] = [i for g in result.errors for i in g.issues()]
    assert (issue.rule, issue.column, issue.line, issue.value) == ("type_enum", "Type woning", 3, "Kamerverhuur")


def test_cli_import_with_mapping_then_the_next_file_without_questions(tiny_store, tmp_path, capsys):
    db = str(tiny_store.path)
    first, second = tmp_path / "export_2026_11.csv", tmp_path / "export_2026_12.csv"
    first.write_bytes(own_csv())
    second.write_bytes(own_csv(NEXT_MONTH_ROWS))

    assert main(["import", "placements", str(first), "--db", db]) == 1
    assert "Bedoelt u met 'Sleuteldatum' de startdatum?" in capsys.readouterr().out

    version = tiny_store.version()
    code = main(["import", "placements", str(first), "--db", db, *cli_options(), "--save-mapping", "Woonkompas", "--json"])
    answer = json.loads(capsys.readouterr().out)
    assert (code, answer["status"], answer["rows_added"]) == (0, "imported", 3)
    assert answer["mapping"]["name"] == "Woonkompas"
    assert tiny_store.version() != version  # the import changed the data

    # Saving a mapping alone does not change the data version: cached results stay warm.
    version, snapshot = tiny_store.version(), tiny_store.current_snapshot()
    importer.save_mapping(tiny_store, "placements", "Tweede", OWN_HEADERS, Mapping(OWN_COLUMNS, OWN_VALUES), "t")
    assert tiny_store.version() == version and tiny_store.current_snapshot() != snapshot

    assert main(["import", "placements", str(second), "--db", db, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert (answer["status"], answer["rows_added"], answer["mapping"]["name"]) == ("imported", 1, "Tweede")

    log = importer.history(tiny_store)
    assert log[["file_name", "mapping_name"]].head(2).values.tolist() == [
        ["export_2026_12.csv", "Tweede"],
        ["export_2026_11.csv", "Woonkompas"],
    ]
    with tiny_store.reader() as con:
        used = json.loads(con.execute("SELECT mapping FROM import_log WHERE mapping_name = 'Woonkompas'").fetchall()[0][0])
    assert used["columns"]["Sleuteldatum"] == "move_in_date"
    assert used["values"]["housing_form"] == {"Eengezinswoning": "zelfstandig", "Kamerverhuur": "woningdelen"}

    # Undo is exact for a mapped import too.
    assert main(["undo", str(int(log["import_id"].iloc[0])), "--db", db]) == 0
    assert "is ongedaan gemaakt: 1 rij verwijderd" in capsys.readouterr().out
    with tiny_store.reader() as con:
        assert con.execute("SELECT count(*) FROM placements WHERE placement_id = 'D-1004'").fetchall() == [(0,)]
        assert con.execute("SELECT housing_form FROM placements WHERE placement_id = 'D-1002'").fetchall() == [
            ("woningdelen",)
        ]

    assert main(["mappings", "placements", "--db", db, "--json"]) == 0
    assert [m["name"] for m in json.loads(capsys.readouterr().out)] == ["Tweede", "Woonkompas"]


def test_cli_named_mapping_and_unknown_name(tiny_store, tmp_path, capsys):
    importer.save_mapping(tiny_store, "placements", "Woonkompas", OWN_HEADERS, Mapping(OWN_COLUMNS, OWN_VALUES), "t")
    changed = tmp_path / "andere_volgorde.csv"
    # Other headers (one more column): the saved mapping is not applied by itself, but can be named.
    changed.write_bytes(own_csv().replace(b"Sleuteldatum", b"Sleuteldatum;Opmerking", 1))
    assert main(["import", "placements", str(changed), "--db", str(tiny_store.path), "--dry-run"]) == 1
    capsys.readouterr()
    assert main(["import", "placements", str(changed), "--db", str(tiny_store.path), "--dry-run", "--mapping", "Woonkompas"]) == 0
    assert "Met kolomkoppeling 'Woonkompas'" in capsys.readouterr().out
    assert main(["import", "placements", str(changed), "--db", str(tiny_store.path), "--mapping", "Onbekend"]) == 1
    assert "Er is geen bewaarde kolomkoppeling 'Onbekend' voor huisvestingen (wel: 'Woonkompas')" in capsys.readouterr().out


def test_mappings_survive_a_restart_and_are_in_backups(tiny_store, tmp_path):
    importer.save_mapping(tiny_store, "placements", "Woonkompas", OWN_HEADERS, Mapping(OWN_COLUMNS, OWN_VALUES), "t")
    [saved] = importer.saved_mappings(Store(tiny_store.path))  # a new process sees it
    assert (saved.name, saved.headers_signature) == ("Woonkompas", headers_signature(OWN_HEADERS))
    archive = tmp_path / "backup.zip"
    assert "column_mapping" in backup.backup(tiny_store, archive).tables
    restored = Store(tmp_path / "elders" / "monitor.duckdb")
    backup.restore(restored, archive)
    [again] = importer.saved_mappings(restored)
    assert again.mapping.columns == OWN_COLUMNS and again.mapping.values == OWN_VALUES


def test_a_refused_mapped_file_changes_nothing(tiny_store):
    before, state = content_checksum(tiny_store), file_state(tiny_store)
    bad = own_csv([row[:10] + ["03-01-2017", "31-02-2017"] for row in NEXT_MONTH_ROWS])
    result = importer.import_file(
        tiny_store, "placements", "x.csv", bad, user="t", today=TODAY, mapping=Mapping(OWN_COLUMNS, OWN_VALUES)
    )
    assert result.status == "refused"
    assert [i.message for g in result.errors for i in g.issues()][0].startswith("Regel 2, kolom 'Sleuteldatum': '31-02-2017'")
    assert content_checksum(tiny_store) == before and file_state(tiny_store) == state


@pytest.mark.parametrize(
    "headers, datasets",
    [
        (OWN_HEADERS, ["placements"]),
        (["gemeentecode", "gemeente", "provincie"], ["municipalities"]),
        (["signaal", "kleur"], []),
        (["huishouden_id", "gemeentecode"], ["placements", "links", "nuisance", "integration"]),  # asked: they fit equally
    ],
)
def test_dataset_guessed_from_the_headers(headers, datasets):
    assert guess_dataset(headers) == datasets


def test_cli_map_with_nothing_after_the_equals_sign_leaves_a_column_out(tiny_store, tmp_path, capsys):
    path = tmp_path / "eigen.csv"
    path.write_bytes(own_csv())
    args = ["import", "placements", str(path), "--db", str(tiny_store.path), "--dry-run", "--json", *cli_options()]
    assert main([*args, "--map", "Gemeente="]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["mapping"]["columns"]["Gemeente"] == ""
    assert [w["message"] for w in answer["warnings"]] == [
        "De kolom 'Gemeente' hoort niet bij huisvestingen en wordt genegeerd."
    ]


def test_import_order_covers_every_dataset():
    """Several files are imported in this order; a dataset missing from it broke the multi-file page once."""
    assert sorted(importer.IMPORT_ORDER) == sorted(DATASETS)
    assert importer.IMPORT_ORDER.index("municipalities") < importer.IMPORT_ORDER.index("links") < \
        importer.IMPORT_ORDER.index("placements")
