"""Getting a database to work with: the demo data on first start, and on request."""

from __future__ import annotations

from housing_monitor.access import system_user
from housing_monitor.db.store import Store


class ImportedDataError(RuntimeError):
    """Rebuilding the demo would throw away data that analysts imported."""


def load_demo(store: Store, scale: str = "demo", force: bool = False, user: str | None = None) -> dict[str, int]:
    """Replace the database with freshly generated demo data; refuses to overwrite imports unless forced."""
    if store.holds_imported_data() and not force:
        raise ImportedDataError(
            f"{store.path} bevat geïmporteerde gegevens; gebruik --force om ze door demodata te vervangen"
        )
    from housing_monitor.demo import (
        generate as demo,  # generating is rare; keep it off the dashboard's start-up path
    )

    frames = demo.generate(scale=scale)
    store.replace_all(frames, source="demo", user=user or system_user())
    return {name: len(frame) for name, frame in frames.items()}


def ensure_database(store: Store) -> bool:
    """Build the demo database when none exists yet; True when it was built now."""
    if store.exists():
        return False
    with store.exclusive():
        if store.exists():  # another process built it while we waited
            return False
        if store.path.exists():  # a database without published snapshots: publish it, never replace it
            with store.writer():
                pass
            return False
        load_demo(store, user="demo")
    return True
