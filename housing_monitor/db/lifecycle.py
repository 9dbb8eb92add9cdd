"""Keeping the published database current with the code: schema steps and derived tables on start."""

from __future__ import annotations

from housing_monitor.db import queries
from housing_monitor.db.migrations import DERIVED_VERSION_KEY, LATEST_VERSION, inspect
from housing_monitor.db.store import NoDataError, Store, derived_version


def published_version(store: Store) -> int | None:
    """The schema version of the snapshot readers currently see."""
    with store.reader() as con:
        return inspect(con)


def _published_derived_version(store: Store) -> str | None:
    with store.reader() as con:
        entries = queries.fetch(con, "meta_entries")
    found = entries.loc[entries["key"] == DERIVED_VERSION_KEY, "value"]
    return found.iloc[0] if len(found) else None


def ensure_current(store: Store) -> bool:
    """Upgrade and republish when the published snapshot is older than the code; True when it did.

    Older also means derived tables built by other code (a new pre-aggregated table, a changed definition):
    the writer rebuilds them, so readers never meet a missing or stale derived table.
    """
    def current() -> bool:
        return (
            published_version(store) == LATEST_VERSION
            and not store.publication_pending()
            and _published_derived_version(store) == derived_version()
        )

    if store.exists():
        if current():
            return False
    elif not store.path.exists():
        raise NoDataError(f"geen database gevonden op {store.path}")
    with store.exclusive():
        if store.exists() and current():
            return False  # another process starting at the same time brought it up to date while we waited
        with store.writer():
            pass  # the writer upgrades, rebuilds the derived tables and publishes
    return True
