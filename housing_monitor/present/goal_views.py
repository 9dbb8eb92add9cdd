"""Goals as people read them: values in the measure's own unit, status words, summary sentences, trend chart."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from housing_monitor import dutch, privacy
from housing_monitor.contract import GOAL_MEASURES
from housing_monitor.measures.goals import (
    BASE_UNITS,
    MEASURE_KINDS,
    STATUS_LABELS,
    STATUS_ORDER,
    scope_label,
)
from housing_monitor import formats
from housing_monitor.present.charts import REFERENCE_COLOUR, base_layout

# Streamlit markdown badges: the word carries the meaning, the colour only helps (and emoji fonts are
# missing on many projector PCs and in the table canvas).
STATUS_BADGES = {
    "met": "green",
    "on_track": "blue",
    "off_track": "orange",
    "not_met": "red",
    "too_little_data": "gray",
    "no_data": "gray",
    "not_started": "violet",
}
SHORT_MEASURES = {
    "waiting_time_median_days": "wachttijd (mediaan)",
    "permanent_within_12m_share": "binnen 12 maanden vast",
    "nuisance_rate": "overlast",
    "language_b1_24m_share": "taal B1+ na 24 maanden",
    "employed_24m_share": "werk na 24 maanden",
    "quota_realisation": "realisatie taakstelling",
    "waiting_over_norm_households": "wachtend boven de norm",
    "housed_within_norm_share": "binnen de norm gehuisvest",
}


def measure_value(value, measure: str) -> str:
    """A goal measure's value in its own unit: '45 dagen (6,4 weken)', '66,7%', '40,0 per 100 huishoudjaren'."""
    kind = MEASURE_KINDS[measure]
    if formats.is_missing(value) or isinstance(value, str):
        return formats.figure(value, kind)
    if kind == "days":
        return f"{formats.figure(value, 'days')} ({formats.figure(value, 'weeks')})"
    if kind == "share":
        return formats.figure(value, kind)
    if kind == "count":
        return f"{formats.figure(value, kind)} huishoudens"
    return f"{formats.figure(value, kind)} per 100 huishoudjaren"


def target_text(goal) -> str:
    """'hoogstens 50 dagen (7,1 weken)' or 'minstens 90,0%'."""
    word = "hoogstens" if goal["direction"] == "max" else "minstens"
    return f"{word} {measure_value(goal['target'], goal['measure'])}"


def base_text(row) -> str:
    """'6 huishoudens', '<5 huishoudens' or 'geen gegevens'."""
    unit = BASE_UNITS.get(row["base_unit"], row["base_unit"])
    base = row["base"]
    if base is None or pd.isna(base):
        return "geen gegevens"
    nobody = bool(row.get("zero_is_shown", False)) and base == 0  # nobody over the norm: 0, not too little data
    if privacy.is_small(base) and not row.get("public", False) and not nobody:
        return f"{privacy.marker()} {unit}"
    return f"{dutch.integer(base)} {unit}"


def status_badge(status: str, text: str | None = None) -> str:
    """A coloured markdown badge with the status (or the given text)."""
    return f":{STATUS_BADGES[status]}-badge[{text or STATUS_LABELS[status]}]"


def period_text(goal) -> str:
    return f"{dutch.date(goal['period_start'])} t/m {dutch.date(goal['period_end'])}"


def interval_text(row) -> str:
    low, high = row.get("ci_low"), row.get("ci_high")
    if low is None or high is None or pd.isna(low) or pd.isna(high):
        return ""
    return f"{dutch.number(low, 1)} – {dutch.number(high, 1)}"


def description(goal) -> str:
    """The goal's own words, else its measure in words."""
    text = goal.get("description")
    return text if isinstance(text, str) and text.strip() else GOAL_MEASURES[goal["measure"]]


def goals_table(attainment: pd.DataFrame) -> pd.DataFrame:
    """One row per goal with Dutch headers, worst status first; nothing resting on fewer than 5 shows a number."""
    order = {status: i for i, status in enumerate(STATUS_ORDER)}
    frame = attainment.assign(_order=attainment["status"].map(order)).sort_values(["_order", "goal_id"])
    rows = []
    for _, goal in frame.iterrows():
        shown = goal["status"] not in ("too_little_data", "no_data", "not_started")
        measured = measure_value(goal["value"], goal["measure"]) if shown else dutch.MISSING
        if goal["status"] == "too_little_data":
            measured = "te weinig gegevens"
        elif goal["status"] == "not_started":
            measured = "nog niet begonnen"
        elif shown and pd.isna(goal["value"]):
            measured = "niets openstaand"  # a lead covered the quota
        rows.append(
            {
                "Status": STATUS_LABELS[goal["status"]],
                "Doel": description(goal),
                "Waar": scope_label(goal),
                "Maatstaf": GOAL_MEASURES[goal["measure"]],
                "Periode": period_text(goal),
                "Streefwaarde": target_text(goal),
                "Gemeten": measured + (" (tot nu toe)" if goal["running"] and shown and pd.notna(goal["value"]) else ""),
                "95%-marge": interval_text(goal) if shown else "",
                "Basis": base_text(goal),
                "Code": goal["goal_id"],
                "Toelichting": goal["note"] or "",
            }
        )
    return pd.DataFrame(rows, columns=[
        "Status", "Doel", "Waar", "Maatstaf", "Periode", "Streefwaarde", "Gemeten", "95%-marge", "Basis", "Code",
        "Toelichting",
    ])


def summary_sentence(row) -> str:
    """'Amsterdam (gemeente): 2 doelen — 1 op koers, 1 niet op koers.'"""
    parts = [status_badge(s, f"{row[s]} {STATUS_LABELS[s].lower()}") for s in STATUS_ORDER if row.get(s, 0)]
    noun = "doel" if row["goals"] == 1 else "doelen"
    return f"**{row['organisation']}** ({row['kind']}): {row['goals']} {noun} — {' '.join(parts)}"


def trend_chart(goal, trend: pd.DataFrame) -> go.Figure:
    """The value so far at each half-year end, the target as a dashed line, the deadline marked."""
    measure = goal["measure"]
    kind = MEASURE_KINDS[measure]
    scale = 100 if kind == "share" else 1
    target = float(goal["target"]) * scale
    fig = go.Figure()
    point = {"base_unit": goal["base_unit"], "zero_is_shown": goal.get("zero_is_shown", False)}
    shown = trend[trend["value"].notna()]
    hidden = trend[trend["value"].isna()]
    fig.add_scatter(
        x=[dutch.date(d) for d in shown["measured_until"]],
        y=shown["value"].astype(float) * scale,
        mode="lines+markers",
        name="Gemeten (vanaf begin periode)",
        line=dict(color="#0072B2", width=3),
        marker=dict(size=10),
        hovertext=[
            f"Tot {dutch.date(d)}: {measure_value(v, measure)} · basis {base_text({**point, 'base': b})}"
            for d, v, b in zip(shown["measured_until"], shown["value"], shown["base"])
        ],
        hoverinfo="text",
    )
    x_all = [dutch.date(d) for d in trend["measured_until"]]
    fig.add_scatter(
        x=x_all,
        y=[target] * len(trend),
        mode="lines",
        name=f"Streefwaarde ({target_text(goal)})",
        line=dict(color=REFERENCE_COLOUR, dash="dash", width=2),
        hoverinfo="skip",
    )
    if not hidden.empty:
        fig.add_scatter(
            x=[dutch.date(d) for d in hidden["measured_until"]],
            y=[0] * len(hidden),
            mode="markers",
            name=f"Te weinig gegevens ({privacy.marker()})",
            marker=dict(symbol="circle-open", size=12, color="#7F7F7F"),
            hovertext=[f"Tot {dutch.date(d)}: te weinig gegevens" for d in hidden["measured_until"]],
            hoverinfo="text",
        )
    top = max([target, *(shown["value"].astype(float) * scale)]) * 1.15
    if kind == "share":
        top = max(100.0, top)  # a quota realisation can pass 100%
    met_band = (0, target) if goal["direction"] == "max" else (target, top)
    fig.add_hrect(
        y0=met_band[0], y1=met_band[1], fillcolor="#009E73", opacity=0.08, line_width=0,
        annotation_text="hier is het doel gehaald", annotation_position="top left" if goal["direction"] == "min" else "bottom left",
    )
    fig.update_yaxes(range=[0, top])
    unit = {"days": "dagen", "share": "%", "rate": "per 100 huishoudjaren", "count": "huishoudens"}[kind]
    fig.update_xaxes(type="category", title="Gemeten tot en met")
    fig.update_yaxes(title=f"{SHORT_MEASURES[measure]} ({unit})")
    fig = base_layout(fig, title=f"Stand tot nu toe · deadline {dutch.date(goal['period_end'])}", height=420)
    # The title takes the top: the legend goes under the axis.
    fig.update_layout(legend=dict(yanchor="top", y=-0.25), margin=dict(b=90))
    return fig


def trend_summary(goal, trend: pd.DataFrame) -> str:
    """The chart in words, for screen readers and the text alternative."""
    points = [
        f"tot {dutch.date(row.measured_until)}: "
        + (measure_value(row.value, goal["measure"]) if pd.notna(row.value) else "te weinig gegevens")
        for row in trend.itertuples()
    ]
    return (
        f"Verloop van '{description(goal)}' ({target_text(goal)}, deadline {dutch.date(goal['period_end'])}): "
        + "; ".join(points)
        + "."
    )


def status_counts_text(counts: dict[str, int]) -> str:
    """'3 gehaald, 1 niet gehaald, 1 te weinig gegevens' (statuses that occur, worst first)."""
    return ", ".join(f"{n} {STATUS_LABELS[s].lower()}" for s, n in counts.items() if n)

