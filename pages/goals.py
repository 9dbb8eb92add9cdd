"""Doelen: per goal the measured value against the target, met or not, and the road to the deadline."""

import streamlit as st

from housing_monitor import dutch, privacy
from housing_monitor.measures import goals
from housing_monitor.present import goal_views
from ui import data, layout, link

filters = st.session_state["filters"]
layout.header(
    "Doelen",
    "Doen we de goede dingen goed? Per doel de gemeten waarde naast de streefwaarde die de organisatie zich stelde.",
)
reference = data.reference_date()
# A goal has its own period: only the sidebar's places and organisations choose which goals are listed.
attainment = data.goal_attainment(filters)
st.caption(
    f"Peildatum {dutch.date(reference)} · elk doel telt over de eigen periode en het eigen bereik. Gemeente, "
    "provincie, corporatie en project in de zijbalk kiezen welke doelen u ziet; periode, woonvorm en huishoudtype "
    "tellen hier niet."
)
if attainment.empty:
    st.info(
        "Er zijn geen doelen voor deze selectie. Lever het bestand 'doelen' aan op de pagina Gegevens importeren, "
        "of kies in de zijbalk een andere gemeente of corporatie."
    )
    st.stop()

counts = goals.status_counts(attainment)
columns = st.columns(4)
for column, (label, statuses, help_text) in zip(
    columns,
    [
        ("Gehaald", ("met",), "Periode voorbij en de streefwaarde gehaald."),
        ("Op koers", ("on_track",), "Periode loopt nog; de stand tot nu toe haalt de streefwaarde."),
        ("Niet gehaald of niet op koers", ("not_met", "off_track"), "De (stand tot nu toe van de) maatstaf haalt de streefwaarde niet."),
        (
            "Nog geen oordeel",
            ("too_little_data", "no_data", "not_started"),
            f"Te weinig gegevens ({privacy.fewer_than('huishoudens of personen')}), geen gegevens, of de periode is nog niet begonnen.",
        ),
    ],
):
    with column:
        layout.figure_card(label, dutch.integer(sum(counts[s] for s in statuses)), caption=help_text, key=f"goals_{statuses[0]}")

st.header("Per organisatie")
summary = goals.organisation_summary(attainment)
st.markdown("\n".join(f"- {goal_views.summary_sentence(row)}" for row in summary.to_dict(orient="records")))

st.header("Alle doelen")
layout.table_with_download(goal_views.goals_table(attainment), "doelen")

st.header("Verloop naar de deadline")
labels = {
    row["goal_id"]: f"{row['goal_id']} · {goal_views.description(row)}" for row in attainment.to_dict(orient="records")
}
for notice in link.seed_choice("doel", "goal_detail", labels, "doel"):
    st.warning(notice, icon=":material/link_off:")
if st.session_state.get("goal_detail") not in labels:
    st.session_state.pop("goal_detail", None)
chosen = st.selectbox("Doel", list(labels), format_func=labels.get, key="goal_detail")
link.write("doel", chosen)
goal = attainment.set_index("goal_id").loc[chosen]
st.markdown(
    f"{goal_views.status_badge(goal['status'])} · **{goals.scope_label(goal)}** · {goal_views.target_text(goal)} · "
    f"periode {goal_views.period_text(goal)} · basis {goal_views.base_text(goal)}"
)
trend = data.computed(goals.goal_trend, goal.to_dict(), reference)
if goal["status"] == "not_started":
    st.info(f"De periode van dit doel begint op {dutch.date(goal['period_start'])}: nog niets te meten.")
elif goal["status"] == "no_data":
    st.info("Er zijn geen gegevens binnen het bereik en de periode van dit doel.")
else:
    layout.chart(
        data.chart(goal_views.trend_chart, goal, trend),
        f"doel_{chosen}",
        alt_text=goal_views.trend_summary(goal, trend),
    )
if goal["note"]:
    st.caption(goal["note"])

layout.how_to_read(
    "Per doel berekenen we de maatstaf over het **eigen bereik** (gemeente, corporatie, project en woonvorm, "
    "voor zover ingevuld) en de **eigen periode** van het doel. Wachttijd, doorstroom en integratie gaan over "
    "huishoudens die in de periode hun eerste woning kregen; overlast telt de signalen en woonduur binnen de "
    "periode; de taakstelling de halfjaren van de periode. **Gehaald**: de waarde is hoogstens (of minstens) de "
    "streefwaarde. Loopt de periode nog, dan oordelen we over de stand tot nu toe: **op koers** of **niet op "
    f"koers**. Rust een doel op {privacy.fewer_than('huishoudens of personen')}, dan tonen we geen getal maar **te weinig "
    "gegevens**. Het verloop toont bij elk halfjaareinde de waarde vanaf het begin van de periode tot dat moment.",
    ("doelen", "kleine_aantallen"),
)
