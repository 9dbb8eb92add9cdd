"""Tables as people read them: Dutch labels and formats, hidden figures as '<5'."""

from __future__ import annotations

import pandas as pd

from housing_monitor import dutch
from housing_monitor.contract import (
    HOUSEHOLD_TYPES,
    HOUSING_FORMS,
    INTERVENTION_TYPES,
    NUISANCE_CATEGORIES,
    NUISANCE_SOURCES,
    SEVERITIES,
)
from housing_monitor.measures import quota
from housing_monitor.measures.integration import OUTCOMES
from housing_monitor.measures.interventions import VERDICTS
from housing_monitor import formats

# Column → (Dutch label, kind); kinds decide the format.
COLUMNS: dict[str, tuple[str, str]] = {
    "period": ("Halfjaar", "period"),
    "year": ("Jaar", "text"),
    "province": ("Provincie", "text"),
    "municipality_code": ("Gemeentecode", "text"),
    "municipality_name": ("Gemeente", "text"),
    "corporation": ("Corporatie", "text"),
    "project": ("Project", "text"),
    "housing_form": ("Woonvorm", "housing_form"),
    "household_type": ("Huishoudtype", "household_type"),
    "households": ("Huishoudens", "count"),
    "persons": ("Personen", "count"),
    "median_days": ("Wachttijd mediaan (weken)", "weeks"),
    "p25_days": ("Wachttijd 25e percentiel (weken)", "weeks"),
    "p75_days": ("Wachttijd 75e percentiel (weken)", "weeks"),
    "events": ("In vaste woning", "count"),
    "ci_low_days": ("95%-interval ondergrens (maanden)", "months"),
    "ci_high_days": ("95%-interval bovengrens (maanden)", "months"),
    "permanent_within_12m_share": ("Binnen 12 maanden in vaste woning", "share"),
    "target": ("Taakstelling", "count"),
    "carried": ("Achterstand (+) of voorsprong (−)", "count"),
    "adjusted_target": ("Bijgestelde taakstelling", "count"),
    "realised": ("Gehuisvest", "count"),
    "placements_realised": ("Gehuisvest volgens plaatsingen", "count"),
    "realisation": ("Realisatie", "share"),
    "expected": ("Verwacht op peildatum", "number"),
    "pace": ("Tempo", "text"),
    "realised_per_1000": ("Gehuisvest per 1.000 inwoners", "rate"),
    "adjusted_target_per_1000": ("Bijgestelde taakstelling per 1.000 inwoners", "rate"),
    "population": ("Inwoners", "count"),
    "cumulative_realised": ("Gehuisvest sinds begin selectie", "count"),
    "cumulative_owed": ("Opgave sinds begin selectie", "count"),
    "cumulative_realisation": ("Realisatie cumulatief", "share"),
    # Nuisance (overlast)
    "category": ("Categorie", "category"),
    "severity": ("Ernst", "severity"),
    "source": ("Bron", "source"),
    "signals": ("Signalen", "count"),
    "household_years": ("Huishoudjaren", "number"),
    "rate_per_100": ("Per 100 huishoudjaren", "rate"),
    "rate_ci_low": ("95%-marge van", "rate"),
    "rate_ci_high": ("95%-marge tot", "rate"),
    "median_resolution_days": ("Afgehandeld na (mediaan, dagen)", "days"),
    "unresolved_share": ("Nog open", "share"),
    # Integration
    "outcome": ("Uitkomst", "outcome"),
    "k_months": ("Maanden na eerste woning", "text"),
    "with_outcome": ("Met uitkomst", "count"),
    "share": ("Aandeel", "share"),
    "standardised_share": ("Aandeel (gestandaardiseerd naar huishoudtype)", "share"),
    # Interventions
    "intervention_id": ("Interventie", "text"),
    "type": ("Soort", "intervention_type"),
    "start_date": ("Startdatum", "date"),
    "before_rate": ("Plek: 6 mnd ervoor", "rate"),
    "after_rate": ("Plek: 6 mnd erna", "rate"),
    "change": ("Plek: verandering", "rate"),
    "comparison_before_rate": ("Elders: 6 mnd ervoor", "rate"),
    "comparison_after_rate": ("Elders: 6 mnd erna", "rate"),
    "comparison_change": ("Elders: verandering", "rate"),
    "difference": ("Verschil in verandering", "rate"),
    "difference_ci_low": ("95%-marge van", "rate"),
    "difference_ci_high": ("95%-marge tot", "rate"),
    "verdict": ("Conclusie", "verdict"),
    "interventions": ("Interventies", "count"),
    "with_enough_data": ("Met genoeg gegevens", "count"),
    "clear_falls": ("Duidelijk meer daling", "count"),
    "clear_rises": ("Duidelijk meer stijging", "count"),
    "mean_difference": ("Gemiddeld verschil in verandering", "rate"),
}
# Enumerations shown by their Dutch label.
ENUM_LABELS: dict[str, dict[str, str]] = {
    "category": NUISANCE_CATEGORIES,
    "severity": SEVERITIES,
    "source": NUISANCE_SOURCES,
    "intervention_type": INTERVENTION_TYPES,
    "outcome": OUTCOMES,
    "verdict": VERDICTS,
}
_LABELS = {"housing_form": HOUSING_FORMS, "household_type": HOUSEHOLD_TYPES, **ENUM_LABELS}


def format_value(value, kind: str) -> str:
    """One cell in Dutch notation (formats.cell); codes get their Dutch label, a hidden '<5' passes through."""
    labels = _LABELS.get(kind)
    if labels is not None and not formats.is_missing(value):
        return labels.get(value, value)
    return formats.cell(value, kind)


def display(frame: pd.DataFrame, columns: dict[str, tuple[str, str]] | None = None) -> pd.DataFrame:
    """A copy with Dutch headers and every cell formatted; unknown columns keep their name."""
    spec = {**COLUMNS, **(columns or {})}
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        label, kind = spec.get(column, (column, "text"))
        out[label] = [format_value(v, kind) for v in frame[column]]
    return out.reset_index(drop=True)


def progress_table(progress: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """The quota figures as people read them: pace and source in words, small estimates as '<5'."""
    shown = progress.copy()
    shown["pace"] = shown["pace"].map(lambda p: quota.PACE_LABELS.get(p, p) if isinstance(p, str) else dutch.MISSING)
    shown["source"] = shown["source"].map(quota.SOURCE_LABELS)
    for column in ("realised_per_1000", "adjusted_target_per_1000"):
        if column in shown:
            shown[column] = [v if isinstance(v, str) else dutch.number(v, 2) for v in shown[column]]
    shown = quota.suppressed(shown)
    if columns:
        shown = shown[[c for c in columns if c in shown.columns]]
    return display(shown, {"source": ("Bron realisatie", "text")})
