"""What can be checked about sign-in before a visitor presses "Inloggen": the [auth] settings and the provider."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from typing import Mapping

REQUIRED = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
CALLBACK_PATH = "/oauth2callback"
# Endpoints Streamlit's sign-in (Authlib) needs from the provider's discovery document.
METADATA_KEYS = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")


def _absolute_http(url) -> bool:
    parts = urllib.parse.urlsplit(str(url))
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def config_problems(auth: Mapping) -> list[str]:
    """The mistakes in an [auth] section, one line each, for the server log; empty when it looks right."""
    problems = []
    named = [k for k, v in auth.items() if isinstance(v, Mapping) and k != "client_kwargs" and "client_id" in v]
    if named and "client_id" not in auth:
        problems.append(
            f"[auth.{named[0]}] is a named provider; this app signs in with the provider written directly under [auth]"
        )
    for key in REQUIRED:
        if not str(auth.get(key) or "").strip():
            problems.append(f"[auth] has no {key}")
    redirect = auth.get("redirect_uri")
    if redirect and not (_absolute_http(redirect) and urllib.parse.urlsplit(str(redirect)).path.endswith(CALLBACK_PATH)):
        problems.append(f"[auth] redirect_uri must be the app's absolute address ending in {CALLBACK_PATH}, not {redirect!r}")
    metadata = auth.get("server_metadata_url")
    if metadata and not _absolute_http(metadata):
        problems.append(f"[auth] server_metadata_url must be an absolute http(s) address, not {metadata!r}")
    kwargs = auth.get("client_kwargs")
    if kwargs is not None and not isinstance(kwargs, Mapping):
        problems.append('[auth] client_kwargs must be a table, e.g. client_kwargs = { prompt = "login" }')
    return problems


def fetch_metadata(url: str, timeout: float = 5.0) -> dict:
    """The provider's OpenID Connect discovery document."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


def provider_problem(url: str) -> str | None:
    """Why the provider cannot sign anyone in now (for the server log), or None when its discovery document is usable."""
    try:
        metadata = fetch_metadata(url)
    except Exception as error:  # refused, timed out, DNS, HTTP error, not JSON: all mean "not now"
        return f"{url}: {type(error).__name__}: {error}"
    if not isinstance(metadata, dict):
        return f"{url}: the discovery document is not a JSON object"
    missing = [key for key in METADATA_KEYS if not metadata.get(key)]
    if missing:
        return f"{url}: the discovery document lacks {', '.join(missing)}"
    return None


def provider_host(url) -> str:
    """The provider's host name, to name it to the visitor without the full address."""
    return urllib.parse.urlsplit(str(url or "")).hostname or "de inlogdienst"
