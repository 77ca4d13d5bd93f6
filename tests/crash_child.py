"""Child process for the crash-safety harness: takes in cases as fast as it can.

Each loop: write a material photo to the media store (durable before it is referenced),
then in one transaction open a case with its checklist, attach the photo, accept it and
log a receipt print; after the commit returns, report ``COMMITTED <case_no> <sha256>`` on
stdout. The parent kills this process with SIGKILL at random moments and checks that every
reported case survived with its file.
"""

from __future__ import annotations

import os
import sys

from sqlalchemy import select

from models import clock
from models.cases import MaterialLine, apply_action, open_case, set_material_status
from models.catalog import load_catalog
from models.lifecycle import Action
from models.media import store_bytes
from models.orm import Clerk, MaterialEntry, MaterialFile, PrintLog
from models.station_setup import current_station
from models.store import open_store

ITEM = "002036001003"  # 城乡居民参保登记


def main(loops: int) -> None:
    store = open_store()
    catalog = load_catalog()
    item = catalog.get(ITEM)
    lines = [MaterialLine(m.key, m.name) for m in item.materials if m.required and m.condition is None]
    for _ in range(loops):
        photo = os.urandom(20_000)  # incompressible, like a JPEG
        sha = store_bytes(store.paths.media, photo)
        with store.db.write() as session:
            station = current_station(session)
            clerk = session.scalar(select(Clerk).where(Clerk.login == "shouli"))
            assert station is not None
            case = open_case(
                session, station=station, item=item, catalog_version=catalog.version, clerk=clerk, materials=lines
            )
            entries = session.scalars(select(MaterialEntry).where(MaterialEntry.case_id == case.id)).all()
            for entry in entries:
                set_material_status(session, case, entry.material_key, "received")
            session.add(
                MaterialFile(entry=entries[0], sha256=sha, mime="image/jpeg", size=len(photo), created_at=clock.now())
            )
            apply_action(session, case, Action.ACCEPT, item=item, clerk=clerk)
            session.add(PrintLog(case_id=case.id, document="receipt", clerk_id=None, at=clock.now()))
            case_no = case.case_no
        sys.stdout.write(f"COMMITTED {case_no} {sha}\n")
        sys.stdout.flush()
    store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
