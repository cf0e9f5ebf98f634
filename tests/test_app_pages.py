"""Page logic through streamlit.testing.v1.AppTest: the app opens on the demo project, the Data page
shows reliability, edits autosave as versions, stale saves are refused, both languages render."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from tests.apptest_support import page_texts as _texts

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 60


@pytest.fixture()
def app(studio_home):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    return at


def test_first_start_opens_the_demo_project_with_reliability(app):
    app.run()
    assert not app.exception
    assert app.query_params.get("project")
    text = _texts(app)
    assert "home buyers" in text.lower() or "Data" in text
    tables = [df.value for df in app.dataframe]
    reliability = next(t for t in tables if "alpha" in t.columns)
    assert set(reliability["scale"]) >= {"Control", "Process or relationship"} or len(reliability) == 2
    assert (reliability["alpha"] >= 0.75).all()


def test_dutch_interface(app):
    app.query_params["lang"] = "nl"
    app.run()
    assert not app.exception
    assert "Betrouwbaarheid" in _texts(app)


def test_same_project_after_restart(app, studio_home):
    app.run()
    pid = app.query_params["project"]
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    again.query_params["project"] = pid
    again.run()
    assert again.query_params["project"] == pid
    assert not again.exception


def test_codebook_edit_autosaves_a_new_version(app):
    from studio.store import Store

    app.run()
    pid = app.query_params["project"]
    before = Store().load(pid).version
    missing = next(t for t in app.text_input if t.key.startswith("cb_missing_"))
    missing.set_value("-9, weet niet").run()
    assert not app.exception
    stored = Store().load(pid)
    assert stored.version == before + 1
    assert stored.project.codebook["missing"] == [-9, "weet niet"]


def test_stale_edit_is_refused_with_a_choice(app):
    from studio.store import Store

    app.run()
    pid = app.query_params["project"]
    store = Store()
    other = store.load(pid)  # a second tab saves first
    other.project.description = "edited elsewhere"
    store.save(other.project, other.version)
    missing = next(t for t in app.text_input if t.key.startswith("cb_missing_"))
    missing.set_value("-9, -8").run()
    assert not app.exception
    assert any("not saved" in e.value for e in app.error)
    assert store.load(pid).project.description == "edited elsewhere"
    reapply = next(b for b in app.button if b.key == "_conflict_reapply")
    reapply.click().run()
    final = store.load(pid).project
    assert final.description == "edited elsewhere" and final.codebook["missing"] == [-9, -8]


def test_project_page_lists_history(app):
    app.switch_page("app_pages/project.py").run()
    assert not app.exception
    assert any("v1" in m.value for m in app.markdown)
