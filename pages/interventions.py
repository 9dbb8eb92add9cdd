"""Interventies: did nuisance fall after a measure started, more than in comparable places without it?"""

import streamlit as st

from housing_monitor import impact_charts, interventions, kpis, privacy, tables
from housing_monitor.contract import INTERVENTION_TYPES
from ui import data, layout

ALL_TYPES = "alle"

filters = st.session_state["filters"]
layout.header(
    "Interventies",
    "Daalde de overlast na de start van een maatregel meer dan op vergelijkbare plekken zonder die maatregel?",
)
# An effect belongs to its own start date: the period slider (default the latest year) would hide most.
all_effects = data.measure("intervention_effect", filters.without_period())
left, right = st.columns(2)
present_types = [t for t in INTERVENTION_TYPES if t in set(all_effects["type"])]
chosen_type = left.selectbox(
    "Soort interventie",
    [ALL_TYPES, *present_types],
    format_func=lambda t: "Alle soorten" if t == ALL_TYPES else INTERVENTION_TYPES[t],
    key="intervention_type",
)
effects = all_effects if chosen_type == ALL_TYPES else all_effects[all_effects["type"] == chosen_type]
effects = effects.reset_index(drop=True)
labels = {row.intervention_id: impact_charts.intervention_label(row) for row in effects.itertuples()}
# Open on the intervention with the most evidence: the most signals in its own place.
ranked = effects.assign(evidence=effects["before_signals"] + effects["after_signals"]).sort_values(
    "evidence", ascending=False
)
chosen_id = right.selectbox(
    "Interventie in detail",
    list(ranked["intervention_id"]),
    format_func=labels.get,
    key="intervention_detail",
)
st.caption(
    "Alle interventies in de gekozen gemeenten, ongeacht de periode in de zijbalk: elk effect hoort bij de eigen "
    "startdatum. Vergeleken worden de 6 maanden ervoor en de 6 maanden erna."
)

if effects.empty:
    st.info("Er zijn geen interventies in deze selectie.")
    st.stop()

layout.metric_row(kpis.intervention_kpis(effects))

shown = privacy.suppress(effects, "households", list(interventions.EFFECT_FIGURES))
st.subheader("Verschil in verandering per interventie")
st.plotly_chart(impact_charts.intervention_forest(shown), width="stretch", key="intervention_forest")
st.caption(
    "Links van de lijn: de overlast daalde op de plek meer (of steeg minder) dan op vergelijkbare plekken. "
    "Raakt of kruist het streepje de lijn, dan is het verschil niet zeker."
)

effect = effects.set_index("intervention_id").loc[chosen_id]
st.subheader(labels[chosen_id])
st.markdown(interventions.explain(effect))
timeline = data.computed(interventions.intervention_timeline, chosen_id)
if privacy.is_small(effect["households"]):
    st.caption("De grafiek per maand wordt niet getoond: minder dan 5 huishoudens.")
else:
    st.plotly_chart(
        impact_charts.intervention_timeline(timeline, effect),
        width="stretch",
        key="intervention_timeline",
    )

st.subheader("Samenvatting per soort interventie")
summary = interventions.summarise(all_effects, ("type",))
layout.table_with_download(
    tables.display(privacy.suppress(summary, "households", list(interventions.SUMMARY_FIGURES))),
    "interventies_per_soort",
)

layout.how_to_read(
    "Voor elke interventie vergelijken we het aantal overlastsignalen per 100 huishoudjaren in de 6 maanden "
    "vóór en de 6 maanden ná de start, op de plek zelf (het project, of de hele gemeente als er geen project "
    "is). Dezelfde verandering berekenen we op **vergelijkbare plekken**: woningen met dezelfde woonvorm, "
    "waar in die maanden geen interventie van dezelfde soort liep. Daalde de overlast op de plek meer dan "
    "elders, dan wijst dat op een effect. Het streepje is de 95%-marge: kruist het de nullijn, dan kan het "
    "verschil toeval zijn. Bij minder dan 5 huishoudens of minder dan 10 signalen op de plek zeggen we "
    "eerlijk: te weinig gegevens. Wat de cijfers niet zeggen: of de interventie de oorzaak is – een "
    "interventie start vaak juist als de overlast hoog is, en die zakt dan soms vanzelf terug.",
    ("interventie", "overlast", "kleine_aantallen"),
)

st.subheader("De tabel achter de grafiek")
table = shown[
    [
        "intervention_id",
        "type",
        "municipality_name",
        "project",
        "start_date",
        "housing_form",
        "households",
        "before_rate",
        "after_rate",
        "change",
        "comparison_before_rate",
        "comparison_after_rate",
        "comparison_change",
        "difference",
        "difference_ci_low",
        "difference_ci_high",
        "verdict",
    ]
]
layout.table_with_download(tables.display(table), "interventies")
