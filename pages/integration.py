"""Integratie: language, inburgering, work, education and network 6 to 36 months after the first home."""

import pandas as pd
import streamlit as st

from housing_monitor import dutch, privacy
from housing_monitor.contract import HOUSING_FORMS
from housing_monitor.measures import integration
from housing_monitor.present import impact_charts, tables
from housing_monitor.present import key_figures as kpis
from ui import data, layout, link, sidebar

filters = st.session_state["filters"]
layout.header(
    "Integratie",
    "Hoe vergaat het statushouders na hun eerste woning – in taal, inburgering, werk en netwerk – per woonvorm?",
)
for notice in link.seed_choice("uitkomst", "integration_outcome", integration.OUTCOMES, "uitkomst"):
    st.warning(notice, icon=":material/link_off:")
if link.incoming("standaard") is not None:
    st.session_state["integration_standardised"] = link.incoming("standaard") == "ja"
left, right = st.columns([3, 2], vertical_alignment="bottom")
outcome = left.selectbox(
    "Uitkomst", list(integration.OUTCOMES), format_func=integration.OUTCOMES.get, key="integration_outcome"
)
standardised = right.toggle(
    "Gelijke mix alleenstaanden en gezinnen",
    key="integration_standardised",
    help="Vergelijk woonvormen alsof ze evenveel alleenstaanden en gezinnen huisvestten als de hele selectie.",
)
link.write("uitkomst", outcome if outcome != "language_b1" else None)
link.write("standaard", "ja" if standardised else None)
value = "standardised_share" if standardised else "share"
label = integration.OUTCOMES[outcome]
st.caption(
    f"Huishoudens met hun eerste woning in {dutch.period_range_label(filters.period_from, filters.period_to)} · "
    "vergeleken met de huishoudens uit de even lange periode ervoor"
    + (" · gestandaardiseerd naar huishoudtype" if standardised else "")
)

# Every figure below rests on four cached results, computed side by side: the curve overall and per housing form
# (whose 6, 12, 24 and 36 months are also the key figures and the housing-form table), the previous period for the
# comparison, and the municipalities' table.
previous = filters.previous()
overall, curve, before, per_municipality = data.together(
    lambda: data.measure("integration_outcome", filters, outcome=outcome, k_months=integration.CURVE_MONTHS),
    lambda: data.integration_curve(filters, outcome),
    lambda: data.measure("integration_outcome", previous, outcome=outcome) if previous else None,
    lambda: data.integration_at_k_months(filters, outcome, "municipality_code"),
)
figures = kpis.integration_kpis(integration.at_k_months(overall), before, outcome, standardised)
layout.metric_row(figures, columns=4)
if any(kpi.base is None for kpi in figures):
    st.info(
        "Voor huishoudens die pas in deze periode een woning kregen, zijn er nog geen metingen zo lang na de "
        "eerste woning. Kies in de zijbalk een eerdere periode, of bekijk alle jaren.",
        icon=":material/hourglass_empty:",
    )
    st.button("Toon alle jaren", key="integration_all_years", on_click=sidebar.select_all_periods)

st.header(f"{label}: aandeel naar maanden sinds de eerste woning")
layout.chart(
    data.chart(impact_charts.integration_curve, curve, value=value, outcome_label=label),
    f"integratie_{outcome}",
    alt_text=impact_charts.integration_curve_summary(curve, value, label),
)
if standardised:
    unadjustable = integration.not_standardisable(curve)
    if unadjustable:
        st.caption(
            f"Niet te standaardiseren ({privacy.fewer_than('alleenstaanden of gezinnen')}): {', '.join(unadjustable)}. "
            "Zet de schakelaar uit om hun gewone aandeel te zien."
        )

layout.how_to_read(
    "Elke lijn is een woonvorm: hoeveel procent van de personen de uitkomst had, zoveel maanden na de eerste "
    "woning van hun huishouden. De grijze stippellijn is alle woonvormen samen. Elk punt rust op de personen "
    "van wie een meting rond dat moment (binnen 3 maanden ervoor of erna) de uitkomst vastlegt; punten met "
    f"{privacy.fewer_than('personen')} tonen we niet. Met de schakelaar 'gelijke mix' vergelijkt u woonvormen alsof ze "
    "evenveel alleenstaanden en gezinnen huisvestten; woningdelen huisvest bijna alleen alleenstaanden, dus "
    "daar kan dat vaak niet. Wat de cijfers niet zeggen: of de woonvorm het verschil veroorzaakt. Mensen "
    "worden niet willekeurig over woonvormen verdeeld.",
    ("integratie", "kleine_aantallen"),
)


def wide(cells: pd.DataFrame, group: str) -> pd.DataFrame:
    """One row per group; per k the share and the persons it rests on (hidden below the page)."""
    cells = cells.assign(name=impact_charts.group_label(cells, group))
    if group == "housing_form":  # the housing forms in their usual order, as in every legend
        cells = cells.sort_values("housing_form", key=lambda forms: forms.map(list(HOUSING_FORMS).index))
    heading = "Gemeente" if group == "municipality_code" else tables.COLUMNS[group][0]
    rows = []
    for name, part in cells.groupby("name", sort=group != "housing_form"):
        at_k = part.set_index("k_months")
        row = {heading: name}
        for k in integration.K_MONTHS:
            found = k in at_k.index
            row[f"Na {k} maanden"] = tables.format_value(at_k.at[k, value] if found else None, "share")
            row[f"Personen ({k} mnd)"] = tables.format_value(at_k.at[k, "persons"] if found else None, "count")
        rows.append(row)
    return pd.DataFrame(rows)


for group, title in (("housing_form", "per woonvorm"), ("municipality_code", "per gemeente")):
    st.header(f"{label} na 6, 12, 24 en 36 maanden, {title}")
    frame = data.integration_at_k_months(filters, outcome, group) if group == "housing_form" else per_municipality
    if frame.empty:
        st.info("Geen metingen in deze selectie.")
        continue
    layout.table_with_download(wide(frame, group), f"integratie_{outcome}_{group}")
