"""The quota (taakstelling) over several half-years: cumulative realisation, ranking, pace labels.

How the figures are counted (quota_progress, queries/quota_progress.sql):
- Merged municipalities roll up into the municipality they merged into (municipalities.successor_code);
  their targets and official counts are summed per half-year. Today's population is used per 1,000
  inhabitants (it already includes the merged places); the parts are summed only when it is unknown.
- realised: the official count; when it is missing (for any merged part), persons whose first home in
  that half-year was in the municipality, from the placements; source then says 'placements'.
- carried: all earlier targets minus all earlier realised, so a backlog (+) or lead (−) moves on to the
  next half-year, as the national monitors count it. adjusted_target = target + carried.
  realisation = realised ÷ adjusted_target (none when nothing is owed: a lead covers the target).
- pace, on the reference date: the expected part of the adjusted target is 1/6 per completed month of
  the half-year (all of it once the half-year is over). On schedule: realised ≥ expected. Slightly
  behind: short by less than one month's share (1/6 of the adjusted target). Far behind: short by more.
  A group (province, the whole country) nets leads against backlogs, as its realisation does.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd

from housing_monitor import privacy
from housing_monitor.db import queries
from housing_monitor.filters import Filters, period_start
from housing_monitor.measures.base import (
    Measure,
    chosen_or_latest,
    group_columns,
    validate_by,
)

PACE_LABELS = {"op_schema": "Op schema", "licht_achter": "Licht achter", "ver_achter": "Ver achter"}
PACE_COLOURS = {"op_schema": "#7F7F7F", "licht_achter": "#E69F00", "ver_achter": "#D55E00"}
PACE_PATTERNS = {"op_schema": "", "licht_achter": "/", "ver_achter": "x"}
SOURCE_LABELS = {"official": "officieel", "placements": "uit plaatsingen (geschat)"}


def cumulative(progress: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per group, from the first half-year shown: realised so far against everything owed so far.

    owed = what was carried into the first half-year + the targets since; the last row of a group is
    the realisation over the whole selection.
    """
    frame = progress.sort_values([*keys, "period"]).reset_index(drop=True)
    if keys:
        grouped = frame.groupby(keys, dropna=False, sort=False)
        realised, targets = grouped["realised"].cumsum(), grouped["target"].cumsum()
        carried_in = grouped["carried"].transform("first")
    else:
        realised, targets = frame["realised"].cumsum(), frame["target"].cumsum()
        carried_in = frame["carried"].iloc[0] if len(frame) else 0
    frame["cumulative_realised"] = realised
    frame["cumulative_owed"] = carried_in + targets
    owed = frame["cumulative_owed"].astype(float)
    frame["cumulative_realisation"] = frame["cumulative_realised"] / owed.where(owed > 0)
    return frame


def selection_realisation(progress: pd.DataFrame) -> dict:
    """Realisation over all half-years and places of an ungrouped progress frame, with its base and sources."""
    if progress.empty:
        return {
            "realisation": None, "realised": None, "owed": None, "from_placements": 0, "municipality_periods": 0,
        }
    last = cumulative(progress, []).iloc[-1]
    owed = float(last["cumulative_owed"])
    realised = int(last["cumulative_realised"])
    return {
        "realisation": float(last["cumulative_realisation"]) if owed > 0 else None,
        "realised": realised,
        "owed": owed,
        "from_placements": int(progress["municipalities_from_placements"].sum()),
        "municipality_periods": int(progress["municipalities"].sum()),
    }


def ranking(progress: pd.DataFrame) -> pd.DataFrame:
    """Municipalities of one half-year from best to worst realisation; no realisation (nothing owed) first."""
    order = progress.assign(_rank=progress["realisation"].fillna(np.inf))
    return order.sort_values(["_rank", "municipality_name"], ascending=[False, True]).drop(columns="_rank").reset_index(
        drop=True
    )


# What a municipality's small estimate would show: its realised figures.
REALISED_FIGURES = ("realised", "estimated_realised", "realisation", "realised_per_1000", "expected", "pace")


def suppressed(progress: pd.DataFrame) -> pd.DataFrame:
    """Quota figures as they may be shown: targets and official counts are public; small estimates read '<5'.

    An estimate from placements of 1–4 persons counts as 0 in every backlog and total (quota_progress.sql),
    so no total or later backlog can give it away; only its own municipality's row would show it, and
    there it reads '<5'. The placements count beside an official count is about persons in the data too.
    """
    out = progress.copy()
    if "small_estimates" in out:
        alone = out["small_estimates"].fillna(0).gt(0) & out.get("municipalities", pd.Series(1, index=out.index)).eq(1)
        for column in REALISED_FIGURES:
            if column in out.columns and alone.any():
                out[column] = out[column].astype(object)
                out.loc[alone, column] = privacy.marker()
    if "placements_realised" in out:
        limit = privacy.threshold()
        small = out["placements_realised"].map(lambda v: not isinstance(v, str) and pd.notna(v) and 0 < v < limit)
        out["placements_realised"] = out["placements_realised"].astype(object).where(~small, privacy.marker())
    return out


def month_by_month(monthly: pd.DataFrame, period: str, adjusted_target: float) -> pd.DataFrame:
    """The six months of a half-year: persons housed (placements), cumulative, and the pace line (1/6 a month)."""
    first = pd.Timestamp(period_start(period))
    months = pd.date_range(first, periods=6, freq="MS")
    housed = monthly.assign(month=pd.to_datetime(monthly["month"])).set_index("month").reindex(months)
    frame = pd.DataFrame(
        {
            "month": months,
            "households": housed["households"].fillna(0).astype(int).to_numpy(),
            "persons": housed["persons"].fillna(0).astype(int).to_numpy(),
        }
    )
    frame["cumulative_persons"] = frame["persons"].cumsum()
    frame["expected"] = max(adjusted_target, 0) * np.arange(1, 7) / 6
    return frame


# The quota is set per municipality: only place (and period) filters and groupings apply to it.
QUOTA_GROUP_COLUMNS = ("province", "municipality_code")
QUOTA_FIGURES = ("period", "target", "realised", "estimated_realised", "realisation", "source")
# Internal flags of quota_progress that say what a small estimate would give away (see quota.suppressed).
QUOTA_FLAGS = ("small_estimates", "municipalities")


def quota_progress(
    con: duckdb.DuckDBPyConnection, filters: Filters, by=(), reference_date: dt.date | None = None
) -> pd.DataFrame:
    """Per group and half-year: target, carried backlog/lead, adjusted target, realised, source, pace, per 1,000.

    The counting rules are stated at the top of this module.
    """
    by = validate_by(by, QUOTA_GROUP_COLUMNS)
    day = chosen_or_latest(con, reference_date) or dt.date.today()
    frame = queries.run(
        con, "quota_progress", by=list(by), reference_date=day, min_count=privacy.threshold(), **filters.params()
    )
    figures = [c for c in frame.columns if c not in (*QUOTA_GROUP_COLUMNS, "municipality_name")]
    return frame[[*group_columns(by), *figures]].reset_index(drop=True)


def quota_realisation(con: duckdb.DuckDBPyConnection, filters: Filters, by=()) -> pd.DataFrame:
    """Per group and half-year: target, realised, realised ÷ adjusted target, and whether realised is official."""
    progress = quota_progress(con, filters, by)
    return progress[[*group_columns(validate_by(by, QUOTA_GROUP_COLUMNS)), *QUOTA_FIGURES, *QUOTA_FLAGS]]


def suppressed_quota(frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """Quota output as it may be shown: official counts are public, a municipality's small estimate '<5'."""
    return suppressed(frame).drop(columns=list(QUOTA_FLAGS), errors="ignore")


QUOTA_REALISATION = Measure(
    "quota_realisation",
    "Realisatie taakstelling",
    quota_realisation,
    "realised",
    ("realisation",),
    "per halfjaar (period): target (taakstelling), realised (gehuisveste personen), realisation = realised / "
    "(target + achterstand − voorsprong uit eerdere halfjaren), source: official of placements; "
    "--by alleen province, municipality_code. Officiële tellingen zijn openbaar en worden altijd getoond; "
    "estimated_realised: het deel geschat uit plaatsingen. Een schatting van 1-{below} personen telt als 0 (ook in "
    "achterstand en totalen) en de eigen rij toont '{marker}'.",
    row_keys=("period",),
    suppress=suppressed_quota,
)
