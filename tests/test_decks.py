"""Presentation decks: kept in the database, changed only by their maker, never a change of the data version."""

from __future__ import annotations

import pytest

from housing_monitor.access import LOCAL, OUTSIDE_SESSION, Access
from housing_monitor.db import backup, decks, lifecycle, migrations
from housing_monitor.db.decks import DeckError, NotOwner, UnknownDeck
from housing_monitor.db.store import Store
from housing_monitor.demo import bootstrap
from housing_monitor.ingest import importer
from tests.dbdump import unpack_v1_database
from tests.test_import_undo import FILE_A

ANNA, BOB = "anna@almere.nl", "bob@haarlem.nl"
OVERVIEW = "/?gemeente=GM0882&van=2016-H1&tot=2016-H2"
COMPARE = "/vergelijken?vergelijk=woonvorm&kies=tijdelijk,woningdelen"
DEFINITIONS = "/begrippen"


def _reread(store: Store, deck_id: str) -> decks.Deck:
    """The deck as a new process sees it: a fresh Store on the same file, the published snapshot."""
    with Store(store.path).reader() as con:
        return decks.get(con, deck_id)


def test_a_deck_is_made_changed_and_deleted_by_its_owner(tiny_store):
    deck = decks.create(tiny_store, ANNA, "  Werksessie   Almere ", [OVERVIEW])
    assert (deck.name, deck.owner, deck.views) == ("Werksessie Almere", ANNA, (OVERVIEW,))
    assert decks.valid_id(deck.deck_id) and len(deck.deck_id) == 8

    decks.add_view(tiny_store, deck.deck_id, ANNA, "http://monitor.example.nl" + COMPARE)  # a full link is fine
    decks.add_view(tiny_store, deck.deck_id, ANNA, DEFINITIONS + "?presentatie=1&deck=x&reeks=y&stap=3")
    assert _reread(tiny_store, deck.deck_id).views == (OVERVIEW, COMPARE, DEFINITIONS)

    decks.move(tiny_store, deck.deck_id, ANNA, 2, -2, view=DEFINITIONS)
    assert _reread(tiny_store, deck.deck_id).views == (DEFINITIONS, OVERVIEW, COMPARE)
    decks.move(tiny_store, deck.deck_id, ANNA, 0, 1)
    assert _reread(tiny_store, deck.deck_id).views == (OVERVIEW, DEFINITIONS, COMPARE)
    decks.move(tiny_store, deck.deck_id, ANNA, 2, 5)  # past the end: stays last
    assert _reread(tiny_store, deck.deck_id).views == (OVERVIEW, DEFINITIONS, COMPARE)

    decks.remove_view(tiny_store, deck.deck_id, ANNA, 1, view=DEFINITIONS)
    renamed = decks.rename(tiny_store, deck.deck_id, ANNA, "Werksessie Landgraaf")
    again = _reread(tiny_store, deck.deck_id)
    assert (again.name, again.views) == ("Werksessie Landgraaf", (OVERVIEW, COMPARE)) == (renamed.name, renamed.views)
    assert again.created_at == deck.created_at and again.updated_at >= deck.updated_at

    decks.delete(tiny_store, deck.deck_id, ANNA)
    assert _reread(tiny_store, deck.deck_id) is None
    with pytest.raises(UnknownDeck, match="bestaat niet"):
        decks.add_view(tiny_store, deck.deck_id, ANNA, OVERVIEW)


CHANGES = {
    "add": lambda store, deck_id, who: decks.add_view(store, deck_id, who, COMPARE),
    "rename": lambda store, deck_id, who: decks.rename(store, deck_id, who, "Overgenomen"),
    "move": lambda store, deck_id, who: decks.move(store, deck_id, who, 1, -1),
    "remove": lambda store, deck_id, who: decks.remove_view(store, deck_id, who, 0),
    "delete": lambda store, deck_id, who: decks.delete(store, deck_id, who),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
@pytest.mark.parametrize("who", [BOB, None, decks.LOCAL_OWNER], ids=["someone else", "nobody", "local user"])
def test_only_the_owner_changes_a_deck(tiny_store, change, who):
    deck = decks.create(tiny_store, ANNA, "Werksessie", [OVERVIEW, DEFINITIONS])
    snapshot = tiny_store.current_snapshot()
    with pytest.raises(NotOwner, match="Alleen wie deze presentatie maakte"):
        change(tiny_store, deck.deck_id, who)
    assert tiny_store.current_snapshot() == snapshot, "a refused change publishes nothing"
    assert _reread(tiny_store, deck.deck_id) == deck


def test_whose_decks_these_are():
    assert decks.owner_of(LOCAL) == decks.LOCAL_OWNER
    assert decks.owner_of(Access(email="Anna@Almere.nl", role="viewer")) == ANNA
    assert decks.owner_of(OUTSIDE_SESSION) is None


def test_names_and_sizes_are_checked_in_dutch(tiny_store):
    with pytest.raises(DeckError, match="Geef de presentatie een naam"):
        decks.create(tiny_store, ANNA, "   ")
    with pytest.raises(DeckError, match="hoogstens 80 tekens"):
        decks.create(tiny_store, ANNA, "x" * 81)
    with pytest.raises(DeckError, match="ingelogde gebruiker"):
        decks.create(tiny_store, None, "Werksessie")
    first = decks.create(tiny_store, ANNA, "Werksessie")
    with pytest.raises(DeckError, match="al een presentatie met de naam 'werksessie'"):
        decks.create(tiny_store, ANNA, "werksessie")
    decks.create(tiny_store, BOB, "Werksessie")  # another owner may use the same name
    other = decks.create(tiny_store, ANNA, "Tweede")
    with pytest.raises(DeckError, match="al een presentatie met de naam"):
        decks.rename(tiny_store, other.deck_id, ANNA, "WERKSESSIE")
    decks.rename(tiny_store, first.deck_id, ANNA, "Werksessie")  # its own name again is fine
    full = decks.create(tiny_store, ANNA, "Vol", [OVERVIEW] * decks.MAX_VIEWS)
    with pytest.raises(DeckError, match="hoogstens 50 weergaven"):
        decks.add_view(tiny_store, full.deck_id, ANNA, OVERVIEW)
    with tiny_store.reader() as con:
        assert [d.name for d in decks.owned_by(con, ANNA)] == ["Vol", "Werksessie", "Tweede"]  # last changed first
        assert [d.name for d in decks.owned_by(con, BOB)] == ["Werksessie"]
        assert decks.owned_by(con, None) == []


def test_a_change_from_a_stale_screen_is_refused(tiny_store):
    deck = decks.create(tiny_store, ANNA, "Werksessie", [OVERVIEW, COMPARE])
    decks.remove_view(tiny_store, deck.deck_id, ANNA, 0, view=OVERVIEW)  # in another tab
    for stale in (
        lambda: decks.remove_view(tiny_store, deck.deck_id, ANNA, 0, view=OVERVIEW),
        lambda: decks.move(tiny_store, deck.deck_id, ANNA, 1, -1, view=COMPARE),
    ):
        with pytest.raises(DeckError, match="intussen gewijzigd"):
            stale()
    assert _reread(tiny_store, deck.deck_id).views == (COMPARE,)


@pytest.mark.parametrize("deck_id", ["", "abc", "../../etc", "x' OR 1=1 --", "a" * 40])
def test_a_link_with_a_malformed_id_finds_nothing(tiny_store, deck_id):
    decks.create(tiny_store, ANNA, "Werksessie", [OVERVIEW])
    with tiny_store.reader() as con:
        assert decks.get(con, deck_id) is None


def test_saving_a_deck_keeps_the_data_version(tiny_store):
    version, snapshot = tiny_store.version(), tiny_store.current_snapshot()
    with tiny_store.reader() as con:
        facts = con.execute("SELECT * FROM data_facts").fetchall()
    deck = decks.create(tiny_store, ANNA, "Werksessie", [OVERVIEW])
    decks.add_view(tiny_store, deck.deck_id, ANNA, COMPARE)
    decks.move(tiny_store, deck.deck_id, ANNA, 1, -1)
    decks.rename(tiny_store, deck.deck_id, ANNA, "Andere naam")
    decks.remove_view(tiny_store, deck.deck_id, ANNA, 0)
    decks.delete(tiny_store, deck.deck_id, ANNA)
    # Published (readers see every change) under the same data version: every cached result stays valid.
    assert tiny_store.current_snapshot() != snapshot
    assert tiny_store.version() == version
    with tiny_store.reader() as con:
        assert con.execute("SELECT * FROM data_facts").fetchall() == facts


def test_decks_survive_an_import_its_undo_and_a_demo_rebuild(tiny_store):
    deck = decks.create(tiny_store, ANNA, "Werksessie", [OVERVIEW, COMPARE])
    version = tiny_store.version()
    result = importer.import_file(tiny_store, "placements", "a.csv", FILE_A, user="pytest")
    assert result.status == "imported" and tiny_store.version() != version
    assert _reread(tiny_store, deck.deck_id) == deck
    importer.undo(tiny_store, result.import_id, user="pytest")
    assert _reread(tiny_store, deck.deck_id) == deck
    bootstrap.load_demo(tiny_store, force=True, user="pytest")
    assert _reread(tiny_store, deck.deck_id) == deck


def test_decks_are_in_backups_and_restored(tiny_store, tmp_path):
    kept = decks.create(tiny_store, ANNA, "Werksessie", [OVERVIEW, COMPARE])
    other = decks.create(tiny_store, BOB, "Haarlem", [DEFINITIONS])
    archive = tmp_path / "backup.zip"
    assert backup.backup(tiny_store, archive).tables["deck"] == 2

    decks.delete(tiny_store, kept.deck_id, ANNA)  # lost after the backup ...
    later = decks.create(tiny_store, ANNA, "Na de backup", [OVERVIEW])
    backup.restore(tiny_store, archive, force=True)  # ... and back with it; what came later is not
    assert _reread(tiny_store, kept.deck_id) == kept
    assert _reread(tiny_store, other.deck_id) == other
    assert _reread(tiny_store, later.deck_id) is None

    elsewhere = Store(tmp_path / "elders" / "monitor.duckdb")
    backup.restore(elsewhere, archive)
    with elsewhere.reader() as con:
        assert decks.get(con, kept.deck_id) == kept


def test_an_older_database_upgrades_and_then_keeps_decks(tmp_path):
    store = Store(unpack_v1_database(tmp_path))
    assert lifecycle.ensure_current(store) is True
    with store.reader() as con:
        assert migrations.inspect(con) == 5
        assert con.execute("SELECT count(*) FROM deck").fetchone() == (0,)
    version = store.version()
    deck = decks.create(store, ANNA, "Werksessie", [OVERVIEW])
    assert _reread(store, deck.deck_id) == deck and store.version() == version
