"""Kaart: every municipality coloured by one measure, ranked beside the map, and a way into each one."""

import streamlit as st

from housing_monitor import dutch, privacy
from housing_monitor.contract import HOUSING_FORMS, PROVINCES
from housing_monitor.present import maps, tables
from ui import layout, link, map_view

filters = st.session_state["filters"]
layout.header("Kaart", "Waar staan de gemeenten, in één oogopslag?")

offered = {entry.key: entry for entry in maps.offered()}
# The link keeps the measure and the zoom, so a shared or presented view shows the same map.
notices = []
wanted = link.incoming("maat")
if wanted is not None:
    if wanted in offered:
        st.session_state["map_measure"] = wanted
    else:
        notices.append(f"De link noemt een maatstaf die de kaart niet kent: {wanted}. De wachttijd wordt getoond.")
wanted_zoom = link.incoming("zoom")
if wanted_zoom is not None:
    if wanted_zoom in PROVINCES:
        st.session_state["map_province"] = wanted_zoom
    else:
        notices.append(f"De link noemt een onbekende provincie: {wanted_zoom}. Heel Nederland wordt getoond.")

choice, zoom = st.columns(2)
key = choice.selectbox(
    "Maatstaf op de kaart",
    list(offered),
    format_func=lambda k: offered[k].label,
    key="map_measure",
)
province = zoom.selectbox(
    "Inzoomen op provincie",
    ["", *PROVINCES],
    format_func=lambda p: p or "Heel Nederland",
    key="map_province",
) or None
link.write("maat", key if key != maps.DEFAULT_MEASURE else None)
link.write("zoom", province)
for notice in notices:
    st.warning(notice, icon=":material/link_off:")

entry = offered[key]
mapped, result = map_view.map_data(key, filters)
period = dutch.period_range_label(filters.period_from, filters.period_to)
forms = ", ".join(HOUSING_FORMS[f] for f in filters.housing_forms) or "alle woonvormen"
st.caption(
    f"Periode: {period} · {forms} · de kaart toont altijd alle gemeenten; de gemeente- en provinciekeuze "
    "in de zijbalk tellen hier niet mee."
)
if mapped.unknown_codes:
    st.warning(
        f"De gegevens noemen {len(mapped.unknown_codes)} gemeentecode(s) die niet op de kaart van 2024 staan: "
        f"{', '.join(mapped.unknown_codes)}. Ze staan wel in de tabel.",
        icon=":material/warning:",
    )
map_view.show_notice()

layout.metric_row(map_view.key_figures(key, filters, province), columns=3)

left, right = st.columns(2)
with left:
    fig = map_view.figure(key, filters, province=province, height=680, title=f"{entry.label} · {period}")
    map_view.show(key, filters, fig, "kaart_map", province)
    if filters.municipalities:
        names = maps.reference().set_index("municipality_code")["municipality_name"]
        chosen = ", ".join(names.get(code, code) for code in filters.municipalities)
        st.caption(f"Zwart omlijnd: {chosen} (gekozen in de zijbalk).")
with right:
    map_view.picker(filters)
    table = tables.display(maps.ranked(mapped, result, province), maps.table_columns(entry))
    layout.table_with_download(
        table,
        f"kaart_{key}",
        caption=f"{province or 'Alle gemeenten'} met gegevens, van hoog naar laag.",
    )

layout.how_to_read(
    "Elke gemeente heeft de kleur van haar klasse; de legenda boven de kaart noemt de grenzen. "
    f"**Grijs** betekent: geen gegevens in deze selectie, of {privacy.fewer_than('huishoudens')} (dan tonen we "
    "niets, om mensen te beschermen; soms verbergen we ook een tweede gemeente, zodat dat kleine aantal "
    "niet uit het totaal te herleiden is). Beweeg over een gemeente voor het cijfer en waarop het rust. "
    "Klik op een gemeente, of kies haar rechts, om het hele dashboard op die gemeente te filteren; "
    "de link bewaart die keuze. De tabel rangschikt de gemeenten met gegevens. "
    "Een klein aantal huishoudens maakt een cijfer onzeker: kijk naar de basis voordat u vergelijkt.",
    (entry.definition, "kleine_aantallen"),
)
