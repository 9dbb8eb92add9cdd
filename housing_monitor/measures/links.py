"""Measures over the links (koppelingen): the waiting list and the time to a home after linking (Kaplan–Meier)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import duckdb
import numpy as np
import pandas as pd

from housing_monitor import privacy
from housing_monitor.db import queries
from housing_monitor.filters import Filters
from housing_monitor.measures import survival
from housing_monitor.measures.base import (
    Measure,
    UnknownGroupError,
    chosen_or_latest,
    group_columns,
    norm_days,
    validate_by,
)

# Links have no corporation, project or housing form: only these dimensions group them.
LINK_GROUP_COLUMNS = ("period", "year", "province", "municipality_code", "household_type")
# The waiting list can also be told month by month (the list at each month's end, and at the reference date).
WAITING_GROUP_COLUMNS = ("month", *LINK_GROUP_COLUMNS)
WAITING_FIGURES = ("households", "persons", "median_days_waiting", "over_norm_households")
TIME_TO_HOME_FIGURES = ("events", "median_days", "ci_low_days", "ci_high_days", "housed_within_norm_share")
# Sidebar filters that say nothing about a link, with their Dutch names.
NOT_FOR_LINKS = {"corporations": "corporatie", "projects": "project", "housing_forms": "woonvorm"}


class NotForLinksError(UnknownGroupError):
    """A filter (corporation, project, housing form) that links do not have."""


def unused_filters(filters: Filters) -> list[str]:
    """The Dutch names of chosen filters that do not apply to links."""
    return [label for field, label in NOT_FOR_LINKS.items() if getattr(filters, field)]


def for_links(filters: Filters) -> Filters:
    """The selection without the filters links do not have (the page says which were set aside)."""
    return replace(filters, corporations=(), projects=(), housing_forms=())


def queue_selection(filters: Filters) -> Filters:
    """The waiting list now: every link up to the reference date (whatever its linked date), without the filters links lack."""
    return for_links(filters).without_period()


def _check(filters: Filters) -> None:
    unused = unused_filters(filters)
    if unused:
        raise NotForLinksError(
            f"koppelingen hebben geen {', '.join(unused)}: die filters gelden niet voor deze maatstaf; laat ze weg"
        )


def links_span(con: duckdb.DuckDBPyConnection) -> tuple[int, dt.date | None]:
    """How many links there are, and the earliest linked date."""
    row = queries.run(con, "links_span").iloc[0]
    first = None if pd.isna(row["first_linked"]) else pd.Timestamp(row["first_linked"]).date()
    return int(row["links"]), first


def links_present(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether any links were imported: without them pages say so instead of showing an empty queue."""
    return links_span(con)[0] > 0


def moments(first: dt.date, reference: dt.date) -> list[dt.date]:
    """Every month's end from the month of `first` up to before the reference date, then the reference date."""
    ends = pd.date_range(pd.Timestamp(first.year, first.month, 1), pd.Timestamp(reference), freq="ME")
    return [d.date() for d in ends if d.date() < reference] + [reference]


def waiting_list(
    con: duckdb.DuckDBPyConnection, filters: Filters, by=(), reference_date: dt.date | None = None
) -> pd.DataFrame:
    """The waiting list at the reference date (with 'month' in by: at each month's end and at it) per group."""
    by = validate_by(by, WAITING_GROUP_COLUMNS)
    _check(filters)
    keys = group_columns(by, WAITING_GROUP_COLUMNS)
    columns = [*keys, *WAITING_FIGURES]
    count, first = links_span(con)
    day = chosen_or_latest(con, reference_date)
    if not count or day is None:
        return pd.DataFrame(columns=columns)
    when = moments(min(first, day), day) if "month" in by else [day]
    frame = queries.run(
        con, "waiting_list", by=[b for b in by if b != "month"], moments=when, norm_days=norm_days(), **filters.params()
    )
    frame["month"] = pd.to_datetime(frame.pop("moment")).dt.date
    if not any(b != "month" for b in by) and frame.empty:
        # No link under the filters: the list is empty, which is 0, not unknown.
        frame = pd.DataFrame({"month": when, "households": 0, "persons": 0, "median_days_waiting": np.nan,
                              "over_norm_households": 0})
    frame = frame.sort_values([*keys], kind="stable") if keys else frame
    return frame[columns].reset_index(drop=True)


def link_home_steps(
    con: duckdb.DuckDBPyConnection, filters: Filters, by=(), reference_date: dt.date | None = None
) -> pd.DataFrame:
    """Per group and duration (days from linking): links leaving follow-up then (removed) and those housed (died)."""
    by = validate_by(by, LINK_GROUP_COLUMNS)
    _check(filters)
    keys = group_columns(by, LINK_GROUP_COLUMNS)
    columns = [*keys, "duration_days", "removed", "died"]
    day = chosen_or_latest(con, reference_date)
    if day is None or not links_present(con):
        return pd.DataFrame(columns=columns)
    frame = queries.run(con, "link_home_steps", by=list(by), reference_date=day, **filters.params())
    return frame[columns]


def time_to_home(
    con: duckdb.DuckDBPyConnection, filters: Filters, by=(), reference_date: dt.date | None = None
) -> pd.DataFrame:
    """Kaplan–Meier from linking to the first home in that municipality: households, events, median with 95% CI, share within the norm."""
    steps = link_home_steps(con, filters, by, reference_date)
    keys = group_columns(validate_by(by, LINK_GROUP_COLUMNS), LINK_GROUP_COLUMNS)
    result = survival.summarise(steps, keys, within_days=norm_days(), within_column="housed_within_norm_share")
    if not keys and (result.empty or result["households"].iloc[0] == 0):
        return result.iloc[0:0]
    return result


def time_to_home_curves(
    con: duckdb.DuckDBPyConnection, filters: Filters, by=(), reference_date: dt.date | None = None
) -> pd.DataFrame:
    """The Kaplan–Meier curve points per group (keys, then survival.CURVE_COLUMNS)."""
    steps = link_home_steps(con, filters, by, reference_date)
    keys = group_columns(validate_by(by, LINK_GROUP_COLUMNS), LINK_GROUP_COLUMNS)
    if steps.empty:
        return pd.DataFrame(columns=[*keys, *survival.CURVE_COLUMNS])
    return survival.curve_points(steps, keys)


def waiting_days(con: duckdb.DuckDBPyConnection, filters: Filters, reference_date: dt.date | None = None) -> pd.DataFrame:
    """Days waited so far by each link on the waiting list at the reference date (one column, days_waiting)."""
    _check(filters)
    day = chosen_or_latest(con, reference_date)
    if day is None or not links_present(con):
        return pd.DataFrame({"days_waiting": pd.Series(dtype="int64")})
    return queries.run(con, "waiting_days", reference_date=day, **filters.params())


# ---------------------------------------------------------------- small numbers


def _margins(by: tuple[str, ...]) -> list[list[str]]:
    """Sets of parts whose totals are shown: per dimension, the rows agreeing on every other key (months are moments, not parts)."""
    keys = [b for b in by if b != "month"] + (["month"] if "month" in by else [])
    return [[k for k in keys if k != part] for part in by if part != "month"]


def _hidden(values: pd.Series) -> pd.Series:
    """Cells already suppressed (the marker, not a number)."""
    return values.notna() & pd.to_numeric(values, errors="coerce").isna()


def _suppress_count(frame: pd.DataFrame, column: str, figures: list[str], margins, hide: pd.Series) -> pd.DataFrame:
    """Hide a count below the threshold (and where `hide` says), with complementary hiding over the margins; 0 stays 0."""
    out = frame.copy()
    values = pd.to_numeric(out[column], errors="coerce").where(~hide)
    zero = values.eq(0)
    work = out.loc[~zero].copy()
    work[column] = values[~zero].astype(float)  # NaN counts as small: hidden already, or to be hidden
    shown = privacy.suppress(work, column, figures, margins=margins)
    for name in [column, *figures]:
        out[name] = out[name].astype(object)
        out.loc[~zero, name] = shown[name]
    # The float copy only decides what is small: a count that stays shown keeps its own integer (JSON 4, not 4.0).
    kept = ~zero & ~_hidden(out[column])
    out.loc[kept, column] = [int(v) for v in values[kept]]
    return out


def suppress_counts(frame: pd.DataFrame, column: str, margins: list[list[str]]) -> pd.DataFrame:
    """A count column under the small-number rule, with complementary hiding within each margin's sets; 0 stays 0."""
    return _suppress_count(frame, column, [], margins, pd.Series(False, index=frame.index))


def _suppress_part(
    frame: pd.DataFrame, whole: str, part: str, others: list[str], by, part_figures: tuple[str, ...] = ()
) -> pd.DataFrame:
    """The whole and, each on its own, the part of it and the rest (whole − part) follow the small-number rule;
    `part_figures` go with the part (figures from which a hidden part could be worked back)."""
    limit = privacy.threshold()
    out = _suppress_count(frame, whole, [part, *others], _margins(by), pd.Series(False, index=frame.index))
    hidden = _hidden(out[part])
    rest = pd.to_numeric(out[whole], errors="coerce") - pd.to_numeric(out[part], errors="coerce")
    # A part shown beside its whole would give a small rest away by difference.
    hide = hidden | (rest.gt(0) & rest.lt(limit)).fillna(False)
    return _suppress_count(out, part, list(part_figures), _margins(by), hide)


def suppress_waiting_list(frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """Households, persons and over-norm households each follow the small-number rule; 0 is shown as 0."""
    return _suppress_part(frame, "households", "over_norm_households", ["persons", "median_days_waiting"], by)


def suppress_time_to_home(frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """Households and events (and those not housed) follow the small-number rule; figures of a hidden base too.

    The Kaplan–Meier figures go with hidden events: without censoring the share housed within the norm times
    the households is the number housed (5 households, 25% → 1), and the median narrows it down as well.
    """
    others = [c for c in TIME_TO_HOME_FIGURES if c != "events"]
    return _suppress_part(frame, "households", "events", others, by, part_figures=tuple(others))


WAITING_LIST = Measure(
    "waiting_list",
    "Wachtenden na koppeling",
    waiting_list,
    "households",
    WAITING_FIGURES[1:],
    "households, persons: wachtend op de peildatum (gekoppeld, niet gehuisvest, koppeling niet beëindigd); "
    "median_days_waiting: dagen sinds koppeling tot nu; over_norm_households: langer dan de norm ({norm}). "
    "Met --by month: de lijst aan het eind van elke maand en op de peildatum",
    takes_reference_date=True,
    row_keys=("month",),
    suppress=suppress_waiting_list,
)

TIME_TO_HOME = Measure(
    "time_to_home",
    "Tijd tot woning na koppeling (Kaplan–Meier)",
    time_to_home,
    "households",
    TIME_TO_HOME_FIGURES,
    "households, events (gehuisvest); median_days met 95%-interval ci_low_days–ci_high_days (null: niet bereikt), "
    "dagen vanaf koppeling, wachtenden tellen mee; housed_within_norm_share: aandeel binnen de norm ({norm})",
    takes_reference_date=True,
    suppress=suppress_time_to_home,
)
