"""Time to a permanent home as people read it: sentences, the housing-form comparison and Kaplan–Meier tables."""

from __future__ import annotations

import pandas as pd

from housing_monitor import dutch, privacy
from housing_monitor.contract import HOUSING_FORMS
from housing_monitor.measures import survival
from housing_monitor.measures.pathways import compared_measures
from housing_monitor.present.tables import display

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


def comparison_display(long: pd.DataFrame) -> pd.DataFrame:
    """The comparison as people read it: one row per housing form, one Dutch-formatted column per measure."""
    out = pd.DataFrame({"Woonvorm": list(HOUSING_FORMS.values())})
    households = long[long["measure"] == "persons"].set_index("housing_form")["base"]
    out["Huishoudens"] = [
        privacy.marker() if privacy.is_small(households.get(f, 0)) else dutch.integer(households.get(f, 0))
        for f in HOUSING_FORMS
    ]
    for measure in compared_measures(long):
        part = long[long["measure"] == measure.key].set_index("housing_form")
        cells = []
        for form in HOUSING_FORMS:
            row = part.loc[form]
            if row["suppressed"]:
                cells.append(privacy.marker())
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
        out[f"{month} mnd"] = [privacy.marker() if privacy.is_small(v) else dutch.integer(v) for v in table[month]]
    return out
