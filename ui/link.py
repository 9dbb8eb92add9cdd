"""The link as shared state: read values a newly opened link brings, write the current view back."""

from __future__ import annotations

import urllib.parse

import streamlit as st

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


def current_url() -> str:
    """The full link to this view, as the browser shows it."""
    base = st.context.url or ""
    query = urllib.parse.urlencode(st.query_params.to_dict(), safe=",")
    return f"{base}?{query}" if query else base


def forget_written() -> None:
    """Treat the next link's parameters as new, even where they equal what this session wrote."""
    st.session_state[_WRITTEN] = {}
