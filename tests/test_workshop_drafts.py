"""A workshop disagreement becomes a draft rules-of-play row: the modal answer, its count in the
why, every condition left open, the differentiation test unanswered; the Workshop page's button
appends it to the decision point's table, and the session stays in the project."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from journeys.model import TEST_QUESTIONS, load_journey
from studio import workshops as ws
from studio.store import Store
from workshop.drafts import add_draft_row, draft_rule_row, find_decision_point, is_disagreement

ROOT = Path(__file__).resolve().parents[1]
CASE = {"id": "c3", "text": "Neighbours complain", "answers": ["evict", "mediate", "warn"],
        "decision_point": "assess"}


def _votes() -> pd.DataFrame:
    rows = [("mediate", "policy")] * 10 + [("mediate", "fairness")] * 4 + [("evict", "policy")] * 8
    return pd.DataFrame([{"case": "c3", "rater": f"r{i}", "value": v, "basis": b}
                         for i, (v, b) in enumerate(rows)])


def test_draft_row_names_the_modal_answer_and_leaves_the_condition_open():
    table = {"hit_policy": "first", "inputs": [{"name": "risk", "values": ["low", "high"]},
                                               {"name": "first_time", "values": [True, False]}],
             "rows": [{"when": {"risk": "high"}, "then": "evict"}]}
    row = draft_rule_row(CASE, _votes(), table, date="2026-11-23")
    assert row["when"] == {"risk": "-", "first_time": "-"}
    assert row["then"] == "mediate"
    assert row["why"] == ("Workshop 2026-11-23: 14 of 22 staff chose 'mediate' on case 'c3' (64 %); "
                          "most said 'policy'. Fill in the condition that makes this the rule.")
    assert row["test"] == {q: None for q in TEST_QUESTIONS}
    # the drafted table is still a valid rules-of-play table
    journey = {"name": "J", "nodes": [{"id": "assess", "label": "Assess", "kind": "decision"}],
               "rules": {"assess": table}}
    out = add_draft_row(journey, "assess", row)
    assert load_journey(out).rules["assess"].rows[-1].then == "mediate"
    assert len(journey["rules"]["assess"]["rows"]) == 1  # the input journey is not changed


def test_draft_without_table_creates_a_minimal_first_hit_table():
    row = draft_rule_row(CASE, [{"value": "warn"}, {"value": "evict"}, {"value": "warn"}], None, date="d")
    assert row["when"] == {} and row["then"] == "warn" and "2 of 3" in row["why"]
    journey = {"name": "J", "nodes": [{"id": "assess", "label": "Assess", "kind": "decision"}]}
    table = load_journey(add_draft_row(journey, "assess", row)).rules["assess"]
    assert table.hit_policy == "first" and table.inputs == [] and len(table.rows) == 1


def test_draft_ties_go_to_the_first_answer_and_no_votes_is_refused():
    row = draft_rule_row(CASE, [{"value": "warn"}, {"value": "evict"}], None)
    assert row["then"] == "evict"  # as agreement_report's mode: a tie goes to the first alphabetically
    with pytest.raises(ValueError, match="c3"):
        draft_rule_row(CASE, pd.DataFrame(columns=["value"]), None)
    with pytest.raises(ValueError, match=r"votes\[0\]"):
        draft_rule_row(CASE, [{"answer": "x"}], None)


def test_decision_point_is_found_by_journey_name_or_by_search():
    journeys = [{"name": "A", "nodes": [{"id": "x"}]}, {"name": "B", "nodes": [{"id": "assess"}]},
                {"name": "C", "nodes": [{"id": "assess"}]}]
    assert find_decision_point(CASE, journeys) == 1
    assert find_decision_point({**CASE, "journey": "C"}, journeys) == 2
    assert find_decision_point({**CASE, "journey": "A"}, journeys) is None
    assert find_decision_point({"id": "c"}, journeys) is None
    assert is_disagreement({"n": 22, "share_mode": 0.64}) and not is_disagreement({"n": 22, "share_mode": 0.9})
    assert not is_disagreement({"n": 1, "share_mode": 0.0})


def test_cli_session_is_recorded_in_the_project_without_token(studio_home):
    from studio.schema import Project

    store = Store()
    pid = store.create(Project(name="Audit project")).project.id
    cases = [CASE, {"id": "c4", "text": "Grace?", "scale": {"min": 0, "max": 26}},
             {**CASE, "id": "c5"}]
    code, token = ws.create_session(pid, cases, "Audit")
    entry = store.load(pid).project.workshops[-1]
    assert entry == {"code": code, "title": "Audit", "created_at": entry["created_at"], "status": "open",
                     "n_cases": 3, "decision_points": ["assess"]}
    ws.set_status(code, token, "closed", record=True)
    assert [w["status"] for w in store.load(pid).project.workshops] == ["closed"]
    assert token not in store.load(pid).project.model_dump_json()


def test_page_button_appends_the_draft_row_and_records_the_session(studio_home):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("app_pages/workshop.py")
    at.run()
    at.button(key="wk_create").click().run()
    assert not at.exception, at.exception
    code, pid = at.query_params["ws"], at.query_params["project"]
    for i, answer in enumerate(["refuse"] * 3 + ["accept"] * 2):
        ws.cast_vote(code, {"vote_id": f"v{i}", "participant": f"p{i}", "case": "late_change",
                            "value": answer, "basis": "policy"})
    at.run()
    assert not at.exception, at.exception
    store = Store()
    before = store.load(pid).project
    assert [w["code"] for w in before.workshops] == [code]
    index = next(i for i, j in enumerate(before.journeys) if j["name"] == "Buying a new-build home")
    n_rows = len(before.journeys[index]["rules"]["late_change"]["rows"])
    at.button(key="wk_draft_late_change").click().run()
    assert not at.exception, at.exception
    table = store.load(pid).project.journeys[index]["rules"]["late_change"]
    assert len(table["rows"]) == n_rows + 1
    row = table["rows"][-1]
    assert row["then"] == "refuse" and "3 of 5 staff chose 'refuse'" in row["why"]
    assert set(row["when"].values()) <= {"-"} and all(v is None for v in row["test"].values())
    assert any("/rules?project=" in str(m.value) for m in at.markdown)
    downloads = {b.proto.label for b in at.get("download_button")}
    assert {"Summary (PDF)", "Summary (PNG)", "Export votes (CSV)"} <= downloads
    at.button(key="wk_close").click().run()
    assert store.load(pid).project.workshops[-1]["status"] == "closed"
