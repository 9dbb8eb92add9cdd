"""Every measure the CLI, comparisons and exports know, by name."""

from __future__ import annotations

from housing_monitor.measures import (
    goals,
    housing,
    integration,
    interventions,
    links,
    nuisance,
    quota,
)
from housing_monitor.measures.base import Measure

MEASURES: dict[str, Measure] = {
    measure.name: measure
    for measure in (
        housing.HOUSED,
        housing.WAITING_TIME,
        housing.TIME_TO_PERMANENT,
        links.WAITING_LIST,
        links.TIME_TO_HOME,
        quota.QUOTA_REALISATION,
        nuisance.NUISANCE_RATE,
        integration.INTEGRATION_OUTCOME,
        interventions.INTERVENTION_EFFECT,
        goals.GOAL_ATTAINMENT,
    )
}
