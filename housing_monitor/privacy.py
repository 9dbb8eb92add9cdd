"""Small-number suppression: every shown or exported figure resting on fewer than N units reads '<N'."""

from __future__ import annotations

import os

import pandas as pd

from housing_monitor.contract import SUPPRESSION_THRESHOLD


def threshold() -> int:
    """The suppression threshold: $HOUSING_MONITOR_MIN_COUNT, else the contract's default of 5."""
    value = os.environ.get("HOUSING_MONITOR_MIN_COUNT")
    return max(1, int(value)) if value else SUPPRESSION_THRESHOLD


def marker() -> str:
    """What a hidden figure reads: '<5', or '<10' with the threshold set to 10."""
    return f"<{threshold()}"


def fewer_than(unit: str) -> str:
    """'minder dan 5 huishoudens' for the texts that explain the threshold, following the setting."""
    return f"minder dan {threshold()} {unit}"


def is_small(base, limit: int | None = None) -> bool:
    """True when a figure resting on this base must not be shown."""
    limit = threshold() if limit is None else limit
    return base is None or pd.isna(base) or base < limit


def suppress(
    frame: pd.DataFrame,
    base: str,
    figures: list[str],
    limit: int | None = None,
    siblings: list[str] | None = None,
    margins: list[list[str]] | None = None,
) -> pd.DataFrame:
    """A copy in which the base and its figures read the marker ('<5') on every row whose base is small.

    `siblings` names the columns whose equal values make a set of parts of a total shown elsewhere
    ([] = all rows are one set). When exactly one part of a set is small, the smallest other part is
    suppressed too, so that "total minus the other parts" cannot reveal it. `margins` is a list of
    such sibling lists for a table whose totals are shown along more than one dimension (a grouping by
    municipality and housing form has totals per municipality and per housing form): hiding a part for
    one margin can leave a single hidden part in another, so this repeats until no set has exactly one.
    """
    limit = threshold() if limit is None else limit
    out = frame.copy()
    small = out[base].isna() | (out[base] < limit)
    sets = ([siblings] if siblings is not None else []) + list(margins or [])
    while sets and not out.empty:
        before = small.copy()
        for columns in sets:
            small = small | _complementary(out, base, small, columns)
        if small.equals(before):
            break
    hidden = marker()
    for column in [base, *figures]:
        if column in out.columns:
            out[column] = out[column].astype(object)
            out.loc[small, column] = hidden
    return out


def _complementary(frame: pd.DataFrame, base: str, small: pd.Series, siblings: list[str]) -> pd.Series:
    """The extra rows to hide so that no set has exactly one hidden part."""
    extra = pd.Series(False, index=frame.index)
    groups = frame.groupby(siblings, dropna=False, sort=False).groups if siblings else {None: frame.index}
    for index in groups.values():
        hidden = small.loc[index]
        if hidden.sum() == 1 and len(index) > 1:
            visible = frame.loc[index][~hidden]
            extra.loc[visible[base].astype(float).idxmin()] = True
    return extra
