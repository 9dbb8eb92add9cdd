"""Overzicht: the manager's key figures for the selection, against the previous period."""

from types import SimpleNamespace

import streamlit as st

from housing_monitor import dutch, privacy
from housing_monitor.measures import goals
from housing_monitor.present import charts, goal_views, report, tables
from ui import data, layout, map_view

filters = st.session_state["filters"]
layout.header(
    "Overzicht",
    "Hoeveel statushouders kregen een woning, hoe snel, en hoe staat het ervoor?",
)
reference_date = data.reference_date()
st.caption(
    f"Periode: {dutch.period_range_label(filters.period_from, filters.period_to)} · vergeleken met de "
    f"even lange periode ervoor · peildatum {dutch.date(reference_date)}"
)

kpis = data.overview_kpis(filters)
layout.metric_row(kpis)

st.header("Gehuisveste personen per halfjaar en woonvorm")


def housed_chart_for_view() -> report.ReportChart:
    shown = data.housed_over_time(filters.without_period())
    return report.ReportChart(
        "Gehuisveste personen per halfjaar en woonvorm",
        charts.housed_over_time(shown, selected=(filters.period_from, filters.period_to)),
        charts.housed_over_time_summary(shown),
    )


housed_chart = data.shared("overview_housed", housed_chart_for_view, filters)
layout.chart(housed_chart.figure, "gehuisvest_per_halfjaar", alt_text=housed_chart.alt_text)

layout.how_to_read(
    "Elke staaf telt de personen in huishoudens die in dat halfjaar hun **eerste** woning kregen, "
    "verdeeld naar de woonvorm van die eerste woning. De gekozen periode is grijs gemarkeerd. "
    "Een doorstroom naar een tweede woning telt hier niet opnieuw. Vakjes met "
    f"{privacy.fewer_than('huishoudens')} worden niet getoond.",
    ("gehuisvest", "wachttijd", "kleine_aantallen"),
)



def tables_for_view() -> SimpleNamespace:
    """The table per housing form and the goals, as shown: the same for every viewer of the view."""
    own_goals = data.goal_attainment(filters)
    return SimpleNamespace(
        per_form=tables.display(data.housed_and_waiting_per_form(filters)),
        goals=len(own_goals),
        no_goals=own_goals.empty,
        goals_table=goal_views.goals_table(own_goals)[["Status", "Doel", "Streefwaarde", "Gemeten", "Basis"]],
        goal_status=goal_views.status_counts_text(goals.status_counts(own_goals)),
    )


view = data.shared("overview_tables", tables_for_view, filters)
st.header("Per woonvorm in de gekozen periode")
per_form = view.per_form
layout.table_with_download(per_form, "overzicht_per_woonvorm")

st.header("Doelen")
chosen_organisation = filters.municipalities or filters.corporations or filters.projects
overview_goals = view.goals_table
st.caption("Elk doel telt over de eigen periode en het eigen bereik, niet over de periode in de zijbalk.")
if view.no_goals:
    st.caption("Geen doelen voor deze selectie.")
elif chosen_organisation:
    st.markdown(f"Stand op de peildatum: {view.goal_status}.")
    st.dataframe(overview_goals, hide_index=True, width="stretch")
else:
    st.markdown(
        f"{dutch.integer(view.goals)} doelen: {view.goal_status}. "
        "Kies in de zijbalk een gemeente of corporatie om haar doelen hier te zien."
    )
st.page_link("pages/goals.py", label="Naar alle doelen en hun verloop", icon=":material/target:")

scope = layout.report_scope(filters)
if scope:
    layout.report_download(
        scope,
        filters,
        kpis,
        [housed_chart],
        [("Per woonvorm in de gekozen periode", per_form), *([("Doelen", overview_goals)] if len(overview_goals) else [])],
        ["gehuisvest", "wachttijd", "doelen", "kleine_aantallen"],
        reference_date,
    )

st.header("Op de kaart")
map_view.small_map(filters)
st.page_link(map_view.MAP_PAGE, label="Naar de kaart met alle maatstaven", icon=":material/map:")
