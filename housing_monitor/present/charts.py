"""Chart builders: one visual language (colours, Dutch formats, suppression) for every page and export."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from housing_monitor import dutch, privacy
from housing_monitor.contract import HOUSING_FORMS

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
    """Dutch separators, readable type, a legend that never covers the data, and no zooming by dragging."""
    fig.update_layout(
        separators=",.",
        # Dragging over a chart would zoom it, and on a phone a finger could not scroll the page past it
        # (the toolbar's zoom buttons still zoom).
        dragmode=False,
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
        shown = rows["persons"].where(rows["households"] != privacy.marker())
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
        shade_selection(fig, labels, dutch.period_short(selected[0]), dutch.period_short(selected[1]))
    return base_layout(fig)


def entity_colours(entities: list[str]) -> dict[str, str]:
    """The same colour for the same entity everywhere on a page; housing forms keep their own."""
    colours = {}
    for index, entity in enumerate(entities):
        colours[entity] = HOUSING_FORM_COLOURS.get(entity, ENTITY_COLOURS[index % len(ENTITY_COLOURS)])
    return colours


def comparison_small_multiples(
    frame: pd.DataFrame,
    measures: list,
    entities: list[str],
    labels: dict[str, str],
    reference_label: str,
    count_reference_label: str,
    narrow: bool = False,
) -> go.Figure:
    """One panel per measure with its own shared axis; bars per entity, a dashed reference line, bases as text."""
    from plotly.subplots import make_subplots

    columns = 2 if len(measures) > 1 and not narrow else 1  # on a phone two panels side by side do not fit
    rows = -(-len(measures) // columns)
    titles = []
    for m in measures:
        reference = frame[(frame["measure"] == m.key) & (frame["entity"] == REFERENCE_KEY)]
        label = count_reference_label if m.kind == "count" else reference_label.lower()
        shown = reference["shown"].iloc[0] if not reference.empty else dutch.MISSING
        titles.append(f"<b>{m.label}</b><br><span style='font-size:13px'>- - - {label}: {shown}</span>")
    height = (360 if columns > 1 else 320) * rows
    fig = make_subplots(
        rows=rows, cols=columns, subplot_titles=titles, horizontal_spacing=0.12,
        vertical_spacing=0.2 if columns > 1 else 130 / height,  # a fraction of the height: the same room per row
    )
    colours = entity_colours(entities)
    names = [labels.get(e, e) for e in entities]
    for index, m in enumerate(measures):
        row, col = index // columns + 1, index % columns + 1
        part = frame[frame["measure"] == m.key].set_index("entity")
        values = [m.axis_value(part.loc[e, "value"]) if e in part.index else None for e in entities]
        texts = []
        for e in entities:
            if e not in part.index or part.loc[e, "base"] is None or pd.isna(part.loc[e, "base"]):
                texts.append("geen gegevens")
            elif part.loc[e, "suppressed"]:
                texts.append(f"{privacy.marker()} huishoudens")
            else:
                texts.append(f"{part.loc[e, 'shown']} (n={dutch.integer(part.loc[e, 'base'])})")
        fig.add_bar(
            x=names,
            y=values,
            marker_color=[colours[e] for e in entities],
            marker_pattern_shape=[HOUSING_FORM_PATTERNS.get(e, "") for e in entities],
            text=texts,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{text}<extra></extra>",
            showlegend=False,
            row=row,
            col=col,
        )
        # Suppressed or missing entities get their label where the bar would be, never a zero bar.
        for name, value, text in zip(names, values, texts):
            if value is None:
                fig.add_annotation(x=name, y=0, text=text, showarrow=False, yshift=12, row=row, col=col, font_size=13)
        if REFERENCE_KEY in part.index and part.loc[REFERENCE_KEY, "value"] is not None:
            # The reference value is named in the panel title, so its label never covers a bar.
            fig.add_hline(
                y=m.axis_value(part.loc[REFERENCE_KEY, "value"]),
                line_dash="dash",
                line_color=REFERENCE_COLOUR,
                line_width=2,
                row=row,
                col=col,
            )
        fig.update_yaxes(title_text=m.axis_title, rangemode="tozero", row=row, col=col)
    base_layout(fig, height=height)
    fig.update_layout(margin=dict(t=80))
    return fig


REFERENCE_KEY = "__reference__"


def housed_over_time_summary(frame: pd.DataFrame) -> str:
    """The text alternative of housed_over_time: the busiest half-year and the latest one."""
    numeric = frame[frame["households"] != privacy.marker()].copy()
    if numeric.empty:
        return f"Er zijn geen cijfers om te tonen (of alleen groepen van {privacy.fewer_than('huishoudens')})."
    numeric["persons"] = pd.to_numeric(numeric["persons"])
    per_period = numeric.groupby("period")["persons"].sum().sort_index()
    busiest = per_period.idxmax()
    latest = per_period.index[-1]
    forms = numeric[numeric["period"] == latest].sort_values("persons", ascending=False)
    largest = HOUSING_FORMS.get(forms.iloc[0]["housing_form"], forms.iloc[0]["housing_form"])
    return (
        f"De meeste personen kregen hun eerste woning in {dutch.period_label(busiest)} "
        f"({dutch.integer(per_period[busiest])}). In {dutch.period_label(latest)} waren het er "
        f"{dutch.integer(per_period[latest])}, de meesten in de woonvorm {largest}. "
        f"Groepen van {privacy.fewer_than('huishoudens')} zijn niet meegeteld."
    )


def shade_selection(fig: go.Figure, categories: list[str], first: str, last: str) -> None:
    """Shade the chosen half-years on a category axis, so the chart shows which part the key figures cover."""
    if first in categories and last in categories:
        fig.add_vrect(
            x0=categories.index(first) - 0.5,
            x1=categories.index(last) + 0.5,
            fillcolor="#888888",
            opacity=0.12,
            line_width=0,
            annotation_text="gekozen periode",
            annotation_position="top right",  # the text runs back over the chart: past its end it would widen the axis
        )
