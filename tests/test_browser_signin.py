"""Signing in through a real OpenID Connect provider (node's oidc-provider on loopback) in headless Chromium.

The dashboard gets a temporary secrets.toml shaped as the README shows (`--secrets.files`, never in the repo);
the provider's login form admits the accounts below. Each role sees its own pages and projects, a shared link
survives the round trip, and what goes wrong is answered in Dutch without a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from housing_monitor import sequences
from tests.browser import KEY_FIGURE, REPO, browser_page, dashboard_server, free_port, require_browser, screenshot, serving, wait_for_app

pytestmark = pytest.mark.browser

OIDC = REPO / "tests" / "oidc"
ACCOUNTS = {
    "kijker": {"email": "wethouder@almere.nl", "email_verified": True, "name": "Wethouder Almere"},
    "analist": {"email": "analist@haarlem.nl", "email_verified": True},
    "beheerder": {"email": "beheer@provincie.nl", "email_verified": True},
    "buitenstaander": {"email": "iemand@elders.nl", "email_verified": True},
    "zonder-email": {"preferred_username": "jan.jansen"},  # like an Entra ID token without `email`
}
ACCESS = """
[access]
default_role = "none"
contact = "servicedesk@provincie.nl"
[access.users."analist@haarlem.nl"]
role = "analyst"
municipalities = ["GM0392"]
[access.users."beheer@provincie.nl"]
role = "admin"
all_organisations = true
[access.domains."almere.nl"]
role = "viewer"
municipalities = ["GM0034"]
"""
TRACEBACK_SIGNS = ("Traceback", 'File "', ".py", "/work/", "site-packages", "Error:")


def _require_provider() -> None:
    if shutil.which("node") and (OIDC / "node_modules" / "oidc-provider").exists():
        return
    if os.environ.get("CI"):
        pytest.fail("node's oidc-provider is missing: run `make test` (npm ci --prefix tests/oidc)")
    pytest.skip("oidc-provider not installed (npm ci --prefix tests/oidc)")


@contextmanager
def oidc_provider(folder: Path, redirect_uris: list[str]):
    """The provider on a free loopback port; yields its discovery URL."""
    port = free_port()
    config = folder / "provider.json"
    config.write_text(json.dumps({"port": port, "client_id": "woonmonitor", "client_secret": "test-secret",
                                  "redirect_uris": redirect_uris, "accounts": ACCOUNTS}))
    log = open(folder / "provider.log", "w")
    process = subprocess.Popen(["node", str(OIDC / "provider.mjs"), str(config)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/.well-known/openid-configuration"
    with serving(process, log, url, "provider", seconds=30):
        yield url


def _secrets(folder: Path, name: str, port: int, metadata_url: str) -> Path:
    """secrets.toml as the README shows it, with the prompt this provider supports."""
    path = folder / f"{name}.secrets.toml"
    path.write_text(f"""
[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "test-cookie-secret-{os.urandom(8).hex()}"
client_id = "woonmonitor"
client_secret = "test-secret"
server_metadata_url = "{metadata_url}"
client_kwargs = {{ prompt = "login" }}
{ACCESS}""")
    return path


@pytest.fixture(scope="module")
def servers(demo_store, tmp_path_factory):
    """The provider, the dashboard, and a second dashboard whose pages fail (an operator's typo in a setting)."""
    require_browser()
    _require_provider()
    folder = tmp_path_factory.mktemp("signin")
    port, broken_port = free_port(), free_port()
    uris = [f"http://127.0.0.1:{p}/oauth2callback" for p in (port, broken_port)]
    with oidc_provider(folder, uris) as metadata_url:
        with dashboard_server(demo_store.path, args=("--secrets.files", str(_secrets(folder, "ok", port, metadata_url))),
                              port=port, log_path=folder / "dashboard.log") as url:
            yield {"url": url, "folder": folder, "metadata_url": metadata_url, "broken_port": broken_port,
                   "demo": demo_store}


@contextmanager
def broken_dashboard(servers):
    """The same sign-in, with a suppression threshold no page can read: every page run fails."""
    secrets = _secrets(servers["folder"], "broken", servers["broken_port"], servers["metadata_url"])
    with dashboard_server(servers["demo"].path, extra_env={"HOUSING_MONITOR_MIN_COUNT": "vijf"},
                          args=("--secrets.files", str(secrets)), port=servers["broken_port"],
                          log_path=servers["folder"] / "broken.log") as url:
        yield url


@contextmanager
def _browser(viewport=(1400, 1000)):
    """A page that waits up to a minute for what a test asserts: servers and Chromium may share busy cores."""
    with browser_page(viewport) as page:
        page.set_default_timeout(60000)
        yield page


def _prompt(page):
    page.get_by_role("button", name="Inloggen").wait_for()


def _signed_in_as(page, text: str) -> None:
    """Wait until the page's run has ended with the sidebar saying who is signed in."""
    page.locator('[data-testid="stSidebar"]').get_by_text(text).wait_for()
    wait_for_app(page, timeout_ms=60000)


def sign_in(page, url: str, login: str) -> None:
    """Press "Inloggen", sign in at the provider's form, and wait for the app to finish its first run back home."""
    _prompt(page)
    page.get_by_role("button", name="Inloggen").click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("wachtwoord")
    page.locator("button[type=submit]").click()
    page.wait_for_url(url + "/**", timeout=60000)
    wait_for_app(page, timeout_ms=60000)


def _no_traceback(page) -> None:
    shown = page.locator('[data-testid="stMain"]').inner_text()
    for sign in TRACEBACK_SIGNS:
        assert sign not in shown, f"{sign!r} on the page: {shown[:500]}"


def _nav(page) -> str:
    return page.locator('[data-testid="stSidebarNav"]').inner_text()


def test_shared_comparison_link_survives_sign_in_as_analyst_and_sign_out_works(servers):
    url = servers["url"]
    with _browser() as page:
        page.goto(url + "/vergelijken?vergelijk=gemeente&kies=GM0882,GM0392")
        wait_for_app(page)
        _prompt(page)
        assert page.get_by_text("Log in met het account van uw organisatie").is_visible()
        screenshot(page, "signin_prompt")
        sign_in(page, url, "analist")
        page.get_by_role("heading", name="Vergelijken").wait_for()
        _signed_in_as(page, "Ingelogd als analist@haarlem.nl (analist)")
        page.wait_for_url("**/vergelijken?*vergelijk=gemeente*")
        chosen = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Landgraaf")
        assert "Haarlem" in chosen.inner_text()
        assert "Gegevens importeren" in _nav(page)
        page.get_by_role("link", name="Gegevens importeren").click()
        wait_for_app(page)
        page.locator('[data-testid="stFileUploader"]').first.wait_for()
        page.get_by_text("Een leeg sjabloon per soort gegevens").wait_for()  # the section before the admin's
        wait_for_app(page)
        assert "Terug naar demodata" not in page.locator('[data-testid="stMain"]').inner_text(), "resetting is for admins"
        # Signing out ends at the provider's confirmation and returns to the prompt.
        page.get_by_role("button", name="Uitloggen").click()
        page.get_by_role("button", name="Yes, sign me out").click()
        page.wait_for_url(url + "/**")
        wait_for_app(page)
        _prompt(page)
        assert not page.get_by_text("Inloggen mislukt").count(), "signing out is not a failed sign-in"


def test_viewer_sees_own_projects_only_and_no_import(servers):
    url = servers["url"]
    with _browser() as page:
        page.goto(url + "/?project=Almere-Haven,Woningdelen%20Haarlem&van=2015-H1&tot=2024-H2")
        wait_for_app(page)
        sign_in(page, url, "kijker")
        _signed_in_as(page, "Ingelogd als wethouder@almere.nl (kijker)")
        assert "van=2015-H1" in page.url, "the link's filters survived the round trip"
        assert "Gegevens importeren" not in _nav(page)
        # The own organisation's project is chosen; another organisation's is not even known to this viewer.
        page.get_by_text("De link noemt een onbekende project: Woningdelen Haarlem").wait_for()
        chosen = page.locator('[data-testid="stMultiSelect"]').filter(has=page.get_by_text("Project", exact=True))
        assert "Almere-Haven" in chosen.inner_text()


def test_admin_may_reset_and_presentation_link_keeps_its_step(servers):
    url = servers["url"]
    views = ["/?gemeente=GM0882", "/vergelijken?vergelijk=woonvorm&kies=tijdelijk,woningdelen", "/begrippen"]
    link = views[1] + f"&presentatie=1&reeks={sequences.encode(views)}&stap=1"  # the link of step 2
    with _browser() as page:
        page.goto(url + link)
        wait_for_app(page)
        sign_in(page, url, "beheerder")
        page.get_by_text("Weergave 2 van 3").wait_for()
        page.get_by_role("heading", name="Vergelijken").wait_for()
        page.wait_for_url("**/vergelijken?*")
        assert "stap=1" in page.url and "presentatie=1" in page.url
        page.get_by_role("button", name="Stop presentatie").click()
        _signed_in_as(page, "Ingelogd als beheer@provincie.nl (beheerder)")
        page.get_by_role("link", name="Gegevens importeren").click()
        wait_for_app(page)
        page.get_by_role("heading", name="5. Terug naar demodata").wait_for()


def test_account_the_policy_does_not_admit_is_refused_in_dutch(servers):
    url = servers["url"]
    with _browser() as page:
        page.goto(url + "/kaart")
        wait_for_app(page)
        sign_in(page, url, "buitenstaander")
        refusal = page.get_by_text("Het account iemand@elders.nl heeft geen toegang tot deze monitor")
        refusal.wait_for()
        assert "servicedesk@provincie.nl" in refusal.inner_text()
        assert not page.locator(KEY_FIGURE).count()
        _no_traceback(page)
        screenshot(page, "signin_refused")
        page.get_by_role("button", name="Uitloggen").wait_for()


def test_token_without_email_claim_gets_a_dutch_answer(servers):
    url = servers["url"]
    with _browser() as page:
        page.goto(url)
        wait_for_app(page)
        sign_in(page, url, "zonder-email")
        page.get_by_text("Inloggen mislukt: de inlogdienst van uw organisatie gaf niet door wie u bent").wait_for()
        _no_traceback(page)


def test_cancelled_round_trip_is_explained_and_the_view_is_kept_for_the_retry(servers):
    url = servers["url"]
    with _browser() as page:
        page.goto(url + "/vergelijken?vergelijk=gemeente&kies=GM0882,GM0392")
        wait_for_app(page)
        _prompt(page)
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_role("link", name="[ Cancel ]").click()  # the provider answers error=access_denied
        page.wait_for_url(url + "/**")
        wait_for_app(page)
        page.get_by_text("Inloggen mislukt: de inlogdienst heeft u niet aangemeld").wait_for()
        _no_traceback(page)
        screenshot(page, "signin_failed")
        sign_in(page, url, "analist")
        page.get_by_role("heading", name="Vergelijken").wait_for()
        page.wait_for_url("**/vergelijken?*")
        assert "kies=GM0882" in page.url.replace("%2C", ",")
        assert not page.get_by_text("Inloggen mislukt").count()


def test_an_error_in_a_page_shows_no_traceback(servers):
    with broken_dashboard(servers) as url, _browser() as page:
        page.goto(url + "/begrippen")
        wait_for_app(page)
        sign_in(page, url, "analist")
        # The unreadable threshold breaks the sidebar's first query already: the router answers in Dutch too.
        error = page.get_by_text("Er ging iets mis bij het tonen van deze pagina")
        error.wait_for()
        error.scroll_into_view_if_needed()
        _no_traceback(page)
        screenshot(page, "signin_page_error")
    log = (servers["folder"] / "broken.log").read_text()
    assert "Page failed (reference" in log and "invalid literal for int()" in log, "the details went to the server log"
