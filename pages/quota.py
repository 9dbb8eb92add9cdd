"""Taakstelling: realisation per municipality and half-year against the adjusted target, with the pace."""

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
per_municipality = data.computed(quota.quota_progress, place_filters, by=("municipality_code",), reference_date=reference
)

if per_municipality.empty:
    st.info("Er is geen taakstelling in de gegevens voor deze selectie. Lever het bestand 'taakstelling' aan.")
    st.stop()

periods = sorted(per_municipality["period"].unique())
chosen = st.selectbox(
    "Halfjaar voor de ranglijst",
    periods,
    index=len(periods) - 1,
    format_func=dutch.period_label,
    key="taakstelling_halfjaar",
)
latest_rows = per_municipality[per_municipality["period"] == periods[-1]]
st.caption(
    f"Periode: {dutch.period_range_label(periods[0], periods[-1])} · peildatum {dutch.date(reference)} · "
    "de taakstelling geldt per gemeente: filters op corporatie, project, woonvorm en huishoudtype tellen hier niet"
)
layout.metric_row(data.computed(pathway_kpis.quota_kpis, place_filters, latest_rows, reference))

rows = per_municipality[per_municipality["period"] == chosen]
elapsed = rows["elapsed_months"].max()
far_behind = rows[rows["pace"] == "ver_achter"]["municipality_name"].dropna().tolist()
if far_behind:
    st.warning(
        f"**Ver achter** in {dutch.period_label(chosen)}: {', '.join(sorted(far_behind))}.",
        icon=":material/warning:",
    )
estimated = rows[rows["source"] == "placements"]
if not estimated.empty:
    st.caption(
        f"\\* Geen officiële telling voor {len(estimated)} gemeente(n) in {dutch.period_label(chosen)}: de realisatie "
        "is geschat uit de plaatsingen (personen met hun eerste woning in dat halfjaar)."
    )

ranking_tab, time_tab, province_tab = st.tabs(["Ranglijst", "Verloop", "Per provincie"])
with ranking_tab:
    layout.plot(
        data.chart(pathway_charts.quota_ranking, rows, None if elapsed != elapsed else elapsed / 6),
        key="taakstelling_ranglijst",
    )
with time_tab:
    overall = data.computed(quota.quota_progress, place_filters, reference_date=reference)
    layout.plot(
        data.chart(pathway_charts.quota_over_time, quota.cumulative(overall, [])), key="taakstelling_verloop"
    )
    chosen_filters = Filters(
        period_from=chosen, period_to=chosen, municipalities=filters.municipalities, provinces=filters.provinces
    )
    monthly = data.computed(housing.housed_per_month, chosen_filters)
    owed = overall.loc[overall["period"] == chosen, "adjusted_target"].iloc[0]
    layout.plot(
        data.chart(pathway_charts.quota_months, quota.month_by_month(monthly, chosen, float(owed)), chosen),
        key="taakstelling_maanden",
    )
    st.caption(
        "Per maand bestaan alleen de plaatsingen (personen met hun eerste woning in die maand); de officiële "
        "telling komt per halfjaar. De stippellijn is het tempo dat op schema houdt: elke maand 1/6 van de "
        "bijgestelde taakstelling."
    )
with province_tab:
    provinces = data.computed(quota.quota_progress, place_filters, by=("province",), reference_date=reference)
    st.caption("Per provincie: gehuisvest sinds het eerste getoonde halfjaar, gedeeld door alles wat sindsdien moest.")
    layout.plot(
        data.chart(pathway_charts.province_trend, quota.cumulative(provinces, ["province"])),
        key="taakstelling_provincies",
    )

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

ranked = quota.ranking(rows)
layout.table_with_download(
    tables.progress_table(
        ranked,
        [
            "municipality_name", "period", "target", "carried", "adjusted_target", "realised", "realisation",
            "pace", "source", "realised_per_1000", "population",
        ],
    ),
    f"taakstelling_{chosen}",
)

st.header("Wachtenden naast de opgave")
if data.computed(links.links_present):
    queue = data.measure(
        "waiting_list", links.queue_selection(place_filters), by=("municipality_code",), reference_date=reference
    )
    st.caption(
        "Per gemeente wie op de peildatum gekoppeld is en nog op een woning wacht (huishoudens en personen, zie "
        f"Wachtenden), naast wat de taakstelling van {dutch.period_label(periods[-1])} nog vraagt (personen)."
    )
    layout.table_with_download(
        waiting_charts.queue_beside_backlog(latest_rows, queue), "taakstelling_en_wachtenden"
    )
else:
    st.caption("Er zijn geen koppelingen geïmporteerd: de wachtlijst naast de opgave ontbreekt.")
