"""Column mappings: the analyst's own headers and labels linked to the contract's columns and codes.

A municipality's own system writes "Dossiernummer", "Sleuteldatum" or "Eengezinswoning" where the contract
says placement_id, move_in_date and zelfstandig. A `Mapping` says which own header means which contract
column and which own value means which code. It is suggested (contract names and Dutch aliases, then a
short list of synonyms Dutch systems use, then fuzzy matching with rapidfuzz), confirmed by the analyst,
and can be saved under a name per dataset: a saved mapping is applied again to a file with exactly the
same headers (same names, same order, case and spacing ignored).

A mapping never renames anything in the file: validation looks the own headers up through it, so every
message still names the column as the analyst's file has it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz, process

from housing_monitor.contract import DATASETS, Column, Dataset
from housing_monitor.ingest.reader import RawTable, normalise_header

# A suggestion below this rapidfuzz score (0-100) is no suggestion: the analyst chooses.
FUZZY_CUTOFF = 82
# Headers Dutch systems use for a contract column, beside its own name and alias (any case and spacing).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "placement_id": ("dossiernummer", "dossiernr", "plaatsingsnummer", "huisvestingsnummer", "contractnummer"),
    "household_id": ("huishoudnummer", "clientnummer", "cliëntnummer", "relatienummer", "pseudoniem"),
    "person_id": ("persoonsnummer", "persoonnummer", "deelnemernummer"),
    "municipality_code": ("cbs-code", "cbscode", "gemeentenummer", "gm-code", "code gemeente"),
    "municipality_name": ("gemeentenaam", "naam gemeente"),
    "corporation": ("woningcorporatie", "verhuurder", "corporatienaam"),
    "housing_form": ("type woning", "woningtype", "soort woning", "soort huisvesting", "huisvestingsvorm"),
    "permanent": ("vaste woning", "definitief", "blijvend"),
    "project": ("complex", "locatie", "projectnaam"),
    "household_type": ("samenstelling", "gezinssamenstelling", "type huishouden"),
    "household_size": ("aantal personen", "gezinsgrootte", "omvang huishouden", "personen"),
    "permit_date": ("datum vergunning", "vergunning verleend", "datum verblijfsvergunning", "vergunningdatum"),
    "linked_date": ("datum koppeling", "koppelingsdatum", "gekoppeld op"),
    "move_in_date": (
        "sleuteldatum",
        "ingangsdatum huurcontract",
        "ingangsdatum",
        "datum huisvesting",
        "huisvestingsdatum",
        "datum sleuteloverdracht",
        "verhuisdatum",
    ),
    "move_out_date": ("einddatum huurcontract", "vertrekdatum", "datum vertrek", "datum uitschrijving"),
    "reported_on": ("meldingsdatum", "datum signaal"),
    "measured_on": ("meetdatum", "datum meting"),
}
# Spellings people use that are neither the code nor the label; accepted without a mapping.
ENUM_EXTRA_SPELLINGS = {"province": {"friesland": "Fryslân"}}
# Labels Dutch systems use for an enumeration's codes: suggested in a mapping, never accepted without one.
VALUE_SYNONYMS: dict[str, dict[str, str]] = {
    "housing_form": {
        "eengezinswoning": "zelfstandig",
        "appartement": "zelfstandig",
        "portiekwoning": "zelfstandig",
        "galerijwoning": "zelfstandig",
        "huurwoning": "zelfstandig",
        "kamerverhuur": "woningdelen",
        "kamer": "woningdelen",
        "onzelfstandige woonruimte": "woningdelen",
        "gedeelde woning": "woningdelen",
        "noodopvang": "tijdelijk",
        "tussenvoorziening": "tijdelijk",
        "tijdelijke woning": "flexwoning",
        "modulaire woning": "flexwoning",
        "unit": "flexwoning",
        "herbestemd kantoor": "transformatie",
        "omgebouwd pand": "transformatie",
    },
    "household_type": {
        "eenpersoonshuishouden": "alleenstaande",
        "alleenstaand": "alleenstaande",
        "meerpersoonshuishouden": "gezin",
        "gezinshereniging": "gezin",
        "echtpaar": "gezin",
    },
}


def enum_lookup(column: Column) -> dict[str, str]:
    """Every accepted spelling (code or Dutch label, any case, spaces and dashes ignored) → code."""
    lookup = {}
    for code, label in column.enum.items():
        lookup[normalise_header(code)] = code
        lookup.setdefault(normalise_header(label), code)
    for spelling, code in ENUM_EXTRA_SPELLINGS.get(column.name, {}).items():
        lookup.setdefault(normalise_header(spelling), code)
    return lookup


def headers_signature(headers: list[str]) -> str:
    """The fingerprint of a header line: the same names in the same order, case and spacing ignored."""
    text = "|".join(normalise_header(h) for h in headers)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Mapping:
    """Own header → contract column, and per contract column own value → code."""

    columns: dict[str, str] = field(default_factory=dict)  # an empty column name: the header is left out
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    name: str | None = None

    def __bool__(self) -> bool:
        return bool(self.columns or self.values)

    def header_lookup(self) -> dict[str, str]:
        """Normalised own header → contract column name."""
        return {normalise_header(own): column for own, column in self.columns.items()}

    def value_lookup(self, column: str) -> dict[str, str]:
        """Normalised own value → code, for one contract column."""
        return {normalise_header(own): code for own, code in self.values.get(column, {}).items()}

    def to_json(self) -> dict:
        return {"name": self.name, "columns": self.columns, "values": self.values}

    def describe(self) -> str:
        """'Dossiernummer → placement_id, …; housing_form: Eengezinswoning → zelfstandig': for the CLI and the log."""
        parts = [f"{own} → {column or '(niet gebruikt)'}" for own, column in self.columns.items()]
        parts += [f"{column}: {own} → {code}" for column, pairs in self.values.items() for own, code in pairs.items()]
        return "; ".join(parts)


class MappingError(ValueError):
    """A mapping names a column or code the contract does not have; the message says which, in Dutch."""


def resolve_column(dataset: Dataset, text: str) -> Column:
    """A contract column by its name or Dutch alias (any case and spacing)."""
    key = normalise_header(text)
    for column in dataset.columns:
        if key in (normalise_header(column.name), normalise_header(column.alias)):
            return column
    names = ", ".join(c.name for c in dataset.columns)
    raise MappingError(f"'{text}' is geen kolom van {dataset.title.lower()}; kies uit: {names}.")


def resolve_code(column: Column, text: str) -> str:
    """An enumeration code by its code or Dutch label."""
    key = normalise_header(text)
    for code, label in (column.enum or {}).items():
        if key in (normalise_header(code), normalise_header(label)):
            return code
    raise MappingError(f"'{text}' is geen waarde van '{column.name}'; kies uit: {', '.join(column.enum or {})}.")


def parse_options(dataset: Dataset, maps: list[str], values: list[str]) -> Mapping:
    """The CLI's `--map "OWN HEADER=column"` and `--value "column:OWN VALUE=code"` as a mapping."""
    mapping = Mapping()
    for text in maps:
        own, sep, target = text.rpartition("=")  # the own header may contain '='
        if not sep or not own.strip():
            raise MappingError(f"--map '{text}': schrijf EIGEN KOLOMNAAM=kolom, bijvoorbeeld \"Sleuteldatum=move_in_date\".")
        # "OWN=" leaves the header out, even when its name looks like a contract column.
        mapping.columns[own.strip()] = resolve_column(dataset, target.strip()).name if target.strip() else ""
    for text in values:
        target, sep, rest = text.partition(":")
        own, sep2, code = rest.rpartition("=")
        if not sep or not sep2 or not own.strip():
            raise MappingError(
                f"--value '{text}': schrijf kolom:EIGEN WAARDE=code, bijvoorbeeld \"housing_form:Eengezinswoning=zelfstandig\"."
            )
        column = resolve_column(dataset, target.strip())
        if column.type != "enum":
            raise MappingError(f"--value '{text}': '{column.name}' is geen keuzelijst; alleen keuzelijsten krijgen waarden.")
        mapping.values.setdefault(column.name, {})[own.strip()] = resolve_code(column, code.strip())
    return mapping


def merged(base: Mapping | None, override: Mapping) -> Mapping:
    """A saved mapping changed by options given now (the options win)."""
    if base is None:
        return override
    columns = {**base.columns, **override.columns}
    values = {c: dict(v) for c, v in base.values.items()}
    for column, pairs in override.values.items():
        values.setdefault(column, {}).update(pairs)
    return Mapping(columns, values, base.name if not override else None)


# ---------------------------------------------------------------- suggestions


@dataclass(frozen=True)
class Suggestion:
    """What one header of the file probably means."""

    header: str
    column: str | None  # contract column, None when nothing fits
    how: str  # "naam", "synoniem", "gelijkend" or ""
    score: float = 0.0


def _candidates(dataset: Dataset) -> dict[str, tuple[str, str]]:
    """Normalised spelling → (contract column, how it is known)."""
    known: dict[str, tuple[str, str]] = {}
    for column in dataset.columns:
        known.setdefault(normalise_header(column.name), (column.name, "naam"))
        known.setdefault(normalise_header(column.alias), (column.name, "naam"))
    for column in dataset.columns:
        for synonym in SYNONYMS.get(column.name, ()):
            known.setdefault(normalise_header(synonym), (column.name, "synoniem"))
    return known


def suggest_columns(dataset: Dataset, headers: list[str], mapping: Mapping | None = None) -> list[Suggestion]:
    """Per header of the file, the contract column it probably means; each column is suggested at most once."""
    known = _candidates(dataset)
    own = mapping.header_lookup() if mapping else {}
    spellings = list(known)
    ranked: list[tuple[float, int, str, str]] = []
    for position, header in enumerate(headers):
        key = normalise_header(header)
        if not key:
            continue
        if key in own and not own[key]:
            continue  # left out on purpose
        if key in own:
            ranked.append((101.0, position, own[key], "koppeling"))
        elif key in known:
            column, how = known[key]
            ranked.append((100.0 if how == "naam" else 99.0, position, column, how))  # the exact name wins
        else:
            best = process.extractOne(key, spellings, scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF)
            if best:
                ranked.append((float(best[1]), position, known[best[0]][0], "gelijkend"))
    chosen: dict[int, Suggestion] = {}
    taken: set[str] = set()
    for score, position, column, how in sorted(ranked, key=lambda r: (-r[0], r[1])):
        if column in taken:
            continue
        taken.add(column)
        chosen[position] = Suggestion(headers[position], column, how, score)
    return [chosen.get(p, Suggestion(h, None, "")) for p, h in enumerate(headers)]


def suggest_code(column: Column, value: str) -> str | None:
    """The code an own label probably means: the code or label itself, a known synonym, else a close spelling."""
    key = normalise_header(value)
    spellings = enum_lookup(column)
    for synonym, code in VALUE_SYNONYMS.get(column.name, {}).items():
        spellings.setdefault(normalise_header(synonym), code)
    if key in spellings:
        return spellings[key]
    best = process.extractOne(key, list(spellings), scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF)
    return spellings[best[0]] if best else None


def unknown_values(dataset: Dataset, table: RawTable, mapping: Mapping) -> dict[str, list[str]]:
    """Per enumeration column the file has, its distinct values that are no code or label (nor mapped)."""
    positions: dict[str, int] = {}
    lookup, known = mapping.header_lookup(), _candidates(dataset)
    for position, header in enumerate(table.headers):
        key = normalise_header(header)
        name = lookup.get(key) or (known[key][0] if key in known and known[key][1] == "naam" else None)
        if name:
            positions.setdefault(name, position)
    found: dict[str, list[str]] = {}
    for column in dataset.columns:
        if column.type != "enum" or column.name not in positions:
            continue
        known = set(enum_lookup(column)) | set(mapping.value_lookup(column.name))
        distinct = pd.unique(table.column(positions[column.name]).dropna())
        strange = [str(v) for v in distinct if normalise_header(str(v)) not in known]
        if strange:
            found[column.name] = sorted(strange)[:50]
    return found


def missing_required(dataset: Dataset, headers: list[str], mapping: Mapping | None = None) -> list[Column]:
    """Required columns that neither the headers nor the mapping provide."""
    keys = {normalise_header(h) for h in headers}
    own = mapping.header_lookup() if mapping else {}
    present = {own[k] for k in keys if own.get(k)}
    for column in dataset.columns:
        if {normalise_header(column.name), normalise_header(column.alias)} & {k for k in keys if k not in own}:
            present.add(column.name)
    return [c for c in dataset.columns if c.required and c.name not in present]


def meant(dataset: Dataset, headers: list[str], column: Column) -> str | None:
    """The file's unknown header that may be meant for a missing column ('Sleuteldatum' for move_in_date)."""
    for suggestion in suggest_columns(dataset, headers):
        if suggestion.column == column.name and suggestion.how in ("synoniem", "gelijkend"):
            return suggestion.header
    return None


def recognised_columns(dataset: Dataset, headers: list[str], mapping: Mapping | None = None) -> int:
    """How many of the headers the dataset knows, by name, alias or the mapping."""
    return sum(1 for s in suggest_columns(dataset, headers, mapping) if s.how in ("naam", "koppeling"))


def guess_dataset(headers: list[str], saved: list["SavedMapping"] | None = None) -> list[str]:
    """The datasets that use most of the file's columns (several when they tie; empty when none fits)."""
    signature = headers_signature(headers)
    for mapping in saved or ():
        if mapping.headers_signature == signature:
            return [mapping.dataset]
    scores = {}
    for name, dataset in DATASETS.items():
        suggestions = suggest_columns(dataset, headers)
        scores[name] = sum(1 for s in suggestions if s.how in ("naam", "synoniem"))  # a fuzzy likeness is no proof
    best = max(scores.values(), default=0)
    return [name for name, score in scores.items() if score == best] if best else []


@dataclass(frozen=True)
class SavedMapping:
    """A mapping saved under a name for one dataset and one header line."""

    dataset: str
    name: str
    headers_signature: str
    headers: list[str]
    mapping: Mapping

    @classmethod
    def from_row(cls, row: dict) -> "SavedMapping":
        mapping = Mapping(json.loads(row["columns"]), json.loads(row["value_map"]), row["name"])
        return cls(row["dataset"], row["name"], row["headers_signature"], json.loads(row["headers"]), mapping)
