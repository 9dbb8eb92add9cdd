"""Kaart: every municipality coloured by one measure, ranked beside the map, and a way into each one."""

import streamlit as st

from housing_monitor import dutch, exports, maps, tables
from housing_monitor.contract import HOUSING_FORMS, PROVINCES
from ui import layout, map_view

filters = st.session_state["filters"]
layout.header("Kaart", "Waar staan de gemeenten, in één oogopslag?")

offered = {entry.key: entry for entry in maps.offered()}
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
entry = offered[key]
mapped, result = map_view.map_data(key, filters)

forms = ", ".join(HOUSING_FORMS[f] for f in filters.housing_forms) or "alle woonvormen"
st.caption(
    f"Periode: {dutch.period_range_label(filters.period_from, filters.period_to)} · {forms} · "
    "de kaart toont altijd alle gemeenten; de gemeente- en provinciekeuze in de zijbalk tellen hier niet mee."
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
    fig = maps.figure(mapped, selected=filters.municipalities, province=province)
    map_view.show(fig, "kaart_map")
    if filters.municipalities:
        names = maps.reference().set_index("municipality_code")["municipality_name"]
        chosen = ", ".join(names.get(code, code) for code in filters.municipalities)
        st.caption(f"Zwart omlijnd: {chosen} (gekozen in de zijbalk).")
    period = dutch.period_range_label(filters.period_from, filters.period_to)
    st.download_button(
        "Download kaart als PNG",
        # Made only when clicked: an image takes a few seconds in a headless browser.
        lambda: exports.figure_png(
            maps.figure(mapped, selected=filters.municipalities, province=province, width=1000, height=1150,
                        title=f"{entry.label} · {period}")
        ),
        file_name=f"kaart_{key}.png",
        mime="image/png",
        icon=":material/image:",
        on_click="ignore",
        key="map_png",
    )
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
    "**Grijs** betekent: geen gegevens in deze selectie, of minder dan 5 huishoudens (dan tonen we "
    "niets, om mensen te beschermen). Beweeg over een gemeente voor het cijfer en waarop het rust. "
    "Klik op een gemeente, of kies haar rechts, om het hele dashboard op die gemeente te filteren; "
    "de link bewaart die keuze. De tabel rangschikt de gemeenten met gegevens. "
    "Een klein aantal huishoudens maakt een cijfer onzeker: kijk naar de basis voordat u vergelijkt.",
    (entry.definition, "kleine_aantallen"),
)
