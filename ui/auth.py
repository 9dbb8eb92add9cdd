"""Sign-in with Streamlit's OpenID Connect (st.login) and the user's rights; local single-user mode without it."""

from __future__ import annotations

import streamlit as st

from housing_monitor.access import LOCAL, Access, AccessConfigError, AccessPolicy


def _secrets_section(name: str):
    try:
        return st.secrets.get(name)
    except Exception:  # no secrets.toml at all: Streamlit raises rather than returning nothing
        return None


def auth_configured() -> bool:
    """True when .streamlit/secrets.toml holds an [auth] section (OpenID Connect)."""
    return bool(_secrets_section("auth"))


def current() -> Access:
    """This session's rights; stops the page with a sign-in prompt when someone must sign in first."""
    if not auth_configured():
        return LOCAL
    if not st.user.is_logged_in:
        st.title("Woonmonitor statushouders")
        st.markdown("Log in met het account van uw organisatie om de monitor te gebruiken.")
        st.button("Inloggen", on_click=st.login, type="primary", icon=":material/login:", key="login")
        st.stop()
    try:
        access = AccessPolicy.from_config(_secrets_section("access")).resolve(st.user.email)
    except AccessConfigError as error:
        st.error(f"De toegangsinstellingen kloppen niet: {error}. Neem contact op met de beheerder.")
        st.stop()
    if access is None:
        st.error(f"Het account {st.user.email} heeft geen toegang tot deze monitor.")
        st.button("Uitloggen", on_click=st.logout, key="logout_denied")
        st.stop()
    return access


def sidebar_status(access: Access) -> None:
    """Say who is signed in with which rights, or that this is the local single-user mode."""
    if access.local_mode:
        st.sidebar.info(access.describe(), icon=":material/person:")
        return
    st.sidebar.caption(access.describe())
    st.sidebar.button("Uitloggen", on_click=st.logout, key="logout", icon=":material/logout:")
