"""Key figures of the Doorstroom, Woonvormen and Taakstelling pages, each beside the previous period."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from housing_monitor import dutch, privacy
from housing_monitor.contract import HOUSING_FORMS
from housing_monitor.filters import Filters
from housing_monitor.measures import housing, pathways, quota
from housing_monitor.present.key_figures import Kpi, quota_note


def _first(frame: pd.DataFrame, column: str):
    if frame.empty or pd.isna(frame[column].iloc[0]):
        return None
    return float(frame[column].iloc[0])


def pathway_kpis(con: duckdb.DuckDBPyConnection, filters: Filters, reference_date: dt.date | None = None) -> list[Kpi]:
    """Median time to a permanent home, share within 12 months, and how many found one."""
    now = housing.time_to_permanent(con, filters, reference_date=reference_date)
    previous = filters.previous()
    before = housing.time_to_permanent(con, previous, reference_date=reference_date) if previous else pd.DataFrame()
    households = _first(now, "households")
    base = int(households) if households is not None else None
    median = _first(now, "median_days")
    return [
        Kpi(
            "permanent_median", "Tijd tot vaste woning (mediaan)", median, _first(before, "median_days"), base,
            "months", "doorstroom", lower_is_better=True,
            note="" if median is not None or base is None else "de helft is nog niet bereikt",
        ),
        Kpi(
            "permanent_12m", "Binnen 12 maanden in vaste woning", _first(now, "permanent_within_12m_share"),
            _first(before, "permanent_within_12m_share"), base, "share", "vast_12m",
        ),
        Kpi(
            "permanent_found", "Huishoudens met een vaste woning", _first(now, "events"), _first(before, "events"),
            base, "count", "doorstroom", neutral=True,
        ),
    ]


def housing_form_kpis(now: pd.DataFrame, before: pd.DataFrame | None, measure_key: str) -> list[Kpi]:
    """One figure per housing form for the chosen comparison measure (from compare_housing_forms frames)."""
    measure = pathways.comparison_measure(measure_key)

    def figures(frame):
        if frame is None or frame.empty:
            return {}
        return frame[frame["measure"] == measure_key].set_index("housing_form").to_dict("index")

    current, previous = figures(now), figures(before)
    out = []
    for form, label in HOUSING_FORMS.items():
        row = current.get(form, {"value": None, "base": 0, "note": ""})
        prior = previous.get(form, {}).get("value")
        value = row["value"] if row["value"] is not None and not pd.isna(row["value"]) else None
        out.append(
            Kpi(
                f"{measure_key}_{form}", label, value, None if prior is None or pd.isna(prior) else prior,
                int(row["base"]), measure.kind, measure.definition,
                lower_is_better=measure.lower_is_better, neutral=measure.kind == "count", note=row.get("note", ""),
            )
        )
    return out


def quota_kpis(
    con: duckdb.DuckDBPyConnection, filters: Filters, latest: pd.DataFrame, reference_date: dt.date | None = None
) -> list[Kpi]:
    """Realisation over the selection, municipalities behind in the latest half-year, housed per 1,000 inhabitants.

    latest: quota_progress per municipality for the latest half-year of the selection.
    """
    now_rows = quota.quota_progress(con, filters, reference_date=reference_date)
    previous = filters.previous()
    before_rows = quota.quota_progress(con, previous, reference_date=reference_date) if previous else None
    now = quota.selection_realisation(now_rows)
    before = quota.selection_realisation(before_rows) if before_rows is not None else None

    def per_1000(rows):
        """Persons housed per 1,000 inhabitants, averaged over the half-years."""
        if rows is None or rows.empty or not rows["population"].sum():
            return None
        return float(1000 * rows["realised"].sum() / rows["population"].sum())

    behind = int(latest["pace"].isin(["licht_achter", "ver_achter"]).sum()) if not latest.empty else None
    return [
        Kpi(
            "quota_realisation", "Realisatie taakstelling", now["realisation"],
            before["realisation"] if before and not privacy.is_small(before["realised"]) else None, now["realised"], "share",
            "taakstelling",
            note=quota_note(filters, now), base_unit="gehuisveste personen",
        ),
        Kpi(
            # Which municipalities are behind is public (targets and counts are published), so the
            # figure rests on the selection's persons housed like the realisation beside it.
            "quota_behind", "Gemeenten achter op schema", behind, None, now["realised"], "count", "taakstelling",
            lower_is_better=True, base_unit="gehuisveste personen",
            note=f"{len(latest)} gemeenten in {dutch.period_short(latest['period'].iloc[0])}" if not latest.empty else "",
        ),
        Kpi(
            "quota_per_1000", "Gehuisvest per 1.000 inwoners per halfjaar", per_1000(now_rows),
            per_1000(before_rows) if before and not privacy.is_small(before["realised"]) else None, now["realised"], "rate", "taakstelling", neutral=True,
            base_unit="gehuisveste personen",
        ),
    ]
