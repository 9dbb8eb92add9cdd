"""The pathway and quota charts: Dutch separators, one style per housing form, nothing small drawn."""

import datetime as dt

import pytest

from housing_monitor.filters import Filters
from housing_monitor.measures import comparisons, housing, pathways, quota
from housing_monitor.present import pathway_charts
from housing_monitor.present.charts import HOUSING_FORM_COLOURS, HOUSING_FORM_DASHES
from tests.conftest import build_store


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("charts") / "charts.duckdb", "pathways")
    with store.reader() as connection:
        yield connection


def test_curves_keep_housing_form_style_and_leave_out_small_groups(con):
    by = ("housing_form",)
    summary = housing.time_to_permanent(con, Filters(), by=by, reference_date=dt.date(2016, 12, 31))
    points = pathways.permanent_housing_curves(con, Filters(), by=by, reference_date=dt.date(2016, 12, 31))
    fig = pathway_charts.permanent_housing_curves(points, summary, "housing_form")
    lines = {t.name: t for t in fig.data if t.name}
    assert set(lines) == {"Tijdelijke huisvesting", "Flexwoning", "Zelfstandige woning"}  # woningdelen: 2 households
    school = lines["Tijdelijke huisvesting"]
    assert (school.line.color, school.line.dash) == (HOUSING_FORM_COLOURS["tijdelijk"], HOUSING_FORM_DASHES["tijdelijk"])
    # 1 − S against months; the curve stops once fewer than 5 are followed (at 250 days only 4 are).
    assert list(school.y) == pytest.approx([0, 1 / 3])
    assert list(school.x) == pytest.approx([0, 200 / 30.4375])
    medians = [t for t in fig.data if t.mode == "markers"]
    assert len(medians) == 2  # flexwoning's median is not reached
    assert fig.layout.separators == ",."


def test_comparison_chart_writes_why_a_figure_is_missing(con):
    long = pathways.compare_housing_forms(con, Filters())
    fig = pathway_charts.housing_form_comparison(long)
    assert len(fig.data) == len(comparisons.measures_for())
    permanent_median = fig.data[2]
    texts = dict(zip(permanent_median.y, permanent_median.text))
    assert texts["Flexwoning"] == "niet bereikt"
    assert texts["Woningdelen"] == "<5"


def test_quota_charts_do_not_draw_small_counts(con):
    progress = quota.quota_progress(con, Filters(), reference_date=dt.date(2017, 3, 15))
    fig = pathway_charts.quota_over_time(quota.cumulative(progress, []))
    official, estimated = fig.data[1], fig.data[2]
    # 2016-H1: 20 official; 2016-H2: 2 + 2 → 4 in all, under 5 → nothing drawn; 2017-H1: 4 → nothing.
    assert list(official.y)[0] == 20
    assert [v != v for v in list(official.y)[1:]] == [True, True]
    by_place = quota.quota_progress(con, Filters(), by=("municipality_code",), reference_date=dt.date(2017, 3, 15))
    ranking = pathway_charts.quota_ranking(by_place[by_place["period"] == "2016-H2"], 1.0)
    names = [name for trace in ranking.data for name in trace.y]
    assert "Landgraaf *" in names  # estimated from placements
    assert ranking.layout.xaxis.range is None  # every bar hidden: nothing to make room for
    first_half = pathway_charts.quota_ranking(by_place[by_place["period"] == "2016-H1"], 1.0)
    longest = max(x for trace in first_half.data for x in trace.x if x == x)
    # The axis runs 20% past the longest bar (or past 100%), so the label outside the bar stays on the chart.
    assert tuple(first_half.layout.xaxis.range) == pytest.approx((0, max(longest, 100) * 1.2))
    provinces = quota.quota_progress(con, Filters(), by=("province",), reference_date=dt.date(2017, 3, 15))
    trend = pathway_charts.province_trend(quota.cumulative(provinces, ["province"]))
    assert {t.name for t in trend.data} == {"Limburg", "Noord-Holland"}


def test_month_chart_suppresses_small_months(con):
    monthly = housing.housed_per_month(con, Filters(period_from="2016-H2", period_to="2016-H2"))
    fig = pathway_charts.quota_months(quota.month_by_month(monthly, "2016-H2", 13), "2016-H2")
    bars, cumulative, pace = fig.data
    assert list(bars.text)[:2] == ["<5", "<5"]  # July none, August W1 and W2: both rest on fewer than 5
    assert all(v != v for v in cumulative.y)
    assert list(bars.x) == ["juli", "augustus", "september", "oktober", "november", "december"]
    assert pace.y[-1] == pytest.approx(13)
