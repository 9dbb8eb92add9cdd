"""No output holds a small number: every page, table, download, report and CLI measure on the demo data.

What the walk collects, and how:
- every table a page offers for download: `ui.layout.table_with_download` is wrapped (AppTest runs the
  pages in this process) to record the frame a page passes to it; the CSV and Excel bytes are rebuilt
  from that frame with the same `exports` functions the buttons use and read back, so the check sees
  what a downloader gets. Every other `st.dataframe` is read from AppTest (`at.dataframe`).
- every key figure (`key_figures(at)`) and every "op basis van N ..." a caption or metric help states.
- the HTML report: `ui.layout.report_download` is wrapped to record its arguments and the report is
  built from them (charts as empty SVG) and its tables are parsed back.
- `python -m housing_monitor measure NAME --json` for every measure, with several --by groupings.

The rules (threshold N = `privacy.threshold()`: the default 5, and again with HOUSING_MONITOR_MIN_COUNT=10):
1. a count of the units a figure rests on (households, persons: the *base* columns) is '<N', '–', 0 or
   at least N;
2. on a row whose base is '<N' every figure is '<N' or '–';
3. differencing: in a table whose rows are the parts of a whole (per housing form, municipality,
   project, ...), no base column has exactly one hidden part. The whole is always on show elsewhere
   for the same selection (a key figure, the CLI without --by), so one hidden part would be that
   whole minus the visible parts. Two or more hidden parts only reveal their sum, which is what
   complementary suppression (`privacy.suppress(..., siblings=...)`) aims for.
4. every marker in a table, text, key figure, chart or report is '<N': none left at '<5' when N is 10.
Counts of events among at least N units (signals, households with a permanent home, persons with an
outcome) are figures, not bases: the threshold is about the size of the group they describe.
"""

from __future__ import annotations

import html.parser
import io
import json
import re
from pathlib import Path
from dataclasses import dataclass, field

import pandas as pd
import pytest

from housing_monitor import privacy
from housing_monitor.cli.main import main as cli
from housing_monitor.demo.generate import TINY_PROJECT
from housing_monitor.dutch import MISSING
from housing_monitor.measures import integration
from housing_monitor.measures.registry import MEASURES
from housing_monitor.present import exports, maps, report
from tests.apptest import key_figures, open_dashboard
from ui import pages

pytestmark = pytest.mark.slow
THRESHOLDS = [5, 10]

PAGES = [spec.file for spec in pages.PAGES]  # every page the router offers
VEERE = "GM0717"
# Sidebar selections: everything, a small municipality, its tiny project, one housing form in it.
SELECTIONS = {
    "alles": {},
    "veere": {"f_municipalities": [VEERE]},
    "pastorie": {"f_municipalities": [VEERE], "f_projects": [TINY_PROJECT]},
    "veere_tijdelijk": {"f_municipalities": [VEERE], "f_forms": ["tijdelijk"]},
    "flexwoning": {"f_forms": ["flexwoning"]},
}
# Page controls walked on top of each selection: (page, widget kind, key, values).
CONTROLS = [
    ("pages/pathways.py", "selectbox", "doorstroom_groep", ["housing_form", "municipality_code", "project", "period"]),
    ("pages/nuisance.py", "selectbox", "nuisance_split", ["municipality_code", "project", "corporation", "category"]),
    ("pages/map.py", "selectbox", "map_measure", [entry.key for entry in maps.offered()]),
    ("pages/integration.py", "selectbox", "integration_outcome", list(integration.OUTCOMES)),
    ("pages/housing_forms.py", "toggle", "woonvormen_gestandaardiseerd", [True]),
    ("pages/goals.py", "selectbox", "goal_detail", [f"G{i:03d}" for i in range(1, 10)]),
]

# A marker such as '<5' in text, a table cell or a chart's JSON ('<' escaped there as \u003c or &lt;).
MARKER = re.compile(r"(?:<|\\u003c|&lt;)(\d+)(?![\d.,])")
BASE = re.compile(r"^(Huishoudens|Personen|Gehuisveste personen|Gehuisvest|Personen \(\d+ mnd\)|.* \(n\)|Basis)$")
NUMBER = re.compile(r"^[-+−]?\d[\d.]*(,\d+)?\s*(%|weken|maanden|dagen|procentpunt|huishoudens|personen)?$")
# Tables whose rows are the parts of a whole (rule 3), by the start of their download name.
PARTS = ("overzicht_per_woonvorm", "woonvormen", "doorstroom_vaste_woning", "integratie_", "kaart_", "taakstelling_")
PARTS_OVERLAST = ("housing_form", "municipality_code", "province", "corporation", "project")
# Columns that rule 2 does not pair with the row's base:
# - on Woonvormen the nuisance rate rests on the households living in each housing form during the
#   period, not on those with their first home in it; it is suppressed on that base;
# - public reference figures that rest on no one in the data: a municipality's population (CBS) and
#   the quota the state sets it;
# - the quota backlog and adjusted quota of a half-year rest on earlier half-years, not on this one's
#   realisation (but see test_quota_backlog_does_not_reveal_a_hidden_realisation); what the quota still asks
#   beside the waiting list (realised, still open) rests on the quota, not on the households waiting.
OWN_BASE = re.compile(
    r"^(Overlastsignalen per 100 huishoudjaren.*|Inwoners|Taakstelling|Achterstand \(\+\) of voorsprong \(−\)"
    r"|Bijgestelde taakstelling|Nog te huisvesten in het halfjaar|Gehuisvest volgens de taakstelling)$"
)


@pytest.fixture(params=THRESHOLDS, ids=lambda n: f"min_count={n}")
def min_count(request, monkeypatch) -> int:
    """The threshold setting a test runs with: the default, and a stricter 10."""
    monkeypatch.setenv("HOUSING_MONITOR_MIN_COUNT", str(request.param))
    assert privacy.threshold() == request.param
    return request.param


def number(cell) -> float | None:
    """The value of a Dutch-formatted count, or None for text, '<5' and '–'."""
    text = str(cell).strip()
    if not NUMBER.match(text):
        return None
    return float(re.sub(r"[^\d,]", "", text.split()[0]).replace(",", "."))


def is_hidden(cell) -> bool:
    text = str(cell).strip()  # '<5 huishoudens' (a goal's base) is hidden as well
    return text in (MISSING, "", "nan", "None", "te weinig gegevens") or text.startswith(privacy.marker())


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)
    tables: int = 0
    hidden_cells: int = 0

    def markers(self, where: str, text: str) -> None:
        """Every '<N' names the threshold in force (rule 4)."""
        for found in MARKER.findall(text):
            if int(found) != privacy.threshold():
                self.problems.append(f"{where}: marker '<{found}' with threshold {privacy.threshold()}")

    def table(self, where: str, frame: pd.DataFrame, parts: bool) -> None:
        """Rules 1–3 on one displayed table (Dutch headers, formatted cells)."""
        self.tables += 1
        frame = frame.astype(str)
        limit, marker = privacy.threshold(), privacy.marker()
        self.markers(where, frame.to_csv())
        bases = [c for c in frame.columns if BASE.match(str(c))]
        # Official quota counts are public statistics (the state publishes them), whatever their size.
        public = frame.get("Bron realisatie", pd.Series("", index=frame.index)).eq("officieel")
        for column in bases:
            for row, cell in frame[column].items():
                value = number(cell)
                if column == "Gehuisvest" and public[row]:
                    continue
                if value is not None and 0 < value < limit:
                    self.problems.append(f"{where}: {column} = {cell} (row {row})")
            hidden = frame[column].str.strip().eq(marker)
            self.hidden_cells += int(hidden.sum())
            if parts and hidden.sum() == 1 and len(frame) > 1:
                self.problems.append(f"{where}: {column} hides one part only: {frame[column].tolist()}")
        for row, cells in frame.iterrows():
            for column in frame.columns:
                if number(cells[column]) is None or OWN_BASE.match(str(column)):
                    continue
                base = _paired_base(str(column), bases)
                if base not in (None, column) and cells[base].strip() == marker:
                    self.problems.append(f"{where}: {column} = {cells[column]} on a base '{marker}' (row {row})")

    def statement(self, where: str, text: str) -> None:
        """'op basis van N huishoudens' and the like never names a small N."""
        self.markers(where, text)
        for found in re.findall(r"op basis van ([\d.]+) ", text):
            if 0 < number(found) < privacy.threshold():
                self.problems.append(f"{where}: '{text}'")


def _paired_base(column: str, bases: list[str]) -> str | None:
    """The base column a figure rests on: 'X (n)' for 'X', 'Personen (k mnd)' for 'Na k maanden', else the first."""
    if f"{column} (n)" in bases:
        return f"{column} (n)"
    k = re.match(r"^Na (\d+) maanden$", column)
    if k:
        return f"Personen ({k.group(1)} mnd)"
    wide = [b for b in bases if b.endswith("(n)") or "mnd)" in b]
    return None if wide or not bases else bases[0]


class _Tables(html.parser.HTMLParser):
    """The <table>s of an HTML document as lists of rows."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(self._cell.strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def html_tables(document: str) -> list[pd.DataFrame]:
    parser = _Tables()
    parser.feed(document)
    return [pd.DataFrame(rows[1:], columns=rows[0]) for rows in parser.tables if rows]


@pytest.fixture
def recorded(monkeypatch):
    """What the pages hand to the download helpers, per run."""
    from ui import layout

    seen = {"tables": [], "reports": []}
    table_with_download, report_download = layout.table_with_download, layout.report_download

    def record_table(frame, file_stem, caption=None):
        seen["tables"].append((file_stem, frame.copy()))
        return table_with_download(frame, file_stem, caption)

    def record_report(scope, filters, kpis, charts, tables, definition_keys, reference_date):
        seen["reports"].append((scope, kpis, charts, tables, definition_keys, reference_date))
        return report_download(scope, filters, kpis, charts, tables, definition_keys, reference_date)

    monkeypatch.setattr(layout, "table_with_download", record_table)
    monkeypatch.setattr(layout, "report_download", record_report)
    return seen


def forget(seen) -> None:
    """Start a run's record afresh: each run's tables and reports are checked once, in the run that offered them."""
    seen["tables"].clear()
    seen["reports"].clear()


def check_run(at, seen, where: str, findings: Findings, stems: set[str]) -> None:
    """Everything one script run showed or offered for download."""
    assert not at.exception, f"{where}: {at.exception}"
    for stem, frame in seen["tables"]:
        stems.add(re.sub(r"_\d{4}-H\d$", "", stem))
        split = stem.removeprefix("overlast_per_")
        parts = stem.startswith(PARTS) or (stem.startswith("overlast_per_") and split in PARTS_OVERLAST)
        findings.table(f"{where}:{stem}", frame, parts)
        csv = pd.read_csv(io.BytesIO(exports.to_csv_bytes(frame)), sep=";", dtype=str, keep_default_na=False,
                          encoding="utf-8-sig")
        findings.table(f"{where}:{stem} (CSV)", csv, parts)
        xlsx = pd.read_excel(io.BytesIO(exports.to_excel_bytes(frame)), dtype=str, keep_default_na=False)
        findings.table(f"{where}:{stem} (Excel)", xlsx, parts)
        assert csv.shape == xlsx.shape == frame.shape
    for i, shown in enumerate(at.dataframe):
        findings.table(f"{where}:dataframe {i}", pd.DataFrame(shown.value), parts=False)
    for m in key_figures(at):
        if is_hidden(m.value) or not m.help:
            continue
        findings.statement(f"{where}:metric {m.label}", m.help)
        if f"op basis van {privacy.marker()}" in m.help:
            findings.problems.append(f"{where}: metric {m.label} = {m.value} on a base '<5'")
    for m in key_figures(at):
        findings.markers(f"{where}:metric {m.label}", f"{m.value} {m.help or ''}")
    for element in [*at.caption, *at.markdown, *at.info]:
        findings.statement(f"{where}:text", element.value)
    for chart in at.get("plotly_chart"):
        findings.markers(f"{where}:chart", chart.proto.spec)
    for scope, kpis, charts, tables, keys, day in seen["reports"]:
        document = report.build(
            title=scope, scope=scope, kpis=kpis, charts=charts, tables=tables, definition_keys=keys,
            reference_date=day, render_svg=lambda fig: "<svg></svg>",
        )
        findings.markers(f"{where}:rapport", document.replace("<svg></svg>", ""))
        parsed = html_tables(document)
        assert len(parsed) == len(tables)
        for (caption, _), frame in zip(tables, parsed):
            findings.table(f"{where}:rapport {caption}", frame, parts=True)
        for kpi in kpis:
            findings.statement(f"{where}:rapport {kpi.label}", kpi.display_base() + " ")
            if kpi.suppressed and not is_hidden(kpi.display_value()):
                findings.problems.append(f"{where}: rapport {kpi.label} shows {kpi.display_value()} on a small base")
    seen["tables"].clear()
    seen["reports"].clear()


def test_every_page_and_download_is_suppressed(demo_db_env, min_count, recorded):
    findings, stems, reports = Findings(), set(), 0
    at = open_dashboard()
    for name, selection in SELECTIONS.items():
        for key in ("f_municipalities", "f_projects", "f_forms"):
            at.multiselect(key=key).set_value(selection.get(key, []))
        at.run()
        for page in PAGES:
            forget(recorded)
            at.switch_page(page).run()
            reports += len(recorded["reports"])
            check_run(at, recorded, f"{name}:{page}", findings, stems)
        for page, kind, key, values in CONTROLS:
            at.switch_page(page).run()
            for value in values:
                widget = getattr(at, kind)(key=key)
                # A goal only exists on the selections it belongs to (options are shown as "G001 · ...").
                if kind == "selectbox" and key == "goal_detail" and not any(o.startswith(value) for o in widget.options):
                    continue
                forget(recorded)
                widget.set_value(value).run()
                check_run(at, recorded, f"{name}:{page}:{key}={value}", findings, stems)
        # Vergelijken: small and large things side by side, and four housing forms beside all of them.
        at.switch_page("pages/compare.py").run()
        for kind, entities in (("woonvorm", ["tijdelijk", "woningdelen", "flexwoning", "transformatie"]),
                               ("gemeente", [VEERE, "GM0034"]),
                               ("project", [TINY_PROJECT, "Almere-Haven"])):
            at.radio(key="cmp_kind").set_value(kind).run()
            forget(recorded)
            at.multiselect(key=f"cmp_items_{kind}").set_value(entities).run()
            check_run(at, recorded, f"{name}:compare:{kind}", findings, stems)

    kinds = sorted({re.sub(r"\(row \d+\)|= \S+", "", p.split(":", 1)[1]) for p in findings.problems})
    assert not findings.problems, "\n".join(kinds[:60])
    # The walk saw what it should: every download of the pages, small groups hidden, a report.
    assert {"overzicht_per_woonvorm", "woonvormen", "doorstroom_vaste_woning", "taakstelling", "interventies",
            "interventies_per_soort", "overlast_projecten", "overlast_per_project", "vergelijking_woonvorm",
            "integratie_language_b1_housing_form", "kaart_waiting_time"} <= stems
    assert findings.hidden_cells > 100 and reports >= 3
    print(f"\nthreshold {min_count}: {findings.tables} tables, {findings.hidden_cells} hidden cells, {reports} reports")


# --- the command line -----------------------------------------------------------------------------

GROUPINGS = ["", "housing_form", "municipality_code", "project", "corporation", "household_type",
             "period,housing_form", "municipality_code,housing_form", "period,household_type"]
CLI_FILTERS = {"alles": [], "veere": ["--municipality", VEERE], "tijdelijk": ["--housing-form", "tijdelijk"]}
# Row keys besides --by: a measure that reports per half-year or per moment has a whole per such key.
ROW_KEYS = {"quota_realisation": ["period"], "integration_outcome": ["outcome", "k_months"]}
# Official quota counts are public statistics: what rests on persons in the data is the estimated part.
NOT_PUBLIC = {"quota_realisation": "estimated_realised"}


def cli_rows(capsys, db, name: str, by: str, extra: list[str]) -> list[dict] | None:
    args = ["measure", name, "--db", str(db), "--json", *(["--by", by] if by else []), *extra]
    code = cli(args)
    out = capsys.readouterr().out
    if code == 2:  # a grouping this measure does not offer
        return None
    assert code == 0, args
    return json.loads(out)


@pytest.mark.parametrize("name", list(MEASURES))
def test_every_cli_measure_is_suppressed(demo_store, min_count, capsys, name):
    measure, limit, marker, problems, hidden = MEASURES[name], privacy.threshold(), privacy.marker(), [], 0
    base_column = NOT_PUBLIC.get(name, measure.base)
    for label, extra in CLI_FILTERS.items():
        for by in GROUPINGS:
            rows = cli_rows(capsys, demo_store.path, name, by, extra)
            if not rows:  # a grouping this measure does not offer, or nothing in the selection
                continue
            where = f"{name} --by {by or '-'} ({label})"
            for row in rows:
                base = row[base_column]
                stale = [v for v in row.values() if isinstance(v, str) and MARKER.fullmatch(v) and v != marker]
                if stale:
                    problems.append(f"{where}: {stale} with threshold {limit}")
                if base == marker:
                    hidden += 1
                    shown = {f: row[f] for f in measure.figures if row.get(f) not in (marker, None)}
                    if shown:
                        problems.append(f"{where}: {shown} on a base '{marker}'")
                elif base is not None and 0 < base < limit:
                    problems.append(f"{where}: {base_column} = {base} in {row}")
            if name == "intervention_effect" and not by:
                continue  # one row per intervention: not parts of a whole
            if name in NOT_PUBLIC:
                continue  # a hidden estimate counts as 0 in every total (test_no_quota_total_or_backlog_...)
            keys = [k for k in by.split(",") if k] + ROW_KEYS.get(name, [])
            frame = pd.DataFrame(rows)
            for part in [k for k in by.split(",") if k]:  # the parts along each grouping column
                others = [k for k in keys if k != part]
                sets = frame.groupby(others, dropna=False) if others else [(None, frame)]
                for key, group in sets:
                    small = group[base_column].eq(marker)
                    if small.sum() == 1 and len(group) > 1:
                        problems.append(f"{where}: one hidden {part} in {key}: {group[[part, base_column]].values.tolist()}")
    assert not problems, "\n".join(problems[:30])
    assert hidden, f"{name}: the walk met no small group at all"


def test_no_quota_total_or_backlog_holds_a_hidden_estimate(demo_store):
    """Totals and backlogs count a municipality's hidden estimate as 0: "total minus the shown parts" is 0."""
    from housing_monitor.filters import Filters
    from housing_monitor.measures import quota

    with demo_store.reader() as con:
        per_municipality = quota.quota_progress(con, Filters(), by=("municipality_code",))
        national = quota.quota_progress(con, Filters()).set_index("period")
    shown = quota.suppressed(per_municipality)
    hidden = shown["realised"].eq(privacy.marker())
    assert hidden.any(), "the demo has no small estimate to hide"
    visible = pd.to_numeric(shown["realised"].where(~hidden), errors="coerce").fillna(0)
    assert (visible.groupby(shown["period"]).sum() == national["realised"]).all()
    # Each later backlog follows from public targets and shown counts only.
    ordered = per_municipality.assign(counted=visible).sort_values(["municipality_code", "period"])
    owed = (ordered["target"] - ordered["counted"]).groupby(ordered["municipality_code"]).cumsum()
    assert (owed.groupby(ordered["municipality_code"]).shift(fill_value=0) == ordered["carried"]).all()
    # Official counts are public: small ones are shown.
    official_small = per_municipality["source"].eq("official") & per_municipality["realised"].between(1, 4)
    assert official_small.any() and not shown.loc[official_small, "realised"].eq(privacy.marker()).any()


def test_the_checks_catch_a_small_count_a_figure_on_it_and_one_hidden_part():
    findings = Findings()
    frame = pd.DataFrame({"Woonvorm": ["a", "b", "c"], "Huishoudens": ["3", "<5", "40"], "Personen": ["9", "12", "90"]})
    findings.table("t", frame, parts=True)
    assert len(findings.problems) == 3, findings.problems  # 3 households; 12 persons on '<5'; one hidden part


def test_the_checks_catch_a_count_under_ten_and_a_stale_marker(monkeypatch):
    monkeypatch.setenv("HOUSING_MONITOR_MIN_COUNT", "10")
    findings = Findings()
    frame = pd.DataFrame({"Woonvorm": ["a", "b", "c"], "Huishoudens": ["7", "<10", "<10"], "Personen": ["21", "<10", "<10"],
                          "Wachttijd": ["3,0 weken", "<5", "<10"]})
    findings.table("t", frame, parts=True)
    findings.statement("s", "op basis van <5 huishoudens")
    findings.markers("chart", '{"text": ["\\u003c5 huishoudens", "\\u003c10 huishoudens", "<100"]}')
    # 7 households; '<5' in the table; '<5' in the text; '\u003c5' and '<100' in the chart
    assert len(findings.problems) == 5, findings.problems


def _cli(store, threshold: int | None) -> str:
    """`measure housed --by municipality_code,housing_form --json` as a user runs it, in its own process."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "HOUSING_MONITOR_MIN_COUNT"}
    if threshold is not None:
        env["HOUSING_MONITOR_MIN_COUNT"] = str(threshold)
    args = [sys.executable, "-m", "housing_monitor", "measure", "housed", "--by", "municipality_code,housing_form",
            "--json", "--db", str(store.path)]
    root = Path(__file__).resolve().parent.parent
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=300, check=True, cwd=root).stdout


def test_cli_marker_follows_the_setting(demo_store):
    """The issue's own check: with threshold 10 the CLI prints '<10', never '<5', and no count below 10."""
    strict, default = _cli(demo_store, 10), _cli(demo_store, None)
    assert '"<10"' in strict and '"<5"' not in strict and '"<5"' in default
    rows = json.loads(strict)
    counts = [row[c] for row in rows for c in ("households", "persons") if not isinstance(row[c], str)]
    assert counts and min(c for c in counts if c > 0) >= 10
    # 10 hides more groups than 5 does.
    hidden_at_5 = sum(row["households"] == "<5" for row in json.loads(default))
    assert sum(row["households"] == "<10" for row in rows) > hidden_at_5 > 0
