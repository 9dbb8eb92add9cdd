"""The one-click report: complete, escaped, suppressed exactly as the screen."""

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from housing_monitor.present import report
from housing_monitor.present.key_figures import Kpi
from tests.apptest import open_dashboard


def test_report_holds_figures_charts_tables_and_definitions():
    kpis = [
        Kpi("persons_housed", "Gehuisveste personen", 1234.0, 1000.0, 500, "count", "gehuisvest", neutral=True),
        Kpi("waiting_median", "Wachttijd tot eerste woning (mediaan)", 98.0, 91.0, 3, "weeks", "wachttijd"),
    ]
    chart = report.ReportChart("Gehuisvest <per> halfjaar", go.Figure(), "De meeste in 2016.")
    document = report.build(
        "Woonmonitor – gemeente Landgraaf",
        "Periode 2016",
        kpis,
        [chart],
        [("Per woonvorm", pd.DataFrame({"Woonvorm": ["Tijdelijke huisvesting"], "Huishoudens": ["<5"]}))],
        ["gehuisvest", "kleine_aantallen"],
        dt.date(2024, 12, 31),
        render_svg=lambda fig: b"<svg id='chart'></svg>",
        generated=dt.date(2026, 11, 25),
    )
    assert "<div class='value'>1.234</div>" in document and "verandering: +234" in document
    assert "op basis van 500 huishoudens" in document
    # Three households: the waiting time is suppressed, its change too.
    assert "<div class='value'>&lt;5</div>" in document and "+1,0 weken" not in document
    assert "<svg id='chart'></svg>" in document and "Gehuisvest &lt;per&gt; halfjaar" in document
    assert "<td>&lt;5</td>" in document
    assert "Gehuisveste huishoudens en personen" in document and "Kleine aantallen" in document
    assert "peildatum 31-12-2024 · gemaakt op 25-11-2026" in document


def test_report_without_chart_renderer_still_has_the_text():
    document = report.build(
        "R", "S", [], [report.ReportChart("T", go.Figure(), "Uitleg.")], [], [], None,
        render_svg=lambda fig: (_ for _ in ()).throw(RuntimeError("no browser")),
    )
    assert "Grafiek niet beschikbaar" in document and "Uitleg." in document


def test_overview_offers_a_report_for_one_municipality(demo_db_env):
    at = open_dashboard(query={"gemeente": "GM0882"})
    assert "Rapport van gemeente Landgraaf (HTML)" in [b.label for b in at.get("download_button")]
    at = open_dashboard()
    assert not [b for b in at.get("download_button") if b.label.startswith("Rapport")]
