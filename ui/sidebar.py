"""The shared sidebar: filters that every page applies, kept in the link so a view can be shared."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from housing_monitor import dutch
from housing_monitor.contract import HOUSING_FORMS, PROVINCES
from housing_monitor.filters import Filters, parse_period

from . import data, decks, link


@dataclass(frozen=True)
class FilterOptions:
    """What the data offers to filter on."""

    periods: list[str]
    municipalities: dict[str, str]  # code → name
    municipality_province: dict[str, str]
    corporations: list[str]
    projects: dict[str, str]  # project → municipality code


def options() -> FilterOptions:
    """What the data offers to filter on, for this user; worked out once per data version and user, then shared."""
    return data.shared("filter_options", _options)


def _options() -> FilterOptions:
    frame = data.query("filter_options")

    def kind(name):
        return frame[frame["kind"] == name]

    municipalities = kind("municipality")
    visible = data.visible_projects()
    return FilterOptions(
        periods=sorted(kind("period")["value"]),
        municipalities=dict(zip(municipalities["value"], municipalities["label"])),
        municipality_province=dict(zip(municipalities["value"], municipalities["parent"])),
        corporations=list(kind("corporation")["value"]),
        projects={p: code for p, code in zip(kind("project")["value"], kind("project")["parent"]) if p in visible},
    )


# More projects than this are offered only once a municipality is chosen.
MAX_PROJECT_OPTIONS = 1000

# URL parameter → (session key, what the values mean in a notice)
URL_LISTS = {
    "provincie": ("f_provinces", "provincie"),
    "gemeente": ("f_municipalities", "gemeentecode"),
    "corporatie": ("f_corporations", "corporatie"),
    "project": ("f_projects", "project"),
    "woonvorm": ("f_forms", "woonvorm"),
}


def _read_link(opts: FilterOptions) -> list[str]:
    """Seed the filters from a newly opened link; return notices about values it did not know."""
    valid = {
        "provincie": list(PROVINCES),
        "gemeente": list(opts.municipalities),
        "corporatie": opts.corporations,
        "project": list(opts.projects),
        "woonvorm": list(HOUSING_FORMS),
    }
    notices = []
    for param, (key, noun) in URL_LISTS.items():
        notices += link.seed_list(param, key, valid[param], noun)
    first, last = link.incoming("van"), link.incoming("tot")
    if first or last:
        period_from = parse_period(first) if first else opts.periods[0]
        period_to = parse_period(last) if last else opts.periods[-1]
        if period_from in opts.periods and period_to in opts.periods and period_from <= period_to:
            st.session_state["f_period"] = (period_from, period_to)
        else:
            notices.append(
                f"De periode in de link ({first or '…'} t/m {last or '…'}) valt buiten de gegevens "
                f"({dutch.period_short(opts.periods[0])} – {dutch.period_short(opts.periods[-1])}). "
                "De standaardperiode wordt getoond."
            )
    return notices


def _write_link(filters: Filters, default_period: tuple[str, str]) -> None:
    """Keep the link equal to the current filters, leaving other parameters alone."""
    link.write("provincie", ",".join(filters.provinces))
    link.write("gemeente", ",".join(filters.municipalities))
    link.write("corporatie", ",".join(filters.corporations))
    link.write("project", ",".join(filters.projects))
    link.write("woonvorm", ",".join(filters.housing_forms))
    custom = (filters.period_from, filters.period_to) != default_period
    link.write("van", filters.period_from if custom else None)
    link.write("tot", filters.period_to if custom else None)


def default_period(periods: list[str]) -> tuple[str, str]:
    """The latest calendar year in the data (or what there is of it)."""
    last = periods[-1]
    year = [p for p in periods if p[:4] == last[:4]]
    return (year[0], year[-1])


def _keep_only(key: str, choices: list[str]) -> None:
    """Drop selections a narrower parent filter no longer offers (a widget refuses unknown values)."""
    if key in st.session_state:
        st.session_state[key] = [v for v in st.session_state[key] if v in choices]


@dataclass(frozen=True)
class _Choices:
    """What the filter widgets offer on this run, worked out before they are drawn."""

    opts: FilterOptions
    default: tuple[str, str]
    municipality_choices: list[str]
    project_choices: list[str]
    project_placeholder: str


def _selected(key: str) -> tuple[str, ...]:
    return tuple(st.session_state.get(key) or ())


def prepare() -> tuple[Filters, _Choices | None]:
    """The selection of this run, from the link and the filters' state, before any widget is drawn.

    The page runs before the filter widgets are drawn (draw()), so its key figures reach a new viewer first.
    A widget with a key returns what its session state holds, so the selection read here is the one the
    widgets show.
    """
    opts = options()
    if not opts.periods:
        return Filters(), None
    default = default_period(opts.periods)
    st.session_state["f_link_notices"] = st.session_state.get("f_link_notices", []) + _read_link(opts)
    current = tuple(st.session_state.get("f_period") or ())
    if len(current) != 2 or not all(p in opts.periods for p in current):
        st.session_state["f_period"] = default  # first run, or the data changed under a running session
    provinces = [p for p in _selected("f_provinces") if p in PROVINCES]
    municipality_choices = [
        code
        for code, name in sorted(opts.municipalities.items(), key=lambda item: item[1])
        if not provinces or opts.municipality_province.get(code) in provinces
    ]
    _keep_only("f_municipalities", municipality_choices)
    municipalities = _selected("f_municipalities")
    project_choices = sorted(p for p, code in opts.projects.items() if not municipalities or code in municipalities)
    _keep_only("f_projects", project_choices)
    placeholder = "Alle projecten"
    if len(project_choices) > MAX_PROJECT_OPTIONS:
        # Thousands of options (national data) are sent to the browser on every rerun and cost every filter
        # change about half a second; nobody scrolls them. Until a municipality narrows them down, only the
        # projects already chosen (e.g. from a link) stay offered.
        project_choices = list(st.session_state.get("f_projects", []))
        placeholder = "Alle projecten · kies eerst een gemeente"
    period = st.session_state["f_period"]
    filters = Filters(
        period_from=period[0],
        period_to=period[1],
        municipalities=municipalities,
        provinces=tuple(provinces),
        corporations=tuple(c for c in _selected("f_corporations") if c in opts.corporations),
        projects=_selected("f_projects"),
        housing_forms=tuple(f for f in _selected("f_forms") if f in HOUSING_FORMS),
    )
    _write_link(filters, default)
    return filters, _Choices(opts, default, municipality_choices, project_choices, placeholder)


# No selection already means "all" here, so Streamlit's own (English) "Select all" option is left out.
def draw(choices: _Choices | None) -> None:
    """Draw the shared filters in the sidebar; they show (and from now on change) the selection prepare() read."""
    if choices is None:
        st.sidebar.warning("Er zijn nog geen plaatsingen in de database.")
        return
    opts = choices.opts
    sidebar = st.sidebar
    sidebar.header("Filters")
    sidebar.select_slider(
        "Periode (halfjaar van eerste woning)",
        options=opts.periods,
        value=choices.default,  # a range needs a range default, else the widget becomes a single-value slider
        format_func=dutch.period_short,
        key="f_period",
        help="Huishoudens tellen mee in het halfjaar waarin ze hun eerste woning kregen.",
    )
    sidebar.multiselect(
        "Provincie", list(PROVINCES), key="f_provinces", placeholder="Alle provincies", select_all=False
    )
    sidebar.multiselect(
        "Gemeente",
        choices.municipality_choices,
        format_func=lambda code: opts.municipalities.get(code, code),
        key="f_municipalities",
        placeholder="Alle gemeenten",
        select_all=False,
    )
    sidebar.multiselect(
        "Corporatie", opts.corporations, key="f_corporations", placeholder="Alle corporaties", select_all=False
    )
    sidebar.multiselect(
        "Woonvorm",
        list(HOUSING_FORMS),
        format_func=HOUSING_FORMS.get,
        key="f_forms",
        placeholder="Alle woonvormen",
        select_all=False,
    )
    sidebar.multiselect(
        "Project", choices.project_choices, key="f_projects", placeholder=choices.project_placeholder, select_all=False
    )


def show_link_notices() -> None:
    """Tell the user, once, which parts of a shared link were not understood."""
    for notice in st.session_state.pop("f_link_notices", []) or []:
        st.warning(notice, icon="🔗")


def share() -> None:
    """The link to exactly this view, ready to copy, the switch to presentation mode, and 'Voeg toe aan presentatie'."""
    panel = st.sidebar.expander(
        "Deel of presenteer deze weergave", icon=":material/share:", key="share_open", on_change="rerun"
    )
    with panel:
        if not panel.open:
            # Filled when opened: the copyable link (st.code) makes the browser load a 1.5 MB highlighter
            # script, about half a second of every first page.
            return
        st.caption("Kopieer de link met het knopje rechts in het vak. Wie hem opent, ziet dezelfde filters en keuzes.")
        st.code(link.current_url(), language=None, wrap_lines=True)
        if st.button("Presenteer deze weergave", key="pres_start_here", icon=":material/slideshow:"):
            st.session_state["pres_on"] = True
            st.rerun()
        st.divider()
        decks.add_form()


def select_all_periods() -> None:
    """Widen the period to every half-year in the data; a button callback, so it runs before the slider is drawn."""
    periods = options().periods
    if periods:
        st.session_state["f_period"] = (periods[0], periods[-1])
