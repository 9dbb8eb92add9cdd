"""Cached data access for the pages: one connection per snapshot per process, results keyed by data version.

The rules every page must obey live here, so a page cannot forget them: other organisations' projects are left
out of every result, and the functions under "Figures as pages show them" hand out frames whose small numbers
are already hidden.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
import time
import types
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import duckdb
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from housing_monitor import privacy
from housing_monitor.db import lifecycle, migrations, queries
from housing_monitor.db.store import Store, database_path
from housing_monitor.demo import bootstrap
from housing_monitor.filters import Filters
from housing_monitor.measures import (
    base,
    integration,
    interventions,
    nuisance,
    registry,
)
from housing_monitor.present import key_figures as kpis


class _Clock(threading.local):
    depth = 0


_clock = _Clock()
_spent = [0.0]


def timed(function):
    """Add the time of the outermost data call to a process-wide total (read by the benchmark)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if _clock.depth:
            return function(*args, **kwargs)
        _clock.depth = 1
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _clock.depth = 0
            _spent[0] += time.perf_counter() - started

    return wrapper


def data_seconds(reset: bool = False) -> float:
    """Seconds spent in queries and measures (cached or not) since the last reset."""
    spent = _spent[0]
    if reset:
        _spent[0] = 0.0
    return spent


@timed
def together(*calls: Callable[[], object]) -> list:
    """Independent data calls, two at a time; their results in order.

    DuckDB leaves Python's lock while it works, so two page queries at once finish sooner on two cores than one
    after another (the Overlast's cold results at national scale: 554 -> 407 ms).
    """
    context = get_script_run_ctx()

    def run(call):
        add_script_run_ctx(threading.current_thread(), context)  # caches and session state of this visitor
        _clock.depth = 1  # the caller's clock counts the wall time, once
        try:
            return call()
        finally:
            _clock.depth = 0

    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="page-data") as pool:
        return list(pool.map(run, calls))


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return Store(path)


def store() -> Store:
    """The process's store for the configured database."""
    return _store(str(database_path()))


@st.cache_resource(max_entries=4, show_spinner=False)
def _open(snapshot: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(snapshot, read_only=True)


def ensure_data() -> None:
    """Build the demo database on first start, so the dashboard opens with data and no other step."""
    try:
        if not store().exists():
            with st.spinner("Eerste start: demodata wordt aangemaakt …"):
                bootstrap.ensure_database(store())
        ensure_current_schema()
    except migrations.SchemaError as error:
        st.error(str(error), icon=":material/error:")
        st.stop()


def ensure_current_schema() -> None:
    """Upgrade an older published snapshot once per process and snapshot (SchemaError for a newer one)."""
    _ensure_current_schema(version())


@st.cache_resource(show_spinner=False)
def _ensure_current_schema(data_version: str) -> None:
    # Once per published snapshot per process: a database from older code is upgraded (through the
    # writer, which publishes the next snapshot); one from newer code raises SchemaError.
    lifecycle.ensure_current(store())


def connection() -> duckdb.DuckDBPyConnection:
    """The shared read-only connection to the latest snapshot; take a cursor per query."""
    return _open(str(store().current_snapshot()))


def version() -> str:
    """Changes whenever an import, undo or demo rebuild publishes new data."""
    return store().version()


def cache_key() -> str:
    """What a cached result depends on: the data version, and the threshold its small numbers were hidden at."""
    return f"{version()}|{privacy.threshold()}"


class SharedFigure(go.Figure):
    """A figure shared by every viewer of a view: nothing changes it once built, so its dict is made once.

    st.plotly_chart starts with `figure.to_dict()`, a deep copy of the whole figure (a map's boundaries
    included) for every viewer; this one hands out the same dict, which Streamlit only reads.
    """

    def to_dict(self) -> dict:
        if getattr(self, "_shared_dict", None) is None:
            self._shared_dict = super().to_dict()
            _SHARED_BY_DICT[id(self._shared_dict)] = self
        return self._shared_dict

    def shared_json(self) -> str:
        """The JSON st.plotly_chart sends, encoded once (a map's boundaries are megabytes of it)."""
        if getattr(self, "_shared_json", None) is None:
            self._shared_json = _plotly_to_json(self.to_dict(), validate=False)
        return self._shared_json


# The shared figures by their dict, for as long as they live (the dict lives as long as its figure).
_SHARED_BY_DICT: weakref.WeakValueDictionary[int, SharedFigure] = weakref.WeakValueDictionary()
_plotly_to_json = plotly.io.to_json


def _to_json(fig, *args, **kwargs):
    """plotly.io.to_json, encoding a shared figure's dict only once.

    st.plotly_chart calls `plotly.io.to_json(figure.to_dict(), validate=False)` for every viewer: for a shared
    figure that is the same dict every time, so its JSON is too. Anything else goes to Plotly's own.
    """
    shared = _SHARED_BY_DICT.get(id(fig))
    if shared is not None and shared._shared_dict is fig and not args and kwargs == {"validate": False}:
        return shared.shared_json()
    return _plotly_to_json(fig, *args, **kwargs)


plotly.io.to_json = _to_json


def _frozen(value):
    if isinstance(value, go.Figure) and not isinstance(value, SharedFigure):
        return SharedFigure(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _frozen(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    if isinstance(value, types.SimpleNamespace):
        return types.SimpleNamespace(**{name: _frozen(item) for name, item in vars(value).items()})
    return value


@st.cache_resource(max_entries=256, show_spinner=False)
def _shared(data_version: str, name: str, key: tuple, user, _build: Callable[[], object]):
    return _frozen(_build())


# Maps carry every municipality's boundaries (a few MB each in memory): fewer of them are kept.
@st.cache_resource(max_entries=32, show_spinner=False)
def _shared_large(data_version: str, name: str, key: tuple, user, _build: Callable[[], object]):
    return _frozen(_build())


def shared(name: str, build: Callable[[], object], *key, large: bool = False, per_user: bool = True) -> object:
    """What `build()` returns (a chart, a map), made once per data version, threshold, user and key, then shared.

    For what every viewer of the same view would otherwise build again: a Plotly figure costs tens of
    milliseconds, and a page's figures, tables and texts together (a SimpleNamespace) most of a page run
    (suppression, formatting, hashing the frames a chart is keyed by). `key` must name everything the result
    depends on besides the data (the filters, the choices); the result is shared between sessions, so nobody may
    change it. `large` for maps; `per_user=False` only for what shows no project-level figure (whose rows depend
    on who looks).
    """
    return (_shared_large if large else _shared)(cache_key(), name, key, access() if per_user else None, build)


@st.cache_resource(max_entries=256, show_spinner=False)
def _chart(data_version: str, name: str, args: tuple, kwargs: tuple, _builder: Callable[..., go.Figure]) -> SharedFigure:
    return _frozen(_builder(*args, **dict(kwargs)))


def chart(builder: Callable[..., go.Figure], *args, **kwargs) -> SharedFigure:
    """`builder(*args, **kwargs)`: a chart built once for the same figures and shared by every viewer who sees them.

    Keyed by what the chart shows (the frames it is drawn from, hashed by content, and the other arguments),
    so it cannot be wrong about who may see what: those frames already are what this viewer may see. And by the
    data version and threshold, which a chart's texts may name (the '<5' marker).
    """
    return _chart(cache_key(), f"{builder.__module__}.{builder.__qualname__}", args, tuple(sorted(kwargs.items())), builder)


@st.cache_data(max_entries=2048, show_spinner=False)
def _measure(data_version: str, name: str, filters: Filters, by: tuple[str, ...], kwargs: tuple) -> pd.DataFrame:
    return registry.MEASURES[name].compute(connection(), filters, by=by, **dict(kwargs))


@timed
def measure(name: str, filters: Filters, by: tuple[str, ...] = (), **kwargs) -> pd.DataFrame:
    """A measure's result for the selection, cached until the data changes; other organisations' projects left out."""
    frame = _measure(cache_key(), name, filters, tuple(by), tuple(sorted(kwargs.items())))
    if "project" in by and "project" in frame.columns:
        frame = without_hidden_projects(frame).reset_index(drop=True)
    return frame


def access():
    """This session's rights (set by the router on every run); totals only for a thread outside any session."""
    from streamlit.runtime import Runtime

    from housing_monitor.access import LOCAL, OUTSIDE_SESSION

    if Runtime.exists() and get_script_run_ctx(suppress_warning=True) is None:
        # Without a visitor's context Streamlit hands out an empty session state, whose default would be the local
        # mode's rights to every project: fail closed instead (a worker must carry its visitor's context).
        return OUTSIDE_SESSION
    return st.session_state.get("access", LOCAL)


@st.cache_resource(max_entries=4, show_spinner=False)
def _project_owners(data_version: str) -> dict[str, tuple[str | None, str | None]]:
    # A resource, not data: read-only, shared without a copy per call (thousands of projects at national scale).
    options = queries.run(connection(), "filter_options")
    projects = options[options["kind"] == "project"]
    return {
        value: (parent, None if pd.isna(corporation) else corporation)
        for value, parent, corporation in zip(projects["value"], projects["parent"], projects["corporation"])
    }


@timed
def project_owners() -> dict[str, tuple[str | None, str | None]]:
    """Project → (municipality code, corporation) of most of its households."""
    return _project_owners(version())


@st.cache_resource(max_entries=64, show_spinner=False)
def _visible_projects(data_version: str, user) -> frozenset[str]:
    # Per user and data version, not per run: thousands of projects at national scale, asked on every run.
    owners = _project_owners(data_version)
    return frozenset(p for p, (municipality, corporation) in owners.items() if user.sees_project(municipality, corporation))


def visible_projects() -> frozenset[str]:
    """The projects whose project-level figures this user may see."""
    return _visible_projects(version(), access())


def without_hidden_projects(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows without a project or of a project this user may see."""
    allowed = visible_projects()
    # Membership per row: pandas' isin would turn the thousands of allowed projects into a list on every call.
    return frame[np.array([pd.isna(project) or project in allowed for project in frame["project"]], dtype=bool)]


@st.cache_data(max_entries=256, show_spinner=False)
def _kpis(data_version: str, filters: Filters) -> list[kpis.Kpi]:
    return kpis.overview(connection(), filters)


@timed
def overview_kpis(filters: Filters) -> list[kpis.Kpi]:
    return _kpis(cache_key(), filters)


@st.cache_data(max_entries=512, show_spinner=False)
def _computed(data_version: str, name: str, _function, args: tuple, kwargs: tuple):
    return _function(connection(), *args, **dict(kwargs))


@timed
def computed(function, *args, **kwargs):
    """A core function's result `function(con, *args, **kwargs)` on the current data, cached until the data changes;
    other organisations' projects left out of a frame with projects."""
    name = f"{function.__module__}.{function.__qualname__}"
    result = _computed(cache_key(), name, function, args, tuple(sorted(kwargs.items())))
    if isinstance(result, pd.DataFrame) and "project" in result.columns:
        result = without_hidden_projects(result).reset_index(drop=True)
    return result


@st.cache_data(max_entries=64, show_spinner=False)
def _query(data_version: str, name: str, params: tuple) -> pd.DataFrame:
    return queries.run(connection(), name, **dict(params))


@timed
def query(name: str, **params) -> pd.DataFrame:
    """A named query's result, cached until the data changes."""
    return _query(cache_key(), name, tuple(sorted(params.items())))


@st.cache_data(max_entries=16, show_spinner=False)
def _reference_date(data_version: str):
    return base.reference_date(connection())


@timed
def reference_date():
    """The latest date in the data, cached until the data changes."""
    return _reference_date(cache_key())


@st.cache_data(max_entries=256, show_spinner=False)
def _comparison(data_version: str, filters: Filters, kind: str, entities: tuple[str, ...]) -> pd.DataFrame:
    from housing_monitor.measures import comparisons

    return comparisons.compare(connection(), filters, kind, list(entities))


@timed
def comparison(filters: Filters, kind: str, entities: tuple[str, ...]) -> pd.DataFrame:
    """The side-by-side figures of the Vergelijken page, cached until the data changes."""
    return _comparison(cache_key(), filters, kind, entities)


@st.cache_data(max_entries=256, show_spinner=False)
def _peers(data_version: str, code: str, period_from: str, period_to: str) -> pd.DataFrame:
    from housing_monitor.measures import comparisons

    return comparisons.peer_municipalities(connection(), code, period_from, period_to)


@timed
def peers(code: str, period_from: str, period_to: str) -> pd.DataFrame:
    """Municipalities most like this one in size and quota."""
    return _peers(cache_key(), code, period_from, period_to)

def goal_attainment(filters: Filters):
    """The goals of the selected places and organisations on the reference date; other organisations' projects left out."""
    from housing_monitor.measures import goals

    return computed(goals.goal_attainment, filters.places_and_organisations(), reference_date=reference_date())


# --- Figures as pages show them: small numbers already read '<5' ---------------------------------------------


@timed
def measure_shown(name: str, filters: Filters, by: tuple[str, ...] = (), **kwargs) -> pd.DataFrame:
    """A registered measure as the CLI and exports give it: small figures hidden by the measure's own rule."""
    return registry.MEASURES[name].suppressed(measure(name, filters, by, **kwargs), tuple(dict.fromkeys(by)))


@timed
def housed_over_time(filters: Filters) -> pd.DataFrame:
    """Households and persons housed per half-year and housing form; the forms of a half-year are its parts."""
    frame = measure("housed", filters, by=("period", "housing_form"))
    return privacy.suppress(frame, "households", ["persons"], siblings=["period"])


@timed
def housed_and_waiting_per_form(filters: Filters) -> pd.DataFrame:
    """Per housing form the households and persons housed and their waiting time; the forms are parts of the total."""
    housed = measure("housed", filters, by=("housing_form",))
    waiting = measure("waiting_time", filters, by=("housing_form",))
    combined = housed.merge(waiting.drop(columns=["households"]), on="housing_form", how="left")
    return privacy.suppress(combined, "households", ["persons", "median_days", "p25_days", "p75_days"], siblings=[])


@timed
def time_to_permanent(filters: Filters, by: tuple[str, ...], reference_date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Kaplan–Meier summary per group (its table suppresses itself), and the groups large enough to draw."""
    summary = measure("time_to_permanent", filters, by=by, reference_date=reference_date)
    large = summary[~summary["households"].map(privacy.is_small).astype(bool)]  # bool: an empty mask picks columns
    return summary, large


@timed
def nuisance_by(filters: Filters, split: str) -> pd.DataFrame:
    """Nuisance per group of one split; the groups are parts of the selection's total."""
    return nuisance.suppressed(measure("nuisance_rate", filters, by=(split,)), siblings=[])


@timed
def nuisance_trend(filters: Filters) -> pd.DataFrame:
    """Nuisance per half-year, per housing form (parts of each half-year) and for all forms together."""
    trend = computed(nuisance.rate_trend, filters)
    all_forms = trend["housing_form"].isna()
    return pd.concat([nuisance.suppressed(trend[~all_forms], siblings=["period"]), nuisance.suppressed(trend[all_forms])])


@timed
def nuisance_projects(filters: Filters) -> pd.DataFrame:
    """Nuisance per project with at least the threshold of households (smaller ones are left out, not shown)."""
    projects = measure("nuisance_rate", filters, by=("municipality_code", "project"))
    return projects[projects["project"].notna() & ~projects["households"].map(privacy.is_small).astype(bool)]


def _integration(filters: Filters, outcome: str, by: tuple[str, ...] = (), curve: bool = False) -> pd.DataFrame:
    extra = {"k_months": integration.CURVE_MONTHS} if curve else {}
    return measure("integration_outcome", filters, by=by, outcome=outcome, **extra)


@timed
def integration_curve(filters: Filters, outcome: str) -> pd.DataFrame:
    """One outcome's share against months since the first home, per housing form and for all forms together."""
    curve = integration.curve_from(
        _integration(filters, outcome, ("housing_form",), curve=True), _integration(filters, outcome, curve=True)
    )
    all_forms = curve["housing_form"].isna()
    figures = list(integration.INTEGRATION_FIGURES)
    # Per k the housing forms are parts of the all-forms total: one small form also hides its smallest sibling.
    return pd.concat(
        [
            privacy.suppress(curve[~all_forms], "persons", figures, siblings=["k_months"]),
            privacy.suppress(curve[all_forms], "persons", figures),
        ]
    )


@timed
def integration_at_k_months(filters: Filters, outcome: str, group: str) -> pd.DataFrame:
    """One outcome at 6, 12, 24 and 36 months per housing form or municipality; per moment the groups are parts."""
    if group == "housing_form":  # the curve's own moments: no extra computation
        frame = integration.at_k_months(_integration(filters, outcome, (group,), curve=True))
    else:
        frame = _integration(filters, outcome, (group,))
    return privacy.suppress(frame, "persons", list(integration.INTEGRATION_FIGURES), siblings=["outcome", "k_months"])


@timed
def intervention_effects(filters: Filters, chosen_type: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The effects of the interventions the filters choose (of one type, or all), conclusive ones first.

    Two frames with the same rows: the figures for key figures and explanations, which hide small numbers
    themselves, and the same as charts and tables may show them.
    """
    # An effect does not depend on the filters, which only choose interventions: every effect is computed once per
    # data version, and a filter change costs only the cheap selection.
    chosen = computed(interventions.selected_interventions, filters)
    effects = measure("intervention_effect", Filters())
    effects = effects[effects["intervention_id"].isin(chosen)]
    # A project's intervention is a project-level figure: only for the user's own organisations.
    effects = without_hidden_projects(effects)
    if chosen_type is not None:
        effects = effects[effects["type"] == chosen_type]
    effects = effects.assign(conclusive=effects["verdict"] != "too_little_data").sort_values(
        ["conclusive", "start_date"], ascending=[False, True]
    ).reset_index(drop=True)
    return effects, privacy.suppress(effects, "households", list(interventions.EFFECT_FIGURES))


@timed
def intervention_summary(filters: Filters) -> pd.DataFrame:
    """Per type of intervention: how many, with enough data, clear falls and rises, the mean difference.

    No suppression needed: a conclusion needs at least the threshold of households in every cell, so the
    households under the mean difference are either none (no conclusion, shown as 0 and '–') or above it.
    """
    effects, _ = intervention_effects(filters)
    return interventions.summarise(effects, ("type",))


@timed
def intervention_timeline(intervention_id: str, effect: pd.Series) -> pd.DataFrame | None:
    """One intervention's nuisance per month, or None when its effect rests on too few households to draw."""
    if privacy.is_small(effect["households"]):
        return None
    return computed(interventions.intervention_timeline, intervention_id)
