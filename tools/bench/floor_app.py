"""The framework's floor: a title, one key figure and one bar chart of three values.

The benchmark and the load test serve this beside the dashboard, in the same run, so that what a viewer of
the dashboard costs and waits is read against what any Streamlit app costs and waits on the same machine.
"""

import plotly.express as px
import streamlit as st

st.title("Woonmonitor – vloer")
st.metric("Gehuisveste huishoudens", "1.234")
st.plotly_chart(px.bar(x=["A", "B", "C"], y=[3, 1, 2]))
