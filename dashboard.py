"""Woonmonitor statushouders: the router (page config, shared sidebar, navigation)."""

import streamlit as st

from ui import data, sidebar

st.set_page_config(
    page_title="Woonmonitor statushouders",
    page_icon=":material/home:",
    layout="wide",
    initial_sidebar_state="expanded",
)

data.ensure_data()

# Every page has a url_path unlike its file name: AppTest otherwise reruns a page of the pages/
# folder on its own (Streamlit's legacy multipage mode), without this router and its sidebar.
PAGES = [
    st.Page("pages/overview.py", title="Overzicht", icon=":material/dashboard:", default=True, url_path="overzicht"),
    st.Page("pages/definitions.py", title="Begrippen / Over de data", icon=":material/menu_book:", url_path="begrippen"),
    st.Page("pages/map.py", title="Kaart", icon=":material/map:", url_path="kaart"),
]

navigation = st.navigation(PAGES)
st.session_state["filters"] = sidebar.render()
sidebar.show_link_notices()
navigation.run()
