"""Housing pathways: Kaplan–Meier curves for charts, plain-Dutch readings, and housing forms compared like with like."""

from __future__ import annotations

import datetime as dt
import duckdb
import numpy as np
import pandas as pd

from . import comparisons, dutch, measures, privacy, survival
from .tables import display
from .contract import HOUSING_FORMS
from .filters import Filters

# --------------------------------------------------------------------------- curves


def permanent_housing_curves(
    con: duckdb.DuckDBPyConnection, filters: Filters, by=(), reference_date: dt.date | None = None
) -> pd.DataFrame:
    """Kaplan–Meier curve points per group: group columns, time (days), survival, ci_lower, ci_upper, at_risk, ..."""
    households = measures.permanent_housing_steps(con, filters, by, reference_date)
    return survival.curve_points(households, measures.group_columns(measures.validate_by(by)))


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


# --------------------------------------------------------------------------- readings

HOUSING_FORM_PHRASES = {
    "zelfstandig": "die begonnen in een zelfstandige woning",
    "woningdelen": "die begonnen met woningdelen",
    "tijdelijk": "die begonnen in tijdelijke huisvesting",
    "flexwoning": "die begonnen in een flexwoning",
    "transformatie": "die begonnen in getransformeerd vastgoed",
}
HOUSEHOLD_TYPE_PHRASES = {"alleenstaande": "de alleenstaanden", "gezin": "de gezinnen"}


def group_phrase(column: str | None, value, label: str | None = None) -> str:
    """'de huishoudens die begonnen in tijdelijke huisvesting', 'de gezinnen', 'de huishoudens in Landgraaf'."""
    if column is None:
        return "de huishoudens"
    if column == "household_type":
        return HOUSEHOLD_TYPE_PHRASES.get(value, f"de huishoudens van type {value}")
    if column == "housing_form":
        return "de huishoudens " + HOUSING_FORM_PHRASES.get(value, f"in {value}")
    if pd.isna(value):
        return {"corporation": "de huishoudens zonder corporatie", "project": "de huishoudens buiten een project"}.get(
            column, "de huishoudens zonder " + column
        )
    text = label or str(value)
    if column == "corporation":
        return f"de huishoudens bij {text}"
    if column in ("period", "year"):
        return f"de huishoudens met hun eerste woning in {dutch.period_short(text) if column == 'period' else text}"
    return f"de huishoudens in {text}"


def months_text(days: float) -> str:
    """228 days → '7,5 maand' (as in 'na 7,5 maand')."""
    return f"{dutch.number(days / dutch.DAYS_PER_MONTH, 1)} maand"


def reading(row: pd.Series | dict, phrase: str) -> str:
    """One plain-Dutch sentence about a group's median time to a permanent home, its interval and base."""
    households = row["households"]
    if privacy.is_small(households):
        return f"Over {phrase} zeggen we niets: het zijn er minder dan {privacy.threshold()}."
    median, low, high = row["median_days"], row["ci_low_days"], row["ci_high_days"]
    base = f"{dutch.integer(households)} huishoudens"
    if pd.isna(median):
        return f"Van {phrase} had op de peildatum nog niet de helft een vaste woning ({base}; de mediaan is niet bereikt)."
    first = f"De helft van {phrase} had na {months_text(median)} een vaste woning (gerekend vanaf de vergunning; {base})."
    if pd.isna(low):
        return first
    if pd.isna(high):
        return f"{first} Met 95% zekerheid was dat na minstens {months_text(low)}; een bovengrens geven de gegevens nog niet."
    low_months = dutch.number(low / dutch.DAYS_PER_MONTH, 1)
    return f"{first} Met 95% zekerheid ligt dat tussen {low_months} en {months_text(high)}."


# --------------------------------------------------------------------------- housing forms compared


def household_type_mix(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.Series:
    """The share of each household type among all households in the selection: the standard population."""
    counts = measures.housed(con, filters, by=("household_type",)).set_index("household_type")["households"]
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

    The measures are those of the Vergelijken page (comparisons.COMPARISON_MEASURES) whose measure is
    built, so a measure added there (the nuisance rate) appears here too. standardised=True reweights each
    form's figures per household type to the household-type mix of the whole selection (direct
    standardisation); counts are never standardised.
    """
    mix = household_type_mix(con, filters) if standardised else None
    rows = []
    for measure in comparisons.available_measures():
        compute, options = measures.MEASURES[measure.measure].compute, dict(measure.options)
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


def comparison_display(long: pd.DataFrame) -> pd.DataFrame:
    """The comparison as people read it: one row per housing form, one Dutch-formatted column per measure."""
    out = pd.DataFrame({"Woonvorm": list(HOUSING_FORMS.values())})
    households = long[long["measure"] == "persons"].set_index("housing_form")["base"]
    out["Huishoudens"] = [
        dutch.SUPPRESSED if privacy.is_small(households.get(f, 0)) else dutch.integer(households.get(f, 0))
        for f in HOUSING_FORMS
    ]
    for measure in compared_measures(long):
        part = long[long["measure"] == measure.key].set_index("housing_form")
        cells = []
        for form in HOUSING_FORMS:
            row = part.loc[form]
            if row["suppressed"]:
                cells.append(dutch.SUPPRESSED)
            elif pd.isna(row["value"]):
                cells.append(row["note"] or dutch.MISSING)
            else:
                cells.append(measure.format(row["value"]))
        label = measure.label + (" – gestandaardiseerd" if part["standardised"].any() else "")
        out[label] = cells
    return out


# --------------------------------------------------------------------------- tables

# median_days means time to a permanent home here, not the waiting time tables.COLUMNS names it.
TIME_TO_PERMANENT_COLUMNS = {"median_days": ("Tijd tot vaste woning, mediaan (maanden)", "months")}
NOT_REACHED = "niet bereikt"


def time_to_permanent_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The Kaplan–Meier summary as people read it: Dutch headers, '<5', 'niet bereikt'."""
    shown = summary.copy()
    for column in ("median_days", "ci_low_days", "ci_high_days"):
        reached = shown[column].astype(object)
        shown[column] = reached.where(shown[column].notna(), NOT_REACHED)
    shown = privacy.suppress(shown, "households", list(survival.SUMMARY_COLUMNS[1:]))
    return display(shown, TIME_TO_PERMANENT_COLUMNS)


def at_risk_display(table: pd.DataFrame, keys: list[str], labels: dict | None = None) -> pd.DataFrame:
    """Number at risk per month mark, small numbers as '<5', months as column headers."""
    labels = labels or {}
    out = pd.DataFrame()
    if keys:
        out["Groep"] = [labels.get(v, HOUSING_FORMS.get(v, v)) for v in table[keys[0]]]
    else:
        out["Groep"] = ["Alle huishoudens"] * len(table)
    for month in [c for c in table.columns if c not in keys]:
        out[f"{month} mnd"] = [dutch.SUPPRESSED if privacy.is_small(v) else dutch.integer(v) for v in table[month]]
    return out
