"""Kaplan–Meier in numpy: the survival curve, Greenwood's variance and the median with its 95% interval.

It reproduces `lifelines.KaplanMeierFitter` (0.30) exactly, so the dashboard does not need lifelines
(which pins pandas < 3): the timeline is 0 plus every distinct duration; the pointwise interval is the
exponential-Greenwood one on the log(−log) scale; a median or interval limit is the first time the
curve (or band) is at or below 0.5, found the way lifelines finds it (a sorted search on the curve),
and is NaN ("niet bereikt") when the curve never gets there. One deliberate difference: a curve at
exactly 0.5 counts as reached (see first_time_at_or_below). tests/oracle/ holds the lifelines check.
"""

from __future__ import annotations

import dataclasses
import math
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
    if not np.sum(removed):
        empty = np.array([], dtype=float)
        return Curve(empty, empty, empty, empty, empty, empty, empty, empty)
    curves = estimate(pd.DataFrame({"duration_days": time, "removed": removed, "died": died}), [])
    return Curve(*(getattr(curves, field.name) for field in dataclasses.fields(Curve)))


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


@dataclass(frozen=True)
class Curves:
    """The Kaplan–Meier curves of many groups at once on one flat timeline: group g owns rows bounds[g]:bounds[g + 1]."""

    groups: pd.DataFrame  # the key values, one row per group, in key order (missing values last)
    group: np.ndarray  # the group of every point
    bounds: np.ndarray
    time: np.ndarray
    at_risk: np.ndarray
    events: np.ndarray
    censored: np.ndarray
    survival: np.ndarray
    variance: np.ndarray
    ci_lower: np.ndarray
    ci_upper: np.ndarray

    def __len__(self) -> int:
        return len(self.groups)

    def first_time_at_or_below(self, values: np.ndarray, q: float = 0.5) -> np.ndarray:
        """Per group, `first_time_at_or_below` of these values (one per point): vectorised where they never rise."""
        starts, ends = self.bounds[:-1], self.bounds[1:]
        reached = q + EXACT_TOLERANCE
        points = np.arange(len(values))
        first = np.minimum.reduceat(np.where(values <= reached, points, len(values)), starts)
        found = self.time[np.minimum(first, len(values) - 1)]
        result = np.where(values[ends - 1] > reached, np.nan, found)
        # A band can rise again; there lifelines' sorted search decides, so it is run as it is for those groups.
        rises = np.r_[values[1:] > values[:-1], False] & (points + 1 < np.repeat(ends, np.diff(self.bounds)))
        for g in np.unique(self.group[rises]):
            part = slice(starts[g], ends[g])
            result[g] = first_time_at_or_below(self.time[part], values[part], q)
        return result

    def survival_at(self, day: float) -> np.ndarray:
        """Per group, `Curve.survival_at(day)`."""
        starts, ends = self.bounds[:-1], self.bounds[1:]
        points = np.arange(len(self.time))
        last_up_to_day = np.maximum.reduceat(np.where(self.time <= day, points, -1), starts)
        at_day = self.survival[np.maximum(last_up_to_day, 0)]
        unknown = (last_up_to_day < 0) | ((day > self.time[ends - 1]) & (self.survival[ends - 1] > 0))
        return np.where(unknown, np.nan, at_day)

    def frame(self) -> pd.DataFrame:
        """The key columns, then CURVE_COLUMNS, one row per group and time."""
        points = self.groups.take(self.group).reset_index(drop=True)
        return points.assign(**{column: getattr(self, column) for column in CURVE_COLUMNS})


def _group_numbers(households: pd.DataFrame, keys: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Per row its group's number in key order, missing values last (as groupby(dropna=False) numbers them), and
    every group's key values."""
    codes, sizes = [], []
    for key in keys:
        # Integer codes per column, then one sort of their combination: groupby's ngroup on the strings took
        # three times as long at a thousand groups.
        code, uniques = pd.factorize(households[key], sort=True)
        codes.append(np.where(code < 0, len(uniques), code))
        sizes.append(len(uniques) + 1)
    if len(codes) == 1:
        combined = codes[0]
    elif math.prod(sizes) < 2**62:
        combined = np.ravel_multi_index(codes, sizes)
    else:  # more combinations than an int64 holds: number them key by key instead
        return _group_numbers_by_pandas(households, keys)
    _, first, number = np.unique(combined, return_index=True, return_inverse=True)
    return number.reshape(-1), households[keys].iloc[first].reset_index(drop=True)


def _group_numbers_by_pandas(households: pd.DataFrame, keys: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    number = households.groupby(keys, dropna=False, sort=True).ngroup().to_numpy()
    return number, households[keys].iloc[np.unique(number, return_index=True)[1]].reset_index(drop=True)


def _order(number: np.ndarray, durations: np.ndarray) -> np.ndarray:
    """Row order by group, then duration."""
    whole_days = np.isfinite(durations) & (durations == np.floor(durations)) & (durations >= 0)
    if len(durations) and whole_days.all() and (durations.max() + 1) * (number.max() + 1) < 2**62:
        # Whole days (as the queries give them): one int64 key sorts twice as fast as lexsort's two passes.
        span = int(durations.max()) + 1
        return np.argsort(number.astype(np.int64) * span + durations.astype(np.int64), kind="stable")
    return np.lexsort((durations, number))


def _steps(households: pd.DataFrame, keys: list[str]):
    """Per group (in key order, missing values last) and distinct duration, day 0 included: group number, time,
    households leaving follow-up (removed) and finding a home (died); and the key values of every group."""
    durations = households["duration_days"].to_numpy(float)
    if "removed" in households.columns:
        removed, died = households["removed"].to_numpy(float), households["died"].to_numpy(float)
    else:
        removed, died = np.ones(len(households)), households["event"].to_numpy(bool).astype(float)
    if keys:
        number, groups = _group_numbers(households, keys)
    else:
        number, groups = np.zeros(len(households), dtype=np.int64), pd.DataFrame(index=range(min(len(households), 1)))
    # lifelines' timeline starts at 0 (everyone enters then) in every group.
    entry = np.arange(len(groups))
    number = np.concatenate([number, entry])
    durations = np.concatenate([durations, np.zeros(len(entry))])
    removed, died = np.concatenate([removed, np.zeros(len(entry))]), np.concatenate([died, np.zeros(len(entry))])
    order = _order(number, durations)
    number, durations, removed, died = number[order], durations[order], removed[order], died[order]
    if not len(number):
        return number, durations, removed, died, groups
    distinct = np.flatnonzero(np.r_[True, (number[1:] != number[:-1]) | (durations[1:] != durations[:-1])])
    return number[distinct], durations[distinct], np.add.reduceat(removed, distinct), np.add.reduceat(died, distinct), groups


def estimate(households: pd.DataFrame, keys: list[str]) -> Curves:
    """Kaplan–Meier per group, vectorised over all groups: the same numbers as `kaplan_meier_counts` per group.

    `households` holds duration_days and either event (one row per household) or removed and died (counts per
    duration, as the query permanent_housing_steps gives them). Within a group every cumulative product and
    sum is numpy's, in time order, so the results are identical to the last bit.
    """
    group, time, removed, died, groups = _steps(households, keys)
    bounds = np.flatnonzero(np.r_[True, group[1:] != group[:-1], True]) if len(group) else np.array([0])
    # Households still followed at each time: the group's total minus those who left earlier (exact integers).
    left_so_far = np.cumsum(removed)
    left_before_group = np.r_[0.0, left_so_far][bounds[:-1]]
    total = np.add.reduceat(removed, bounds[:-1]) if len(removed) else np.array([])
    at_risk = total[group] - (left_so_far - removed - left_before_group[group])
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = 1.0 - died / at_risk
        # Greenwood; a step where everyone left at risk has the event adds nothing (as in lifelines).
        step = died / (at_risk * (at_risk - died))
    step = np.where(np.isinf(step), 0.0, step)
    survival, variance = np.empty_like(factor), np.empty_like(step)
    # numpy's cumulative product and sum per group, on views: pandas' grouped cumsum compensates its
    # rounding (Kahan) and would differ from lifelines in the last bits.
    for first, end in zip(bounds[:-1], bounds[1:]):
        np.cumprod(factor[first:end], out=survival[first:end])
        np.cumsum(step[first:end], out=variance[first:end])
    with np.errstate(divide="ignore", invalid="ignore"):
        log_s = np.log(survival)
        spread = Z * np.sqrt(variance) / log_s
        lower = np.exp(-np.exp(np.log(-log_s) - spread))
        upper = np.exp(-np.exp(np.log(-log_s) + spread))
    return Curves(
        groups,
        group,
        bounds,
        time,
        at_risk.astype(np.int64),
        died.astype(np.int64),
        (removed - died).astype(np.int64),
        survival,
        variance,
        # Where S = 1 the log(−log) transform is undefined; lifelines fills the band with 1 there.
        np.where(np.isnan(lower), 1.0, lower),
        np.where(np.isnan(upper), 1.0, upper),
    )


def summarise(
    households: pd.DataFrame,
    keys: list[str],
    within_days: float = TWELVE_MONTHS_DAYS,
    within_column: str = "permanent_within_12m_share",
) -> pd.DataFrame:
    """One row of summary figures per group; `within_column` is the share with the event within `within_days`."""
    curves = estimate(households, keys)
    columns = [within_column if c == "permanent_within_12m_share" else c for c in SUMMARY_COLUMNS]
    if not len(curves):
        empty = [list(summary(kaplan_meier([], [])).values())] if not keys else []
        return pd.DataFrame(empty, columns=[*keys, *columns])
    starts = curves.bounds[:-1]
    figures = pd.DataFrame(
        {
            "households": curves.at_risk[starts],
            "events": np.add.reduceat(curves.events, starts),
            "median_days": curves.first_time_at_or_below(curves.survival),
            # Where the band crosses 0.5: the lower limit from the lower band, the upper from the upper band.
            "ci_low_days": curves.first_time_at_or_below(curves.ci_lower),
            "ci_high_days": curves.first_time_at_or_below(curves.ci_upper),
            within_column: 1.0 - curves.survival_at(within_days),
        }
    )
    return pd.concat([curves.groups, figures], axis=1)


def curve_points(households: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The curve points of every group: the group keys, then CURVE_COLUMNS."""
    return estimate(households, keys).frame()
