"""The map: every municipality coloured by one measure, drawn offline from the CBS boundaries.

No Streamlit here: the Kaart page, the small map on Overzicht and the PNG export share these builders.

A map measure (`MAP_MEASURES`) says which registered measure to compute per municipality, which
column colours the map, and whether it has meaningful bands (classes) or gets five bins over a
colour-blind-safe sequential scale. The quota comes per municipality and `period`: the map shows each
municipality's latest half-year, coloured by its pace as the Taakstelling page judges it.
"""

from __future__ import annotations

import base64
import json
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable

import duckdb
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from housing_monitor import dutch, privacy
from housing_monitor.db import queries
from housing_monitor.filters import Filters
from housing_monitor import formats
from housing_monitor.measures import links, quota, registry
from housing_monitor.present.key_figures import Kpi

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
BOUNDARIES_FILE = DATA_DIR / "gemeenten-2024.geojson"
MUNICIPALITIES_FILE = DATA_DIR / "municipalities-2024.csv"
ATTRIBUTION = "Bron: CBS, PDOK – Gebiedsindelingen 2024 (vereenvoudigd)"
# plotly.js draws a geo map's base layers (land, coastlines) from a world topojson fetched from its CDN, and
# fetches it even when all are hidden, as here: this empty one comes inline instead, so the map works offline.
# topojsonURL is a prefix plotly.js appends "/world_110m.json" to; after "#" that is a fragment, ignored.
EMPTY_TOPOJSON_URL = (
    "data:application/json;base64,"
    + base64.b64encode(
        json.dumps(
            {
                "type": "Topology",
                "arcs": [],
                "transform": {"scale": [1, 1], "translate": [0, 0]},
                "objects": {
                    layer: {"type": "GeometryCollection", "geometries": []}
                    for layer in ("land", "coastlines", "countries", "ocean", "lakes", "rivers", "subunits")
                },
            }
        ).encode()
    ).decode()
    + "#"
)

NO_DATA_COLOUR = "#bdbdbd"
SELECTED_COLOUR = "#000000"
LEGEND_HEIGHT = 95
MAP_HEIGHT = 620
NO_DATA_TEXT = "geen gegevens"
SHOWN, MISSING, SUPPRESSED = "shown", "missing", "suppressed"

# ColorBrewer schemes that stay distinguishable with the common colour-vision deficiencies.
# The light ends are yellow, never a pale grey-blue, so the lightest class cannot pass for "no data".
YELLOW_GREEN_BLUES = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
YELLOW_ORANGE_REDS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
BLUE_TO_RED = ("#4575b4", "#91bfdb", "#fee090", "#fc8d59", "#d73027")  # RdYlBu, good → bad

# A value is compared with the class edges as it reads: in these units, rounded to one decimal.
DISPLAY_SCALE = {"weeks": 1 / 7, "share": 100.0, "rate": 1.0}
BASE_UNITS = {"households": "huishoudens", "persons": "personen"}


@dataclass(frozen=True)
class Classes:
    """Ordered classes: interior edges in display units, and one label and colour per class."""

    edges: tuple[float, ...]
    labels: tuple[str, ...]
    colours: tuple[str, ...]
    right_closed: bool = False  # True: a value on an edge belongs to the class below it
    # Classes the measure decides itself (the quota's pace): the codes of this result column, in the labels' order.
    column: str | None = None
    codes: tuple[str, ...] = ()

    def classify(self, shown: pd.Series, categories: pd.Series | None = None) -> pd.Series:
        """The class label of each display value, or of each category code with `column` (NaN stays NaN)."""
        if not self.labels:  # no figures at all: every municipality is grey
            return pd.Series(np.nan, index=shown.index, dtype=object)
        if self.column is not None:
            labels = pd.Series(categories, index=shown.index, dtype=object).map(dict(zip(self.codes, self.labels)))
            return labels.where(shown.notna())
        side = "left" if self.right_closed else "right"
        index = np.searchsorted(np.asarray(self.edges, dtype=float), shown.to_numpy(dtype=float), side=side)
        labels = np.asarray(self.labels, dtype=object)[np.minimum(index, len(self.labels) - 1)]
        return pd.Series(labels, index=shown.index, dtype=object).where(shown.notna())


@dataclass(frozen=True)
class MapMeasure:
    """A measure as the map shows it: what to compute per municipality and how to colour it."""

    key: str
    label: str  # Dutch, as in the measure choice and the hover
    measure: str  # name in registry.MEASURES
    value: str  # the column that colours the map
    kind: str  # weeks | share | rate: how the value reads (tables.format_value kinds)
    unit: str  # after the number in the hover and legend title ("weken"); empty for shares
    legend_title: str
    definition: str  # key in definitions.DEFINITIONS
    classes: Classes | None = None  # meaningful bands; None: five bins over `palette`
    palette: tuple[str, ...] = YELLOW_GREEN_BLUES
    lower_is_better: bool = False
    neutral: bool = False  # higher is neither better nor worse (e.g. persons housed)
    alert: tuple[str, tuple[str, ...]] | None = None  # a metric counting municipalities in these classes
    options: tuple[tuple[str, object], ...] = ()  # keyword options passed to the measure
    table_figures: tuple[str, ...] = ()  # extra figures in the ranked table (suppressed with the value)
    prepare: Callable[[duckdb.DuckDBPyConnection, pd.DataFrame, Filters], pd.DataFrame] | None = None
    # Where the map needs more than the measure's own output (the quota's pace): the function that gives it.
    compute: Callable[..., pd.DataFrame] | None = None
    selection: Callable[[Filters], Filters] | None = None  # the filters the measure takes (links: no corporation)
    zero_is_shown: bool = False  # a base of 0 (nobody waiting) is shown, not hidden as a small number
    current_only: bool = False  # the selection drops the period (the list now): there is no previous value

    @property
    def base(self) -> str:
        """The column the figures rest on, as the measure registry (and the CLI) suppress it."""
        return registry.MEASURES[self.measure].base or "households"

    @property
    def base_unit(self) -> str:
        return BASE_UNITS.get(self.base, self.base)

    @property
    def heading(self) -> str:
        """Legend title and table header: 'Wachttijd, mediaan (weken)'."""
        return f"{self.legend_title} ({self.unit})" if self.unit else self.legend_title

    def display(self, value: float) -> float:
        """The value in the units people read, rounded as shown."""
        return round(float(value) * DISPLAY_SCALE[self.kind], 1)

    def format(self, value) -> str:
        """'12,9 weken', '45,0%', '3,1'."""
        text = formats.cell(value, self.kind)
        if isinstance(value, str) or formats.is_missing(value) or self.kind == "share" or not self.unit:
            return text
        return f"{text} {self.unit}"


# --- preparing a measure's result for the map ------------------------------------------------


def _per_1000_inhabitants(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Persons housed per 1,000 inhabitants, from the municipalities table's population."""
    population = queries.run(con, "municipality_population")
    out = frame.copy()
    if "municipality_code" in out.columns:
        out = out.merge(population[["municipality_code", "population"]], on="municipality_code", how="left")
    else:
        # Overall: the inhabitants of the places the selection covers.
        covered = pd.Series(True, index=population.index)
        if filters.provinces:
            covered &= population["province"].isin(filters.provinces)
        if filters.municipalities:
            covered &= population["municipality_code"].isin(filters.municipalities)
        out["population"] = population.loc[covered, "population"].sum(min_count=1)
    inhabitants = pd.to_numeric(out["population"], errors="coerce")
    out["persons_per_1000"] = out["persons"] / inhabitants.where(inhabitants > 0) * 1000
    return out


def _latest_period(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Each municipality's latest half-year (quota realisation comes per municipality and period)."""
    groups = [c for c in ("municipality_code",) if c in frame.columns]
    ordered = frame.sort_values("period")
    latest = ordered.groupby(groups).tail(1) if groups else ordered.tail(1)
    return latest.reset_index(drop=True)


def _over_norm_share(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The share of the waiting households over the norm; hidden (base unknown) where the over-norm count is."""
    out = frame.copy()
    by = ("municipality_code",) if "municipality_code" in out.columns else ()
    hidden = links.WAITING_LIST.suppressed(frame, by)["over_norm_households"].map(lambda v: isinstance(v, str))
    households = pd.to_numeric(out["households"], errors="coerce")
    out["over_norm_share"] = out["over_norm_households"] / households.where(households > 0)
    # The share times the households shown beside it would give a hidden count away: both go. The key figure
    # hides the share but may name the households (as the Wachtenden page does), so it keeps them apart.
    out["base_hidden"] = hidden.to_numpy()
    out["waiting_households"] = households
    out["households"] = households.where(~hidden.to_numpy())
    return out


# --- the registry -----------------------------------------------------------------------------

WAITING_CLASSES = Classes(
    edges=(10, 14, 18, 26),
    labels=("≤ 10 weken", "> 10 t/m 14 weken", "> 14 t/m 18 weken", "> 18 t/m 26 weken", "> 26 weken"),
    colours=BLUE_TO_RED,
    right_closed=True,  # the norm is "within 14 weeks": 14,0 weeks still meets it
)
# The quota's pace as the Taakstelling page judges it (measures/quota.py): realised against the part of the
# adjusted target due by the reference date, not a fixed share of the whole half-year.
PACE_CODES = ("ver_achter", "licht_achter", "op_schema")
PACE_CLASSES = Classes(
    edges=(),
    labels=tuple(quota.PACE_LABELS[code] for code in PACE_CODES),
    colours=("#d73027", "#fdae61", "#4575b4"),
    column="pace",
    codes=PACE_CODES,
)

MAP_MEASURES: dict[str, MapMeasure] = {
    "waiting_time": MapMeasure(
        "waiting_time",
        "Wachttijd tot eerste woning (mediaan)",
        "waiting_time",
        "median_days",
        "weeks",
        "weken",
        "Wachttijd, mediaan",
        "wachttijd",
        classes=WAITING_CLASSES,
        lower_is_better=True,
        alert=("Gemeenten boven de norm van 14 weken", WAITING_CLASSES.labels[2:]),
    ),
    "housed_per_1000": MapMeasure(
        "housed_per_1000",
        "Gehuisveste personen per 1.000 inwoners",
        "housed",
        "persons_per_1000",
        "rate",
        "",
        "Personen per 1.000 inwoners",
        "gehuisvest",
        neutral=True,
        table_figures=("persons",),
        prepare=_per_1000_inhabitants,
    ),
    "quota_realisation": MapMeasure(
        "quota_realisation",
        "Realisatie taakstelling (laatste halfjaar)",
        "quota_realisation",
        "realisation",
        "share",
        "",
        "Realisatie taakstelling",
        "taakstelling",
        classes=PACE_CLASSES,
        alert=("Gemeenten ver achter", PACE_CLASSES.labels[:1]),
        prepare=_latest_period,
        compute=quota.quota_progress,
    ),
    "permanent_within_12m": MapMeasure(
        "permanent_within_12m",
        "Binnen 12 maanden in een vaste woning",
        "time_to_permanent",
        "permanent_within_12m_share",
        "share",
        "",
        "Binnen 12 maanden vast",
        "vast_12m",
    ),
    "nuisance_rate": MapMeasure(
        "nuisance_rate",
        "Overlastsignalen per 100 huishoudjaren",
        "nuisance_rate",
        "rate_per_100",
        "rate",
        "",
        "Signalen per 100 huishoudjaren",
        "overlast",
        palette=YELLOW_ORANGE_REDS,
        lower_is_better=True,
    ),
    "language_b1_24m": MapMeasure(
        "language_b1_24m",
        "Taalniveau B1 of hoger na 24 maanden",
        "integration_outcome",
        "share",
        "share",
        "",
        "Taal B1+ na 24 maanden",
        "integratie",
        options=(("outcome", "language_b1"), ("k_months", (24,))),
    ),
    "waiting_per_1000": MapMeasure(
        "waiting_per_1000",
        "Wachtende personen per 1.000 inwoners",
        "waiting_list",
        "persons_per_1000",
        "rate",
        "",
        "Wachtend per 1.000 inwoners",
        "wachtenden",
        palette=YELLOW_ORANGE_REDS,
        lower_is_better=True,
        table_figures=("persons",),
        prepare=_per_1000_inhabitants,
        selection=links.queue_selection,
        zero_is_shown=True,
        current_only=True,
    ),
    "waiting_over_norm_share": MapMeasure(
        "waiting_over_norm_share",
        "Wachtenden langer dan de norm (aandeel)",
        "waiting_list",
        "over_norm_share",
        "share",
        "",
        "Langer dan de norm",
        "wachtenden",
        palette=YELLOW_ORANGE_REDS,
        lower_is_better=True,
        prepare=_over_norm_share,
        selection=links.queue_selection,
        zero_is_shown=True,
        current_only=True,
    ),
}
DEFAULT_MEASURE = "waiting_time"


def offered() -> list[MapMeasure]:
    """The map measures, in registry order."""
    return list(MAP_MEASURES.values())


# --- reference data ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def boundaries() -> dict:
    """The 342 municipalities' boundaries (GeoJSON, feature id = CBS code), read once per process."""
    return json.loads(BOUNDARIES_FILE.read_text(encoding="utf-8"))


def _reversed_rings(geometry: dict) -> dict:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    polygons = [[ring[::-1] for ring in polygon] for polygon in polygons]
    return {"type": geometry["type"], "coordinates": polygons if geometry["type"] == "MultiPolygon" else polygons[0]}


@lru_cache(maxsize=1)
def drawn_features() -> dict[str, dict]:
    """The boundaries per CBS code as Plotly's geo maps draw them: rings turned the other way round.

    GeoJSON's outer rings run anticlockwise; d3-geo, which draws Plotly's geo maps, reads that as the whole globe
    minus the municipality, and would paint every municipality over the entire map.
    """
    return {f["id"]: {**f, "geometry": _reversed_rings(f["geometry"])} for f in boundaries()["features"]}


@lru_cache(maxsize=1)
def _reference() -> pd.DataFrame:
    names = pd.read_csv(MUNICIPALITIES_FILE, dtype={"municipality_code": str})
    codes = [feature["id"] for feature in boundaries()["features"]]
    frame = pd.DataFrame({"municipality_code": codes})
    return frame.merge(names[["municipality_code", "municipality_name", "province"]], how="left")


def reference() -> pd.DataFrame:
    """One row per boundary: code, CBS name and province, in the boundaries' order."""
    return _reference().copy()


def _ring_points(geometry: dict) -> np.ndarray:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return np.array([point for polygon in polygons for ring in polygon for point in ring], dtype=float)


@lru_cache(maxsize=1)
def _bounds() -> dict[str, tuple[float, float, float, float]]:
    out = {}
    for feature in boundaries()["features"]:
        points = _ring_points(feature["geometry"])
        out[feature["id"]] = (*points.min(axis=0), *points.max(axis=0))
    return out


def extent(province: str | None = None) -> tuple[list[float], list[float]]:
    """Longitude and latitude ranges that fit the province's municipalities (or the whole country)."""
    ref = _reference()
    codes = ref.loc[ref["province"] == province, "municipality_code"] if province else ref["municipality_code"]
    if codes.empty:
        codes = ref["municipality_code"]
    boxes = np.array([_bounds()[code] for code in codes])
    west, south = boxes[:, 0].min(), boxes[:, 1].min()
    east, north = boxes[:, 2].max(), boxes[:, 3].max()
    pad_lon, pad_lat = (east - west) * 0.02, (north - south) * 0.02
    return [west - pad_lon, east + pad_lon], [south - pad_lat, north + pad_lat]


# --- computing and classifying -----------------------------------------------------------------


def map_filters(filters: Filters) -> Filters:
    """The sidebar selection without its places: the map always shows every municipality."""
    return replace(filters, municipalities=(), provinces=())


def values(
    con: duckdb.DuckDBPyConnection, entry: MapMeasure, filters: Filters, by: tuple[str, ...] = ("municipality_code",)
) -> pd.DataFrame:
    """The entry's measure per municipality (or overall with by=()), with its value column."""
    filters = entry.selection(filters) if entry.selection else filters
    compute = entry.compute or registry.MEASURES[entry.measure].compute
    frame = compute(con, filters, by=by, **dict(entry.options))
    return entry.prepare(con, frame, filters) if entry.prepare else frame


def _nice(value: float) -> float:
    """Two significant digits, at most one decimal: an edge that reads well in a legend."""
    if value == 0:
        return 0.0
    digits = 1 - int(math.floor(math.log10(abs(value))))
    return round(value, min(1, digits))


def binned(shown: pd.Series, palette: tuple[str, ...] = YELLOW_GREEN_BLUES, count: int = 5) -> Classes:
    """Up to `count` classes with about equally many municipalities each (quantile edges, rounded)."""
    finite = shown.dropna().astype(float)
    if finite.empty:
        return Classes((), (), ())
    low, high = finite.min(), finite.max()
    quantiles = np.quantile(finite, np.linspace(0, 1, count + 1)[1:-1])
    edges = tuple(sorted({e for e in (_nice(q) for q in quantiles) if low < e <= high}))
    if not edges:
        label = dutch.number(low, 1) if low == high else f"{dutch.number(low, 1)} tot en met {dutch.number(high, 1)}"
        return Classes((), (label,), (palette[-1],))
    labels = (
        [f"minder dan {dutch.number(edges[0], 1)}"]
        + [f"{dutch.number(a, 1)} tot {dutch.number(b, 1)}" for a, b in zip(edges, edges[1:])]
        + [f"{dutch.number(edges[-1], 1)} of meer"]
    )
    picks = np.linspace(0, len(palette) - 1, len(labels)).round().astype(int)
    return Classes(edges, tuple(labels), tuple(palette[i] for i in picks))


@dataclass(frozen=True)
class MapData:
    """The map's rows (one per boundary), its classes, and codes in the data that have no boundary."""

    entry: MapMeasure
    frame: pd.DataFrame
    classes: Classes
    unknown_codes: tuple[str, ...]
    suppressed_codes: frozenset[str] = frozenset()

    @property
    def shown(self) -> pd.DataFrame:
        return self.frame[self.frame["status"] == SHOWN]


def no_data_label() -> str:
    """The grey class in the legend."""
    return f"Geen gegevens of minder dan {privacy.threshold()}"


def _hover(row, entry: MapMeasure) -> str:
    place = f"<b>{row.municipality_name}</b> ({row.province})"
    if row.status == SUPPRESSED and row.base < privacy.threshold():
        return f"{place}<br>minder dan {privacy.threshold()} {entry.base_unit}"
    if row.status == SUPPRESSED:
        return f"{place}<br>niet getoond, zodat een klein aantal elders niet te herleiden is"
    if row.status == MISSING:
        return f"{place}<br>{NO_DATA_TEXT}"
    return (
        f"{place}<br>{entry.legend_title}: {entry.format(row.value)}"
        f"<br>op basis van {dutch.integer(row.base)} {entry.base_unit}"
    )


def _with_province(result: pd.DataFrame) -> pd.DataFrame:
    provinces = reference().set_index("municipality_code")["province"]
    return result.assign(province=result["municipality_code"].map(provinces).fillna("onbekend"))


def suppressed_codes(entry: MapMeasure, result: pd.DataFrame) -> frozenset[str]:
    """Municipalities whose figures are hidden: small ones, and complementary ones (privacy.suppress).

    The page shows the total of the country and of a zoomed province, so a lone small municipality is
    protected in both sets; map and table take their '<5' from this one answer.
    """
    if entry.base not in result.columns:
        return frozenset()
    frame = _with_province(result[["municipality_code", entry.base]])
    if entry.zero_is_shown:  # nobody waiting is shown as 0, and hides nothing
        frame = frame[pd.to_numeric(frame[entry.base], errors="coerce").ne(0) | frame[entry.base].isna()]
    hidden = pd.Series(False, index=frame.index)
    for siblings in ([], ["province"]):
        hidden |= privacy.suppress(frame, entry.base, [], siblings=siblings)[entry.base].eq(privacy.marker())
    return frozenset(frame.loc[hidden, "municipality_code"])


def build(entry: MapMeasure, result: pd.DataFrame) -> MapData:
    """Every boundary with its value, status (shown, missing, suppressed), class and Dutch hover text."""
    columns = {"municipality_code": result["municipality_code"], "value": result[entry.value]}
    columns["base"] = result[entry.base] if entry.base in result.columns else np.nan
    category = entry.classes.column if entry.classes is not None else None
    if category is not None:
        columns["category"] = result[category]
    data = pd.DataFrame(columns)
    ref = reference()
    unknown = tuple(sorted(set(data["municipality_code"].dropna()) - set(ref["municipality_code"])))
    hidden = suppressed_codes(entry, result)
    frame = ref.merge(data, on="municipality_code", how="left")
    value = pd.to_numeric(frame["value"], errors="coerce")
    base = pd.to_numeric(frame["base"], errors="coerce")
    suppressed = frame["municipality_code"].isin(hidden)
    frame["status"] = np.where(suppressed, SUPPRESSED, np.where(base.isna() | value.isna(), MISSING, SHOWN))
    shown = frame["status"] == SHOWN
    frame["shown_value"] = value.where(shown).map(lambda v: entry.display(v) if pd.notna(v) else np.nan)
    classes = entry.classes or binned(frame["shown_value"], entry.palette)
    categories = frame["category"] if category is not None else None
    frame["class"] = classes.classify(frame["shown_value"], categories).fillna(no_data_label()).astype(str)
    frame["hover"] = [_hover(row, entry) for row in frame.itertuples(index=False)]
    return MapData(entry, frame, classes, unknown, hidden)


def alt_text(data: MapData, province: str | None = None, names_per_class: int = 8) -> str:
    """The map in words, for people who cannot see it (and for the text alternative of the chart)."""
    entry = data.entry
    frame = data.frame if not province else data.frame[data.frame["province"] == province]
    where = f"provincie {province}" if province else "Nederland"
    lines = [f"Kaart van {where} ({len(frame)} gemeenten), gekleurd naar {entry.label[0].lower()}{entry.label[1:]}."]
    for label in data.classes.labels:
        members = frame[frame["class"] == label].sort_values("shown_value", ascending=False)
        if members.empty:
            continue
        names = ", ".join(members["municipality_name"].head(names_per_class))
        more = len(members) - names_per_class
        names += f" en {more} andere" if more > 0 else ""
        lines.append(f"- {label}: {len(members)} gemeente{'n' if len(members) != 1 else ''} ({names})")
    grey = int((frame["class"] == no_data_label()).sum())
    lines.append(f"- grijs, geen gegevens of minder dan {privacy.threshold()} {entry.base_unit}: {grey} gemeenten")
    lines.append("De tabel naast de kaart geeft het cijfer van elke gemeente.")
    return "\n".join(lines)


# --- the figure -----------------------------------------------------------------------------------


def figure(
    data: MapData,
    selected: tuple[str, ...] = (),
    province: str | None = None,
    height: int = MAP_HEIGHT,
    title: str | None = None,
) -> go.Figure:
    """The choropleth of all municipalities (SVG, offline: no base map), selected ones outlined."""
    entry, frame = data.entry, data.frame
    order = [*data.classes.labels, no_data_label()]
    colours = {**dict(zip(data.classes.labels, data.classes.colours)), no_data_label(): NO_DATA_COLOUR}
    top = LEGEND_HEIGHT + (40 if title else 0)
    lon_range, lat_range = extent(province)
    features = drawn_features()
    fig = go.Figure()
    # One trace per class, each with only its own features: the legend names the classes, and the
    # boundaries travel to the browser once (one trace per class with all 342 would be five times).
    for label in order:
        rows = frame[frame["class"] == label]
        if rows.empty:
            continue
        fig.add_trace(
            go.Choropleth(
                geojson={"type": "FeatureCollection", "features": [features[c] for c in rows["municipality_code"]]},
                featureidkey="id",
                locations=rows["municipality_code"].tolist(),
                z=[0] * len(rows),
                colorscale=[[0, colours[label]], [1, colours[label]]],
                showscale=False,
                name=label,
                showlegend=True,
                customdata=rows[["municipality_code", "hover"]].to_numpy(),
                hovertemplate="%{customdata[1]}<extra></extra>",
                marker_line_width=0.5,
                marker_line_color="#ffffff",
                unselected={"marker": {"opacity": 1}},  # a click filters the dashboard; it must not fade the map
            )
        )
    outlined = [code for code in selected if code in features]
    if outlined:
        fig.add_trace(
            go.Choropleth(
                geojson={"type": "FeatureCollection", "features": [features[c] for c in outlined]},
                featureidkey="id",
                locations=outlined,
                z=[0] * len(outlined),
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                showscale=False,
                marker_line_width=3,
                marker_line_color=SELECTED_COLOUR,
                name="Gekozen gemeente",
                showlegend=False,
                hoverinfo="skip",
                unselected={"marker": {"opacity": 1}},
            )
        )
    fig.update_layout(
        # An SVG map without base layers: no WebGL map to start on every redraw (Streamlit remounts a chart whose
        # figure changed), and the exported image is a true vector map.
        geo=dict(
            visible=False,
            projection_type="mercator",
            lonaxis_range=lon_range,
            lataxis_range=lat_range,
            domain=dict(x=[0, 1], y=[0, 1]),
        ),
        height=height,
        separators=",.",
        # At the very top, above the legend's rows (its default place is over them).
        title=dict(text=title, x=0, xanchor="left", xref="paper", y=1, yanchor="top", yref="container", pad=dict(t=8, l=8))
        if title
        else None,
        # Geo subplots do not make room for a legend by themselves: reserve its rows above the map.
        margin=dict(l=0, r=0, t=top, b=0),
        font=dict(size=14),
        hoverlabel=dict(font_size=14),
        # Above the map, as on every chart: inside it, it would cover land once zoomed to a province.
        legend=dict(
            title=dict(text=entry.heading, side="top"),
            orientation="h",
            x=0,
            y=1.0,
            xanchor="left",
            yanchor="bottom",
        ),
        # A fresh figure (other measure, province) must re-centre; a rerun for a hover must not.
        uirevision=f"{entry.key}|{province}",
    )
    fig.add_annotation(
        text=ATTRIBUTION, xref="paper", yref="paper", x=1, y=0, xanchor="right", yanchor="bottom",
        showarrow=False, font=dict(size=10, color="#444444"), bgcolor="rgba(255,255,255,0.8)",
    )
    return fig


def selected_code(points: list[dict]) -> str | None:
    """The municipality a chart selection points at (Streamlit's plotly selection event)."""
    for point in points or []:
        location = point.get("location")
        if location:
            return str(location)
        custom = point.get("customdata")
        if custom:
            return str(custom[0])
    return None


# --- the table and key figures beside the map ----------------------------------------------------


def ranked(data: MapData, result: pd.DataFrame, province: str | None = None) -> pd.DataFrame:
    """Municipalities with figures, highest value first; suppressed ones last, every figure '<5'."""
    entry = data.entry
    ref = reference().set_index("municipality_code")
    frame = result.copy()
    frame["municipality_name"] = frame["municipality_code"].map(ref["municipality_name"]).fillna(
        frame.get("municipality_name", frame["municipality_code"])
    )
    frame["province"] = frame["municipality_code"].map(ref["province"]).fillna("onbekend")
    if province:
        frame = frame[frame["province"] == province]
    base = pd.to_numeric(frame[entry.base], errors="coerce") if entry.base in frame.columns else np.nan
    # The same '<5' as on the map: small, or hidden to protect a small one (complementary).
    frame["_small"] = frame["municipality_code"].isin(data.suppressed_codes) | pd.isna(base)
    frame["_value"] = pd.to_numeric(frame[entry.value], errors="coerce").where(~frame["_small"])
    frame = frame.sort_values(["_small", "_value", "municipality_name"], ascending=[True, False, True], na_position="last")
    frame.insert(0, "rank", range(1, len(frame) + 1))
    frame["rank"] = frame["rank"].where(frame["_value"].notna())
    classes = entry.classes or data.classes
    shown = frame["_value"].map(lambda v: entry.display(v) if pd.notna(v) else np.nan)
    categories = frame[classes.column] if classes.column is not None else None
    frame["class"] = classes.classify(shown, categories) if classes.labels else np.nan
    keep = ["rank", "municipality_name", entry.value, *entry.table_figures, entry.base, "class"]
    keep += [c for c in ("population",) if c in frame.columns]
    out = frame[[c for c in dict.fromkeys(keep) if c in frame.columns]].reset_index(drop=True)
    hidden = frame["_small"].to_numpy()
    for column in [entry.base, entry.value, *entry.table_figures, "class"]:
        if column in out.columns:
            out[column] = out[column].astype(object).where(~hidden, privacy.marker())
    return out


def table_columns(entry: MapMeasure) -> dict[str, tuple[str, str]]:
    """Dutch headers and formats of the ranked table (tables.display)."""
    return {
        "rank": ("Rang", "count"),
        entry.value: (entry.heading, entry.kind),
        entry.base: (entry.base_unit.capitalize(), "count"),
        "class": ("Klasse", "text"),
        "population": ("Inwoners", "count"),
    }


def key_figures(
    con: duckdb.DuckDBPyConnection, data: MapData, filters: Filters, province: str | None = None
) -> list[Kpi]:
    """The measure over all municipalities (or the province) against the previous period, and counts."""
    entry = data.entry
    scope = replace(map_filters(filters), provinces=(province,) if province else ())
    now = values(con, entry, scope, by=())
    previous_filters = None if entry.current_only else scope.previous()
    before = values(con, entry, previous_filters, by=()) if previous_filters else None

    def single(frame, column):
        if frame is None or frame.empty or column not in frame.columns:
            return None
        value = frame[column].iloc[0]
        return None if value is None or pd.isna(value) else float(value)

    # Where the measure hid its base to protect a count behind the value, the value reads the marker.
    hidden = "base_hidden" in now.columns and not now.empty and bool(now["base_hidden"].iloc[0])
    base = single(now, "waiting_households" if hidden else entry.base)
    base = int(base) if base is not None else None
    options = {"base_unit": entry.base_unit, "zero_is_shown": entry.zero_is_shown}
    where = f"provincie {province}" if province else "heel Nederland"
    in_scope = data.frame if not province else data.frame[data.frame["province"] == province]
    shown = in_scope[in_scope["status"] == SHOWN]
    figures = [
        Kpi(
            f"map_{entry.key}",
            entry.label,
            single(now, entry.value),
            single(before, entry.value),
            base,
            entry.kind,
            entry.definition,
            lower_is_better=entry.lower_is_better,
            neutral=entry.neutral,
            note=where,
            hidden=hidden,
            **options,
        ),
        Kpi(
            "map_municipalities",
            "Gemeenten met cijfers",
            float(len(shown)),
            None,
            base,
            "count",
            "kleine_aantallen",
            neutral=True,
            note=f"van {len(in_scope)} gemeenten",
            **options,
        ),
    ]
    if entry.alert:
        label, alert_classes = entry.alert
        figures.append(
            Kpi(
                "map_alert",
                label,
                float(shown["class"].isin(alert_classes).sum()),
                None,
                base,
                "count",
                entry.definition,
                lower_is_better=True,
                **options,
            )
        )
    return figures
