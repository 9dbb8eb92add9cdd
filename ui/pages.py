"""The dashboard's pages, listed once: the router, the benchmark and the tests all read this list."""

from __future__ import annotations

from dataclasses import dataclass

from housing_monitor.access import Access


@dataclass(frozen=True)
class PageSpec:
    """One page: its script, what the navigation shows, its address, and who may see it."""

    file: str
    title: str
    icon: str
    url_path: str
    default: bool = False
    importers_only: bool = False  # viewers never reach the import actions: the page is not in their navigation

    @property
    def address(self) -> str:
        """The path the page is served at: the default page lives at the root."""
        return "" if self.default else self.url_path

    def visible_to(self, access: Access) -> bool:
        return access.can_import or not self.importers_only


# Every url_path differs from its file name: AppTest otherwise reruns a page of the pages/ folder on its own
# (Streamlit's legacy multipage mode), without the router and its sidebar.
PAGES = (
    PageSpec("pages/overview.py", "Overzicht", ":material/dashboard:", "overzicht", default=True),
    PageSpec("pages/map.py", "Kaart", ":material/map:", "kaart"),
    PageSpec("pages/compare.py", "Vergelijken", ":material/compare_arrows:", "vergelijken"),
    PageSpec("pages/housing_forms.py", "Woonvormen", ":material/holiday_village:", "woonvormen"),
    PageSpec("pages/pathways.py", "Doorstroom naar vaste woning", ":material/trending_up:", "doorstroom"),
    PageSpec("pages/quota.py", "Taakstelling", ":material/flag:", "taakstelling"),
    PageSpec("pages/waiting.py", "Wachtenden", ":material/hourglass_top:", "wachtenden"),
    PageSpec("pages/nuisance.py", "Overlast", ":material/campaign:", "overlast"),
    PageSpec("pages/integration.py", "Integratie", ":material/diversity_3:", "integratie"),
    PageSpec("pages/interventions.py", "Interventies", ":material/handshake:", "interventies"),
    PageSpec("pages/goals.py", "Doelen", ":material/target:", "doelen"),
    PageSpec("pages/data.py", "Gegevens importeren", ":material/upload_file:", "gegevens", importers_only=True),
    PageSpec("pages/present.py", "Presentatie voorbereiden", ":material/slideshow:", "presentatie"),
    PageSpec("pages/definitions.py", "Begrippen / Over de data", ":material/menu_book:", "begrippen"),
)
DEFAULT = next(spec for spec in PAGES if spec.default)


def open_default_at_its_own_path() -> None:
    """Make a request for the default page by its own url_path a request for the default page (call before st.navigation)."""
    # Streamlit serves the default page at "/" only and answers "/overzicht" with "Page not found", although
    # that is the page's own url_path: its resolver compares the path with "", the default page's url_path.
    # Imported here: the benchmark and the tests read the list above without loading Streamlit.
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    manager = ctx.pages_manager if ctx else None
    if manager and not manager.intended_page_script_hash and manager.intended_page_name == DEFAULT.url_path:
        manager.set_script_intent("", "")
