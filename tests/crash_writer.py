"""A writer for the publication crash test to SIGKILL part-way: `python -m tests.crash_writer DB publish`.

A small write that commits, then a slowed-down snapshot copy that prints "PUBLICEREN" once it is
part-way, so the test can kill it during publication. The real importer cannot be paused between its
commit and the end of its snapshot copy (a fraction of a second), hence this writer; the kill while
writing uses the real `python -m housing_monitor import` (tests/test_crash.py).
"""

from __future__ import annotations

import shutil
import sys
import time

from housing_monitor.db.store import Store

NEW_PLACEMENT = "PCRASH"


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
    {"publish": slow_publication}[mode](Store(database))
    print("KLAAR", flush=True)
