"""Presentation decks on screen: add the current view to a deck, manage one's own decks, open a deck's link.

The decks themselves live in the core (housing_monitor/db/decks.py); this module only reads and draws them.
"""

from __future__ import annotations

import streamlit as st

from housing_monitor import sequences
from housing_monitor.access import LOCAL
from housing_monitor.contract import HOUSING_FORMS
from housing_monitor.db import decks
from housing_monitor.db.decks import Deck, DeckError

from . import data, link, pages

DECK = "deck"  # the link parameter naming a deck
_NOTICE = "deck_notice"
# Link parameters that name projects: a viewer opening someone's deck does not get other organisations' names.
PROJECT_PARAMS = {"project": None, "kies": ("vergelijk", "project")}
_TITLES = {spec.address: spec.title for spec in pages.PAGES}
_PARAM_LABELS = {
    "provincie": "provincie", "gemeente": "gemeente", "corporatie": "corporatie", "project": "project",
    "woonvorm": "woonvorm", "van": "van", "tot": "t/m", "vergelijk": "vergelijk", "kies": "gekozen",
}


def owner() -> str | None:
    """Whose decks this session shows and changes."""
    return decks.owner_of(st.session_state.get("access", LOCAL))


def mine() -> list[Deck]:
    """This user's decks, most recently changed first (read fresh: a deck is small and changes by the click)."""
    return decks.owned_by(data.connection(), owner())


def find(deck_id: str) -> Deck | None:
    return decks.get(data.connection(), deck_id)


def deck_link(deck_id: str) -> str:
    """The one link that opens a deck, from its first view."""
    return f"{link.base_url()}/?{DECK}={deck_id}"


def current_view() -> str:
    """The view this run shows, as a deck stores it: '/path?query' without the presentation's parameters."""
    return decks.clean_view(sequences.join_view(link.current_page_path(), st.query_params.to_dict()))


def _value_names() -> dict[str, str]:
    """Codes a link holds → what a person calls them (municipalities, housing forms)."""
    options = data.query("filter_options")
    municipalities = options[options["kind"] == "municipality"]
    return {**dict(zip(municipalities["value"], municipalities["label"])), **HOUSING_FORMS}


def describe(view: str, names: dict[str, str] | None = None) -> str:
    """'Vergelijken · vergelijk: gemeente · gekozen: Landgraaf, Haarlem' for a list of views."""
    names = names or {}
    path, params = sequences.split_view(view)
    title = _TITLES.get(path, path or "?")
    parts = [
        f"{_PARAM_LABELS.get(key, key)}: {', '.join(names.get(v, v) for v in link.split(value))}"
        for key, value in params.items()
    ]
    return " · ".join([title, *parts])


def views_for_viewer(deck: Deck, known_paths) -> tuple[list[str], list[str]]:
    """The deck's views as this user may open them, and Dutch notices about what was left out.

    A page the user does not get (the import page for a viewer) is skipped; projects the user may not see are
    taken out of a view's link before it is opened, so neither the address bar nor a notice names them.
    """
    visible = data.visible_projects()
    views, skipped, hidden = [], 0, False
    for view in deck.views:
        path, params = sequences.split_view(view)
        if path not in known_paths:
            skipped += 1
            continue
        for param, condition in PROJECT_PARAMS.items():
            if param not in params or (condition and params.get(condition[0]) != condition[1]):
                continue
            wanted = link.split(params[param])
            kept = [p for p in wanted if p in visible]
            hidden = hidden or len(kept) < len(wanted)
            if kept:
                params[param] = ",".join(kept)
            else:
                del params[param]
        views.append(sequences.join_view(path, params))
    notices = []
    if skipped:
        notices.append(
            f"{skipped} {'weergave' if skipped == 1 else 'weergaven'} van deze presentatie "
            f"{'is' if skipped == 1 else 'zijn'} voor u niet beschikbaar en {'wordt' if skipped == 1 else 'worden'} overgeslagen."
        )
    if hidden:
        notices.append(
            "Deze presentatie noemt projecten die u niet kunt zien; die zijn uit de weergaven weggelaten."
        )
    return views, notices


def _tell(kind: str, text: str) -> None:
    st.session_state[_NOTICE] = (kind, text)


def _show_notice() -> None:
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        kind, text = notice
        (st.success if kind == "ok" else st.error)(text, icon=":material/check_circle:" if kind == "ok" else ":material/error:")


def add_form() -> None:
    """'Voeg toe aan presentatie' for the current view: to one of the user's decks, or to a new one by typing a name.

    In a form, so typing a name costs no rerun; the deck is saved in the button's callback, before the panel is
    drawn, so the panel already offers the deck just used.
    """
    if not owner():
        return
    names = {d.deck_id: d.name for d in mine()}
    if st.session_state.get("deck_add_choice") not in names:
        st.session_state.pop("deck_add_choice", None)  # a deck deleted meanwhile: offer the latest again
    st.markdown("**Voeg toe aan presentatie**")
    with st.form("deck_add", border=False, enter_to_submit=True, clear_on_submit=True):
        if names:
            st.selectbox("Presentatie", list(names), format_func=names.get, key="deck_add_choice")
        st.text_input(
            "Of een nieuwe presentatie, met de naam" if names else "Nieuwe presentatie, met de naam",
            key="deck_add_name", max_chars=decks.MAX_NAME, placeholder="Bijvoorbeeld: Werksessie Almere",
        )
        st.form_submit_button("Voeg toe aan presentatie", icon=":material/playlist_add:", on_click=_add, args=(current_view(),))
    _show_notice()


def _add(view: str) -> None:
    """A typed name wins: a new deck, or the own deck of that name; else the chosen deck."""
    who = owner()
    name = " ".join((st.session_state.get("deck_add_name") or "").split())
    chosen = st.session_state.get("deck_add_choice")
    try:
        same = [d for d in mine() if d.name.casefold() == name.casefold()] if name else []
        if same or (chosen and not name):
            deck = decks.add_view(data.store(), same[0].deck_id if same else chosen, who, view)
        else:
            deck = decks.create(data.store(), who, name, [view])
    except DeckError as error:
        _tell("error", str(error))
        return
    st.session_state["deck_add_choice"] = deck.deck_id
    _tell("ok", f"Toegevoegd aan '{deck.name}' als weergave {len(deck.views)}. Beheer en start hem op *Presentatie voorbereiden*.")


# The management page: buttons act in callbacks, so the list drawn afterwards already shows the change.
def _act(action, *args, done: str | None = None) -> None:
    try:
        action(data.store(), *args)
    except DeckError as error:
        _tell("error", str(error))
        return
    if done:
        _tell("ok", done)


def _rename(deck_id: str, who: str) -> None:
    _act(decks.rename, deck_id, who, st.session_state.get(f"deck_name_{deck_id}", ""), done="De naam is gewijzigd.")


def manage() -> Deck | None:
    """The user's decks: link to copy, rename, reorder and remove views, delete; the deck whose Start was pressed."""
    who = owner()
    own = mine()
    _show_notice()
    if not own:
        st.info(
            "U heeft nog geen bewaarde presentaties. Open een pagina, stel de filters in en kies in de zijbalk onder "
            "*Deel of presenteer deze weergave* de knop **Voeg toe aan presentatie**.",
            icon=":material/info:",
        )
        return None
    started = None
    names = _value_names()
    for deck in own:
        with st.container(border=True, key=f"deck_{deck.deck_id}"):
            if _deck(deck, who, names):
                started = deck
    return started


def _deck(deck: Deck, who: str, names: dict[str, str]) -> bool:
    """One deck's card; True when its Start button was pressed."""
    count = len(deck.views)
    st.subheader(deck.name, anchor=False)
    st.caption(
        f"{count} {'weergave' if count == 1 else 'weergaven'} · gewijzigd {deck.updated_at:%d-%m-%Y %H:%M}. "
        "Wie de link opent, ziet de weergaven zoals zijn of haar eigen rechten toestaan."
    )
    st.code(deck_link(deck.deck_id), language=None)
    for position, view in enumerate(deck.views):
        text, up, down, out = st.columns([6, 1.3, 1.3, 1.6], vertical_alignment="center")
        text.markdown(f"**{position + 1}** · {describe(view, names)}")
        key = f"deck_{deck.deck_id}_{position}"
        up.button(
            "Eerder", icon=":material/arrow_upward:", key=f"{key}_up", disabled=position == 0, width="stretch",
            on_click=_act, args=(decks.move, deck.deck_id, who, position, -1, view),
        )
        down.button(
            "Later", icon=":material/arrow_downward:", key=f"{key}_down", disabled=position == count - 1,
            width="stretch", on_click=_act, args=(decks.move, deck.deck_id, who, position, 1, view),
        )
        out.button(
            "Weghalen", icon=":material/close:", key=f"{key}_remove", width="stretch",
            on_click=_act, args=(decks.remove_view, deck.deck_id, who, position, view),
        )
    start, rename, delete = st.columns(3)
    started = start.button(
        "Start presentatie", type="primary", icon=":material/play_arrow:", key=f"deck_{deck.deck_id}_start",
        disabled=not deck.views,
    )
    with rename.popover("Naam wijzigen", icon=":material/edit:"):
        st.text_input("Nieuwe naam", value=deck.name, key=f"deck_name_{deck.deck_id}", max_chars=decks.MAX_NAME)
        st.button("Bewaar naam", key=f"deck_{deck.deck_id}_rename", on_click=_rename, args=(deck.deck_id, who))
    with delete.popover("Verwijderen", icon=":material/delete:"):
        st.markdown(f"Presentatie **{deck.name}** verwijderen? Wie de link nog heeft, krijgt dan een melding.")
        st.button(
            "Ja, verwijder", key=f"deck_{deck.deck_id}_delete", type="primary",
            on_click=_act, args=(decks.delete, deck.deck_id, who), kwargs={"done": f"'{deck.name}' is verwijderd."},
        )
    return started


def save_pasted(views: list[str]) -> None:
    """Keep a sequence made from pasted links as a deck of one's own (shown in the list above after saving)."""
    if not owner():
        return
    with st.form("deck_from_links", border=False, enter_to_submit=True):
        st.text_input("Bewaar deze reeks als presentatie met de naam", key="deck_paste_name", max_chars=decks.MAX_NAME)
        st.form_submit_button("Bewaar als presentatie", icon=":material/save:", on_click=_save_pasted, args=(views,))


def _save_pasted(views: list[str]) -> None:
    name = st.session_state.get("deck_paste_name", "")
    try:
        deck = decks.create(data.store(), owner(), name, views)
    except DeckError as error:
        _tell("error", str(error))
        return
    _tell("ok", f"Bewaard als '{deck.name}' ({len(deck.views)} weergaven).")
