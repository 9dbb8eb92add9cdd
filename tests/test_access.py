"""Roles and organisations: who may import, and whose project-level figures a user sees."""

import pytest

from housing_monitor.access import LOCAL, AccessConfigError, AccessPolicy
from tests.apptest import DASHBOARD, key_figures

CONFIG = {
    "default_role": "viewer",
    "users": {
        "analist@haarlem.nl": {"role": "analyst", "municipalities": ["GM0392"]},
        "beheer@provincie.nl": {"role": "admin", "all_organisations": True},
    },
    "domains": {"almere.nl": {"role": "viewer", "municipalities": ["GM0034"]}, "ymere.nl": {"corporations": ["Ymere"]}},
}


def test_exact_address_beats_domain_and_default():
    policy = AccessPolicy.from_config(CONFIG)
    analyst = policy.resolve("Analist@Haarlem.nl ")
    assert (analyst.role, analyst.municipalities, analyst.can_import, analyst.can_manage) == ("analyst", ("GM0392",), True, False)
    almere = policy.resolve("wethouder@almere.nl")
    assert (almere.role, almere.municipalities, almere.can_import) == ("viewer", ("GM0034",), False)
    stranger = policy.resolve("iemand@elders.nl")
    assert (stranger.role, stranger.municipalities, stranger.corporations) == ("viewer", (), ())


def test_project_level_figures_only_for_own_organisation():
    policy = AccessPolicy.from_config(CONFIG)
    haarlem = policy.resolve("analist@haarlem.nl")
    assert haarlem.sees_project("GM0392", "Pré Wonen")
    assert not haarlem.sees_project("GM0034", "Ymere")
    ymere = policy.resolve("medewerker@ymere.nl")
    assert ymere.sees_project("GM0034", "Ymere") and not ymere.sees_project("GM0034", "de Alliantie")
    assert policy.resolve("beheer@provincie.nl").sees_project("GM0882", None)
    assert LOCAL.sees_project("GM0882", None) and LOCAL.can_manage


def test_closed_policy_refuses_unknown_users_and_bad_roles():
    assert AccessPolicy.from_config({"default_role": "none"}).resolve("x@y.nl") is None
    with pytest.raises(AccessConfigError):
        AccessPolicy.from_config({"users": {"a@b.nl": {"role": "superuser"}}})


def _app(demo_store, user=None, secrets=None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.secrets.update(secrets or {})
    if user is not None:
        at.user = user
    return at


AUTH = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x", "client_id": "c",
                 "client_secret": "s", "server_metadata_url": "http://localhost/.well-known/openid-configuration"},
        "access": CONFIG}


def test_without_auth_the_app_says_it_runs_in_local_mode(demo_db_env):
    at = _app(demo_db_env).run()
    assert not at.exception
    assert any("Lokale modus" in i.value for i in at.sidebar.info)


@pytest.fixture(autouse=True)
def _error_details_restored():
    """Sign-in configured hides error details process-wide; the next test gets Streamlit's setting back."""
    from streamlit import config

    from ui import auth

    before = config.get_option("client.showErrorDetails")
    auth._provider_problem.clear()
    yield
    config.set_option("client.showErrorDetails", before)


def test_signed_out_user_sees_only_a_sign_in_button(demo_db_env, monkeypatch):
    from tests.test_signin_rules import METADATA

    monkeypatch.setattr("ui.auth_check.fetch_metadata", lambda url, timeout=5.0: METADATA)
    at = _app(demo_db_env, user={"is_logged_in": False}, secrets=AUTH).run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Inloggen"]
    assert not key_figures(at)


def test_viewer_of_another_organisation_sees_no_foreign_projects(demo_db_env):
    at = _app(demo_db_env, user={"is_logged_in": True, "email": "wethouder@almere.nl"}, secrets=AUTH).run()
    assert not at.exception
    projects = at.multiselect(key="f_projects").options
    assert "Almere-Haven" in projects
    assert "Basisschool Landgraaf" not in projects and "Woningdelen Haarlem" not in projects
    assert "wethouder@almere.nl (kijker)" in " ".join(c.value for c in at.sidebar.caption)


def test_viewer_has_no_import_page_and_analyst_has(demo_db_env):

    viewer = _app(demo_db_env, user={"is_logged_in": True, "email": "wethouder@almere.nl"}, secrets=AUTH).run()
    with pytest.raises(Exception):  # not a registered page for a viewer
        viewer.switch_page("pages/data.py")
    analyst = _app(demo_db_env, user={"is_logged_in": True, "email": "analist@haarlem.nl"}, secrets=AUTH).run()
    analyst.switch_page("pages/data.py").run()
    assert not analyst.exception
    assert analyst.file_uploader, "an analyst gets the upload"


FOREIGN_PROJECTS = ("Basisschool Landgraaf", "Woningdelen Haarlem", "Pastorie Veere")


def _everything_shown(at) -> str:
    """All text a page shows: tables, texts, key figures, choices and the data inside its charts."""
    parts = [d.value.to_csv() for d in at.dataframe]
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader"):
        parts += [e.value for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in key_figures(at)]
    for kind in ("selectbox", "multiselect", "radio"):
        parts += [" ".join(map(str, w.options)) for w in getattr(at, kind)]
    parts += [c.proto.spec for c in at.get("plotly_chart")]
    return "\n".join(parts)


def test_no_page_shows_another_organisations_project(demo_db_env):
    """An Almere viewer walks every page (projects split out where a page offers it) and never meets one."""
    from tests.test_no_small_numbers import PAGES

    at = _app(demo_db_env, user={"is_logged_in": True, "email": "wethouder@almere.nl"}, secrets=AUTH).run()
    at.select_slider(key="f_period").set_value(("2015-H1", "2024-H2")).run()  # every project's years
    splits = {"pages/pathways.py": ("selectbox", "doorstroom_groep", "project"),
              "pages/nuisance.py": ("selectbox", "nuisance_split", "project")}
    seen_own = False
    for page in PAGES:
        if page == "pages/data.py":
            continue  # not a page for a viewer (test_viewer_has_no_import_page_and_analyst_has)
        if page == "pages/definitions.py":
            continue  # the contract's column help names the seed's school as an example, not as data
        at.switch_page(page).run()
        assert not at.exception, page
        if page in splits:
            kind, key, value = splits[page]
            getattr(at, kind)(key=key).set_value(value).run()
        if page == "pages/compare.py":
            at.radio(key="cmp_kind").set_value("project").run()
            assert "Almere-Haven" in at.multiselect(key="cmp_items_project").options
        shown = _everything_shown(at)
        for project in FOREIGN_PROJECTS:
            assert project not in shown, f"{project} on {page}"
        seen_own = seen_own or "Almere-Haven" in shown
    assert seen_own, "the viewer's own project never showed: the walk proves nothing"
