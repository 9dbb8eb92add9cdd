"""The demo data: deterministic, in the contract's shape, wide enough, and telling the seed's three stories."""

from __future__ import annotations

import csv
import re

import numpy as np
import pandas as pd
import pytest

from housing_monitor.contract import (
    DATASETS,
    MUNICIPALITY_CODE_PATTERN,
    PERIOD_PATTERN,
    PROVINCES,
)
from housing_monitor.demo import generate as demo

REF = pd.Timestamp(demo.REFERENCE_DATE)
COORDINATOR_START = pd.Timestamp("2017-02-01")
HALF_YEAR = pd.DateOffset(months=6)


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return demo.generate("demo")


@pytest.fixture(scope="module")
def first_placements(frames) -> pd.DataFrame:
    placements = frames["placements"].sort_values(["household_id", "move_in_date"], kind="stable")
    return placements.drop_duplicates("household_id")


def signals_during(placements: pd.DataFrame, nuisance: pd.DataFrame) -> pd.DataFrame:
    """Signals reported while one of these placements was the household's home."""
    joined = nuisance.merge(placements[["household_id", "move_in_date", "move_out_date"]], on="household_id")
    during = (joined["reported_on"] >= joined["move_in_date"]) & (
        joined["move_out_date"].isna() | (joined["reported_on"] < joined["move_out_date"])
    )
    return joined[during]


def nuisance_rate(placements: pd.DataFrame, signals: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> float:
    """Signals per 100 household-years in [start, end), exposure clipped to the window."""
    stop = placements["move_out_date"].fillna(REF).clip(upper=end)
    begin = placements["move_in_date"].clip(lower=start)
    years = (stop - begin).dt.days.clip(lower=0).sum() / 365.25
    count = signals["reported_on"].between(start, end, inclusive="left").sum()
    return 100 * count / years


# --------------------------------------------------------------------------- determinism


def test_same_seed_gives_identical_frames(frames):
    again = demo.generate("demo")
    assert list(again) == list(frames)
    for name, frame in frames.items():
        pd.testing.assert_frame_equal(again[name], frame, check_exact=True)


def test_other_seed_gives_other_data(frames):
    other = demo.generate("demo", seed=demo.DEMO_SEED + 1)
    assert not other["placements"].equals(frames["placements"])
    assert not other["nuisance"].equals(frames["nuisance"])


def test_unknown_scale_is_refused():
    with pytest.raises(ValueError):
        demo.generate("huge")


# --------------------------------------------------------------------------- contract conformance


def test_every_dataset_is_present(frames):
    assert list(frames) == list(DATASETS)


@pytest.mark.parametrize("name", list(DATASETS))
def test_exact_columns_in_contract_order(frames, name):
    assert list(frames[name].columns) == DATASETS[name].column_names
    assert len(frames[name]) > 0


@pytest.mark.parametrize("name", list(DATASETS))
def test_required_columns_are_filled(frames, name):
    frame = frames[name]
    for column in DATASETS[name].columns:
        if column.required:
            assert frame[column.name].notna().all(), f"{name}.{column.name} has gaps"


@pytest.mark.parametrize("name", list(DATASETS))
def test_column_types(frames, name):
    frame = frames[name]
    for column in DATASETS[name].columns:
        series = frame[column.name]
        if column.type == "date":
            assert pd.api.types.is_datetime64_dtype(series), column.name
            present = series.dropna()
            assert (present == present.dt.normalize()).all(), f"{column.name} has a time part"
        elif column.type == "bool":
            assert pd.api.types.is_bool_dtype(series), column.name
        elif column.type == "int":
            assert pd.api.types.is_integer_dtype(series), column.name
        elif column.type == "number":
            assert pd.api.types.is_float_dtype(series), column.name
        else:
            assert all(isinstance(v, str) for v in series.dropna()), column.name


@pytest.mark.parametrize("name", list(DATASETS))
def test_enum_values_are_codes(frames, name):
    frame = frames[name]
    for column in DATASETS[name].columns:
        if column.enum:
            values = set(frame[column.name].dropna().unique())
            assert values <= set(column.enum), f"{name}.{column.name}: {values - set(column.enum)}"


@pytest.mark.parametrize("name", list(DATASETS))
def test_keys_are_unique(frames, name):
    key = list(DATASETS[name].key)
    assert not frames[name].duplicated(key).any()


@pytest.mark.parametrize("name", list(DATASETS))
def test_date_order_and_ranges(frames, name):
    frame = frames[name]
    for column in DATASETS[name].columns:
        if column.not_before:
            both = frame[[column.name, column.not_before]].dropna()
            assert (both[column.name] >= both[column.not_before]).all(), f"{column.name} before {column.not_before}"
        if column.minimum is not None:
            assert (frame[column.name].dropna() >= column.minimum).all(), column.name
        if column.maximum is not None:
            assert (frame[column.name].dropna() <= column.maximum).all(), column.name


def test_no_date_after_the_reference_date(frames):
    placements = frames["placements"]
    assert placements["move_in_date"].max() <= REF
    assert placements["move_out_date"].max() <= REF
    assert frames["nuisance"]["reported_on"].max() <= REF
    assert frames["nuisance"]["resolved_on"].max() <= REF
    assert frames["integration"]["measured_on"].max() <= REF


@pytest.mark.parametrize("name", [n for n in DATASETS if "municipality_code" in DATASETS[n].column_names])
def test_municipality_codes_are_known(frames, name):
    codes = frames[name]["municipality_code"].dropna()
    assert codes.str.fullmatch(MUNICIPALITY_CODE_PATTERN.strip("^$")).all()
    assert set(codes) <= set(frames["municipalities"]["municipality_code"])


def test_quota_periods_match_the_pattern(frames):
    assert frames["quota"]["period"].str.match(PERIOD_PATTERN).all()


@pytest.mark.parametrize("name", list(DATASETS))
def test_no_identifier_looks_like_a_bsn(frames, name):
    frame = frames[name]
    for column in frame.columns:
        if frame[column].dtype.kind in "OT" or isinstance(frame[column].dtype, pd.StringDtype):
            assert not frame[column].dropna().astype(str).str.fullmatch(r"\d{9}").any(), column


def test_identifiers_are_prefixed_pseudonyms(frames):
    assert frames["placements"]["placement_id"].str.fullmatch(r"P\d{6,}").all()
    assert frames["placements"]["household_id"].str.fullmatch(r"H\d{6,}").all()
    assert frames["nuisance"]["signal_id"].str.fullmatch(r"S\d{6,}").all()
    assert frames["integration"]["person_id"].str.fullmatch(r"PER\d{6,}").all()
    assert frames["interventions"]["intervention_id"].str.fullmatch(r"I\d{3,}").all()


def test_links_between_datasets(frames):
    households = set(frames["placements"]["household_id"])
    assert set(frames["integration"]["household_id"]) <= households
    assert set(frames["nuisance"]["household_id"].dropna()) <= households
    # A person belongs to exactly one household.
    assert frames["integration"].groupby("person_id")["household_id"].nunique().max() == 1


def test_placements_pathways(frames, first_placements):
    placements = frames["placements"]
    assert (placements["move_in_date"] >= placements["permit_date"]).all()
    # Permanence per form: zelfstandig always, tijdelijk never.
    assert placements.loc[placements["housing_form"] == "zelfstandig", "permanent"].all()
    assert not placements.loc[placements["housing_form"] == "tijdelijk", "permanent"].any()
    # A stop-gap dwelling followed by a second one: the next move-in is the move-out or a few days later.
    ordered = placements.sort_values(["household_id", "move_in_date"], kind="stable")
    nxt = ordered.groupby("household_id").shift(-1)
    followed = nxt["move_in_date"].notna()
    assert followed.any()
    gap = (nxt.loc[followed, "move_in_date"] - ordered.loc[followed, "move_out_date"]).dt.days
    assert gap.between(0, 14).all()
    assert nxt.loc[followed, "permanent"].astype(bool).all()
    # Some households still wait in a stop-gap dwelling; some left the data.
    last = ordered.groupby("household_id").tail(1)
    assert ((~last["permanent"]) & last["move_out_date"].isna()).sum() > 0
    assert last["move_out_date"].notna().sum() > 0


def test_households_are_consistent_across_placements(frames):
    per_household = frames["placements"].groupby("household_id")[["household_type", "household_size", "permit_date"]].nunique()
    assert (per_household == 1).all().all()
    singles = frames["placements"]["household_type"] == "alleenstaande"
    assert (frames["placements"].loc[singles, "household_size"] == 1).all()
    assert (frames["placements"].loc[~singles, "household_size"] >= 2).all()


def test_integration_measurements_follow_move_in(frames, first_placements):
    integration = frames["integration"].merge(
        first_placements[["household_id", "move_in_date"]], on="household_id", how="left"
    )
    assert (integration["measured_on"] > integration["move_in_date"]).all()
    adults = integration.groupby("household_id")["person_id"].nunique()
    assert set(adults.unique()) <= {1, 2}


def test_quota_leaves_the_last_half_year_open(frames):
    quota = frames["quota"]
    assert quota.loc[quota["period"] == "2024-H2", "realised"].isna().all()
    earlier = quota[quota["period"] != "2024-H2"]
    assert earlier["realised"].notna().mean() > 0.9
    assert earlier["realised"].isna().any()
    ratio = (earlier["realised"] / earlier["target"]).dropna()
    assert ratio.between(0.8, 1.1).mean() > 0.6


def test_goals_cover_the_seed_and_more(frames):
    goals = frames["goals"]
    assert len(goals) >= 6
    assert goals[["municipality_code", "corporation", "project"]].notna().any(axis=1).all()
    haven = goals[goals["project"] == "Almere-Haven"].iloc[0]
    assert haven["measure"] == "nuisance_rate" and haven["direction"] == "max"
    assert goals["project"].eq("Basisschool Landgraaf").any()


# --------------------------------------------------------------------------- scope


def test_municipalities_span_the_country(frames):
    municipalities = frames["municipalities"]
    assert len(municipalities) >= 45
    assert set(municipalities["province"]) == set(PROVINCES)
    codes = set(municipalities["municipality_code"])
    assert {"GM0882", "GM0392", "GM0034", "GM0363", "GM0599", "GM0518", "GM0344"} <= codes
    assert (municipalities["population"] < 30_000).sum() >= 5
    assert municipalities["successor_code"].isna().all()
    # Real municipalities: names and populations as in the reference CSV.
    with demo.MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as handle:
        reference = {row["municipality_code"]: row for row in csv.DictReader(handle)}
    for row in municipalities.itertuples():
        assert reference[row.municipality_code]["municipality_name"] == row.municipality_name
        assert int(reference[row.municipality_code]["population"]) == row.population


def test_all_municipalities_at_national_scale_are_listed():
    # The national frames are too big for a fast test; the municipality choice is cheap to check.
    rng = np.random.default_rng(demo.DEMO_SEED)
    everything = demo._read_municipalities()
    assert len(demo._select_municipalities(rng, "national", everything)) == 342


def test_corporations_and_forms(frames):
    placements = frames["placements"]
    corporations = set(placements["corporation"].dropna())
    assert len(corporations) >= 8
    assert {"HEEMwonen", "Pré Wonen", "Ymere", "de Alliantie"} <= corporations
    assert placements["corporation"].isna().any()  # private rentals
    assert set(placements["housing_form"]) == set(DATASETS["placements"].column("housing_form").enum)


def test_scattered_homes_have_no_project(frames):
    placements = frames["placements"]
    zelfstandig = placements["housing_form"] == "zelfstandig"
    assert placements.loc[zelfstandig, "project"].isna().mean() > 0.7
    assert placements.loc[~zelfstandig, "project"].notna().mean() > 0.7


def test_permits_span_ten_years(first_placements):
    periods = first_placements["permit_date"].dt.year.astype(str) + "-H" + np.where(
        first_placements["permit_date"].dt.month <= 6, "1", "2"
    )
    expected = {f"{y}-H{h}" for y in range(2015, 2025) for h in (1, 2)}
    assert set(periods) == expected


def test_household_mix_and_volume(first_placements):
    assert 10_000 <= len(first_placements) <= 25_000
    singles = first_placements["household_type"] == "alleenstaande"
    assert 0.55 <= singles.mean() <= 0.65
    assert 3.5 <= first_placements.loc[~singles, "household_size"].mean() <= 4.5


def test_intake_peaks_in_2016_and_again_in_2022_2023(first_placements):
    persons = first_placements.groupby(first_placements["permit_date"].dt.year)["household_size"].sum()
    low = persons.loc[2018:2020].mean()
    assert persons.loc[2016] > 2.5 * low
    assert persons.loc[2022:2023].mean() > 1.5 * low


# --------------------------------------------------------------------------- the seed's stories


def test_landgraaf_school(frames):
    placements = frames["placements"]
    school = placements[placements["project"] == "Basisschool Landgraaf"]
    assert (school["municipality_code"] == "GM0882").all()
    assert (school["corporation"] == "HEEMwonen").all()
    assert (school["housing_form"] == "tijdelijk").all() and not school["permanent"].any()
    assert 25 <= school["household_size"].sum() <= 45
    assert set(school["household_type"]) == {"alleenstaande", "gezin"}
    assert school["move_in_date"].min() >= pd.Timestamp("2016-09-01")
    stay_months = (school["move_out_date"] - school["move_in_date"]).dt.days / 30.44
    assert 4 <= stay_months.median() <= 8
    later = placements[placements["household_id"].isin(school["household_id"]) & placements["permanent"]]
    assert later["household_id"].nunique() >= 0.8 * len(school)
    assert (later["municipality_code"] == "GM0882").all()
    assert (later["housing_form"] == "zelfstandig").all()


def test_haarlem_house_sharing(frames):
    placements = frames["placements"]
    sharing = placements[placements["project"] == "Woningdelen Haarlem"]
    assert 55 <= len(sharing) <= 85
    assert (sharing["household_type"] == "alleenstaande").all()
    assert (sharing["housing_form"] == "woningdelen").all()
    assert (sharing["corporation"] == "Pré Wonen").all()
    assert sharing["move_in_date"].min() >= pd.Timestamp("2017-01-01")
    interventions = frames["interventions"]
    matching = interventions[interventions["type"] == "matching_huisgenoten"]
    assert (matching["project"] == "Woningdelen Haarlem").any()


def test_almere_haven_coordinator_halves_nuisance(frames):
    placements, nuisance = frames["placements"], frames["nuisance"]
    coordinator = frames["interventions"].query("type == 'coordinator'")
    assert coordinator["project"].tolist() == ["Almere-Haven"]
    start = coordinator["start_date"].iloc[0]
    assert start == COORDINATOR_START
    haven = placements[placements["project"] == "Almere-Haven"]
    assert set(haven["corporation"]) == {"Ymere", "de Alliantie"}
    signals = nuisance[nuisance["project"] == "Almere-Haven"]
    before = nuisance_rate(haven, signals, start - HALF_YEAR, start)
    after = nuisance_rate(haven, signals, start, start + HALF_YEAR)
    assert 0.3 <= after / before <= 0.7

    # Before the coordinator, Almere-Haven runs at a multiple of other self-contained homes.
    others = placements[(placements["housing_form"] == "zelfstandig") & (placements["municipality_code"] != "GM0034")]
    other_signals = signals_during(others, nuisance)
    usual_before = nuisance_rate(others, other_signals, start - HALF_YEAR, start)
    usual_after = nuisance_rate(others, other_signals, start, start + HALF_YEAR)
    assert 1.8 <= before / usual_before <= 4.0
    assert 0.75 <= usual_after / usual_before <= 1.33

    goal = frames["goals"].query("project == 'Almere-Haven'").iloc[0]
    assert goal["target"] == pytest.approx(before / 2, abs=0.2)


def test_waiting_time_by_form(first_placements):
    wait = (first_placements["move_in_date"] - first_placements["permit_date"]).dt.days
    median = wait.groupby(first_placements["housing_form"]).median() / 7
    assert median["tijdelijk"] < median["zelfstandig"]
    assert 6 <= median["tijdelijk"] <= 11
    assert 14 <= median["zelfstandig"] <= 22


def test_nuisance_rates_by_form(frames):
    placements, nuisance = frames["placements"], frames["nuisance"]
    start, end = pd.Timestamp("2015-01-01"), REF + pd.Timedelta(days=1)
    rates = {}
    for form in ("zelfstandig", "woningdelen"):
        group = placements[placements["housing_form"] == form]
        rates[form] = nuisance_rate(group, signals_during(group, nuisance), start, end)
    assert 5 <= rates["zelfstandig"] <= 12
    assert rates["woningdelen"] > 1.5 * rates["zelfstandig"]
    assert 0.1 <= frames["nuisance"]["housing_form"].isna().mean() <= 0.3


def test_integration_outcomes_rise_with_time(frames, first_placements):
    integration = frames["integration"].merge(
        first_placements[["household_id", "move_in_date"]], on="household_id", how="left"
    )
    months = (integration["measured_on"] - integration["move_in_date"]).dt.days / 30.44
    shares = {}
    for k in (6, 36):
        window = integration[(months - k).abs() <= 3]
        language = window["language_level"].dropna()
        shares[k] = {
            "b1": language.isin(["B1", "B2", "C1"]).mean(),
            "employed": window["employed"].dropna().astype(bool).mean(),
            "benefits": window["on_benefits"].dropna().astype(bool).mean(),
        }
    assert shares[6]["b1"] < 0.1 and 0.25 <= shares[36]["b1"] <= 0.45
    assert shares[6]["employed"] < 0.08 and 0.2 <= shares[36]["employed"] <= 0.4
    assert shares[6]["benefits"] > 0.88 and 0.6 <= shares[36]["benefits"] <= 0.8


# --------------------------------------------------------------------------- CSV


def test_write_csvs(frames, tmp_path):
    paths = demo.write_csvs(frames, tmp_path)
    assert [p.name for p in paths] == [f"{name}.csv" for name in DATASETS]
    for name, path in zip(DATASETS, paths):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == DATASETS[name].column_names
        assert len(rows) - 1 == len(frames[name])
    placements = pd.read_csv(tmp_path / "placements.csv", dtype=str, keep_default_na=False)
    assert set(placements["permanent"]) == {"true", "false"}
    assert placements["move_in_date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert (placements["move_out_date"] == "").any()
    integration = pd.read_csv(tmp_path / "integration.csv", dtype=str, keep_default_na=False)
    assert set(integration["employed"]) == {"true", "false", ""}
    assert not re.search(r"\bnan\b|\bNaT\b|<NA>|\bNone\b", (tmp_path / "nuisance.csv").read_text(encoding="utf-8"))
