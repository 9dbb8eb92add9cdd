"""Presentation decks a facilitator keeps: a named, ordered list of views, owned by whoever made it.

A deck is bookkeeping, not data: every change is one write with `data_change=False`, so the data version (the
key of every cached result) stays the same and a room of viewers keeps its warm caches. Decks live in the
table `deck` of the database itself, so they survive a restart, an import or undo and a demo rebuild, and are
in every backup. Only the owner may change a deck; anyone admitted to the dashboard may open it by its id
(what they then see follows the ordinary access rules of each view).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace

import duckdb

from housing_monitor import sequences
from housing_monitor.access import Access
from housing_monitor.db import queries
from housing_monitor.db.store import Store

MAX_NAME = 80
MAX_VIEWS = sequences.MAX_VIEWS
LOCAL_OWNER = "lokaal"  # the one user of local mode
_ID = re.compile(r"^[A-Za-z0-9_-]{6,32}$")


class DeckError(ValueError):
    """A deck change that cannot be made; the message says why, in Dutch."""


class UnknownDeck(DeckError):
    """No deck has this id (never made, or deleted)."""


class NotOwner(DeckError):
    """Someone other than the deck's maker tried to change it."""


@dataclass(frozen=True)
class Deck:
    """A named list of views ('/path?query'), in presenting order."""

    deck_id: str
    name: str
    owner: str
    views: tuple[str, ...]
    created_at: dt.datetime
    updated_at: dt.datetime

    @classmethod
    def from_row(cls, row: dict) -> Deck:
        views = json.loads(row["views"])
        return cls(
            deck_id=row["deck_id"],
            name=row["name"],
            owner=row["owner"],
            views=tuple(v for v in views if isinstance(v, str)),
            created_at=_datetime(row["created_at"]),
            updated_at=_datetime(row["updated_at"]),
        )


def _datetime(value) -> dt.datetime:
    return value.to_pydatetime() if hasattr(value, "to_pydatetime") else value


def owner_of(access: Access) -> str | None:
    """Whose decks these are: the signed-in address, the one local user, or nobody (no session)."""
    if access.local_mode:
        return LOCAL_OWNER
    return access.email.strip().lower() if access.email else None


def valid_id(deck_id: str | None) -> bool:
    """Whether a link's deck id has the shape of one (anything else is not looked up)."""
    return bool(deck_id) and bool(_ID.match(deck_id))


def clean_view(view: str) -> str:
    """A view as '/path?query' without the presentation's own parameters."""
    return sequences.join_view(*sequences.split_view(view))


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise DeckError("Geef de presentatie een naam.")
    if len(name) > MAX_NAME:
        raise DeckError(f"Een naam is hoogstens {MAX_NAME} tekens lang.")
    return name


def get(con: duckdb.DuckDBPyConnection, deck_id: str) -> Deck | None:
    """The deck with this id, or None (a reader's connection, shared by threads: a cursor per query)."""
    return _get(con, deck_id, queries.run)


def owned_by(con: duckdb.DuckDBPyConnection, owner: str | None) -> list[Deck]:
    """The decks this person made, most recently changed first."""
    return _owned_by(con, owner, queries.run)


# Inside a write the connection itself is asked (queries.fetch): a cursor would not see the open transaction.
def _get(con: duckdb.DuckDBPyConnection, deck_id: str, ask=queries.fetch) -> Deck | None:
    if not valid_id(deck_id):
        return None
    rows = ask(con, "deck", deck_id=deck_id)
    return Deck.from_row(rows.iloc[0].to_dict()) if len(rows) else None


def _owned_by(con: duckdb.DuckDBPyConnection, owner: str | None, ask=queries.fetch) -> list[Deck]:
    if not owner:
        return []
    return [Deck.from_row(row) for row in ask(con, "decks_of_owner", owner=owner).to_dict(orient="records")]


def _save(con: duckdb.DuckDBPyConnection, deck: Deck) -> None:
    queries.execute(
        con,
        "save_deck",
        deck_id=deck.deck_id,
        deck_name=deck.name,
        owner=deck.owner,
        views=json.dumps(list(deck.views), ensure_ascii=False),
        created_at=deck.created_at,
        updated_at=deck.updated_at,
    )


def _name_taken(con: duckdb.DuckDBPyConnection, owner: str, name: str, other_than: str | None = None) -> bool:
    return any(
        d.name.casefold() == name.casefold() and d.deck_id != other_than for d in _owned_by(con, owner)
    )


def create(store: Store, owner: str | None, name: str, views: list[str] | tuple[str, ...] = ()) -> Deck:
    """A new deck of this owner's, with a fresh id that cannot be guessed; the data version stays the same."""
    if not owner:
        raise DeckError("Alleen een ingelogde gebruiker kan een presentatie bewaren.")
    name = _clean_name(name)
    views = tuple(clean_view(v) for v in views)
    if len(views) > MAX_VIEWS:
        raise DeckError(f"Een presentatie heeft hoogstens {MAX_VIEWS} weergaven.")
    now = dt.datetime.now()
    deck = Deck(secrets.token_urlsafe(6), name, owner, views, now, now)
    with store.writer(data_change=False) as con:
        if _name_taken(con, owner, name):
            raise DeckError(f"U heeft al een presentatie met de naam '{name}'.")
        _save(con, deck)
    return deck


def _change(
    store: Store, deck_id: str, owner: str | None, change: Callable[[duckdb.DuckDBPyConnection, Deck], Deck | None]
) -> Deck | None:
    """Read the deck inside one write, refuse unless it is the owner's, save what `change` makes of it."""
    with store.writer(data_change=False) as con:
        deck = _get(con, deck_id)
        if deck is None:
            raise UnknownDeck("Deze presentatie bestaat niet (meer).")
        if not owner or deck.owner != owner:
            raise NotOwner("Alleen wie deze presentatie maakte, kan hem wijzigen.")
        changed = change(con, deck)
        if changed is None:
            queries.execute(con, "delete_deck", deck_id=deck_id)
            return None
        changed = replace(changed, updated_at=dt.datetime.now())
        _save(con, changed)
        return changed


def add_view(store: Store, deck_id: str, owner: str | None, view: str) -> Deck:
    """Append a view to the end of the owner's deck."""

    def append(con, deck: Deck) -> Deck:
        if len(deck.views) >= MAX_VIEWS:
            raise DeckError(f"Een presentatie heeft hoogstens {MAX_VIEWS} weergaven.")
        return replace(deck, views=(*deck.views, clean_view(view)))

    return _change(store, deck_id, owner, append)


def rename(store: Store, deck_id: str, owner: str | None, name: str) -> Deck:
    """Give the owner's deck another name (unique among the owner's decks)."""
    name = _clean_name(name)

    def renamed(con, deck: Deck) -> Deck:
        if _name_taken(con, deck.owner, name, other_than=deck.deck_id):
            raise DeckError(f"U heeft al een presentatie met de naam '{name}'.")
        return replace(deck, name=name)

    return _change(store, deck_id, owner, renamed)


def _at(deck: Deck, position: int, view: str | None) -> None:
    """Refuse a position that is not there, or that holds another view than the one the caller saw."""
    if not 0 <= position < len(deck.views) or (view is not None and deck.views[position] != view):
        raise DeckError("De presentatie is intussen gewijzigd; bekijk hem opnieuw en probeer het nog eens.")


def move(store: Store, deck_id: str, owner: str | None, position: int, offset: int, view: str | None = None) -> Deck:
    """Move the view at `position` by `offset` places (−1: one earlier); `view` guards against a stale screen."""

    def moved(con, deck: Deck) -> Deck:
        _at(deck, position, view)
        target = min(max(position + offset, 0), len(deck.views) - 1)
        views = list(deck.views)
        views.insert(target, views.pop(position))
        return replace(deck, views=tuple(views))

    return _change(store, deck_id, owner, moved)


def remove_view(store: Store, deck_id: str, owner: str | None, position: int, view: str | None = None) -> Deck:
    """Take the view at `position` out of the deck."""

    def removed(con, deck: Deck) -> Deck:
        _at(deck, position, view)
        return replace(deck, views=deck.views[:position] + deck.views[position + 1 :])

    return _change(store, deck_id, owner, removed)


def delete(store: Store, deck_id: str, owner: str | None) -> None:
    """Delete the owner's deck; its link then says the presentation no longer exists."""
    _change(store, deck_id, owner, lambda con, deck: None)
