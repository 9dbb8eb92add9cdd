"""Measures over the monitoring data: named SQL queries plus a small Python step where needed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

import duckdb
import pandas as pd

from . import privacy, queries, survival
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


def group_columns(by, allowed: tuple[str, ...] = GROUP_COLUMNS) -> list[str]:
    """The output's group columns in their fixed order; municipality_name follows municipality_code."""
    keep = [c for c in allowed if c in by]
    if "municipality_code" in by:
        keep.insert(keep.index("municipality_code") + 1, "municipality_name")
    return keep


def _grouped(con, name: str, filters: Filters, by, allowed: tuple[str, ...] = GROUP_COLUMNS, **extra) -> pd.DataFrame:
    by = validate_by(by, allowed)
    frame = queries.run(con, name, by=list(by), **filters.params(), **extra)
    keep = group_columns(by, allowed)
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


def chosen_or_latest(con: duckdb.DuckDBPyConnection, chosen: dt.date | None) -> dt.date | None:
    """The reference date the user chose, else the latest date in the data."""
    return chosen or reference_date(con)


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


# The quota is set per municipality: only place (and period) filters and groupings apply to it.
QUOTA_GROUP_COLUMNS = ("province", "municipality_code")
QUOTA_FIGURES = ("period", "target", "realised", "estimated_realised", "realisation", "source")
# Internal flags of quota_progress that say what a small estimate would give away (see quota.suppressed).
QUOTA_FLAGS = ("small_estimates", "municipalities")


def quota_progress(
    con: duckdb.DuckDBPyConnection, filters: Filters, by=(), reference_date: dt.date | None = None
) -> pd.DataFrame:
    """Per group and half-year: target, carried backlog/lead, adjusted target, realised, source, pace, per 1,000.

    The counting rules are stated in quota.py.
    """
    by = validate_by(by, QUOTA_GROUP_COLUMNS)
    day = chosen_or_latest(con, reference_date) or dt.date.today()
    frame = queries.run(
        con, "quota_progress", by=list(by), reference_date=day, min_count=privacy.threshold(), **filters.params()
    )
    figures = [c for c in frame.columns if c not in (*QUOTA_GROUP_COLUMNS, "municipality_name")]
    return frame[[*group_columns(by), *figures]].reset_index(drop=True)


def housed_per_month(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Households and persons per month of their first home (month, households, persons)."""
    return queries.run(con, "housed_per_month", by=[], **filters.params())


def quota_realisation(con: duckdb.DuckDBPyConnection, filters: Filters, by=()) -> pd.DataFrame:
    """Per group and half-year: target, realised, realised ÷ adjusted target, and whether realised is official."""
    progress = quota_progress(con, filters, by)
    return progress[[*group_columns(validate_by(by, QUOTA_GROUP_COLUMNS)), *QUOTA_FIGURES, *QUOTA_FLAGS]]


def suppressed_quota(frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """Quota output as it may be shown: official counts are public, a municipality's small estimate '<5'."""
    from . import quota  # quota → tables → integration → measures: a module-level import would be circular

    return quota.suppressed(frame).drop(columns=list(QUOTA_FLAGS), errors="ignore")


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
    # Columns besides the --by groups that split the output into rows (a half-year, a moment): the parts
    # of a whole share their values.
    row_keys: tuple[str, ...] = ()
    # A measure with its own rules (the quota, whose official counts are public) brings its own suppression.
    suppress: Callable | None = None

    def suppressed(self, frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
        """The result as it may be shown: small bases '<5', and no part recoverable from a total of its group."""
        if self.suppress is not None:
            return self.suppress(frame, by)
        keys = [*by, *(k for k in self.row_keys if k in frame.columns)]
        margins = [[k for k in keys if k != part] for part in by]
        return privacy.suppress(frame, self.base, list(self.figures), margins=margins)


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
    "time_to_permanent": Measure(
        "time_to_permanent",
        "Tijd tot vaste woning (Kaplan–Meier)",
        time_to_permanent,
        "households",
        ("events", "median_days", "ci_low_days", "ci_high_days", "permanent_within_12m_share"),
        "households, events (vaste woning gevonden); median_days met 95%-interval ci_low_days–ci_high_days "
        "(null: niet bereikt); permanent_within_12m_share: aandeel binnen 365 dagen",
        takes_reference_date=True,
    ),
    "quota_realisation": Measure(
        "quota_realisation",
        "Realisatie taakstelling",
        quota_realisation,
        "realised",
        ("realisation",),
        "per halfjaar (period): target (taakstelling), realised (gehuisveste personen), realisation = realised / "
        "(target + achterstand − voorsprong uit eerdere halfjaren), source: official of placements; "
        "--by alleen province, municipality_code. Officiële tellingen zijn openbaar en worden altijd getoond; "
        "estimated_realised: het deel geschat uit plaatsingen. Een schatting van 1-4 personen telt als 0 (ook in "
        "achterstand en totalen) en de eigen rij toont '<5'.",
        row_keys=("period",),
        suppress=suppressed_quota,
    ),
}
for _pending in ("time_to_permanent", "quota_realisation", "nuisance_rate", "integration_outcome", "intervention_effect"):
    MEASURES.setdefault(_pending, Measure(_pending, _pending, None, "", (), "nog niet beschikbaar"))

# Measures of later issues live in their own modules and register themselves in MEASURES on import.
from . import goals, integration, interventions, nuisance  # noqa: E402,F401
