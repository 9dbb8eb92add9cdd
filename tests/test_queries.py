"""Every named query: documented, parameterised, used somewhere, and runnable with sane invariants."""

import re
from pathlib import Path

import pytest

from housing_monitor import queries
from housing_monitor.filters import Filters

REPO = Path(__file__).resolve().parent.parent
CODE_DIRS = ("housing_monitor", "ui", "pages")


def _code_text() -> str:
    files = [p for d in CODE_DIRS for p in (REPO / d).rglob("*.py")] + [REPO / "dashboard.py"]
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


@pytest.mark.parametrize("name", queries.names())
def test_query_has_doc_line(name):
    first = queries.load(name).splitlines()[0]
    assert first.startswith("-- ") and len(first) > 15, f"{name}.sql must start with a '-- ' doc line"


@pytest.mark.parametrize("name", queries.names())
def test_query_is_used(name):
    assert re.search(rf"[\"']{re.escape(name)}[\"']", _code_text()), f"queries/{name}.sql is never used"


@pytest.mark.parametrize("name", queries.names())
def test_query_formats_no_values(name):
    sql = queries.load(name)
    assert not re.search(r"\{[A-Za-z_]*\}|%s|%\(", sql), f"{name}.sql formats values into SQL"


def test_household_pathway_invariants(tiny_store):
    with tiny_store.reader() as con:
        rows = con.execute(
            "SELECT count(*), count(DISTINCT household_id), min(waiting_days), "
            "count(*) FILTER (WHERE permanent_on < first_move_in) FROM household_pathway"
        ).fetchall()[0]
        households = con.execute("SELECT count(DISTINCT household_id) FROM placements").fetchall()[0][0]
    assert rows[0] == rows[1] == households  # one row per household
    assert rows[2] >= 0
    assert rows[3] == 0  # a permanent home never precedes the first home


def test_filter_options_lists_what_the_data_holds(tiny_store):
    with tiny_store.reader() as con:
        options = queries.run(con, "filter_options")
    by_kind = options.groupby("kind")["value"].apply(sorted).to_dict()
    assert by_kind["municipality"] == ["GM0034", "GM0392", "GM0882"]
    assert by_kind["period"] == ["2016-H1", "2016-H2", "2017-H1"]
    assert "Pré Wonen" in by_kind["corporation"]
    assert "Basisschool Landgraaf" in by_kind["project"]


def test_housed_sums_match_placements(tiny_store):
    with tiny_store.reader() as con:
        total = queries.run(con, "housed", by=["period"], **Filters().params())
        first_placements = con.execute(
            "SELECT count(*) FROM (SELECT DISTINCT household_id FROM placements)"
        ).fetchall()[0][0]
    assert total["households"].sum() == first_placements


def test_unused_parameters_are_not_passed(tiny_store):
    assert queries.bind("reference_date", {"by": [], "extra": 1}) == {}
    with pytest.raises(KeyError):
        queries.bind("housed", {})
