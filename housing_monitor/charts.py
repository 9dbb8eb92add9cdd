"""Chart builders: one visual language (colours, Dutch formats, suppression) for every page and export."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from . import dutch
from .contract import HOUSING_FORMS

# Okabe–Ito: colour-blind safe, and each housing form keeps its colour everywhere.
HOUSING_FORM_COLOURS = {
    "zelfstandig": "#0072B2",
    "woningdelen": "#E69F00",
    "tijdelijk": "#D55E00",
    "flexwoning": "#009E73",
    "transformatie": "#CC79A7",
}
REFERENCE_COLOUR = "#555555"
# Patterns so bars never rely on colour alone.
HOUSING_FORM_PATTERNS = {"zelfstandig": "", "woningdelen": "/", "tijdelijk": "x", "flexwoning": ".", "transformatie": "\\"}
HOUSING_FORM_DASHES = {"zelfstandig": "solid", "woningdelen": "dash", "tijdelijk": "dot", "flexwoning": "dashdot", "transformatie": "longdash"}
HOUSING_FORM_SYMBOLS = {"zelfstandig": "circle", "woningdelen": "square", "tijdelijk": "diamond", "flexwoning": "triangle-up", "transformatie": "x"}
# For entities that are not housing forms (municipalities compared side by side).
ENTITY_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def base_layout(fig: go.Figure, title: str | None = None, height: int = 420) -> go.Figure:
    """Dutch separators, readable type and a legend that never covers the data."""
    fig.update_layout(
        separators=",.",
        title=title,
        height=height,
        margin=dict(l=10, r=10, t=50 if title else 20, b=10),
        font=dict(size=14),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, title=None, traceorder="normal"),
        hoverlabel=dict(font_size=14),
    )
    fig.update_yaxes(separatethousands=True)
    return fig


def housed_over_time(frame: pd.DataFrame, selected: tuple[str, str] | None = None) -> go.Figure:
    """Persons housed per half-year, stacked by housing form; suppressed cells are left out and say so."""
    fig = go.Figure()
    periods = sorted(frame["period"].unique()) if not frame.empty else []
    labels = [dutch.period_short(p) for p in periods]
    for form, form_label in HOUSING_FORMS.items():
        rows = frame[frame["housing_form"] == form].set_index("period").reindex(periods)
        if rows["households"].isna().all():
            continue
        shown = rows["persons"].where(rows["households"] != dutch.SUPPRESSED)
        hover = [
            f"{form_label}<br>{lab}: {dutch.integer(v) if not isinstance(v, str) else v} personen"
            for lab, v in zip(labels, rows["persons"].fillna(0))
        ]
        fig.add_bar(
            x=labels,
            y=pd.to_numeric(shown, errors="coerce"),
            name=form_label,
            marker_color=HOUSING_FORM_COLOURS[form],
            marker_pattern_shape=HOUSING_FORM_PATTERNS[form],
            hovertext=hover,
            hoverinfo="text",
        )
    fig.update_layout(barmode="stack", yaxis_title="Personen gehuisvest", xaxis_title=None)
    if selected and periods:
        first, last = dutch.period_short(selected[0]), dutch.period_short(selected[1])
        if first in labels and last in labels:
            fig.add_vrect(
                x0=labels.index(first) - 0.5,
                x1=labels.index(last) + 0.5,
                fillcolor="#888888",
                opacity=0.12,
                line_width=0,
                annotation_text="gekozen periode",
                annotation_position="top left",
            )
    return base_layout(fig)
