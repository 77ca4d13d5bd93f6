"""Command-line interface (operators, tests and the GUI launcher)."""
