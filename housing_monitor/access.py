"""Who may see and change what: roles, and the organisations whose project-level figures a user may see."""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from typing import Mapping

ROLES = ("viewer", "analyst", "admin")
ROLE_LABELS = {"viewer": "kijker", "analyst": "analist", "admin": "beheerder"}
DEFAULT_IDENTITY_CLAIM = "email"


class AccessConfigError(ValueError):
    """The [access] section of the secrets is not understood."""


@dataclass(frozen=True)
class Access:
    """One user's rights for this session."""

    email: str | None
    role: str
    municipalities: tuple[str, ...] = ()
    corporations: tuple[str, ...] = ()
    all_organisations: bool = False  # sees project-level figures everywhere (e.g. a provincial analyst)
    local_mode: bool = False

    def at_least(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)

    @property
    def can_import(self) -> bool:
        return self.at_least("analyst")

    @property
    def can_manage(self) -> bool:
        return self.at_least("admin")

    def sees_project(self, municipality_code: str | None, corporation: str | None) -> bool:
        """Project-level figures only for the user's own municipalities or corporations."""
        if self.all_organisations or self.local_mode:
            return True
        return (municipality_code in self.municipalities) or (corporation is not None and corporation in self.corporations)

    def describe(self) -> str:
        """The user's situation in plain Dutch, for the sidebar."""
        if self.local_mode:
            return "Lokale modus: één gebruiker zonder inlog, met alle rechten. Niet bedoeld voor gebruik in een netwerk."
        scope = []
        if self.all_organisations:
            scope.append("alle organisaties")
        if self.municipalities:
            scope.append(f"{len(self.municipalities)} gemeente(n)")
        if self.corporations:
            scope.append(", ".join(self.corporations))
        scope_text = f"; projectcijfers van {', '.join(scope)}" if scope else "; alleen totalen, geen projectcijfers"
        return f"Ingelogd als {self.email} ({ROLE_LABELS[self.role]}){scope_text}."


LOCAL = Access(email=None, role="admin", all_organisations=True, local_mode=True)
# A thread that belongs to no visitor's session (a warm-up, a worker without its context): totals only.
OUTSIDE_SESSION = Access(email=None, role="viewer")


@dataclass(frozen=True)
class _Rule:
    role: str
    municipalities: tuple[str, ...] = ()
    corporations: tuple[str, ...] = ()
    all_organisations: bool = False


def _rule(entry: Mapping, where: str) -> _Rule:
    if not isinstance(entry, Mapping):
        raise AccessConfigError(f"{where} moet een tabel zijn (role = ..., municipalities = [...])")
    for key in ("municipalities", "corporations"):
        if isinstance(entry.get(key, ()), str):
            raise AccessConfigError(f"{where}.{key} moet een lijst zijn, bijvoorbeeld [\"GM0034\"]")
    role = str(entry.get("role", "viewer")).lower()
    if role not in ROLES:
        raise AccessConfigError(f"{where}: onbekende rol '{role}' (kies uit {', '.join(ROLES)})")
    return _Rule(
        role=role,
        municipalities=tuple(entry.get("municipalities", ())),
        corporations=tuple(entry.get("corporations", ())),
        all_organisations=bool(entry.get("all_organisations", False)),
    )


def _rules(config: Mapping, section: str) -> dict[str, _Rule]:
    entries = config.get(section, {})
    if not isinstance(entries, Mapping):
        raise AccessConfigError(f"access.{section} moet een tabel zijn, met per {'adres' if section == 'users' else 'domein'} een eigen tabel")
    return {str(k).lower(): _rule(v, f"access.{section}.{k}") for k, v in entries.items()}


@dataclass(frozen=True)
class AccessPolicy:
    """The mapping from e-mail address (or its domain) to role and organisations."""

    users: dict[str, _Rule] = field(default_factory=dict)
    domains: dict[str, _Rule] = field(default_factory=dict)
    default_role: str | None = "viewer"
    # The ID-token claim that names the user: an e-mail address, or for Microsoft Entra ID (whose ID tokens
    # often carry no `email`) the user principal name in `preferred_username`.
    identity_claim: str = DEFAULT_IDENTITY_CLAIM

    @classmethod
    def from_config(cls, config: Mapping | None) -> AccessPolicy:
        """Read the [access] section of .streamlit/secrets.toml."""
        config = config or {}
        if not isinstance(config, Mapping):
            raise AccessConfigError("[access] moet een tabel zijn")
        default = config.get("default_role", "viewer")
        if default not in (*ROLES, "none"):
            raise AccessConfigError(f"default_role '{default}' is onbekend")
        claim = config.get("identity_claim", DEFAULT_IDENTITY_CLAIM)
        if not isinstance(claim, str) or not claim.strip():
            raise AccessConfigError("identity_claim moet de naam van een claim zijn, bijvoorbeeld \"email\"")
        return cls(
            users=_rules(config, "users"),
            domains=_rules(config, "domains"),
            default_role=None if default == "none" else default,
            identity_claim=claim.strip(),
        )

    def resolve(self, email: str | None) -> Access | None:
        """The user's access: an exact address beats its domain; None when the user is not admitted."""
        if not email:
            return None
        email = email.strip().lower()
        rule = self.users.get(email) or self.domains.get(email.rsplit("@", 1)[-1])
        if rule is None:
            if self.default_role is None:
                return None
            rule = _Rule(role=self.default_role)
        return Access(email, rule.role, rule.municipalities, rule.corporations, rule.all_organisations)


def system_user() -> str:
    """Who runs this process, for the import log and schema history when nobody signed in."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "onbekend"
