"""The server's warm-up computes what the first page needs, so the first visitor after a start waits for nothing."""

import functools
import threading
import time

import streamlit as st

from housing_monitor.measures import goals, registry
from housing_monitor.present import key_figures as kpis
from housing_monitor.present import maps
from tests.apptest import key_figures, open_dashboard


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
    monkeypatch.setattr(maps, "figure", counting("map figure", maps.figure))
    for name, measure in list(registry.MEASURES.items()):
        monkeypatch.setitem(registry.MEASURES, name, measure.__class__(**{**measure.__dict__, "compute": counting(name, measure.compute)}))

    at = open_dashboard()

    assert len(key_figures(at)) >= 6
    assert computed == []


def test_default_filters_are_the_sidebars_first_selection(demo_db_env):
    from ui import warmup

    at = open_dashboard()
    shown = at.session_state["filters"]
    assert warmup.default_filters() == shown
    assert shown.period_from.endswith("-H1") and shown.period_to.endswith("-H2")


def test_a_visitors_run_during_the_warm_up_waits_for_it(monkeypatch):
    from ui import warmup

    monkeypatch.setattr(warmup, "_started", threading.Event())
    monkeypatch.setattr(warmup, "_finished", threading.Event())
    release, order = threading.Event(), []
    monkeypatch.setattr(warmup, "_warm", lambda _: (release.wait(5), order.append("warm-up done")))
    warming = threading.Thread(target=warmup.first_page)
    warming.start()
    assert warmup._started.wait(5)
    visitor = threading.Thread(target=lambda: (warmup.wait(), order.append("visitor's run goes on")))
    visitor.start()
    time.sleep(0.2)
    assert order == []  # not computing the same results beside the warm-up
    release.set()
    visitor.join(5)
    warming.join(5)
    assert order == ["warm-up done", "visitor's run goes on"]


def test_without_a_warm_up_a_run_does_not_wait(monkeypatch):
    from ui import warmup

    monkeypatch.setattr(warmup, "_started", threading.Event())
    monkeypatch.setattr(warmup, "_finished", threading.Event())
    started = time.monotonic()
    warmup.wait(timeout_s=5)
    assert time.monotonic() - started < 1
