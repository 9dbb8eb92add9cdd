"""Begrippen / Over de data: definitions and the data contract, generated from the contract itself."""

import pandas as pd
import streamlit as st

from housing_monitor import privacy
from housing_monitor.contract import DATASETS, TYPE_LABELS
from housing_monitor.present.definitions import definitions
from ui import data, layout

layout.header("Begrippen en over de data", "Wat betekenen de cijfers, en waar komen ze vandaan?")

st.header("Begrippen")
for d in definitions():
    st.subheader(d.title, help=d.short, anchor=d.key)
    st.markdown(f"{d.short}  \n*Precieze definitie:* {d.exact}")

st.header("De gegevens")
st.markdown(
    "Analisten leveren zeven soorten bestanden aan als CSV (komma of puntkomma, UTF-8 of "
    "Windows-1252). Elke kolom mag de Engelse of de Nederlandse naam hebben. Identificaties van "
    "personen en huishoudens zijn pseudoniemen: een kolom met burgerservicenummers (BSN) wordt "
    f"altijd geweigerd. Cijfers over {privacy.fewer_than('huishoudens of personen')} tonen we als "
    f"'{privacy.marker()}'."
)
for dataset in DATASETS.values():
    optional = " (optioneel)" if dataset.optional else ""
    st.subheader(f"{dataset.title}{optional}")
    st.markdown(f"Eén bestand `{dataset.name}.csv`: {dataset.row_meaning}. Sleutel: `{' + '.join(dataset.key)}`.")
    rows = [
        {
            "Kolom": c.name,
            "Nederlandse naam": c.alias,
            "Type": TYPE_LABELS[c.type],
            "Verplicht": "ja" if c.required else "nee",
            "Betekenis": c.description,
            "Regels": c.rule_text(),
        }
        for c in dataset.columns
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")

st.header("Bronnen")
st.markdown(
    "- Gemeenten, provincies en inwonertallen op 1 januari 2024: **Bron: CBS** (CC BY 4.0), "
    "'Gemeenten alfabetisch 2024' en StatLine 'Gebieden in Nederland 2024'.\n"
    "- Gemeentegrenzen: **Bron: CBS, PDOK – Gebiedsindelingen 2024 (vereenvoudigd)** (CC BY 4.0).\n"
    "- De demodata zijn verzonnen (vaste toevalsgenerator) rond echte gemeenten, en vertellen de drie "
    "praktijkverhalen uit 'Wat werkt in … de huisvesting van statushouders' (Platform31, 2016): "
    "tijdelijke huisvesting in een basisschool in Landgraaf, woningdelen in Haarlem en een "
    "coördinator in Almere-Haven."
)
st.caption(f"Versie van de gegevens: {data.version()}")
