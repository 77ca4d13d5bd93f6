"""Security core (Qt-free): keys and the keyring, clerk authentication, sealed secrets.

- ``crypto``: the primitives (scrypt, AES-256-GCM, HKDF), nothing station-specific.
- ``keyring``: ``keyring.json`` beside the database: the data key wrapped once per clerk and
  once by the recovery key, plus lockout counters. No key is ever on disk in clear.
- ``vault``: creating a keyring, unlocking it with a clerk's password or the recovery key,
  converting a plaintext store, adding and removing wrapped copies.
- ``auth``: who is at the counter (``ClerkSession``), login, screen unlock, clerk switch.
- ``keys``: sealing other secrets (the station's signing key) with the data key.

See docs/security.md for the design and its limits.
"""
