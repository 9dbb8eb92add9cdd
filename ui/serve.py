"""Start the dashboard server: `python -m ui.serve [streamlit run options]`."""

import gc
import importlib
import sys
import threading
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard.py"
# What the first page run needs: imported while the server starts and the browser loads its scripts,
# instead of after the first visitor arrives (about a second of the first page's time).
PRELOAD = (
    "ui.data", "ui.sidebar", "ui.layout", "ui.map_view", "ui.presentation", "ui.auth", "ui.theme",
    "housing_monitor.present.charts", "housing_monitor.present.report", "housing_monitor.present.tables", "plotly.graph_objects",
)


def _preload() -> None:
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # the script run will import it again and show the error where it belongs
            pass
    from ui import warmup

    warmup.first_page()
    # The modules and warm caches loaded by now live as long as the server: moved out of the garbage collector's
    # sight, its full collections stop walking them again and again (runner.postScriptGC is off, see config.toml).
    gc.collect()
    gc.freeze()


def main() -> None:
    # The app routes with st.navigation. Streamlit only learns that on the first script run, so the first
    # deep link after start-up (e.g. a shared /vergelijken?...) would be resolved in the legacy pages/
    # folder mode and answered with "Page not found". Tell it up front.
    PagesManager.uses_pages_directory = False
    threading.Thread(target=_preload, name="preload", daemon=True).start()
    options = sys.argv[1:]
    if not any(option.startswith("--server.fileWatcherType") for option in options):
        # A served dashboard does not reload its own code. Streamlit's watcher otherwise resolves the path of
        # every loaded module after each script run, on the event loop: 1.2 s of the first page's time.
        options = ["--server.fileWatcherType", "none", *options]
    sys.argv = ["streamlit", "run", str(DASHBOARD), *options]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
