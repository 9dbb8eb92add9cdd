"""What every measure shares: grouping columns, the reference date and the Measure record."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Callable

import duckdb
import pandas as pd

from housing_monitor import dutch, privacy
from housing_monitor.contract import WAITING_NORM_DAYS
from housing_monitor.db import queries
from housing_monitor.filters import Filters

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


def norm_days() -> int:
    """The waiting norm in days after linking: $HOUSING_MONITOR_WAITING_NORM_DAYS, else 84 (12 weeks)."""
    value = os.environ.get("HOUSING_MONITOR_WAITING_NORM_DAYS")
    return max(0, int(value)) if value else WAITING_NORM_DAYS


def norm_text() -> str:
    """The waiting norm as texts name it: '84 dagen (12 weken)', '90 dagen (12,9 weken)'."""
    days = norm_days()
    weeks = dutch.integer(days // 7) if days % 7 == 0 else dutch.number(days / 7, 1)
    return f"{days} dagen ({weeks} weken)"


def fill_settings(text: str) -> str:
    """A text with its settings filled in: the threshold ({n}, {below} = n - 1, {marker}) and the norm ({norm})."""
    n = privacy.threshold()
    words = {"{n}": str(n), "{below}": str(n - 1), "{marker}": privacy.marker(), "{norm}": norm_text()}
    for placeholder, value in words.items():
        text = text.replace(placeholder, value)
    return text


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


def grouped(con, name: str, filters: Filters, by, allowed: tuple[str, ...] = GROUP_COLUMNS, **extra) -> pd.DataFrame:
    by = validate_by(by, allowed)
    frame = queries.run(con, name, by=list(by), **filters.params(), **extra)
    keep = group_columns(by, allowed)
    figures = [c for c in frame.columns if c not in allowed and c != "municipality_name"]
    return frame[keep + figures].reset_index(drop=True)


def reference_date(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    """The latest date present in the data."""
    value = queries.run(con, "reference_date")["reference_date"].iloc[0]
    return None if pd.isna(value) else pd.Timestamp(value).date()


def chosen_or_latest(con: duckdb.DuckDBPyConnection, chosen: dt.date | None) -> dt.date | None:
    """The reference date the user chose, else the latest date in the data."""
    return chosen or reference_date(con)


@dataclass(frozen=True)
class Measure:
    """A measure as the CLI and exports know it: its function, figures and what they rest on."""

    name: str
    title: str
    compute: Callable
    base: str
    figures: tuple[str, ...]
    help: str
    takes_reference_date: bool = False
    # Columns besides the --by groups that split the output into rows (a half-year, a moment): the parts
    # of a whole share their values.
    row_keys: tuple[str, ...] = ()
    # A measure with its own rules (the quota, whose official counts are public) brings its own suppression.
    suppress: Callable | None = None

    def help_text(self) -> str:
        """The help with the small-number threshold and the waiting norm filled in (fill_settings)."""
        return fill_settings(self.help)

    def suppressed(self, frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
        """The result as it may be shown: small bases '<5', and no part recoverable from a total of its group."""
        if self.suppress is not None:
            return self.suppress(frame, by)
        keys = [*by, *(k for k in self.row_keys if k in frame.columns)]
        margins = [[k for k in keys if k != part] for part in by]
        return privacy.suppress(frame, self.base, list(self.figures), margins=margins)


