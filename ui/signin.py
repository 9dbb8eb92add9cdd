"""The view a visitor opened, kept in the browser across the sign-in round trip.

Streamlit's /oauth2callback always returns to "/", in a new session: nothing on the server survives the trip.
So when "Inloggen" is pressed, a script in the page writes two short-lived cookies: the view (path and query
of the link that was opened) and a marker that a sign-in was started. The first run after the return reads
them from `st.context.cookies`: signed in, the app switches to the kept view; still signed out, the trip
failed and the visitor is told so. Both are deleted once used.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections import OrderedDict

import streamlit as st
from streamlit import config

VIEW_COOKIE = "woonmonitor_weergave"
ATTEMPT_COOKIE = "woonmonitor_inlogpoging"
MAX_AGE_SECONDS = 15 * 60  # a round trip takes a minute or two; a stale view must not surprise a later visit
LOGIN_BUTTON_KEY = "login"

# Sessions that already went to their kept view (presentation steps clear session state, so not kept there).
_RETURNED: OrderedDict[str, None] = OrderedDict()
_RETURNED_LOCK = threading.Lock()
_RETURNED_MAX = 10_000


def _base_path() -> str:
    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def _cookie_path() -> str:
    return _base_path() or "/"


def _script(name: str, body: str) -> None:
    """Run a little JavaScript in the page itself, in a container that takes no room."""
    with st.container(key=f"signin_script_{name}"):
        st.html(
            f"<style>.st-key-signin_script_{name}{{display:none}}</style><script>{body}</script>",
            unsafe_allow_javascript=True,
        )


def remember_view_on_login() -> None:
    """When the sign-in button is pressed, keep the current view and mark that a sign-in started."""
    settings = json.dumps({
        "view": VIEW_COOKIE, "attempt": ATTEMPT_COOKIE, "button": f".st-key-{LOGIN_BUTTON_KEY}",
        "attrs": f"; path={_cookie_path()}; max-age={MAX_AGE_SECONDS}; samesite=lax",
        "root": [_base_path() + "/", _base_path()],
    })
    _script(
        "remember",
        "(function(){const s=" + settings + ";"
        "if(window.__woonmonitorSignin){window.__woonmonitorSignin=s;return;}window.__woonmonitorSignin=s;"
        "document.addEventListener('click',function(e){const s=window.__woonmonitorSignin;"
        "if(!e.target.closest||!e.target.closest(s.button))return;"
        "const view=location.pathname+location.search;"
        # Back from a failed trip the page is the bare root: keep the view the visitor came for.
        "const bare=s.root.includes(view);"
        "if(!bare||!document.cookie.split('; ').some(c=>c.startsWith(s.view+'=')))"
        "document.cookie=s.view+'='+encodeURIComponent(view)+s.attrs;"
        "document.cookie=s.attempt+'=1'+s.attrs;},true);})();"
    )


def forget(*names: str) -> None:
    """Delete the given cookies in the visitor's browser."""
    path = _cookie_path()
    _script("forget", "".join(f"document.cookie={json.dumps(f'{name}=; path={path}; max-age=0; samesite=lax')};" for name in names))


def _cookie(name: str) -> str | None:
    """A cookie the browser sent when this session began (None without a browser, e.g. in AppTest)."""
    try:
        value = st.context.cookies.get(name)
    except Exception:
        return None
    return value if isinstance(value, str) else None


def attempt_returned() -> bool:
    """True when this browser started a sign-in that has not (yet) been followed by a signed-in visit."""
    return _cookie(ATTEMPT_COOKIE) is not None


def kept_cookies() -> list[str]:
    """The sign-in cookies this session's browser sent."""
    return [name for name in (VIEW_COOKIE, ATTEMPT_COOKIE) if _cookie(name) is not None]


def parse_view(value: str | None, base_path: str, known_paths) -> tuple[str, dict[str, str]] | None:
    """The kept view as (page url_path, query parameters), or None when it is not a view of this app."""
    if not value:
        return None
    parts = urllib.parse.urlsplit(urllib.parse.unquote(value))
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None  # only a path within this app, never another site
    path = parts.path
    base = base_path.rstrip("/")
    if base:
        if path != base and not path.startswith(base + "/"):
            return None
        path = path[len(base):]
    url_path = path.strip("/")
    if url_path not in known_paths:
        return None
    return url_path, dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=False))


def kept_view(known_paths) -> tuple[str, dict[str, str]] | None:
    return parse_view(_cookie(VIEW_COOKIE), _base_path(), known_paths)


def first_return(session_id: str) -> bool:
    """True once per session: the first time it may go to the kept view."""
    with _RETURNED_LOCK:
        if session_id in _RETURNED:
            return False
        _RETURNED[session_id] = None
        while len(_RETURNED) > _RETURNED_MAX:
            _RETURNED.popitem(last=False)
        return True
