"""Charts of housing pathways and the quota, in the dashboard's one visual language (charts.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from housing_monitor import dutch, privacy
from housing_monitor.contract import HOUSING_FORMS
from housing_monitor.measures import pathways, quota
from housing_monitor.present.charts import (
    ENTITY_COLOURS,
    HOUSING_FORM_COLOURS,
    HOUSING_FORM_DASHES,
    HOUSING_FORM_PATTERNS,
    REFERENCE_COLOUR,
    base_layout,
)

ENTITY_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
ALL_LABEL = "Alle huishoudens"


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def group_style(column: str | None, value, position: int) -> tuple[str, str]:
    """(colour, dash) of a group: housing forms keep their own; other groups cycle colour and dash together."""
    if column is None:
        return REFERENCE_COLOUR, "solid"
    if column == "housing_form" and value in HOUSING_FORM_COLOURS:
        return HOUSING_FORM_COLOURS[value], HOUSING_FORM_DASHES[value]
    return ENTITY_COLOURS[position % len(ENTITY_COLOURS)], ENTITY_DASHES[position % len(ENTITY_DASHES)]


def _months(days) -> np.ndarray:
    return np.asarray(days, dtype=float) / dutch.DAYS_PER_MONTH


def permanent_housing_curves(
    points: pd.DataFrame,
    summary: pd.DataFrame,
    column: str | None,
    labels: dict | None = None,
) -> go.Figure:
    """Share of households in a permanent home since the permit (1 − Kaplan–Meier), with 95% bands and medians.

    Each curve stops where fewer households than the suppression threshold are still followed; groups
    resting on fewer than the threshold are left out.
    """
    labels = labels or {}
    fig = go.Figure()
    def of(frame: pd.DataFrame, value) -> pd.DataFrame:  # households without a project form a group too
        return frame[frame[column].isna() if pd.isna(value) else frame[column] == value]

    groups = [(None, points, summary.iloc[0] if len(summary) else None)] if column is None else [
        (value, of(points, value), of(summary, value).iloc[0]) for value in summary[column]
    ]
    for position, (value, part, row) in enumerate(groups):
        if row is None or privacy.is_small(row["households"]):
            continue
        shown = pathways.shown_part(part)
        if shown.empty:
            continue
        colour, dash = group_style(column, value, position)
        name = ALL_LABEL if column is None else labels.get(value, HOUSING_FORMS.get(value, "onbekend" if pd.isna(value) else str(value)))
        x = _months(shown["time"])
        housed, low, high = 1 - shown["survival"], 1 - shown["ci_upper"], 1 - shown["ci_lower"]
        group = f"g{position}"
        fig.add_scatter(
            x=x, y=high, mode="lines", line=dict(width=0, shape="hv"), hoverinfo="skip",
            showlegend=False, legendgroup=group,
        )
        fig.add_scatter(
            x=x, y=low, mode="lines", line=dict(width=0, shape="hv"), fill="tonexty",
            fillcolor=_rgba(colour, 0.15), hoverinfo="skip", showlegend=False, legendgroup=group,
        )
        hover = [
            f"{name}<br>na {dutch.number(m, 1)} maanden: {dutch.percent(h)} in vaste woning"
            f"<br>95%-interval {dutch.percent(lo)} – {dutch.percent(hi)}<br>nog gevolgd: {dutch.integer(n)}"
            for m, h, lo, hi, n in zip(x, housed, low, high, shown["at_risk"])
        ]
        fig.add_scatter(
            x=x, y=housed, mode="lines", name=name, legendgroup=group,
            line=dict(color=colour, dash=dash, width=3, shape="hv"), hovertext=hover, hoverinfo="text",
        )
        if not pd.isna(row["median_days"]):
            median = float(_months([row["median_days"]])[0])
            fig.add_scatter(
                x=[median], y=[0.5], mode="markers", legendgroup=group, showlegend=False,
                marker=dict(color=colour, size=12, symbol="diamond", line=dict(color="white", width=1.5)),
                hovertext=f"{name}: de helft na {dutch.number(median, 1)} maanden", hoverinfo="text",
            )
    fig.add_hline(y=0.5, line=dict(color="#999999", width=1, dash="dot"), annotation_text="de helft",
                  annotation_position="top left")
    fig.add_vline(x=12, line=dict(color="#999999", width=1, dash="dot"), annotation_text="12 maanden",
                  annotation_position="bottom right")
    fig.update_xaxes(title="Maanden sinds de verblijfsvergunning", rangemode="tozero", dtick=6)
    fig.update_yaxes(title="Aandeel met een vaste woning", tickformat=".0%", range=[0, 1.02])
    return base_layout(fig, height=480)


def housing_form_comparison(long: pd.DataFrame, narrow: bool = False) -> go.Figure:
    """The five housing forms side by side, one panel per measure; '<5' and missing figures say so."""
    measures = pathways.compared_measures(long)
    titles = []
    for m in measures:
        standardised = bool(long.loc[long["measure"] == m.key, "standardised"].any())
        note = "<br><span style='font-size:12px'>gestandaardiseerd naar huishoudtype</span>" if standardised else ""
        titles.append(m.label + note)
    columns = 1 if narrow else 2  # on a phone two panels side by side do not fit
    rows = -(-len(measures) // columns)
    height = (300 if columns > 1 else 260) * rows
    fig = make_subplots(
        rows=rows, cols=columns, subplot_titles=titles, horizontal_spacing=0.22,
        vertical_spacing=0.16 if columns > 1 else 110 / height,  # a fraction of the height: the same room per row
    )
    forms = list(HOUSING_FORMS)
    names = [HOUSING_FORMS[f] for f in forms]
    for index, measure in enumerate(measures):
        row, col = index // columns + 1, index % columns + 1
        part = long[long["measure"] == measure.key].set_index("housing_form").reindex(forms)
        shown = part["value"].where(~part["suppressed"].astype(bool))
        # A missing figure gets a zero-length bar so its reason ('<5', 'niet bereikt') still shows as text.
        values = np.array([measure.axis_value(v) or 0.0 for v in shown], dtype=float)
        texts = [
            privacy.marker() if s else (measure.format(v) if pd.notna(v) else (n or dutch.MISSING))
            for v, s, n in zip(shown, part["suppressed"], part["note"])
        ]
        fig.add_bar(
            row=row, col=col, y=names, x=values, orientation="h", showlegend=False,
            marker_color=[HOUSING_FORM_COLOURS[f] for f in forms],
            marker_pattern_shape=[HOUSING_FORM_PATTERNS[f] for f in forms],
            text=texts, textposition="outside", cliponaxis=False,
            hovertext=[f"{n}: {t}" for n, t in zip(names, texts)], hoverinfo="text",
        )
        fig.update_yaxes(autorange="reversed", row=row, col=col)
        fig.update_xaxes(range=[0, (values.max() or 1) * 1.45], showticklabels=False, row=row, col=col)
    base_layout(fig, height=height)
    if columns == 1:  # centred over the bars alone, a title runs off a phone's screen: end it at the right edge
        fig.update_annotations(x=1, xanchor="right", xref="paper")
    fig.update_layout(margin=dict(l=10, r=30, t=60, b=10))
    return fig


def quota_ranking(period_rows: pd.DataFrame, elapsed_share: float | None = None) -> go.Figure:
    """Municipalities ranked by realisation in one half-year, coloured and patterned by pace; estimates marked."""
    ranked = quota.ranking(period_rows)
    # Official counts are public; a municipality's small estimate from placements is not.
    small = quota.suppressed(ranked)["realisation"].eq(privacy.marker())
    names = [
        f"{name}{' *' if source == 'placements' else ''}"
        for name, source in zip(ranked["municipality_name"].fillna(ranked["municipality_code"]), ranked["source"])
    ]
    values = (ranked["realisation"].where(~small) * 100).to_numpy(float)
    paces = ranked["pace"].fillna("op_schema")
    texts = [
        privacy.marker() if s else (dutch.percent(r) if pd.notna(r) else "niets te doen")
        for r, s in zip(ranked["realisation"], small)
    ]
    hover = [
        f"{n}<br>realisatie {t}<br>{quota.PACE_LABELS.get(p, '')}<br>bron: {quota.SOURCE_LABELS[s]}"
        for n, t, p, s in zip(names, texts, ranked["pace"], ranked["source"])
    ]
    fig = go.Figure()
    for pace, label in quota.PACE_LABELS.items():
        mask = (paces == pace).to_numpy()
        if not mask.any():
            continue
        fig.add_bar(
            y=np.array(names)[mask], x=values[mask], orientation="h", name=label,
            marker_color=quota.PACE_COLOURS[pace], marker_pattern_shape=quota.PACE_PATTERNS[pace],
            text=np.array(texts)[mask], textposition="outside", cliponaxis=False,
            hovertext=np.array(hover)[mask], hoverinfo="text",
        )
    fig.add_vline(x=100, line=dict(color="#333333", width=1.5), annotation_text="100%", annotation_position="top")
    if elapsed_share is not None and elapsed_share < 1:
        fig.add_vline(
            x=elapsed_share * 100, line=dict(color="#333333", width=1.5, dash="dot"),
            annotation_text="verwacht op peildatum", annotation_position="bottom",
        )
    fig.update_yaxes(categoryorder="array", categoryarray=names, autorange="reversed", title=None)
    fig.update_xaxes(title="Gehuisvest als % van de bijgestelde taakstelling", ticksuffix="%")
    shown = values[np.isfinite(values)]
    if shown.size:  # room right of the longest bar for its label, which would be cut off on a phone
        fig.update_xaxes(range=[0, max(float(shown.max()), 100.0) * 1.2])
    fig.update_layout(barmode="overlay")
    return base_layout(fig, height=max(360, 24 * len(names) + 120))


def quota_over_time(cumulative: pd.DataFrame) -> go.Figure:
    """Per half-year the adjusted target beside what was realised (estimated part hatched), and the cumulative realisation."""
    frame = cumulative.sort_values("period")
    labels = [dutch.period_short(p) for p in frame["period"]]
    small = frame["realised"].map(privacy.is_small)
    # An estimated part under the threshold is not drawn apart (it would be a figure about < 5 persons).
    folded = (frame["estimated_realised"] > 0) & frame["estimated_realised"].map(privacy.is_small)
    estimated = frame["estimated_realised"].where(~folded, 0).where(~small)
    official = (frame["realised"] - estimated.fillna(0)).where(~small)
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(x=labels, y=frame["adjusted_target"], name="Bijgestelde taakstelling", marker_color="#BBBBBB",
                offsetgroup="target")
    fig.add_bar(
        x=labels, y=official, name="Gehuisvest (officieel)", marker_color="#0072B2", offsetgroup="realised",
        hovertext=[
            f"{lab}: {privacy.marker() if pd.isna(v) else dutch.integer(v)} gehuisvest"
            + (f" (waarvan {privacy.marker()} geschat uit plaatsingen)" if f else " volgens de officiële telling")
            for lab, v, f in zip(labels, official, folded)
        ],
        hoverinfo="text",
    )
    fig.add_bar(
        x=labels, y=estimated, base=official, name="Gehuisvest (geschat uit plaatsingen)",
        marker=dict(color="#FFFFFF", line=dict(color="#0072B2", width=1.5), pattern=dict(shape="/", fgcolor="#0072B2")),
        offsetgroup="realised",
        hovertext=[
            f"{lab}: {dutch.integer(v)} geschat uit plaatsingen ({n} gemeente(n) zonder officiële telling)"
            for lab, v, n in zip(labels, estimated.fillna(0), frame["municipalities_from_placements"])
        ],
        hoverinfo="text",
    )
    fig.add_scatter(
        x=labels, y=frame["cumulative_realisation"], name="Realisatie cumulatief", mode="lines+markers",
        line=dict(color="#000000", width=2), marker=dict(symbol="circle", size=7), secondary_y=True,
        hovertext=[f"{lab}: {dutch.percent(v)} cumulatief" for lab, v in zip(labels, frame["cumulative_realisation"])],
        hoverinfo="text",
    )
    top = max(1.1, float(np.nanmax(frame["cumulative_realisation"])) if len(frame) else 1.1)
    fig.update_yaxes(title_text="Personen", secondary_y=False)
    fig.update_yaxes(title_text="Realisatie cumulatief", tickformat=".0%", range=[0, top * 1.05], dtick=0.2,
                     showgrid=False, secondary_y=True)
    fig.update_layout(barmode="group")
    return base_layout(fig, title="Per halfjaar: bijgestelde taakstelling en gehuisvest")


def province_trend(cumulative: pd.DataFrame) -> go.Figure:
    """Cumulative realisation per province since the first half-year shown, one line each (colour and dash)."""
    fig = go.Figure()
    periods = sorted(cumulative["period"].unique())
    labels = [dutch.period_short(p) for p in periods]
    for position, (province, part) in enumerate(cumulative.groupby("province", sort=True)):
        rows = part.set_index("period").reindex(periods)
        colour, dash = group_style("province", province, position)
        fig.add_scatter(
            x=labels, y=rows["cumulative_realisation"], name=province, mode="lines+markers",
            line=dict(color=colour, dash=dash, width=2),
            hovertext=[f"{province} t/m {lab}: {dutch.percent(v)}" for lab, v in zip(labels, rows["cumulative_realisation"])],
            hoverinfo="text",
        )
    fig.add_hline(y=1, line=dict(color="#333333", width=1))
    fig.update_yaxes(title="Realisatie cumulatief", tickformat=".0%", rangemode="tozero")
    return base_layout(fig, height=460)


def quota_months(months: pd.DataFrame, period: str) -> go.Figure:
    """One half-year month by month: persons housed per month (from placements), cumulative, against the pace."""
    labels = [dutch.MONTHS[m.month - 1] for m in months["month"]]
    small = months["households"].map(privacy.is_small)
    cumulative_small = months["households"].cumsum().map(privacy.is_small)
    fig = go.Figure()
    fig.add_bar(
        x=labels, y=months["persons"].where(~small), name="Gehuisvest in de maand (uit plaatsingen)",
        marker=dict(color="#FFFFFF", line=dict(color="#0072B2", width=1.5), pattern=dict(shape="/", fgcolor="#0072B2")),
        text=[privacy.marker() if s else dutch.integer(p) for p, s in zip(months["persons"], small)],
        textposition="outside", cliponaxis=False,
    )
    fig.add_scatter(
        x=labels, y=months["cumulative_persons"].where(~cumulative_small), name="Gehuisvest sinds begin halfjaar",
        mode="lines+markers", line=dict(color="#0072B2", width=3), marker=dict(symbol="circle", size=8),
    )
    fig.add_scatter(
        x=labels, y=months["expected"], name="Op schema (1/6 per maand)", mode="lines+markers",
        line=dict(color="#333333", width=2, dash="dot"), marker=dict(symbol="diamond", size=8),
    )
    fig.update_yaxes(title="Personen", rangemode="tozero")
    return base_layout(fig, title=f"{dutch.period_label(period)}, per maand", height=400)
