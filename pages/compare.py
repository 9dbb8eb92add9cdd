"""Vergelijken: two to four municipalities, corporations, projects or housing forms side by side."""

from types import SimpleNamespace

import streamlit as st

from housing_monitor import privacy
from housing_monitor.contract import HOUSING_FORMS
from housing_monitor.measures import comparisons
from housing_monitor.measures.comparisons import ENTITY_KINDS
from housing_monitor.present import charts
from ui import data, layout, link, sidebar

filters = st.session_state["filters"]
layout.header("Vergelijken", "Hoe doen deze gemeenten, corporaties, projecten of woonvormen het naast elkaar?")

opts = sidebar.options()
choices = {
    "gemeente": sorted(opts.municipalities, key=opts.municipalities.get),
    "corporatie": opts.corporations,
    "project": sorted(opts.projects),
    "woonvorm": list(HOUSING_FORMS),
}
names = {**opts.municipalities, **HOUSING_FORMS}

kind_param = link.incoming("vergelijk")
if kind_param in ENTITY_KINDS:
    st.session_state["cmp_kind"] = kind_param
notices = []
left, right = st.columns([1, 3])
kind = left.radio(
    "Vergelijk",
    list(ENTITY_KINDS),
    format_func=lambda k: ENTITY_KINDS[k].plural,
    key="cmp_kind",
    horizontal=False,
)
notices += link.seed_list("kies", f"cmp_items_{kind}", choices[kind], ENTITY_KINDS[kind].label.lower())
if f"cmp_items_{kind}" in st.session_state and len(st.session_state[f"cmp_items_{kind}"]) > 4:
    st.session_state[f"cmp_items_{kind}"] = st.session_state[f"cmp_items_{kind}"][:4]
    notices.append("Er kunnen hoogstens vier tegelijk vergeleken worden; de eerste vier zijn gekozen.")
entities = right.multiselect(
    f"Kies twee tot vier {ENTITY_KINDS[kind].plural.lower()}",
    choices[kind],
    format_func=lambda e: names.get(e, e),
    max_selections=4,
    key=f"cmp_items_{kind}",
    placeholder="Kies uit de lijst",
    select_all=False,  # at most four; Streamlit's option is in English
)
link.write("vergelijk", kind)
link.write("kies", ",".join(entities))
for notice in notices:
    st.warning(notice, icon=":material/link_off:")

if kind == "gemeente" and entities:
    peers = data.peers(entities[0], filters.period_from, filters.period_to)
    if not peers.empty:
        suggestions = ", ".join(
            f"{row.municipality_name} ({comparisons.similarity_label(row.distance)})" for row in peers.itertuples()
        )
        right.caption(f"Vergelijkbaar met {names.get(entities[0])} in omvang en taakstelling: {suggestions}.")

if len(entities) < 2:
    st.info("Kies er minstens twee om te vergelijken. Tip: een link naar deze pagina onthoudt uw keuze.")
    st.stop()

entity_kind = ENTITY_KINDS[kind]
narrow = layout.on_phone()


def comparison_view() -> SimpleNamespace:
    """The compared figures, chart, text and table: the same for every viewer of the view, so made once and shared."""
    frame = data.comparison(filters, kind, tuple(entities))
    measures = comparisons.compared(frame, entity_kind.column)
    labels = {e: comparisons.entity_label(kind, e, names) for e in entities}
    cells = {e: comparisons.cell(frame, "persons", e) for e in entities}
    return SimpleNamespace(
        measures=measures,
        labels=labels,
        persons={e: f"{cell['shown']} personen" for e, cell in cells.items()},
        bases={e: comparisons.base_text(cell) for e, cell in cells.items()},
        figure=charts.comparison_small_multiples(
            frame, measures, entities, labels, entity_kind.reference_label, entity_kind.average_label, narrow=narrow
        ),
        alt_text=comparisons.summary(frame, measures, labels),
        table=comparisons.table(frame, measures, entities, labels, entity_kind.reference_label),
    )


view = data.shared("comparison_view", comparison_view, filters, kind, tuple(entities), narrow)
cols = st.columns(len(entities))
for col, entity in zip(cols, entities):
    with col:
        layout.figure_card(
            view.labels[entity], view.persons[entity], caption=view.bases[entity],
            help="Gehuisveste personen in de periode.", key=f"compare_{entity}",
        )

layout.chart(view.figure, "vergelijking", alt_text=view.alt_text)

layout.how_to_read(
    "Elk paneel toont één maatstaf, met één as voor alle gekozen "
    f"{entity_kind.plural.lower()}. Elke {entity_kind.label.lower()} houdt op deze pagina dezelfde kleur. "
    f"De gestippelde lijn is de waarde voor {entity_kind.reference_label.lower()} binnen de andere filters "
    "(bij aantallen: het gemiddelde per "
    f"{entity_kind.label.lower()}). Achter elk cijfer staat op hoeveel huishoudens het rust (n). "
    f"Cijfers over {privacy.fewer_than('huishoudens')} tonen we als '{privacy.marker()}'.",
    tuple(dict.fromkeys(m.definition for m in view.measures)),
)

layout.table_with_download(view.table, f"vergelijking_{kind}")
