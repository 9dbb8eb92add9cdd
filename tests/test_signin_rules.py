"""Sign-in rules without a provider: settings checks, the kept view, the identity claim, Dutch answers (AppTest)."""

import pytest

from housing_monitor.access import AccessConfigError, AccessPolicy
from tests.apptest import DASHBOARD, key_figures
from ui import auth_check
from ui.signin import parse_view

METADATA = {
    "issuer": "http://127.0.0.1:9/", "authorization_endpoint": "http://127.0.0.1:9/auth",
    "token_endpoint": "http://127.0.0.1:9/token", "jwks_uri": "http://127.0.0.1:9/jwks",
}
README_AUTH = {
    "redirect_uri": "https://monitor.example.nl/oauth2callback", "cookie_secret": "a long random string",
    "client_id": "woonmonitor", "client_secret": "...",
    "server_metadata_url": "https://login.example.nl/realms/gemeente/.well-known/openid-configuration",
}
PAGES = {"", "kaart", "vergelijken", "presentatie"}


@pytest.mark.parametrize("value, base, expected", [
    ("/vergelijken?vergelijk=gemeente&kies=GM0882,GM0392", "", ("vergelijken", {"vergelijk": "gemeente", "kies": "GM0882,GM0392"})),
    ("%2Fvergelijken%3Fvergelijk%3Dgemeente%26kies%3DGM0882%2CGM0392", "", ("vergelijken", {"vergelijk": "gemeente", "kies": "GM0882,GM0392"})),
    ("/?gemeente=GM0882&presentatie=1&stap=2", "", ("", {"gemeente": "GM0882", "presentatie": "1", "stap": "2"})),
    ("/", "", ("", {})),
    ("/kaart/", "", ("kaart", {})),
    ("/woonmonitor/kaart?van=2016-H1", "/woonmonitor", ("kaart", {"van": "2016-H1"})),
    ("/woonmonitor", "/woonmonitor", ("", {})),
    ("/kaart", "/woonmonitor", None),          # outside the app's base path
    ("/woonmonitorx/kaart", "/woonmonitor", None),
    ("//evil.example/kaart", "", None),        # another site, never
    ("https://evil.example/kaart", "", None),
    ("kaart", "", None),
    ("/onbekend?x=1", "", None),               # not a page of this app (or not one for this user)
    ("", "", None),
    (None, "", None),
])
def test_kept_view_is_only_a_page_of_this_app(value, base, expected):
    assert parse_view(value, base, PAGES) == expected


@pytest.mark.parametrize("change, problem", [
    ({}, None),
    ({"client_kwargs": {"prompt": "login"}}, None),
    ({"client_secret": ""}, "[auth] has no client_secret"),
    ({"cookie_secret": None}, "[auth] has no cookie_secret"),
    ({"redirect_uri": "https://monitor.example.nl/"}, "redirect_uri must be the app's absolute address ending in /oauth2callback"),
    ({"redirect_uri": "/oauth2callback"}, "redirect_uri must be the app's absolute address"),
    ({"server_metadata_url": "login.example.nl/.well-known/openid-configuration"}, "server_metadata_url must be an absolute"),
    ({"client_kwargs": "login"}, "client_kwargs must be a table"),
])
def test_auth_settings_mistakes_are_named(change, problem):
    auth = {k: v for k, v in {**README_AUTH, **change}.items() if v is not None}
    problems = auth_check.config_problems(auth)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


def test_a_named_provider_is_not_what_the_app_signs_in_with():
    auth = {"redirect_uri": README_AUTH["redirect_uri"], "cookie_secret": "x",
            "microsoft": {k: README_AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")}}
    assert "[auth.microsoft] is a named provider" in auth_check.config_problems(auth)[0]


def test_provider_problem_names_an_unreachable_or_incomplete_provider(monkeypatch):
    def refused(url, timeout=5.0):
        raise ConnectionRefusedError("Connection refused")

    monkeypatch.setattr(auth_check, "fetch_metadata", refused)
    assert "ConnectionRefusedError" in auth_check.provider_problem("http://127.0.0.1:9/x")
    monkeypatch.setattr(auth_check, "fetch_metadata", lambda url, timeout=5.0: {"issuer": "x"})
    assert "lacks authorization_endpoint, token_endpoint, jwks_uri" in auth_check.provider_problem("http://127.0.0.1:9/x")
    monkeypatch.setattr(auth_check, "fetch_metadata", lambda url, timeout=5.0: METADATA)
    assert auth_check.provider_problem("http://127.0.0.1:9/x") is None
    assert auth_check.provider_host("https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration") == "login.microsoftonline.com"


def test_identity_claim_is_email_unless_set():
    assert AccessPolicy.from_config({}).identity_claim == "email"
    assert AccessPolicy.from_config({"identity_claim": "preferred_username"}).identity_claim == "preferred_username"


@pytest.mark.parametrize("config, message", [
    ({"identity_claim": ""}, "identity_claim"),
    ({"identity_claim": 3}, "identity_claim"),
    ({"users": "analist@haarlem.nl"}, "access.users moet een tabel zijn"),
    ({"users": {"analist@haarlem.nl": "analyst"}}, "access.users.analist@haarlem.nl moet een tabel zijn"),
    ({"domains": {"almere.nl": {"municipalities": "GM0034"}}}, "municipalities moet een lijst zijn"),
    ({"default_role": "iedereen"}, "default_role"),
])
def test_access_section_mistakes_are_config_errors(config, message):
    with pytest.raises(AccessConfigError, match=message):
        AccessPolicy.from_config(config)


# --- The app's answers (AppTest: st.user set directly; the real round trip is in test_browser_signin.py) ---

@pytest.fixture(autouse=True)
def _clean_signin_state():
    """Sign-in configured hides error details process-wide, and the provider check is cached: reset both."""
    from streamlit import config

    from ui import auth

    before = config.get_option("client.showErrorDetails")
    auth._provider_problem.clear()
    yield
    config.set_option("client.showErrorDetails", before)
    auth._provider_problem.clear()


@pytest.fixture
def provider_up(monkeypatch):
    monkeypatch.setattr(auth_check, "fetch_metadata", lambda url, timeout=5.0: METADATA)


def _app(user=None, auth=None, access=None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.secrets["auth"] = {**README_AUTH, **(auth or {})}
    if access is not None:
        at.secrets["access"] = access
    if user is not None:
        at.user = user
    return at


def _shown(at) -> str:
    return "\n".join(e.value for kind in ("error", "warning", "markdown", "title") for e in getattr(at, kind))


def test_signed_out_visitor_gets_the_prompt_with_the_view_kept(demo_db_env, provider_up):
    at = _app(user={"is_logged_in": False}).run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Inloggen"]
    assert "Na het inloggen ziet u de pagina die u opende." in _shown(at)
    from streamlit import config

    assert config.get_option("client.showErrorDetails") == "none", "with sign-in configured no traceback reaches a visitor"


def test_provider_down_is_explained_before_anyone_presses_inloggen(demo_db_env, monkeypatch):
    def refused(url, timeout=5.0):
        raise ConnectionRefusedError("Connection refused")

    monkeypatch.setattr(auth_check, "fetch_metadata", refused)
    at = _app(user={"is_logged_in": False}).run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Opnieuw proberen"]
    assert "Inloggen is nu niet mogelijk: de inlogdienst van uw organisatie (login.example.nl) antwoordt niet" in at.error[0].value


def test_auth_section_with_a_mistake_gets_a_dutch_answer_and_no_button(demo_db_env, provider_up):
    at = _app(user={"is_logged_in": False}, auth={"client_secret": ""}).run()
    assert not at.exception
    assert not at.button
    assert "de inloginstellingen van deze monitor bevatten een fout" in at.error[0].value
    assert "client_secret" not in at.error[0].value, "the details go to the server log"


def test_missing_email_claim_is_explained_in_dutch(demo_db_env, provider_up):
    at = _app(user={"is_logged_in": True, "sub": "x1", "preferred_username": "analist@haarlem.nl"}).run()
    assert not at.exception
    assert "Inloggen mislukt: de inlogdienst van uw organisatie gaf niet door wie u bent (het gegeven 'email' ontbreekt)" in at.error[0].value
    assert [b.label for b in at.button] == ["Uitloggen"]
    assert not key_figures(at)


def test_entra_id_identifies_by_preferred_username(demo_db_env, provider_up):
    access = {"identity_claim": "preferred_username", "users": {"analist@haarlem.nl": {"role": "analyst"}}}
    at = _app(user={"is_logged_in": True, "sub": "x1", "preferred_username": "Analist@Haarlem.nl"}, access=access).run()
    assert not at.exception
    assert "Analist@Haarlem.nl" not in _shown(at)  # resolved, not refused
    assert "analist@haarlem.nl (analist)" in " ".join(c.value for c in at.sidebar.caption)


def test_account_the_policy_does_not_admit_is_refused_in_dutch(demo_db_env, provider_up):
    at = _app(user={"is_logged_in": True, "email": "iemand@elders.nl"},
              access={"default_role": "none", "contact": "servicedesk@provincie.nl"}).run()
    assert not at.exception
    assert at.error[0].value.startswith("Het account iemand@elders.nl heeft geen toegang tot deze monitor. Vraag servicedesk@provincie.nl")
    assert not key_figures(at)


def test_access_section_with_a_mistake_stops_everyone_in_dutch(demo_db_env, provider_up):
    at = _app(user={"is_logged_in": True, "email": "analist@haarlem.nl"}, access={"users": "analist@haarlem.nl"}).run()
    assert not at.exception
    assert "De toegangsinstellingen van deze monitor bevatten een fout" in at.error[0].value
    assert not key_figures(at)


def test_an_error_in_a_page_is_dutch_without_traceback_when_signed_in(demo_db_env, provider_up, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom in /srv/woonmonitor/ui/data.py")

    monkeypatch.setattr("ui.data.overview_kpis", broken)
    at = _app(user={"is_logged_in": True, "email": "analist@haarlem.nl"}).run()
    assert not at.exception
    message = at.error[0].value
    assert message.startswith("Er ging iets mis bij het tonen van deze pagina.")
    assert "boom" not in message and "/srv/" not in message and "Traceback" not in message


def test_local_mode_keeps_the_details_for_the_developer(demo_db_env, monkeypatch):
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    # Streamlit's default on a laptop; an earlier test with sign-in configured may have set "none" for the process.
    config.set_option("client.showErrorDetails", "full")

    def broken(*args, **kwargs):
        raise RuntimeError("boom for the developer")

    monkeypatch.setattr("ui.data.overview_kpis", broken)
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    assert at.exception and "boom for the developer" in at.exception[0].value
