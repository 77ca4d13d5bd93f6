"""The counter screens: identify → item → form → materials → submit (docs/counter.md)."""
