"""Kaplan–Meier in numpy: the survival curve, Greenwood's variance and the median with its 95% interval.

It reproduces `lifelines.KaplanMeierFitter` (0.30) exactly, so the dashboard does not need lifelines
(which pins pandas < 3): the timeline is 0 plus every distinct duration; the pointwise interval is the
exponential-Greenwood one on the log(−log) scale; a median or interval limit is the first time the
curve (or band) is at or below 0.5, found the way lifelines finds it (a sorted search on the curve),
and is NaN ("niet bereikt") when the curve never gets there. One deliberate difference: a curve at
exactly 0.5 counts as reached (see first_time_at_or_below). tests/oracle/ holds the lifelines check.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

ALPHA = 0.05
Z = NormalDist().inv_cdf(1 - ALPHA / 2)
TWELVE_MONTHS_DAYS = 365
EXACT_TOLERANCE = 1e-12
CURVE_COLUMNS = ("time", "survival", "ci_lower", "ci_upper", "at_risk", "events", "censored")


@dataclass(frozen=True)
class Curve:
    """A Kaplan–Meier estimate on its timeline (days), with counts and the pointwise 95% band."""

    time: np.ndarray
    at_risk: np.ndarray
    events: np.ndarray
    censored: np.ndarray
    survival: np.ndarray
    variance: np.ndarray  # Greenwood's sum: Var(log S)
    ci_lower: np.ndarray
    ci_upper: np.ndarray

    @property
    def households(self) -> int:
        return int(self.at_risk[0]) if len(self.at_risk) else 0

    @property
    def total_events(self) -> int:
        return int(self.events.sum())

    def median(self) -> float:
        return first_time_at_or_below(self.time, self.survival)

    def median_ci(self) -> tuple[float, float]:
        """Where the band crosses 0.5: the lower limit from the lower band, the upper from the upper band."""
        return first_time_at_or_below(self.time, self.ci_lower), first_time_at_or_below(self.time, self.ci_upper)

    def survival_at(self, day: float) -> float:
        """S(day), or NaN when no household was followed that long while the curve was still above 0."""
        if not len(self.time) or (day > self.time[-1] and self.survival[-1] > 0):
            return float("nan")
        return float(self.survival[np.searchsorted(self.time, day, side="right") - 1])

    def at_risk_at(self, day: float) -> int:
        """Households still without a permanent home and still followed at this day (duration ≥ day)."""
        after = np.searchsorted(self.time, day, side="left")
        return int(self.at_risk[after]) if after < len(self.time) else 0

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame({column: getattr(self, column) for column in CURVE_COLUMNS})


def kaplan_meier(durations, events) -> Curve:
    """The Kaplan–Meier curve of right-censored durations (event = 1 when the home was found)."""
    durations = np.asarray(durations, dtype=float)
    events = np.asarray(events, dtype=bool)
    time, index = np.unique(durations, return_inverse=True)
    removed = np.bincount(index, minlength=len(time)).astype(float)
    died = np.bincount(index, weights=events, minlength=len(time))
    return kaplan_meier_counts(time, removed, died)


def kaplan_meier_counts(time, removed, died) -> Curve:
    """The Kaplan–Meier curve from counts per distinct duration: households leaving follow-up then, and events among them.

    The same curve as `kaplan_meier` on the durations behind the counts; the counts can come straight from a
    GROUP BY in DuckDB, so a few thousand rows travel instead of one per household.
    """
    order = np.argsort(np.asarray(time, dtype=float), kind="stable")
    time = np.asarray(time, dtype=float)[order]
    removed = np.asarray(removed, dtype=float)[order]
    died = np.asarray(died, dtype=float)[order]
    total = removed.sum()
    if total == 0:
        empty = np.array([], dtype=float)
        return Curve(empty, empty, empty, empty, empty, empty, empty, empty)
    # lifelines' timeline starts at 0 (everyone enters then) and holds every distinct duration.
    if not np.any(time == 0):
        at = np.searchsorted(time, 0.0)
        time, removed, died = np.insert(time, at, 0.0), np.insert(removed, at, 0.0), np.insert(died, at, 0.0)
    at_risk = total - np.concatenate([[0.0], np.cumsum(removed)[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        survival = np.cumprod(1.0 - died / at_risk)
        # Greenwood; a step where everyone left at risk has the event adds nothing (as in lifelines).
        step = died / (at_risk * (at_risk - died))
        variance = np.cumsum(np.where(np.isinf(step), 0.0, step))
        log_s = np.log(survival)
        spread = Z * np.sqrt(variance) / log_s
        lower = np.exp(-np.exp(np.log(-log_s) - spread))
        upper = np.exp(-np.exp(np.log(-log_s) + spread))
    # Where S = 1 the log(−log) transform is undefined; lifelines fills the band with 1 there.
    lower = np.where(np.isnan(lower), 1.0, lower)
    upper = np.where(np.isnan(upper), 1.0, upper)
    return Curve(
        time,
        at_risk.astype(np.int64),
        died.astype(np.int64),
        (removed - died).astype(np.int64),
        survival,
        variance,
        lower,
        upper,
    )


def first_time_at_or_below(time: np.ndarray, values: np.ndarray, q: float = 0.5) -> float:
    """The first time the values reach q or lower (searched as lifelines does); NaN if never.

    A curve that is exactly q in exact arithmetic (5 of 10 households housed) counts as reached:
    floating-point noise of 1e-12 must not move a median to the next event time. lifelines computes
    S as exp(Σ log) and can land just above 0.5 there; this is the one place we deliberately differ.
    """
    reached = q + EXACT_TOLERANCE
    if not len(values) or values[-1] > reached:
        return float("nan")
    return float(time[np.searchsorted(-values, -reached, side="left")])


SUMMARY_COLUMNS = (
    "households",
    "events",
    "median_days",
    "ci_low_days",
    "ci_high_days",
    "permanent_within_12m_share",
)


def summary(curve: Curve) -> dict:
    """The figures the measure reports for one group."""
    low, high = curve.median_ci()
    at_year = curve.survival_at(TWELVE_MONTHS_DAYS)
    return {
        "households": curve.households,
        "events": curve.total_events,
        "median_days": curve.median(),
        "ci_low_days": low,
        "ci_high_days": high,
        "permanent_within_12m_share": 1.0 - at_year,
    }


def by_group(households: pd.DataFrame, keys: list[str]):
    """(key values, Kaplan–Meier curve) per group of a frame with duration_days and either event (one row per
    household) or removed and died (counts per duration, as the query permanent_housing_steps gives them)."""
    durations = households["duration_days"].to_numpy(float)
    if "removed" in households.columns:
        removed, died = households["removed"].to_numpy(float), households["died"].to_numpy(float)

        def estimate(rows):
            return kaplan_meier_counts(durations[rows], removed[rows], died[rows])
    else:
        events = households["event"].to_numpy(bool)

        def estimate(rows):
            return kaplan_meier(durations[rows], events[rows])

    if not keys:
        yield (), estimate(slice(None))
        return
    # Index arrays per group: far cheaper than a sub-frame per group when there are a thousand groups.
    for values, rows in sorted(households.groupby(keys, dropna=False).indices.items(), key=_sort_key):
        yield (values if isinstance(values, tuple) else (values,)), estimate(rows)


def _sort_key(item):
    """Groups in key order, missing values (no corporation, no project) last."""
    values = item[0] if isinstance(item[0], tuple) else (item[0],)
    return tuple((pd.isna(v), "" if pd.isna(v) else v) for v in values)


def summarise(households: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row of summary figures per group."""
    rows = [{**dict(zip(keys, values)), **summary(curve)} for values, curve in by_group(households, keys)]
    return pd.DataFrame(rows, columns=[*keys, *SUMMARY_COLUMNS])


def curve_points(households: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The curve points of every group: the group keys, then CURVE_COLUMNS."""
    parts = []
    for values, curve in by_group(households, keys):
        points = curve.frame()
        for position, (key, value) in enumerate(zip(keys, values)):
            points.insert(position, key, value)
        parts.append(points)
    if not parts:
        return pd.DataFrame(columns=[*keys, *CURVE_COLUMNS])
    return pd.concat(parts, ignore_index=True)
