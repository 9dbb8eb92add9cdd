"""Woonvormen: the five housing forms side by side on every measure, optionally standardised by household type."""

import streamlit as st

from housing_monitor import dutch, privacy
from housing_monitor.contract import HOUSEHOLD_TYPES
from housing_monitor.measures import comparisons, pathways
from housing_monitor.present import pathway_charts, pathway_texts
from housing_monitor.present import pathway_key_figures as pathway_kpis
from ui import data, layout

filters = st.session_state["filters"]
layout.header(
    "Woonvormen",
    "Wat levert elke woonvorm op, en wat kost hij: hoe snel een woning, hoe snel een vaste woning?",
)

left, right = st.columns(2)
measure_keys = [m.key for m in comparisons.measures_for()]
measure_key = left.selectbox(
    "Kerncijfer bovenaan",
    measure_keys,
    index=measure_keys.index("to_permanent"),
    format_func=lambda key: pathways.comparison_measure(key).label,
    key="woonvormen_kerncijfer",
)
standardised = right.toggle(
    "Gestandaardiseerd naar huishoudtype",
    key="woonvormen_gestandaardiseerd",
    help="Vergelijk gelijk met gelijk: elke woonvorm herwogen naar dezelfde verdeling alleenstaanden/gezinnen.",
)

mix = data.computed(pathways.household_type_mix, filters)
if standardised:
    mix_text = " en ".join(
        f"{dutch.percent(share, 0)} {HOUSEHOLD_TYPES.get(kind, kind).lower()}" for kind, share in mix.items()
    )
    st.info(
        f"U ziet **gestandaardiseerde** cijfers: elke woonvorm is herwogen alsof hij dezelfde huishoudens "
        f"huisvestte als de hele selectie ({mix_text}). Aantallen personen blijven zoals gemeten.",
        icon=":material/balance:",
    )
else:
    st.info(
        "U ziet de cijfers **zoals gemeten**. Woonvormen huisvesten verschillende mensen (jonge alleenstaanden "
        "delen vaker, gezinnen krijgen vaker een zelfstandige woning); zet 'gestandaardiseerd' aan om gelijk "
        "met gelijk te vergelijken.",
        icon=":material/straighten:",
    )
st.caption(f"Huishoudens met hun eerste woning in {dutch.period_range_label(filters.period_from, filters.period_to)}")

now = data.computed(pathways.compare_housing_forms, filters, standardised=standardised)
previous = filters.previous()
before = data.computed(pathways.compare_housing_forms, previous, standardised=standardised) if previous else None
layout.metric_row(pathway_kpis.housing_form_kpis(now, before, measure_key))

st.subheader("De vijf woonvormen naast elkaar")
layout.plot(data.chart(pathway_charts.housing_form_comparison, now, narrow=layout.on_phone()), key="woonvormen_chart")

layout.how_to_read(
    "Elke balk is één woonvorm, steeds in dezelfde kleur en hetzelfde patroon. Een woonvorm hoort bij de "
    "**eerste** woning van een huishouden. Wachttijd en tijd tot vaste woning tellen vanaf de "
    "verblijfsvergunning; lager is sneller. **Gestandaardiseerd** (directe standaardisatie): per woonvorm "
    "het cijfer voor alleenstaanden en voor gezinnen apart, gewogen naar de verdeling in de hele selectie. "
    "Ontbreekt een huishoudtype in een woonvorm (bijvoorbeeld geen gezinnen in woningdelen), of zijn het "
    f"er minder dan {privacy.threshold()}, dan is het cijfer 'niet te standaardiseren'. Wat de cijfers niet vertellen: "
    "waarom iemand in een woonvorm terechtkwam; verschillen zijn geen bewijs van oorzaak.",
    ("gehuisvest", "wachttijd", "doorstroom", "vast_12m", "standaardisatie", "kleine_aantallen"),
)

layout.table_with_download(pathway_texts.comparison_display(now), "woonvormen")
