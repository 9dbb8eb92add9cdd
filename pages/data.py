"""Gegevens importeren: upload CSV files or workbooks (own column names mapped), see every problem at once, import, undo."""

import streamlit as st

from ui import data, importing, layout

layout.header(
    "Gegevens importeren",
    "Hoe zet ik nieuwe monitorgegevens in het dashboard, en hoe maak ik een import ongedaan?",
)
importing.show_last_import()

st.subheader("1. Bestanden kiezen en controleren")
access = data.access()
if not access.can_import:
    st.info(
        "Importeren en ongedaan maken kan alleen met de rol analist of beheerder. U kunt hieronder wel zien "
        "wat er in de database staat en de sjablonen downloaden.",
        icon=":material/lock:",
    )
else:
    st.markdown(
        "Het bestand wordt eerst helemaal gecontroleerd. Is er één fout, dan wordt er **niets** geïmporteerd "
        "en ziet u alle problemen tegelijk, met het regelnummer zoals uw spreadsheet het toont. Rijen met een "
        "bestaande sleutel worden bijgewerkt, nieuwe rijen toegevoegd. Elke import kan ongedaan worden gemaakt. "
        "Gebruikt uw systeem eigen kolomnamen of waarden, dan koppelt u ze hier één keer; een Excel-werkmap kan direct."
    )
    importing.ask_name()
    importing.upload_step()

st.subheader("2. Wat staat er nu in de database")
st.dataframe(importing.database_contents(), hide_index=True, width=480)

st.subheader("3. Importgeschiedenis")
importing.notice()  # the outcome of an undo or reset, here where the button was
st.caption(
    "Ongedaan maken zet precies terug wat een import veranderde. Veranderde een latere import dezelfde rijen, "
    "maak die dan eerst ongedaan."
)
importing.history()

st.subheader("4. Sjablonen en voorbeeldbestanden")
st.caption(
    "Een leeg sjabloon per soort gegevens (alleen de kopregel, puntkommagescheiden zoals Excel het opent) en "
    "de demodata als voorbeeld. De kolommen en regels staan op de pagina Begrippen / Over de data."
)
importing.downloads()

if access.can_manage:
    st.subheader("5. Terug naar demodata")
    with st.expander("Alle gegevens vervangen door de demodata"):
        importing.reset_to_demo()
