"""Measures over the monitoring data: named SQL queries plus a small Python step where needed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

import duckdb
import pandas as pd

from . import queries
from .filters import Filters

# Dimensions every household measure can be grouped by; municipality_name comes with municipality_code.
GROUP_COLUMNS = (
    "period",
    "year",
    "province",
    "municipality_code",
    "corporation",
    "project",
    "housing_form",
    "household_type",
)


class UnknownGroupError(ValueError):
    """A --by column the measure cannot group by."""


def validate_by(by: tuple[str, ...] | list[str], allowed: tuple[str, ...] = GROUP_COLUMNS) -> tuple[str, ...]:
    """The grouping columns, checked against the allowed dimensions."""
    unknown = [c for c in by if c not in allowed]
    if unknown:
        raise UnknownGroupError(
            f"onbekende groepering {', '.join(unknown)}; kies uit {', '.join(allowed)}"
        )
    return tuple(dict.fromkeys(by))


def _grouped(con, name: str, filters: Filters, by, allowed: tuple[str, ...] = GROUP_COLUMNS, **extra) -> pd.DataFrame:
    by = validate_by(by, allowed)
    frame = queries.run(con, name, by=list(by), **filters.params(), **extra)
    keep = [c for c in allowed if c in by]
    if "municipality_code" in by:
        keep.insert(keep.index("municipality_code") + 1, "municipality_name")
    figures = [c for c in frame.columns if c not in allowed and c != "municipality_name"]
    return frame[keep + figures].reset_index(drop=True)


def housed(con: duckdb.DuckDBPyConnection, filters: Filters, by=()) -> pd.DataFrame:
    """Households and persons whose first placement's move-in falls in the period."""
    return _grouped(con, "housed", filters, by)


def waiting_time(con: duckdb.DuckDBPyConnection, filters: Filters, by=()) -> pd.DataFrame:
    """Days from permit to first dwelling: median, P25 and P75 per group."""
    return _grouped(con, "waiting_time", filters, by)


def reference_date(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    """The latest date present in the data."""
    value = queries.run(con, "reference_date")["reference_date"].iloc[0]
    return None if pd.isna(value) else pd.Timestamp(value).date()


@dataclass(frozen=True)
class Measure:
    """A measure as the CLI and exports know it: its function, figures and what they rest on."""

    name: str
    title: str
    compute: Callable | None
    base: str
    figures: tuple[str, ...]
    help: str
    takes_reference_date: bool = False


MEASURES: dict[str, Measure] = {
    "housed": Measure(
        "housed",
        "Gehuisveste huishoudens en personen",
        housed,
        "households",
        ("persons",),
        "households: huishoudens met hun eerste woning in de periode; persons: hun aantal personen",
    ),
    "waiting_time": Measure(
        "waiting_time",
        "Wachttijd tot eerste woning",
        waiting_time,
        "households",
        ("median_days", "p25_days", "p75_days"),
        "households; median_days, p25_days, p75_days: dagen van vergunning tot eerste woning",
    ),
}
for _pending in ("time_to_permanent", "quota_realisation", "nuisance_rate", "integration_outcome", "intervention_effect"):
    MEASURES.setdefault(_pending, Measure(_pending, _pending, None, "", (), "nog niet beschikbaar"))

# Measures of later issues live in their own modules and register themselves in MEASURES on import.
from . import integration, interventions, nuisance  # noqa: E402,F401
