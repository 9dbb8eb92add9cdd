"""Woonmonitor statushouders: the router (page config, shared sidebar, navigation, presentation mode)."""

from pathlib import Path

import streamlit as st

from ui import auth, data, errors, presentation, sidebar, theme, warmup

st.set_page_config(
    page_title="Woonmonitor statushouders",
    # A local image: a Material icon as favicon is fetched from Google's font servers, which an offline machine lacks.
    page_icon=str(Path(__file__).resolve().parent / "data" / "favicon.png"),
    layout="wide",
    initial_sidebar_state="expanded",
)

theme.apply()
warmup.wait()  # a run that starts while the server warms up takes the warm results instead of racing it
access = auth.current()
st.session_state["access"] = access
data.ensure_data()

# Every page has a url_path unlike its file name: AppTest otherwise reruns a page of the pages/
# folder on its own (Streamlit's legacy multipage mode), without this router and its sidebar.
PAGES = [
    st.Page("pages/overview.py", title="Overzicht", icon=":material/dashboard:", default=True, url_path="overzicht"),
    st.Page("pages/map.py", title="Kaart", icon=":material/map:", url_path="kaart"),
    st.Page("pages/compare.py", title="Vergelijken", icon=":material/compare_arrows:", url_path="vergelijken"),
    st.Page("pages/housing_forms.py", title="Woonvormen", icon=":material/holiday_village:", url_path="woonvormen"),
    st.Page("pages/pathways.py", title="Doorstroom naar vaste woning", icon=":material/trending_up:", url_path="doorstroom"),
    st.Page("pages/quota.py", title="Taakstelling", icon=":material/flag:", url_path="taakstelling"),
    st.Page("pages/waiting.py", title="Wachtenden", icon=":material/hourglass_top:", url_path="wachtenden"),
    st.Page("pages/nuisance.py", title="Overlast", icon=":material/campaign:", url_path="overlast"),
    st.Page("pages/integration.py", title="Integratie", icon=":material/diversity_3:", url_path="integratie"),
    st.Page("pages/interventions.py", title="Interventies", icon=":material/handshake:", url_path="interventies"),
    st.Page("pages/goals.py", title="Doelen", icon=":material/target:", url_path="doelen"),
    st.Page("pages/data.py", title="Gegevens importeren", icon=":material/upload_file:", url_path="gegevens"),
    st.Page("pages/present.py", title="Presentatie voorbereiden", icon=":material/slideshow:", url_path="presentatie"),
    st.Page("pages/definitions.py", title="Begrippen / Over de data", icon=":material/menu_book:", url_path="begrippen"),
]
# Viewers never reach the import actions: the page is not even in their navigation.
if not access.can_import:
    PAGES = [page for page in PAGES if page.url_path != "gegevens"]
PAGE_BY_PATH = {page.url_path: page for page in PAGES}  # the default page's path is ""
st.session_state["page_map"] = PAGE_BY_PATH

navigation = st.navigation(PAGES, expanded=True)  # every page in sight, not behind "View more"
auth.return_to_shared_view(PAGE_BY_PATH, navigation)  # the link opened before signing in
presentation.read_link()
st.session_state["filters"] = sidebar.render()
presentation.write_link()
if presentation.is_on():
    presentation.apply()
sidebar.show_link_notices()
with errors.page_errors_in_dutch(show_details=access.local_mode):
    navigation.run()
if presentation.is_on():
    presentation.controls(PAGE_BY_PATH)
else:
    sidebar.share()
    auth.sidebar_status(access)
