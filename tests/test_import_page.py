"""The Data page under AppTest: upload, verdict, import, the dashboard shows the new data, undo, templates, reset."""

from __future__ import annotations

import pytest

from housing_monitor.contract import DATASETS
from housing_monitor.ingest import importer
from tests.apptest import metric, open_dashboard
from tests.importing import content_checksum, file_bytes
from tests.test_import_files import VERDICTS

PAGE = "pages/data.py"


def _upload(at, name: str, data: bytes | None = None):
    at.file_uploader[0].set_value((name, file_bytes(name) if data is None else data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def _texts(elements) -> str:
    return " ".join(e.value for e in elements)


def test_page_opens_with_contents_history_and_templates(tiny_db_env):
    at = open_dashboard(page=PAGE)
    assert at.title[0].value == "Gegevens importeren"
    contents = at.dataframe[0].value
    assert dict(zip(contents["Gegevens"], contents["Rijen"]))["Huisvestingen"] == "9"
    keys = {d.key for d in at.get("download_button")}
    assert {"template_en_placements", "template_nl_placements", "example_placements"} <= keys
    assert len(keys) == 3 * len(DATASETS)  # an English and a Dutch template and an example per dataset


def test_every_test_file_gets_its_verdict_on_the_page(tiny_db_env):
    at = open_dashboard(page=PAGE)
    before = content_checksum(tiny_db_env)
    for verdict in VERDICTS:
        _upload(at, verdict.file)
        # The dataset is preset from the file's columns (placements when there are none to go by);
        # a file with BSNs has already been dropped from the page, verdict and all.
        dropped = verdict.errors[:1] and verdict.errors[0][0] == "bsn"
        boxes = [s.value for s in at.selectbox]
        # A missing column or an unknown label opens the mapping step: one more select box per column or value.
        mapping = {rule for rule, *_ in verdict.errors} & {"missing_column", "type_enum"}
        assert boxes[:1] == ([] if dropped else [verdict.dataset])
        assert (len(boxes) > 1) == bool(mapping), verdict.file
        if verdict.status == "refused":
            assert "is geweigerd" in _texts(at.error), verdict.file
            problems = at.dataframe[0].value if verdict.errors[0][0] != "bsn" else None
            if problems is not None and verdict.file == "placements_unknown_housing_form.csv":
                # The mapping step presets 'Kamerverhuur' (line 4) to woningdelen: only 'villa' is left.
                assert list(problems["Aantal"]) == [1]
            elif problems is not None:
                assert list(problems["Aantal"]) == [count for _, _, count, _ in verdict.errors], verdict.file
        else:
            assert "is goedgekeurd" in _texts(at.success), verdict.file
            assert at.button(key="import_confirm")
    assert content_checksum(tiny_db_env) == before  # checking alone never writes


def test_import_then_overview_shows_new_data_then_undo(tiny_db_env):
    overview = open_dashboard()
    # Default period 2017 (the latest year): only HH06 moved in, so the count rests on <5 households.
    assert metric(overview, "Gehuisveste huishoudens").value == "<5"

    at = open_dashboard(page=PAGE)
    _upload(at, "placements_excel_cp1252.csv")
    assert at.selectbox[0].value == "placements"  # suggested from the columns
    assert "5 rijen toegevoegd" in _texts(at.success)
    at.button(key="import_confirm").click().run()
    assert not at.exception, at.exception
    assert "is geïmporteerd als huisvestingen" in _texts(at.success)
    assert not at.file_uploader[0].value  # emptied after the import

    # HX01..HX04 first moved in during 2017-H1: with HH06 that makes 5 households.
    overview.run()
    assert metric(overview, "Gehuisveste huishoudens").value == "5"

    import_id = int(importer.history(tiny_db_env)["import_id"].iloc[0])
    at.button(key=f"undo_{import_id}").click().run()
    at.button(key=f"undo_yes_{import_id}").click().run()
    assert not at.exception, at.exception
    assert f"Import {import_id} (huisvestingen) is ongedaan gemaakt" in _texts(at.success)
    overview.run()
    assert metric(overview, "Gehuisveste huishoudens").value == "<5"


def test_bsn_file_is_dropped_from_the_session(tiny_db_env):
    at = open_dashboard(page=PAGE)
    _upload(at, "placements_bsn_column.csv")
    assert "burgerservicenummers" in _texts(at.error)
    assert not at.file_uploader[0].value
    shown = " ".join(str(frame.value.to_dict()) for frame in at.dataframe)
    for number in ("111222333", "123456782", "944117715"):
        assert number not in shown
        assert number not in " ".join(m.value for m in at.markdown)


def test_bsn_values_are_not_shown_even_in_the_run_that_refuses_the_file(tiny_db_env, monkeypatch):
    """The run that finds the BSN renders the mapping step (this file has an unknown label) before it reruns
    without the file: its example values must already leave the BSNs out."""
    from ui import importing

    monkeypatch.setattr(importing, "drop_refused", lambda results: None)  # stay in the refusing run
    at = open_dashboard(page=PAGE)
    _upload(at, "placements_bsn_column.csv")
    assert "burgerservicenummers" in _texts(at.error)
    assert "(niet getoond)" in " ".join(m.value for m in at.markdown)  # the mapping step was there
    page = " ".join(m.value for m in at.markdown) + " ".join(str(f.value.to_dict()) for f in at.dataframe)
    for number in ("111222333", "123456782", "944117715"):
        assert number not in page


def test_duplicate_file_is_reported(tiny_db_env):
    data = file_bytes("placements_utf8_comma.csv")
    assert importer.import_file(tiny_db_env, "placements", "eerder.csv", data, user="pytest").status == "imported"
    at = open_dashboard(page=PAGE)
    _upload(at, "placements_utf8_comma.csv")
    assert "al eerder geïmporteerd" in _texts(at.info)
    assert not [b for b in at.button if b.key == "import_confirm"]


@pytest.mark.slow
def test_reset_to_demo_needs_confirmation(tiny_db_env):
    at = open_dashboard(page=PAGE)
    assert at.button(key="reset_demo").disabled
    at.checkbox(key="reset_confirm").check().run()
    at.button(key="reset_demo").click().run()
    assert not at.exception, at.exception
    assert "demodata staan weer klaar" in _texts(at.success)
    with tiny_db_env.reader() as con:
        assert con.execute("SELECT count(*) FROM municipalities").fetchall()[0][0] > 3


def _signed_in(email: str):
    from streamlit.testing.v1 import AppTest

    from tests.apptest import DASHBOARD
    from tests.test_access import AUTH

    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.secrets.update(AUTH)
    at.user = {"is_logged_in": True, "email": email}
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def test_viewer_may_not_import(tiny_db_env):
    # The page is not in a viewer's navigation at all; the page itself also refuses (defence in depth).
    with pytest.raises(ValueError):
        _signed_in("wethouder@almere.nl")


def test_analyst_imports_under_their_address_but_may_not_reset(tiny_db_env):
    at = _signed_in("analist@haarlem.nl")
    assert not at.text_input  # the name comes from the sign-in
    assert not [b for b in at.button if b.key == "reset_demo"]
    _upload(at, "placements_utf8_comma.csv")
    at.button(key="import_confirm").click().run()
    assert importer.history(tiny_db_env)["imported_by"].iloc[0] == "analist@haarlem.nl"


def test_a_file_over_the_limit_gets_a_dutch_refusal_and_nothing_is_imported(tiny_db_env, monkeypatch):
    monkeypatch.setenv("HOUSING_MONITOR_MAX_UPLOAD_MB", "1")
    before = tiny_db_env.version()
    at = open_dashboard(page="pages/data.py")
    big = file_bytes("placements_utf8_comma.csv") + b"\n" * (1024 * 1024 + 200_000)
    at.file_uploader[0].set_value(("groot.csv", big, "text/csv")).run()
    assert not at.exception
    message = at.error[0].value
    assert "'groot.csv' is 1,2 MB" in message and "tot 1 MB" in message and "niets geïmporteerd" in message
    assert not [b for b in at.button if b.label == "Importeren"]
    assert tiny_db_env.version() == before
