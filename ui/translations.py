"""Streamlit's and Plotly's own texts in Dutch: Plotly through its locale, Streamlit through a small page script."""

from __future__ import annotations

import functools
import json

# plotly.js's own Dutch locale has month and day names but no texts; these are the ones its toolbar and notes
# can show on this dashboard's charts (bar, line, scatter, the map) with the buttons below removed and no logo.
# Only these: the locale travels with every chart to every viewer.
PLOTLY_LOCALE = {
    "dictionary": {
        "Download plot as a PNG": "Download als PNG",
        "Preparing image - this may take a few seconds": "De afbeelding wordt gemaakt; dat kan enkele seconden duren",
        "Image download succeeded": "De afbeelding is gedownload",
        "Sorry, there was a problem downloading your image!": "Het downloaden van de afbeelding is mislukt.",
        "Zoom": "Inzoomen door te slepen",
        "Pan": "Verschuiven",
        "Zoom in": "Inzoomen",
        "Zoom out": "Uitzoomen",
        "Reset axes": "Assen herstellen",
        "Reset": "Herstellen",
        "Reset view": "Weergave herstellen",
        "Double-click to zoom back out": "Dubbelklik om weer uit te zoomen",
        "Double-click on legend to isolate one trace": "Dubbelklik in de legenda om één reeks apart te zien",
        "trace": "reeks",
    },
    "format": {
        "days": ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
        "shortDays": ["zo", "ma", "di", "wo", "do", "vr", "za"],
        "months": [
            "januari", "februari", "maart", "april", "mei", "juni",
            "juli", "augustus", "september", "oktober", "november", "december",
        ],
        "shortMonths": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
        "date": "%d-%m-%Y",
        "decimal": ",",
        "thousands": ".",
    },
}

# Plotly's toolbar buttons a reader of these charts has no use for: choosing points, a second reset (autoscale),
# spike lines, hover modes.
PLOTLY_BUTTONS_REMOVED = (
    "select2d", "lasso2d", "autoScale2d", "toggleSpikelines", "hoverClosestCartesian", "hoverCompareCartesian",
    "hoverClosestGeo",
)


def plotly_config() -> dict:
    """Plotly's settings every chart shares: its texts and dates in Dutch, no logo, no needless buttons."""
    return {
        "locale": "nl",
        "locales": {"nl": PLOTLY_LOCALE},
        "displaylogo": False,
        "modeBarButtonsToRemove": list(PLOTLY_BUTTONS_REMOVED),
    }


# Streamlit 1.67 has no translations: its frontend's own texts (labels, tooltips, placeholders, screen-reader
# names), each as it appears, in Dutch. Found by walking every page (tests/test_browser_dutch.py).
STREAMLIT_TEXTS = {
    # The app's frame: navigation, sidebar, status of a run, connection
    "App pages": "Pagina's",
    "Sidebar": "Zijbalk",
    "Collapse sidebar": "Zijbalk sluiten",
    "Expand sidebar": "Zijbalk openen",
    "Skip to main content": "Naar de inhoud",
    "View more": "Meer tonen",
    "View less": "Minder tonen",
    "Main menu": "Menu",
    "Running...": "Bezig…",
    "Stop": "Stoppen",
    "Stopping...": "Bezig met stoppen…",
    "Rerun": "Opnieuw",
    "Connecting": "Verbinden…",
    "Connection error": "Geen verbinding",
    "Connection lost. Please wait for the app to reconnect, then try again.":
        "De verbinding is even weg. Wacht tot de monitor weer verbonden is en probeer het dan opnieuw.",
    "Please wait...": "Even geduld…",
    "Link to heading": "Link naar dit kopje",
    "Help": "Uitleg",
    "Open": "Openen",
    "Close": "Sluiten",
    "Dismiss": "Sluiten",
    "Copy to clipboard": "Kopiëren",
    "Copied!": "Gekopieerd",
    # Widgets
    "Upload": "Bestanden kiezen",
    "Add files": "Bestanden toevoegen",
    "Drag and drop file here": "Sleep een bestand hierheen",
    "Drag and drop files here": "Sleep bestanden hierheen",
    "file upload": "bestanden kiezen",
    "File type not allowed.": "Dit soort bestand kan hier niet.",
    "Error:": "Fout:",
    "add icon": "plus",
    "Only one file is allowed.": "Hier kan maar één bestand.",
    "Choose an option": "Maak een keuze",
    "No results": "Niets gevonden",
    "No options to select": "Niets om uit te kiezen",
    "Clear all": "Alles wissen",
    "Clear": "Wissen",
    "Select all": "Alles kiezen",
    "Press Enter to apply": "Druk op Enter om toe te passen",
    "Press Enter to submit form": "Druk op Enter om te versturen",
    "Choose date": "Kies een datum",
    "Previous month": "Vorige maand",
    "Next month": "Volgende maand",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.":
        "Kies een dag met de pijltjestoetsen en Enter; Escape sluit de kalender.",
    # Tables and charts: the element toolbar, search, the column menu
    "Fullscreen": "Volledig scherm",
    "Close fullscreen": "Volledig scherm sluiten",
    "Search": "Zoeken",
    "Close Search": "Zoeken sluiten",
    "Type to search": "Typ om te zoeken",
    "Next Result": "Volgende",
    "Previous Result": "Vorige",
    "Show/hide columns": "Kolommen tonen of verbergen",
    "(index)": "(rijnummer)",
    "Dataframe column menu": "Kolommenu",
    "Copy column name": "Kolomnaam kopiëren",
    "Sort ascending": "Oplopend sorteren",
    "Sort descending": "Aflopend sorteren",
    "Autosize": "Passende breedte",
    "Pin column": "Kolom vastzetten",
    "Unpin column": "Kolom losmaken",
    "Hide column": "Kolom verbergen",
    "Statistics": "Samenvatting",
    "Format": "Notatie",
    "Automatic": "Automatisch",
    "Localized": "Zoals ingesteld",
    "Plain": "Zonder opmaak",
    "Percent": "Procent",
    "Scientific": "Wetenschappelijk",
    "Accounting": "Boekhoudkundig",
    "Count": "Aantal",
    "Distinct": "Verschillende",
    "Empty": "Leeg",
    "Average": "Gemiddelde",
    "Median": "Mediaan",
    "Sum": "Som",
    "Standard deviation": "Standaardafwijking",
    "Range": "Bereik",
    "Values": "Waarden",
    "Based on sample": "Op basis van een steekproef",
    "Average length": "Gemiddelde lengte",
    "Minimum length": "Kortste lengte",
    "Maximum length": "Langste lengte",
    "No data": "Geen gegevens",
}
# Streamlit's texts around the app's own words; JavaScript regular expressions (and Python's: tests check both).
STREAMLIT_PATTERNS = (
    (r"^Help for (.+)$", "Uitleg bij $1"),
    (r"^Press (.+)\+Enter to apply$", "Druk op $1+Enter om toe te passen"),
    (r"^Remove (.+)$", "$1 verwijderen"),
    (r"^Cancel upload of (.+)$", "Uploaden van $1 afbreken"),
    (r"^File must be (.+) or smaller\.$", "Het bestand mag hoogstens $1 zijn."),
    (r"^(\d+)\.(\d+)(B|KB|MB|GB)$", "$1,$2 $3"),
    (r"^(.+), (\d+)\.(\d+)(B|KB|MB|GB)$", "$1, $2,$3 $4"),
    (r"^(.+) files are not allowed\.$", "Bestanden van het soort $1 kunnen hier niet."),
    (r"^Choose date, (.+)$", "Kies een datum, $1"),
    (r"^day, (.+)$", "dag, $1"),
    (r"^month, (.+)$", "maand, $1"),
    (r"^year, (.+)$", "jaar, $1"),
)
# Where the texts may be: text itself and these attributes (a tooltip, a screen reader's name, a placeholder,
# Plotly's toolbar tooltip).
ATTRIBUTES = ("aria-label", "title", "placeholder", "data-title")

_SCRIPT = """
<script>
(() => {
  // Once per browser tab: the observer below keeps working across reruns and pages.
  if (window.__woonmonitorDutch) return;
  window.__woonmonitorDutch = true;
  const TEXTS = new Map(Object.entries(%(texts)s));
  const PATTERNS = %(patterns)s.map(([pattern, replacement]) => [new RegExp(pattern), replacement]);
  const ATTRIBUTES = %(attributes)s;
  const dutch = (value) => {
    const text = value.trim();
    if (!text) return null;
    if (TEXTS.has(text)) return value.replace(text, TEXTS.get(text));
    for (const [pattern, replacement] of PATTERNS) {
      if (pattern.test(text)) return value.replace(text, text.replace(pattern, replacement));
    }
    return null;
  };
  // Charts' SVG holds the app's own labels, icons are ligature names, scripts and styles are no text.
  const skipped = (element) => element.ownerSVGElement !== undefined && element.ownerSVGElement !== null
    || ['svg', 'script', 'style', 'canvas', 'textarea'].includes(element.localName)
    || element.getAttribute('translate') === 'no';
  const fixAttributes = (element) => {
    for (const name of ATTRIBUTES) {
      const value = element.getAttribute(name);
      const changed = value && dutch(value);
      if (changed) element.setAttribute(name, changed);
    }
  };
  const fixText = (node) => {
    const changed = node.parentElement && !skipped(node.parentElement) && dutch(node.nodeValue);
    if (changed) node.nodeValue = changed;
  };
  const walk = (root) => {
    if (root.nodeType === Node.TEXT_NODE) return fixText(root);
    if (root.nodeType !== Node.ELEMENT_NODE || skipped(root)) return;
    fixAttributes(root);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => node.nodeType === Node.ELEMENT_NODE && skipped(node)
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      node.nodeType === Node.TEXT_NODE ? fixText(node) : fixAttributes(node);
    }
  };
  // Before the browser paints: what Streamlit adds or changes is Dutch before anyone sees it.
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'childList') record.addedNodes.forEach(walk);
      else if (record.type === 'characterData') fixText(record.target);
      else if (!skipped(record.target)) fixAttributes(record.target);
    }
  }).observe(document.body, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES,
  });
  walk(document.body);
})();
</script>
"""


@functools.cache
def script() -> str:
    """The page script that puts Streamlit's own texts in Dutch as they appear."""
    return _SCRIPT % {
        "texts": json.dumps(STREAMLIT_TEXTS, ensure_ascii=False),
        "patterns": json.dumps([list(p) for p in STREAMLIT_PATTERNS], ensure_ascii=False),
        "attributes": json.dumps(list(ATTRIBUTES)),
    }
