"""The map on the pages: cached map data, a click or a choice that filters the dashboard, the small map."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from housing_monitor import privacy
from housing_monitor.filters import Filters
from housing_monitor.present import maps
from housing_monitor.present.key_figures import Kpi

from . import data, layout, sidebar

MAP_PAGE = "pages/map.py"
NOTICE_KEY = "map_notice"


@st.cache_data(max_entries=256, show_spinner=False)
def _values(data_version: str, key: str, filters: Filters, by: tuple[str, ...]) -> pd.DataFrame:
    return maps.values(data.connection(), maps.MAP_MEASURES[key], filters, by=by)


@data.timed
def map_data(key: str, filters: Filters) -> tuple[maps.MapData, pd.DataFrame]:
    """The map's rows for the selection without its places, and the measure's result behind them."""
    place_free = maps.map_filters(filters)

    def build():
        result = _values(data.cache_key(), key, place_free, ("municipality_code",))
        return maps.build(maps.MAP_MEASURES[key], result), result

    # Classes, colours and hover texts once per view, not per viewer (about 20 ms a run). Municipalities only: the
    # same for every user, and the server's warm-up (no user) fills it for the first visitor.
    return data.shared("map_data", build, key, place_free, large=True, per_user=False)


def figure(key: str, filters: Filters, province: str | None = None, height: int = maps.MAP_HEIGHT, title=None):
    """The choropleth of this measure for the selection (maps.figure), shared until the data changes."""

    def build():
        mapped, _ = map_data(key, filters)
        return maps.figure(mapped, selected=filters.municipalities, province=province, height=height, title=title)

    # One shared figure per view, not one per run: building it copies the boundaries into every trace
    # (about 30 ms a run at national scale).
    return data.shared("map_figure", build, key, filters, province, height, title, large=True, per_user=False)


@st.cache_data(max_entries=256, show_spinner=False)
def _key_figures(data_version: str, key: str, filters: Filters, province: str | None) -> list[Kpi]:
    mapped, _ = map_data(key, filters)
    return maps.key_figures(data.connection(), mapped, filters, province)


@data.timed
def key_figures(key: str, filters: Filters, province: str | None) -> list[Kpi]:
    return _key_figures(data.cache_key(), key, filters, province)


def choose(code: str | None) -> None:
    """Make this municipality the dashboard's filter (None: all municipalities); the sidebar puts it in the link."""
    if code is None:
        st.session_state["f_municipalities"] = []
        return
    opts = sidebar.options()
    if code not in opts.municipalities:
        names = maps.reference().set_index("municipality_code")["municipality_name"]
        st.session_state[NOTICE_KEY] = (
            f"Over {names.get(code, code)} zijn geen gegevens, dus daarop kan niet worden gefilterd."
        )
        return
    st.session_state["f_municipalities"] = [code]
    provinces = list(st.session_state.get("f_provinces") or [])
    province = opts.municipality_province.get(code)
    if provinces and province not in provinces:
        # The sidebar drops a municipality outside the chosen provinces; a click must not be ignored.
        st.session_state["f_provinces"] = [*provinces, province]


def _on_map_select(chart_key: str) -> None:
    state = st.session_state.get(chart_key) or {}
    points = (state.get("selection") or {}).get("points") or []
    code = maps.selected_code(points)
    if code:
        choose(code)


def alt_text(key: str, filters: Filters, province: str | None = None) -> str:
    """The map in words (maps.alt_text), shared like the map data it describes (about 10 ms a run)."""

    def build():
        mapped, _ = map_data(key, filters)
        return maps.alt_text(mapped, province)

    return data.shared("map_alt_text", build, key, maps.map_filters(filters), province, per_user=False)


def show(key: str, filters: Filters, fig, chart_key: str, province: str | None = None) -> None:
    """The map with its text alternative and PNG/SVG downloads; clicking a municipality makes it the filter."""
    layout.chart(
        fig,
        f"kaart_{key}",
        alt_text(key, filters, province),
        key=chart_key,
        on_select=lambda: _on_map_select(chart_key),
        selection_mode="points",
        config={"scrollZoom": True, "topojsonURL": maps.EMPTY_TOPOJSON_URL},
    )


def _on_pick(key: str) -> None:
    choose(st.session_state.get(key))


def picker(filters: Filters, key: str = "map_pick") -> None:
    """'Kies een gemeente': the same as clicking it on the map; empty means all municipalities."""
    opts = sidebar.options()
    chosen = filters.municipalities
    # The box follows the sidebar: it shows the one chosen municipality, else nothing.
    st.session_state[key] = chosen[0] if len(chosen) == 1 and chosen[0] in opts.municipalities else None
    st.selectbox(
        "Kies een gemeente",
        sorted(opts.municipalities, key=lambda code: opts.municipalities[code]),
        index=None,
        format_func=lambda code: opts.municipalities.get(code, code),
        key=key,
        placeholder="Alle gemeenten",
        on_change=_on_pick,
        args=(key,),
        help="Kiest de gemeente als filter voor het hele dashboard, net als klikken op de kaart.",
    )


def show_notice() -> None:
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.info(notice, icon=":material/info:")


def small_map_figure(filters: Filters, key: str = maps.DEFAULT_MEASURE):
    """The Overzicht's map figure."""
    return figure(key, filters, height=460)


def small_map(filters: Filters, key: str = maps.DEFAULT_MEASURE) -> None:
    """A small map of one measure for the Overzicht, clickable like the big one."""
    mapped, _ = map_data(key, filters)
    left, right = st.columns([3, 2])
    with left:
        show(key, filters, small_map_figure(filters, key), "overview_map")
    with right:
        st.markdown(f"**{mapped.entry.label}** per gemeente, in de gekozen periode.")
        st.caption(
            f"Grijs: geen gegevens of {privacy.fewer_than('huishoudens')}. Klik op een gemeente om erop te filteren."
        )
        show_notice()
