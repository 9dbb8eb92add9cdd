"""The shared filter selection (period, places, organisations, forms) and half-year arithmetic."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

_PERIOD = re.compile(r"^\s*(\d{4})\s*[-/ ]?\s*H?([12])\s*$", re.IGNORECASE)
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2999, 12, 31)


def parse_period(text: str) -> str | None:
    """'2016-H2', '2016-2', '2016 H2', '2016h2' → '2016-H2'; anything else → None."""
    match = _PERIOD.match(str(text or ""))
    return f"{match.group(1)}-H{match.group(2)}" if match else None


def period_of(day: dt.date) -> str:
    """The half-year a date falls in."""
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


def period_start(period: str) -> dt.date:
    year, half = int(period[:4]), int(period[-1])
    return dt.date(year, 1 if half == 1 else 7, 1)


def period_end(period: str) -> dt.date:
    """The first day after the half-year (exclusive end)."""
    return period_start(shift_period(period, 1))


def shift_period(period: str, halves: int) -> str:
    index = int(period[:4]) * 2 + int(period[-1]) - 1 + halves
    return f"{index // 2}-H{index % 2 + 1}"


def periods_between(first: str, last: str) -> list[str]:
    """Every half-year from first to last inclusive."""
    out, current = [], first
    while current <= last:
        out.append(current)
        current = shift_period(current, 1)
    return out


@dataclass(frozen=True)
class Filters:
    """What the shared sidebar selects; every household measure applies it the same way."""

    period_from: str | None = None
    period_to: str | None = None
    municipalities: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    corporations: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    housing_forms: tuple[str, ...] = ()
    household_types: tuple[str, ...] = ()
    # Exact dates (inclusive start, exclusive end) override the half-years, e.g. for a goal's own period.
    start_date: dt.date | None = None
    end_date: dt.date | None = None

    @property
    def date_from(self) -> dt.date:
        if self.start_date:
            return self.start_date
        return period_start(self.period_from) if self.period_from else EARLIEST

    @property
    def date_to(self) -> dt.date:
        if self.end_date:
            return self.end_date
        return period_end(self.period_to) if self.period_to else LATEST

    def params(self) -> dict:
        """The DuckDB parameters every filtered query takes."""
        return {
            "date_from": self.date_from,
            "date_to": self.date_to,
            "municipalities": list(self.municipalities),
            "provinces": list(self.provinces),
            "corporations": list(self.corporations),
            "projects": list(self.projects),
            "housing_forms": list(self.housing_forms),
            "household_types": list(self.household_types),
        }

    def previous(self) -> Filters | None:
        """The same selection over the equally long period just before, if the period is bounded."""
        if not (self.period_from and self.period_to):
            return None
        length = len(periods_between(self.period_from, self.period_to))
        return replace(
            self,
            period_from=shift_period(self.period_from, -length),
            period_to=shift_period(self.period_to, -length),
        )

    def places_and_organisations(self) -> Filters:
        """Only the places, organisations and projects: what chooses whose goals (with their own periods) apply."""
        return Filters(
            municipalities=self.municipalities,
            provinces=self.provinces,
            corporations=self.corporations,
            projects=self.projects,
        )

    def without_period(self) -> Filters:
        return replace(self, period_from=None, period_to=None, start_date=None, end_date=None)
