"""Presentatie voorbereiden: turn a list of prepared links into one presentation link."""

import streamlit as st

from housing_monitor import sequences
from ui import layout, presentation

layout.header(
    "Presentatie voorbereiden",
    "Welke weergaven wilt u in een workshop na elkaar laten zien, zonder filters aan te raken?",
)
st.markdown(
    "1. Stel op een pagina de filters en keuzes in en kopieer de link (in de zijbalk: *Deel of presenteer "
    "deze weergave*).\n"
    "2. Plak hieronder alle links, één per regel, in de volgorde van de workshop.\n"
    "3. Start de presentatie, of bewaar de presentatielink en open die later op de beamer. "
    "In de presentatie bladert u met **Volgende** en **Vorige**."
)
text = st.text_area(
    "Links, één per regel",
    height=180,
    key="present_links",
    placeholder="http://localhost:8501/?gemeente=GM0882\nhttp://localhost:8501/vergelijken?vergelijk=woonvorm&kies=tijdelijk,woningdelen",
)
views, problems = sequences.parse_lines(text or "", set(st.session_state["page_map"]))
for problem in problems:
    st.error(problem, icon=":material/error:")
if views:
    st.success(f"{len(views)} weergaven klaar om te presenteren.", icon=":material/check_circle:")
    base = (st.context.url or "").rsplit("/", 1)[0]
    token = sequences.encode(views)
    first = views[0] + ("&" if "?" in views[0] else "?") + f"{presentation.ON}=1&{presentation.SEQUENCE}={token}&{presentation.STEP}=0"
    st.markdown("**Presentatielink** (kopieer met het knopje rechts):")
    st.code(base + first, language=None, wrap_lines=True)
    if st.button("Start presentatie", type="primary", icon=":material/play_arrow:", key="present_start"):
        presentation.start(st.session_state["page_map"], views)
else:
    st.info("Plak minstens één link om een presentatie te maken.")
