"""A prepared sequence of views (links) packed into one link, for presenting a workshop."""

from __future__ import annotations

import base64
import json
import urllib.parse
import zlib

# The presentation's own link parameters: never part of a view.
PRESENTATION_PARAMS = ("presentatie", "reeks", "deck", "stap")
MAX_VIEWS = 50


class InvalidViewError(ValueError):
    """A line that is not a link to a view of this dashboard."""


def split_view(view: str) -> tuple[str, dict[str, str]]:
    """'/vergelijken?kies=GM0034' → ('vergelijken', {'kies': 'GM0034'}); full URLs are accepted too."""
    parsed = urllib.parse.urlsplit(view.strip())
    path = parsed.path.strip("/").split("/")[-1] if parsed.path.strip("/") else ""
    params = {k: v for k, v in urllib.parse.parse_qsl(parsed.query, keep_blank_values=False)}
    for own in PRESENTATION_PARAMS:
        params.pop(own, None)
    return path, params


def join_view(path: str, params: dict[str, str]) -> str:
    """('vergelijken', {'kies': 'GM0034'}) → '/vergelijken?kies=GM0034'."""
    query = urllib.parse.urlencode(params, safe=",")
    return f"/{path}" + (f"?{query}" if query else "")


def normalise(view: str, known_paths: set[str]) -> str:
    """A view as '/path?query', checked against the dashboard's pages."""
    path, params = split_view(view)
    if path not in known_paths:
        raise InvalidViewError(f"'{view.strip()}' is geen pagina van dit dashboard")
    return join_view(path, params)


def parse_lines(text: str, known_paths: set[str]) -> tuple[list[str], list[str]]:
    """The views in pasted text (one link per line) and Dutch problems with lines that are not views."""
    views, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            views.append(normalise(line, known_paths))
        except InvalidViewError as error:
            problems.append(f"Regel {number}: {error}.")
    return views, problems


def encode(views: list[str]) -> str:
    """Pack views into one short URL-safe token."""
    raw = zlib.compress(json.dumps(views, separators=(",", ":")).encode("utf-8"), 9)
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(token: str) -> list[str]:
    """Unpack a token; a damaged token gives an empty sequence rather than an error."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        views = json.loads(zlib.decompress(raw).decode("utf-8"))
    except (ValueError, zlib.error, UnicodeDecodeError):
        return []
    return [v for v in views if isinstance(v, str)][:MAX_VIEWS]
