"""The benchmark's baseline: Kaplan–Meier and the nuisance rate in plain pandas, independent of our SQL and numpy.

It starts from the same inputs our measures read (the derived tables household_pathway, placement_spell
and signal_attributed, loaded into pandas once and not timed, which favours pandas) and computes the same
figures as `measures.time_to_permanent` and `nuisance.nuisance_rate` for groupings without a time
dimension. tests/test_bench.py checks that both give the same numbers.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd
from scipy.stats import chi2, norm

from housing_monitor.filters import Filters
from housing_monitor.measures.nuisance import NUISANCE_FIGURES
from housing_monitor.measures.survival import SUMMARY_COLUMNS

Z = norm.ppf(0.975)
TOLERANCE = 1e-12  # a curve at exactly 0.5 counts as reached, as in survival.first_time_at_or_below
FILTER_COLUMNS = {
    "municipalities": "municipality_code",
    "provinces": "province",
    "corporations": "corporation",
    "projects": "project",
    "housing_forms": "housing_form",
    "household_types": "household_type",
}
# The baseline computes independently but reports the same columns as the measures it is compared with.
KM_COLUMNS = SUMMARY_COLUMNS
NUISANCE_COLUMNS = ("households", *NUISANCE_FIGURES)


def load_frames(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """The derived tables both measures start from, as pandas frames."""
    return {
        name: con.table(name).df()
        for name in ("household_pathway", "placement_spell", "signal_attributed")
    }


def _keys(by) -> list[str]:
    keys = list(by)
    if "municipality_code" in keys:
        keys.insert(keys.index("municipality_code") + 1, "municipality_name")
    return keys


def _selected(frame: pd.DataFrame, filters: Filters) -> pd.Series:
    keep = pd.Series(True, index=frame.index)
    for attribute, column in FILTER_COLUMNS.items():
        chosen = getattr(filters, attribute)
        if chosen:
            keep &= frame[column].isin(chosen)
    return keep


def time_to_permanent(
    pathway: pd.DataFrame, filters: Filters, by=(), reference_date: dt.date | None = None
) -> pd.DataFrame:
    """Kaplan–Meier per group from household_pathway: households, events, median with 95% CI, share within 12 months."""
    keys = _keys(by)
    groups = keys or ["all"]
    reference = pd.Timestamp(reference_date or pathway[["first_move_in", "permanent_on", "left_on"]].max().max())
    rows = pathway[
        (pathway["first_move_in"] >= pd.Timestamp(filters.date_from))
        & (pathway["first_move_in"] < pd.Timestamp(filters.date_to))
        & (pathway["first_move_in"] <= reference)
        & _selected(pathway, filters)
    ]
    event = rows["permanent_on"].notna() & (rows["permanent_on"] <= reference)
    left = rows["left_on"].notna() & (rows["left_on"] < reference)
    until = rows["permanent_on"].where(event, rows["left_on"].where(left, reference))
    households = pd.DataFrame({k: rows[k] for k in keys}, index=rows.index).assign(
        all=0, duration=(until - rows["permit_date"]).dt.days.astype(float), event=event.astype(int)
    )
    steps = (
        households.groupby([*groups, "duration"], dropna=False)
        .agg(removed=("event", "size"), died=("event", "sum"))
        .reset_index()
    )
    # Every group also has a step at day 0 (everyone enters then), as lifelines and our estimator do.
    entry = steps.drop_duplicates(groups).assign(duration=0.0, removed=0, died=0)
    steps = pd.concat([entry, steps]).groupby([*groups, "duration"], dropna=False, as_index=False).sum()
    per_group = steps.groupby(groups, dropna=False, sort=False)
    steps["at_risk"] = per_group["removed"].transform("sum") - per_group["removed"].cumsum() + steps["removed"]
    steps["survival"] = (1.0 - steps["died"] / steps["at_risk"]).groupby([steps[g] for g in groups], dropna=False).cumprod()
    with np.errstate(divide="ignore", invalid="ignore"):
        greenwood = (steps["died"] / (steps["at_risk"] * (steps["at_risk"] - steps["died"]))).replace(np.inf, 0.0)
        variance = greenwood.groupby([steps[g] for g in groups], dropna=False).cumsum()
        log_s = np.log(steps["survival"])
        spread = Z * np.sqrt(variance) / log_s
        steps["lower"] = np.exp(-np.exp(np.log(-log_s) - spread)).fillna(1.0)
        steps["upper"] = np.exp(-np.exp(np.log(-log_s) + spread)).fillna(1.0)
    per_group = steps.groupby(groups, dropna=False)
    figures = per_group.agg(
        households=("removed", "sum"),
        events=("died", "sum"),
        last_day=("duration", "last"),
        last_survival=("survival", "last"),
    )
    for column, curve in (("median_days", "survival"), ("ci_low_days", "lower"), ("ci_high_days", "upper")):
        reached = steps[steps[curve] <= 0.5 + TOLERANCE]
        figures[column] = reached.groupby(groups, dropna=False)["duration"].min()
    at_year = steps[steps["duration"] <= 365].groupby(groups, dropna=False)["survival"].last()
    figures["permanent_within_12m_share"] = (1.0 - at_year).where(
        (figures["last_day"] >= 365) | (figures["last_survival"] <= 0)
    )
    figures = figures.reset_index().sort_values(groups, na_position="last")
    return figures[[*keys, *KM_COLUMNS]].reset_index(drop=True)


def nuisance_rate(
    spells: pd.DataFrame, signals: pd.DataFrame, filters: Filters, by=(), observed_until: dt.date | None = None
) -> pd.DataFrame:
    """Signals per 100 household-years per group (no time grouping), exact 95% interval, time to resolution."""
    keys = _keys(by)
    until = pd.Timestamp(observed_until or dt.date(2999, 12, 31))
    window_from, window_to = pd.Timestamp(filters.date_from), min(pd.Timestamp(filters.date_to), until)
    spells = spells[_selected(spells, filters)]
    exposed_from = spells["move_in_date"].clip(lower=window_from)
    exposed_to = spells["move_out_date"].fillna(window_to).clip(upper=window_to)
    days = (exposed_to - exposed_from).dt.days
    exposure = spells.loc[days > 0, [*keys, "household_id"]].assign(exposure_days=days[days > 0])
    chosen = signals[
        (signals["reported_on"] >= window_from) & (signals["reported_on"] < window_to) & _selected(signals, filters)
    ]
    resolved = chosen["resolved_on"] < until
    signal_rows = chosen[keys].assign(
        resolution_days=(chosen["resolved_on"] - chosen["reported_on"]).dt.days.where(resolved),
        unresolved=(~resolved).astype(int),
    )
    if keys:
        exposed = exposure.groupby(keys, dropna=False).agg(
            households=("household_id", "nunique"), exposure_days=("exposure_days", "sum")
        )
        reported = signal_rows.groupby(keys, dropna=False).agg(
            signals=("unresolved", "size"),
            unresolved=("unresolved", "sum"),
            median_resolution_days=("resolution_days", "median"),
        )
        frame = exposed.join(reported, how="outer").reset_index()
    else:
        frame = pd.DataFrame(
            {
                "households": [exposure["household_id"].nunique()],
                "exposure_days": [exposure["exposure_days"].sum()],
                "signals": [len(signal_rows)],
                "unresolved": [signal_rows["unresolved"].sum()],
                "median_resolution_days": [signal_rows["resolution_days"].median()],
            }
        )
    frame[["households", "signals", "unresolved", "exposure_days"]] = (
        frame[["households", "signals", "unresolved", "exposure_days"]].fillna(0).astype("int64")
    )
    years = frame["exposure_days"] / 365.25
    per_100 = 100 / years.where(years > 0)
    counts = frame["signals"].astype(float)
    frame["household_years"] = years
    frame["rate_per_100"] = counts * per_100
    frame["rate_ci_low"] = np.where(counts > 0, chi2.ppf(0.025, 2 * counts) / 2, 0.0) * per_100
    frame["rate_ci_high"] = chi2.ppf(0.975, 2 * counts + 2) / 2 * per_100
    frame["unresolved_share"] = frame["unresolved"] / frame["signals"].where(frame["signals"] > 0)
    frame = frame.sort_values(keys, na_position="last") if keys else frame
    return frame[[*keys, *NUISANCE_COLUMNS]].reset_index(drop=True)
