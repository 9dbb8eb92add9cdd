"""Decks on screen (AppTest): added from the share panel, managed on Presentatie voorbereiden, opened by one link."""

from __future__ import annotations

import re
import shutil

import pytest

from housing_monitor.db import decks
from housing_monitor.db.store import Store
from tests.apptest import open_dashboard
from tests.test_access import AUTH, FOREIGN_PROJECTS, _app, _everything_shown

OWNER = decks.LOCAL_OWNER  # the one user of local mode, as the AppTest runs without sign-in


def _own_decks(store: Store) -> list[decks.Deck]:
    with store.reader() as con:
        return decks.owned_by(con, OWNER)


def _messages(at, where="main") -> str:
    part = getattr(at, where)
    return " ".join(e.value for kind in ("success", "error", "warning", "info") for e in getattr(part, kind))


def test_the_share_panel_adds_this_view_to_a_new_or_an_existing_deck(tiny_db_env):
    version = tiny_db_env.version()
    at = open_dashboard(query={"van": "2016-H1", "tot": "2016-H1"})
    at.session_state["share_open"] = True
    at.run()
    assert not at.sidebar.selectbox, "no decks yet: only a name to type"
    at.sidebar.text_input(key="deck_add_name").input("Werksessie")
    at.sidebar.button[-1].click().run()  # the form's "Voeg toe aan presentatie"
    assert "Toegevoegd aan 'Werksessie' als weergave 1" in _messages(at, "sidebar")

    at.switch_page("pages/compare.py").run()
    at.multiselect(key="cmp_items_gemeente").set_value(["GM0882", "GM0392"]).run()
    at.session_state["share_open"] = True
    at.run()
    choice = at.sidebar.selectbox(key="deck_add_choice")
    assert choice.options == ["Werksessie"]
    at.sidebar.text_input(key="deck_add_name").input("")  # the browser clears the form after a submit
    at.sidebar.button[-1].click().run()  # no name typed: the chosen deck
    assert "Toegevoegd aan 'Werksessie' als weergave 2" in _messages(at, "sidebar")

    [deck] = _own_decks(tiny_db_env)
    assert deck.views == (
        "/?van=2016-H1&tot=2016-H1",
        "/vergelijken?van=2016-H1&tot=2016-H1&vergelijk=gemeente&kies=GM0882,GM0392",
    )
    assert tiny_db_env.version() == version, "a deck is no data: every cached result stays valid"

    # A typed name equal to an own deck's adds to that deck; another name makes a new deck.
    at.sidebar.text_input(key="deck_add_name").input("werksessie")
    at.sidebar.button[-1].click().run()
    assert "Toegevoegd aan 'Werksessie' als weergave 3" in _messages(at, "sidebar")
    at.sidebar.text_input(key="deck_add_name").input("Tweede")
    at.sidebar.button[-1].click().run()
    assert "Toegevoegd aan 'Tweede' als weergave 1" in _messages(at, "sidebar")
    assert [d.name for d in _own_decks(tiny_db_env)] == ["Tweede", "Werksessie"]
    assert at.sidebar.selectbox(key="deck_add_choice").options == ["Tweede", "Werksessie"], "the latest first"


def test_a_new_deck_needs_a_name(tiny_db_env):
    at = open_dashboard()
    at.session_state["share_open"] = True
    at.run()
    at.sidebar.button[-1].click().run()
    assert "Geef de presentatie een naam" in _messages(at, "sidebar")
    assert _own_decks(tiny_db_env) == []


def _listed(at) -> list[str]:
    """The views of the decks on the page, as listed."""
    return [m.value for m in at.main.markdown if re.match(r"^\*\*\d+\*\* · ", m.value)]


def _card_buttons(at, deck_id: str) -> dict[str, object]:
    return {b.key.removeprefix(f"deck_{deck_id}_"): b for b in at.button if b.key and b.key.startswith(f"deck_{deck_id}_")}


def test_the_page_reorders_removes_renames_and_deletes(tiny_db_env):
    views = ["/?gemeente=GM0882", "/vergelijken?vergelijk=woonvorm&kies=tijdelijk,woningdelen", "/begrippen"]
    deck = decks.create(tiny_db_env, OWNER, "Werksessie", views)
    someone_elses = decks.create(tiny_db_env, "bob@haarlem.nl", "Van Bob", views)
    at = open_dashboard(page="pages/present.py")
    assert [s.value for s in at.subheader] == ["Werksessie"], "only one's own decks"
    assert at.main.code[0].value == f"/?deck={deck.deck_id}"
    assert _listed(at) == [
        "**1** · Overzicht · gemeente: Landgraaf",
        "**2** · Vergelijken · vergelijk: woonvorm · gekozen: Tijdelijke huisvesting, Woningdelen",
        "**3** · Begrippen / Over de data",
    ]
    buttons = _card_buttons(at, deck.deck_id)
    assert buttons["0_up"].disabled and buttons["2_down"].disabled

    buttons["0_down"].click().run()
    assert _own_decks(tiny_db_env)[0].views == (views[1], views[0], views[2])
    _card_buttons(at, deck.deck_id)["2_up"].click().run()
    assert _own_decks(tiny_db_env)[0].views == (views[1], views[2], views[0])
    _card_buttons(at, deck.deck_id)["1_remove"].click().run()
    assert _own_decks(tiny_db_env)[0].views == (views[1], views[0])
    assert _listed(at)[0].startswith("**1** · Vergelijken")

    at.text_input(key=f"deck_name_{deck.deck_id}").input("Werksessie Landgraaf")
    _card_buttons(at, deck.deck_id)["rename"].click().run()
    assert [s.value for s in at.subheader] == ["Werksessie Landgraaf"]
    assert "De naam is gewijzigd" in _messages(at)

    _card_buttons(at, deck.deck_id)["delete"].click().run()
    assert "'Werksessie Landgraaf' is verwijderd" in _messages(at)
    assert "nog geen bewaarde presentaties" in _messages(at)
    assert _own_decks(tiny_db_env) == []
    with tiny_db_env.reader() as con:
        assert decks.get(con, someone_elses.deck_id) == someone_elses
    assert not at.exception


def test_pasted_links_can_be_kept_as_a_deck(tiny_db_env):
    at = open_dashboard(page="pages/present.py")
    at.text_area(key="present_links").input("http://localhost:8501/?gemeente=GM0882\n/begrippen").run()
    at.text_input(key="deck_paste_name").input("Uit links")
    next(b for b in at.get("button") if b.label == "Bewaar als presentatie").click().run()
    assert "Bewaard als 'Uit links' (2 weergaven)" in _messages(at)
    assert [s.value for s in at.subheader] == ["Uit links"]
    assert _own_decks(tiny_db_env)[0].views == ("/?gemeente=GM0882", "/begrippen")


def test_a_deck_link_opens_its_views_in_presentation_mode(tiny_db_env):
    views = ["/vergelijken?vergelijk=woonvorm&kies=tijdelijk,woningdelen", "/?gemeente=GM0882", "/begrippen"]
    deck = decks.create(tiny_db_env, "bob@haarlem.nl", "Werksessie", views)  # anyone admitted may open it
    at = open_dashboard(query={"deck": deck.deck_id})
    assert at.title[0].value == "Vergelijken"
    assert at.multiselect(key="cmp_items_woonvorm").value == ["tijdelijk", "woningdelen"]
    assert dict(at.query_params) == {
        "vergelijk": "woonvorm", "kies": "tijdelijk,woningdelen", "presentatie": "1", "deck": deck.deck_id, "stap": "0",
    }
    assert any("Weergave 1 van 3 · Werksessie" in m.value for m in at.markdown)
    # Every direction has a visible button for the arrow key and a hidden twin for a clicker's PageUp/PageDown.
    shortcuts = {b.key: (b.proto.shortcut, b.disabled) for b in at.button if b.key and b.key.startswith("pres_")}
    assert shortcuts == {
        "pres_prev": ("left", True), "pres_next": ("right", False),
        "pres_prev_page": ("pageup", True), "pres_next_page": ("pagedown", False),
        "pres_stop": ("", False),
    }
    at.button(key="pres_next_page").click().run()
    assert at.title[0].value == "Overzicht"
    assert at.multiselect(key="f_municipalities").value == ["GM0882"]
    assert at.query_params["stap"] == "1" and at.query_params["deck"] == deck.deck_id and "reeks" not in at.query_params
    at.button(key="pres_next").click().run()
    assert at.button(key="pres_next").disabled and at.button(key="pres_next_page").disabled
    at.button(key="pres_prev_page").click().run()
    assert at.title[0].value == "Overzicht"
    assert not at.exception


def test_a_deck_link_opens_at_its_step_and_stays_current(tiny_db_env):
    deck = decks.create(tiny_db_env, OWNER, "Werksessie", ["/?gemeente=GM0882", "/begrippen"])
    at = open_dashboard(query={"deck": deck.deck_id, "presentatie": "1", "stap": "1"})
    assert at.title[0].value == "Begrippen en over de data"
    # The link names the deck, not its views: an edit shows up for whoever opens it next.
    decks.move(tiny_db_env, deck.deck_id, OWNER, 1, -1)
    again = open_dashboard(query={"deck": deck.deck_id})
    assert again.title[0].value == "Begrippen en over de data"


@pytest.mark.parametrize("deck_id", ["bestaatniet", "x"])
def test_an_unknown_deck_link_says_so_in_dutch(tiny_db_env, deck_id):
    at = open_dashboard(query={"deck": deck_id})
    assert "Deze presentatie bestaat niet (meer)" in _messages(at)
    assert at.title[0].value == "Overzicht" and not any(b.key == "pres_next" for b in at.button)


def test_an_empty_deck_says_so(tiny_db_env):
    deck = decks.create(tiny_db_env, OWNER, "Leeg")
    at = open_dashboard(query={"deck": deck.deck_id})
    assert "De presentatie 'Leeg' heeft nog geen weergaven die u kunt zien" in _messages(at)


@pytest.fixture
def demo_copy(demo_store, tmp_path, monkeypatch) -> Store:
    """A writable copy of the demo database (the shared one is read-only)."""
    store = Store(tmp_path / "monitor.duckdb")
    shutil.copyfile(demo_store.current_snapshot(), store.path)
    with store.writer():
        pass  # publishes the copy
    monkeypatch.setenv("HOUSING_MONITOR_DB", str(store.path))
    return store


def test_a_viewer_sees_a_deck_within_their_own_rights(demo_copy):
    """An administrator's deck, opened by an Almere viewer: no import page, no other organisation's project."""
    views = [
        "/gegevens",
        "/?project=Basisschool Landgraaf,Almere-Haven&van=2015-H1&tot=2024-H2",
        "/vergelijken?vergelijk=project&kies=Almere-Haven,Basisschool Landgraaf,Woningdelen Haarlem",
    ]
    deck = decks.create(demo_copy, "beheer@provincie.nl", "Provinciale werksessie", views)
    at = _app(demo_copy, user={"is_logged_in": True, "email": "wethouder@almere.nl"}, secrets=AUTH)
    at.query_params["deck"] = deck.deck_id
    at.run()
    assert not at.exception
    assert at.title[0].value == "Overzicht"
    assert at.multiselect(key="f_projects").value == ["Almere-Haven"]
    assert any("Weergave 1 van 2" in m.value for m in at.markdown)
    notices = _messages(at)
    assert "1 weergave van deze presentatie is voor u niet beschikbaar" in notices
    assert "projecten die u niet kunt zien" in notices
    seen = _everything_shown(at) + " ".join(f"{k}={v}" for k, v in at.query_params.items())
    assert not [p for p in FOREIGN_PROJECTS if p in seen]

    at.button(key="pres_next").click().run()
    assert at.title[0].value == "Vergelijken"
    assert at.query_params["kies"] == "Almere-Haven"
    seen = _everything_shown(at) + " ".join(f"{k}={v}" for k, v in at.query_params.items())
    assert not [p for p in FOREIGN_PROJECTS if p in seen]

    # The viewer's own page lists none of the administrator's decks, so nothing to change there.
    at.button(key="pres_stop").click().run()
    at.switch_page("pages/present.py").run()
    assert "nog geen bewaarde presentaties" in _messages(at) and not at.subheader
