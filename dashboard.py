"""Woonmonitor statushouders: the router (page config, shared sidebar, navigation, presentation mode)."""

from pathlib import Path

import streamlit as st

from ui import auth, data, errors, pages, presentation, sidebar, theme, warmup

st.set_page_config(
    page_title="Woonmonitor statushouders",
    # A local image: a Material icon as favicon is fetched from Google's font servers, which an offline machine lacks.
    page_icon=str(Path(__file__).resolve().parent / "data" / "favicon.png"),
    layout="wide",
    initial_sidebar_state="auto",  # closed on a phone, where it would cover the page; open on a desk screen
)

theme.apply()
warmup.wait()  # a run that starts while the server warms up takes the warm results instead of racing it
access = auth.current()
st.session_state["access"] = access
data.ensure_data()

# The one list of pages (ui/pages.py), which the benchmark and the tests read too; viewers get no import page.
PAGES = [
    st.Page(spec.file, title=spec.title, icon=spec.icon, url_path=spec.url_path, default=spec.default)
    for spec in pages.PAGES
    if spec.visible_to(access)
]
PAGE_BY_PATH = {page.url_path: page for page in PAGES}  # the default page's path is ""
st.session_state["page_map"] = PAGE_BY_PATH

pages.open_default_at_its_own_path()
navigation = st.navigation(PAGES, expanded=True)  # every page in sight, not behind "View more"
auth.return_to_shared_view(PAGE_BY_PATH, navigation)  # the link opened before signing in
# The sidebar and the page read the data: an error in either reaches the visitor in Dutch, the details the log.
with errors.page_errors_in_dutch(show_details=access.local_mode):
    presentation.read_link()
    st.session_state["filters"], filter_choices = sidebar.prepare()
    presentation.write_link()
    if presentation.is_on():
        presentation.apply()
        presentation.controls(PAGE_BY_PATH)  # before the page: a step switches at once, and a page that stops keeps them
    sidebar.show_link_notices()
    try:
        navigation.run()
    finally:
        # After the page: a new viewer's key figures travel first, the sidebar's widgets (and their code) after.
        # Drawn even when the page stops early, so the filters keep their state and the view can be shared.
        sidebar.draw(filter_choices)
        if not presentation.is_on():
            sidebar.share()
if not presentation.is_on():  # who is signed in shows even when the sidebar above failed
    auth.sidebar_status(access)
