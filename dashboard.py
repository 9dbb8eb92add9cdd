"""Woonmonitor statushouders: the router (page config, shared sidebar, navigation, presentation mode)."""

import streamlit as st

from ui import auth, data, presentation, sidebar, theme

st.set_page_config(
    page_title="Woonmonitor statushouders",
    page_icon=":material/home:",
    layout="wide",
    initial_sidebar_state="expanded",
)

theme.apply()
access = auth.current()
st.session_state["access"] = access
data.ensure_data()

# Every page has a url_path unlike its file name: AppTest otherwise reruns a page of the pages/
# folder on its own (Streamlit's legacy multipage mode), without this router and its sidebar.
PAGES = [
    st.Page("pages/overview.py", title="Overzicht", icon=":material/dashboard:", default=True, url_path="overzicht"),
    st.Page("pages/compare.py", title="Vergelijken", icon=":material/compare_arrows:", url_path="vergelijken"),
    st.Page("pages/present.py", title="Presentatie voorbereiden", icon=":material/slideshow:", url_path="presentatie"),
    st.Page("pages/definitions.py", title="Begrippen / Over de data", icon=":material/menu_book:", url_path="begrippen"),
]
PAGE_BY_PATH = {page.url_path: page for page in PAGES}  # the default page's path is ""
st.session_state["page_map"] = PAGE_BY_PATH

navigation = st.navigation(PAGES)
presentation.read_link()
st.session_state["filters"] = sidebar.render()
presentation.write_link()
if presentation.is_on():
    presentation.apply()
sidebar.show_link_notices()
navigation.run()
if presentation.is_on():
    presentation.controls(PAGE_BY_PATH)
else:
    sidebar.share()
    auth.sidebar_status(access)
