"""The link as shared state: read values a newly opened link brings, write the current view back."""

from __future__ import annotations

import urllib.parse

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

_WRITTEN = "_link_written"


def incoming(param: str) -> str | None:
    """The link's value for param when it is new to this session (a shared link was opened), else None.

    A parameter that is absent says nothing: Streamlit drops page parameters on a page switch, and the
    session's own state must survive that.
    """
    value = st.query_params.get(param)
    if value is None:
        return None
    if st.session_state.setdefault(_WRITTEN, {}).get(param) == value:
        return None
    return value


def write(param: str, value: str | None) -> None:
    """Keep the link equal to the view; an empty value removes the parameter."""
    written = st.session_state.setdefault(_WRITTEN, {})
    if value:
        if st.query_params.get(param) != value:
            st.query_params[param] = value
        written[param] = value
    else:
        if param in st.query_params:
            del st.query_params[param]
        written.pop(param, None)


def split(value: str | None) -> list[str]:
    """'a,b, c' → ['a', 'b', 'c']."""
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def seed_list(param: str, key: str, valid: list[str], noun: str) -> list[str]:
    """Put a list parameter of a new link into the widget state; return notices about unknown values."""
    value = incoming(param)
    if value is None:
        return []
    wanted = split(value)
    st.session_state[key] = [v for v in wanted if v in valid]
    unknown = [v for v in wanted if v not in valid]
    if unknown:
        return [f"De link noemt een onbekende {noun}: {', '.join(unknown)}. Die is genegeerd."]
    return []


def current_page_path() -> str:
    """The url_path of the page this run shows ('' for the default page, or outside a run)."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return ""
    info = ctx.pages_manager.get_pages().get(ctx.pages_manager.current_page_script_hash) or {}
    return info.get("url_pathname", "") or ""


def base_url() -> str:
    """The app's own address without the page's path, as the browser shows it ('' without a browser)."""
    url = (st.context.url or "").rstrip("/")
    page = current_page_path()
    return url.removesuffix("/" + page) if page else url


def current_url() -> str:
    """The full link to this view, as the browser shows it."""
    base = st.context.url or ""
    query = urllib.parse.urlencode(st.query_params.to_dict(), safe=",")
    return f"{base}?{query}" if query else base


def forget_written() -> None:
    """Treat the next link's parameters as new, even where they equal what this session wrote."""
    st.session_state[_WRITTEN] = {}


def seed_choice(param: str, key: str, valid, noun: str) -> list[str]:
    """Put a single-choice parameter of a new link into the widget state; return a notice if it is unknown."""
    value = incoming(param)
    if value is None:
        return []
    if value in valid:
        st.session_state[key] = value
        return []
    return [f"De link noemt een onbekende {noun}: {value}. Die is genegeerd."]
