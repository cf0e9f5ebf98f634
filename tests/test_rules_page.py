"""The Rules of play page through streamlit.testing.v1.AppTest on the demo project: the
home-buying journey's late_change table renders, tracing a case shows the firing rule and the
explanation staff can give, edits autosave as project versions and the checks react (a row
without a why, an input renamed to a proxy), an invalid edit is refused with the rows kept, a
table is created for a discretion point and the aggression protocol is inserted."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from tests.apptest_support import stored_project as _stored

ROOT = Path(__file__).resolve().parents[1]
HOME = "Buying a new-build home"


@pytest.fixture()
def page(studio_home):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("app_pages/rules.py")
    at.run()
    assert not at.exception
    return at


def _text(at) -> str:
    parts = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(getattr(el, "value", "")) for el in getattr(at, kind)]
    return "\n".join(parts).replace("\\", "")


def _pick(at, journey=HOME, node=None):
    pick = next(s for s in at.selectbox if s.key == "_ru_journey")
    pick.set_value(pick.options.index(journey)).run()
    assert not at.exception
    if node is not None:
        next(s for s in at.selectbox if s.key.startswith("_ru_node_")).set_value(node).run()
        assert not at.exception


def _editor(at, kind):
    return next(e for e in at.data_editor if e.key.startswith(f"ru_{kind}_"))


def _seed(at, kind, edited=None, deleted=None):
    key = _editor(at, kind).key
    at.session_state[key] = {"edited_rows": edited or {}, "added_rows": [], "deleted_rows": deleted or []}
    at.run()
    assert not at.exception


def _table(stored, journey=HOME, node="late_change"):
    return next(j for j in stored.project.journeys if j["name"] == journey)["rules"].get(node)


def _codes(at) -> list[str]:
    return [m.value.split("`")[1] for m in at.markdown if "**`" in str(m.value)]


def test_late_change_table_renders_with_its_rows_and_checks(page):
    _pick(page)
    node = next(s for s in page.selectbox if s.key.startswith("_ru_node_"))
    assert node.value == "late_change"
    assert node.options[0].startswith("★ Change request after the deadline")  # discretion first, marked
    rows = _editor(page, "rows").value
    assert len(rows) == 8 and rows["then"].iloc[0] == "escalate"
    assert rows["if:buyer_behaviour"].iloc[0] == "threatening" and rows["if:reason"].iloc[0] == "-"
    inputs = _editor(page, "inputs").value
    assert list(inputs["name"]) == ["buyer_behaviour", "disability_step_free_access", "reason", "cost_impact"]
    assert inputs["values"].iloc[3] == "none, small, large"
    text = _text(page)
    assert "0 open · 1 justified" in text  # the step-free access input is a justified protected basis
    assert _codes(page) == ["protected_basis"]


def test_trace_a_case_shows_the_row_that_fires_and_the_explanation(page):
    _pick(page)
    key = next(s.key for s in page.selectbox if s.key.endswith("_disability_step_free_access"))
    page.selectbox(key=key).set_value(False).run()
    page.selectbox(key=next(s.key for s in page.selectbox if s.key.endswith("_reason"))) \
        .set_value("changed_household").run()
    page.selectbox(key=next(s.key for s in page.selectbox if s.key.endswith("_cost_impact"))) \
        .set_value("small").run()
    assert not page.exception
    text = _text(page)
    assert "Rule 5 applies** · Outcome: **accept**" in text
    assert "Why: A change in household (a baby on the way" in text
    info = [i.value.replace("\\", "") for i in page.info]
    assert any(i.startswith("Rule 5 applies because ") and "reason is changed_household" in i
               and "cost_impact is small" in i and 'so: "accept". Why: A change in household' in i
               and "rule 5 decides because it is the first that applies" in i for i in info), info
    # what would change the outcome: one input changed, the first declared input on a tie
    assert "If **buyer_behaviour** were **threatening** instead of constructive, the outcome would be " \
        "**escalate**." in text


def test_a_row_without_why_is_flagged_and_saved_as_a_new_version(page):
    _pick(page)
    before = _stored(page).version
    _seed(page, "rows", edited={3: {"why": None}})
    stored = _stored(page)
    assert stored.version == before + 1
    assert "why" not in _table(stored)["rows"][3]
    assert "unexplained_rule" in _codes(page)
    assert 'Rule 4 at "Change request after the deadline" (late_change) ("accept") does not say why.' \
        in _text(page)


def test_an_input_renamed_to_postcode_raises_proxy_basis(page):
    _pick(page)
    _seed(page, "inputs", edited={2: {"name": "postcode"}})
    table = _table(_stored(page))
    assert [i["name"] for i in table["inputs"]][2] == "postcode"
    assert table["rows"][2]["when"] == {"postcode": "health_or_safety"}  # conditions follow the rename
    assert "proxy_basis" in _codes(page)
    assert "is about postcode, a known proxy for a protected ground" in _text(page)


def test_an_invalid_condition_is_refused_and_the_rows_kept(page):
    _pick(page)
    before = _stored(page).version
    _seed(page, "rows", edited={4: {"if:cost_impact": "huge"}})
    assert _stored(page).version == before
    errors = [e.value for e in page.error]
    assert any("rules.late_change.rows[4].when.cost_impact: 'huge' is not one of none, small, large" in e
               for e in errors), errors
    (where, kept), = page.session_state["_ru_pending"].items()
    assert where[1] == "late_change"
    kept = kept["rows"]
    assert kept["if:cost_impact"].iloc[4] == "huge"


def test_create_a_table_for_a_discretion_point_and_insert_the_protocol(page):
    from journeys.model import load_journey

    _pick(page)
    before = _stored(page).version
    # remove the table first, then create one from the example
    page.button(key="_ru_delete").click().run()
    assert _table(_stored(page)) is None
    assert any("discretion" in w.value for w in page.warning)
    page.button(key="_ru_create").click().run()
    assert not page.exception
    table = _table(_stored(page))
    assert table["hit_policy"] == "first" and table["rows"][-1]["when"] == {}
    page.button(key="_ru_protocol_do").click().run()
    assert not page.exception
    stored = _stored(page)
    assert stored.version == before + 3
    journey = next(j for j in stored.project.journeys if j["name"] == HOME)
    assert "aggression_after_warning" in journey["rules"]
    load_journey(journey)
    node = next(s for s in page.selectbox if s.key.startswith("_ru_node_"))
    assert node.value == "aggression_after_warning"  # the new decision point is shown


def test_dutch_page(page):
    page.query_params["lang"] = "nl"
    page.session_state["lang"] = "nl"
    _pick(page)
    text = _text(page)
    assert "Spelregels" in text and "Wat medewerkers de klant kunnen vertellen" in text
    assert any(i.value.replace("\\", "").startswith("Regel 1 is van toepassing") or
               "van toepassing" in i.value.replace("\\", "") for i in page.info)
