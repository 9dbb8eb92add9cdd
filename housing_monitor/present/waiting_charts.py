"""Charts and tables of the waiting list and the time to a home after linking (page Wachtenden)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from housing_monitor import dutch, privacy
from housing_monitor.contract import HOUSEHOLD_TYPES
from housing_monitor.measures import quota, links, pathways
from housing_monitor.present import tables
from housing_monitor.present.charts import REFERENCE_COLOUR, base_layout
from housing_monitor.present.pathway_charts import group_style

WITHIN_COLOUR = "#56B4E9"  # Okabe–Ito sky blue: waiting, still within the norm
OVER_COLOUR = "#D55E00"  # Okabe–Ito vermillion: waiting longer than the norm
BANDS_WEEKS = ((0, 4), (4, 8), (8, 12), (12, 26), (26, 52), (52, None))
TABLE_COLUMNS = {
    "month": ("Peildatum", "date"),
    # The page says who is counted (waiting, or linked); the bases keep the plain names the tables share.
    "households": ("Huishoudens", "count"),
    "persons": ("Personen", "count"),
    "median_days_waiting": ("Wacht al (mediaan, weken)", "weeks"),
    "over_norm_households": ("Langer dan de norm", "count"),
    "events": ("Gehuisvest na koppeling", "count"),
    "median_days": ("Tijd tot woning (mediaan, weken)", "weeks"),
    "ci_low_days": ("95%-interval van (weken)", "weeks"),
    "ci_high_days": ("95%-interval tot (weken)", "weeks"),
    "housed_within_norm_share": ("Binnen de norm gehuisvest", "share"),
    "band": ("Wacht al", "text"),
}


def _number(values: pd.Series) -> pd.Series:
    """Shown numbers; suppressed cells become gaps."""
    return pd.to_numeric(values, errors="coerce")


def _text(value) -> str:
    return value if isinstance(value, str) else dutch.integer(value)


def queue_over_time(shown: pd.DataFrame) -> go.Figure:
    """Households waiting at each month's end, split into within and over the norm; suppressed months are gaps."""
    fig = go.Figure()
    months = pd.to_datetime(shown["month"])
    households, over = _number(shown["households"]), _number(shown["over_norm_households"])
    within = (households - over).where(over.notna())
    labels = [f"{dutch.MONTHS[m.month - 1]} {m.year}" for m in months]
    fig.add_bar(
        x=months, y=over, name="Langer dan de norm", marker_color=OVER_COLOUR, marker_pattern_shape="/",
        hovertext=[f"{lab}: {_text(v)} huishoudens langer dan de norm" for lab, v in zip(labels, shown["over_norm_households"])],
        hoverinfo="text",
    )
    fig.add_bar(
        x=months, y=within, name="Binnen de norm", marker_color=WITHIN_COLOUR,
        hovertext=[
            f"{lab}: {_text(v) if pd.notna(v) else privacy.marker()} huishoudens binnen de norm"
            for lab, v in zip(labels, within)
        ],
        hoverinfo="text",
    )
    # Where only the total may be shown, the total as a line.
    fig.add_scatter(
        x=months, y=households, name="Wachtend in totaal", mode="lines",
        line=dict(color=REFERENCE_COLOUR, width=2, dash="dash"), hoverinfo="skip",
    )
    fig.update_layout(barmode="stack", bargap=0.1, yaxis_title="Wachtende huishoudens", xaxis_title=None)
    return base_layout(fig)


def queue_over_time_summary(shown: pd.DataFrame) -> str:
    """The text alternative of the queue over time."""
    if shown.empty:
        return "Er zijn geen koppelingen in deze selectie."
    last, first = shown.iloc[-1], shown.iloc[0]
    return (
        f"Wachtende huishoudens aan het eind van elke maand, van {dutch.date(first['month'])} tot de peildatum "
        f"{dutch.date(last['month'])}. Op de peildatum wachten {_text(last['households'])} huishoudens, van wie "
        f"{_text(last['over_norm_households'])} langer dan de norm."
    )


def queue_per_municipality(shown: pd.DataFrame, top: int = 25) -> go.Figure:
    """The longest queues now, per municipality: within and over the norm."""
    # Municipalities whose queue is hidden or empty have no bar; the table shows them as '<5' or 0.
    frame = shown.assign(_n=_number(shown["households"]).fillna(0))
    frame = frame[frame["_n"] > 0].sort_values("_n", ascending=False).head(top)
    frame = frame.iloc[::-1]
    over = _number(frame["over_norm_households"])
    within = _number(frame["households"]) - over
    fig = go.Figure()
    fig.add_bar(y=frame["municipality_name"], x=over, orientation="h", name="Langer dan de norm",
                marker_color=OVER_COLOUR, marker_pattern_shape="/",
                hovertext=[f"{n}: {_text(v)} langer dan de norm" for n, v in zip(frame["municipality_name"], frame["over_norm_households"])],
                hoverinfo="text")
    fig.add_bar(y=frame["municipality_name"], x=within, orientation="h", name="Binnen de norm",
                marker_color=WITHIN_COLOUR,
                hovertext=[f"{n}: {_text(v)} wachtend" for n, v in zip(frame["municipality_name"], frame["households"])],
                hoverinfo="text")
    fig.update_layout(barmode="stack", xaxis_title="Wachtende huishoudens op de peildatum", yaxis_title=None)
    return base_layout(fig, height=max(320, 24 * len(frame) + 120))


def queue_per_municipality_summary(shown: pd.DataFrame) -> str:
    """The text alternative of the queue per municipality."""
    numbers = _number(shown["households"])
    if numbers.isna().all() or not numbers.fillna(0).any():
        return "Geen gemeente met genoeg wachtenden om te tonen."
    row = shown.loc[numbers.idxmax()]
    return (
        f"Wachtende huishoudens per gemeente op de peildatum, de langste rijen bovenaan. De langste rij heeft "
        f"{row['municipality_name']}: {_text(row['households'])} huishoudens, van wie "
        f"{_text(row['over_norm_households'])} langer dan de norm. Gemeenten met minder dan "
        f"{privacy.threshold()} wachtenden staan als '{privacy.marker()}' in de tabel."
    )


def band_label(start: int, end: int | None) -> str:
    return f"{start}–{end} weken" if end is not None else f"{start} weken of langer"


def waiting_bands(days_waiting: pd.DataFrame) -> pd.DataFrame:
    """Households waiting now per band of weeks waited (band, households), small bands '<5' with a complement."""
    weeks = days_waiting["days_waiting"].to_numpy(float) / 7
    counts = [
        int(((weeks >= start) & (weeks < end if end is not None else True)).sum()) for start, end in BANDS_WEEKS
    ]
    frame = pd.DataFrame({"band": [band_label(s, e) for s, e in BANDS_WEEKS], "households": counts})
    return links.suppress_counts(frame, "households", [[]])


def waiting_bands_chart(bands: pd.DataFrame, norm_days: int) -> go.Figure:
    """How long those waiting now have waited, in bands of weeks; bands past the norm in the over-norm colour."""
    norm_weeks = norm_days / 7
    colours = [OVER_COLOUR if start >= norm_weeks else WITHIN_COLOUR for start, _ in BANDS_WEEKS]
    fig = go.Figure()
    fig.add_bar(
        x=bands["band"], y=_number(bands["households"]), marker_color=colours,
        hovertext=[f"{b}: {_text(v)} huishoudens" for b, v in zip(bands["band"], bands["households"])],
        hoverinfo="text", showlegend=False,
    )
    fig.update_layout(xaxis_title=f"Wacht al sinds de koppeling (norm: {dutch.number(norm_weeks, 0)} weken)",
                      yaxis_title="Wachtende huishoudens")
    return base_layout(fig, height=360)


def time_to_home_curves(points: pd.DataFrame, summary: pd.DataFrame, norm_days: int) -> go.Figure:
    """Share housed since linking (1 − Kaplan–Meier) per household type, in weeks, with the norm marked."""
    fig = go.Figure()
    for position, row in enumerate(summary.itertuples(index=False)):
        value = row.household_type
        if privacy.is_small(row.households):
            continue
        shown = pathways.shown_part(points[points["household_type"] == value])
        if shown.empty:
            continue
        colour, dash = group_style("household_type", value, position)
        name = HOUSEHOLD_TYPES.get(value, str(value))
        weeks = shown["time"].to_numpy(float) / 7
        housed = 1 - shown["survival"]
        hover = [
            f"{name}<br>na {dutch.number(w, 0)} weken: {dutch.percent(h)} gehuisvest<br>nog gevolgd: {dutch.integer(n)}"
            for w, h, n in zip(weeks, housed, shown["at_risk"])
        ]
        fig.add_scatter(x=weeks, y=housed, mode="lines", name=name, hovertext=hover, hoverinfo="text",
                        line=dict(color=colour, dash=dash, width=3, shape="hv"))
    fig.add_vline(x=norm_days / 7, line=dict(color="#999999", width=1, dash="dot"), annotation_text="norm",
                  annotation_position="bottom right")
    fig.add_hline(y=0.5, line=dict(color="#999999", width=1, dash="dot"), annotation_text="de helft",
                  annotation_position="top left")
    fig.update_xaxes(title="Weken sinds de koppeling", rangemode="tozero")
    fig.update_yaxes(title="Aandeel met een woning", tickformat=".0%", range=[0, 1.02])
    return base_layout(fig, height=420)


def time_to_home_summary(summary: pd.DataFrame) -> str:
    """The text alternative of the time-to-home curves."""
    parts = []
    for row in summary.itertuples(index=False):
        if privacy.is_small(row.households):
            continue
        median = "niet bereikt" if np.isnan(row.median_days) else f"{dutch.number(row.median_days / 7, 1)} weken"
        parts.append(
            f"{HOUSEHOLD_TYPES.get(row.household_type, row.household_type)}: de helft gehuisvest na {median}, "
            f"{dutch.percent(row.housed_within_norm_share)} binnen de norm"
        )
    return "Aandeel gehuisvest sinds de koppeling, wachtenden meegeteld. " + ("; ".join(parts) or "Te weinig gegevens.")


def queue_beside_backlog(progress: pd.DataFrame, queue: pd.DataFrame) -> pd.DataFrame:
    """Per municipality: who waits now (waiting_list by municipality) beside what the quota still asks in the
    latest half-year (quota_progress rows); a display table, suppressed over exactly its rows."""
    rows = quota.suppressed(progress)[["municipality_code", "period", "adjusted_target", "realised"]].copy()
    realised = pd.to_numeric(rows["realised"], errors="coerce")
    # A hidden estimate stays hidden: the open part would give it away by difference.
    rows["open"] = (pd.to_numeric(rows["adjusted_target"], errors="coerce") - realised).clip(lower=0).astype(object)
    rows.loc[realised.isna() & rows["realised"].notna(), "open"] = privacy.marker()
    table = queue.merge(rows, on="municipality_code", how="inner")
    table = links.WAITING_LIST.suppressed(table, ("municipality_code",))
    columns = ["municipality_name", "households", "persons", "over_norm_households", "period", "adjusted_target",
               "realised", "open"]
    return tables.display(table[columns], {
        **TABLE_COLUMNS,
        "realised": ("Gehuisvest volgens de taakstelling", "count"),
        "open": ("Nog te huisvesten in het halfjaar", "count"),
    })


def queue_table(shown: pd.DataFrame) -> pd.DataFrame:
    """The waiting list per group as people read it."""
    return tables.display(shown, TABLE_COLUMNS)
