"""Start the dashboard server: `python -m ui.serve [streamlit run options]`."""

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard.py"


def main() -> None:
    # The app routes with st.navigation. Streamlit only learns that on the first script run, so the first
    # deep link after start-up (e.g. a shared /vergelijken?...) would be resolved in the legacy pages/
    # folder mode and answered with "Page not found". Tell it up front.
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(DASHBOARD), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
