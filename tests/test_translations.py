"""Streamlit's and Plotly's own texts in Dutch: the dictionaries, and every chart on every page using them."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from tests.apptest import open_dashboard
from ui import pages, translations

REPO = Path(__file__).resolve().parent.parent


def dutch(text: str) -> str | None:
    """What the page script makes of a text (the same rules, in Python), or None when it leaves it be."""
    if text in translations.STREAMLIT_TEXTS:
        return translations.STREAMLIT_TEXTS[text]
    for pattern, replacement in translations.STREAMLIT_PATTERNS:
        if re.search(pattern, text):
            return re.sub(pattern, re.sub(r"\$(\d)", r"\\\1", replacement), text)
    return None


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("Help for Gehuisveste personen", "Uitleg bij Gehuisveste personen"),
        ("Press Ctrl+Enter to apply", "Druk op Ctrl+Enter om toe te passen"),
        ("Remove 's-Gravenhage", "'s-Gravenhage verwijderen"),
        ("month, Peildatum", "maand, Peildatum"),
        ("application/pdf files are not allowed.", "Bestanden van het soort application/pdf kunnen hier niet."),
        ("notes.pdf, 9.0B", "notes.pdf, 9,0 B"),
        ("1.2KB", "1,2 KB"),
        ("Running...", "Bezig…"),
    ],
)
def test_streamlit_texts_become_dutch(english, expected):
    assert dutch(english) == expected


def test_a_translation_is_final():
    """The page script sees its own changes come by: a Dutch text must match no rule again (else it would loop)."""
    samples = ["Help for X", "Press Ctrl+Enter to apply", "Remove a.csv", "day, Peildatum", "9.0B", "a.csv, 9.0B",
               "Cancel upload of a.csv", "Choose date, december 2024", "File must be 400.0MB or smaller.",
               "text/plain files are not allowed."]
    for text in [*translations.STREAMLIT_TEXTS, *samples]:
        translated = dutch(text)
        assert translated is not None and dutch(translated) is None, (text, translated)


def test_the_page_script_carries_every_rule():
    script = translations.script()
    assert script.count("<script>") == 1 and "%(" not in script
    for pattern, _ in translations.STREAMLIT_PATTERNS:
        assert json.dumps(pattern) in script


def _string_constants(paths) -> set[str]:
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value.strip())
    return found


def test_no_text_of_the_dashboard_itself_is_taken_for_streamlits():
    """The script rewrites any text equal to a Streamlit text: none of the dashboard's own may be one."""
    own = [*REPO.glob("pages/*.py"), *(p for p in REPO.glob("ui/*.py") if p.name != "translations.py"),
           *REPO.glob("housing_monitor/**/*.py")]
    constants = _string_constants(own)
    assert sorted(constants & set(translations.STREAMLIT_TEXTS)) == []
    assert sorted(c for c in constants for p, _ in translations.STREAMLIT_PATTERNS if re.search(p, c)) == []


def test_only_the_page_building_blocks_draw_a_chart():
    """Every chart goes through ui/layout.plot, which gives it Plotly's Dutch texts: no page calls Plotly itself."""
    callers = []
    for path in [*REPO.glob("pages/*.py"), *REPO.glob("ui/*.py"), REPO / "dashboard.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "plotly_chart":
                callers.append(path.relative_to(REPO).as_posix())
    assert callers == ["ui/layout.py"]


# Pages that show charts only once something is chosen: as a shared link would choose it.
CHOICES = {"vergelijken": {"vergelijk": "gemeente", "kies": "GM0882,GM0392"}}
CHARTED = [spec for spec in pages.PAGES if spec.url_path not in ("gegevens", "presentatie", "begrippen")]


@pytest.mark.parametrize("spec", CHARTED, ids=[spec.url_path for spec in CHARTED])
def test_every_chart_speaks_dutch_and_lets_a_finger_scroll_past(demo_db_env, spec):
    at = open_dashboard(None if spec.default else spec.file, query=CHOICES.get(spec.url_path))
    assert at.get("plotly_chart")
    for chart in at.get("plotly_chart"):
        config, figure = json.loads(chart.proto.config), json.loads(chart.proto.spec)
        assert config["locale"] == "nl" and config["locales"]["nl"] == translations.PLOTLY_LOCALE
        assert config["displaylogo"] is False and config["toImageButtonOptions"]["filename"]
        if "geo" not in figure["layout"]:  # the map (no axes to zoom) scrolls as it is
            assert figure["layout"]["dragmode"] is False, chart.proto.id
