"""Page building blocks: the same bones on every page (question, figures, chart, how to read, table)."""

from __future__ import annotations

import functools

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from housing_monitor.present import exports
from housing_monitor.present.definitions import definition
from housing_monitor.present.key_figures import Kpi

from . import translations

BEGRIPPEN_PAGE = "pages/definitions.py"


def header(title: str, question: str) -> None:
    """The page title and the one question it answers."""
    st.title(title)
    st.markdown(f"**{question}**")


def metric_row(kpis: list[Kpi], columns: int = 3) -> None:
    """Key figures with their change against the previous period and what they rest on."""
    for start in range(0, len(kpis), columns):
        cols = st.columns(columns)
        for offset, (col, kpi) in enumerate(zip(cols, kpis[start : start + columns])):
            with col:
                key_figure(kpi, start + offset)


# st.metric loads its code only when a page first shows one, and React draws an element that waits for its code only
# once the run's later elements stop arriving: a fresh viewer saw the key figures last (issue 22). Plain Markdown in
# a bordered container has its code in the first bundle, so the figures are drawn as soon as they arrive.
KEY_FIGURE_KEY = "kpi"
_DELTA_COLOURS = {"better": "green", "worse": "red", "neutral": "gray"}


def key_figure(kpi: Kpi, position: int = 0) -> None:
    """One key figure as a card: label, value, change (green better, red worse), and what it rests on."""
    delta = kpi.display_delta()
    figure_card(
        kpi.label,
        kpi.display_value(),
        caption=kpi.display_base() + (f" · {kpi.note}" if kpi.note else ""),
        help=definition(kpi.definition).short + " " + kpi.display_base() + ".",
        delta=delta,
        judgement=_judgement(kpi, _direction(delta)) if delta else "neutral",
        key=f"{position}_{kpi.key}",
    )


def figure_card(
    label: str, value: str, *, caption: str, key: str, help: str | None = None, delta: str | None = None,
    judgement: str = "neutral",
) -> None:
    """A figure in a bordered card: label, value in large type, its change, and a caption (with its help)."""
    with st.container(border=True, key=f"{KEY_FIGURE_KEY}_{key}"):
        st.markdown(figure_markdown(label, value, delta, judgement))
        st.caption(caption, help=help)


def figure_markdown(label: str, value: str, delta: str | None = None, judgement: str = "neutral") -> str:
    """The card's label, value and change as Markdown (no HTML: that too would wait for code)."""
    lines = [_markdown_text(label), f"**{_markdown_text(value)}**"]
    if delta:
        arrow = {"up": "↑ ", "down": "↓ ", "none": ""}[_direction(delta)]
        lines.append(f":{_DELTA_COLOURS[judgement]}-badge[{arrow}{_markdown_text(delta)}]")
    return "\n\n".join(lines)


def _direction(delta: str) -> str:
    if delta.startswith(("-", "−")):
        return "down"
    return "up" if any(c.isdigit() and c != "0" for c in delta) else "none"


def _judgement(kpi: Kpi, direction: str) -> str:
    if kpi.delta_color == "off" or direction == "none":
        return "neutral"
    better = (direction == "up") != (kpi.delta_color == "inverse")
    return "better" if better else "worse"


def _markdown_text(text: str) -> str:
    """Text shown as it is in Streamlit's Markdown: its special characters escaped."""
    for char in "\\`*_{}[]<>()#+!|~:$":
        text = text.replace(char, "\\" + char)
    return text


def how_to_read(text: str, definition_keys: tuple[str, ...] = ()) -> None:
    """The 'Hoe lees ik dit?' expander: reading guide, exact definitions, limits of the data."""
    with st.expander("Hoe lees ik dit?"):
        st.markdown(text)
        for key in definition_keys:
            d = definition(key)
            st.markdown(f"**{d.title}** – {d.exact}")
        st.page_link(BEGRIPPEN_PAGE, label="Alle begrippen en definities", icon=":material/menu_book:")


def table_with_download(frame: pd.DataFrame, file_stem: str, caption: str | None = None) -> None:
    """The table behind the chart, with Dutch-Excel-friendly CSV and Excel downloads."""
    if caption:
        st.caption(caption)
    st.dataframe(frame, hide_index=True, width="stretch")
    left, right = st.columns(2)
    # Files are written when clicked, not on every run: an Excel file costs 0.1-0.3 s to build.
    # A download must not rerun the page: the rerun races the file request and, under load, wins it
    # and the file never comes (the button spins). Hence on_click="ignore" on every download here.
    left.download_button(
        "Download als CSV",
        functools.partial(exports.to_csv_bytes, frame),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        key=f"csv_{file_stem}",
        on_click="ignore",
    )
    right.download_button(
        "Download als Excel",
        functools.partial(exports.to_excel_bytes, frame),
        file_name=f"{file_stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{file_stem}",
        on_click="ignore",
    )


def on_phone() -> bool:
    """Whether the viewer's browser says it is a phone ("Mobi" in the user agent, as every phone browser's has).

    For the few charts whose phone layout differs (panels under, not beside, each other): a figure cannot follow
    the screen's width the way CSS does.
    """
    headers = st.context.headers
    return "Mobi" in (headers.get("User-Agent") or "") or headers.get("Sec-CH-UA-Mobile") == "?1"


def plot(fig, key: str, file_stem: str | None = None, config: dict | None = None, **plotly_kwargs):
    """A chart as every chart here is drawn: full width, Plotly's toolbar and dates in Dutch, its PNG named after it."""
    config = {
        **translations.plotly_config(),
        "toImageButtonOptions": {"filename": file_stem or key, "scale": 2},
        **(config or {}),
    }
    return st.plotly_chart(fig, width="stretch", key=key, config=config, **plotly_kwargs)


def chart(fig, file_stem: str, alt_text: str, key: str | None = None, **plotly_kwargs):
    """A chart with its text alternative one click away and PNG/SVG downloads drawn only when asked."""
    from housing_monitor.present import images

    if st.session_state.get("pres_on"):
        # A projector needs bigger type and a taller chart than a desk screen; on a copy, as a figure may be shared.
        fig = go.Figure(fig).update_layout(
            font_size=20, height=int((fig.layout.height or 450) * 1.25), hoverlabel_font_size=20
        )
    event = plot(fig, key or f"chart_{file_stem}", file_stem, **plotly_kwargs)
    with st.expander("Grafiek als tekst en afbeelding"):
        st.markdown(alt_text)
        left, right = st.columns(2)
        left.download_button(
            "Download als PNG",
            lambda: images.chart_image(fig, "png"),
            file_name=f"{file_stem}.png",
            mime="image/png",
            key=f"png_{file_stem}",
            on_click="ignore",
        )
        right.download_button(
            "Download als SVG",
            lambda: images.chart_image(fig, "svg"),
            file_name=f"{file_stem}.svg",
            mime="image/svg+xml",
            key=f"svg_{file_stem}",
            on_click="ignore",
        )
    return event


def report_scope(filters) -> str | None:
    """The one municipality or project a report can be about, or None."""
    from . import sidebar

    if len(filters.projects) == 1:
        return f"project {filters.projects[0]}"
    if len(filters.municipalities) == 1:
        names = sidebar.options().municipalities
        return f"gemeente {names.get(filters.municipalities[0], filters.municipalities[0])}"
    return None


def report_download(scope: str, filters, kpis, charts, tables, definition_keys, reference_date) -> None:
    """A one-click HTML report of the selected municipality or project, drawn only when asked."""
    from housing_monitor import dutch
    from housing_monitor.present import images, report

    def build() -> bytes:
        document = report.build(
            title=f"Woonmonitor statushouders – {scope}",
            scope=f"Periode {dutch.period_range_label(filters.period_from, filters.period_to)}",
            kpis=kpis,
            charts=charts,
            tables=tables,
            definition_keys=definition_keys,
            reference_date=reference_date,
            render_svg=lambda fig: images.chart_image(fig, "svg"),
        )
        return document.encode("utf-8")

    st.download_button(
        f"Rapport van {scope} (HTML)",
        build,
        file_name=f"rapport_{scope.replace(' ', '_')}.html",
        mime="text/html",
        icon=":material/description:",
        key="report_download",
        on_click="ignore",
    )
