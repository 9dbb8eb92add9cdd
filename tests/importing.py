"""Helpers for the import tests: the folder of realistic files and a content checksum of a database."""

from __future__ import annotations

import hashlib
from pathlib import Path

from housing_monitor.db.store import Store

FILES = Path(__file__).parent / "files"


def file_bytes(name: str) -> bytes:
    return (FILES / name).read_bytes()


def content_checksum(store: Store, tables: tuple[str, ...] | None = None) -> str:
    """A hash of every row of every table (or the given ones) in the published data, in a stable order."""
    digest = hashlib.sha256()
    with store.reader() as con:
        names = tables or tuple(
            row[0]
            for row in con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name"
            ).fetchall()
        )
        for name in names:
            rows = con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall()
            digest.update(f"{name}:{len(rows)}:{rows!r}".encode())
    return digest.hexdigest()


def file_state(store: Store) -> tuple[str, str]:
    """The primary file's bytes and the published snapshot: a refused import must change neither."""
    return hashlib.sha256(store.path.read_bytes()).hexdigest(), store.version()


def placements_csv(rows: int, seed: int = 1, households_per_row: float = 0.6) -> bytes:
    """A realistic Dutch placements export (semicolons, Dutch headers and labels, DD-MM-YYYY, ja/nee), vectorised."""
    import numpy as np
    import pandas as pd

    from housing_monitor.contract import DATASETS, HOUSING_FORMS

    rng = np.random.default_rng(seed)
    codes = np.array(["GM0882", "GM0392", "GM0034"])
    forms = np.array(list(HOUSING_FORMS.values()))
    permit = pd.Timestamp("2015-01-01") + pd.to_timedelta(rng.integers(0, 3000, rows), "D")
    move_in = permit + pd.to_timedelta(rng.integers(0, 400, rows), "D")
    move_out = move_in + pd.to_timedelta(rng.integers(30, 900, rows), "D")
    leaves = rng.random(rows) < 0.3
    frame = pd.DataFrame(
        {
            "placement_id": "P" + pd.Series(np.arange(rows)).astype("str").str.zfill(8),
            "household_id": "H" + pd.Series((np.arange(rows) * households_per_row).astype(np.int64)).astype("str").str.zfill(8),
            "municipality_code": codes[rng.integers(0, 3, rows)],
            "municipality_name": "",
            "corporation": np.where(rng.random(rows) < 0.8, "Woonstichting ’t Thuis", ""),
            "housing_form": forms[rng.integers(0, len(forms), rows)],
            "permanent": np.where(rng.random(rows) < 0.6, "ja", "nee"),
            "project": "",
            "household_type": np.where(rng.random(rows) < 0.5, "Gezin", "Alleenstaande"),
            "household_size": rng.integers(1, 8, rows).astype(str),
            "permit_date": permit.strftime("%d-%m-%Y"),
            "linked_date": "",
            "move_in_date": move_in.strftime("%d-%m-%Y"),
            "move_out_date": np.where(leaves, move_out.strftime("%d-%m-%Y"), ""),
        }
    )
    frame.columns = [c.alias for c in DATASETS["placements"].columns]
    return frame.to_csv(sep=";", index=False, lineterminator="\r\n").encode("utf-8")
