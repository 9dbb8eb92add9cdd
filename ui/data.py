"""Cached data access for the pages: one connection per snapshot per process, results keyed by data version."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import duckdb
import numpy as np
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from housing_monitor.db import lifecycle, migrations, queries
from housing_monitor.db.store import Store, database_path
from housing_monitor.demo import bootstrap
from housing_monitor.filters import Filters
from housing_monitor.measures import base, registry
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


@st.cache_data(max_entries=2048, show_spinner=False)
def _measure(data_version: str, name: str, filters: Filters, by: tuple[str, ...], kwargs: tuple) -> pd.DataFrame:
    return registry.MEASURES[name].compute(connection(), filters, by=by, **dict(kwargs))


@timed
def measure(name: str, filters: Filters, by: tuple[str, ...] = (), **kwargs) -> pd.DataFrame:
    """A measure's result for the selection, cached until the data changes; other organisations' projects left out."""
    frame = _measure(version(), name, filters, tuple(by), tuple(sorted(kwargs.items())))
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
    return _kpis(version(), filters)


@st.cache_data(max_entries=512, show_spinner=False)
def _computed(data_version: str, name: str, _function, args: tuple, kwargs: tuple):
    return _function(connection(), *args, **dict(kwargs))


@timed
def computed(function, *args, **kwargs):
    """A core function's result `function(con, *args, **kwargs)` on the current data, cached until the data changes."""
    name = f"{function.__module__}.{function.__qualname__}"
    return _computed(version(), name, function, args, tuple(sorted(kwargs.items())))


@st.cache_data(max_entries=64, show_spinner=False)
def _query(data_version: str, name: str, params: tuple) -> pd.DataFrame:
    return queries.run(connection(), name, **dict(params))


@timed
def query(name: str, **params) -> pd.DataFrame:
    """A named query's result, cached until the data changes."""
    return _query(version(), name, tuple(sorted(params.items())))


@st.cache_data(max_entries=16, show_spinner=False)
def _reference_date(data_version: str):
    return base.reference_date(connection())


@timed
def reference_date():
    """The latest date in the data, cached until the data changes."""
    return _reference_date(version())


@st.cache_data(max_entries=256, show_spinner=False)
def _comparison(data_version: str, filters: Filters, kind: str, entities: tuple[str, ...]) -> pd.DataFrame:
    from housing_monitor.measures import comparisons

    return comparisons.compare(connection(), filters, kind, list(entities))


@timed
def comparison(filters: Filters, kind: str, entities: tuple[str, ...]) -> pd.DataFrame:
    """The side-by-side figures of the Vergelijken page, cached until the data changes."""
    return _comparison(version(), filters, kind, entities)


@st.cache_data(max_entries=256, show_spinner=False)
def _peers(data_version: str, code: str, period_from: str, period_to: str) -> pd.DataFrame:
    from housing_monitor.measures import comparisons

    return comparisons.peer_municipalities(connection(), code, period_from, period_to)


@timed
def peers(code: str, period_from: str, period_to: str) -> pd.DataFrame:
    """Municipalities most like this one in size and quota."""
    return _peers(version(), code, period_from, period_to)



def goal_attainment(filters: Filters):
    """The goals of the selected places and organisations on the reference date; other organisations' projects left out."""
    from housing_monitor.measures import goals

    frame = computed(goals.goal_attainment, filters.places_and_organisations(), reference_date=reference_date())
    return without_hidden_projects(frame)
