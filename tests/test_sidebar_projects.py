"""With many projects (national data) the Project filter offers them only once a municipality is chosen."""

from tests.apptest import open_dashboard
from ui import sidebar


def test_many_projects_wait_for_a_municipality(tiny_db_env, monkeypatch):
    monkeypatch.setattr(sidebar, "MAX_PROJECT_OPTIONS", 1)
    at = open_dashboard()
    assert at.multiselect(key="f_projects").options == []
    assert at.multiselect(key="f_projects").placeholder == "Alle projecten · kies eerst een gemeente"
    at.multiselect(key="f_municipalities").set_value(["GM0882"]).run()
    assert not at.exception
    assert at.multiselect(key="f_projects").options == ["Basisschool Landgraaf"]


def test_a_project_from_a_link_stays_chosen(tiny_db_env, monkeypatch):
    monkeypatch.setattr(sidebar, "MAX_PROJECT_OPTIONS", 1)
    at = open_dashboard(query={"project": "Basisschool Landgraaf"})
    assert at.multiselect(key="f_projects").value == ["Basisschool Landgraaf"]
    assert at.session_state["filters"].projects == ("Basisschool Landgraaf",)
