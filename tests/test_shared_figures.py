"""Figures built once per view and data version and shared by every viewer (ui.data.shared)."""

import plotly.graph_objects as go
import pytest
import streamlit as st

from housing_monitor.access import LOCAL, Access
from housing_monitor.present import charts
from tests.apptest import key_figures, open_dashboard
from ui import data


@pytest.fixture(autouse=True)
def empty_caches():
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def test_a_shared_figure_makes_its_dict_once_and_it_equals_plotlys_own():
    figure = go.Figure(go.Bar(x=["a", "b"], y=[1, 2])).update_layout(title="t")
    shared = data.SharedFigure(figure)
    first = shared.to_dict()
    assert shared.to_dict() is first  # st.plotly_chart's copy of the figure costs nothing after the first viewer
    assert first == figure.to_dict()


def test_a_shared_figures_json_is_encoded_once_and_equals_plotlys_own():
    import plotly.io

    from plotly.io import _json

    figure = go.Figure(go.Bar(x=["a", "b"], y=[1, 2])).update_layout(title="t")
    shared = data.SharedFigure(figure)
    sent = plotly.io.to_json(shared.to_dict(), validate=False)  # as st.plotly_chart encodes it, for every viewer
    assert plotly.io.to_json(shared.to_dict(), validate=False) is sent
    assert sent == _json.to_json(figure.to_dict(), validate=False)
    other = figure.to_dict()  # not a shared figure's dict: Plotly's own encoding, every time
    assert plotly.io.to_json(other, validate=False) == sent
    assert plotly.io.to_json(other, validate=False) is not plotly.io.to_json(other, validate=False)


def test_shared_builds_once_per_key_and_data_version(tiny_db_env, monkeypatch):
    builds = []

    def build():
        builds.append(1)
        return go.Figure(go.Bar(x=["a"], y=[len(builds)]))

    first = data.shared("chart", build, "view A")
    again = data.shared("chart", build, "view A")
    assert again is first and len(builds) == 1
    assert isinstance(first, data.SharedFigure)
    data.shared("chart", build, "view B")  # another view: its own figure
    assert len(builds) == 2
    monkeypatch.setattr(data, "cache_key", lambda: "another data version|5")
    data.shared("chart", build, "view A")  # new data: built again
    assert len(builds) == 3


def test_shared_is_per_user_unless_told_otherwise(tiny_db_env, monkeypatch):
    builds = []
    other = Access(email="viewer@almere.nl", role="viewer", municipalities=("GM0034",))
    monkeypatch.setattr(data, "access", lambda: LOCAL)
    data.shared("per-user", lambda: builds.append(1) or 1, "view")
    data.shared("shared-map", lambda: builds.append(1) or 1, "view", per_user=False)
    monkeypatch.setattr(data, "access", lambda: other)
    data.shared("per-user", lambda: builds.append(1) or 1, "view")  # another user: built for them
    data.shared("shared-map", lambda: builds.append(1) or 1, "view", per_user=False)  # the same for everyone
    assert len(builds) == 3


def test_dataclass_results_have_their_figures_shared(tiny_db_env):
    from housing_monitor.present import report

    chart = data.shared("report chart", lambda: report.ReportChart("t", go.Figure(), "alt"), "view")
    assert isinstance(chart.figure, data.SharedFigure)


def test_second_viewer_of_the_overview_gets_the_first_viewers_chart(demo_db_env, monkeypatch):
    built = []
    original = charts.housed_over_time

    def counting(*args, **kwargs):
        built.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(charts, "housed_over_time", counting)
    first = open_dashboard()
    second = open_dashboard()  # a new session: a second viewer of the same view
    assert len(built) == 1
    assert [m.value for m in key_figures(first)] == [m.value for m in key_figures(second)]


# A page's whole view (figures, tables, texts) is built once per view and shared: counted by one function each
# page calls only while building it.
PAGE_VIEWS = [
    ("pages/waiting.py", "housing_monitor.present.waiting_charts", "waiting_bands", None),
    ("pages/interventions.py", "housing_monitor.present.impact_charts", "intervention_forest_summary", None),
    ("pages/overview.py", "housing_monitor.present.goal_views", "goals_table", None),
    ("pages/quota.py", "housing_monitor.present.tables", "progress_table", None),
    ("pages/compare.py", "housing_monitor.measures.comparisons", "table", {"vergelijk": "woonvorm", "kies": "tijdelijk,woningdelen"}),
    ("pages/nuisance.py", "housing_monitor.present.impact_charts", "nuisance_trend_summary", None),
]


@pytest.mark.parametrize(("page", "module", "function", "query"), PAGE_VIEWS)
def test_a_pages_view_is_shared_and_built_again_for_new_data_or_threshold(
    demo_db_env, monkeypatch, page, module, function, query
):
    import importlib

    target = importlib.import_module(module)
    built = []
    original = getattr(target, function)

    def counting(*args, **kwargs):
        built.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(target, function, counting)
    first = open_dashboard(page, query)
    second = open_dashboard(page, query)  # a second viewer of the same view
    assert len(built) == 1
    assert [m.value for m in key_figures(first)] == [m.value for m in key_figures(second)]
    monkeypatch.setenv("HOUSING_MONITOR_MIN_COUNT", "10")  # another threshold: other figures hidden
    open_dashboard(page, query)
    assert len(built) == 2
    monkeypatch.setattr(data, "version", lambda: "another data version")  # an import published new data
    open_dashboard(page, query)
    assert len(built) == 3
