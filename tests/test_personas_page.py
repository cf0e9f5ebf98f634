"""The Personas page through streamlit.testing.v1.AppTest on the demo project: without a
segmentation it points to the Segments page; with one, a click generates four cards with share,
avatar, evidence and quotes; edits autosave and survive a regeneration; the lint panel shows and
justifies a finding; user text never reaches the page as markup."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from tests.apptest_support import page_texts as _texts

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 90


def _store():
    from studio.store import Store

    return Store()


def _open(at):
    at.run()
    at.switch_page("app_pages/personas.py")
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture()
def page(studio_home):
    return _open(AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT))


@pytest.fixture()
def segmented(studio_home):
    """The demo project with a GMM k=4 run already stored (no bootstrap: fast)."""
    from segmentation.codebook import parse_codebook
    from studio.segmenting import run_segmentation
    from studio.service import clean_survey, ensure_demo_project, survey_data

    store = _store()
    stored = ensure_demo_project(store)
    project = stored.project
    data = survey_data(store, project)
    cb = parse_codebook(project.codebook, "codebook")
    run = run_segmentation(clean_survey(data, cb, "demo"), cb, "gmm", k=4, n_boot=0)
    project.segmentations.append(run)
    store.save(project, stored.version, note="test run")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["project"] = project.id
    return _open(at)


def _stored(at):
    return _store().load(at.query_params["project"])


def test_no_segmentation_points_to_segments(page):
    from studio.schema import Project

    blank = _store().create(Project(name="No survey yet")).project  # the demo ships with personas
    page.query_params["project"] = blank.id
    page.run()
    assert "No segmentation yet" in _texts(page)
    assert not [b for b in page.button if b.key == "per_generate"]  # nothing to generate from


def test_generate_cards_edit_and_regenerate(segmented):
    at = segmented
    before = _stored(at)
    at.button(key="per_generate").click().run()
    assert not at.exception, at.exception
    after = _stored(at)
    assert after.version == before.version + 1
    personas = after.project.personas
    assert len(personas) == 4
    assert sorted(m.value for m in at.metric) == sorted(f"{p['share']:.0%}" for p in personas)
    assert len(at.get("image")) == 4  # one avatar per card
    texts = _texts(at)
    assert "Much control, relationship" in texts and "In their words" in texts
    assert "No findings" in texts
    charts = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    assert len(charts) == 1 and len(charts[0]["data"]) == 1 and len(charts[0]["data"][0]["x"]) == 4

    # edit a name with markup in it: autosaved, marked edited, shown escaped
    pid = personas[0]["id"]
    at.text_input(key=f"per_name_{pid}").set_value("<b>Regisseur</b> [x](http://evil)").run()
    assert not at.exception
    edited = _stored(at)
    assert edited.version == after.version + 1
    p0 = next(p for p in edited.project.personas if p["id"] == pid)
    assert p0["name"] == "<b>Regisseur</b> [x](http://evil)" and p0["edited"] == ["name"]
    md = [str(m.value) for m in at.markdown]
    assert not any("<b>Regisseur</b>" in v or "](http://evil)" in v for v in md)

    # regenerate: the edit survives and is offered as a choice
    at.button(key="per_generate").click().run()
    assert not at.exception
    regen = _stored(at)
    assert next(p for p in regen.project.personas if p["id"] == pid)["name"].startswith("<b>Regisseur")
    at.button(key="per_take_0").click().run()
    assert not at.exception
    took = next(p for p in _stored(at).project.personas if p["id"] == pid)
    assert took["name"] == personas[0]["name"] and took["edited"] == []


def test_lint_finding_can_be_justified(segmented):
    at = segmented
    at.button(key="per_generate").click().run()
    pid = _stored(at).project.personas[1]["id"]
    at.text_input(key=f"per_tagline_{pid}").set_value("Jonge gezinnen die alles zelf willen regelen").run()
    assert not at.exception
    texts = _texts(at)
    assert "demographic" in texts
    at.text_input(key="per_just_0").set_value("Quoted from the brief, checked with the team")
    at.button(key="per_just_btn_0").click().run()
    assert not at.exception
    stored = next(p for p in _stored(at).project.personas if p["id"] == pid)
    assert stored["justified"] and stored["justified"][0]["reason"].startswith("Quoted")
    assert "Justified: Quoted" in _texts(at)


def test_photo_choice_keeps_the_risk_visible(segmented):
    at = segmented
    at.button(key="per_generate").click().run()
    pid = _stored(at).project.personas[0]["id"]
    at.radio(key=f"per_pic_{pid}").set_value("photo").run()
    assert not at.exception
    assert "A photo shows a gender" in _texts(at)


def test_persona_set_imports_on_a_fresh_project(page, tmp_path):
    """Issue 5 round trip on the page: the downloaded JSON goes back in through the uploader; a
    bad file is refused in one line naming the file, persona and field, and changes nothing."""
    from personas.io import personas_to_json
    from studio.schema import Project

    demo = _stored(page).project  # the demo project ships with personas
    assert demo.personas
    blank = _store().create(Project(name="Leeg project")).project
    page.query_params["project"] = blank.id
    page.run()
    assert "Import a persona set (JSON)" in [e.label for e in page.expander]
    upload = next(u for u in page.get("file_uploader") if u.key == "per_import_file")
    upload.set_value(("kapot.json", b'[{"id": "a", "tagline": "geen naam"}]', "application/json")).run()
    page.button(key="per_import_go").click().run()
    assert any(str(e.value).startswith("kapot.json: personas[0].name: missing") for e in page.error)
    assert _store().load(blank.id).project.personas == []
    data = personas_to_json(demo.personas).encode("utf-8")
    upload = next(u for u in page.get("file_uploader") if u.key == "per_import_file")
    upload.set_value(("personas.json", data, "application/json")).run()
    page.radio(key="per_import_mode").set_value("replace").run()
    page.button(key="per_import_go").click().run()
    assert not page.exception, page.exception
    assert _store().load(blank.id).project.personas == json.loads(data)
    assert any("Imported 4 personas" in str(s.value) for s in page.success)
    assert len(page.get("image")) == 4  # the cards show without a segmentation


def test_persona_language_can_be_switched_on_the_page(segmented):
    at = segmented
    at.segmented_control(key="per_lang").set_value("nl").run()
    at.button(key="per_generate").click().run()
    assert not at.exception, at.exception
    personas = _stored(at).project.personas
    assert len(personas) == 4 and all(p["lang"] == "nl" and p["tagline"] for p in personas)
    assert all(p["name"].startswith(("Veel regie", "Weinig regie")) for p in personas)
