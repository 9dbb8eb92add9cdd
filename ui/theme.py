"""Styling every page shares: WCAG 2.1 AA contrast, a phone-sized layout, Streamlit's own texts in Dutch or hidden."""

import streamlit as st

from . import translations

_CSS = """
<style>
/* Streamlit's grey captions (#828180 on white, 3.9:1) fall short of 4.5:1; text colour at 82% opacity
   reaches about 6.5:1 on white and stays light enough on the dark theme's background. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: inherit !important; opacity: 0.82; }
/* Code blocks (shared links) wrap instead of scrolling: a scrolling box must be reachable by keyboard. */
pre { white-space: pre-wrap !important; word-break: break-all; overflow: visible !important; }
/* A visible keyboard focus on every control. */
:focus-visible { outline: 3px solid #0072B2 !important; outline-offset: 2px !important; }

/* Key figure cards (ui/layout.figure_card): a small label and the value large, as st.metric draws them. */
[class*="st-key-kpi_"] [data-testid="stMarkdownContainer"] p { font-size: 0.875rem; margin-bottom: 0.25rem; }
[class*="st-key-kpi_"] [data-testid="stMarkdownContainer"] p strong { font-size: 2.25rem; font-weight: 400; line-height: 1.25; }

/* Streamlit's English that no setting translates, hidden where the page says it in Dutch itself: the uploader's
   size line (its limit is not the page's; the page's caption gives both), a table's CSV download (the page's own,
   below every table, opens right in Dutch Excel). This element itself takes no room. */
[data-testid="stFileUploaderDropzoneInstructions"],
[data-testid="stElementToolbar"] button[aria-label="Download as CSV"],
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > style + script) { display: none !important; }

/* A phone (Streamlit stacks columns below 640 px): less space above the title, smaller headings and key figures,
   so the first figures show on the first screen. Plotly's toolbar would sit on a chart's legend and its small
   buttons are hard to hit by finger: the chart's downloads are below it. */
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 3.5rem !important; padding-bottom: 4rem !important; }
  [data-testid="stMain"] h1 { font-size: 2rem; }
  [data-testid="stMain"] h2 { font-size: 1.5rem; }
  [data-testid="stMain"] h3 { font-size: 1.25rem; }
  [class*="st-key-kpi_"] { padding: 0.5rem 0.9rem !important; }
  [class*="st-key-kpi_"] [data-testid="stMarkdownContainer"] p strong { font-size: 1.75rem; }
  .js-plotly-plot .modebar-container { display: none !important; }
}
</style>
"""


def apply() -> None:
    """The shared styles and Streamlit's own texts in Dutch, as one element at the top of every page."""
    st.html(_CSS + translations.script(), unsafe_allow_javascript=True)
