"""Issue 17 item 1: sign-ins racing a data-key rotation and each other, in real processes.

Each sign-in runs as its own ``tongban`` process. ``TONGBAN_TEST_KDF_GATE`` (models/security/
crypto.py) makes its scrypt wait on a lock file the test holds, after saying so on stderr: the
test reads that line (or the end of stderr, if the process was refused before the derivation),
lets other processes act, then drops the lock. Nothing is timed.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from models.errors import UserFacingError
from models.paths import DataPaths
from models.security import crypto, vault
from models.security.vault import Credentials
from tests.cli_helpers import REPO, tongban

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the test gate uses flock")

ADMIN_PW = "first-admin-pw"


def _init(home: Path) -> str:
    init = tongban("init", "--name", "某镇医保服务站", "--admdvs", "522701100", "--level", "乡镇",
                   "--station-no", "002", "--password-stdin", "--json", home=home, stdin=f"{ADMIN_PW}\n")
    assert init.returncode == 0, init.stderr
    return str(json.loads(init.stdout)["recovery_key"])


@contextmanager
def _gate(tmp_path: Path) -> Iterator[Path]:
    """Held exclusively while the block runs: gated key derivations wait until it ends."""
    gate = tmp_path / "kdf.gate"
    gate.write_bytes(b"")
    with open(gate, "rb") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield gate


def _gated_signin(home: Path, gate: Path, password: str) -> subprocess.Popen[str]:
    env = {**os.environ, "TONGBAN_HOME": str(home), crypto.TEST_KDF_GATE_ENV: str(gate)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop.cli.main", "--login", "admin", "--password-stdin", "case", "list", "--json"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO,
    )
    assert proc.stdin is not None
    proc.stdin.write(password + "\n")
    proc.stdin.close()
    return proc


def _reached_derivation(proc: subprocess.Popen[str]) -> tuple[bool, str]:
    """Blocks until the process waits inside scrypt (True) or has closed stderr (False)."""
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        if line.strip() == crypto.TEST_KDF_GATE_LINE:
            return True, "".join(seen)
        seen.append(line)
    return False, "".join(seen)


def _finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    assert proc.stdout is not None and proc.stderr is not None
    err = proc.stderr.read()  # what is left after _reached_derivation (the outputs are small)
    out = proc.stdout.read()
    return proc.wait(timeout=120), out, err


def test_a_wrong_password_during_a_rotation_cannot_undo_it(tongban_home: Path, tmp_path: Path) -> None:
    old_recovery = _init(tongban_home)
    paths = DataPaths(tongban_home)
    old_key_id = vault.load_keyring(paths).key_id
    with _gate(tmp_path) as gate:
        wrong = _gated_signin(tongban_home, gate, "not-the-password")
        right = _gated_signin(tongban_home, gate, ADMIN_PW)
        assert _reached_derivation(wrong)[0] and _reached_derivation(right)[0]
        # Both have read the old keyring and are inside scrypt: rotate the data key now.
        rotated = tongban("user", "rotate-key", "--login", "admin", "--password-stdin", "--json",
                          home=tongban_home, stdin=f"{ADMIN_PW}\n")
        assert rotated.returncode == 0, rotated.stderr
        new_recovery = json.loads(rotated.stdout)["recovery_key"]
    code, _out, err = _finish(wrong)
    assert code == 1 and "登录名或密码不正确" in err
    ring = vault.load_keyring(paths)
    assert ring.key_id != old_key_id  # the wrong try did not put the old keyring back
    code, out, err = _finish(right)
    assert code == 0, err  # the right password, typed before the rotation, opens the rotated station
    assert isinstance(json.loads(out), list)
    again = tongban("--login", "admin", "--password-stdin", "case", "list", "--json",
                    home=tongban_home, stdin=f"{ADMIN_PW}\n")
    assert again.returncode == 0, again.stderr
    assert vault.key_id(vault.unlock(paths, Credentials(recovery_key=new_recovery)).data_key) == ring.key_id
    with pytest.raises(UserFacingError) as stale:
        vault.unlock(paths, Credentials(recovery_key=old_recovery))
    assert stale.value.code == "auth.bad_recovery_key"


def test_parallel_wrong_guesses_cannot_get_past_the_lockout(tongban_home: Path, tmp_path: Path) -> None:
    _init(tongban_home)
    guesses = vault.MAX_FAILURES + 2
    with _gate(tmp_path) as gate:
        procs = [_gated_signin(tongban_home, gate, f"guess-{n}-wrong") for n in range(guesses)]
        reached = [_reached_derivation(p) for p in procs]
    derivations = sum(1 for ok, _err in reached if ok)
    results = [_finish(p) for p in procs]
    assert all(code == 1 for code, _out, _err in results)
    # Every try was counted before its derivation: at most MAX_FAILURES guesses were checked,
    # the others were refused as locked without running scrypt.
    assert derivations <= vault.MAX_FAILURES, f"{derivations} of {guesses} guesses were checked"
    refused_early = [before + err for (ok, before), (_c, _o, err) in zip(reached, results, strict=True) if not ok]
    assert len(refused_early) == guesses - derivations and all("已锁定" in e for e in refused_early)
    right = tongban("--login", "admin", "--password-stdin", "case", "list", home=tongban_home, stdin=f"{ADMIN_PW}\n")
    assert right.returncode == 1 and "已锁定" in right.stderr  # the lockout holds for the right password too
    assert vault.failures_of(DataPaths(tongban_home), "admin").count >= vault.MAX_FAILURES
