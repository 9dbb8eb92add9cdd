"""Every page runs under AppTest and shows real values; every page file is registered."""

from dataclasses import replace
from pathlib import Path

import pytest

from housing_monitor.access import LOCAL
from tests.apptest import metric, open_dashboard
from ui import pages

REPO = Path(__file__).resolve().parent.parent


def test_every_page_file_is_registered():
    registered = [spec.file for spec in pages.PAGES]
    on_disk = {f"pages/{p.name}" for p in (REPO / "pages").glob("*.py")}
    assert on_disk == set(registered) and len(registered) == len(on_disk)


def test_every_page_has_a_dutch_url_path_unlike_its_file_name():
    for spec in pages.PAGES:
        assert spec.url_path and spec.url_path != Path(spec.file).stem, spec
    assert len({spec.url_path for spec in pages.PAGES}) == len(pages.PAGES)
    assert [spec.url_path for spec in pages.PAGES if spec.default] == ["overzicht"]


def test_the_router_offers_the_listed_pages_and_viewers_no_import_page(tiny_db_env):
    at = open_dashboard()
    assert [page.url_path for page in at.session_state["page_map"].values()] == [
        spec.address for spec in pages.PAGES
    ]
    viewer = replace(LOCAL, role="viewer")
    assert [spec.url_path for spec in pages.PAGES if not spec.visible_to(viewer)] == ["gegevens"]


def test_overview_shows_key_figures_for_the_selected_period(tiny_db_env):
    at = open_dashboard(query={"van": "2016-H1", "tot": "2016-H2"})
    assert at.title[0].value == "Overzicht"
    assert metric(at, "Gehuisveste personen").value == "17"
    assert metric(at, "Gehuisveste huishoudens").value == "7"
    # Waiting days 30,30,60,90,121,131,183 → median 90 days = 12,9 weeks.
    assert metric(at, "Wachttijd tot eerste woning (mediaan)").value == "12,9 weken"


def test_overview_suppresses_small_selection(tiny_db_env):
    at = open_dashboard(query={"van": "2016-H1", "tot": "2016-H2", "gemeente": "GM0034"})
    assert metric(at, "Gehuisveste personen").value == "<5"
    assert metric(at, "Wachttijd tot eerste woning (mediaan)").value == "<5"


def test_sidebar_change_updates_figures_and_link(tiny_db_env):
    at = open_dashboard()
    at.select_slider(key="f_period").set_value(("2016-H1", "2016-H1")).run()
    assert metric(at, "Gehuisveste huishoudens").value == "<5"
    at.select_slider(key="f_period").set_value(("2016-H1", "2016-H2")).run()
    assert metric(at, "Gehuisveste huishoudens").value == "7"
    assert at.query_params["van"] == "2016-H1"


def test_unknown_code_in_link_gives_a_notice_not_a_crash(tiny_db_env):
    at = open_dashboard(query={"gemeente": "GM9999,GM0882"})
    notices = " ".join(w.value for w in at.warning)
    assert "GM9999" in notices
    assert at.multiselect(key="f_municipalities").value == ["GM0882"]


def test_period_outside_data_in_link_falls_back_with_notice(tiny_db_env):
    at = open_dashboard(query={"van": "2030-H1", "tot": "2030-H2"})
    assert "valt buiten de gegevens" in " ".join(w.value for w in at.warning)
    assert at.select_slider(key="f_period").value == ("2017-H1", "2017-H1")


@pytest.mark.parametrize("dataset", ["Huisvestingen", "Overlastsignalen", "Integratie", "Taakstelling", "Doelen (optioneel)"])
def test_definitions_page_is_generated_from_the_contract(tiny_db_env, dataset):
    at = open_dashboard(page="pages/definitions.py")
    assert dataset in [s.value for s in at.subheader]
    tables = [t.value for t in at.dataframe]
    placements = next(t for t in tables if "vergunningsdatum" in set(t["Nederlandse naam"]))
    assert placements.loc[placements["Kolom"] == "municipality_code", "Regels"].iloc[0].startswith("'GM'")


def test_overview_on_demo_data_shows_latest_year_against_previous(demo_db_env):
    at = open_dashboard()
    persons = metric(at, "Gehuisveste personen")
    assert persons.value not in ("<5", "–") and int(persons.value.replace(".", "")) > 1000
    assert persons.delta is not None
    assert "weken" in metric(at, "Wachttijd tot eerste woning (mediaan)").value


def test_share_link_is_filled_when_its_panel_opens(tiny_db_env):
    at = open_dashboard(query={"van": "2016-H1", "tot": "2016-H1"})
    assert not at.sidebar.code, "closed: no link block (its script would slow every first page)"
    at.session_state["share_open"] = True  # what opening the panel does
    at.run()
    link = at.sidebar.code[0].value
    assert "van=2016-H1" in link and "tot=2016-H1" in link
    assert [b.label for b in at.sidebar.button if b.key == "pres_start_here"] == ["Presenteer deze weergave"]


def test_no_download_reruns_the_page(tiny_db_env):
    # A rerun sent with the click races the deferred file request; under load the file never came.
    at = open_dashboard()
    seen = 0
    for page in [spec.file for spec in pages.PAGES]:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        buttons = at.get("download_button")
        seen += len(buttons)
        assert [b.label for b in buttons if not b.proto.ignore_rerun] == [], page
    assert seen > 30
