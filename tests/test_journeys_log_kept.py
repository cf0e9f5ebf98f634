"""Designed versus actual survives a reload (issue #7 leftover): the project keeps a compact summary of
an uploaded event log per journey (observed moves with counts, file name, rows, date range; never the
events), the comparison is rebuilt from it in a new session, and "Forget this log" removes it."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from journeys.eventlog import SUMMARY_KEY, compare, from_summary, read_event_log, summarise
from journeys.model import load_journey
from tests.apptest_support import page_texts, stored_project

ROOT = Path(__file__).resolve().parents[1]
HOME = "Buying a new-build home"
LOG = ("case_id,activity,timestamp\n"
       "1,Visits the show home,2025-01-01T10:00\n1,sales_talk,2025-01-01T11:00\n1,choose_plot,2025-01-02T10:00\n"
       "2,explore_online,2025-01-01T10:00\n2,sales_talk,2025-01-01T11:00\n2,reserve,2025-01-03T10:00\n")
METRICS = {"Events": "6", "Cases": "2", "Cases following the design": "50%"}


def _journey() -> object:
    return load_journey(ROOT / "data" / "journeys" / "home_buying.json")


def test_the_summary_rebuilds_the_comparison_without_the_events():
    journey = _journey()
    log = read_event_log(LOG.encode(), "log.csv")
    mapping = {"Visits the show home": "visit_show_home", "sales_talk": "sales_talk", "choose_plot": "choose_plot",
               "explore_online": "explore_online", "reserve": "reserve"}
    live = compare(journey, log, mapping)
    summary = json.loads(json.dumps(summarise(journey, log, mapping, "log.csv", "abc")))  # as stored
    assert summary["rows"] == 6 and summary["cases"] == 2 and summary["file"] == "log.csv"
    assert summary["first"].startswith("2025-01-01T10:00") and summary["last"].startswith("2025-01-03T10:00")
    assert sorted(map(tuple, summary["transitions"])) == [
        ("explore_online", "sales_talk", 1, 1), ("sales_talk", "choose_plot", 1, 1),
        ("sales_talk", "reserve", 1, 1), ("visit_show_home", "sales_talk", 1, 1)]
    assert "case_id" not in json.dumps(summary)  # no event, no case id is kept
    again = from_summary(journey, summary)
    assert (again.n_events, again.n_cases, again.share_following) == (6, 2, 0.5)
    assert again.edge_counts == live.edge_counts
    pd.testing.assert_frame_equal(again.edges, live.edges)
    pd.testing.assert_frame_equal(again.extra, live.extra)


def test_a_broken_summary_is_refused_in_one_line():
    journey = _journey()
    with pytest.raises(ValueError, match=r"^event_log\.transitions\[0\]: expected \[source, target, count, cases\]$"):
        from_summary(journey, {"rows": 1, "cases": 1, "share_following": 1.0, "transitions": [["a", "b", "x", 1]]})
    with pytest.raises(ValueError, match=r"^event_log\.rows: expected int"):
        from_summary(journey, {"rows": "many", "cases": 1, "share_following": 1.0, "transitions": []})


def _journeys_page(pid: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    if pid:
        at.query_params["project"] = pid
    at.run()
    at.switch_page("app_pages/journeys.py")
    at.run()
    pick = next(s for s in at.selectbox if s.key == "_jr_selected")
    pick.set_value(pick.options.index(HOME)).run()
    assert not at.exception, at.exception
    return at


def _home(at) -> dict:
    return next(j for j in stored_project(at).project.journeys if j["name"] == HOME)


def _tables(at) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe if list(d.value.columns) == ["from", "to", "times", "cases"]]


def test_the_comparison_is_shown_again_after_a_reload_until_forgotten(studio_home):
    at = _journeys_page()
    pid = at.query_params["project"]
    upload = next(u for u in at.get("file_uploader") if u.key == "_jr_log")
    upload.set_value(("log.csv", LOG.encode(), "text/csv")).run()
    assert not at.exception and not at.error
    assert {m.label: m.value for m in at.metric} == METRICS
    designed, extra = _tables(at)
    kept = _home(at)[SUMMARY_KEY]
    assert kept["file"] == "log.csv" and kept["rows"] == 6 and kept["saved_at"]
    version = stored_project(at).version
    at.run()  # nothing changed: no new version on every rerun
    assert stored_project(at).version == version

    reloaded = _journeys_page(pid)  # a new session: no upload, the project only
    assert not reloaded.exception and not reloaded.error
    assert {m.label: m.value for m in reloaded.metric} == METRICS
    again_designed, again_extra = _tables(reloaded)
    pd.testing.assert_frame_equal(again_designed, designed)
    pd.testing.assert_frame_equal(again_extra, extra)
    text = page_texts(reloaded).replace("\\", "")
    assert "Kept from the log **log.csv**: 6 rows, 2025-01-01 – 2025-01-03" in text

    reloaded.button(key="_jr_forget_log").click().run()
    assert not reloaded.exception
    assert SUMMARY_KEY not in _home(reloaded)
    assert reloaded.metric.len == 0 and not [b for b in reloaded.button if b.key == "_jr_forget_log"]
    assert _journeys_page(pid).metric.len == 0


def test_forgetting_while_the_log_is_uploaded_does_not_keep_it_again(studio_home):
    at = _journeys_page()
    next(u for u in at.get("file_uploader") if u.key == "_jr_log").set_value(
        ("log.csv", LOG.encode(), "text/csv")).run()
    assert SUMMARY_KEY in _home(at)
    at.button(key="_jr_forget_log").click().run()
    at.run()
    assert not at.exception
    assert SUMMARY_KEY not in _home(at)
    assert {m.label: m.value for m in at.metric} == METRICS  # the upload is still compared in the session
    at.button(key="_jr_keep_log").click().run()
    assert _home(at)[SUMMARY_KEY]["rows"] == 6
