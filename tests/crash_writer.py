"""A writer for the crash tests to SIGKILL part-way: `python -m tests.crash_writer DB write|publish`.

write:   one large import inside Store.writer(): placements in chunks of CHUNK rows, printing
         "RIJEN <n>" after each chunk; killed long before it would commit.
publish: a small write that commits, then a slowed-down snapshot copy that prints "PUBLICEREN"
         once it is part-way, so the test can kill it during publication.

Stands in for `python -m housing_monitor import placements FILE` until the importer (issue 3) lands.
"""

from __future__ import annotations

import shutil
import sys
import time

from housing_monitor.store import Store

CHUNK = 200_000
CHUNKS = 60  # 12 million rows: far more than the test lets it write
NEW_PLACEMENT = "PCRASH"


def large_import(store: Store) -> None:
    with store.writer() as con:
        for chunk in range(CHUNKS):
            con.execute(
                "INSERT INTO placements SELECT p.* REPLACE ("
                "  'PX' || ($chunk * $size + i) AS placement_id, 'HX' || ($chunk * $size + i) AS household_id"
                ") FROM placements AS p, range($size) AS r(i) WHERE p.placement_id = (SELECT min(placement_id) FROM placements)",
                {"chunk": chunk, "size": CHUNK},
            )
            print(f"RIJEN {(chunk + 1) * CHUNK}", flush=True)


def slow_publication(store: Store) -> None:
    real_copy = shutil.copyfile

    def slow_copy(source, target, **kwargs):
        with open(source, "rb") as reader, open(target, "wb") as writer:
            writer.write(reader.read(1 << 16))
            writer.flush()
            print("PUBLICEREN", flush=True)
            time.sleep(60)
        return real_copy(source, target, **kwargs)

    shutil.copyfile = slow_copy
    with store.writer() as con:
        con.execute(
            "INSERT INTO placements SELECT * REPLACE ($id AS placement_id) FROM placements "
            "WHERE placement_id = (SELECT min(placement_id) FROM placements)",
            {"id": NEW_PLACEMENT},
        )


if __name__ == "__main__":
    database, mode = sys.argv[1], sys.argv[2]
    {"write": large_import, "publish": slow_publication}[mode](Store(database))
    print("KLAAR", flush=True)
