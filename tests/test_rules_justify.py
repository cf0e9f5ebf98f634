"""Justifying a rules finding on the Rules of play page (issue #8 leftover): withdrawn, the finding is
open again and fails `journey-check --fail-on error`; justified with a reason, it is stored in the
journey's `justified` list as the Journeys page stores it, shown as justified, and no longer fails."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from studio.cli import main
from tests.apptest_support import page_texts, stored_project

ROOT = Path(__file__).resolve().parents[1]
HOME = "Buying a new-build home"
REASON = "Step-free access is a need the buyer states; it only works in the buyer's favour."


@pytest.fixture()
def page(studio_home):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("app_pages/rules.py")
    at.run()
    pick = next(s for s in at.selectbox if s.key == "_ru_journey")
    pick.set_value(pick.options.index(HOME)).run()
    next(s for s in at.selectbox if s.key.startswith("_ru_node_")).set_value("late_change").run()
    assert not at.exception
    return at


def _journey(at) -> dict:
    return next(j for j in stored_project(at).project.journeys if j["name"] == HOME)


def _check(at, tmp_path, capsys) -> tuple[int, list[dict]]:
    """`python -m studio journey-check --fail-on error` on the journey as the store has it now."""
    path = tmp_path / "journey.json"
    path.write_text(json.dumps(_journey(at)), encoding="utf-8")
    code = main(["journey-check", str(path), "--fail-on", "error", "--json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    return code, [f for f in findings if f["node"] == "late_change" and f["code"] == "protected_basis"]


def test_a_rules_finding_is_justified_on_the_rules_page(page, tmp_path, capsys):
    assert "0 open · 1 justified" in page_texts(page)  # the demo ships the step-free access justification
    page.button(key="_ru_unjust_0").click().run()
    assert not page.exception
    assert [j for j in _journey(page).get("justified", []) if j["node"] == "late_change"] == []
    code, found = _check(page, tmp_path, capsys)
    assert code == 1 and len(found) == 1 and not found[0]["justified"]
    assert "1 open · 0 justified" in page_texts(page)

    widget = next(w for w in page.text_area if w.key.startswith("_ru_reason_"))
    widget.input("   ").run()
    page.button(key="_ru_just_0").click().run()  # no reason: refused, nothing stored
    assert [j for j in _journey(page).get("justified", []) if j["node"] == "late_change"] == []

    widget = next(w for w in page.text_area if w.key.startswith("_ru_reason_"))
    widget.input(REASON).run()
    page.button(key="_ru_just_0").click().run()
    assert not page.exception
    stored = [j for j in _journey(page)["justified"] if j["node"] == "late_change"]
    assert len(stored) == 1 and stored[0]["code"] == "protected_basis" and stored[0]["reason"] == REASON
    assert stored[0]["at"]  # when it was accepted
    text = page_texts(page)
    assert "0 open · 1 justified" in text and f"Justified: {REASON}" in text.replace("\\", "")
    code, found = _check(page, tmp_path, capsys)
    assert code == 0 and found[0]["justified"] and found[0]["justification"] == REASON
