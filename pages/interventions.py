"""Interventies: did nuisance fall after a measure started, more than in comparable places without it?"""

import streamlit as st

from housing_monitor import privacy
from housing_monitor.contract import INTERVENTION_TYPES
from housing_monitor.measures import interventions
from housing_monitor.present import impact_charts, tables
from housing_monitor.present import key_figures as kpis
from ui import data, layout, link

ALL_TYPES = "alle"

filters = st.session_state["filters"]
layout.header(
    "Interventies",
    "Daalde de overlast na de start van een maatregel meer dan op vergelijkbare plekken zonder die maatregel?",
)
# An effect belongs to its own start date: the period slider (by default the latest year) would hide most.
chosen = filters.without_period()
all_effects, _ = data.intervention_effects(chosen)
type_choices = [ALL_TYPES, *(t for t in INTERVENTION_TYPES if t in set(all_effects["type"]))]
notices = link.seed_choice("soort", "intervention_type", type_choices, "soort interventie")
left, right = st.columns(2)
chosen_type = left.selectbox(
    "Soort interventie",
    type_choices,
    format_func=lambda t: "Alle soorten" if t == ALL_TYPES else INTERVENTION_TYPES[t],
    key="intervention_type",
)
# Conclusive ones first, each group in order of start date; `shown` as charts and tables may show them.
effects, shown = data.intervention_effects(chosen, None if chosen_type == ALL_TYPES else chosen_type)
labels = {row.intervention_id: impact_charts.intervention_label(row) for row in effects.itertuples()}
notices += link.seed_choice("interventie", "intervention_detail", labels, "interventie")
if st.session_state.get("intervention_detail") not in labels:
    st.session_state.pop("intervention_detail", None)  # another type was chosen: start at its first
chosen_id = right.selectbox(
    "Interventie in detail", list(labels), format_func=labels.get, key="intervention_detail"
)
link.write("soort", chosen_type if chosen_type != ALL_TYPES else None)
link.write("interventie", chosen_id)
for notice in notices:
    st.warning(notice, icon=":material/link_off:")
st.caption(
    "Alle interventies in de gekozen gemeenten, ongeacht de periode in de zijbalk: elk effect hoort bij de eigen "
    "startdatum. Vergeleken worden de 6 maanden ervoor en de 6 maanden erna."
)
if effects.empty:
    st.info("Er zijn geen interventies in deze selectie.")
    st.stop()

layout.metric_row(kpis.intervention_kpis(effects))

st.header("Verschil in verandering per interventie")
layout.chart(
    data.chart(impact_charts.intervention_forest, shown, narrow=layout.on_phone()),
    "interventies_verschil",
    alt_text=impact_charts.intervention_forest_summary(shown),
)
st.caption(
    "Links van de lijn: de overlast daalde op de plek meer (of steeg minder) dan op vergelijkbare plekken. "
    "Raakt of kruist het streepje de nullijn, dan is het verschil niet zeker."
)

effect = effects.set_index("intervention_id").loc[chosen_id]
st.header(labels[chosen_id])
explanation = interventions.explain(effect)
st.markdown(explanation)
timeline = data.intervention_timeline(chosen_id, effect)
if timeline is None:
    st.caption(f"Geen grafiek per maand: {privacy.fewer_than('huishoudens')}.")
else:
    layout.chart(
        data.chart(impact_charts.intervention_timeline, timeline, effect),
        f"interventie_{chosen_id}",
        alt_text=explanation.replace("**", ""),
    )

st.header("Samenvatting per soort interventie")
layout.table_with_download(tables.display(data.intervention_summary(chosen)), "interventies_per_soort")

layout.how_to_read(
    "Voor elke interventie vergelijken we het aantal overlastsignalen per 100 huishoudjaren in de 6 maanden "
    "vóór en de 6 maanden ná de start, op de plek zelf (het project, of de hele gemeente als er geen project "
    "is). Dezelfde verandering berekenen we op **vergelijkbare plekken**: woningen met dezelfde woonvorm, "
    "waar in die maanden geen interventie van dezelfde soort liep. Daalde de overlast op de plek meer dan "
    "elders, dan wijst dat op een effect. Het streepje is de 95%-marge: kruist het de nullijn, dan kan het "
    f"verschil toeval zijn. Bij {privacy.fewer_than('huishoudens')} of minder dan 10 signalen op de plek zeggen we "
    "eerlijk: te weinig gegevens. Vergelijkt u veel interventies, dan lijkt er bij toeval ongeveer één op "
    "de twintig 'duidelijk' anders. Wat de cijfers niet zeggen: of de interventie de oorzaak is – een "
    "interventie start vaak juist als de overlast hoog is, en die zakt dan soms vanzelf terug.",
    ("interventie", "overlast", "kleine_aantallen"),
)

st.header("De tabel achter de grafiek")
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
