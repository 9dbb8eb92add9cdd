"""Presentation mode: no sidebar or chrome, large type, and a prepared sequence of views to step through."""

from __future__ import annotations

import streamlit as st

from housing_monitor import sequences
from housing_monitor.db.decks import Deck

from . import decks, link

ON = "presentatie"
SEQUENCE = "reeks"
DECK = decks.DECK
STEP = "stap"
# Session keys that belong to the presentation itself and survive a step to the next view.
_KEEP = {"pres_on", "pres_sequence", "pres_step", "pres_deck", "pres_deck_name", "f_link_notices"}

_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.5rem 3rem 6rem 3rem !important; }
html, body, [data-testid="stMarkdownContainer"] p, [data-testid="stCaptionContainer"] { font-size: 1.3rem !important; }
h1 { font-size: 3.2rem !important; }
h2, h3 { font-size: 2.2rem !important; }
[class*="st-key-kpi_"] [data-testid="stMarkdownContainer"] p { font-size: 1.15rem !important; }
[class*="st-key-kpi_"] [data-testid="stMarkdownContainer"] p strong { font-size: 3.2rem !important; }
[class*="st-key-kpi_"] .stMarkdownBadge { font-size: 1.1rem !important; }
[class*="st-key-kpi_"] [data-testid="stCaptionContainer"], [class*="st-key-kpi_"] [data-testid="stCaptionContainer"] p { font-size: 1.05rem !important; }
/* The controls are drawn before the page (a step switches at once; a page that stops early keeps them) and shown below it. */
[data-testid="stLayoutWrapper"]:has(> .st-key-pres_controls), .st-key-pres_controls { order: 1000; }
.st-key-pres_clicker { display: none !important; }
</style>
"""


def read_link() -> None:
    """Take presentation settings from a newly opened link."""
    value = link.incoming(ON)
    if value is not None:
        st.session_state["pres_on"] = value in ("1", "ja", "true")
    step = link.incoming(STEP)
    if step is not None and step.isdigit():
        st.session_state["pres_step"] = int(step)
    deck_id = link.incoming(DECK)
    if deck_id is not None:
        _open_deck(deck_id)
        return
    encoded = link.incoming(SEQUENCE)
    if encoded is not None:
        st.session_state["pres_sequence"] = sequences.decode(encoded)
        st.session_state.pop("pres_deck", None)


def _notice(text: str) -> None:
    """A notice about the opened link, shown once above the page (with the sidebar's link notices)."""
    st.session_state["f_link_notices"] = [*st.session_state.get("f_link_notices", []), text]


def _open_deck(deck_id: str) -> None:
    """A deck's link: its views as this visitor may see them, from the linked step (the first by default)."""
    if deck_id == st.session_state.get("pres_deck") and st.session_state.get("pres_sequence"):
        return  # a step of the deck this session is presenting (go_to wrote the link)
    deck = decks.find(deck_id)
    if deck is None:
        st.session_state["pres_on"] = False
        _notice("Deze presentatie bestaat niet (meer). Vraag wie de link deelde om een nieuwe link.")
        return
    pages = st.session_state["page_map"]
    views, notices = decks.views_for_viewer(deck, set(pages))
    for text in notices:
        _notice(text)
    if not views:
        st.session_state["pres_on"] = False
        _notice(f"De presentatie '{deck.name}' heeft nog geen weergaven die u kunt zien.")
        return
    go_to(pages, views, min(st.session_state.get("pres_step", 0), len(views) - 1), deck=deck)


def is_on() -> bool:
    return bool(st.session_state.get("pres_on"))


def write_link() -> None:
    link.write(ON, "1" if is_on() else None)
    views = st.session_state.get("pres_sequence") or []
    deck_id = st.session_state.get("pres_deck")
    link.write(DECK, deck_id if is_on() and views and deck_id else None)
    link.write(SEQUENCE, sequences.encode(views) if is_on() and views and not deck_id else None)
    link.write(STEP, str(st.session_state.get("pres_step", 0)) if is_on() and views else None)


def apply() -> None:
    """Hide the chrome and enlarge everything for a projector."""
    st.markdown(_CSS, unsafe_allow_html=True)


def go_to(pages: dict, views: list[str], step: int, deck: Deck | None = None) -> None:
    """Open step `step` of the sequence (of `deck`, or of the deck being presented) as if its link had been opened."""
    path, params = sequences.split_view(views[step])
    for key in list(st.session_state.keys()):
        if key not in _KEEP:
            del st.session_state[key]  # a view shows exactly what its link says, nothing left from the previous one
    link.forget_written()
    if deck is not None:
        st.session_state["pres_deck"] = deck.deck_id
        st.session_state["pres_deck_name"] = deck.name
    st.session_state["pres_on"] = True
    st.session_state["pres_step"] = step
    st.session_state["pres_sequence"] = views
    deck_id = st.session_state.get("pres_deck")
    # A deck's link names the deck, short and lasting; a pasted sequence travels in the link itself.
    own = {DECK: deck_id} if deck_id else {SEQUENCE: sequences.encode(views)}
    params = {**params, ON: "1", **own, STEP: str(step)}
    st.switch_page(pages.get(path, pages[""]), query_params=params)


def controls(pages: dict) -> None:
    """Previous / next through the sequence, and a way out, shown at the bottom of the page (call before the page runs).

    The arrow keys step as well, and so do PageUp / PageDown, which presenter clickers send: a button takes one
    shortcut, so each direction has a twin, hidden, for the clicker's key.
    """
    with st.container(key="pres_controls"):
        _controls(pages)


def _controls(pages: dict) -> None:
    views = st.session_state.get("pres_sequence") or []
    step = min(st.session_state.get("pres_step", 0), max(len(views) - 1, 0))
    st.divider()
    back, where, forward, stop = st.columns([2, 3, 2, 2])
    if views:
        first, last = step == 0, step >= len(views) - 1
        if back.button("◀ Vorige", disabled=first, key="pres_prev", width="stretch", shortcut="Left"):
            go_to(pages, views, step - 1)
        deck_name = st.session_state.get("pres_deck_name") if st.session_state.get("pres_deck") else None
        counter = f"Weergave {step + 1} van {len(views)}" + (f" · {deck_name}" if deck_name else "")
        where.markdown(f"<div style='text-align:center'>{_escape(counter)}</div>", unsafe_allow_html=True)
        if forward.button("Volgende ▶", disabled=last, key="pres_next", width="stretch", shortcut="Right"):
            go_to(pages, views, step + 1)
        with st.container(key="pres_clicker"):
            if st.button("Vorige (PageUp)", disabled=first, key="pres_prev_page", shortcut="PageUp"):
                go_to(pages, views, step - 1)
            if st.button("Volgende (PageDown)", disabled=last, key="pres_next_page", shortcut="PageDown"):
                go_to(pages, views, step + 1)
    if stop.button("Stop presentatie", key="pres_stop", width="stretch"):
        st.session_state["pres_on"] = False
        st.rerun()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def start(pages: dict, views: list[str]) -> None:
    """Begin presenting a prepared sequence at its first view."""
    st.session_state.pop("pres_deck", None)
    go_to(pages, views, 0)


def start_deck(pages: dict, deck: Deck) -> None:
    """Begin presenting a kept deck at its first view, under the deck's own link."""
    views, notices = decks.views_for_viewer(deck, set(pages))
    for text in notices:
        _notice(text)
    if views:
        go_to(pages, views, 0, deck=deck)
