"""Qt-free core of Tongban: mapped classes, domain rules, paths and settings.

Nothing here imports PySide6, desktop/ or widgets/ (enforced by tests/test_layering.py),
so the whole package runs in a plain Python shell, in the CLI and in the hub.
"""
