"""Housing pathways: Kaplan–Meier curves for charts, plain-Dutch readings, and housing forms compared like with like."""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd

from housing_monitor import dutch, privacy
from housing_monitor.contract import HOUSING_FORMS
from housing_monitor.filters import Filters
from housing_monitor.measures import base, comparisons, housing, registry, survival

# --------------------------------------------------------------------------- curves


def permanent_housing_curves(
    con: duckdb.DuckDBPyConnection, filters: Filters, by=(), reference_date: dt.date | None = None
) -> pd.DataFrame:
    """Kaplan–Meier curve points per group: group columns, time (days), survival, ci_lower, ci_upper, at_risk, ..."""
    households = housing.permanent_housing_steps(con, filters, by, reference_date)
    return survival.curve_points(households, base.group_columns(base.validate_by(by)))


AT_RISK_MONTHS = (0, 3, 6, 9, 12, 18, 24, 36)


def at_risk_table(points: pd.DataFrame, keys: list[str], months=AT_RISK_MONTHS) -> pd.DataFrame:
    """Households still waiting and followed at each month mark (duration ≥ that day), one row per group."""
    rows = []
    groups = points.groupby(keys, dropna=False, sort=False) if keys else [((), points)]
    for values, part in groups:
        values = values if isinstance(values, tuple) else (values,)
        time, at_risk = part["time"].to_numpy(), part["at_risk"].to_numpy()
        row = dict(zip(keys, values))
        for month in months:
            after = np.searchsorted(time, month * dutch.DAYS_PER_MONTH, side="left")
            row[month] = int(at_risk[after]) if after < len(time) else 0
        rows.append(row)
    return pd.DataFrame(rows, columns=[*keys, *months])


def shown_part(points: pd.DataFrame) -> pd.DataFrame:
    """The curve points a chart may show: a curve stops where fewer than the threshold are still followed."""
    return points[points["at_risk"] >= privacy.threshold()].reset_index(drop=True)


# --------------------------------------------------------------------------- housing forms compared


def household_type_mix(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.Series:
    """The share of each household type among all households in the selection: the standard population."""
    counts = housing.housed(con, filters, by=("household_type",)).set_index("household_type")["households"]
    return counts / counts.sum() if counts.sum() else counts.astype(float)


def standardise(
    per_stratum: pd.DataFrame,
    value: str,
    weights: pd.Series,
    group: str = "housing_form",
    stratum: str = "household_type",
    base: str = "households",
) -> pd.DataFrame:
    """Direct standardisation: per group, Σ over strata of (standard share × the group's figure in that stratum).

    A group gets NaN when a stratum of the standard population is missing in it, rests on fewer than
    the threshold, or has no figure (a median not reached): then like cannot be compared with like.
    """
    weights = weights[weights > 0]
    rows = []
    for name, part in per_stratum.groupby(group, sort=False):
        figures = part.set_index(stratum)
        complete = all(
            s in figures.index and not privacy.is_small(figures.at[s, base]) and pd.notna(figures.at[s, value])
            for s in weights.index
        )
        standardised = float(sum(weights[s] * figures.at[s, value] for s in weights.index)) if complete else np.nan
        rows.append({group: name, value: standardised, base: int(figures[base].sum()), "standardisable": complete})
    return pd.DataFrame(rows, columns=[group, value, base, "standardisable"])


def _missing_text(measure: comparisons.ComparisonMeasure) -> str:
    """What an empty figure means: a median the curve never reached, or simply nothing."""
    return "niet bereikt" if measure.kind in ("weeks", "months") else dutch.MISSING


COMPARISON_COLUMNS = ("housing_form", "measure", "value", "base", "suppressed", "standardised", "note")


def compare_housing_forms(con: duckdb.DuckDBPyConnection, filters: Filters, standardised: bool = False) -> pd.DataFrame:
    """Every comparison measure for the five housing forms, long format (one row per form and measure).

    The measures are those of the Vergelijken page that every kind of entity has (comparisons.measures_for()),
    so a measure added there (the nuisance rate) appears here too. standardised=True reweights each
    form's figures per household type to the household-type mix of the whole selection (direct
    standardisation); counts are never standardised.
    """
    mix = household_type_mix(con, filters) if standardised else None
    rows = []
    for measure in comparisons.measures_for():
        compute, options = registry.MEASURES[measure.measure].compute, dict(measure.options)
        direct = compute(con, filters, by=("housing_form",), **options).set_index("housing_form")
        adjusted = None
        if standardised and measure.kind != "count":
            per_stratum = compute(con, filters, by=("housing_form", "household_type"), **options)
            adjusted = standardise(per_stratum, measure.value, mix, base=measure.base).set_index("housing_form")
        for form in HOUSING_FORMS:
            found = form in direct.index and measure.base in direct.columns
            base = direct.at[form, measure.base] if found else 0
            value = direct.at[form, measure.value] if found else np.nan
            note = ""
            if adjusted is not None:
                possible = form in adjusted.index and bool(adjusted.at[form, "standardisable"])
                value = adjusted.at[form, measure.value] if possible else np.nan
                note = "" if possible or privacy.is_small(base) else "niet te standaardiseren"
            if not note and pd.isna(value) and not privacy.is_small(base):
                note = _missing_text(measure)
            rows.append(
                {
                    "housing_form": form,
                    "measure": measure.key,
                    "value": float(value) if pd.notna(value) else np.nan,
                    "base": int(base) if pd.notna(base) else 0,
                    "suppressed": privacy.is_small(base),
                    "standardised": adjusted is not None,
                    "note": note,
                }
            )
    return pd.DataFrame(rows, columns=list(COMPARISON_COLUMNS))


def comparison_measure(key: str) -> comparisons.ComparisonMeasure:
    return next(m for m in comparisons.COMPARISON_MEASURES if m.key == key)


def compared_measures(long: pd.DataFrame) -> list[comparisons.ComparisonMeasure]:
    """The comparison measures present in a compare_housing_forms frame, in their order."""
    present = set(long["measure"])
    return [m for m in comparisons.COMPARISON_MEASURES if m.key in present]
