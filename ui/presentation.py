"""Presentation mode: no sidebar or chrome, large type, and a prepared sequence of views to step through."""

from __future__ import annotations

import streamlit as st

from housing_monitor import sequences

from . import link

ON = "presentatie"
SEQUENCE = "reeks"
STEP = "stap"
# Session keys that belong to the presentation itself and survive a step to the next view.
_KEEP = {"pres_on", "pres_sequence", "pres_step", "f_link_notices"}

_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.5rem 3rem 6rem 3rem !important; }
html, body, [data-testid="stMarkdownContainer"] p, [data-testid="stCaptionContainer"] { font-size: 1.3rem !important; }
h1 { font-size: 3.2rem !important; }
h2, h3 { font-size: 2.2rem !important; }
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: 3.2rem !important; }
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p { font-size: 1.15rem !important; }
</style>
"""


def read_link() -> None:
    """Take presentation settings from a newly opened link."""
    value = link.incoming(ON)
    if value is not None:
        st.session_state["pres_on"] = value in ("1", "ja", "true")
    encoded = link.incoming(SEQUENCE)
    if encoded is not None:
        st.session_state["pres_sequence"] = sequences.decode(encoded)
    step = link.incoming(STEP)
    if step is not None and step.isdigit():
        st.session_state["pres_step"] = int(step)


def is_on() -> bool:
    return bool(st.session_state.get("pres_on"))


def write_link() -> None:
    link.write(ON, "1" if is_on() else None)
    views = st.session_state.get("pres_sequence") or []
    link.write(SEQUENCE, sequences.encode(views) if is_on() and views else None)
    link.write(STEP, str(st.session_state.get("pres_step", 0)) if is_on() and views else None)


def apply() -> None:
    """Hide the chrome and enlarge everything for a projector."""
    st.markdown(_CSS, unsafe_allow_html=True)


def go_to(pages: dict, views: list[str], step: int) -> None:
    """Open step `step` of the sequence as if its link had been opened, in presentation mode."""
    path, params = sequences.split_view(views[step])
    for key in list(st.session_state.keys()):
        if key not in _KEEP:
            del st.session_state[key]  # a view shows exactly what its link says, nothing left from the previous one
    link.forget_written()
    st.session_state["pres_on"] = True
    st.session_state["pres_step"] = step
    st.session_state["pres_sequence"] = views
    params = {**params, ON: "1", SEQUENCE: sequences.encode(views), STEP: str(step)}
    st.switch_page(pages.get(path, pages[""]), query_params=params)


def controls(pages: dict) -> None:
    """Previous / next through the sequence, and a way out, at the bottom of the page."""
    views = st.session_state.get("pres_sequence") or []
    step = min(st.session_state.get("pres_step", 0), max(len(views) - 1, 0))
    st.divider()
    back, where, forward, stop = st.columns([2, 3, 2, 2])
    if views:
        if back.button("◀ Vorige", disabled=step == 0, key="pres_prev", width="stretch"):
            go_to(pages, views, step - 1)
        where.markdown(f"<div style='text-align:center'>Weergave {step + 1} van {len(views)}</div>", unsafe_allow_html=True)
        if forward.button("Volgende ▶", disabled=step >= len(views) - 1, key="pres_next", width="stretch"):
            go_to(pages, views, step + 1)
    if stop.button("Stop presentatie", key="pres_stop", width="stretch"):
        st.session_state["pres_on"] = False
        st.rerun()


def start(pages: dict, views: list[str]) -> None:
    """Begin presenting a prepared sequence at its first view."""
    go_to(pages, views, 0)
