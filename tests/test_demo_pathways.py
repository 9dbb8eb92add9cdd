"""The seed's Landgraaf story on the demo data: a former school as temporary housing, permanent homes about six months later."""

import pytest

from housing_monitor.filters import Filters
from housing_monitor.measures import housing, survival

SCHOOL = Filters(projects=("Basisschool Landgraaf",))
SIX_MONTHS_DAYS = 182.6


@pytest.fixture(scope="module")
def con(demo_store):
    with demo_store.reader() as connection:
        yield connection


def test_school_households_start_in_temporary_housing_of_heemwonen_in_landgraaf(con):
    rows = con.execute(
        "SELECT housing_form, corporation, municipality_code, min(first_move_in), max(first_move_in), "
        "count(*), sum(household_size) FROM household_pathway WHERE project = 'Basisschool Landgraaf' GROUP BY ALL"
    ).fetchall()
    assert len(rows) == 1
    form, corporation, code, first, last, households, persons = rows[0]
    assert (form, corporation, code) == ("tijdelijk", "HEEMwonen", "GM0882")
    assert "2016-09-01" <= str(first) <= "2016-11-30"  # from autumn 2016
    assert str(last) <= "2017-06-30"
    assert 25 <= persons <= 45  # "about 35 persons"


def test_school_households_get_a_permanent_home_about_six_months_after_moving_in(con):
    stays = con.execute(
        "SELECT date_diff('day', first_move_in, coalesce(permanent_on, left_on, DATE '2024-12-31')), "
        "permanent_on IS NOT NULL FROM household_pathway WHERE project = 'Basisschool Landgraaf'"
    ).fetchall()
    curve = survival.kaplan_meier([d for d, _ in stays], [e for _, e in stays])
    assert curve.total_events >= 0.8 * curve.households
    # Kaplan–Meier median time in the school: about six months (between five and seven and a half).
    assert 5 * 30.4 <= curve.median() <= 7.5 * 30.4
    assert abs(curve.median() - SIX_MONTHS_DAYS) < 45


def test_school_in_the_time_to_permanent_measure(con):
    result = housing.time_to_permanent(con, SCHOOL, by=("housing_form",))
    assert result["housing_form"].tolist() == ["tijdelijk"]
    row = result.iloc[0]
    assert row["permanent_within_12m_share"] >= 0.8
    waiting = housing.waiting_time(con, SCHOOL).iloc[0]["median_days"]
    # From the permit: the wait for the school plus about six months in it.
    assert 4.5 * 30.4 <= row["median_days"] - waiting <= 8 * 30.4


def test_temporary_housing_leads_to_permanent_homes_faster_than_flex_homes(con):
    # demo-data.md: a median of about 6 months in tijdelijk, 12–18 months in the other stop-gap forms.
    result = housing.time_to_permanent(con, Filters(), by=("housing_form",)).set_index("housing_form")
    assert result.at["tijdelijk", "median_days"] < result.at["flexwoning", "median_days"]
    assert result.at["zelfstandig", "permanent_within_12m_share"] > 0.95
