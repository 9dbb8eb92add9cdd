"""Doorstroom naar vaste woning: Kaplan–Meier curves per group, the median marked, the number still waiting."""

import datetime as dt

import streamlit as st

from housing_monitor import dutch, privacy
from housing_monitor.contract import HOUSING_FORMS
from housing_monitor.measures import pathways
from housing_monitor.present import pathway_charts, pathway_texts
from housing_monitor.present import pathway_key_figures as pathway_kpis
from ui import data, layout

MAX_CURVES = 8
GROUPINGS = {
    "housing_form": "Woonvorm van de eerste woning",
    "household_type": "Huishoudtype",
    "municipality_code": "Gemeente",
    "province": "Provincie",
    "corporation": "Corporatie",
    "project": "Project",
    "period": "Halfjaar van de eerste woning",
    "": "Niet vergelijken (alle huishoudens)",
}

filters = st.session_state["filters"]
layout.header(
    "Doorstroom naar vaste woning",
    "Hoe snel hebben statushouders na hun vergunning een vaste woning, en verschilt dat per groep?",
)

latest = data.reference_date() or dt.date.today()
left, right = st.columns(2)
column = left.selectbox(
    "Vergelijk naar", list(GROUPINGS), format_func=GROUPINGS.get, key="doorstroom_groep", bind="query-params"
)
chosen = right.date_input(
    "Peildatum",
    value=latest,
    min_value=dt.date(latest.year - 20, 1, 1),
    max_value=latest,
    format="DD-MM-YYYY",
    key="doorstroom_peildatum",
    help="Wat wisten we op deze datum? Latere verhuizingen tellen niet mee. Standaard: de laatste datum in de gegevens.",
)
by = (column,) if column else ()
st.caption(
    f"Huishoudens met hun eerste woning in {dutch.period_range_label(filters.period_from, filters.period_to)} · "
    f"peildatum {dutch.date(chosen)}"
)

layout.metric_row(data.computed(pathway_kpis.pathway_kpis, filters, reference_date=chosen))

summary, shown_groups = data.time_to_permanent(filters, by, chosen)
points = data.computed(pathways.permanent_housing_curves, filters, by=by, reference_date=chosen)
labels = dict(zip(summary["municipality_code"], summary["municipality_name"])) if column == "municipality_code" else {}
if column == "period":
    labels = {p: dutch.period_short(p) for p in summary["period"]}
if column and not shown_groups.empty:  # an empty result has untyped columns
    shown_groups = shown_groups.nlargest(MAX_CURVES, "households")
    order = list(HOUSING_FORMS) if column == "housing_form" else sorted(shown_groups[column].dropna().unique())
    shown_groups = shown_groups.sort_values(column, key=lambda values: values.map({v: i for i, v in enumerate(order)}))

if summary.empty or shown_groups.empty:
    st.info(f"Voor deze selectie zijn te weinig huishoudens om een curve te tonen ({privacy.fewer_than('per groep')}).")
else:
    st.subheader("Aandeel met een vaste woning, naar tijd sinds de vergunning")
    if column and len(shown_groups) < len(summary):
        st.caption(
            f"De grafiek toont de {len(shown_groups)} grootste groepen met minstens {privacy.threshold()} "
            "huishoudens; de tabel onderaan toont ze allemaal."
        )
    curve_points = points if not column else points[points[column].isin(shown_groups[column])]
    layout.plot(
        data.chart(pathway_charts.permanent_housing_curves, curve_points, shown_groups, column or None, labels),
        key="doorstroom_chart",
    )
    st.markdown("**Wat zien we?**")
    for _, row in shown_groups.iterrows():
        value = row[column] if column else None
        phrase = pathway_texts.group_phrase(column or None, value, labels.get(value) if column else None)
        st.markdown("- " + pathway_texts.reading(row, phrase))

    st.markdown("**Aantal huishoudens dat nog wacht en nog gevolgd wordt**")
    keys = [column] if column else []
    at_risk = pathways.at_risk_table(curve_points, keys)
    st.dataframe(pathway_texts.at_risk_display(at_risk, keys, labels), hide_index=True, width="stretch")

layout.how_to_read(
    "Elke lijn begint bij 0% op de dag van de verblijfsvergunning en stijgt telkens als huishoudens een "
    "**vaste** woning krijgen (een woning met permanent = ja). Huishoudens die nog in een tijdelijke woning "
    "zitten op de peildatum, of die uit de gegevens verdwijnen, tellen mee zolang we ze volgen: dat is de "
    "Kaplan–Meier-methode. De gekleurde band is het 95%-betrouwbaarheidsinterval: hoe smaller, hoe zekerder. "
    "Het ruitje markeert de mediaan: het moment waarop de helft een vaste woning had. Een lijn stopt waar "
    f"{privacy.fewer_than('huishoudens')} overblijven. Wat de gegevens niet vertellen: waarom een huishouden wacht, en "
    "of een 'vaste' woning ook echt blijvend bleek.",
    ("doorstroom", "vast_12m", "peildatum", "kleine_aantallen"),
)

layout.table_with_download(pathway_texts.time_to_permanent_table(summary), "doorstroom_vaste_woning")
