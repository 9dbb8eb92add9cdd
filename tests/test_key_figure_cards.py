"""Key figure cards (ui/layout.figure_card): what a card shows, worked out by hand, read back as a page shows it."""

from streamlit.testing.v1 import AppTest

from housing_monitor.present.definitions import definition
from tests.apptest import KeyFigure, key_figures

SCRIPT = """
from housing_monitor.present.key_figures import Kpi
from ui import layout

layout.metric_row([
    Kpi("persons", "Gehuisveste personen", 12, 10, 20, "count", "gehuisvest", neutral=True),
    Kpi("wait", "Wachttijd (mediaan)", 97.3, 98.0, 20, "weeks", "wachttijd", lower_is_better=True, note="alleen wie"),
    Kpi("up", "Binnen 12 maanden vast", 0.845, 0.823, 20, "share", "vast_12m"),
    Kpi("down", "Binnen 12 maanden vast", 0.80, 0.823, 20, "share", "vast_12m"),
    Kpi("small", "Gehuisveste huishoudens", 3, 2, 3, "count", "gehuisvest", neutral=True),
    Kpi("same", "Overlast *per* [100] huishoud_jaren", 10, 10, 40, "count", "gehuisvest", lower_is_better=True),
])
"""


def test_cards_show_value_change_colour_and_base():
    at = AppTest.from_string(SCRIPT).run()
    assert not at.exception, at.exception
    housed, waiting, sharing = definition("gehuisvest").short, definition("wachttijd").short, definition("vast_12m").short
    assert key_figures(at) == [
        # 12 against 10: +2, neither better nor worse for persons housed.
        KeyFigure("Gehuisveste personen", "12", "+2", "gray", "op basis van 20 huishoudens",
                  f"{housed} op basis van 20 huishoudens."),
        # 97,3 days = 13,9 weeks; 0,7 days fewer = -0,1 weeks: shorter waiting is better (green).
        KeyFigure("Wachttijd (mediaan)", "13,9 weken", "-0,1 weken", "green",
                  "op basis van 20 huishoudens · alleen wie", f"{waiting} op basis van 20 huishoudens."),
        # 84,5% against 82,3%: +2,2 percentage points, better; 80,0% against 82,3%: -2,3, worse.
        KeyFigure("Binnen 12 maanden vast", "84,5%", "+2,2 procentpunt", "green", "op basis van 20 huishoudens",
                  f"{sharing} op basis van 20 huishoudens."),
        KeyFigure("Binnen 12 maanden vast", "80,0%", "-2,3 procentpunt", "red", "op basis van 20 huishoudens",
                  f"{sharing} op basis van 20 huishoudens."),
        # A base of 3 households: the value and its change are hidden.
        KeyFigure("Gehuisveste huishoudens", "<5", None, None, "op basis van <5 huishoudens",
                  f"{housed} op basis van <5 huishoudens."),
        # No change: grey, no arrow; Markdown's special characters in a label are shown as they are.
        KeyFigure("Overlast *per* [100] huishoud_jaren", "10", "0", "gray", "op basis van 40 huishoudens",
                  f"{housed} op basis van 40 huishoudens."),
    ]
    bodies = [m.value for m in at.markdown]
    assert bodies[0] == "Gehuisveste personen\n\n**12**\n\n:gray-badge[↑ \\+2]"
    assert bodies[1] == "Wachttijd \\(mediaan\\)\n\n**13,9 weken**\n\n:green-badge[↓ -0,1 weken]"
    assert bodies[5].endswith(":gray-badge[0]")  # no arrow on no change


def test_cards_use_no_lazily_loaded_element():
    """The card is Markdown in a bordered container: no metric, no HTML, which would wait for their code."""
    at = AppTest.from_string(SCRIPT).run()
    assert not at.metric
    assert not at.get("html")
    assert all("<" not in m.value.replace("\\<", "") for m in at.markdown)
