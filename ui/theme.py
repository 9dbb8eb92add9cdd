"""Styling every page shares: contrast that meets WCAG 2.1 AA in light and dark theme."""

import streamlit as st

_CSS = """
<style>
/* Streamlit's grey captions (#828180 on white, 3.9:1) fall short of 4.5:1; text colour at 82% opacity
   reaches about 6.5:1 on white and stays light enough on the dark theme's background. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: inherit !important; opacity: 0.82; }
/* Code blocks (shared links) wrap instead of scrolling: a scrolling box must be reachable by keyboard. */
pre { white-space: pre-wrap !important; word-break: break-all; overflow: visible !important; }
/* A visible keyboard focus on every control. */
:focus-visible { outline: 3px solid #0072B2 !important; outline-offset: 2px !important; }
</style>
"""


def apply() -> None:
    st.markdown(_CSS, unsafe_allow_html=True)
