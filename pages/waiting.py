"""Wachtenden: who was linked to the municipality and still waits for a home, for how long, and how fast links end in one."""

from types import SimpleNamespace

import streamlit as st

from housing_monitor import dutch, privacy
from housing_monitor.measures import links
from housing_monitor.present import key_figures, waiting_charts
from ui import data, layout

filters = st.session_state["filters"]
layout.header(
    "Wachtenden",
    "Hoeveel statushouders die aan de gemeente zijn gekoppeld wachten nog op een woning, en hoe lang al?",
)

if not data.computed(links.links_present):
    st.info(
        "Er zijn nog geen koppelingen geïmporteerd, dus hier staat nog geen wachtlijst. Lever het bestand "
        "'koppelingen' aan op de pagina Gegevens importeren: één rij per huishouden dat aan een gemeente is gekoppeld.",
        icon=":material/info:",
    )
    st.stop()

unused = links.unused_filters(filters)
if unused:
    st.info(
        f"Koppelingen hebben geen {' of '.join(unused)}: die filters in de zijbalk gelden niet voor deze pagina. "
        "U ziet alle koppelingen in de gekozen gemeenten en huishoudtypen.",
        icon=":material/filter_alt_off:",
    )


def waiting_view() -> SimpleNamespace:
    """Everything this page shows for the filters: the same for every viewer of the view, so built once and shared."""
    chosen = links.for_links(filters)
    everyone = links.queue_selection(filters)
    reference = data.reference_date()
    norm = links.norm_days()
    now, over_time_shown, per_place_shown, home, home_by_type, days = data.together(
        lambda: data.measure("waiting_list", everyone, reference_date=reference),
        lambda: data.measure_shown("waiting_list", everyone, by=("month",), reference_date=reference),
        lambda: data.measure_shown("waiting_list", everyone, by=("municipality_code",), reference_date=reference),
        lambda: data.measure("time_to_home", chosen, reference_date=reference),
        lambda: data.measure("time_to_home", chosen, by=("household_type",), reference_date=reference),
        lambda: data.computed(links.waiting_days, everyone, reference_date=reference),
    )
    bands = waiting_charts.waiting_bands(days)
    curves = data.computed(links.time_to_home_curves, chosen, by=("household_type",), reference_date=reference)
    home_by_period = data.measure_shown("time_to_home", chosen, by=("period", "household_type"), reference_date=reference)
    return SimpleNamespace(
        caption=f"Peildatum {dutch.date(reference)} · wachtlijst: alle koppelingen tot de peildatum · tijd tot woning: "
        f"koppelingen met koppeldatum in {dutch.period_range_label(filters.period_from, filters.period_to)} · "
        f"norm: {dutch.number(norm / 7, 0)} weken na de koppeling",
        kpis=key_figures.queue_kpis(now, home),
        over_time=data.chart(waiting_charts.queue_over_time, over_time_shown),
        over_time_alt=waiting_charts.queue_over_time_summary(over_time_shown),
        per_place=data.chart(waiting_charts.queue_per_municipality, per_place_shown),
        per_place_alt=waiting_charts.queue_per_municipality_summary(per_place_shown),
        bands=data.chart(waiting_charts.waiting_bands_chart, bands, norm),
        bands_alt="Wachtende huishoudens op de peildatum naar hoe lang ze al wachten sinds de koppeling: "
        + "; ".join(f"{b}: {v if isinstance(v, str) else dutch.integer(v)}" for b, v in zip(bands["band"], bands["households"])),
        curves=data.chart(waiting_charts.time_to_home_curves, curves, home_by_type, norm),
        curves_alt=waiting_charts.time_to_home_summary(home_by_type),
        per_place_table=waiting_charts.queue_table(per_place_shown),
        home_table=waiting_charts.queue_table(home_by_period),
    )


view = data.shared("waiting", waiting_view, filters)
st.caption(view.caption)
layout.metric_row(view.kpis)

st.header("De wachtlijst door de tijd")
layout.chart(view.over_time, "wachtenden_per_maand", alt_text=view.over_time_alt)

st.header("Nu per gemeente")
layout.chart(view.per_place, "wachtenden_per_gemeente", alt_text=view.per_place_alt)

st.header("Hoe lang de wachtenden al wachten")
layout.chart(view.bands, "wachtenden_wachtduur", alt_text=view.bands_alt)

st.header("Tijd tot een woning na koppeling")
layout.chart(view.curves, "tijd_tot_woning", alt_text=view.curves_alt)

layout.how_to_read(
    "**De wachtlijst** telt op elk moment de koppelingen die er al waren, nog niet tot een woning in die gemeente "
    "leidden en niet beëindigd waren. De staven splitsen wie korter en wie langer dan de norm wacht; is een "
    f"van beide delen 1 tot {privacy.threshold() - 1} huishoudens, dan toont die maand alleen het totaal (de stippellijn), en is het "
    "totaal zo klein, dan blijft de maand leeg. "
    "**Tijd tot een woning** begint bij de koppeling, niet bij de vergunning, en telt wie nog wacht mee tot de "
    "peildatum (Kaplan–Meier): zo kan het laten wachten van moeilijke gevallen er niet snel uitzien. De "
    "**wachttijd tot eerste woning** op andere pagina's telt alleen wie al een woning kreeg. "
    "Koppelingen hebben geen corporatie, project of woonvorm. Wat de gegevens niet vertellen: waarom iemand "
    "wacht (bijvoorbeeld een grote gezinswoning die er niet is).",
    ("wachtenden", "tijd_tot_woning", "wachttijd", "kleine_aantallen"),
)

layout.table_with_download(
    view.per_place_table,
    "wachtenden_per_gemeente",
    caption="Wachtende huishoudens en personen per gemeente op de peildatum.",
)
layout.table_with_download(
    view.home_table,
    "tijd_tot_woning_per_halfjaar",
    caption="Tijd tot een woning na koppeling, per halfjaar van koppeling en huishoudtype (huishoudens: gekoppeld).",
)
