"""Small-number suppression: every shown or exported figure resting on fewer than N units is '<5'."""

from __future__ import annotations

import os

import pandas as pd

from .contract import SUPPRESSION_THRESHOLD
from .dutch import SUPPRESSED


def threshold() -> int:
    """The suppression threshold: $HOUSING_MONITOR_MIN_COUNT, else the contract's default of 5."""
    value = os.environ.get("HOUSING_MONITOR_MIN_COUNT")
    return max(1, int(value)) if value else SUPPRESSION_THRESHOLD


def is_small(base, limit: int | None = None) -> bool:
    """True when a figure resting on this base must not be shown."""
    limit = threshold() if limit is None else limit
    return base is None or pd.isna(base) or base < limit


def suppress(frame: pd.DataFrame, base: str, figures: list[str], limit: int | None = None) -> pd.DataFrame:
    """A copy in which the base and its figures read '<5' on every row whose base is small."""
    limit = threshold() if limit is None else limit
    out = frame.copy()
    small = out[base].isna() | (out[base] < limit)
    for column in [base, *figures]:
        if column in out.columns:
            out[column] = out[column].astype(object)
            out.loc[small, column] = SUPPRESSED
    return out
