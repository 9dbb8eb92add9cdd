"""Housing measures over the placements: households housed, waiting time, time to a permanent home."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from housing_monitor.db import queries
from housing_monitor.filters import Filters
from housing_monitor.measures import survival
from housing_monitor.measures.base import (
    Measure,
    chosen_or_latest,
    group_columns,
    grouped,
    validate_by,
)


def housed(con: duckdb.DuckDBPyConnection, filters: Filters, by=()) -> pd.DataFrame:
    """Households and persons whose first placement's move-in falls in the period."""
    return grouped(con, "housed", filters, by)


def waiting_time(con: duckdb.DuckDBPyConnection, filters: Filters, by=()) -> pd.DataFrame:
    """Days from permit to first dwelling: median, P25 and P75 per group."""
    return grouped(con, "waiting_time", filters, by)


def permanent_housing_durations(
    con: duckdb.DuckDBPyConnection, filters: Filters, by=(), reference_date: dt.date | None = None
) -> pd.DataFrame:
    """Per household: group columns, household_id, event (found a permanent home) and duration_days."""
    by = validate_by(by)
    day = chosen_or_latest(con, reference_date)
    if day is None:
        return pd.DataFrame(columns=[*group_columns(by), "household_id", "event", "duration_days"])
    frame = queries.run(
        con, "permanent_housing_durations", by=list(by), reference_date=day, **filters.params()
    )
    return frame[[*group_columns(by), "household_id", "event", "duration_days"]]


def permanent_housing_steps(
    con: duckdb.DuckDBPyConnection, filters: Filters, by=(), reference_date: dt.date | None = None
) -> pd.DataFrame:
    """Per group and duration_days: households leaving follow-up then (removed) and those who found a permanent home (died)."""
    by = validate_by(by)
    day = chosen_or_latest(con, reference_date)
    if day is None:
        return pd.DataFrame(columns=[*group_columns(by), "duration_days", "removed", "died"])
    frame = queries.run(con, "permanent_housing_steps", by=list(by), reference_date=day, **filters.params())
    return frame[[*group_columns(by), "duration_days", "removed", "died"]]


def time_to_permanent(
    con: duckdb.DuckDBPyConnection, filters: Filters, by=(), reference_date: dt.date | None = None
) -> pd.DataFrame:
    """Kaplan–Meier per group: households, events, median days with 95% CI, share permanent within 12 months."""
    households = permanent_housing_steps(con, filters, by, reference_date)
    keys = group_columns(validate_by(by))
    result = survival.summarise(households, keys)
    if not keys and result["households"].iloc[0] == 0:
        return result.iloc[0:0]
    return result



def housed_per_month(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Households and persons per month of their first home (month, households, persons)."""
    return queries.run(con, "housed_per_month", by=[], **filters.params())


HOUSED = Measure(
    "housed",
    "Gehuisveste huishoudens en personen",
    housed,
    "households",
    ("persons",),
    "households: huishoudens met hun eerste woning in de periode; persons: hun aantal personen",
)


WAITING_TIME = Measure(
    "waiting_time",
    "Wachttijd tot eerste woning",
    waiting_time,
    "households",
    ("median_days", "p25_days", "p75_days"),
    "households; median_days, p25_days, p75_days: dagen van vergunning tot eerste woning",
)


TIME_TO_PERMANENT = Measure(
    "time_to_permanent",
    "Tijd tot vaste woning (Kaplan–Meier)",
    time_to_permanent,
    "households",
    ("events", "median_days", "ci_low_days", "ci_high_days", "permanent_within_12m_share"),
    "households, events (vaste woning gevonden); median_days met 95%-interval ci_low_days–ci_high_days "
    "(null: niet bereikt); permanent_within_12m_share: aandeel binnen 365 dagen",
    takes_reference_date=True,
)
