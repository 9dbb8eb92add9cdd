"""Overlast: nuisance signals per 100 household-years, per split, over time, and the projects that stand out."""

import pandas as pd
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

# The period's figures, the one before, the split, the trend and the projects: computed side by side.
previous = filters.previous()
overall, before, by_split, trend, projects = data.together(
    lambda: data.measure("nuisance_rate", filters),
    lambda: data.measure("nuisance_rate", previous) if previous else None,
    lambda: data.measure("nuisance_rate", filters, by=(split,)),
    lambda: data.computed(nuisance.rate_trend, filters.without_period()),
    lambda: data.measure("nuisance_rate", filters, by=("municipality_code", "project")),
)
layout.metric_row(kpis.nuisance_detail_kpis(overall, before), columns=4)

st.header(f"Overlast per {SPLITS[split].lower()}")
# The groups are parts of the total above: one small group also hides its smallest sibling.
by_split_shown = nuisance.suppressed(by_split, siblings=[])
hidden = len(by_split) - len(impact_charts.shown(by_split_shown, "households"))
if by_split.empty:
    st.info("Er zijn geen bewoners of signalen in deze selectie.")
else:
    layout.chart(
        impact_charts.nuisance_by_group(by_split_shown, split),
        f"overlast_per_{split}",
        alt_text=impact_charts.nuisance_by_group_summary(by_split_shown, split),
    )
    if hidden:
        st.caption(f"{hidden} groep(en) met minder dan 5 huishoudens niet getoond (zie de tabel: '<5').")

st.header("Verloop per halfjaar en woonvorm")
all_forms = trend["housing_form"].isna()
trend = pd.concat([nuisance.suppressed(trend[~all_forms], siblings=["period"]), nuisance.suppressed(trend[all_forms])])
layout.chart(
    impact_charts.nuisance_trend(trend, selected=(filters.period_from, filters.period_to)),
    "overlast_per_halfjaar",
    alt_text=impact_charts.nuisance_trend_summary(trend),
)
st.caption(
    f"Halfjaren met minder dan {impact_charts.MIN_TREND_HOUSEHOLD_YEARS} huishoudjaren (of minder dan 5 "
    "huishoudens) staan er niet in: één of twee signalen geven dan al een grote uitschieter."
)

st.header("Projecten met het hoogste cijfer")
projects = projects[projects["project"].notna() & ~projects["households"].map(privacy.is_small)]
top = projects.sort_values("rate_per_100", ascending=False).head(TOP_PROJECTS)
if not top.empty and not overall.empty:
    top = top.assign(above=nuisance.compared_to(top, overall["rate_per_100"].iloc[0]))
if top.empty:
    st.info("Geen projecten met minstens 5 huishoudens in deze selectie.")
else:
    st.caption(
        "Alleen projecten met minstens 5 huishoudens. Kijk naar de huishoudjaren en de 95%-marge: een hoog "
        "cijfer op weinig huishoudjaren kan toeval zijn. 'Zeker hoger' staat er alleen als de hele marge boven "
        f"het cijfer van de hele selectie ({dutch.number(overall['rate_per_100'].iloc[0], 1)}) ligt."
    )
    layout.table_with_download(
        tables.display(
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
        ),
        "overlast_projecten",
    )

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
table = by_split_shown.assign(**{split: by_split_shown[split].fillna(impact_charts.missing_label(split))})
layout.table_with_download(tables.display(table), f"overlast_per_{split}")
