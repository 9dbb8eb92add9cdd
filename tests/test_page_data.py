"""ui.data.together: a page's independent data calls side by side, results in order, wall time counted once."""

import threading
import time

import pytest

from ui import data


def test_results_come_back_in_the_order_asked():
    assert data.together(lambda: "a", lambda: None, lambda: 3) == ["a", None, 3]


def test_two_calls_run_at_the_same_time():
    # Each call waits for the other at the barrier: run one after the other, the first would time out.
    both = threading.Barrier(2, timeout=5)

    def meet():
        both.wait()
        return threading.current_thread().name

    names = data.together(meet, meet)
    assert len(set(names)) == 2 and all(name.startswith("page-data") for name in names)


def test_a_failing_call_fails_the_page_as_it_would_alone():
    def broken():
        raise ValueError("query failed")

    with pytest.raises(ValueError, match="query failed"):
        data.together(lambda: 1, broken)


def test_the_data_clock_counts_the_wall_time_once():
    # Two timed calls of 0,2 s side by side: about 0,2 s of data time, not the 0,4 s of both added up.
    nap = data.timed(lambda: time.sleep(0.2))
    data.data_seconds(reset=True)
    data.together(nap, nap)
    spent = data.data_seconds(reset=True)
    assert 0.2 <= spent < 0.39  # both added up would be 0,4 s or more


def test_each_call_carries_the_visitors_context():
    # Caches and session state (whose rights decide which projects show) belong to the visitor's script context.
    from unittest import mock

    from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

    visitor = mock.MagicMock(name="the visitor's script run context")
    seen = []
    # The page's script thread, with the visitor's context attached before it starts (as Streamlit does).
    script = threading.Thread(target=lambda: seen.extend(data.together(get_script_run_ctx, get_script_run_ctx)))
    add_script_run_ctx(script, visitor)
    script.start()
    script.join()
    assert len(seen) == 2 and seen[0] is visitor and seen[1] is visitor


def test_a_thread_outside_any_session_sees_no_projects(monkeypatch):
    # In a running server, a thread without a visitor's context must not fall back to the local mode's rights.
    from streamlit.runtime import Runtime

    from housing_monitor.access import OUTSIDE_SESSION

    monkeypatch.setattr(Runtime, "exists", classmethod(lambda cls: True))
    result = []
    worker = threading.Thread(target=lambda: result.append(data.access()))
    worker.start()
    worker.join()
    assert result == [OUTSIDE_SESSION]
    assert not OUTSIDE_SESSION.sees_project("GM0034", "Ymere")
