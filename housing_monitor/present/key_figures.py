"""The manager's key figures: each with its previous-period value, its base and its suppression."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Callable

import duckdb
import pandas as pd

from housing_monitor import dutch, privacy
from housing_monitor.filters import Filters
from housing_monitor import formats
from housing_monitor.measures import housing, integration, links, nuisance, quota


@dataclass(frozen=True)
class Kpi:
    """One key figure as the Overzicht page shows it."""

    key: str
    label: str
    value: float | None
    previous: float | None
    base: int | None
    kind: str  # count | weeks | months | share | rate
    definition: str
    lower_is_better: bool = False
    neutral: bool = False  # more or fewer is neither good nor bad (e.g. persons housed)
    note: str = ""
    base_unit: str = "huishoudens"
    hidden: bool = False  # a count suppressed on its own (or by difference) although its base is large enough
    zero_is_shown: bool = False  # a count of 0 is shown as 0 (nobody waiting), not as a small number

    @property
    def small_base(self) -> bool:
        return privacy.is_small(self.base) and not (self.zero_is_shown and self.base == 0)

    @property
    def suppressed(self) -> bool:
        return self.hidden or self.small_base

    @property
    def delta_color(self) -> str:
        """Streamlit's colouring of the change: green is better, grey when neither."""
        if self.neutral:
            return "off"
        return "inverse" if self.lower_is_better else "normal"

    def display_value(self) -> str:
        if self.base is None:  # nothing measured at all: no figure, rather than a small one
            return dutch.MISSING
        if self.suppressed:
            return privacy.marker()
        return formats.figure(self.value, self.kind)

    def display_delta(self) -> str | None:
        """The change against the previous period, or None when either side is unknown."""
        if self.suppressed or self.value is None or self.previous is None:
            return None
        change = self.value - self.previous
        sign = "+" if change > 0 else ""
        if self.kind == "share":
            return f"{sign}{dutch.number(change * 100, 1)} procentpunt"
        return sign + formats.figure(change, self.kind)

    def display_base(self) -> str:
        if self.base is None:
            return "geen gegevens"
        if self.small_base:
            return f"op basis van {privacy.marker()} {self.base_unit}"
        return f"op basis van {dutch.integer(self.base)} {self.base_unit}"


def _single(frame, column):
    if frame.empty:
        return None
    value = frame[column].iloc[0]
    return None if value is None or value != value else float(value)


def _now_and_before(compute, con, filters: Filters, previous: Filters | None):
    """A household measure for the period and the one before; the previous one is dropped on a small base."""
    now = compute(con, filters)
    before = compute(con, previous) if previous else None
    if before is not None and privacy.is_small(_single(before, "households")):
        before = None  # the change shown would give the hidden previous figure away
    return now, before


def _single_kpi(now, before, column: str, key: str, label: str, kind: str, definition: str, **options) -> Kpi:
    """A key figure from one column of a household measure, beside the same figure for the previous period."""
    households = _single(now, "households")
    return Kpi(
        key,
        label,
        _single(now, column),
        _single(before, column) if before is not None else None,
        int(households) if households is not None else None,
        kind,
        definition,
        **options,
    )


def _housed_kpis(con, filters: Filters, previous: Filters | None) -> list[Kpi]:
    housed = _now_and_before(housing.housed, con, filters, previous)  # one query pair for both figures
    return [
        _single_kpi(*housed, "persons", "persons_housed", "Gehuisveste personen", "count", "gehuisvest", neutral=True),
        _single_kpi(*housed, "households", "households_housed", "Gehuisveste huishoudens", "count", "gehuisvest",
                    neutral=True),
    ]


def _waiting_kpis(con, filters: Filters, previous: Filters | None) -> list[Kpi]:
    return [
        _single_kpi(*_now_and_before(housing.waiting_time, con, filters, previous), "median_days", "waiting_median",
                    "Wachttijd tot eerste woning (mediaan)", "weeks", "wachttijd", lower_is_better=True,
                    note="telt alleen wie al een woning kreeg")
    ]


def _permanent_kpis(con, filters: Filters, previous: Filters | None) -> list[Kpi]:
    return [
        _single_kpi(*_now_and_before(housing.time_to_permanent, con, filters, previous), "permanent_within_12m_share",
                    "permanent_12m", "Binnen 12 maanden in vaste woning", "share", "vast_12m")
    ]


def quota_note(filters: Filters, figures: dict) -> str:
    """What a reader must know about a quota figure: estimated from placements, or filters that do not apply."""
    notes = []
    if figures["from_placements"]:
        notes.append(
            f"deels geschat uit plaatsingen ({figures['from_placements']} van {figures['municipality_periods']} "
            "gemeente-halfjaren zonder officiële telling)"
        )
    if filters.corporations or filters.projects or filters.housing_forms or filters.household_types:
        notes.append("geldt voor hele gemeenten: filters op corporatie, project, woonvorm en huishoudtype tellen hier niet")
    return "; ".join(notes)


def _quota_kpis(con, filters: Filters, previous: Filters | None) -> list[Kpi]:
    now = quota.selection_realisation(quota.quota_progress(con, filters))
    before = quota.selection_realisation(quota.quota_progress(con, previous)) if previous else None
    return [
        Kpi(
            "quota_realisation",
            "Realisatie taakstelling",
            now["realisation"],
            before["realisation"] if before and not privacy.is_small(before["realised"]) else None,
            now["realised"],
            "share",
            "taakstelling",
            note=quota_note(filters, now),
            base_unit="gehuisveste personen",
        )
    ]


def _nuisance_figures(con, filters: Filters, previous: Filters | None) -> list[Kpi]:
    now = nuisance.nuisance_rate(con, filters)
    before = nuisance.nuisance_rate(con, previous) if previous else None
    return nuisance_figures(now, before)


def nuisance_figures(now: pd.DataFrame, before: pd.DataFrame | None) -> list[Kpi]:
    """The four nuisance figures from the ungrouped nuisance_rate of the period and of the one before."""
    households = _single(now, "households")
    base = int(households) if households is not None else None

    # A previous figure on a small base stays hidden: the change would reveal it.
    comparable = before is not None and not privacy.is_small(_single(before, "households"))

    def pair(column):
        return _single(now, column), _single(before, column) if comparable else None

    signals = _single(now, "signals")
    return [
        Kpi(
            "nuisance_rate",
            "Overlast per 100 huishoudjaren",
            *pair("rate_per_100"),
            base,
            "rate",
            "overlast",
            lower_is_better=True,
            note="" if privacy.is_small(base) else f"{dutch.integer(signals or 0)} signalen",
        ),
        Kpi("nuisance_signals", "Overlastsignalen", *pair("signals"), base, "count", "overlast", True),
        Kpi("nuisance_resolution", "Afgehandeld na (mediaan)", *pair("median_resolution_days"), base, "weeks", "overlast", True),
        Kpi("nuisance_open", "Nog niet afgehandeld", *pair("unresolved_share"), base, "share", "overlast", True),
    ]


def nuisance_kpis(con, filters: Filters, previous: Filters | None) -> list[Kpi]:
    """Nuisance per 100 household-years in the period, against the previous period (lower is better)."""
    return _nuisance_figures(con, filters, previous)[:1]


def nuisance_detail_kpis(now: pd.DataFrame, before: pd.DataFrame | None) -> list[Kpi]:
    """The Overlast page's figures: the rate, the signals, and how fast and how often they are resolved."""
    rate, *others = nuisance_figures(now, before)
    # On the Overlast page the title says what is counted; a shorter label fits four in a row.
    return [replace(rate, label="Per 100 huishoudjaren"), *others]


def integration_kpis(
    now: pd.DataFrame, before: pd.DataFrame | None, outcome: str, standardised: bool = False
) -> list[Kpi]:
    """One outcome at 6, 12, 24 and 36 months after the first home (integration_outcome of the period), against
    the previous cohort."""
    value = "standardised_share" if standardised else "share"
    result = []
    for k in integration.K_MONTHS:
        current = now[now["k_months"] == k]
        earlier = before[before["k_months"] == k] if before is not None else None
        persons = _single(current, "persons")
        comparable = earlier is not None and not privacy.is_small(_single(earlier, "persons"))
        result.append(
            Kpi(
                f"{outcome}_{k}m",
                f"{integration.OUTCOME_SHORT[outcome]} na {k} mnd",
                _single(current, value),
                _single(earlier, value) if comparable else None,
                int(persons) if persons is not None else None,
                "share",
                "integratie",
                lower_is_better=outcome in integration.LOWER_IS_BETTER,
                base_unit="personen",
            )
        )
    return result


def intervention_kpis(effects) -> list[Kpi]:
    """How many interventions there are, how many rest on enough data, and how many show a clear extra fall."""
    households = int(effects["households"].sum()) if not effects.empty else None
    verdicts = effects["verdict"].value_counts() if not effects.empty else {}
    count = len(effects)
    enough = count - int(verdicts.get("too_little_data", 0))

    def figure(key, label, value):
        return Kpi(key, label, float(value), None, households, "count", "interventie")

    return [
        figure("interventions", "Interventies", count),
        figure("interventions_enough", "Met genoeg gegevens", enough),
        figure("interventions_fall", "Duidelijk meer daling dan elders", int(verdicts.get("fall_beyond_comparison", 0))),
    ]


def queue_kpis(waiting: pd.DataFrame, home: pd.DataFrame | None = None) -> list[Kpi]:
    """The waiting list at the reference date (ungrouped waiting_list) and, when given, the time to a home after linking."""
    shown = links.WAITING_LIST.suppressed(waiting, ())
    households = _single(waiting, "households")
    base = int(households) if households is not None else None

    def figure(key, label, column, kind, **options) -> Kpi:
        hidden = not shown.empty and isinstance(shown[column].iloc[0], str)
        return Kpi(key, label, _single(waiting, column), None, base, kind, "wachtenden", lower_is_better=True,
                   hidden=hidden, zero_is_shown=True, **options)

    norm_weeks = dutch.number(links.norm_days() / 7, 0)
    result = [
        figure("waiting_households", "Wachtend op een woning", "households", "count", note="op de peildatum"),
        figure("waiting_persons", "Wachtende personen", "persons", "count"),
        figure("waiting_over_norm", f"Waarvan langer dan {norm_weeks} weken", "over_norm_households", "count"),
    ]
    if home is not None:
        total = _single(home, "households")

        def km(key, label, column, kind, **options) -> Kpi:
            return Kpi(key, label, _single(home, column), None, int(total) if total is not None else None, kind,
                       "tijd_tot_woning", base_unit="koppelingen", **options)

        result += [
            figure("waiting_median", "Wacht al (mediaan)", "median_days_waiting", "weeks"),
            km("home_median", "Tijd tot woning na koppeling (mediaan)", "median_days", "weeks", lower_is_better=True,
               note="wachtenden tellen mee"),
            km("home_within_norm", f"Binnen {norm_weeks} weken gehuisvest", "housed_within_norm_share", "share"),
        ]
    return result


def _queue_kpis(con, filters: Filters, previous: Filters | None) -> list[Kpi]:
    if not links.links_present(con):
        return [Kpi("waiting_households", "Wachtend op een woning", None, None, None, "count", "wachtenden",
                    note="geen koppelingen geïmporteerd")]
    return queue_kpis(links.waiting_list(con, links.queue_selection(filters)))


# Each provider adds its figures to the Overzicht, in this order.
KPI_PROVIDERS: list[Callable[[duckdb.DuckDBPyConnection, Filters, Filters | None], list[Kpi]]] = [
    _housed_kpis,
    _waiting_kpis,
    _permanent_kpis,
    _quota_kpis,
    nuisance_kpis,
    _queue_kpis,
]


def overview(con: duckdb.DuckDBPyConnection, filters: Filters) -> list[Kpi]:
    """Every key figure for the selection, each beside the previous period."""
    previous = filters.previous()

    def provide(provider):
        cursor = con.cursor()  # a connection per thread: one DuckDB connection is not shared between threads
        try:
            return provider(cursor, filters, previous)
        finally:
            cursor.close()

    # The providers' queries are independent and DuckDB leaves Python's lock while it works: two at a time
    # take about half as long on two cores as one after another (a filter change on the Overzicht).
    with ThreadPoolExecutor(max_workers=2) as pool:
        return [kpi for kpis_of_provider in pool.map(provide, KPI_PROVIDERS) for kpi in kpis_of_provider]
