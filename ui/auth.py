"""Sign-in with Streamlit's OpenID Connect (st.login) and the user's rights; local single-user mode without it."""

from __future__ import annotations

import logging
from typing import Mapping

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from housing_monitor.access import LOCAL, Access, AccessConfigError, AccessPolicy

from . import auth_check, errors, signin

LOG = logging.getLogger("woonmonitor.signin")
ADMINISTRATOR = "de beheerder van de monitor"
_LOGIN_ERROR = "_signin_error"
_FAILED_RETURN = "_signin_failed_return"


def _secrets_section(name: str):
    try:
        return st.secrets.get(name)
    except Exception:  # no secrets.toml at all: Streamlit raises rather than returning nothing
        return None


def auth_configured() -> bool:
    """True when .streamlit/secrets.toml holds an [auth] section (OpenID Connect)."""
    return bool(_secrets_section("auth"))


def _contact() -> str:
    """Whom a visitor asks about sign-in: `contact` under [access], else the monitor's administrator."""
    access = _secrets_section("access")
    contact = access.get("contact") if isinstance(access, Mapping) else None
    return str(contact).strip() if isinstance(contact, str) and contact.strip() else ADMINISTRATOR


@st.cache_data(ttl=30, show_spinner=False)
def _provider_problem(url: str) -> str | None:
    return auth_check.provider_problem(url)


def _login() -> None:
    try:
        st.login()
    except Exception as error:  # whatever Streamlit refuses here, the visitor gets Dutch and the log the details
        code = errors.reference()
        LOG.error("st.login() failed (reference %s)", code, exc_info=error)
        st.session_state[_LOGIN_ERROR] = code


def _stop_with_error(message: str, icon: str = ":material/error:", sign_out: bool = False) -> None:
    st.title("Woonmonitor statushouders")
    st.error(message, icon=icon)
    if sign_out:
        st.button("Uitloggen", on_click=st.logout, key="logout_denied")
    st.stop()


def _sign_in_prompt(auth: Mapping) -> None:
    """Ask the visitor to sign in, after checking what can be checked; explain a failed round trip."""
    contact = _contact()
    problems = auth_check.config_problems(auth)
    if problems:
        code = errors.reference()
        LOG.error("Sign-in is configured wrongly (reference %s): %s", code, "; ".join(problems))
        _stop_with_error(
            "Inloggen is nu niet mogelijk: de inloginstellingen van deze monitor bevatten een fout. "
            f"Neem contact op met {contact} en noem de code **{code}**."
        )
    st.title("Woonmonitor statushouders")
    url = str(auth["server_metadata_url"])
    problem = _provider_problem(url)
    if problem:
        LOG.warning("Identity provider not usable: %s", problem)
        st.error(
            f"Inloggen is nu niet mogelijk: de inlogdienst van uw organisatie ({auth_check.provider_host(url)}) "
            f"antwoordt niet. Probeer het over enkele minuten opnieuw. Blijft dit zo, neem dan contact op met {contact}.",
            icon=":material/cloud_off:",
        )
        if st.button("Opnieuw proberen", key="login_retry", icon=":material/refresh:"):
            _provider_problem.clear()
            st.rerun()
        st.stop()
    # Back from the provider without being signed in: the provider refused or the exchange failed. Streamlit
    # logged why and returned to "/"; the visitor only learns it here.
    if st.session_state.get(_FAILED_RETURN) or signin.attempt_returned():
        if not st.session_state.get(_FAILED_RETURN):
            LOG.warning("A sign-in round trip came back without a signed-in user (see Streamlit's auth log above)")
            st.session_state[_FAILED_RETURN] = True
            signin.forget(signin.ATTEMPT_COOKIE)
        st.warning(
            "Inloggen mislukt: de inlogdienst heeft u niet aangemeld bij de monitor. Probeer het opnieuw. "
            f"Lukt het weer niet, neem dan contact op met {contact}.",
            icon=":material/warning:",
        )
    code = st.session_state.pop(_LOGIN_ERROR, None)
    if code:
        st.error(f"Inloggen mislukt. Neem contact op met {contact} en noem de code **{code}**.", icon=":material/error:")
    st.markdown(
        "Log in met het account van uw organisatie om de monitor te gebruiken. "
        "Na het inloggen ziet u de pagina die u opende."
    )
    st.button("Inloggen", on_click=_login, type="primary", icon=":material/login:", key=signin.LOGIN_BUTTON_KEY)
    signin.remember_view_on_login()
    st.stop()


def current() -> Access:
    """This session's rights; stops the page with a sign-in prompt when someone must sign in first."""
    auth = _secrets_section("auth")
    if not auth:
        return LOCAL
    errors.hide_details()
    if not isinstance(auth, Mapping):
        auth = {}
    if not st.user.is_logged_in:
        _sign_in_prompt(auth)
    if signin.kept_cookies():
        signin.forget(*signin.kept_cookies())
    contact = _contact()
    try:
        policy = AccessPolicy.from_config(_secrets_section("access"))
    except AccessConfigError as error:
        code = errors.reference()
        LOG.error("The [access] section is wrong (reference %s): %s", code, error)
        _stop_with_error(
            "De toegangsinstellingen van deze monitor bevatten een fout, daarom kan niemand nu verder. "
            f"Neem contact op met {contact} en noem de code **{code}**."
        )
    identity = st.user.get(policy.identity_claim)
    if not isinstance(identity, str) or not identity.strip():
        code = errors.reference()
        LOG.error(
            "Signed in, but the ID token has no usable %r claim (reference %s); its claims: %s. "
            "Set identity_claim under [access] (e.g. preferred_username for Microsoft Entra ID).",
            policy.identity_claim, code, ", ".join(sorted(k for k in st.user.to_dict() if k != "is_logged_in")),
        )
        _stop_with_error(
            "Inloggen mislukt: de inlogdienst van uw organisatie gaf niet door wie u bent "
            f"(het gegeven '{policy.identity_claim}' ontbreekt). Neem contact op met {contact} en noem de code **{code}**.",
            sign_out=True,
        )
    access = policy.resolve(identity)
    if access is None:
        LOG.warning("Signed-in account not admitted by the access policy: %s", identity)
        _stop_with_error(
            f"Het account {identity} heeft geen toegang tot deze monitor. Vraag {contact} om toegang als u die nodig hebt.",
            icon=":material/block:",
            sign_out=True,
        )
    return access


def return_to_shared_view(pages: dict, page) -> None:
    """Right after signing in (Streamlit returns to "/"), go to the view whose link the visitor opened."""
    if not auth_configured() or not st.user.is_logged_in:
        return
    ctx = get_script_run_ctx()
    if ctx is None or not signin.first_return(ctx.session_id):
        return
    if page.url_path or st.query_params:
        return  # this session began at a link of its own: that one wins
    view = signin.kept_view(set(pages))
    if view is None:
        return
    path, params = view
    if path or params:
        st.switch_page(pages[path], query_params=params)


def sidebar_status(access: Access) -> None:
    """Say who is signed in with which rights, or that this is the local single-user mode."""
    if access.local_mode:
        st.sidebar.info(access.describe(), icon=":material/person:")
        return
    st.sidebar.caption(access.describe())
    st.sidebar.button("Uitloggen", on_click=st.logout, key="logout", icon=":material/logout:")
