"""Data shipped with the package: the seed plans as structured facts (see bundled.py)."""
