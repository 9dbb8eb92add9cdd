"""Nuisance: signals per 100 household-years of residence, with exact Poisson intervals and time to resolution."""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd

# scipy.special, not scipy.stats: the same quantiles (chi2.ppf(q, 2k) / 2 is gammaincinv(k, q)), and
# importing scipy.stats costs the dashboard's first page 0.4 s more.
from scipy.special import gammaincinv

from housing_monitor import privacy
from housing_monitor.filters import EARLIEST, LATEST, Filters
from housing_monitor.measures import base
from housing_monitor.measures.base import GROUP_COLUMNS, Measure

DAYS_PER_YEAR = 365.25
# Category, severity and source describe a signal, not a dwelling: they split the signals while every
# split shares the exposure of its group (all households in it could have caused any kind of signal).
SIGNAL_COLUMNS = ("category", "severity", "source")
NUISANCE_GROUP_COLUMNS = GROUP_COLUMNS + SIGNAL_COLUMNS
NUISANCE_FIGURES = (
    "signals",
    "household_years",
    "rate_per_100",
    "rate_ci_low",
    "rate_ci_high",
    "median_resolution_days",
    "unresolved_share",
)


def observed_until(con: duckdb.DuckDBPyConnection, reference_date: dt.date | None = None) -> dt.date:
    """The first day after the reference date: exposure and signals count up to and including the reference date."""
    reference = reference_date or base.reference_date(con)
    return reference + dt.timedelta(days=1) if reference else LATEST


def _half_year_start(day: dt.date) -> bool:
    return day.day == 1 and day.month in (1, 7)


def from_cells(con: duckdb.DuckDBPyConnection, filters: Filters, by, until: dt.date) -> bool:
    """Whether the pre-aggregated half-years (exposure_cell) give this grouping exactly.

    They do for groupings by half-year (a household's pieces within one half-year are known; across
    half-years, as a year or the whole period needs, they are not), over whole half-years, up to the data's
    own reference date (where the pieces of spells still running end).
    """
    if "period" not in by or "year" in by or until != observed_until(con):
        return False
    starts_whole = _half_year_start(filters.date_from) or filters.date_from <= EARLIEST
    ends_whole = _half_year_start(filters.date_to) or filters.date_to >= until
    return starts_whole and ends_whole


def poisson_interval(counts, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Exact (Garwood) confidence limits for Poisson counts, via the chi-square quantiles."""
    counts = np.asarray(counts, dtype=float)
    alpha = 1 - level
    with np.errstate(invalid="ignore"):  # gammaincinv(0, ·) is undefined; a count of 0 has 0 as its lower limit
        low = np.where(counts > 0, gammaincinv(counts, alpha / 2), 0.0)
    high = gammaincinv(counts + 1, 1 - alpha / 2)
    return low, high


def add_rates(frame: pd.DataFrame, signals: str = "signals", exposure_days: str = "exposure_days") -> pd.DataFrame:
    """Household-years, the rate per 100 and its exact 95% interval; no exposure gives no rate."""
    years = frame[exposure_days].astype(float) / DAYS_PER_YEAR
    per_100 = 100 / years.where(years > 0)
    low, high = poisson_interval(frame[signals])
    return frame.assign(
        household_years=years,
        rate_per_100=frame[signals] * per_100,
        rate_ci_low=low * per_100,
        rate_ci_high=high * per_100,
    )


def nuisance_rate(
    con: duckdb.DuckDBPyConnection, filters: Filters, by=(), reference_date: dt.date | None = None
) -> pd.DataFrame:
    """Signals per 100 household-years per group, with its exact 95% interval and time to resolution.

    The period selects calendar time: exposure is clipped to it and signals count by reported_on.
    """
    by = base.validate_by(by, NUISANCE_GROUP_COLUMNS)
    until = observed_until(con, reference_date)
    frame = base.grouped(
        con,
        "nuisance_rate",
        filters,
        by,
        allowed=NUISANCE_GROUP_COLUMNS,
        observed_until=until,
        from_cells=from_cells(con, filters, by, until),
    )
    frame = add_rates(frame)
    frame["unresolved_share"] = frame["unresolved"] / frame["signals"].where(frame["signals"] > 0)
    groups = [c for c in frame.columns if c in NUISANCE_GROUP_COLUMNS or c == "municipality_name"]
    return frame[groups + ["households", *NUISANCE_FIGURES]]


def suppressed(frame: pd.DataFrame, siblings: list[str] | None = None) -> pd.DataFrame:
    """Groups on fewer than 5 households read '<5', with complementary suppression among sibling groups.

    A group of signals without any exposure (unknown housing form) is always '<5' but hides nothing of
    its siblings' households, so it does not trigger hiding another group.
    """
    figures = list(NUISANCE_FIGURES)
    exposed = frame["households"] > 0
    parts = [
        privacy.suppress(frame[exposed], "households", figures, siblings=siblings),
        privacy.suppress(frame[~exposed], "households", figures),
    ]
    return pd.concat([p for p in parts if not p.empty] or [privacy.suppress(frame, "households", figures)]).sort_index()


def compared_to(frame: pd.DataFrame, reference_rate: float) -> pd.Series:
    """Per group whether its rate is surely above the reference: only when the whole 95% interval is."""
    surely = frame["rate_ci_low"] > reference_rate
    maybe = frame["rate_per_100"] > reference_rate
    return pd.Series(
        np.select([surely, maybe], ["ja, zeker hoger", "hoger, maar mogelijk toeval"], "nee"), index=frame.index
    )


def rate_trend(con: duckdb.DuckDBPyConnection, filters: Filters, reference_date: dt.date | None = None) -> pd.DataFrame:
    """Per half-year the rate per housing form, plus rows without a housing form for all forms together."""
    per_form = nuisance_rate(con, filters, by=("period", "housing_form"), reference_date=reference_date)
    overall = nuisance_rate(con, filters, by=("period",), reference_date=reference_date)
    # Signals of unknown form have no exposure of their own: they count only in the all-forms line.
    per_form = per_form[per_form["housing_form"].notna()]
    return pd.concat([per_form, overall.assign(housing_form=None)], ignore_index=True)


NUISANCE_RATE = Measure(
    "nuisance_rate",
    "Overlastsignalen per 100 huishoudjaren",
    nuisance_rate,
    "households",
    NUISANCE_FIGURES,
    "households: huishoudens met woonduur in de groep (de basis); signals: signalen in de periode; "
    "household_years: huishoudjaren bewoning; rate_per_100: signalen per 100 huishoudjaren, "
    "rate_ci_low/rate_ci_high: exact 95%-interval (Poisson); median_resolution_days: mediaan dagen tot "
    "afhandeling (afgehandelde signalen); unresolved_share: aandeel nog open op de peildatum. "
    "--by ook: category, severity, source (die verdelen alleen de signalen).",
    takes_reference_date=True,
)
