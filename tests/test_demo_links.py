"""The demo's links: every household has one, a realistic queue remains at the reference date, the seed cases keep their story."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from housing_monitor.filters import Filters
from housing_monitor.measures import links
from housing_monitor.demo import generate as demo

SEED_PROJECTS = ("Basisschool Landgraaf", "Woningdelen Haarlem", "Almere-Haven")


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return demo.generate("demo")


def test_every_housed_household_has_its_link_where_it_was_first_housed(frames):
    placements = frames["placements"].sort_values(["household_id", "move_in_date"], kind="stable")
    first = placements.drop_duplicates("household_id")
    linked = first.merge(frames["links"], on=["household_id", "municipality_code"], how="left", suffixes=("", "_link"))
    assert linked["linked_date_link"].notna().all()
    assert (linked["linked_date_link"] <= linked["move_in_date"]).all()
    assert (linked["permit_date_link"] == linked["permit_date"]).all()
    # Where a placement knows its linked date, the link says the same.
    known = linked["linked_date"].notna()
    assert (linked.loc[known, "linked_date"] == linked.loc[known, "linked_date_link"]).all()


def test_ended_links_have_a_reason_and_end_by_the_reference_date(frames):
    ended = frames["links"][frames["links"]["ended_date"].notna()]
    assert len(ended) > 10
    assert ended["end_reason"].isin(["ontkoppeld", "vertrokken", "overig"]).all()
    assert (ended["ended_date"] <= pd.Timestamp(demo.REFERENCE_DATE)).all()
    assert frames["links"].loc[frames["links"]["ended_date"].isna(), "end_reason"].isna().all()


def test_demo_has_a_queue_at_the_reference_date(demo_store):
    with demo_store.reader() as con:
        total = links.waiting_list(con, Filters()).iloc[0]
        places = links.waiting_list(con, Filters(), by=("municipality_code",)).set_index("municipality_code")
    assert (total["households"], total["persons"], total["over_norm_households"]) == (687, 1775, 364)
    share_over = places["over_norm_households"] / places["households"]
    # Some municipalities far over the norm (The Hague: most of a long queue), some with nobody waiting.
    assert places.loc["GM0518", "households"] >= 100 and share_over["GM0518"] > 0.7
    assert (places["households"] == 0).sum() >= 5
    # The seed's three municipalities house fast: a short queue, at most half of it over the norm.
    for code in ("GM0882", "GM0392", "GM0034"):
        assert share_over[code] <= 0.5 and places.loc[code, "households"] < 40


def test_seed_cases_were_housed_after_linking(demo_store):
    with demo_store.reader() as con:
        status = con.execute(
            """
            SELECT p.project, count(*) AS households,
                   count(*) FILTER (WHERE s.housed_on IS NOT NULL AND s.ended_date IS NULL) AS housed
            FROM (SELECT DISTINCT household_id, project FROM placements WHERE project IN $projects) p
            JOIN link_status s USING (household_id)
            GROUP BY ALL ORDER BY 1
            """,
            {"projects": list(SEED_PROJECTS)},
        ).fetchall()
    assert {project for project, _, _ in status} == set(SEED_PROJECTS)
    assert all(households == housed for _, households, housed in status)


def test_time_to_home_counts_those_still_waiting(demo_store):
    with demo_store.reader() as con:
        now = links.time_to_home(con, Filters(period_from="2024-H1", period_to="2024-H2")).iloc[0]
        housed_only = con.execute(
            "SELECT median(date_diff('day', linked_date, housed_on)) FROM link_status "
            "WHERE linked_date >= DATE '2024-01-01' AND housed_on <= DATE '2024-12-31'"
        ).fetchall()[0][0]
    # Counting the waiting makes the typical time to a home longer than among those housed alone.
    assert now["median_days"] > housed_only
    assert now["households"] > now["events"] > 0
    assert dt.date(2024, 12, 31) == demo.REFERENCE_DATE
