"""Build tests/data/revision-NNNN.sqlite3: a station database from the era of each schema revision.

STYLE.md section 7 (electrum tests/test_storage_upgrade): keep a database from every schema
revision that has been on main and test upgrading it (tests/test_migrations.py). A database is
made by the code of its era, not by today's code writing into an old schema: the script takes
the last commit on main whose newest revision is NNNN (the first parent of the commit that added
the next revision; the given commit, default HEAD, for the newest), extracts that tree with
``git archive`` and runs it in a child process with a fresh ``TONGBAN_HOME``:

- ``open_store()`` (Alembic upgrade to that era's head, i.e. to revision NNNN) and ``seed_demo``
  (the demo station, clerks, people and cases in their lifecycle states);
- a photo attached to a case's material (material_file rows), and the case's form answers
  where the era's demo left them empty (case_field);
- where the era has printing: a print and a reprint with its reason (print_log; audit entries);
- where the era has sync: a real hub on loopback (the era's ``hub.server``), enrolment, one
  upload (sync_identity/batch/batch_item/media/run), holidays and a centre decision on the hub,
  and a second run that brings them down (sync_cursor, sync_inbox, holiday_override, case events
  from the centre).

Run from the repository root with the project's virtualenv:

    .venv/bin/python scripts/revision_databases.py            # every revision
    .venv/bin/python scripts/revision_databases.py 0004       # one revision

Before revision 0010 no code wrote the notification table, so it stays empty in those eras. The demo data is fictitious
(models/demo.py), so the files hold no personal data.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VERSIONS = "models/migrations/versions"
OUT = REPO / "tests" / "data"

#: Runs inside the era's tree (PYTHONPATH); prints the row count of every table as JSON.
CHILD = r'''
import datetime as dt, json, os, sqlite3
from pathlib import Path

from sqlalchemy import select

from models import clock
from models.demo import seed_demo
from models.media import store_bytes
from models.orm import Case, Clerk, MaterialEntry, MaterialFile
from models.store import open_store

def has(module):
    """In this era's tree (the virtualenv's editable install would find today's module)."""
    path = Path.cwd() / module.replace(".", "/")
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()

st = open_store()
with st.db.write() as session:
    seed_demo(session, st.paths)

# A photographed page of the first material of the newest accepted case.
photo = bytes(range(256)) * 64
sha = store_bytes(st.paths.media, photo)
with st.db.write() as session:
    case = session.scalar(select(Case).where(Case.accepted_at.is_not(None)).order_by(Case.id.desc()))
    entry = session.scalar(select(MaterialEntry).where(MaterialEntry.case_id == case.id).order_by(MaterialEntry.id))
    session.add(MaterialFile(entry_id=entry.id, sha256=sha, mime="image/jpeg", size=len(photo), created_at=clock.now()))
    accepted_no = case.case_no
    accepted_id = case.id
    if not case.fields:  # eras whose demo left the form empty: a clerk's answers
        from models.cases import set_fields
        from models.catalog import load_catalog

        answers = {}
        for field in load_catalog().get(case.item_code).all_fields()[:6]:
            kind = getattr(field.type, "value", str(field.type))
            options = getattr(field, "options", None) or []
            if options:
                answers[field.key] = options[0]
            else:
                answers[field.key] = clock.today_local().isoformat() if kind == "date" else "演示"
        set_fields(session, case, answers)

if has("models.print_log"):
    from models.print_log import record_print

    with st.db.write() as session:
        clerk = session.scalar(select(Clerk).where(Clerk.login.in_(("dayin", "admin"))).order_by(Clerk.id))
        kwargs = {"document": "receipt", "pdf": b"%PDF-1.4 era fixture", "case_id": accepted_id}
        if clerk is not None:
            kwargs["clerk_id"] = clerk.id
        record_print(session, **kwargs)
        record_print(session, **kwargs, reprint_reason="申请人遗失回执")

if has("sync.runner") and has("hub.server"):
    from hub.server import BackgroundServer, build
    from sync import protocol
    from sync.engine import SyncOptions
    from sync.runner import enroll_station, http_client, make_engine

    hub, app = build(Path(os.environ["HUB_DATA"]), auto_approve=True, token="era-fixture")

    def run():
        with http_client(server.url) as http:
            engine = make_engine(st, http, SyncOptions(), retries=1, backoff_s=0.0)
            engine.client.sleep = lambda _s: None
            return engine.run()

    with BackgroundServer(app) as server:
        assert enroll_station(st, server.url).status == "approved"
        run()
        year = clock.today_local().year + 1
        hub.set_holidays([protocol.HolidayRecord(day=dt.date(year, 1, 1), is_workday=False)])
        hub.decide(accepted_no, "approve", None, "era-fixture")
        run()
    hub.db.dispose()

st.close()
con = sqlite3.connect(st.paths.database)
tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
con.close()
print(json.dumps({"database": str(st.paths.database), "counts": counts}))
'''


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO, check=True, capture_output=True, text=True).stdout.strip()


def revisions() -> list[str]:
    """Revision ids in order (file names start with them: 0001_initial_schema.py …)."""
    return sorted(m.group(1) for p in (REPO / VERSIONS).glob("*.py") if (m := re.match(r"(\d{4})_", p.name)))


def era_commit(revision: str, newest: str) -> str:
    """The last commit on main whose newest revision is ``revision``."""
    later = [r for r in revisions() if r > revision]
    if not later:
        return git("rev-parse", newest)
    (added,) = [p.name for p in (REPO / VERSIONS).glob(f"{later[0]}_*.py")]
    # Along main's first parents, merges included (a revision often lands through a merge, and is
    # sometimes renumbered there: a rename).
    commits = git(
        "log", "--format=%H", "--diff-filter=AR", "-m", "--first-parent", "--", f"{VERSIONS}/{added}"
    ).splitlines()
    return git("rev-parse", f"{commits[-1]}^1")


def build(revision: str, newest: str) -> Path:
    commit = era_commit(revision, newest)
    with tempfile.TemporaryDirectory(prefix=f"era-{revision}-") as tmp:
        src, home = Path(tmp) / "src", Path(tmp) / "home"
        src.mkdir()
        archive = subprocess.run(["git", "archive", commit], cwd=REPO, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("TONGBAN_")},
            "PYTHONPATH": str(src),
            "TONGBAN_HOME": str(home),
            "HUB_DATA": str(Path(tmp) / "hub"),
            "QT_QPA_PLATFORM": "offscreen",
        }
        done = subprocess.run(
            [sys.executable, "-c", CHILD], cwd=src, env=env, capture_output=True, text=True, timeout=600
        )
        if done.returncode != 0:
            raise SystemExit(f"revision {revision} (commit {commit[:10]}) failed:\n{done.stderr[-4000:]}")
        report = json.loads(done.stdout.strip().splitlines()[-1])
        target = OUT / f"revision-{revision}.sqlite3"
        target.unlink(missing_ok=True)
        source = sqlite3.connect(report["database"])
        copy = sqlite3.connect(target)
        source.backup(copy)  # one consistent file, whatever is still in the WAL
        source.close()
        copy.execute("PRAGMA journal_mode=DELETE")
        copy.execute("VACUUM")
        found = copy.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        copy.close()
        if found != revision:
            raise SystemExit(f"commit {commit[:10]} migrated to {found}, not {revision}")
        empty = sorted(t for t, n in report["counts"].items() if n == 0)
        print(f"{target.relative_to(REPO)}: revision {revision} from {commit[:10]}; empty tables: {empty or 'none'}")
        shutil.rmtree(src, ignore_errors=True)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", nargs="*", help="revisions to build (default: all)")
    parser.add_argument("--newest-from", default="HEAD", help="commit whose tree builds the newest revision")
    args = parser.parse_args()
    for revision in args.revision or revisions():
        build(revision, args.newest_from)
    return 0


if __name__ == "__main__":
    sys.exit(main())
