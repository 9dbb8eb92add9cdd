"""Whether interventions work: nuisance 6 months before and after the start, beside comparable places."""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd

from housing_monitor import dutch, privacy
from housing_monitor.contract import HOUSING_FORMS
from housing_monitor.db import queries
from housing_monitor.filters import Filters
from housing_monitor.measures import nuisance
from housing_monitor.measures.base import Measure, validate_by

WINDOW_MONTHS = 6
# Fewer signals than this in the place (before and after together) cannot show a change worth a verdict:
# ten signals split 7/3 is still well within chance.
MIN_SIGNALS = 10
Z_95 = 1.959963984540054
SUMMARY_COLUMNS = ("type", "municipality_code", "housing_form")
DESCRIPTION_COLUMNS = (
    "intervention_id",
    "type",
    "municipality_code",
    "municipality_name",
    "project",
    "start_date",
    "housing_form",
)
VERDICTS: dict[str, str] = {
    "fall_beyond_comparison": "Duidelijk meer daling dan op vergelijkbare plekken",
    "rise_beyond_comparison": "Duidelijk meer stijging dan op vergelijkbare plekken",
    "no_clear_difference": "Geen duidelijk verschil met vergelijkbare plekken",
    "too_little_data": "Te weinig gegevens om iets te concluderen",
}
EFFECT_FIGURES = (
    "before_households",
    "after_households",
    "before_signals",
    "after_signals",
    "before_household_years",
    "after_household_years",
    "before_rate",
    "after_rate",
    "change",
    "comparison_before_households",
    "comparison_after_households",
    "comparison_before_rate",
    "comparison_after_rate",
    "comparison_change",
    "difference",
    "difference_ci_low",
    "difference_ci_high",
)
SUMMARY_FIGURES = ("interventions", "with_enough_data", "clear_falls", "clear_rises", "mean_difference")
# Counting interventions reveals nothing about people; only the mean difference rests on households.
SUMMARY_SUPPRESSED = ("mean_difference",)
SIDES = {"place": "", "comparison": "comparison_"}
HALVES = {-WINDOW_MONTHS: "before_", 0: "after_"}


def intervention_windows(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    bin_months: int = WINDOW_MONTHS,
    reference_date: dt.date | None = None,
    intervention_ids=(),
) -> pd.DataFrame:
    """Exposure, households and signals per intervention, side (place/comparison) and time bin, with rates."""
    frame = queries.run(
        con,
        "intervention_windows",
        bin_months=int(bin_months),
        observed_until=nuisance.observed_until(con, reference_date),
        intervention_ids=list(intervention_ids),
        **filters.params(),
    )
    return nuisance.add_rates(frame)


def _rate_variance(signals: pd.Series, years: pd.Series) -> pd.Series:
    # Poisson variance of a rate per 100; a count of zero is taken as one so an empty side is not "certain".
    return signals.clip(lower=1) / (years.where(years > 0) / 100) ** 2


def _widen(windows: pd.DataFrame) -> pd.DataFrame:
    """One row per intervention with before/after figures for its place and for the comparison."""
    parts = []
    for (side, months), cell in windows.groupby(["side", "months_from_start"]):
        prefix = SIDES[side] + HALVES[months]
        figures = cell.set_index("intervention_id")[["households", "signals", "household_years", "rate_per_100"]]
        parts.append(figures.rename(columns=lambda c: prefix + c.replace("rate_per_100", "rate")))
    described = windows.drop_duplicates("intervention_id").set_index("intervention_id")
    return described[[c for c in DESCRIPTION_COLUMNS if c != "intervention_id"]].join(parts).reset_index()


def _effects(con, filters: Filters, reference_date: dt.date | None) -> pd.DataFrame:
    windows = intervention_windows(con, filters, reference_date=reference_date)
    columns = [*DESCRIPTION_COLUMNS, "households", *EFFECT_FIGURES, "after_complete", "verdict"]
    if windows.empty:
        return pd.DataFrame(columns=columns)
    wide = _widen(windows)
    wide["change"] = wide["after_rate"] - wide["before_rate"]
    wide["comparison_change"] = wide["comparison_after_rate"] - wide["comparison_before_rate"]
    cells = ["before_households", "after_households", "comparison_before_households", "comparison_after_households"]
    # The difference rests on all four cells, so its base is the smallest of them.
    wide["households"] = wide[cells].min(axis=1)
    enough = (wide["households"] >= privacy.threshold()) & (
        wide["before_signals"] + wide["after_signals"] >= MIN_SIGNALS
    )
    spread = np.sqrt(
        sum(
            _rate_variance(wide[f"{side}{half}signals"], wide[f"{side}{half}household_years"])
            for side in SIDES.values()
            for half in HALVES.values()
        )
    )
    difference = wide["change"] - wide["comparison_change"]
    wide["difference"] = difference.where(enough)
    wide["difference_ci_low"] = (difference - Z_95 * spread).where(enough)
    wide["difference_ci_high"] = (difference + Z_95 * spread).where(enough)
    wide["verdict"] = np.select(
        [~enough, wide["difference_ci_high"] < 0, wide["difference_ci_low"] > 0],
        ["too_little_data", "fall_beyond_comparison", "rise_beyond_comparison"],
        "no_clear_difference",
    )
    window_end = pd.to_datetime(wide["start_date"]) + pd.DateOffset(months=WINDOW_MONTHS)
    observed = pd.Timestamp(nuisance.observed_until(con, reference_date))
    wide["after_complete"] = window_end <= observed
    wide["start_date"] = pd.to_datetime(wide["start_date"]).dt.date
    return wide[columns]


def summarise(effects: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """Per group of interventions: how many, how many with enough data, clear falls and rises, mean difference."""
    keys = list(by) + (["municipality_name"] if "municipality_code" in by else [])
    order = [c for c in DESCRIPTION_COLUMNS if c in keys]
    enough = effects["verdict"] != "too_little_data"
    grouped = effects.assign(
        # The mean difference rests only on interventions with enough data: their households are its base.
        base=effects["households"].where(enough, 0),
        enough=enough,
        fall=effects["verdict"] == "fall_beyond_comparison",
        rise=effects["verdict"] == "rise_beyond_comparison",
    ).groupby(order, dropna=False)
    summary = grouped.agg(
        households=("base", "sum"),
        interventions=("intervention_id", "count"),
        with_enough_data=("enough", "sum"),
        clear_falls=("fall", "sum"),
        clear_rises=("rise", "sum"),
        mean_difference=("difference", "mean"),
    )
    return summary.reset_index()[order + ["households", *SUMMARY_FIGURES]]


def intervention_effect(
    con: duckdb.DuckDBPyConnection, filters: Filters, by=(), reference_date: dt.date | None = None
) -> pd.DataFrame:
    """Per intervention the before/after change in nuisance beside comparable places; with --by a summary.

    The period selects interventions by start date; municipality, province, project and housing form
    select by the intervention's place and its dominant housing form.
    """
    by = validate_by(by, SUMMARY_COLUMNS)
    effects = _effects(con, filters, reference_date)
    return summarise(effects, by) if by else effects


def selected_interventions(con: duckdb.DuckDBPyConnection, filters: Filters) -> list[str]:
    """The ids of the interventions the filters select (the same selection intervention_windows makes).

    An intervention's effect does not depend on the filters, so a page can compute every effect once per data
    version and pick these rows: a filter change then costs this query, not the effects again.
    """
    return queries.run(con, "selected_interventions", **filters.params())["intervention_id"].tolist()


def intervention_timeline(
    con: duckdb.DuckDBPyConnection, intervention_id: str, reference_date: dt.date | None = None
) -> pd.DataFrame:
    """Month by month nuisance rates from 6 months before to 6 months after one intervention's start."""
    return intervention_windows(con, Filters(), bin_months=1, reference_date=reference_date, intervention_ids=[intervention_id])


def explain(effect: pd.Series) -> str:
    """The effect of one intervention in plain Dutch, honest about small numbers."""
    threshold = privacy.threshold()
    if effect["verdict"] == "too_little_data":
        small = [
            name
            for name, column in (
                ("op de plek ervoor", "before_households"),
                ("op de plek erna", "after_households"),
                ("elders ervoor", "comparison_before_households"),
                ("elders erna", "comparison_after_households"),
            )
            if effect[column] < threshold
        ]
        reasons = [f"minder dan {threshold} huishoudens {', '.join(small)}"] if small else []
        signals = effect["before_signals"] + effect["after_signals"]
        if signals < MIN_SIGNALS:
            reasons.append(f"minder dan {MIN_SIGNALS} signalen op de plek in de 12 maanden samen")
        return f"**{VERDICTS['too_little_data']}**: {' en '.join(reasons)}."
    form = HOUSING_FORMS.get(effect["housing_form"], effect["housing_form"])
    comparison_households = min(effect["comparison_before_households"], effect["comparison_after_households"])
    text = (
        f"Op de plek ging de overlast van {dutch.number(effect['before_rate'], 1)} naar "
        f"{dutch.number(effect['after_rate'], 1)} per 100 huishoudjaren ({_signed(effect['change'])}). "
        f"Op vergelijkbare plekken ({form.lower()}, minstens {dutch.integer(comparison_households)} huishoudens) "
        f"van {dutch.number(effect['comparison_before_rate'], 1)} naar "
        f"{dutch.number(effect['comparison_after_rate'], 1)} ({_signed(effect['comparison_change'])}). "
        f"Verschil in verandering: **{_signed(effect['difference'])}** (95%-marge "
        f"{dutch.number(effect['difference_ci_low'], 1)} tot {dutch.number(effect['difference_ci_high'], 1)}): "
        f"**{VERDICTS[effect['verdict']].lower()}**."
    )
    if not effect["after_complete"]:
        text += " Let op: de 6 maanden na de start zijn nog niet voorbij; de nameting is korter."
    return text


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + dutch.number(value, 1)


INTERVENTION_EFFECT = Measure(
    "intervention_effect",
    "Effect van interventies op overlast",
    intervention_effect,
    "households",
    EFFECT_FIGURES + SUMMARY_SUPPRESSED,
    "per interventie: before_/after_rate: overlastsignalen per 100 huishoudjaren in de 6 maanden voor/na de "
    "start in het project (of de gemeente), met _signals, _household_years, _households; change: after - before; "
    "comparison_before/after_rate en comparison_change: hetzelfde op plekken met dezelfde woonvorm zonder "
    "zo'n interventie; difference: change - comparison_change (verschil-in-verschillen) met "
    "difference_ci_low/high (95%, benadering); households: kleinste aantal huishoudens van de vier cellen "
    "(de basis); verdict: fall_beyond_comparison | rise_beyond_comparison | no_clear_difference | "
    f"too_little_data (minder dan {{n}} huishoudens in een cel of minder dan {MIN_SIGNALS} signalen). "
    "--by type|municipality_code|housing_form: samenvatting (households: huishoudens onder de interventies met genoeg "
    "gegevens; interventions, with_enough_data, clear_falls, clear_rises, mean_difference).",
    takes_reference_date=True,
)
