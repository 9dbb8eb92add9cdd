"""The command line as an analyst uses it: exact JSON, exit codes, Dutch messages."""

import json
import subprocess
import sys
from pathlib import Path

from housing_monitor.cli.main import main
from housing_monitor.measures.registry import MEASURES

REPO = Path(__file__).resolve().parent.parent


def run_cli(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_measure_housed_json(tiny_store, capsys):
    code, out, _ = run_cli(capsys, "measure", "housed", "--db", str(tiny_store.path), "--by", "period", "--json")
    assert code == 0
    assert json.loads(out) == [
        {"period": "2016-H1", "households": "<5", "persons": "<5"},
        {"period": "2016-H2", "households": "<5", "persons": "<5"},
        {"period": "2017-H1", "households": "<5", "persons": "<5"},
    ]


def test_measure_housed_json_serialises_real_numbers(tiny_store, capsys, monkeypatch):
    """With threshold 1 nothing is hidden: the JSON carries the counts themselves, as JSON integers.

    First homes (tiny fixture): 2016-H1 HH01 (1 person), HH02 (4), HH03 (1), HH05 (1); 2016-H2 HH04 (3),
    HH07 (5), HH08 (2); 2017-H1 HH06 (1). HH02's move to PL03 is not a first home.
    """
    monkeypatch.setenv("HOUSING_MONITOR_MIN_COUNT", "1")
    code, out, _ = run_cli(capsys, "measure", "housed", "--db", str(tiny_store.path), "--by", "period", "--json")
    assert code == 0
    assert out.count('"households": ') == 3 and '"<' not in out
    assert json.loads(out) == [
        {"period": "2016-H1", "households": 4, "persons": 1 + 4 + 1 + 1},
        {"period": "2016-H2", "households": 3, "persons": 3 + 5 + 2},
        {"period": "2017-H1", "households": 1, "persons": 1},
    ]
    assert all(type(row["households"]) is int and type(row["persons"]) is int for row in json.loads(out))


def test_measure_waiting_time_json_for_a_year(tiny_store, capsys):
    code, out, _ = run_cli(
        capsys, "measure", "waiting_time", "--db", str(tiny_store.path), "--from", "2016-H1", "--to", "2016-H2", "--json"
    )
    assert code == 0
    # Days from permit to first home in 2016: 30, 30, 60, 90, 121, 131, 183 (HH01, HH05, HH02, HH03, HH07, HH04,
    # HH08); quartiles interpolate linearly between neighbours, as DuckDB's quantile_cont does.
    assert json.loads(out) == [
        {"households": 7, "median_days": 90.0, "p25_days": (30 + 60) / 2, "p75_days": (121 + 131) / 2}
    ]


def test_measure_by_municipality_keeps_group_columns_first(tiny_store, capsys):
    code, out, _ = run_cli(
        capsys, "measure", "housed", "--db", str(tiny_store.path), "--by", "municipality_code", "--json"
    )
    rows = json.loads(out)
    assert list(rows[0]) == ["municipality_code", "municipality_name", "households", "persons"]
    # Landgraaf: HH01, HH02, HH05 → 3 households, suppressed.
    assert rows[-1] == {"municipality_code": "GM0882", "municipality_name": "Landgraaf", "households": "<5", "persons": "<5"}


def test_unknown_group_column_is_a_usage_error(tiny_store, capsys):
    code, _, err = run_cli(capsys, "measure", "housed", "--db", str(tiny_store.path), "--by", "bsn")
    assert code == 2
    assert "onbekende groepering" in err


def test_measure_without_database_explains(tmp_path, capsys):
    code, _, err = run_cli(capsys, "measure", "housed", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and "python -m housing_monitor demo" in err


def test_help_names_every_measure_and_its_figures():
    result = subprocess.run(
        [sys.executable, "-m", "housing_monitor", "measure", "--help"], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0
    for name in MEASURES:
        assert name in result.stdout
    assert "median_days" in result.stdout
