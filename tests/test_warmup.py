"""The server's warm-up computes what the first page needs, so the first visitor after a start waits for nothing."""

import functools

import streamlit as st

from housing_monitor import goals, kpis, maps, measures
from tests.apptest import open_dashboard


def test_first_page_after_warm_up_computes_nothing(demo_db_env, monkeypatch):
    from ui import warmup

    st.cache_data.clear()
    warmup.first_page(wait_for_runtime_s=0)

    computed = []

    def counting(name, function):
        @functools.wraps(function)  # the same name: cached results are keyed by the function's name
        def wrapper(*args, **kwargs):
            computed.append(name)
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(kpis, "overview", counting("kpis", kpis.overview))
    monkeypatch.setattr(goals, "goal_attainment", counting("goals", goals.goal_attainment))
    monkeypatch.setattr(maps, "values", counting("map", maps.values))
    for name, measure in list(measures.MEASURES.items()):
        if measure.compute is not None:
            monkeypatch.setitem(measures.MEASURES, name, measure.__class__(**{**measure.__dict__, "compute": counting(name, measure.compute)}))

    at = open_dashboard()

    assert len(at.metric) >= 6
    assert computed == []


def test_default_filters_are_the_sidebars_first_selection(demo_db_env):
    from ui import warmup

    at = open_dashboard()
    shown = at.session_state["filters"]
    assert warmup.default_filters() == shown
    assert shown.period_from.endswith("-H1") and shown.period_to.endswith("-H2")
