"""Taakstelling: realisation per municipality and half-year against the adjusted target, with the pace."""

from types import SimpleNamespace

import streamlit as st

from housing_monitor import dutch
from housing_monitor.filters import Filters
from housing_monitor.measures import housing, links, quota
from housing_monitor.present import pathway_charts, tables, waiting_charts
from housing_monitor.present import pathway_key_figures as pathway_kpis
from ui import data, layout

filters = st.session_state["filters"]
layout.header(
    "Taakstelling",
    "Huisvest elke gemeente de statushouders die het Rijk haar toewijst, en ligt ze op schema?",
)
place_filters = Filters(
    period_from=filters.period_from,
    period_to=filters.period_to,
    municipalities=filters.municipalities,
    provinces=filters.provinces,
)
reference = data.reference_date()


def selection_view() -> SimpleNamespace:
    """The selection's half-years, key figures and queue beside the backlog: the same for every viewer of the view."""
    per_municipality = data.computed(
        quota.quota_progress, place_filters, by=("municipality_code",), reference_date=reference
    )
    view = SimpleNamespace(per_municipality=per_municipality, periods=sorted(per_municipality["period"].unique()))
    if per_municipality.empty:
        return view
    latest_rows = per_municipality[per_municipality["period"] == view.periods[-1]]
    view.kpis = data.computed(pathway_kpis.quota_kpis, place_filters, latest_rows, reference)
    view.queue_table = None
    if data.computed(links.links_present):
        queue = data.measure(
            "waiting_list", links.queue_selection(place_filters), by=("municipality_code",), reference_date=reference
        )
        view.queue_table = waiting_charts.queue_beside_backlog(latest_rows, queue)
    return view


def half_year_view() -> SimpleNamespace:
    """The chosen half-year's charts and ranking table: the same for every viewer of the view."""
    per_municipality = view.per_municipality
    rows = per_municipality[per_municipality["period"] == chosen]
    elapsed = rows["elapsed_months"].max()
    overall = data.computed(quota.quota_progress, place_filters, reference_date=reference)
    chosen_filters = Filters(
        period_from=chosen, period_to=chosen, municipalities=filters.municipalities, provinces=filters.provinces
    )
    monthly = data.computed(housing.housed_per_month, chosen_filters)
    owed = overall.loc[overall["period"] == chosen, "adjusted_target"].iloc[0]
    provinces = data.computed(quota.quota_progress, place_filters, by=("province",), reference_date=reference)
    return SimpleNamespace(
        far_behind=rows[rows["pace"] == "ver_achter"]["municipality_name"].dropna().tolist(),
        estimated=int((rows["source"] == "placements").sum()),
        ranking=data.chart(pathway_charts.quota_ranking, rows, None if elapsed != elapsed else elapsed / 6),
        over_time=data.chart(pathway_charts.quota_over_time, quota.cumulative(overall, [])),
        months=data.chart(pathway_charts.quota_months, quota.month_by_month(monthly, chosen, float(owed)), chosen),
        provinces=data.chart(pathway_charts.province_trend, quota.cumulative(provinces, ["province"])),
        table=tables.progress_table(
            quota.ranking(rows),
            [
                "municipality_name", "period", "target", "carried", "adjusted_target", "realised", "realisation",
                "pace", "source", "realised_per_1000", "population",
            ],
        ),
    )


view = data.shared("quota_selection", selection_view, place_filters)
if view.per_municipality.empty:
    st.info("Er is geen taakstelling in de gegevens voor deze selectie. Lever het bestand 'taakstelling' aan.")
    st.stop()

periods = view.periods
chosen = st.selectbox(
    "Halfjaar voor de ranglijst",
    periods,
    index=len(periods) - 1,
    format_func=dutch.period_label,
    key="taakstelling_halfjaar",
)
st.caption(
    f"Periode: {dutch.period_range_label(periods[0], periods[-1])} · peildatum {dutch.date(reference)} · "
    "de taakstelling geldt per gemeente: filters op corporatie, project, woonvorm en huishoudtype tellen hier niet"
)
layout.metric_row(view.kpis)

half_year = data.shared("quota_half_year", half_year_view, place_filters, chosen)
if half_year.far_behind:
    st.warning(
        f"**Ver achter** in {dutch.period_label(chosen)}: {', '.join(sorted(half_year.far_behind))}.",
        icon=":material/warning:",
    )
if half_year.estimated:
    st.caption(
        f"\\* Geen officiële telling voor {half_year.estimated} gemeente(n) in {dutch.period_label(chosen)}: de realisatie "
        "is geschat uit de plaatsingen (personen met hun eerste woning in dat halfjaar)."
    )

ranking_tab, time_tab, province_tab = st.tabs(["Ranglijst", "Verloop", "Per provincie"])
with ranking_tab:
    layout.plot(half_year.ranking, key="taakstelling_ranglijst")
with time_tab:
    layout.plot(half_year.over_time, key="taakstelling_verloop")
    layout.plot(half_year.months, key="taakstelling_maanden")
    st.caption(
        "Per maand bestaan alleen de plaatsingen (personen met hun eerste woning in die maand); de officiële "
        "telling komt per halfjaar. De stippellijn is het tempo dat op schema houdt: elke maand 1/6 van de "
        "bijgestelde taakstelling."
    )
with province_tab:
    st.caption("Per provincie: gehuisvest sinds het eerste getoonde halfjaar, gedeeld door alles wat sindsdien moest.")
    layout.plot(half_year.provinces, key="taakstelling_provincies")

layout.how_to_read(
    "De **bijgestelde taakstelling** is de taakstelling van het halfjaar plus wat de gemeente eerder nog "
    "niet had gehuisvest (achterstand), of min wat ze al vooruit had gedaan (voorsprong). Realisatie is "
    "het aantal gehuisveste personen gedeeld door die bijgestelde taakstelling. **Tempo**: in een lopend "
    "halfjaar verwachten we per verstreken maand 1/6 van de bijgestelde taakstelling. *Op schema*: minstens "
    "dat. *Licht achter*: minder dan één maand werk achter. *Ver achter*: meer dan één maand achter. "
    "Een sterretje (\\*) betekent dat de officiële telling ontbreekt en de realisatie is geschat uit de "
    "plaatsingen. Samengevoegde gemeenten tellen mee bij de gemeente waarin ze opgingen.",
    ("taakstelling", "kleine_aantallen"),
)

layout.table_with_download(half_year.table, f"taakstelling_{chosen}")

st.header("Wachtenden naast de opgave")
if view.queue_table is not None:
    st.caption(
        "Per gemeente wie op de peildatum gekoppeld is en nog op een woning wacht (huishoudens en personen, zie "
        f"Wachtenden), naast wat de taakstelling van {dutch.period_label(periods[-1])} nog vraagt (personen)."
    )
    layout.table_with_download(view.queue_table, "taakstelling_en_wachtenden")
else:
    st.caption("Er zijn geen koppelingen geïmporteerd: de wachtlijst naast de opgave ontbreekt.")
