"""Integration outcomes k months after the first home: language, inburgering, work, education, network."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from housing_monitor import privacy
from housing_monitor.contract import HOUSING_FORMS
from housing_monitor.filters import Filters
from housing_monitor.measures import base
from housing_monitor.measures.base import Measure

OUTCOMES: dict[str, str] = {
    "language_b1": "Taalniveau B1 of hoger",
    "inburgering_done": "Inburgering geslaagd",
    "employed": "Betaald werk",
    "in_education": "Volgt een opleiding",
    "volunteering": "Vrijwilligerswerk",
    "on_benefits": "Bijstandsuitkering",
    "network_good": "Goed sociaal netwerk",
}
OUTCOME_SHORT: dict[str, str] = {
    "language_b1": "Taal B1+",
    "inburgering_done": "Ingeburgerd",
    "employed": "Betaald werk",
    "in_education": "Opleiding",
    "volunteering": "Vrijwilligerswerk",
    "on_benefits": "Bijstand",
    "network_good": "Goed netwerk",
}
# Outcomes where a lower share is the better news.
LOWER_IS_BETTER = frozenset({"on_benefits"})
K_MONTHS = (6, 12, 24, 36)
CURVE_MONTHS = (6, 12, 18, 24, 30, 36)
WINDOW_MONTHS = 3  # the chosen measurement lies within ±3 months of move-in + k
INTEGRATION_FIGURES = ("with_outcome", "share", "standardised_share")


class UnknownOutcomeError(ValueError):
    """An outcome name the measure does not know."""


def _outcome_list(outcome) -> list[str]:
    wanted = [outcome] if isinstance(outcome, str) else list(outcome or ())
    unknown = [o for o in wanted if o not in OUTCOMES]
    if unknown:
        raise UnknownOutcomeError(f"onbekende uitkomst {', '.join(unknown)}; kies uit {', '.join(OUTCOMES)}")
    return wanted


def standardised_shares(strata: pd.DataFrame, keys: list[str], limit: int | None = None) -> pd.DataFrame:
    """Direct standardisation by household type to the selection's overall mix, per outcome and k.

    A group with fewer persons than the suppression threshold in a household type of the mix gets no
    standardised share: that comparison cannot be made like with like.
    """
    limit = privacy.threshold() if limit is None else limit
    mix = strata.groupby(["outcome", "k_months", "stratum"], as_index=False)["persons"].sum()
    mix["weight"] = mix["persons"] / mix.groupby(["outcome", "k_months"])["persons"].transform("sum")
    cells = strata.groupby(keys + ["stratum"], dropna=False, as_index=False)[["persons", "with_outcome"]].sum()
    grid = strata[keys].drop_duplicates().merge(mix[["outcome", "k_months", "stratum", "weight"]], on=["outcome", "k_months"])
    grid = grid.merge(cells, on=keys + ["stratum"], how="left").fillna({"persons": 0, "with_outcome": 0})
    grid["weighted"] = grid["weight"] * grid["with_outcome"] / grid["persons"].where(grid["persons"] > 0)
    grid["comparable"] = grid["persons"] >= limit
    result = grid.groupby(keys, dropna=False, as_index=False).agg(
        standardised_share=("weighted", lambda v: v.sum(min_count=1)), comparable=("comparable", "all")
    )
    result["standardised_share"] = result["standardised_share"].where(result["comparable"])
    return result.drop(columns="comparable")


def integration_outcome(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    by=(),
    k_months=K_MONTHS,
    outcome=None,
) -> pd.DataFrame:
    """Share of persons with each outcome k months after their household's first move-in, per group.

    The period selects households by their first move-in (as the other household measures do).
    Rows: the group columns, outcome, k_months, then persons (the base), with_outcome, share and the
    share standardised by household type.
    """
    outcomes = _outcome_list(outcome)
    strata = base.grouped(
        con, "integration_outcome", filters, by, k_months=[int(k) for k in k_months], outcomes=outcomes
    )
    groups = [c for c in strata.columns if c not in ("outcome", "k_months", "stratum", "persons", "with_outcome")]
    keys = groups + ["outcome", "k_months"]
    columns = keys + ["persons", *INTEGRATION_FIGURES]
    if strata.empty:
        return pd.DataFrame(columns=columns)
    result = strata.groupby(keys, dropna=False, as_index=False)[["persons", "with_outcome"]].sum()
    result["share"] = result["with_outcome"] / result["persons"]
    if groups and "household_type" not in groups:
        result = result.merge(standardised_shares(strata, keys), on=keys, how="left")
    else:
        # The selection's own mix, or one household type per group: there is nothing to adjust.
        result["standardised_share"] = result["share"]
    result["outcome_order"] = result["outcome"].map(list(OUTCOMES).index)
    result = result.sort_values(groups + ["outcome_order", "k_months"], na_position="last")
    return result[columns].reset_index(drop=True).astype({"persons": "int64", "with_outcome": "int64"})


def not_standardisable(curve: pd.DataFrame) -> list[str]:
    """The housing forms (Dutch labels) that have a share but no standardised share at any point."""
    forms = curve[curve["housing_form"].notna() & curve["persons"].map(lambda v: not isinstance(v, str))]
    lost = forms.groupby("housing_form")["standardised_share"].apply(lambda v: pd.to_numeric(v, errors="coerce").isna().all())
    return [HOUSING_FORMS[f] for f in HOUSING_FORMS if lost.get(f, False)]


def curve_from(per_group: pd.DataFrame, overall: pd.DataFrame, by=("housing_form",)) -> pd.DataFrame:
    """One outcome's share against months since move-in (integration_outcome with k_months=CURVE_MONTHS), per
    group and for all groups together: the all-groups rows have no group value."""
    return pd.concat([per_group, overall.assign(**{c: np.nan for c in by})], ignore_index=True)


def at_k_months(frame: pd.DataFrame, months=K_MONTHS) -> pd.DataFrame:
    """The rows of these moments: a curve's result at 6, 12, 24 and 36 months is the measure's own (each moment
    is measured on its own)."""
    return frame[frame["k_months"].isin(months)].reset_index(drop=True)


INTEGRATION_OUTCOME = Measure(
    "integration_outcome",
    "Integratie na 6, 12, 24 en 36 maanden",
    integration_outcome,
    "persons",
    INTEGRATION_FIGURES,
    "per groep, outcome (" + ", ".join(OUTCOMES) + ") en k_months (6, 12, 24, 36): persons: personen van "
    "wie de gekozen meting (dichtst bij eerste woning + k maanden, binnen ±3 maanden) de uitkomst vastlegt "
    "(de basis); with_outcome: zij met de uitkomst; share: with_outcome / persons; standardised_share: "
    "het aandeel gestandaardiseerd naar huishoudtype (alleenstaande/gezin) op de totale mix.",
    row_keys=("outcome", "k_months"),
)
