"""One formatter for every presenter: a value of a kind as Dutch text, in a table cell or with its unit.

Kinds: count (1.234), days, weeks and months (durations held in days), share (0.125 → 12,5%), rate and
number (one decimal), date (25-11-2026) and period ('2016-H2' → 'H2 2016'). Text passes through unchanged,
so a hidden value ('<5') stays as it is.
"""

from __future__ import annotations

import pandas as pd

from housing_monitor import dutch


def is_missing(value) -> bool:
    """None or NaN (not text: '<5' is a value, hidden)."""
    return value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def cell(value, kind: str) -> str:
    """A table cell, its unit in the column header: 1.234 · 12,9 (weeks) · 7,5 (months) · 12,5% · 3,1."""
    if isinstance(value, str):
        return dutch.period_short(value) if kind == "period" else value
    if is_missing(value):
        return dutch.MISSING
    if kind == "count":
        return dutch.integer(value)
    if kind == "days":
        return dutch.number(value, 0)
    if kind == "weeks":
        return dutch.number(value / 7, 1)
    if kind == "months":
        return dutch.number(value / dutch.DAYS_PER_MONTH, 1)
    if kind == "share":
        return dutch.percent(value)
    if kind in ("rate", "number"):
        return dutch.number(value, 1)
    if kind == "date":
        return dutch.date(value)
    return str(value)


def figure(value, kind: str, missing: str = dutch.MISSING) -> str:
    """A figure with its unit, as a key figure or a sentence says it: 1.234 · 12,9 weken · 7,5 maanden · 12,5%."""
    if isinstance(value, str):
        return value
    if is_missing(value):
        return missing
    if kind == "days":
        return f"{dutch.number(value, 0)} dagen"
    if kind == "weeks":
        return dutch.weeks_from_days(value)
    if kind == "months":
        return dutch.months_from_days(value)
    if kind in ("count", "share", "date"):
        return cell(value, kind)
    return dutch.number(value, 1)
