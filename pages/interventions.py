"""Interventies: did nuisance fall after a measure started, more than in comparable places without it?"""

from types import SimpleNamespace

import streamlit as st

from housing_monitor import privacy
from housing_monitor.contract import INTERVENTION_TYPES
from housing_monitor.measures import interventions
from housing_monitor.present import impact_charts, tables
from housing_monitor.present import key_figures as kpis
from ui import data, layout, link

ALL_TYPES = "alle"
# The table behind the chart.
TABLE_COLUMNS = [
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

filters = st.session_state["filters"]
layout.header(
    "Interventies",
    "Daalde de overlast na de start van een maatregel meer dan op vergelijkbare plekken zonder die maatregel?",
)
# An effect belongs to its own start date: the period slider (by default the latest year) would hide most.
chosen = filters.without_period()


def types_present() -> list[str]:
    all_effects, _ = data.intervention_effects(chosen)
    return [ALL_TYPES, *(t for t in INTERVENTION_TYPES if t in set(all_effects["type"]))]


type_choices = data.shared("interventions_types", types_present, chosen)
notices = link.seed_choice("soort", "intervention_type", type_choices, "soort interventie")
left, right = st.columns(2)
chosen_type = left.selectbox(
    "Soort interventie",
    type_choices,
    format_func=lambda t: "Alle soorten" if t == ALL_TYPES else INTERVENTION_TYPES[t],
    key="intervention_type",
)
narrow = layout.on_phone()


def effects_view() -> SimpleNamespace:
    """The chosen type's effects with their figures, chart and tables: the same for every viewer of the view."""
    # Conclusive ones first, each group in order of start date; `shown` as charts and tables may show them.
    effects, shown = data.intervention_effects(chosen, None if chosen_type == ALL_TYPES else chosen_type)
    view = SimpleNamespace(
        effects=effects.set_index("intervention_id"),
        labels={row.intervention_id: impact_charts.intervention_label(row) for row in effects.itertuples()},
    )
    if not effects.empty:
        view.kpis = kpis.intervention_kpis(effects)
        view.forest = data.chart(impact_charts.intervention_forest, shown, narrow=narrow)
        view.forest_alt = impact_charts.intervention_forest_summary(shown)
        view.summary = tables.display(data.intervention_summary(chosen))
        view.table = tables.display(shown[TABLE_COLUMNS])
    return view


view = data.shared("interventions_effects", effects_view, chosen, chosen_type, narrow)
labels = view.labels
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
if view.effects.empty:
    st.info("Er zijn geen interventies in deze selectie.")
    st.stop()

layout.metric_row(view.kpis)

st.header("Verschil in verandering per interventie")
layout.chart(view.forest, "interventies_verschil", alt_text=view.forest_alt)
st.caption(
    "Links van de lijn: de overlast daalde op de plek meer (of steeg minder) dan op vergelijkbare plekken. "
    "Raakt of kruist het streepje de nullijn, dan is het verschil niet zeker."
)



def detail_view() -> SimpleNamespace:
    """The chosen intervention's explanation and its chart per month (None when it rests on too few households)."""
    effect = view.effects.loc[chosen_id]
    timeline = data.intervention_timeline(chosen_id, effect)
    return SimpleNamespace(
        explanation=interventions.explain(effect),
        timeline=None if timeline is None else data.chart(impact_charts.intervention_timeline, timeline, effect),
    )


detail = data.shared("interventions_detail", detail_view, chosen, chosen_type, chosen_id)
st.header(labels[chosen_id])
st.markdown(detail.explanation)
if detail.timeline is None:
    st.caption(f"Geen grafiek per maand: {privacy.fewer_than('huishoudens')}.")
else:
    layout.chart(detail.timeline, f"interventie_{chosen_id}", alt_text=detail.explanation.replace("**", ""))

st.header("Samenvatting per soort interventie")
layout.table_with_download(view.summary, "interventies_per_soort")

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
layout.table_with_download(view.table, "interventies")
