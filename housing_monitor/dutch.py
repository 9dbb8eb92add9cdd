"""Dutch number, date and period formats: 1.234,5 · 12,5% · 25-11-2026 · 2e halfjaar 2016."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
DAYS_PER_MONTH = 365.25 / 12
MISSING = "–"


def _is_missing(value) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def number(value, decimals: int = 0) -> str:
    """1234.5 → '1.234,5'; text (a hidden value's '<5') passes through."""
    if isinstance(value, str):
        return value
    if _is_missing(value):
        return MISSING
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def integer(value) -> str:
    """1234 → '1.234'."""
    return number(value, 0)


def percent(share, decimals: int = 1) -> str:
    """0.125 → '12,5%'."""
    if isinstance(share, str):
        return share
    if _is_missing(share):
        return MISSING
    return number(share * 100, decimals) + "%"


def date(value) -> str:
    """date(2026, 11, 25) → '25-11-2026'."""
    if isinstance(value, str):
        return value
    if _is_missing(value):
        return MISSING
    return value.strftime("%d-%m-%Y")


def long_date(value: dt.date) -> str:
    """date(2016, 9, 22) → '22 september 2016'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def months_from_days(days, decimals: int = 1) -> str:
    """228 days → '7,5 maanden'."""
    if isinstance(days, str):
        return days
    if _is_missing(days):
        return MISSING
    months = days / DAYS_PER_MONTH
    unit = "maand" if round(months, decimals) == 1 else "maanden"
    return f"{number(months, decimals)} {unit}"


def weeks_from_days(days, decimals: int = 1) -> str:
    """98 days → '14,0 weken'."""
    if isinstance(days, str):
        return days
    if _is_missing(days):
        return MISSING
    return f"{number(days / 7, decimals)} weken"


_PERIOD = re.compile(r"^(\d{4})-H([12])$")


def period_label(period: str) -> str:
    """'2016-H2' → '2e halfjaar 2016'."""
    match = _PERIOD.match(period or "")
    if not match:
        return period
    return f"{match.group(2)}e halfjaar {match.group(1)}"


def period_short(period: str) -> str:
    """'2016-H2' → 'H2 2016'."""
    match = _PERIOD.match(period or "")
    return f"H{match.group(2)} {match.group(1)}" if match else period


def period_range_label(first: str, last: str) -> str:
    """'2016-H1', '2016-H2' → '2016'; otherwise 'H1 2016 – H2 2017'."""
    if first[:4] == last[:4] and first.endswith("H1") and last.endswith("H2"):
        return first[:4]
    if first == last:
        return period_label(first)
    return f"{period_short(first)} – {period_short(last)}"
MONTHS_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def month_year(value: dt.date) -> str:
    """date(2017, 3, 5) → 'mrt 2017'."""
    return f"{MONTHS_SHORT[value.month - 1]} {value.year}"
