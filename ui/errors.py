"""Errors a visitor sees: in Dutch, without traceback or server paths; the details go to the server log."""

from __future__ import annotations

import logging
import secrets
from contextlib import contextmanager

import streamlit as st

LOG = logging.getLogger("woonmonitor")


def hide_details() -> None:
    """Streamlit shows no traceback for an uncaught error (its generic text instead); the log keeps it."""
    if st.get_option("client.showErrorDetails") != "none":
        st.set_option("client.showErrorDetails", "none")


def reference() -> str:
    """A short code the visitor can pass on, to find the matching lines in the server log."""
    return secrets.token_hex(3).upper()


@contextmanager
def page_errors_in_dutch(show_details: bool):
    """Show an error in a page as a Dutch message with a reference code; with show_details, as Streamlit would."""
    try:
        yield
    except Exception as error:  # st.stop() and reruns are BaseException, not caught here
        if show_details:
            raise
        code = reference()
        LOG.error("Page failed (reference %s)", code, exc_info=error)
        st.error(
            "Er ging iets mis bij het tonen van deze pagina. Probeer het opnieuw of kies een andere pagina. "
            f"Blijft het misgaan, geef dan de code **{code}** door aan de beheerder van de monitor.",
            icon=":material/error:",
        )
