"""Presentatie voorbereiden: the facilitator's kept decks, and a presentation made from pasted links."""

import streamlit as st

from housing_monitor import sequences
from ui import decks, layout, presentation

layout.header(
    "Presentatie voorbereiden",
    "Welke weergaven wilt u in een workshop na elkaar laten zien, zonder filters aan te raken?",
)
st.markdown(
    "Open een pagina, stel de filters en keuzes in en kies in de zijbalk onder *Deel of presenteer deze weergave* "
    "**Voeg toe aan presentatie**. Hier zet u de weergaven in volgorde, kopieert u de link van de presentatie en "
    "start u hem. Op de beamer bladert u met **Volgende** en **Vorige**, met de pijltjestoetsen of met een "
    "presentatieklikker (PageUp en PageDown)."
)

st.header("Uw presentaties")
chosen = decks.manage()
if chosen is not None:
    presentation.start_deck(st.session_state["page_map"], chosen)

st.header("Presentatie uit links")
st.markdown(
    "Of plak de links van de weergaven hieronder, één per regel, in de volgorde van de workshop "
    "(de link van een weergave staat in de zijbalk onder *Deel of presenteer deze weergave*)."
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
    decks.save_pasted(views)
    base = (st.context.url or "").rsplit("/", 1)[0]
    token = sequences.encode(views)
    first = views[0] + ("&" if "?" in views[0] else "?") + f"{presentation.ON}=1&{presentation.SEQUENCE}={token}&{presentation.STEP}=0"
    st.markdown("**Presentatielink** (kopieer met het knopje rechts):")
    st.code(base + first, language=None, wrap_lines=True)
    if st.button("Start presentatie", type="primary", icon=":material/play_arrow:", key="present_start"):
        presentation.start(st.session_state["page_map"], views)
else:
    st.info("Plak minstens één link om een presentatie te maken.")
