"""The benchmark: `python -m tools.bench`."""
