"""Downloadable CSV files for analysts: an empty template per dataset and the demo data as examples."""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from housing_monitor.contract import DATASETS

# What Excel in the Netherlands opens without a wizard: semicolons, UTF-8 with a byte order mark.
TEMPLATE_DELIMITER = ";"
TEMPLATE_ENCODING = "utf-8-sig"


def template_csv(dataset: str, dutch_headers: bool = False) -> bytes:
    """An empty CSV with only the header row: canonical English names, or the Dutch aliases."""
    columns = DATASETS[dataset].columns
    header = TEMPLATE_DELIMITER.join(c.alias if dutch_headers else c.name for c in columns)
    return (header + "\r\n").encode(TEMPLATE_ENCODING)


def template_file_name(dataset: str, dutch_headers: bool = False) -> str:
    name = DATASETS[dataset].dutch_name if dutch_headers else dataset
    return f"sjabloon_{name}.csv"


@lru_cache(maxsize=1)
def _demo_files() -> dict[str, bytes]:
    from housing_monitor.demo import (
        generate as demo,  # generating takes a moment; only when someone asks for an example
    )

    with tempfile.TemporaryDirectory() as directory:
        paths = demo.write_csvs(demo.generate(scale="demo"), Path(directory))
        return {path.stem: path.read_bytes() for path in paths}


def example_csv(dataset: str) -> bytes:
    """The demo data of one dataset, exactly as an analyst would upload it."""
    return _demo_files()[dataset]


def example_file_name(dataset: str) -> str:
    return f"voorbeeld_{dataset}.csv"
