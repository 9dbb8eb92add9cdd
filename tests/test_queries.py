"""Every named query: documented, parameterised, used somewhere, and runnable with sane invariants."""

import re
from pathlib import Path

import pytest

from housing_monitor.db import queries
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


# SQL text built by formatting in Python: only contract identifiers may go in, each listed with why.
# Values never do: they are DuckDB parameters ($name).
SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|FROM|WHERE|JOIN|SET|VALUES)\b")
CONTRACT_TABLE = "a table name from contract.DATASETS (Dataset.name / history_table), never user input"
CONTRACT_KEYS = "key or column names of a contract dataset, joined in Python"
FORMATTED_SQL_ALLOWED = {
    ("housing_monitor/contract.py", "self.name"): CONTRACT_TABLE,
    ("housing_monitor/contract.py", "self.history_table"): CONTRACT_TABLE,
    ("housing_monitor/db/store.py", "dataset.name"): CONTRACT_TABLE,
    ("housing_monitor/db/store.py", "dataset.history_table"): CONTRACT_TABLE,
    ("housing_monitor/ingest/importer.py", "spec.name"): CONTRACT_TABLE,
    ("housing_monitor/ingest/importer.py", "spec.history_table"): CONTRACT_TABLE,
    ("housing_monitor/ingest/importer.py", "keys"): CONTRACT_KEYS + " (_key_list(spec))",
    ("housing_monitor/ingest/importer.py", "kind"): "the literal 'updated' or 'added' from this module",
    ("housing_monitor/ingest/importer.py", "changed('updated')"): "a subquery built here from contract keys",
    ("housing_monitor/ingest/importer.py", "changed('added')"): "a subquery built here from contract keys",
    ("housing_monitor/ingest/importer.py", "source_sql"): "a subquery built in _apply from contract keys",
    ("housing_monitor/ingest/importer.py", "', '.join((f'{c} = s.{c}' for c in others))"): CONTRACT_KEYS,
    ("housing_monitor/ingest/importer.py", "' AND '.join((f't.{k} = s.{k}' for k in spec.key))"): CONTRACT_KEYS,
    ("housing_monitor/ingest/importer.py", "' AND '.join((f't.{k} = h.{k}' for k in spec.key))"): CONTRACT_KEYS,
    ("housing_monitor/ingest/importer.py", "' AND '.join((f't.{k} = i.{k}' for k in spec.key))"): CONTRACT_KEYS,
    ("housing_monitor/ingest/importer.py", "_key_list(spec, 'i')"): CONTRACT_KEYS,
    ("housing_monitor/ingest/importer.py", "spec.key[0]"): CONTRACT_KEYS,
    ("housing_monitor/db/backup.py", "_quoted(table)"): "a table of the archive checked against the contract's "
    "tables before restore, and quoted as an identifier",
}


def _formatted_sql(path: Path):
    """(expression, line) for every value formatted into a string literal that reads as SQL."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if SQL_WORDS.search(text):
                for value in node.values:
                    if isinstance(value, ast.FormattedValue):
                        yield ast.unparse(value.value), node.lineno
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            if isinstance(node.func.value, ast.Constant) and SQL_WORDS.search(str(node.func.value.value)):
                yield ast.unparse(node), node.lineno
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant):
            if SQL_WORDS.search(str(node.left.value)):
                yield ast.unparse(node), node.lineno


def test_no_sql_is_built_by_formatting_values():
    files = [p for d in CODE_DIRS for p in (REPO / d).rglob("*.py")] + [REPO / "dashboard.py"]
    found = {}
    for path in files:
        for expression, line in _formatted_sql(path):
            found.setdefault((str(path.relative_to(REPO)), expression), line)
    unexplained = {f"{file}:{line}: {{{expr}}}" for (file, expr), line in found.items() if (file, expr) not in FORMATTED_SQL_ALLOWED}
    assert not unexplained, "SQL built by formatting (use $parameters, or allow a contract identifier):\n" + "\n".join(sorted(unexplained))
    assert set(FORMATTED_SQL_ALLOWED) <= set(found), f"stale allow-list entries: {set(FORMATTED_SQL_ALLOWED) - set(found)}"
