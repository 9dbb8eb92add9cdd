"""Fill the caches of the first page a visitor sees while the server starts and the browser loads its scripts."""

from __future__ import annotations

import logging
import threading
import time

from housing_monitor.filters import Filters
from housing_monitor.measures import goals
from housing_monitor.present import maps

from . import data, map_view, sidebar

LOG = logging.getLogger(__name__)
# Set once a started warm-up is over. Until then a visitor's run waits for it instead of computing the same
# results beside it: on two cores, both at once took three times as long as one.
_finished = threading.Event()
_started = threading.Event()


def default_filters() -> Filters:
    """The sidebar's selection on a first visit without a link: the latest year, everything else open."""
    periods = sorted(data.query("filter_options").query("kind == 'period'")["value"])
    if not periods:
        return Filters()
    period_from, period_to = sidebar.default_period(periods)
    return Filters(period_from=period_from, period_to=period_to)


def overview(filters: Filters) -> None:
    """Everything pages/overview.py computes for these filters, into the shared caches (no per-user step)."""
    data.reference_date()
    data.overview_kpis(filters)
    data.measure("housed", filters.without_period(), by=("period", "housing_form"))
    data.measure("housed", filters, by=("housing_form",))
    data.measure("waiting_time", filters, by=("housing_form",))
    data.computed(goals.goal_attainment, filters.places_and_organisations(), reference_date=data.reference_date())
    map_view.map_data(maps.DEFAULT_MEASURE, filters)
    map_view.small_map_figure(filters)


def first_page(wait_for_runtime_s: float = 30.0) -> None:
    """Warm the Overzicht for the default selection; quietly nothing when there is no data yet."""
    _started.set()
    try:
        _warm(wait_for_runtime_s)
    finally:
        _finished.set()


def wait(timeout_s: float = 10.0) -> None:
    """Block a script run until a warm-up that has started is over (at most timeout_s); no-op without one."""
    if _started.is_set():
        _finished.wait(timeout_s)


def _warm(wait_for_runtime_s: float) -> None:
    from streamlit.runtime import Runtime

    deadline = time.monotonic() + wait_for_runtime_s
    while not Runtime.exists() and time.monotonic() < deadline:
        time.sleep(0.02)  # the caches belong to the runtime Streamlit is still starting
    try:
        if not data.store().exists():
            return  # the first visitor's run builds the demo data
        data.ensure_current_schema()
        overview(default_filters())
    except Exception:  # the visitor's own run meets (and shows) any problem
        LOG.debug("warm-up of the first page failed", exc_info=True)
