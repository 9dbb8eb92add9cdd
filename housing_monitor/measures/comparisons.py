"""Side-by-side comparison of two to four municipalities, corporations, projects or housing forms."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Callable

import duckdb
import numpy as np
import pandas as pd

from housing_monitor import dutch, privacy
from housing_monitor.contract import HOUSING_FORMS
from housing_monitor.db import queries
from housing_monitor.filters import Filters
from housing_monitor.measures import links
from housing_monitor.measures.registry import MEASURES
from housing_monitor import formats


@dataclass(frozen=True)
class ComparisonMeasure:
    """One figure compared across entities: which measure, which column, what it rests on."""

    key: str
    label: str
    measure: str
    value: str
    base: str
    kind: str  # count | weeks | share | rate
    definition: str
    lower_is_better: bool = False
    options: tuple[tuple[str, object], ...] = ()
    groups: tuple[str, ...] | None = None  # the entity columns it can compare (None: every kind)
    selection: Callable[[Filters], Filters] | None = None  # the filters the measure takes (links: no corporation)
    zero_is_shown: bool = False  # a base of 0 (nobody waiting) is shown as 0, not as a small number
    needs: Callable[[duckdb.DuckDBPyConnection], bool] | None = None  # whether its data exists (links are optional)

    def applies_to(self, column: str | None) -> bool:
        return self.groups is None or column in self.groups

    def format(self, value) -> str:
        """The figure with its unit; a median the curve never reached is 'niet bereikt'."""
        return formats.figure(value, self.kind, missing="niet bereikt" if self.kind in ("weeks", "months") else dutch.MISSING)

    def axis_value(self, value):
        """The number plotted: weeks and months rather than days."""
        if value is None or isinstance(value, str) or pd.isna(value):
            return None
        if self.kind == "weeks":
            return value / 7
        if self.kind == "months":
            return value / dutch.DAYS_PER_MONTH
        if self.kind == "share":
            return value * 100
        return value

    @property
    def axis_title(self) -> str:
        return {"weeks": "weken", "months": "maanden", "share": "%", "count": "aantal"}.get(self.kind, "per 100 huishoudjaren")


# Every measure a comparison can show; ones whose measure is not built yet are skipped.
COMPARISON_MEASURES: tuple[ComparisonMeasure, ...] = (
    ComparisonMeasure("persons", "Gehuisveste personen", "housed", "persons", "households", "count", "gehuisvest"),
    ComparisonMeasure(
        "waiting", "Wachttijd tot eerste woning (mediaan)", "waiting_time", "median_days", "households", "weeks",
        "wachttijd", lower_is_better=True,
    ),
    ComparisonMeasure(
        "to_permanent", "Tijd tot vaste woning (mediaan)", "time_to_permanent", "median_days", "households", "months",
        "doorstroom", lower_is_better=True,
    ),
    ComparisonMeasure(
        "permanent_12m", "Binnen 12 maanden in vaste woning", "time_to_permanent", "permanent_within_12m_share",
        "households", "share", "vast_12m",
    ),
    ComparisonMeasure(
        "nuisance", "Overlastsignalen per 100 huishoudjaren", "nuisance_rate", "rate_per_100", "households", "rate",
        "overlast", lower_is_better=True,
    ),
    # Links exist per municipality only: no corporation, project or housing form.
    ComparisonMeasure(
        "waiting_now", "Wachtend op een woning (huishoudens, peildatum)", "waiting_list", "households", "households",
        "count", "wachtenden", lower_is_better=True, groups=("municipality_code",), selection=links.queue_selection,
        zero_is_shown=True, needs=links.links_present,
    ),
    ComparisonMeasure(
        "home_after_link", "Tijd tot woning na koppeling (mediaan)", "time_to_home", "median_days", "households",
        "weeks", "tijd_tot_woning", lower_is_better=True, groups=("municipality_code",), selection=links.for_links, needs=links.links_present,
    ),
    ComparisonMeasure(
        "home_within_norm", "Binnen de norm gehuisvest na koppeling", "time_to_home", "housed_within_norm_share",
        "households", "share", "tijd_tot_woning", groups=("municipality_code",), selection=links.for_links, needs=links.links_present,
    ),
)


@dataclass(frozen=True)
class EntityKind:
    """What can be compared: the grouping column and the filter field that selects it."""

    key: str
    label: str
    plural: str
    column: str
    filter_field: str
    reference_label: str
    average_label: str


ENTITY_KINDS: dict[str, EntityKind] = {
    k.key: k
    for k in (
        EntityKind("gemeente", "Gemeente", "Gemeenten", "municipality_code", "municipalities", "Alle gemeenten", "gemiddeld per gemeente"),
        EntityKind("corporatie", "Corporatie", "Corporaties", "corporation", "corporations", "Alle corporaties", "gemiddeld per corporatie"),
        EntityKind("project", "Project", "Projecten", "project", "projects", "Alle projecten", "gemiddeld per project"),
        EntityKind("woonvorm", "Woonvorm", "Woonvormen", "housing_form", "housing_forms", "Alle woonvormen", "gemiddeld per woonvorm"),
    )
}
REFERENCE = "__reference__"


def compared(frame: pd.DataFrame, column: str) -> list[ComparisonMeasure]:
    """The measures a `compare` result holds, in their order."""
    present = set(frame["measure"])
    return [m for m in measures_for(column) if m.key in present]


def measures_for(column: str | None = None) -> list[ComparisonMeasure]:
    """The measures that can compare entities of this column (None: the measures every kind has)."""
    return [m for m in COMPARISON_MEASURES if m.applies_to(column)]


def compare(con: duckdb.DuckDBPyConnection, filters: Filters, kind: str, entities: list[str]) -> pd.DataFrame:
    """Long table: per measure, one row per entity plus the reference (everyone within the other filters).

    Columns: measure, entity, value, base, shown (formatted, '<5' when suppressed), suppressed.
    """
    entity_kind = ENTITY_KINDS[kind]
    selected = replace(filters, **{entity_kind.filter_field: tuple(entities)})
    everyone = replace(filters, **{entity_kind.filter_field: ()})
    rows = []
    for m in measures_for(entity_kind.column):
        if m.needs is not None and not m.needs(con):
            continue  # e.g. no links imported: the measure is left out rather than shown empty
        compute = MEASURES[m.measure].compute
        options = dict(m.options)
        chosen, all_of_them = (m.selection(selected), m.selection(everyone)) if m.selection else (selected, everyone)
        per_entity = compute(con, chosen, by=(entity_kind.column,), **options)
        values = {row[entity_kind.column]: row for row in per_entity.to_dict("records")}
        for entity in entities:
            rows.append(_row(m, entity, values.get(entity)))
        rows.append(_row(m, REFERENCE, _reference(con, compute, m, all_of_them, entity_kind, options)))
    return pd.DataFrame(rows, columns=["measure", "entity", "value", "base", "shown", "suppressed"])


def _reference(con, compute, m: ComparisonMeasure, everyone: Filters, entity_kind: EntityKind, options: dict) -> dict | None:
    """The reference line: the figure over everyone, or for counts the average per entity."""
    if m.kind == "count":
        per_entity = compute(con, everyone, by=(entity_kind.column,), **options)
        if per_entity.empty:
            return None
        # A count that is its own base (households waiting) has the average as both.
        return {m.base: per_entity[m.base].sum(), m.value: per_entity[m.value].mean()}
    reference = compute(con, everyone, **options)
    return reference.iloc[0].to_dict() if not reference.empty else None


def _row(m: ComparisonMeasure, entity: str, record: dict | None) -> dict:
    base = None if record is None else record.get(m.base)
    value = None if record is None else record.get(m.value)
    small = privacy.is_small(base) and not (m.zero_is_shown and base == 0)
    return {
        "measure": m.key,
        "entity": entity,
        "value": None if small else value,
        "base": base,
        "shown": privacy.marker() if small and base is not None else (m.format(value) if record else dutch.MISSING),
        "suppressed": small,
    }


def entity_label(kind: str, entity: str, names: dict[str, str] | None = None) -> str:
    """How an entity is named on screen."""
    if entity == REFERENCE:
        return ENTITY_KINDS[kind].reference_label
    if kind == "woonvorm":
        return HOUSING_FORMS.get(entity, entity)
    return (names or {}).get(entity, entity)


def peer_municipalities(con: duckdb.DuckDBPyConnection, code: str, period_from: str, period_to: str, count: int = 5) -> pd.DataFrame:
    """The municipalities most like this one in size (population) and quota (target per 1,000 inhabitants)."""
    profile = queries.run(con, "municipality_profile", period_from=period_from, period_to=period_to)
    profile = profile[profile["population"].notna() & (profile["population"] > 0)].copy()
    if code not in set(profile["municipality_code"]):
        return profile.iloc[0:0]
    profile["log_size"] = np.log(profile["population"].astype(float))
    profile["quota_rate"] = profile["target"].fillna(0) / profile["population"] * 1000
    me = profile[profile["municipality_code"] == code].iloc[0]
    spread_size = profile["log_size"].std() or 1.0
    spread_quota = profile["quota_rate"].std() or 1.0
    # Both characteristics count equally, each in units of its own spread.
    profile["distance"] = np.hypot(
        (profile["log_size"] - me["log_size"]) / spread_size,
        (profile["quota_rate"] - me["quota_rate"]) / spread_quota,
    )
    peers = profile[profile["municipality_code"] != code].nsmallest(count, "distance")
    return peers[["municipality_code", "municipality_name", "population", "quota_rate", "distance"]].reset_index(drop=True)


def similarity_label(distance: float) -> str:
    """A plain-language word for how alike two municipalities are."""
    if math.isnan(distance):
        return "onbekend"
    return "zeer vergelijkbaar" if distance < 0.25 else "vergelijkbaar" if distance < 0.75 else "enigszins vergelijkbaar"


def cell(frame: pd.DataFrame, measure: str, entity: str) -> dict:
    """One entity's figure for one measure."""
    return frame[(frame["measure"] == measure) & (frame["entity"] == entity)].iloc[0].to_dict()


def base_text(row: dict) -> str:
    """'op basis van 412 huishoudens', with '<5' for a small base."""
    base = row["base"]
    if base is None or pd.isna(base):
        return "geen gegevens"
    return f"op basis van {privacy.marker() if row['suppressed'] else dutch.integer(base)} huishoudens"


def table(
    frame: pd.DataFrame, measures: list[ComparisonMeasure], entities: list[str], labels: dict[str, str], reference_label: str
) -> pd.DataFrame:
    """The table behind the chart: a row per measure, a value and base column per entity and the reference."""
    rows = []
    for m in measures:
        row = {"Maatstaf": m.label}
        for entity in [*entities, REFERENCE]:
            label = reference_label if entity == REFERENCE else labels[entity]
            found = cell(frame, m.key, entity)
            row[label] = found["shown"]
            row[f"{label} (n)"] = (
                privacy.marker() if found["suppressed"] and found["base"] is not None and not pd.isna(found["base"])
                else dutch.integer(found["base"])
            )
        rows.append(row)
    return pd.DataFrame(rows)


def summary(frame: pd.DataFrame, measures: list[ComparisonMeasure], labels: dict[str, str]) -> str:
    """A short Dutch text saying what the comparison chart shows, for readers who cannot see it."""
    sentences = []
    for m in measures:
        part = frame[(frame["measure"] == m.key) & (frame["entity"] != REFERENCE) & ~frame["suppressed"]]
        part = part[part["value"].notna()]
        if part.empty:
            continue
        best = part.sort_values("value", ascending=m.lower_is_better).iloc[0]
        worst = part.sort_values("value", ascending=not m.lower_is_better).iloc[0]
        if best["entity"] == worst["entity"]:
            sentences.append(f"{m.label}: {labels[best['entity']]} {best['shown']}.")
        else:
            high, low = (worst, best) if m.lower_is_better else (best, worst)
            sentences.append(
                f"{m.label}: het hoogst bij {labels[high['entity']]} ({high['shown']}), "
                f"het laagst bij {labels[low['entity']]} ({low['shown']})."
            )
    return " ".join(sentences) or "Er zijn geen cijfers om te tonen."
