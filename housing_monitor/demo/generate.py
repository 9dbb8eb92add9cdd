"""Deterministic demo data: real municipalities, synthetic statushouders and the three seed cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from housing_monitor.contract import DATASETS, HOUSING_FORMS, PROVINCES

__all__ = ["DEMO_SEED", "REFERENCE_DATE", "SCALES", "generate", "write_csvs"]

REFERENCE_DATE = date(2024, 12, 31)
DEMO_SEED = 20160922  # the day Platform31 discussed the three cases in Amsterdam
SCALES = ("demo", "national")

MUNICIPALITIES_CSV = Path(__file__).resolve().parents[2] / "data" / "municipalities-2024.csv"


def _day(value) -> int:
    """Days since 1970-01-01, the internal date representation (plain ints vectorise cleanly)."""
    return int(np.datetime64(value, "D").astype(np.int64))


REF = _day(REFERENCE_DATE)
_YEAR = 365.25
_MONTH = _YEAR / 12

_FORMS = tuple(HOUSING_FORMS)
ZELF, WD, TIJD, FLEX, TRANS = (_FORMS.index(f) for f in ("zelfstandig", "woningdelen", "tijdelijk", "flexwoning", "transformatie"))

PERIODS = tuple(f"{y}-H{h}" for y in range(2015, 2025) for h in (1, 2))
_PERIOD_START = np.array([_day(f"{y}-{m:02d}-01") for y in range(2015, 2025) for m in (1, 7)])
_PERIOD_END = np.append(_PERIOD_START[1:], _day("2025-01-01"))

# Expected persons due for housing nationally per half-year (the spec's orders of magnitude:
# 30-43k a year in 2016, about 12k a year in 2018-2020, a second peak in 2022-2023). These are
# the means of the draws below, not figures that appear in the output.
_NATIONAL_PERSONS = np.array(
    [7_000, 12_000, 20_000, 20_000, 9_000, 7_000, 6_000, 6_000, 6_000, 6_000,
     5_500, 6_000, 7_000, 9_000, 10_000, 13_000, 13_000, 12_000, 10_000, 9_000],
    dtype=float,
)
# High intake means a tight housing market: longer waits, more stop-gap housing.
_PRESSURE = _NATIONAL_PERSONS / _NATIONAL_PERSONS.mean()

_FAMILY_SIZES = np.arange(2, 9)
_FAMILY_SIZE_P = np.array([0.16, 0.24, 0.25, 0.17, 0.09, 0.05, 0.04])
_SINGLE_SHARE = np.where(np.arange(20) < 4, 0.64, 0.58)  # singles travelled ahead in 2015-2016
_MEAN_HOUSEHOLD_SIZE = 1 + (1 - _SINGLE_SHARE.mean()) * (float(_FAMILY_SIZES @ _FAMILY_SIZE_P) - 1)

# Who goes where: first-dwelling weights per form (zelfstandig, woningdelen, tijdelijk, flexwoning, transformatie).
_FORM_WEIGHTS_SINGLE = np.array([0.38, 0.34, 0.08, 0.10, 0.10])
_FORM_WEIGHTS_FAMILY = np.array([0.80, 0.00, 0.12, 0.05, 0.03])
_WAIT_MEDIAN_WEEKS = np.array([16.0, 9.0, 7.0, 11.0, 11.0])
_WAIT_SIGMA = 0.55
_PERMANENT_SHARE = np.array([1.0, 0.6, 0.0, 0.3, 0.5])
_STAY_MEDIAN_DAYS = np.array([0.0, 450.0, 182.0, 480.0, 420.0])  # non-permanent dwellings only
_LEAVE_AFTER_STOPGAP = 0.06
_LEAVE_PER_YEAR_PERMANENT = 0.025
# Most self-contained homes are scattered; some are in new-build complexes with a name.
_NO_PROJECT_SHARE = np.array([0.88, 0.25, 0.05, 0.05, 0.05])
_PRIVATE_SHARE = np.array([0.15, 0.15, 0.30, 0.10, 0.30])  # no corporation: private rental or municipal location
_PROJECT_CAPACITY = np.array([30, 25, 40, 30, 30])  # households per named project within one wave

# Nuisance signals per 100 household-years by form: self-contained homes 5-10, sharing and large
# temporary locations about twice that.
_NUISANCE_RATE = np.array([8.5, 16.0, 17.0, 12.0, 13.0])


@dataclass(frozen=True)
class _Scale:
    """How much a scale inflates the realistic per-capita rates."""

    intake: float
    nuisance: float
    interventions: int


_SCALE = {
    "demo": _Scale(intake=1.0, nuisance=1.0, interventions=22),
    # A load test: about 300k households, 3M measurements and 500k signals nationally.
    "national": _Scale(intake=3.5, nuisance=3.5, interventions=120),
}

# The three seed cases and the tiny project whose goal has too little data.
LANDGRAAF, HAARLEM, ALMERE, VEERE = "GM0882", "GM0392", "GM0034", "GM0717"
SCHOOL_PROJECT = "Basisschool Landgraaf"
SHARING_PROJECT = "Woningdelen Haarlem"
HAVEN_PROJECT = "Almere-Haven"
TINY_PROJECT = "Pastorie Veere"
_SCHOOL_OPENING = _day("2016-09-12")
_COORDINATOR_START = _day("2017-02-01")
_CASE_NONE, _CASE_SCHOOL, _CASE_SHARING, _CASE_HAVEN, _CASE_TINY = range(5)

# Corporations and the municipalities where they let homes (loosely after their real areas).
_CORPORATIONS: dict[str, tuple[str, ...]] = {
    "HEEMwonen": ("GM0882", "GM0928", "GM0899", "GM0917"),
    "Wonen Limburg": ("GM0984", "GM0988", "GM0957", "GM0983"),
    "Maasvallei": ("GM0935",),
    "Pré Wonen": ("GM0392", "GM0453", "GM0473"),
    "Ymere": ("GM0363", "GM0392", "GM0034", "GM0394"),
    "de Alliantie": ("GM0363", "GM0034", "GM0406", "GM0402"),
    "Eigen Haard": ("GM0363",),
    "Stadgenoot": ("GM0363",),
    "Woonstad Rotterdam": ("GM0599",),
    "Havensteder": ("GM0599", "GM0502"),
    "Woonbron": ("GM0599", "GM0505", "GM0503"),
    "Staedion": ("GM0518", "GM1916"),
    "Haag Wonen": ("GM0518",),
    "Vestia": ("GM0518", "GM0637"),
    "Portaal": ("GM0344", "GM0342", "GM0308", "GM0307"),
    "Mitros": ("GM0344", "GM0356", "GM0353"),
    "Talis": ("GM0268", "GM0296", "GM0252"),
    "Vivare": ("GM0202", "GM0274", "GM0275"),
    "Area": ("GM0114", "GM0109", "GM1681"),
    "Lefier": ("GM0014", "GM0037", "GM0118"),
    "Acantus": ("GM1895", "GM1952", "GM0047"),
    "Elkien": ("GM0074", "GM0090", "GM0085"),
    "WoonFriesland": ("GM0080", "GM0737"),
    "Domijn": ("GM0153", "GM0158", "GM0168"),
    "deltaWonen": ("GM0193", "GM0166"),
    "Centrada": ("GM0995", "GM0303"),
    "Mercatus": ("GM0171", "GM0184"),
    "Zeeuwland": ("GM0717", "GM0687", "GM0664"),
    "L'Escaut": ("GM0718",),
    "Woongoed Zeeuws-Vlaanderen": ("GM0677", "GM0715", "GM1714"),
    "Wooninc.": ("GM0772", "GM0861", "GM0866", "GM0858"),
    "WonenBreburg": ("GM0758", "GM0855"),
}

# The demo's fixed core: the three cases, the four big cities and the corporations' home towns.
_DEMO_CORE = (
    "GM0037", "GM0047",  # Groningen
    "GM0074",  # Fryslân
    "GM0109", "GM0118",  # Drenthe
    "GM0158", "GM0166",  # Overijssel
    "GM0034", "GM0171",  # Flevoland
    "GM0296", "GM0274",  # Gelderland
    "GM0344", "GM0356", "GM0342", "GM0308", "GM0353",  # Utrecht
    "GM0363", "GM0392", "GM0453", "GM0473", "GM0406",  # Noord-Holland
    "GM0599", "GM0518", "GM0502",  # Zuid-Holland
    "GM0717", "GM0718", "GM0677", "GM1714",  # Zeeland
    "GM0861", "GM0866", "GM0858",  # Noord-Brabant
    "GM0882", "GM0928", "GM0899", "GM0984", "GM0988",  # Limburg
)
_DEMO_SMALL_MAX_POPULATION = 30_000

_STREETS = (
    "Stationsweg", "Kerkstraat", "Industrieweg", "De Horst", "Het Baken", "Parkweg", "Molenweg",
    "De Schakel", "Julianalaan", "Beukenlaan", "Havenkade", "Marktplein", "Schoolstraat",
    "Dorpsstraat", "Spoorlaan", "Wilhelminastraat", "De Wetering", "Kanaalweg", "Noorderpark",
    "Oranjeplein",
)
_PROJECT_KINDS = {
    ZELF: ("Nieuwbouw", "Portiekflats", "Complex"),
    WD: ("Woongroep", "Kamers", "Woningdelen"),
    TIJD: ("Noodlocatie", "Paviljoens", "Voormalig verzorgingshuis", "Tijdelijke units"),
    FLEX: ("Flexwoningen", "Tiny houses", "Modulaire woningen"),
    TRANS: ("Voormalig kantoor", "Kantoorpand", "Voormalig zorgcentrum", "Voormalige kazerne"),
}

_INTERVENTION_TEXT = {
    "woonbegeleiding": (
        "Woonbegeleiding in het eerste jaar: huur, energie, afval en omgang met buren.",
        "Wekelijks spreekuur van een woonbegeleider op de locatie.",
    ),
    "buddy": (
        "Vrijwillige buddy's uit de buurt helpen nieuwe bewoners wegwijs.",
        "Koppeling van nieuwe bewoners aan een maatje uit de wijk.",
    ),
    "taalcoach": (
        "Taalcoaches oefenen wekelijks Nederlands met bewoners.",
        "Taalcafé in het buurthuis, twee ochtenden per week.",
    ),
    "bewonersbijeenkomst": (
        "Kennismakingsbijeenkomst met omwonenden en nieuwe bewoners.",
        "Bewonersavond over afval, geluid en huisregels.",
    ),
    "overig": (
        "Spreekuur van de wijkcorporatie op locatie.",
        "Welkomstpakket met informatie over de gemeente en de wijk.",
    ),
}
# Small or no effect on nuisance: the seed only reports a clear effect for the coordinator.
_INTERVENTION_EFFECT = {"woonbegeleiding": 0.85, "bewonersbijeenkomst": 0.9, "buddy": 0.95, "taalcoach": 1.0, "overig": 1.0}


# --------------------------------------------------------------------------- municipalities


def _read_municipalities() -> pd.DataFrame:
    """All 342 municipalities of the reference CSV (a CSV parser: one name contains a comma)."""
    frame = pd.read_csv(MUNICIPALITIES_CSV, dtype={"municipality_code": str, "municipality_name": str, "province": str})
    return frame.sort_values("municipality_code", kind="stable").reset_index(drop=True)


def _select_municipalities(rng: np.random.Generator, scale: str, everything: pd.DataFrame) -> pd.DataFrame:
    """The demo's fixed core plus one seeded small municipality per province; national: all."""
    if scale == "national":
        return everything.copy()
    core = everything["municipality_code"].isin(_DEMO_CORE)
    extra = []
    for province in PROVINCES:
        pool = everything[
            ~core & (everything["province"] == province) & (everything["population"] < _DEMO_SMALL_MAX_POPULATION)
        ]["municipality_code"].to_numpy()
        if len(pool):
            extra.append(pool[rng.integers(len(pool))])
    chosen = core | everything["municipality_code"].isin(extra)
    return everything[chosen].reset_index(drop=True)


def _corporation_table(rng: np.random.Generator, munis: pd.DataFrame, everything: pd.DataFrame) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Corporation names and, per municipality, the padded indices of corporations active there."""
    names = list(_CORPORATIONS)
    province_of = dict(zip(everything["municipality_code"], everything["province"]))
    by_province: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        for province in sorted({province_of[code] for code in _CORPORATIONS[name]}):
            by_province.setdefault(province, []).append(index)
    active = []
    for code, province in zip(munis["municipality_code"], munis["province"]):
        here = [i for i, name in enumerate(names) if code in _CORPORATIONS[name]]
        if not here:
            # Municipalities outside the list get one corporation from their own province.
            pool = by_province[province]
            here = [pool[rng.integers(len(pool))]]
        active.append(here)
    width = max(len(a) for a in active)
    table = np.full((len(active), width), -1)
    for row, here in enumerate(active):
        table[row, : len(here)] = here
    return names, table, np.array([len(a) for a in active])


def _pick_corporation(rng, table, counts, muni, private_share) -> np.ndarray:
    """A corporation active in each row's municipality, or -1 (private rental) with the given share."""
    slot = np.floor(rng.random(len(muni)) * counts[muni]).astype(int)
    corp = table[muni, slot]
    return np.where(rng.random(len(muni)) < private_share, -1, corp)


# --------------------------------------------------------------------------- households


def _households(rng: np.random.Generator, munis: pd.DataFrame, population_nl: float, cfg: _Scale) -> dict[str, np.ndarray]:
    """Households per municipality and half-year in proportion to population, with their first dwelling."""
    n_m = len(munis)
    share = munis["population"].to_numpy(float) / population_nl
    lam = share[:, None] * _NATIONAL_PERSONS[None, :] * cfg.intake / _MEAN_HOUSEHOLD_SIZE
    counts = rng.poisson(lam).ravel()
    muni = np.repeat(np.repeat(np.arange(n_m), 20), counts)
    period = np.repeat(np.tile(np.arange(20), n_m), counts)
    n = len(muni)

    single = rng.random(n) < _SINGLE_SHARE[period]
    size = np.where(single, 1, rng.choice(_FAMILY_SIZES, size=n, p=_FAMILY_SIZE_P))
    span = _PERIOD_END[period] - _PERIOD_START[period]
    permit = _PERIOD_START[period] + np.floor(rng.random(n) * span).astype(np.int64)
    linked = permit + 2 + np.round(rng.exponential(12.0, n)).astype(np.int64)
    linked_known = rng.random(n) > 0.08

    pressure = _PRESSURE[period]
    weights = np.where(single[:, None], _FORM_WEIGHTS_SINGLE, _FORM_WEIGHTS_FAMILY)
    weights[:, TIJD] *= pressure**1.5
    # Flex homes only became a policy instrument in 2016.
    weights[:, FLEX] *= pressure * np.where(period < 2, 0.3, 1.0)
    cumulative = np.cumsum(weights, axis=1) / weights.sum(axis=1, keepdims=True)
    form = np.minimum((rng.random(n)[:, None] > cumulative).sum(axis=1), len(_FORMS) - 1)

    big_city = munis["population"].to_numpy() > 250_000
    muni_wait = np.exp(rng.normal(0.0, 0.15, n_m)) * np.where(big_city, 1.15, 1.0)
    median_days = _WAIT_MEDIAN_WEEKS[form] * 7 * pressure**0.35 * muni_wait[muni]
    wait = np.maximum(3, np.round(median_days * np.exp(_WAIT_SIGMA * rng.standard_normal(n)))).astype(np.int64)
    move_in = permit + wait
    linked = np.minimum(linked, move_in)
    return {
        "muni": muni, "period": period, "single": single, "size": size, "permit": permit,
        "linked": linked, "linked_known": linked_known, "form": form, "move_in": move_in,
        "case": np.zeros(n, dtype=np.int64), "project": np.full(n, -1), "corp": np.full(n, -1),
    }


def _seed_cases(rng, hh: dict, munis: pd.DataFrame, corp_names: list[str], projects: list[str]) -> None:
    """Put the seed's three cases and the tiny project into the households, in place."""
    code_index = {code: i for i, code in enumerate(munis["municipality_code"])}
    corp = {name: i for i, name in enumerate(corp_names)}
    free = hh["case"] == _CASE_NONE

    # Landgraaf: from autumn 2016 about 35 persons in a former primary school, about six months each.
    lg = code_index[LANDGRAAF]
    cand = np.flatnonzero((hh["muni"] == lg) & (hh["permit"] >= _day("2016-07-01")) & free)
    cand = cand[np.argsort(hh["permit"][cand], kind="stable")]
    persons = np.r_[0, np.cumsum(hh["size"][cand])]
    wanted = rng.normal(35.0, 2.5)
    over = min(int(np.searchsorted(persons, wanted)), len(cand))  # first prefix reaching the wanted size
    take = over if over == 0 or persons[over] - wanted < wanted - persons[over - 1] else over - 1
    school = cand[:take]
    short_wait = np.round(35 * np.exp(0.4 * rng.standard_normal(len(school)))).astype(np.int64)
    opening = _SCHOOL_OPENING + rng.integers(0, 50, len(school))
    hh["move_in"][school] = np.maximum(opening, hh["permit"][school] + short_wait)
    hh["linked"][school] = np.minimum(hh["linked"][school], hh["move_in"][school])
    _assign_case(hh, school, _CASE_SCHOOL, TIJD, corp["HEEMwonen"], projects.index(SCHOOL_PROJECT))

    # Haarlem: from 2017 about 70 young singles sharing 3-4-room homes of Pré Wonen.
    free = hh["case"] == _CASE_NONE
    hl = code_index[HAARLEM]
    cand = np.flatnonzero(
        (hh["muni"] == hl) & hh["single"] & free & (hh["move_in"] >= _day("2017-01-09")) & (hh["move_in"] <= _day("2019-12-31"))
    )
    cand = cand[np.argsort(hh["move_in"][cand], kind="stable")]
    sharing = cand[: int(round(rng.normal(70.0, 3.0)))]
    _assign_case(hh, sharing, _CASE_SHARING, WD, corp["Pré Wonen"], projects.index(SHARING_PROJECT))

    # Almere-Haven: nearly all of Almere's surge placements (autumn 2015 through 2016) went into
    # Ymere's and de Alliantie's homes there, without extra guidance.
    free = hh["case"] == _CASE_NONE
    al = code_index[ALMERE]
    in_2016 = (hh["move_in"] >= _day("2015-10-01")) & (hh["move_in"] <= _day("2016-12-31"))
    haven = np.flatnonzero((hh["muni"] == al) & in_2016 & free & (rng.random(len(free)) < 0.95))
    _assign_case(hh, haven, _CASE_HAVEN, ZELF, corp["Ymere"], projects.index(HAVEN_PROJECT))
    hh["corp"][haven[rng.random(len(haven)) < 0.5]] = corp["de Alliantie"]

    # A converted rectory with a handful of households: a goal there rests on too little data.
    free = hh["case"] == _CASE_NONE
    ve = code_index[VEERE]
    cand = np.flatnonzero((hh["muni"] == ve) & free & (hh["move_in"] >= _day("2023-01-01")) & (hh["move_in"] <= REF))
    cand = cand[np.argsort(hh["move_in"][cand], kind="stable")]
    tiny = cand[: rng.integers(2, 5)]
    _assign_case(hh, tiny, _CASE_TINY, TRANS, corp["Zeeuwland"], projects.index(TINY_PROJECT))


def _assign_case(hh: dict, rows: np.ndarray, case: int, form: int, corp: int, project: int) -> None:
    """Mark rows as belonging to a seed case with its dwelling."""
    hh["case"][rows] = case
    hh["form"][rows] = form
    hh["corp"][rows] = corp
    hh["project"][rows] = project


# --------------------------------------------------------------------------- placements


def _pathways(rng, hh: dict, munis: pd.DataFrame) -> dict[str, np.ndarray]:
    """Second placements after stop-gap dwellings, departures and censoring; returns placement arrays."""
    n = len(hh["muni"])
    form = hh["form"]
    permanent = rng.random(n) < _PERMANENT_SHARE[form]
    permanent[hh["case"] == _CASE_HAVEN] = True
    stay_sigma = np.where(hh["case"] == _CASE_SCHOOL, 0.2, 0.45)
    stay = np.round(_STAY_MEDIAN_DAYS[form] * np.exp(stay_sigma * rng.standard_normal(n))).astype(np.int64)
    stay = np.maximum(stay, 30)
    # Permanent homes are left rarely (moving away, out of the data): exponential hazard.
    tenure = np.round(rng.exponential(_YEAR / _LEAVE_PER_YEAR_PERMANENT, n)).astype(np.int64)
    move_out = hh["move_in"] + np.where(permanent, tenure, stay)
    out_known = move_out <= REF

    leave_share = np.where(hh["case"] == _CASE_SCHOOL, 0.04, _LEAVE_AFTER_STOPGAP)
    has_next = ~permanent & out_known & (rng.random(n) >= leave_share)
    gap = np.where(rng.random(n) < 0.55, 0, rng.integers(1, 15, n))
    next_in = np.where(move_out + gap <= REF, move_out + gap, move_out)
    next_form = np.where(hh["single"] & (rng.random(n) < 0.10), WD, ZELF)
    next_form[hh["case"] == _CASE_SCHOOL] = ZELF

    # Mostly the same municipality; sometimes a neighbouring one in the same province.
    province = munis["province"].to_numpy()
    next_muni = hh["muni"].copy()
    moves = np.flatnonzero((rng.random(n) < 0.05) & (hh["case"] != _CASE_SCHOOL))
    order = np.argsort(province, kind="stable")
    sorted_prov = province[order]
    lo = np.searchsorted(sorted_prov, province[hh["muni"][moves]], side="left")
    hi = np.searchsorted(sorted_prov, province[hh["muni"][moves]], side="right")
    next_muni[moves] = order[lo + np.floor(rng.random(len(moves)) * (hi - lo)).astype(int)]
    next_tenure = np.round(rng.exponential(_YEAR / _LEAVE_PER_YEAR_PERMANENT, n)).astype(np.int64)
    next_out = next_in + next_tenure

    first = {
        "hh": np.arange(n), "muni": hh["muni"], "form": form, "permanent": permanent,
        "move_in": hh["move_in"], "move_out": move_out, "out_known": out_known, "stage": np.zeros(n, dtype=np.int64),
    }
    idx = np.flatnonzero(has_next)
    second = {
        "hh": idx, "muni": next_muni[idx], "form": next_form[idx], "permanent": np.ones(len(idx), dtype=bool),
        "move_in": next_in[idx], "move_out": next_out[idx], "out_known": next_out[idx] <= REF,
        "stage": np.ones(len(idx), dtype=np.int64),
    }
    placements = {key: np.concatenate([first[key], second[key]]) for key in first}
    order = np.lexsort((placements["stage"], placements["hh"]))
    return {key: value[order] for key, value in placements.items()}


def _wave(day: np.ndarray) -> np.ndarray:
    """Building waves: 2015-2018, 2019-2021 and 2022-2024 each had their own locations."""
    return np.where(day < _day("2019-01-01"), 0, np.where(day < _day("2022-01-01"), 1, 2))


def _generic_projects(rng, pl: dict, hh: dict, munis: pd.DataFrame, table, counts, projects: list[str], project_corp: list[int]) -> None:
    """Named locations for stop-gap and shared dwellings outside the seed cases; fills pl in place."""
    n_m = len(munis)
    first = pl["stage"] == 0
    case = hh["case"][pl["hh"]]
    generic = first & (case == _CASE_NONE)
    wants = generic & (rng.random(len(first)) >= _NO_PROJECT_SHARE[pl["form"]])
    key = (pl["muni"] * len(_FORMS) + pl["form"]) * 3 + _wave(pl["move_in"])
    size = np.bincount(key[wants], minlength=n_m * len(_FORMS) * 3)
    keys = np.flatnonzero(size)
    slots = np.clip(np.ceil(size[keys] / _PROJECT_CAPACITY[keys // 3 % len(_FORMS)]), 1, 8).astype(int)
    offset = np.zeros(n_m * len(_FORMS) * 3, dtype=np.int64)
    n_slots = np.zeros_like(offset)
    offset[keys] = len(projects) + np.concatenate([[0], np.cumsum(slots)[:-1]])
    n_slots[keys] = slots

    names_taken = set(projects)
    muni_names = munis["municipality_name"].to_numpy()
    for k, count in zip(keys, slots):
        form = int(k // 3 % len(_FORMS))
        muni = int(k // (3 * len(_FORMS)))
        kinds = _PROJECT_KINDS[form]
        for _ in range(count):
            base = f"{kinds[rng.integers(len(kinds))]} {_STREETS[rng.integers(len(_STREETS))]} {muni_names[muni]}"
            name, suffix = base, 2
            while name in names_taken:
                name, suffix = f"{base} {suffix}", suffix + 1
            names_taken.add(name)
            projects.append(name)
            project_corp.append(int(_pick_corporation(rng, table, counts, np.array([muni]), _PRIVATE_SHARE[form])[0]))

    rows = np.flatnonzero(wants)
    slot = np.floor(rng.random(len(rows)) * n_slots[key[rows]]).astype(np.int64)
    pl["project"][rows] = offset[key[rows]] + slot
    pl["corp"][rows] = np.asarray(project_corp)[pl["project"][rows]]


def _placement_attributes(rng, pl: dict, hh: dict, munis, table, counts, projects, project_corp) -> None:
    """Corporation and project of every placement, in place."""
    n = len(pl["hh"])
    pl["project"] = np.full(n, -1)
    pl["corp"] = np.full(n, -1)
    case_rows = (pl["stage"] == 0) & (hh["case"][pl["hh"]] != _CASE_NONE)
    pl["project"][case_rows] = hh["project"][pl["hh"][case_rows]]
    pl["corp"][case_rows] = hh["corp"][pl["hh"][case_rows]]
    _generic_projects(rng, pl, hh, munis, table, counts, projects, project_corp)
    rest = np.flatnonzero((pl["project"] < 0) & ~case_rows)
    pl["corp"][rest] = _pick_corporation(rng, table, counts, pl["muni"][rest], _PRIVATE_SHARE[pl["form"][rest]])
    # After the school the households moved on to HEEMwonen homes in the village.
    school_next = np.flatnonzero((pl["stage"] == 1) & (hh["case"][pl["hh"]] == _CASE_SCHOOL))
    heem = list(_CORPORATIONS).index("HEEMwonen")
    pl["corp"][school_next] = np.where(rng.random(len(school_next)) < 0.9, heem, -1)


# --------------------------------------------------------------------------- interventions


def _interventions(rng, pl: dict, hh: dict, munis, corp_names, projects, project_corp, cfg: _Scale) -> pd.DataFrame:
    """The two seed interventions plus scattered others with small or no effect (internal codes)."""
    code_index = {code: i for i, code in enumerate(munis["municipality_code"])}
    rows = [
        {
            "muni": code_index[ALMERE], "corp": -1, "project": projects.index(HAVEN_PROJECT), "type": "coordinator",
            "start": _COORDINATOR_START, "end": _day("2018-12-31"), "effect": 1.0,
            "description": "Coördinator met een stevig lokaal netwerk maakt statushouders in Almere-Haven wegwijs, "
            "verwijst door naar ondersteunende instanties en brengt bewoners met elkaar in contact "
            "(samen met Ymere en de Alliantie).",
        },
        {
            "muni": code_index[HAARLEM], "corp": corp_names.index("Pré Wonen"), "project": projects.index(SHARING_PROJECT),
            "type": "matching_huisgenoten", "start": _day("2017-01-09"), "end": None, "effect": 0.75,
            "description": "Statushouders kiezen zelf met wie ze een woning delen en maken vooraf, met hulp, "
            "onderlinge afspraken en huisregels.",
        },
    ]
    # Candidate scopes: generic projects big enough to matter, or whole municipalities without a seed case.
    generic = (pl["project"] >= 0) & (hh["case"][pl["hh"]] == _CASE_NONE)
    sizes = np.bincount(pl["project"][generic], minlength=len(projects))
    big = np.flatnonzero(sizes >= 8)
    first_in = np.full(len(projects), np.iinfo(np.int64).max)
    np.minimum.at(first_in, pl["project"][generic], pl["move_in"][generic])
    proj_muni = np.zeros(len(projects), dtype=np.int64)
    proj_muni[pl["project"][generic]] = pl["muni"][generic]
    seed_munis = {code_index[c] for c in (LANDGRAAF, HAARLEM, ALMERE)}
    open_munis = np.array([i for i in range(len(munis)) if i not in seed_munis])
    types = list(_INTERVENTION_EFFECT)
    for _ in range(cfg.interventions):
        kind = types[rng.integers(len(types))]
        if len(big) and rng.random() < 0.6:
            project = int(big[rng.integers(len(big))])
            muni, corp = int(proj_muni[project]), project_corp[project]
            start = int(first_in[project]) + int(rng.integers(60, 420))
        else:
            project, muni = -1, int(open_munis[rng.integers(len(open_munis))])
            corp = -1
            start = _day("2016-01-01") + int(rng.integers(0, _day("2024-06-30") - _day("2016-01-01")))
        start = min(start, REF - 90)
        end = start + int(rng.integers(180, 900)) if rng.random() < 0.7 else None
        if end is not None and end > REF:
            end = None
        texts = _INTERVENTION_TEXT[kind]
        rows.append({
            "muni": muni, "corp": corp, "project": project, "type": kind, "start": start, "end": end,
            "effect": _INTERVENTION_EFFECT[kind], "description": texts[rng.integers(len(texts))],
        })
    seeds, others = rows[:2], sorted(rows[2:], key=lambda r: (r["start"], r["muni"], r["project"]))
    return pd.DataFrame(seeds + others)


# --------------------------------------------------------------------------- nuisance


def _haven_multiplier(day: np.ndarray) -> np.ndarray:
    """Almere-Haven's nuisance relative to the usual rate: rising through 2016, falling after the coordinator."""
    ramp = 1.8 + 1.2 * np.clip((day - _day("2016-01-01")) / (_day("2016-09-01") - _day("2016-01-01")), 0, 1)
    # The coordinator stays: once settled, Almere-Haven ends slightly below the usual rate.
    after = 0.75 + 2.25 * np.exp(-np.maximum(day - _COORDINATOR_START, 0) / 60.0)
    return np.where(day < _COORDINATOR_START, ramp, after)


def _nuisance(rng, pl: dict, hh: dict, munis, interventions: pd.DataFrame, projects, cfg: _Scale) -> dict[str, np.ndarray]:
    """Signals from each residence period's exposure: a Poisson process thinned by time-varying effects."""
    haven = pl["project"] == projects.index(HAVEN_PROJECT)
    ceiling = np.where(haven, 3.0, 1.0)  # the highest multiplier a placement can reach
    muni_effect = np.exp(rng.normal(0.0, 0.2, len(munis)))
    end = np.where(pl["out_known"], pl["move_out"], REF + 1)
    days = np.maximum(end - pl["move_in"], 0)
    lam = _NUISANCE_RATE[pl["form"]] * muni_effect[pl["muni"]] * ceiling * days / _YEAR / 100 * cfg.nuisance
    src = np.repeat(np.arange(len(days)), rng.poisson(lam))
    day = pl["move_in"][src] + np.floor(rng.random(len(src)) * days[src]).astype(np.int64)

    multiplier = np.ones(len(src))
    multiplier[haven[src]] = _haven_multiplier(day[haven[src]])
    for iv in interventions.itertuples():
        if iv.effect == 1.0:
            continue
        scope = pl["project"][src] == iv.project if iv.project >= 0 else pl["muni"][src] == iv.muni
        end = REF if pd.isna(iv.end) else iv.end
        live = scope & (day >= iv.start) & (day <= end)
        multiplier[live] *= iv.effect
    keep = rng.random(len(src)) < multiplier / ceiling[src]
    src, day = src[keep], day[keep]
    order = np.lexsort((src, day))
    return {"placement": src[order], "day": day[order]}


# --------------------------------------------------------------------------- integration


def _integration(rng, pl: dict, hh: dict) -> dict[str, np.ndarray]:
    """Half-yearly measurements per adult from the household's first move-in, with slowly rising outcomes."""
    n_h = len(hh["muni"])
    first = pl["stage"] == 0
    first_in = np.empty(n_h, dtype=np.int64)
    first_in[pl["hh"][first]] = pl["move_in"][first]
    first_form = np.empty(n_h, dtype=np.int64)
    first_form[pl["hh"][first]] = pl["form"][first]
    # Follow-up ends at the reference date, or when the household left the data.
    last = np.r_[pl["hh"][1:] != pl["hh"][:-1], True]
    stop = np.full(n_h, REF, dtype=np.int64)
    left = last & pl["out_known"]
    stop[pl["hh"][left]] = pl["move_out"][left]
    second = pl["stage"] == 1
    next_in = np.full(n_h, np.iinfo(np.int64).max)
    next_in[pl["hh"][second]] = pl["move_in"][second]
    next_muni = hh["muni"].copy()
    next_muni[pl["hh"][second]] = pl["muni"][second]

    adults = np.where(hh["single"], 1, 2)
    person_hh = np.repeat(np.arange(n_h), adults)
    n_p = len(person_hh)
    # Latent traits: general ability drives language, then work; inburgering follows language.
    ability = rng.standard_normal(n_p)
    z_lang = 0.6 * ability + 0.8 * rng.standard_normal(n_p)
    z_work = 0.6 * z_lang + 0.8 * rng.standard_normal(n_p)
    z_pass = -0.5 * z_lang + np.sqrt(0.75) * rng.standard_normal(n_p)
    # The seed: early (temporary) housing lets people start classes and job search sooner.
    wait_weeks = (first_in - hh["permit"])[person_hh] / 7
    early = np.where(first_form[person_hh] == TIJD, 0.85, 1.0) * np.exp(0.15 * np.clip((wait_weeks - 14) / 14, -1, 2))
    t_b1 = np.exp(4.13 + 1.42 * z_lang) * early
    t_work = np.exp(4.28 + 1.32 * z_work) * early
    t_start = 1 + rng.exponential(3.0, n_p) * np.where(first_form[person_hh] == TIJD, 0.5, 1.0)
    t_pass = np.exp(np.log(30.0) + 0.35 * z_pass) * np.where(rng.random(n_p) < 0.25, 1.5, 1.0)
    exempt = rng.random(n_p) < 0.03
    dispensed = rng.random(n_p) < 0.06
    sharing = first_form[person_hh] == WD

    span = stop[person_hh] - first_in[person_hh]
    n_meas = np.maximum(np.floor((span + 20) / (_YEAR / 2)).astype(np.int64), 0)
    person = np.repeat(np.arange(n_p), n_meas)
    k = np.arange(len(person)) - np.repeat(np.cumsum(n_meas) - n_meas, n_meas) + 1
    jitter = np.clip(np.round(rng.normal(0, 9, len(person))), -20, 20).astype(np.int64)
    h = person_hh[person]
    measured = first_in[h] + np.round(k * _YEAR / 2).astype(np.int64) + jitter
    keep = (measured <= stop[h]) & (rng.random(len(person)) >= 0.07)  # some appointments are missed
    person, h, measured = person[keep], h[keep], measured[keep]
    m = len(person)
    t = (measured - first_in[h]) / _MONTH

    ratio = t / t_b1[person]
    level = np.searchsorted(np.array([0.12, 0.4, 1.0, 2.0, 3.5]), ratio, side="right")
    employed = (t >= t_work[person]) & (rng.random(m) >= 0.08)
    # Without paid work most stay on bijstand; a partner's income or study finance slowly takes over.
    on_benefits = rng.random(m) < np.where(employed, 0.15, 0.97 - 0.06 * np.minimum(t, 36) / 36)
    status = np.zeros(m, dtype=np.int64)  # niet_gestart
    status = np.where(t >= t_start[person], 1, status)  # gestart
    status = np.where(dispensed[person] & (t >= 30), 4, status)  # ontheffing
    status = np.where(t >= t_pass[person], 2, status)  # geslaagd
    status = np.where(exempt[person], 3, status)  # vrijgesteld
    p_edu = (0.08 + 0.14 * np.exp(-(((t - 15) / 14) ** 2))) * np.where(employed, 0.5, 1.0) * np.where(hh["single"][h], 1.3, 1.0)
    in_education = rng.random(m) < p_edu
    volunteering = rng.random(m) < 0.05 + 0.08 * np.minimum(t, 36) / 36 + 0.04 * sharing[person]
    network = 1.6 + 1.6 * (1 - np.exp(-t / 36)) + 0.35 * sharing[person] + 0.3 * ability[person] + rng.normal(0, 0.7, m)
    network = np.clip(np.round(network), 1, 5).astype(np.int64)
    muni = np.where(measured >= next_in[h], next_muni[h], hh["muni"][h])
    return {
        "person": person, "hh": h, "muni": muni, "measured": measured, "level": level, "status": status,
        "in_education": in_education, "employed": employed, "volunteering": volunteering,
        "on_benefits": on_benefits, "network": network,
    }


# --------------------------------------------------------------------------- quota


def _quota(rng, munis: pd.DataFrame, population_nl: float, cfg: _Scale) -> dict[str, np.ndarray]:
    """Half-year targets in proportion to population; realised mostly 80-110%, big cities behind."""
    n_m = len(munis)
    pop = munis["population"].to_numpy(float)
    target = np.round(pop[:, None] / population_nl * _NATIONAL_PERSONS[None, :] * cfg.intake).astype(np.int64)
    # A municipality's record is persistent: big cities carry a backlog, some small ones run ahead.
    ahead = (pop < 25_000) & (rng.random(n_m) < 0.2)
    level = np.where(pop >= 200_000, 0.87, np.where(ahead, 1.08, 0.97)) + rng.normal(0, 0.04, n_m)
    ratio = np.clip(level[:, None] + rng.normal(0, 0.07, (n_m, 20)), 0.5, 1.5)
    known = rng.random((n_m, 20)) >= 0.03
    known[:, -1] = False  # the last half-year's official count is not in yet
    return {"target": target, "ratio": ratio, "known": known}


def _settle_quota(quota: dict, hh: dict, n_m: int) -> dict[str, np.ndarray]:
    """Realised per half-year as `ratio` × the adjusted target (target plus backlog, minus lead).

    That is how the dashboard measures realisation, so a city at 87% carries a steady backlog of ~15%
    of a target. Where the official count is missing the dashboard counts persons from the placements;
    the backlog carried on from such a half-year is computed from that same stand-in, as it will be.
    """
    target, ratio, known = quota["target"], quota["ratio"], quota["known"]
    half = np.searchsorted(_PERIOD_START, hh["move_in"], side="right") - 1
    stand_in = np.zeros_like(target)
    inside = (half >= 0) & (half < target.shape[1])
    np.add.at(stand_in, (hh["muni"][inside], half[inside]), hh["size"][inside])
    realised = np.zeros_like(target)
    carried = np.zeros(n_m, dtype=np.int64)
    for h in range(target.shape[1]):
        owed = np.maximum(target[:, h] + carried, 0)
        realised[:, h] = np.where(known[:, h], np.round(owed * ratio[:, h]).astype(np.int64), stand_in[:, h])
        carried = carried + target[:, h] - realised[:, h]
    return {
        "muni": np.repeat(np.arange(n_m), 20), "period": np.tile(np.arange(20), n_m),
        "target": target.ravel(), "realised": realised.ravel(), "known": known.ravel(),
    }


# --------------------------------------------------------------------------- goals


def _haven_rate(pl: dict, signals: dict, project: int, start: int, end: int) -> float:
    """Signals per 100 household-years in a project over [start, end), as the dashboard computes it."""
    inside = pl["project"] == project
    stop = np.where(pl["out_known"], pl["move_out"], REF)
    overlap = np.clip(np.minimum(stop[inside], end) - np.maximum(pl["move_in"][inside], start), 0, None).sum()
    day = signals["day"]
    count = np.sum((pl["project"][signals["placement"]] == project) & (day >= start) & (day < end))
    return 100 * count / (overlap / _YEAR) if overlap else float("nan")


def _goals(pl: dict, signals: dict, projects: list[str]) -> pd.DataFrame:
    """The seed's goals plus a few others: one clearly not met, one resting on too little data."""
    pre_rate = _haven_rate(pl, signals, projects.index(HAVEN_PROJECT), _day("2016-08-01"), _COORDINATOR_START)
    rows = [
        # "Within 9 months" of entering the school cannot be expressed directly; the closest
        # measure is the share in a permanent home within 12 months of the permit (about
        # 2 months' wait + 9 months' stay), with "everyone" read as at least 90%.
        (LANDGRAAF, "HEEMwonen", SCHOOL_PROJECT, "tijdelijk", "permanent_within_12m_share", "min", 0.9,
         "2016-09-01", "2017-12-31", "Iedereen uit de basisschool binnen 9 maanden in een vaste woning"),
        # Target: half the rate measured in the six months before the coordinator started.
        (ALMERE, None, HAVEN_PROJECT, None, "nuisance_rate", "max", round(pre_rate / 2, 1),
         "2017-02-01", "2018-01-31", "Overlast gehalveerd binnen een jaar na de coördinator"),
        (HAARLEM, "Pré Wonen", SHARING_PROJECT, "woningdelen", "nuisance_rate", "max", 15.0,
         "2017-01-01", "2018-12-31", "Hooguit 15 overlastsignalen per 100 huishoudjaren in de gedeelde woningen"),
        # Rotterdam in the second peak: the 14-week norm is out of reach (not met).
        ("GM0599", None, None, None, "waiting_time_median_days", "max", 70.0,
         "2022-01-01", "2023-12-31", "Binnen 10 weken na de vergunning een woning"),
        ("GM0344", None, None, None, "language_b1_24m_share", "min", 0.2,
         "2018-01-01", "2021-12-31", "Minstens een op de vijf statushouders na twee jaar op taalniveau B1"),
        # A handful of households: the dashboard must show that the data are too thin.
        (VEERE, "Zeeuwland", TINY_PROJECT, "transformatie", "waiting_time_median_days", "max", 98.0,
         "2023-01-01", "2024-12-31", "Wachttijd in de pastorie binnen de landelijke norm van 14 weken"),
        # Two goals still running on the reference date (on track / off track), one of a corporation alone.
        ("GM0363", None, None, None, "waiting_time_median_days", "max", 98.0,
         "2024-01-01", "2025-12-31", "In 2024 en 2025 binnen de landelijke norm van 14 weken een woning"),
        ("GM0363", None, None, None, "quota_realisation", "min", 0.95,
         "2024-01-01", "2025-06-30", "Taakstelling 2024 en eerste helft 2025 voor minstens 95% gehaald"),
        (None, "Ymere", None, None, "employed_24m_share", "min", 0.15,
         "2019-01-01", "2022-12-31", "Minstens 15% van de huurders na twee jaar aan het werk"),
    ]
    columns = ["municipality_code", "corporation", "project", "housing_form", "measure", "direction", "target",
               "period_start", "period_end", "description"]
    frame = pd.DataFrame(rows, columns=columns)
    frame.insert(0, "goal_id", [f"G{i:03d}" for i in range(1, len(frame) + 1)])
    return frame


# --------------------------------------------------------------------------- frames


def _ids(prefix: str, n: int, width: int = 6) -> pd.Series:
    """Pseudonymous identifiers like P000123: a letter prefix so they can never look like a BSN."""
    width = max(width, len(str(n)))
    return prefix + pd.Series(np.arange(1, n + 1)).astype("str").str.zfill(width)


def _labels(codes: np.ndarray, names) -> pd.Series:
    """Text labels for integer codes, -1 meaning missing."""
    return pd.Series(pd.Categorical.from_codes(np.asarray(codes), categories=list(names)))


def _dates(days: np.ndarray, known: np.ndarray | None = None) -> pd.Series:
    """Internal day numbers as a pandas date column; unknown rows become NaT."""
    values = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    if known is not None:
        values = np.where(known, values, np.datetime64("NaT"))
    return pd.Series(values)


def _missing(rng, values, share: float) -> pd.Series:
    """Blank out a random share of an optional column (the real data are incomplete too)."""
    series = pd.Series(values)
    return series.mask(rng.random(len(series)) < share)


_LINKS_SEED_OFFSET = 21  # the links' generator is seeded apart from the rest, so the other demo data stay as they were
_QUEUE_ENDED_SHARE = 0.05  # links of the queue that ended without a home (unlinked, left, other)
_STUCK_MUNICIPALITY_SHARE = 0.15  # municipalities with a backlog far over the norm
_STUCK_PER_100K = 22.0  # households of that backlog per 100,000 inhabitants


def _links(rng: np.random.Generator, hh: dict, hh_ids: pd.Series, queued: dict, munis: pd.DataFrame) -> pd.DataFrame:
    """One link per household: the housed ones in the municipality of their first home, the queue at the
    reference date, and in some municipalities a backlog linked months ago (far over the norm)."""
    n_m = len(munis)
    population = munis["population"].to_numpy(float)
    # A backlog in some municipalities (never in the seed's three, whose story is about housing fast).
    stuck = rng.random(n_m) < _STUCK_MUNICIPALITY_SHARE
    stuck &= ~munis["municipality_code"].isin([LANDGRAAF, HAARLEM, ALMERE]).to_numpy()
    backlog = rng.poisson(np.where(stuck, population / 100_000 * _STUCK_PER_100K, 0.0))
    b_muni = np.repeat(np.arange(n_m), backlog)
    n_b = len(b_muni)
    b_linked = REF - rng.integers(90, 420, n_b)
    b_permit = b_linked - 2 - np.round(rng.exponential(12.0, n_b)).astype(np.int64)
    b_single = rng.random(n_b) < 0.5
    b_size = np.where(b_single, 1, rng.choice(_FAMILY_SIZES, size=n_b, p=_FAMILY_SIZE_P))

    q_muni = np.concatenate([queued["muni"], b_muni])
    q_linked = np.concatenate([queued["linked"], b_linked])
    q_permit = np.concatenate([queued["permit"], b_permit])
    q_single = np.concatenate([queued["single"], b_single])
    q_size = np.concatenate([queued["size"], b_size])
    n_q = len(q_muni)
    order = np.lexsort((q_muni, q_linked))
    q_muni, q_linked, q_permit, q_single, q_size = (a[order] for a in (q_muni, q_linked, q_permit, q_single, q_size))
    ended = (rng.random(n_q) < _QUEUE_ENDED_SHARE) & (q_linked < REF - 30)
    end_day = q_linked + np.floor(rng.random(n_q) * np.maximum(REF - q_linked, 1)).astype(np.int64) + 1
    reason = rng.choice(["ontkoppeld", "vertrokken", "overig"], n_q, p=[0.5, 0.35, 0.15])

    codes = munis["municipality_code"].to_numpy()
    return _conform("links", {
        "household_id": pd.concat([hh_ids, _ids("W", n_q)], ignore_index=True),
        "municipality_code": np.concatenate([codes[hh["muni"]], codes[q_muni]]),
        "permit_date": _dates(np.concatenate([hh["permit"], q_permit])),
        "linked_date": _dates(np.concatenate([hh["linked"], q_linked])),
        "household_type": np.where(np.concatenate([hh["single"], q_single]), "alleenstaande", "gezin"),
        "household_size": np.concatenate([hh["size"], q_size]),
        "ended_date": _dates(np.concatenate([np.zeros(len(hh_ids), dtype=np.int64), np.minimum(end_day, REF)]),
                             np.concatenate([np.zeros(len(hh_ids), dtype=bool), ended])),
        "end_reason": pd.Series(np.concatenate([np.full(len(hh_ids), None), reason]), dtype=object).where(
            np.concatenate([np.zeros(len(hh_ids), dtype=bool), ended])
        ),
    })


def _conform(name: str, columns: dict) -> pd.DataFrame:
    """A frame with exactly the contract's columns, in order, in the agreed dtypes."""
    dataset = DATASETS[name]
    frame = pd.DataFrame({c: pd.Series(columns[c]).reset_index(drop=True) for c in dataset.column_names})
    for col in dataset.columns:
        series = frame[col.name]
        if col.type in ("text", "enum", "period"):
            frame[col.name] = series.astype("str")
        elif col.type == "date":
            frame[col.name] = pd.to_datetime(series).astype("datetime64[us]")
        elif col.type == "bool":
            frame[col.name] = series.astype(bool if col.required else "boolean")
        elif col.type == "int":
            frame[col.name] = series.astype("int64" if col.required else "Int64")
        else:
            frame[col.name] = series.astype("float64")
    return frame


def generate(scale: str = "demo", seed: int = DEMO_SEED) -> dict[str, pd.DataFrame]:
    """All eight datasets as frames in the contract's shape, reproducible from the seed."""
    if scale not in _SCALE:
        raise ValueError(f"onbekende schaal {scale!r}; kies uit {', '.join(SCALES)}")
    cfg = _SCALE[scale]
    rng = np.random.default_rng(seed)
    everything = _read_municipalities()
    population_nl = float(everything["population"].sum())
    munis = _select_municipalities(rng, scale, everything)
    corp_names, corp_table, corp_counts = _corporation_table(rng, munis, everything)
    corp_index = {name: i for i, name in enumerate(corp_names)}
    projects = [SCHOOL_PROJECT, SHARING_PROJECT, HAVEN_PROJECT, TINY_PROJECT]
    project_corp = [corp_index["HEEMwonen"], corp_index["Pré Wonen"], -1, corp_index["Zeeuwland"]]

    hh = _households(rng, munis, population_nl, cfg)
    _seed_cases(rng, hh, munis, corp_names, projects)
    # Households not yet housed at the reference date have no placement, so no row anywhere.
    housed = hh["move_in"] <= REF
    # Linked but not yet housed at the reference date: the queue (links only, no placement).
    queued = {key: value[~housed & (hh["linked"] <= REF)] for key, value in hh.items()}
    hh = {key: value[housed] for key, value in hh.items()}
    order = np.lexsort((hh["muni"], hh["permit"]))
    hh = {key: value[order] for key, value in hh.items()}
    pl = _pathways(rng, hh, munis)
    _placement_attributes(rng, pl, hh, munis, corp_table, corp_counts, projects, project_corp)
    interventions = _interventions(rng, pl, hh, munis, corp_names, projects, project_corp, cfg)
    signals = _nuisance(rng, pl, hh, munis, interventions, projects, cfg)
    integ = _integration(rng, pl, hh)
    quota = _settle_quota(_quota(rng, munis, population_nl, cfg), hh, len(munis))

    codes = munis["municipality_code"].to_numpy()
    names = munis["municipality_name"].to_numpy()
    hh_ids = _ids("H", len(hh["muni"]))
    n_pl = len(pl["hh"])
    frames: dict[str, pd.DataFrame] = {}
    frames["placements"] = _conform("placements", {
        "placement_id": _ids("P", n_pl),
        "household_id": hh_ids.iloc[pl["hh"]],
        "municipality_code": codes[pl["muni"]],
        "municipality_name": names[pl["muni"]],
        "corporation": _labels(pl["corp"], corp_names),
        "housing_form": np.array(_FORMS)[pl["form"]],
        "permanent": pl["permanent"],
        "project": _labels(pl["project"], projects),
        "household_type": np.where(hh["single"][pl["hh"]], "alleenstaande", "gezin"),
        "household_size": hh["size"][pl["hh"]],
        "permit_date": _dates(hh["permit"][pl["hh"]]),
        "linked_date": _dates(hh["linked"][pl["hh"]], hh["linked_known"][pl["hh"]]),
        "move_in_date": _dates(pl["move_in"]),
        "move_out_date": _dates(pl["move_out"], pl["out_known"]),
    })

    src = signals["placement"]
    n_s = len(src)
    anonymous = rng.random(n_s) < 0.03  # complaints about an address, not a known household
    form_blank = ~anonymous & (rng.random(n_s) < 0.2)
    resolve_days = np.round(12 * np.exp(0.9 * rng.standard_normal(n_s))).astype(np.int64)
    resolved = (rng.random(n_s) >= 0.12) & (signals["day"] + resolve_days <= REF)
    frames["nuisance"] = _conform("nuisance", {
        "signal_id": _ids("S", n_s),
        "reported_on": _dates(signals["day"]),
        "municipality_code": codes[pl["muni"][src]],
        "corporation": _labels(pl["corp"][src], corp_names),
        "project": _labels(pl["project"][src], projects),
        "household_id": hh_ids.iloc[pl["hh"][src]].reset_index(drop=True).mask(anonymous),
        "housing_form": pd.Series(np.array(_FORMS)[pl["form"][src]]).mask(form_blank),
        "category": rng.choice(["geluid", "burenconflict", "afval", "vervuiling", "intimidatie", "overig"], n_s,
                               p=[0.34, 0.26, 0.22, 0.08, 0.04, 0.06]),
        "source": _missing(rng, rng.choice(["omwonende", "corporatie", "politie", "gemeente", "overig"], n_s,
                                           p=[0.5, 0.26, 0.08, 0.11, 0.05]), 0.03),
        "severity": rng.choice(["laag", "midden", "hoog"], n_s, p=[0.65, 0.27, 0.08]),
        "resolved_on": _dates(signals["day"] + resolve_days, resolved),
    })

    person_ids = _ids("PER", int(integ["person"].max()) + 1)
    frames["integration"] = _conform("integration", {
        "person_id": person_ids.iloc[integ["person"]],
        "household_id": hh_ids.iloc[integ["hh"]],
        "municipality_code": codes[integ["muni"]],
        "measured_on": _dates(integ["measured"]),
        "language_level": _missing(rng, np.array(["A0", "A1", "A2", "B1", "B2", "C1"])[integ["level"]], 0.05),
        "inburgering_status": _missing(
            rng, np.array(["niet_gestart", "gestart", "geslaagd", "vrijgesteld", "ontheffing"])[integ["status"]], 0.04),
        "in_education": _missing(rng, integ["in_education"], 0.10).astype("boolean"),
        "employed": _missing(rng, integ["employed"], 0.03).astype("boolean"),
        "volunteering": _missing(rng, integ["volunteering"], 0.15).astype("boolean"),
        "on_benefits": _missing(rng, integ["on_benefits"], 0.04).astype("boolean"),
        "network_score": _missing(rng, integ["network"], 0.20).astype("Int64"),
    })

    frames["quota"] = _conform("quota", {
        "municipality_code": codes[quota["muni"]],
        "period": np.array(PERIODS)[quota["period"]],
        "target": quota["target"],
        "realised": pd.Series(quota["realised"]).astype("Int64").mask(~quota["known"]),
    })

    iv = interventions
    frames["interventions"] = _conform("interventions", {
        "intervention_id": [f"I{i:03d}" for i in range(1, len(iv) + 1)],
        "municipality_code": codes[iv["muni"].to_numpy()],
        "corporation": _labels(iv["corp"].to_numpy(), corp_names),
        "project": _labels(iv["project"].to_numpy(), projects),
        "type": iv["type"].to_numpy(),
        "start_date": _dates(iv["start"].to_numpy()),
        "end_date": _dates(iv["end"].fillna(0).to_numpy(), iv["end"].notna().to_numpy()),
        "description": iv["description"].to_numpy(),
    })

    goals = _goals(pl, signals, projects)
    goals["period_start"] = pd.to_datetime(goals["period_start"])
    goals["period_end"] = pd.to_datetime(goals["period_end"])
    frames["goals"] = _conform("goals", {c: goals[c] for c in goals.columns})

    # Its own generator, drawn after everything else: the other datasets stay exactly as they were without links.
    frames["links"] = _links(np.random.default_rng(seed + _LINKS_SEED_OFFSET), hh, hh_ids, queued, munis)

    frames["municipalities"] = _conform("municipalities", {
        "municipality_code": munis["municipality_code"],
        "municipality_name": munis["municipality_name"],
        "province": munis["province"],
        "population": munis["population"],
        "successor_code": pd.Series([None] * len(munis), dtype=object),
    })
    return {name: frames[name] for name in DATASETS}


def _csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as YYYY-MM-DD, booleans as true/false, missing as empty: the shape analysts upload."""
    out = frame.copy()
    for name in out.columns:
        series = out[name]
        if pd.api.types.is_datetime64_any_dtype(series):
            out[name] = series.dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_bool_dtype(series):
            out[name] = series.map({True: "true", False: "false"})
    return out


def write_csvs(frames: dict[str, pd.DataFrame], directory: Path) -> list[Path]:
    """Write one <dataset>.csv per frame (UTF-8, comma-separated, canonical headers); returns the paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in frames.items():
        path = directory / f"{name}.csv"
        _csv_ready(frame).to_csv(path, index=False, na_rep="", encoding="utf-8", lineterminator="\n")
        paths.append(path)
    return paths
