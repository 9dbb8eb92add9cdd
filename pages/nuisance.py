"""Overlast: nuisance signals per 100 household-years, per split, over time, and the projects that stand out."""

from types import SimpleNamespace

import streamlit as st

from housing_monitor import dutch, privacy
from housing_monitor.measures import nuisance
from housing_monitor.present import impact_charts, tables
from housing_monitor.present import key_figures as kpis
from ui import data, layout, link

SPLITS = {
    "housing_form": "Woonvorm",
    "municipality_code": "Gemeente",
    "province": "Provincie",
    "corporation": "Corporatie",
    "project": "Project",
    "category": "Soort overlast",
    "severity": "Ernst",
    "source": "Bron van het signaal",
}
TOP_PROJECTS = 10

filters = st.session_state["filters"]
layout.header(
    "Overlast",
    "Hoe vaak wordt er overlast gemeld rond de woningen van statushouders, eerlijk vergeleken naar hoe lang zij er wonen?",
)
for notice in link.seed_choice("verdeel", "nuisance_split", SPLITS, "verdeling"):
    st.warning(notice, icon=":material/link_off:")
split = st.selectbox("Verdeel naar", list(SPLITS), format_func=SPLITS.get, key="nuisance_split")
link.write("verdeel", split if split != "housing_form" else None)
st.caption(
    f"Periode: {dutch.period_range_label(filters.period_from, filters.period_to)} (woonduur en meldingen in die "
    f"halfjaren) · vergeleken met de even lange periode ervoor · peildatum {dutch.date(data.reference_date())}"
)


def nuisance_view() -> SimpleNamespace:
    """The figures, charts and tables of this selection and split: the same for every viewer of the view."""
    # The period's figures, the one before, the split, the trend and the projects: computed side by side.
    previous = filters.previous()
    overall, before, by_split, trend, projects = data.together(
        lambda: data.measure("nuisance_rate", filters),
        lambda: data.measure("nuisance_rate", previous) if previous else None,
        lambda: data.nuisance_by(filters, split),
        lambda: data.nuisance_trend(filters.without_period()),
        lambda: data.nuisance_projects(filters),
    )
    view = SimpleNamespace(
        kpis=kpis.nuisance_detail_kpis(overall, before),
        split_empty=by_split.empty,
        hidden=len(by_split) - len(impact_charts.shown(by_split, "households")),
        trend=data.chart(impact_charts.nuisance_trend, trend, selected=(filters.period_from, filters.period_to)),
        trend_alt=impact_charts.nuisance_trend_summary(trend),
        split_table=tables.display(
            by_split.assign(**{split: by_split[split].fillna(impact_charts.missing_label(split))})
        ),
    )
    if not by_split.empty:
        view.by_split = data.chart(impact_charts.nuisance_by_group, by_split, split)
        view.by_split_alt = impact_charts.nuisance_by_group_summary(by_split, split)
    top = projects.sort_values("rate_per_100", ascending=False).head(TOP_PROJECTS)
    if not top.empty and not overall.empty:
        top = top.assign(above=nuisance.compared_to(top, overall["rate_per_100"].iloc[0]))
    view.top_empty = top.empty
    if not top.empty:
        view.overall_rate = dutch.number(overall["rate_per_100"].iloc[0], 1)
        view.top_table = tables.display(
            top[
                [
                    "project",
                    "municipality_name",
                    "rate_per_100",
                    "rate_ci_low",
                    "rate_ci_high",
                    "above",
                    "household_years",
                    "households",
                    "signals",
                ]
            ],
            {"above": ("Boven het gemiddelde?", "text")},
        )
    return view


view = data.shared("nuisance", nuisance_view, filters, split)
layout.metric_row(view.kpis, columns=4)

st.header(f"Overlast per {SPLITS[split].lower()}")
hidden = view.hidden
if view.split_empty:
    st.info("Er zijn geen bewoners of signalen in deze selectie.")
else:
    layout.chart(view.by_split, f"overlast_per_{split}", alt_text=view.by_split_alt)
    if hidden:
        st.caption(
            f"{hidden} groep(en) met {privacy.fewer_than('huishoudens')} niet getoond (zie de tabel: "
            f"'{privacy.marker()}')."
        )

st.header("Verloop per halfjaar en woonvorm")
layout.chart(view.trend, "overlast_per_halfjaar", alt_text=view.trend_alt)
st.caption(
    f"Halfjaren met minder dan {impact_charts.MIN_TREND_HOUSEHOLD_YEARS} huishoudjaren (of "
    f"{privacy.fewer_than('huishoudens')}) staan er niet in: één of twee signalen geven dan al een grote uitschieter."
)

st.header("Projecten met het hoogste cijfer")
if view.top_empty:
    st.info(f"Geen projecten met minstens {privacy.threshold()} huishoudens in deze selectie.")
else:
    st.caption(
        f"Alleen projecten met minstens {privacy.threshold()} huishoudens. Kijk naar de huishoudjaren en de 95%-marge: een hoog "
        "cijfer op weinig huishoudjaren kan toeval zijn. 'Zeker hoger' staat er alleen als de hele marge boven "
        f"het cijfer van de hele selectie ({view.overall_rate}) ligt."
    )
    layout.table_with_download(view.top_table, "overlast_projecten")

layout.how_to_read(
    "De staven tonen het aantal overlastsignalen per 100 **huishoudjaren**: één huishouden dat een jaar "
    "ergens woont, telt als één huishoudjaar. Zo zijn plekken met veel en weinig bewoners, of met korte en "
    "lange bewoning, eerlijk te vergelijken. Het zwarte streepje is de 95%-marge: bij weinig huishoudjaren is "
    "die breed en zegt een hoog cijfer weinig. Bij soort overlast, ernst en bron delen alle staven dezelfde "
    "woonduur, want elk huishouden kan elk soort signaal krijgen. Signalen zonder bekende woonvorm tellen wel "
    "mee in het totaal maar niet bij een woonvorm. Wat de cijfers niet zeggen: hoeveel overlast er echt is "
    "(niet alles wordt gemeld) en wie die veroorzaakt.",
    ("overlast", "kleine_aantallen", "peildatum"),
)

st.header("De tabel achter de grafiek")
layout.table_with_download(view.split_table, f"overlast_per_{split}")
