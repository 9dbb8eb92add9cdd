"""Overzicht: the manager's key figures for the selection, against the previous period."""

import streamlit as st

from housing_monitor import charts, dutch, privacy, tables
from ui import data, layout, map_view

filters = st.session_state["filters"]
layout.header(
    "Overzicht",
    "Hoeveel statushouders kregen een woning, hoe snel, en hoe staat het ervoor?",
)
st.caption(
    f"Periode: {dutch.period_range_label(filters.period_from, filters.period_to)} · vergeleken met de "
    "even lange periode ervoor · peildatum "
    f"{dutch.date(data.reference_date())}"
)

layout.metric_row(data.overview_kpis(filters))

st.subheader("Gehuisveste personen per halfjaar en woonvorm")
by_period = data.measure("housed", filters.without_period(), by=("period", "housing_form"))
shown = privacy.suppress(by_period, "households", ["persons"])
st.plotly_chart(
    charts.housed_over_time(shown, selected=(filters.period_from, filters.period_to)),
    width="stretch",
    key="housed_chart",
)

layout.how_to_read(
    "Elke staaf telt de personen in huishoudens die in dat halfjaar hun **eerste** woning kregen, "
    "verdeeld naar de woonvorm van die eerste woning. De gekozen periode is grijs gemarkeerd. "
    "Een doorstroom naar een tweede woning telt hier niet opnieuw. Vakjes met minder dan 5 "
    "huishoudens worden niet getoond.",
    ("gehuisvest", "wachttijd", "kleine_aantallen"),
)

st.subheader("Per woonvorm in de gekozen periode")
housed = data.measure("housed", filters, by=("housing_form",))
waiting = data.measure("waiting_time", filters, by=("housing_form",))
combined = housed.merge(waiting.drop(columns=["households"]), on="housing_form", how="left")
combined = privacy.suppress(combined, "households", ["persons", "median_days", "p25_days", "p75_days"])
layout.table_with_download(tables.display(combined), "overzicht_per_woonvorm")

st.subheader("Op de kaart")
map_view.small_map(filters)
st.page_link(map_view.MAP_PAGE, label="Naar de kaart met alle maatstaven", icon=":material/map:")
