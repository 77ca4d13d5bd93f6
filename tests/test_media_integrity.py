from __future__ import annotations

import hashlib
import os
import time

from models import clock
from models.integrity import check_store
from models.media import TEMP_PREFIX, media_path, read_verified, store_bytes
from models.orm import MaterialEntry, MaterialFile
from models.store import Store


def test_store_is_content_addressed_and_idempotent(store: Store) -> None:
    data = b"\x89PNG fake page" * 1000
    sha = store_bytes(store.paths.media, data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert store_bytes(store.paths.media, data) == sha
    assert read_verified(store.paths.media, sha) == data
    assert not list(store.paths.media.rglob(TEMP_PREFIX + "*"))


def test_check_finds_missing_corrupt_orphan_and_temp_files(demo_store: Store) -> None:
    st = demo_store
    good = store_bytes(st.paths.media, b"page one")
    lost = store_bytes(st.paths.media, b"page two")
    bad = store_bytes(st.paths.media, b"page three")
    orphan = store_bytes(st.paths.media, b"never committed")
    with st.db.write() as session:
        entry = session.query(MaterialEntry).first()
        assert entry is not None
        for n, (sha, size) in enumerate([(good, 8), (lost, 8), (bad, 10)], start=1):
            session.add(
                MaterialFile(entry=entry, sha256=sha, mime="image/jpeg", size=size, page_no=n, created_at=clock.now())
            )
    media_path(st.paths.media, lost).unlink()
    media_path(st.paths.media, bad).write_bytes(b"page 3!!!!")  # same size, other bytes
    temp = st.paths.media / "ab" / f"{TEMP_PREFIX}x"
    temp.parent.mkdir(parents=True, exist_ok=True)
    temp.write_bytes(b"half")
    old = time.time() - 7200
    os.utime(temp, (old, old))

    quick = check_store(st.db, st.paths.media)
    assert quick.missing_files == [lost] and quick.corrupt_files == []
    assert orphan in quick.orphan_files
    assert not quick.ok
    deep = check_store(st.db, st.paths.media, deep=True, fix=True)
    assert deep.corrupt_files == [bad]
    assert deep.integrity == [] and deep.foreign_keys == []
    assert not temp.exists() and deep.fixed
    assert media_path(st.paths.media, good).exists()  # saved data is never touched
