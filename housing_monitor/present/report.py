"""A self-contained HTML report of a municipality or project: key figures, charts, tables, definitions."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from housing_monitor import dutch, privacy
from housing_monitor.present.definitions import definition
from housing_monitor.present.key_figures import Kpi

_STYLE = """
body { font-family: 'Source Sans Pro', Arial, sans-serif; color: #1f1f1f; max-width: 960px; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { margin-bottom: 0.2rem; } .sub { color: #555; margin-top: 0; }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 0.8rem; margin: 1.2rem 0; }
.kpi { border: 1px solid #ccc; border-radius: 8px; padding: 0.8rem 1rem; }
.kpi .label { font-size: 0.95rem; } .kpi .value { font-size: 2rem; font-weight: 600; } .kpi .base { color: #555; font-size: 0.9rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem 0; font-size: 0.95rem; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: left; } th { background: #f0f0f0; }
figure { margin: 1rem 0 1.5rem 0; } figcaption { color: #333; font-size: 0.95rem; }
dt { font-weight: 600; margin-top: 0.6rem; } footer { color: #555; font-size: 0.85rem; margin-top: 2rem; }
"""


@dataclass(frozen=True)
class ReportChart:
    """A chart in the report, with the text that says what it shows."""

    title: str
    figure: go.Figure
    alt_text: str


def _kpi_html(kpi: Kpi) -> str:
    delta = kpi.display_delta()
    change = f"<div class='base'>verandering: {html.escape(delta)}</div>" if delta else ""
    return (
        f"<div class='kpi'><div class='label'>{html.escape(kpi.label)}</div>"
        f"<div class='value'>{html.escape(kpi.display_value())}</div>{change}"
        f"<div class='base'>{html.escape(kpi.display_base())}</div></div>"
    )


def _chart_html(chart: ReportChart, render_svg) -> str:
    try:
        svg = render_svg(chart.figure).decode("utf-8")
    except Exception:  # no browser for kaleido: the text and table still carry the information
        svg = "<p><em>(Grafiek niet beschikbaar in deze omgeving.)</em></p>"
    return (
        f"<figure role='group' aria-label='{html.escape(chart.title)}'>{svg}"
        f"<figcaption><strong>{html.escape(chart.title)}.</strong> {html.escape(chart.alt_text)}</figcaption></figure>"
    )


def build(
    title: str,
    scope: str,
    kpis: list[Kpi],
    charts: list[ReportChart],
    tables: list[tuple[str, pd.DataFrame]],
    definition_keys: list[str],
    reference_date: dt.date | None,
    render_svg,
    generated: dt.date | None = None,
) -> str:
    """The report as one HTML document; every figure in it is already formatted and suppressed."""
    generated = generated or dt.date.today()
    parts = [
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body><main>",
        f"<h1>{html.escape(title)}</h1><p class='sub'>{html.escape(scope)}</p>",
        "<h2>Kerncijfers</h2><div class='kpis'>",
        *(_kpi_html(k) for k in kpis),
        "</div>",
    ]
    if charts:
        parts.append("<h2>Grafieken</h2>")
        parts += [_chart_html(c, render_svg) for c in charts]
    for caption, frame in tables:
        parts.append(f"<h2>{html.escape(caption)}</h2>")
        parts.append(frame.to_html(index=False, escape=True, border=0, na_rep=dutch.MISSING))
    parts.append("<h2>Gebruikte begrippen</h2><dl>")
    for key in definition_keys:
        d = definition(key)
        parts.append(f"<dt>{html.escape(d.title)}</dt><dd>{html.escape(d.exact)}</dd>")
    parts.append("</dl>")
    parts.append(
        "<footer>Woonmonitor statushouders · peildatum "
        f"{dutch.date(reference_date)} · gemaakt op {dutch.date(generated)} · cijfers over "
        f"{privacy.fewer_than('huishoudens of personen')} staan als '{html.escape(privacy.marker())}' · "
        "Bron gemeenten: CBS</footer></main></body></html>"
    )
    return "".join(parts)
