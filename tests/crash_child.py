"""Child process for the crash-safety harness: takes in cases as fast as it can.

Each loop: write a material photo to the media store (durable before it is referenced),
then in one transaction open a case with its checklist, attach the photo, accept it and
log a receipt print; after the commit returns, report ``COMMITTED <case_no> <sha256>`` on
stdout (``READY`` first, once the store is open). The parent kills this process with SIGKILL at
random moments and checks that every reported case survived with its file.
"""

from __future__ import annotations

import os
import sys

from models import clock
from models.catalog import load_catalog
from models.demo import accept_sample_case
from models.media import store_bytes
from models.orm import PrintLog
from models.store import open_store

ITEM = "002036001003"  # 城乡居民参保登记


def main(loops: int) -> None:
    store = open_store()
    catalog = load_catalog()
    sys.stdout.write("READY\n")  # the parent may time its kill from here (a loaded machine starts slowly)
    sys.stdout.flush()
    for _ in range(loops):
        photo = os.urandom(20_000)  # incompressible, like a JPEG
        sha = store_bytes(store.paths.media, photo)
        with store.db.write() as session:
            case = accept_sample_case(session, catalog, ITEM, [(sha, len(photo))])
            session.add(PrintLog(case_id=case.id, document="receipt", clerk_id=None, at=clock.now()))
            case_no = case.case_no
        sys.stdout.write(f"COMMITTED {case_no} {sha}\n")
        sys.stdout.flush()
    store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
