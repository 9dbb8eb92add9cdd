"""Goal attainment: each goal's measure over its own scope and period, beside its target, met or not.

How a goal is judged (stated on the Begrippen page):
- scope: the goal's municipality, corporation, project and housing form, each only where filled in;
- period: households whose first home falls in [period_start, period_end] (waiting time, permanent
  home within 12 months, integration after 24 months); calendar time clipped to it (nuisance rate);
  the half-years it touches (quota realisation, which exists per municipality only);
- the value rests on its base (households, or persons for integration and the quota); under the
  suppression threshold the goal reads "te weinig gegevens" and shows no number;
- met: value ≤ target for direction max, ≥ target for min. A goal whose period runs past the
  reference date is judged on the data so far: "op koers" or "niet op koers".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from housing_monitor import privacy
from housing_monitor.contract import GOAL_DIRECTIONS, GOAL_MEASURES
from housing_monitor.db import queries
from housing_monitor.filters import Filters, period_end, period_of, periods_between
from housing_monitor.measures import base, housing, integration, links, nuisance, quota
from housing_monitor.measures.base import Measure

STATUS_LABELS = {
    "met": "Gehaald",
    "on_track": "Op koers",
    "off_track": "Niet op koers",
    "not_met": "Niet gehaald",
    "too_little_data": "Te weinig gegevens",
    "no_data": "Geen gegevens",
    "not_started": "Nog niet begonnen",
}
# Worst news first: a manager's eye goes to the top.
STATUS_ORDER = ("not_met", "off_track", "too_little_data", "no_data", "not_started", "on_track", "met")
# How each measure's value reads: a share, days, or a rate per 100 household-years.
MEASURE_KINDS = {
    "waiting_time_median_days": "days",
    "permanent_within_12m_share": "share",
    "nuisance_rate": "rate",
    "language_b1_24m_share": "share",
    "employed_24m_share": "share",
    "quota_realisation": "share",
    "waiting_over_norm_households": "count",
    "housed_within_norm_share": "share",
}
BASE_UNITS = {"households": "huishoudens", "persons": "personen"}
GOAL_COLUMNS = (
    "goal_id", "municipality_code", "municipality_name", "province", "corporation", "project", "housing_form",
    "measure", "direction", "target", "period_start", "period_end", "description",
)
ATTAINMENT_FIGURES = ("value", "ci_low", "ci_high")
RESULT_COLUMNS = (
    *GOAL_COLUMNS, "measured_until", "running", "base", "base_unit", "public", "zero_is_shown", *ATTAINMENT_FIGURES,
    "status", "note",
)


@dataclass(frozen=True)
class Reading:
    """One measurement of a goal's measure: value, its base and, where known, its 95% interval."""

    value: float | None
    base: int | None
    base_unit: str = "households"
    ci_low: float | None = None
    ci_high: float | None = None
    note: str = ""
    public: bool = False  # rests on published counts (the quota), so a small base hides nothing
    covered: bool = False  # nothing was owed: a lead covered the quota
    zero_is_shown: bool = False  # a count whose 0 is shown as 0 (nobody waiting over the norm), not as too little data


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def scope_filters(goal, start: dt.date, end_inclusive: dt.date) -> Filters:
    """The shared filters that select a goal's scope over [start, end_inclusive]."""

    def one(value) -> tuple[str, ...]:
        return () if value is None or pd.isna(value) or value == "" else (str(value),)

    return Filters(
        municipalities=one(goal["municipality_code"]),
        corporations=one(goal["corporation"]),
        projects=one(goal["project"]),
        housing_forms=one(goal["housing_form"]),
        start_date=start,
        end_date=end_inclusive + dt.timedelta(days=1),
    )


def _first_row(frame: pd.DataFrame):
    return None if frame.empty else frame.iloc[0]


def _household_reading(frame: pd.DataFrame, column: str, ci: tuple[str, str] | None = None) -> Reading:
    row = _first_row(frame)
    if row is None or not row["households"]:
        return Reading(None, 0)
    low, high = (_number(row[ci[0]]), _number(row[ci[1]])) if ci else (None, None)
    return Reading(_number(row[column]), int(row["households"]), "households", low, high)


def _integration_reading(con, filters: Filters, outcome: str) -> Reading:
    row = _first_row(integration.integration_outcome(con, filters, k_months=(24,), outcome=outcome))
    if row is None or not row["persons"]:
        return Reading(None, 0, "persons")
    return Reading(_number(row["share"]), int(row["persons"]), "persons")


def _quota_reading(con, filters: Filters, reference_date: dt.date) -> Reading:
    if not filters.municipalities:
        return Reading(None, None, "persons", note="De taakstelling bestaat alleen per gemeente.")
    place = Filters(
        period_from=period_of(filters.date_from),
        period_to=period_of(filters.date_to - dt.timedelta(days=1)),
        municipalities=filters.municipalities,
    )
    progress = quota.quota_progress(con, place, reference_date=reference_date)
    if progress.empty:
        return Reading(None, None, "persons")
    note = ""
    if filters.corporations or filters.projects or filters.housing_forms:
        note = "De taakstelling geldt per gemeente: corporatie, project en woonvorm tellen hier niet mee."
    last = quota.cumulative(progress, []).iloc[-1]
    owed = float(last["cumulative_owed"])
    elapsed = last["elapsed_months"]
    if pd.notna(elapsed) and elapsed < 6:
        # A running half-year owes only its elapsed months' share so far, as the pace on Taakstelling counts it.
        owed -= float(last["target"]) * (1 - float(elapsed) / 6)
    realised = int(last["cumulative_realised"])
    if owed <= 0:
        return Reading(None, realised, "persons", note="Er stond niets open: een voorsprong dekte de taakstelling.",
                       public=True, covered=True)
    return Reading(realised / owed, realised, "persons", note=note, public=True)


def _links_note(filters: Filters) -> str:
    unused = links.unused_filters(filters)
    return f"Koppelingen hebben geen {' of '.join(unused)}: dat deel van het bereik telt hier niet." if unused else ""


def _over_norm_reading(con, filters: Filters) -> Reading:
    """Households waiting longer than the norm at the end of the goal's period (or the reference date while it runs)."""
    until = filters.date_to - dt.timedelta(days=1)
    frame = links.waiting_list(con, links.queue_selection(filters), reference_date=until)
    if frame.empty:
        return Reading(None, None, note="Er zijn geen koppelingen geïmporteerd.")
    over = int(frame["over_norm_households"].iloc[0])
    # The count is its own base: 1 to 4 over the norm is too little data to show; 0 is shown as 0.
    return Reading(float(over), over, note=_links_note(filters), zero_is_shown=True)


def _within_norm_reading(con, filters: Filters, reference_date: dt.date) -> Reading:
    """Links of the goal's period housed within the norm (Kaplan–Meier, those still waiting counted)."""
    frame = links.time_to_home(con, links.for_links(filters), reference_date=reference_date)
    reading = _household_reading(frame, "housed_within_norm_share")
    return Reading(reading.value, reading.base, note=_links_note(filters))


def measure_reading(
    con: duckdb.DuckDBPyConnection, goal, filters: Filters, reference_date: dt.date
) -> Reading:
    """A goal's measure over the selection of `filters` (its scope and some period)."""
    name = goal["measure"]
    if name == "waiting_time_median_days":
        return _household_reading(housing.waiting_time(con, filters), "median_days")
    if name == "permanent_within_12m_share":
        frame = housing.time_to_permanent(con, filters, reference_date=reference_date)
        return _household_reading(frame, "permanent_within_12m_share")
    if name == "nuisance_rate":
        frame = nuisance.nuisance_rate(con, filters, reference_date=reference_date)
        return _household_reading(frame, "rate_per_100", ("rate_ci_low", "rate_ci_high"))
    if name == "language_b1_24m_share":
        return _integration_reading(con, filters, "language_b1")
    if name == "employed_24m_share":
        return _integration_reading(con, filters, "employed")
    if name == "quota_realisation":
        return _quota_reading(con, filters, reference_date)
    if name == "waiting_over_norm_households":
        return _over_norm_reading(con, filters)
    if name == "housed_within_norm_share":
        return _within_norm_reading(con, filters, reference_date)
    raise ValueError(f"onbekende maatstaf {name}; kies uit {', '.join(GOAL_MEASURES)}")


def is_met(value: float, direction: str, target: float) -> bool:
    """Met given the direction: at most the target (max) or at least the target (min)."""
    return value <= target if direction == "max" else value >= target


def judge(reading: Reading, direction: str, target: float, running: bool, limit: int | None = None) -> str:
    """The goal's status for a reading: no data, too little data, or met / not met (on / off track while running)."""
    if reading.covered:
        met = direction == "min"
    else:
        if reading.value is None and not reading.base:
            return "no_data"
        nobody = reading.zero_is_shown and reading.value == 0
        if not reading.public and not nobody and privacy.is_small(reading.base, limit):
            return "too_little_data"
        if reading.value is None:
            return "no_data"
        met = is_met(reading.value, direction, target)
    if running:
        return "on_track" if met else "off_track"
    return "met" if met else "not_met"


def goal_list(con: duckdb.DuckDBPyConnection, filters: Filters | None = None) -> pd.DataFrame:
    """The goals whose scope touches the selected places and organisations."""
    f = filters or Filters()
    frame = queries.run(
        con,
        "goals",
        municipalities=list(f.municipalities),
        provinces=list(f.provinces),
        corporations=list(f.corporations),
        projects=list(f.projects),
    )
    for column in ("period_start", "period_end"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame[list(GOAL_COLUMNS)]


def _attain(con, goal, reference: dt.date) -> dict:
    start, end = goal["period_start"], goal["period_end"]
    running = reference < end
    until = min(end, reference)
    if reference < start:
        reading, status = Reading(None, None), "not_started"
    else:
        reading = measure_reading(con, goal, scope_filters(goal, start, until), reference)
        status = judge(reading, goal["direction"], float(goal["target"]), running)
    shown = status not in ("too_little_data", "no_data", "not_started")
    return {
        **{c: goal[c] for c in GOAL_COLUMNS},
        "measured_until": until,
        "running": running,
        "base": reading.base,
        "base_unit": reading.base_unit,
        "public": reading.public,
        "zero_is_shown": reading.zero_is_shown,
        "value": reading.value if shown else None,
        "ci_low": reading.ci_low if shown else None,
        "ci_high": reading.ci_high if shown else None,
        "status": status,
        "note": reading.note,
    }


def goal_attainment(
    con: duckdb.DuckDBPyConnection, filters: Filters | None = None, by=(), reference_date: dt.date | None = None
) -> pd.DataFrame:
    """Per goal (of the selected places and organisations): value, base, interval, status on the reference date."""
    base.validate_by(by, ())
    reference = base.chosen_or_latest(con, reference_date)
    goals = goal_list(con, filters)
    if goals.empty or reference is None:
        return pd.DataFrame(columns=list(RESULT_COLUMNS))
    rows = [_attain(con, goal, reference) for _, goal in goals.iterrows()]
    frame = pd.DataFrame(rows, columns=list(RESULT_COLUMNS))
    return frame.astype({"base": "Int64"})


def goal_trend(con: duckdb.DuckDBPyConnection, goal, reference_date: dt.date | None = None) -> pd.DataFrame:
    """The goal's value from period_start to each half-year's end (capped at the deadline and reference date)."""
    reference = base.chosen_or_latest(con, reference_date)
    start, end = goal["period_start"], goal["period_end"]
    rows = []
    for half in periods_between(period_of(start), period_of(min(end, reference))):
        until = min(period_end(half) - dt.timedelta(days=1), end, reference)
        reading = measure_reading(con, goal, scope_filters(goal, start, until), reference)
        rows.append(
            {"period": half, "measured_until": until, "base": reading.base, "value": reading.value, "public": reading.public}
        )
    frame = pd.DataFrame(rows, columns=["period", "measured_until", "base", "value", "public"])
    frame["value"] = frame["value"].where(_shown_points(frame))
    frame["target"] = float(goal["target"])
    return frame.drop(columns="public")


def _shown_points(trend: pd.DataFrame) -> pd.Series:
    """Points that may be shown: base of 5 or more, and 0 or 5+ units apart from the next shown point.

    Each point is cumulative, so two points whose bases differ by 1–4 would give those few units' outcome
    away; walking back from the last point (the goal's own figure) keeps every shown pair 0 or 5+ apart.
    """
    limit = privacy.threshold()
    keep = pd.Series(False, index=trend.index)
    later_base = None
    for index in reversed(trend.index):
        base, public = trend.at[index, "base"], bool(trend.at[index, "public"])
        if public:
            keep[index] = True
            continue
        if base is None or pd.isna(base) or base < limit:
            continue
        if later_base is None or later_base - base == 0 or later_base - base >= limit:
            keep[index] = True
            later_base = base
    return keep


def organisation_summary(attainment: pd.DataFrame) -> pd.DataFrame:
    """Per organisation named in a goal (its municipality and its corporation): goals by status."""
    if attainment.empty:
        return pd.DataFrame(columns=["organisation", "kind", "goals", *STATUS_ORDER])
    as_municipality = attainment[attainment["municipality_code"].notna()].assign(
        organisation=lambda f: f["municipality_name"].fillna(f["municipality_code"]), kind="gemeente"
    )
    as_corporation = attainment[attainment["corporation"].notna()].assign(
        organisation=lambda f: f["corporation"], kind="corporatie"
    )
    only_project = attainment[attainment["municipality_code"].isna() & attainment["corporation"].isna()].assign(
        organisation=lambda f: f["project"], kind="project"
    )
    named = pd.concat([as_municipality, as_corporation, only_project], ignore_index=True)
    counts = pd.crosstab([named["organisation"], named["kind"]], named["status"])
    counts = counts.reindex(columns=list(STATUS_ORDER), fill_value=0)
    counts.insert(0, "goals", counts.sum(axis=1))
    result = counts.reset_index()
    result.columns.name = None
    # Organisations with unmet goals first, then by name.
    return result.sort_values(["not_met", "off_track", "organisation"], ascending=[False, False, True]).reset_index(
        drop=True
    )


def status_counts(attainment: pd.DataFrame) -> dict[str, int]:
    """How many goals have each status."""
    counts = attainment["status"].value_counts() if not attainment.empty else pd.Series(dtype=int)
    return {status: int(counts.get(status, 0)) for status in STATUS_ORDER}


def scope_label(goal) -> str:
    """Where a goal applies, in words: 'Landgraaf · HEEMwonen · Basisschool Landgraaf · Tijdelijke huisvesting'."""
    from housing_monitor.contract import HOUSING_FORMS

    def present(value) -> bool:
        return value is not None and value != "" and not (isinstance(value, float) and pd.isna(value))

    municipality = goal.get("municipality_name") if present(goal.get("municipality_name")) else goal.get("municipality_code")
    form = goal.get("housing_form")
    parts = [municipality, goal.get("corporation"), goal.get("project"), HOUSING_FORMS.get(form, form) if present(form) else None]
    return " · ".join(str(p) for p in parts if present(p))


def suppressed(attainment: pd.DataFrame, by=()) -> pd.DataFrame:
    """Goal results as they may be shown: a base of 1–4 (unless of published counts) reads '<5', as its figures."""
    out = attainment.copy()
    limit = privacy.threshold()
    small = out["base"].map(lambda b: pd.notna(b) and 0 < b < limit) & ~out["public"].astype(bool)
    for column in ("base", *ATTAINMENT_FIGURES):
        out[column] = out[column].astype(object)
        out.loc[small, column] = privacy.marker()
    return out


GOAL_ATTAINMENT = Measure(
    "goal_attainment",
    "Doelen: gemeten waarde tegen de streefwaarde",
    goal_attainment,
    "base",
    ATTAINMENT_FIGURES,
    "per doel: measure (" + ", ".join(GOAL_MEASURES) + "), direction (" + ", ".join(GOAL_DIRECTIONS) + "), "
    "target; value: de maatstaf over het bereik en de periode van het doel (tot de peildatum), base: het aantal "
    "huishoudens of personen (base_unit) waarop die rust, ci_low/ci_high: 95%-interval waar bekend; status: "
    + ", ".join(STATUS_LABELS)
    + "; running: de periode loopt nog; public: rust op openbare tellingen (taakstelling). Filters kiezen welke "
    "doelen (gemeente, corporatie); --by kan niet. De opdrachtregel is voor beheerders op de server: zij zien ook "
    "doelen van projecten van andere organisaties.",
    takes_reference_date=True,
    suppress=suppressed,
)

