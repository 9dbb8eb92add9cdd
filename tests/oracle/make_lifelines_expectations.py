"""Compute Kaplan–Meier expectations with lifelines, once, for tests/test_survival_oracle.py.

lifelines 0.30 needs pandas < 3, so it cannot live in the project's environment. Regenerate with:

    python3.11 -m venv /tmp/lifelines-venv
    /tmp/lifelines-venv/bin/pip install "pandas<3" "lifelines==0.30.3"
    /tmp/lifelines-venv/bin/python tests/oracle/make_lifelines_expectations.py

It writes tests/fixtures/lifelines_expectations.json: each seeded dataset (durations and event flags)
together with lifelines' timeline, survival curve, 95% band, number at risk, median and median CI.
The datasets are stored, not re-drawn by the test, so numpy versions cannot make them drift.
"""

from __future__ import annotations

import json
from pathlib import Path

import lifelines
import numpy as np
from lifelines import KaplanMeierFitter
from lifelines.utils import median_survival_times

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "lifelines_expectations.json"


def datasets() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Seeded random data shaped like waits for a permanent home, plus edge cases."""
    out = {}
    rng = np.random.default_rng(20161001)
    # Whole days with many ties, a third censored (still waiting or left the data).
    n = 300
    event_days = np.round(rng.lognormal(np.log(240), 0.6, n))
    censor_days = np.round(rng.uniform(30, 1100, n))
    out["days_ties_300"] = (np.minimum(event_days, censor_days), event_days <= censor_days)
    # Censored before the median is reached: median and upper limit "niet bereikt", lower limit reached.
    out["median_not_reached_25"] = _late_homes_censored_early(np.random.default_rng(6), 25)
    # The median is reached but the band's upper limit is not.
    out["upper_limit_not_reached_25"] = _late_homes_censored_early(np.random.default_rng(0), 25)
    # Durations on a coarse grid (months), so most times are tied, with events and censoring at one time.
    n = 1000
    months = rng.integers(0, 30, n) * 30.0
    out["monthly_grid_1000"] = (months, rng.random(n) < 0.7)
    # Small: zero durations, a tie of event and censoring, and the curve falling to 0 at the end.
    out["small_to_zero"] = (
        np.array([0.0, 0.0, 35.0, 35.0, 60.0, 120.0, 120.0, 200.0]),
        np.array([True, False, True, False, True, True, False, True]),
    )
    # Continuous times, no censoring.
    out["continuous_80"] = (rng.exponential(300.0, 80), np.ones(80, dtype=bool))
    # Everyone censored: the curve stays at 1.
    out["all_censored_12"] = (np.round(rng.uniform(0, 500, 12)), np.zeros(12, dtype=bool))
    out.update(links_fixture())
    return out


def links_fixture() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Days from linking to a home in tests/fixtures/links at reference date 2024-06-30 (worked out in tests/test_links.py)."""
    # L01..L07 in GM0882, L08..L10 in GM0392: duration, housed (event) or censored.
    landgraaf = [(40, True), (181, False), (0, True), (30, False), (0, False), (31, True), (150, False)]
    haarlem = [(30, True), (76, False), (36, False)]

    def arrays(rows):
        return np.array([d for d, _ in rows], dtype=float), np.array([e for _, e in rows])

    return {
        "links_all": arrays(landgraaf + haarlem),
        "links_gm0882": arrays(landgraaf),
        "links_gm0392": arrays(haarlem),
    }


def _late_homes_censored_early(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    event_days = np.round(rng.lognormal(np.log(420), 0.5, n))
    censor_days = np.round(rng.uniform(10, 560, n))
    return np.minimum(event_days, censor_days), event_days <= censor_days


def nan_for_inf(value: float):
    return None if not np.isfinite(value) else float(value)


def expectation(durations: np.ndarray, events: np.ndarray) -> dict:
    kmf = KaplanMeierFitter().fit(durations, events)
    band = kmf.confidence_interval_
    ci = median_survival_times(band)
    table = kmf.event_table
    return {
        "durations": durations.tolist(),
        "events": events.astype(int).tolist(),
        "timeline": kmf.survival_function_.index.to_numpy(float).tolist(),
        "survival": kmf.survival_function_.iloc[:, 0].tolist(),
        "ci_lower": band.iloc[:, 0].tolist(),
        "ci_upper": band.iloc[:, 1].tolist(),
        "at_risk": table["at_risk"].astype(int).tolist(),
        "median": nan_for_inf(kmf.median_survival_time_),
        "median_ci_lower": nan_for_inf(ci.iloc[0, 0]),
        "median_ci_upper": nan_for_inf(ci.iloc[0, 1]),
        "survival_at_365": float(kmf.survival_function_at_times(365).iloc[0]),
        "survival_at_84": float(kmf.survival_function_at_times(84).iloc[0]),
    }


def main() -> None:
    result = {
        "generated_by": f"lifelines {lifelines.__version__} via tests/oracle/make_lifelines_expectations.py",
        "datasets": {name: expectation(d, e) for name, (d, e) in datasets().items()},
    }
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
