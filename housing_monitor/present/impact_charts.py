"""Charts for what follows housing: nuisance rates, integration outcomes and intervention effects."""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
import plotly.graph_objects as go

from housing_monitor import dutch, privacy
from housing_monitor.contract import HOUSING_FORMS, INTERVENTION_TYPES
from housing_monitor.present.charts import (
    HOUSING_FORM_COLOURS,
    HOUSING_FORM_DASHES,
    HOUSING_FORM_PATTERNS,
    HOUSING_FORM_SYMBOLS,
    REFERENCE_COLOUR,
    base_layout,
    shade_selection,
)
from housing_monitor.present.tables import COLUMNS, format_value

NEUTRAL_COLOUR = "#0072B2"
ALL_FORMS_LABEL = "Alle woonvormen"


def shown(frame: pd.DataFrame, base: str) -> pd.DataFrame:
    """The rows whose figures may be drawn: suppressed rows ('<5') are left out."""
    return frame[frame[base].map(lambda v: not isinstance(v, str))] if not frame.empty else frame


# What an empty group value means: a dwelling without a corporation is a private rental.
MISSING_GROUP_LABELS = {"corporation": "geen corporatie", "project": "geen project"}


def missing_label(column: str) -> str:
    return MISSING_GROUP_LABELS.get(column, "onbekend")


def group_label(frame: pd.DataFrame, column: str) -> pd.Series:
    """What a person calls each group: the Dutch label, the municipality name, or what an empty value means."""
    if column == "municipality_code" and "municipality_name" in frame:
        values = frame["municipality_name"]
        return values.where(values.notna(), missing_label(column)).astype(str)
    kind = COLUMNS.get(column, (column, "text"))[1]
    return frame[column].map(lambda v: missing_label(column) if v is None or pd.isna(v) else format_value(v, kind))


def _rate_hover(row) -> str:
    return (
        f"{dutch.number(row.rate_per_100, 1)} per 100 huishoudjaren<br>"
        f"95%-marge {dutch.number(row.rate_ci_low, 1)} – {dutch.number(row.rate_ci_high, 1)}<br>"
        f"{dutch.integer(row.signals)} signalen · {dutch.number(row.household_years, 1)} huishoudjaren · "
        f"{dutch.integer(row.households)} huishoudens"
    )


def nuisance_by_group(frame: pd.DataFrame, column: str) -> go.Figure:
    """Signals per 100 household-years per group, highest on top, with the 95% interval as whiskers."""
    rows = shown(frame, "households").dropna(subset=["rate_per_100"]).sort_values("rate_per_100")
    labels = group_label(rows, column)
    fig = go.Figure()
    for form_rows, form in _split_by_form(rows, column):
        fig.add_bar(
            y=labels.loc[form_rows.index],
            x=form_rows["rate_per_100"],
            orientation="h",
            name=HOUSING_FORMS.get(form, "Overlast"),
            marker_color=HOUSING_FORM_COLOURS.get(form, NEUTRAL_COLOUR),
            marker_pattern_shape=HOUSING_FORM_PATTERNS.get(form, ""),
            error_x=dict(
                type="data",
                symmetric=False,
                array=form_rows["rate_ci_high"] - form_rows["rate_per_100"],
                arrayminus=form_rows["rate_per_100"] - form_rows["rate_ci_low"],
                color="#333333",
                thickness=1.5,
            ),
            hovertext=[_rate_hover(r) for r in form_rows.itertuples()],
            hoverinfo="text",
        )
    # The value just past the whisker: readable over any bar pattern. Set in one go (see intervention_forest).
    values = [
        dict(x=row.rate_ci_high, y=label, text=dutch.number(row.rate_per_100, 1), showarrow=False,
             xanchor="left", xshift=6, font=dict(size=14, color="#222222"))
        for row, label in zip(rows.itertuples(), labels)
    ]
    fig.update_layout(
        annotations=list(fig.layout.annotations) + values,
        barmode="overlay",
        showlegend=False,
        xaxis=dict(range=[0, float(rows["rate_ci_high"].max()) * 1.12] if not rows.empty else None),
        xaxis_title="Signalen per 100 huishoudjaren (met 95%-marge)",
        yaxis=dict(categoryorder="array", categoryarray=list(labels)),
    )
    return base_layout(fig, height=max(260, 60 + 34 * len(rows)))


def _split_by_form(rows: pd.DataFrame, column: str):
    """Per housing form when the split is by housing form (each form its own colour), else all at once."""
    if column != "housing_form":
        yield rows, None
        return
    for form in rows["housing_form"].dropna().unique():
        yield rows[rows["housing_form"] == form], form
    unknown = rows[rows["housing_form"].isna()]
    if not unknown.empty:
        yield unknown, None


def _form_traces(frame: pd.DataFrame, x: str, y: str, hover, x_labels=None) -> list[go.Scatter]:
    """One line per housing form (own colour, dash and marker) plus the dashed grey line of all forms."""
    traces = []
    for form, label in [*HOUSING_FORMS.items(), (None, ALL_FORMS_LABEL)]:
        rows = frame[frame["housing_form"].isna()] if form is None else frame[frame["housing_form"] == form]
        if rows.empty:
            continue
        traces.append(
            go.Scatter(
                x=rows[x] if x_labels is None else rows[x].map(x_labels),
                y=rows[y],
                name=label,
                mode="lines+markers",
                line=dict(
                    color=HOUSING_FORM_COLOURS.get(form, REFERENCE_COLOUR),
                    dash=HOUSING_FORM_DASHES.get(form, "dash"),
                    width=3 if form else 2,
                ),
                marker=dict(symbol=HOUSING_FORM_SYMBOLS.get(form, "circle-open"), size=9),
                hovertext=[f"{label}<br>{hover(r)}" for r in rows.itertuples()],
                hoverinfo="text",
                connectgaps=False,
            )
        )
    return traces


# A half-year with less exposure than this swings wildly on one or two signals; the trend leaves it out.
MIN_TREND_HOUSEHOLD_YEARS = 20


def trend_points(frame: pd.DataFrame) -> pd.DataFrame:
    """The half-years a trend line may show: not suppressed and with enough household-years."""
    rows = shown(frame, "households")
    return rows[pd.to_numeric(rows["household_years"], errors="coerce") >= MIN_TREND_HOUSEHOLD_YEARS]


def nuisance_trend(frame: pd.DataFrame, selected: tuple[str, str] | None = None) -> go.Figure:
    """Signals per 100 household-years per half-year, per housing form and for all forms together."""
    rows = trend_points(frame)
    periods = sorted(frame["period"].dropna().unique()) if not frame.empty else []
    rows = _complete_periods(rows, periods)
    fig = go.Figure(_form_traces(rows, "period", "rate_per_100", _trend_hover, x_labels=dutch.period_short))
    fig.update_layout(
        yaxis_title="Signalen per 100 huishoudjaren",
        xaxis=dict(type="category", categoryorder="array", categoryarray=[dutch.period_short(p) for p in periods]),
        yaxis=dict(rangemode="tozero"),
    )
    if selected:
        shade_selection(fig, periods, selected[0], selected[1])
    return base_layout(fig)


def _complete_periods(rows: pd.DataFrame, periods: list[str]) -> pd.DataFrame:
    # A suppressed half-year must show as a gap in its line, not as a straight line across it.
    filled = []
    for form in [*rows["housing_form"].dropna().unique(), None]:
        part = rows[rows["housing_form"].isna()] if form is None else rows[rows["housing_form"] == form]
        if part.empty:
            continue
        part = part.set_index("period").reindex(periods).reset_index()
        part["housing_form"] = form
        filled.append(part)
    return pd.concat(filled, ignore_index=True) if filled else rows


def _trend_hover(row) -> str:
    if pd.isna(row.rate_per_100):
        return f"{dutch.period_short(row.period)}: te weinig huishoudens of huishoudjaren"
    return f"{dutch.period_short(row.period)}: " + _rate_hover(row)


def integration_curve(frame: pd.DataFrame, value: str = "share", outcome_label: str = "") -> go.Figure:
    """An outcome's share against months since the first home, per housing form and for all forms together."""
    rows = shown(frame, "persons").copy()
    rows[value] = pd.to_numeric(rows[value], errors="coerce") * 100

    def hover(row) -> str:
        share = getattr(row, value)
        text = "niet te standaardiseren" if pd.isna(share) else dutch.percent(share / 100)
        return f"na {row.k_months} maanden: {text}<br>op basis van {dutch.integer(row.persons)} personen"

    fig = go.Figure(_form_traces(rows.sort_values("k_months"), "k_months", value, hover))
    fig.update_layout(
        xaxis=dict(title="Maanden na de eerste woning", tickvals=sorted(rows["k_months"].unique()) if not rows.empty else None),
        yaxis=dict(title=f"{outcome_label} (% van de personen)", ticksuffix="%", rangemode="tozero"),
    )
    return base_layout(fig)


def intervention_label(row) -> str:
    """'Coördinator – Almere-Haven, Almere (feb 2017)'."""
    place = f"{row.project}, {row.municipality_name}" if isinstance(row.project, str) else row.municipality_name
    return f"{INTERVENTION_TYPES.get(row.type, row.type)} – {place} ({dutch.month_year(row.start_date)})"


def intervention_forest(effects: pd.DataFrame, narrow: bool = False) -> go.Figure:
    """Per intervention the difference of changes (place minus comparison) with its 95% margin; too little data said so."""
    measured = effects["difference"].map(lambda v: not isinstance(v, str) and pd.notna(v))
    # Those with a conclusion on top; those without below, each in order of start date.
    rows = effects.assign(measured=measured).sort_values(["measured", "start_date"], ascending=[False, True])
    rows = rows.reset_index(drop=True)
    measured = rows["measured"]
    # On a phone a label on one line would leave no room for the chart: short lines, and taller rows for them.
    wrap = (lambda text: "<br>".join(textwrap.wrap(text, 24))) if narrow else (lambda text: text)
    labels = [wrap(intervention_label(r)) for r in rows.itertuples()]
    row_height = 30 + 15 * (max((label.count("<br>") for label in labels), default=0))
    fig = go.Figure()
    fig.add_vline(x=0, line_color="#333333", line_width=1)
    data = rows[measured]
    fig.add_scatter(
        x=data["difference"],
        y=[labels[i] for i in data.index],
        mode="markers",
        marker=dict(symbol="diamond", size=12, color=NEUTRAL_COLOUR),
        error_x=dict(
            type="data",
            symmetric=False,
            array=data["difference_ci_high"] - data["difference"],
            arrayminus=data["difference"] - data["difference_ci_low"],
            color=NEUTRAL_COLOUR,
            thickness=2,
        ),
        hovertext=[
            f"Verschil {dutch.number(r.difference, 1)} per 100 huishoudjaren<br>"
            f"95%-marge {dutch.number(r.difference_ci_low, 1)} – {dutch.number(r.difference_ci_high, 1)}"
            for r in data.itertuples()
        ],
        hoverinfo="text",
        showlegend=False,
    )
    # All notes in one go: add_annotation re-validates every earlier note, 0.5 s for a hundred interventions.
    notes = [
        dict(x=0, y=labels[i], text="te weinig gegevens", showarrow=False, xanchor="left", xshift=8,
             font=dict(color="#555555", size=13))
        for i in rows.index[~measured]
    ]
    fig.update_layout(
        annotations=list(fig.layout.annotations) + notes,
        xaxis_title=wrap("Verandering op de plek min verandering elders (per 100 huishoudjaren)"),
        yaxis=dict(type="category", categoryorder="array", categoryarray=labels[::-1]),
    )
    return base_layout(fig, height=max(260, 90 + row_height * len(rows)))


def intervention_timeline(timeline: pd.DataFrame, effect: pd.Series) -> go.Figure:
    """Month by month nuisance at the place and elsewhere, the before/after averages, and a line at the start."""
    start = effect["start_date"]
    months = sorted(timeline["months_from_start"].unique())
    tick_text = [_month_label(start, m) for m in months]
    fig = go.Figure()
    form = effect["housing_form"]
    sides = (
        ("place", "Op de plek", HOUSING_FORM_COLOURS.get(form, NEUTRAL_COLOUR), "solid", "circle", ""),
        ("comparison", "Vergelijkbare plekken", REFERENCE_COLOUR, "dash", "square-open", "comparison_"),
    )
    for side, name, colour, dash, symbol, prefix in sides:
        rows = timeline[timeline["side"] == side].sort_values("months_from_start")
        visible = rows[rows["households"] >= 5]
        fig.add_scatter(
            x=visible["months_from_start"] + 0.5,
            y=visible["rate_per_100"],
            name=f"{name} (per maand)",
            mode="lines+markers",
            line=dict(color=colour, dash=dash, width=1.5),
            marker=dict(symbol=symbol, size=8),
            opacity=0.6,
            hovertext=[
                f"{name}, {_month_label(start, r.months_from_start)}: {dutch.number(r.rate_per_100, 1)} "
                f"({dutch.integer(r.signals)} signalen, {dutch.integer(r.households)} huishoudens)"
                for r in visible.itertuples()
            ],
            hoverinfo="text",
        )
        for half, x0, x1 in (("before_", months[0], 0), ("after_", 0, months[-1] + 1)):
            level = effect.get(f"{prefix}{half}rate")
            if level is None or isinstance(level, str) or pd.isna(level):
                continue
            fig.add_scatter(
                x=[x0, x1],
                y=[level, level],
                mode="lines",
                line=dict(color=colour, dash=dash, width=4),
                name=f"{name}: gemiddelde over 6 maanden",
                hovertext=f"{name}, gemiddeld {'ervoor' if half == 'before_' else 'erna'}: {dutch.number(level, 1)}",
                hoverinfo="text",
                showlegend=half == "before_",
                legendgroup=f"{side}_mean",
            )
    fig.add_vline(
        x=0,
        line_dash="dot",
        line_color="#000000",
        annotation_text=f"Start {INTERVENTION_TYPES.get(effect['type'], effect['type']).lower()} ({dutch.date(start)})",
        annotation_position="top right",
    )
    fig.update_layout(
        xaxis=dict(tickvals=[m + 0.5 for m in months], ticktext=tick_text, title=None),
        yaxis=dict(title="Signalen per 100 huishoudjaren", rangemode="tozero"),
    )
    return base_layout(fig)


def _month_label(start: dt.date, months_from_start: int) -> str:
    index = start.month - 1 + int(months_from_start)
    return dutch.month_year(dt.date(start.year + index // 12, index % 12 + 1, 1))


# Text alternatives: what each chart shows, in a few sentences, for readers who cannot see it.


def _numeric(frame: pd.DataFrame, base: str, value: str) -> pd.DataFrame:
    rows = shown(frame, base)
    return rows[pd.to_numeric(rows[value], errors="coerce").notna()]


def nuisance_by_group_summary(frame: pd.DataFrame, column: str) -> str:
    rows = _numeric(frame, "households", "rate_per_100").sort_values("rate_per_100", ascending=False)
    hidden = len(frame) - len(shown(frame, "households"))
    note = f" {hidden} groep(en) met {privacy.fewer_than('huishoudens')} zijn niet getoond." if hidden else ""
    if rows.empty:
        return "Er zijn geen cijfers om te tonen." + note
    labels = group_label(rows, column)

    def describe(i) -> str:
        row = rows.loc[i]
        return (
            f"{labels[i]} ({dutch.number(row.rate_per_100, 1)} per 100 huishoudjaren, marge "
            f"{dutch.number(row.rate_ci_low, 1)} tot {dutch.number(row.rate_ci_high, 1)}, "
            f"{dutch.number(row.household_years, 0)} huishoudjaren)"
        )

    if len(rows) == 1:
        return f"Eén groep: {describe(rows.index[0])}." + note
    return f"Het hoogste cijfer: {describe(rows.index[0])}. Het laagste: {describe(rows.index[-1])}." + note


def nuisance_trend_summary(frame: pd.DataFrame) -> str:
    rows = trend_points(frame)
    overall = rows[rows["housing_form"].isna()].sort_values("period")
    if overall.empty:
        return "Er zijn geen cijfers om te tonen."
    latest, peak = overall.iloc[-1], overall.loc[overall["rate_per_100"].idxmax()]
    forms = rows[rows["housing_form"].notna() & (rows["period"] == latest.period)].sort_values("rate_per_100")
    per_form = ", ".join(
        f"{HOUSING_FORMS.get(r.housing_form, r.housing_form)} {dutch.number(r.rate_per_100, 1)}" for r in forms.itertuples()
    )
    return (
        f"Alle woonvormen samen: {dutch.number(latest.rate_per_100, 1)} signalen per 100 huishoudjaren in "
        f"{dutch.period_label(latest.period)}, het hoogst in {dutch.period_label(peak.period)} "
        f"({dutch.number(peak.rate_per_100, 1)}). Per woonvorm in {dutch.period_label(latest.period)}: {per_form}."
    )


def integration_curve_summary(frame: pd.DataFrame, value: str, outcome_label: str) -> str:
    rows = _numeric(frame, "persons", value)
    if rows.empty:
        return "Er zijn nog geen metingen om te tonen."
    last = rows["k_months"].max()
    at_last = rows[rows["k_months"] == last]
    overall = at_last[at_last["housing_form"].isna()]
    forms = at_last[at_last["housing_form"].notna()].sort_values(value)
    text = f"{outcome_label} na {last} maanden"
    if not overall.empty:
        text += f": alle woonvormen samen {dutch.percent(overall[value].iloc[0])}"
    if len(forms) > 1:
        high, low = forms.iloc[-1], forms.iloc[0]
        text += (
            f"; het hoogst bij {HOUSING_FORMS.get(high.housing_form)} ({dutch.percent(high[value])}), het laagst "
            f"bij {HOUSING_FORMS.get(low.housing_form)} ({dutch.percent(low[value])})"
        )
    return text + f". Punten met {privacy.fewer_than('personen')} zijn niet getoond."


def intervention_forest_summary(effects: pd.DataFrame) -> str:
    measured = effects[effects["difference"].map(lambda v: not isinstance(v, str) and pd.notna(v))]
    text = f"Van de {len(effects)} interventies hebben er {len(measured)} genoeg gegevens voor een conclusie."
    for row in measured.itertuples():
        text += (
            f" {intervention_label(row)}: verschil {dutch.number(row.difference, 1)} per 100 huishoudjaren "
            f"(marge {dutch.number(row.difference_ci_low, 1)} tot {dutch.number(row.difference_ci_high, 1)})."
        )
    return text
