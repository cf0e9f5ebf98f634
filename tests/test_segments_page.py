"""The Segments page through streamlit.testing.v1.AppTest on the demo project: a run is saved as a
project version, a k range shows its selection chart, a demographic input needs a reason, the
typing tool shows its accuracy and its live scoring form agrees with the fitted tool."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest
from tests.apptest_support import page_texts as _texts, stored_project as _stored

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 90


@pytest.fixture()
def page(studio_home):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    at.switch_page("app_pages/segments.py")
    at.run()
    assert not at.exception
    return at


def _charts(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def _method(at, method: str) -> None:
    at.segmented_control(key="seg_method").set_value(method).run()
    assert not at.exception


def test_quadrant_run_is_saved_as_a_new_version_and_mapped(page):
    before = _stored(page)
    runs_before = len(before.project.segmentations)  # the demo project ships with its GMM run
    page.button(key="seg_run").click().run()
    assert not page.exception
    after = _stored(page)
    assert after.version == before.version + 1
    assert len(after.project.segmentations) == runs_before + 1
    run = after.project.segmentations[-1]
    assert run["method"] == "quadrant" and run["k"] == 4 and run["n"] == 1200
    axis_map = next(c for c in _charts(page) if any("near a cut" in (tr.get("name") or "") for tr in c["data"]))
    assert len(axis_map["layout"]["shapes"]) >= 2  # the two cut lines
    assert [m.value for m in page.metric if m.label == "Segments"] == ["4"]

    # mark it as the chosen run: stored as a new version, only that run chosen
    page.button(key="seg_choose").click().run()
    assert not page.exception
    chosen = _stored(page)
    assert chosen.version == after.version + 1
    assert [bool(r.get("chosen")) for r in chosen.project.segmentations] == [False] * runs_before + [True]


def test_kmeans_k_range_shows_the_selection_chart(page):
    _method(page, "kmeans")
    page.toggle(key="seg_use_range").set_value(True).run()
    page.slider(key="seg_k_range").set_value((2, 5)).run()
    page.number_input(key="seg_n_boot").set_value(3).run()
    page.button(key="seg_run").click().run()
    assert not page.exception
    run = _stored(page).project.segmentations[-1]
    assert run["method"] == "kmeans" and [r["k"] for r in run["selection"]] == [2, 3, 4, 5]
    k_chart = next(c for c in _charts(page) if any(a.get("text", "").startswith("Silhouette")
                                                    for a in c["layout"].get("annotations", [])))
    xs = [tr["x"] for tr in k_chart["data"] if tr.get("mode") == "lines+markers"]
    assert xs and all(list(x) == [2, 3, 4, 5] for x in xs)
    assert any(tr.get("name") == "chosen k" and tr["x"] == [run["k"]] for tr in k_chart["data"])


def test_demographic_input_is_refused_without_a_reason(page):
    before = _stored(page).version
    _method(page, "lca")
    page.checkbox(key="seg_override").check().run()
    assert "postcode" in page.multiselect(key="seg_demographics").options
    page.multiselect(key="seg_demographics").select("age_band").run()
    page.button(key="seg_run").click().run()
    assert not page.exception
    assert any("needs a reason" in e.value for e in page.error)
    assert _stored(page).version == before  # nothing saved

    page.number_input(key="seg_lca_k").set_value(2).run()
    page.number_input(key="seg_starts").set_value(1).run()
    page.number_input(key="seg_n_boot").set_value(0).run()
    page.text_input(key="seg_reason").input("pilot: compare with the old age-based segments").run()
    page.button(key="seg_run").click().run()
    assert not page.exception
    stored = _stored(page)
    assert stored.version == before + 1
    run = stored.project.segmentations[-1]
    assert "age_band" in run["inputs"] and run["override_reason"].startswith("pilot")
    assert any("age_band" in w.value and "pilot" in w.value for w in page.warning)


def test_typing_tool_shows_accuracy_and_the_form_agrees_with_the_tool(page):
    from segmentation.typing_tool import TypingTool
    from ui.segments_state import score_rule

    page.number_input(key="seg_n_boot").set_value(2).run()
    page.button(key="seg_run").click().run()
    accuracy = [m for m in page.metric if m.label.startswith("Accuracy")]
    assert accuracy and 0.5 < float(accuracy[0].value.rstrip("%")) / 100 <= 1.0
    assert any(s.value.startswith("Typed as:") for s in page.success)

    # the live form evaluates the exported rule exactly as TypingTool.predict (and the SQL) do
    stored = _stored(page)
    from studio.store import Store

    data = Store().read_survey(stored.project.survey.table)
    items = data[[f"c{i}" for i in range(1, 7)] + [f"r{i}" for i in range(1, 7)]].replace(-9, np.nan)
    labels = np.asarray(stored.project.segmentations[-1]["labels"])
    tool = TypingTool(max_questions=6).fit(items, labels)
    rule = tool.to_rule()
    expected = tool.predict(items[tool.questions_])
    got = [score_rule(rule, {q: row[q] for q in tool.questions_}) for _, row in items.iterrows()]
    assert list(expected) == got


def test_dutch_interface(studio_home):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = "nl"
    at.run()
    at.switch_page("app_pages/segments.py")
    at.run()
    assert not at.exception
    assert "Segmenten" in _texts(at) and "Segments" not in _texts(at)


def test_a_run_saved_while_someone_else_saved_is_offered_for_merge_not_lost(page, monkeypatch):
    import ui.segments_state as ss
    from studio.store import Store

    real = ss.run_segmentation

    def colleague_saves_during_the_run(*args, **kwargs):
        other = _stored(page)
        other.project.description = "edited elsewhere"
        Store().save(other.project, other.version)
        return real(*args, **kwargs)

    runs_before = len(_stored(page).project.segmentations)
    monkeypatch.setattr(ss, "run_segmentation", colleague_saves_during_the_run)
    page.number_input(key="seg_n_boot").set_value(0).run()
    page.button(key="seg_run").click().run()
    assert not page.exception
    assert len(_stored(page).project.segmentations) == runs_before  # refused, not silently overwritten
    assert any("not saved" in e.value for e in page.error)
    monkeypatch.setattr(ss, "run_segmentation", real)
    page.button(key="_conflict_reapply").click().run()
    merged = _stored(page).project
    assert merged.description == "edited elsewhere" and len(merged.segmentations) == runs_before + 1
