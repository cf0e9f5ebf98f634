"""The Journeys page through streamlit.testing.v1.AppTest: demo journeys listed, a persona's path
and emotion curve, table edits autosaved as versions, an invalid edit refused (rows kept), the
checks panel reacting to an edit."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from tests.apptest_support import stored_project as _stored

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def page(studio_home):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("app_pages/journeys.py")
    at.run()
    assert not at.exception
    return at


def _text(at) -> str:
    parts = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(getattr(el, "value", "")) for el in getattr(at, kind)]
    return "\n".join(parts)


def _pick_home_buying(at):
    pick = next(s for s in at.selectbox if s.key == "_jr_selected")
    pick.set_value(pick.options.index("Buying a new-build home")).run()
    assert not at.exception


def _editor(at, kind):
    return next(e for e in at.data_editor if e.key.startswith(f"jr_{kind}_"))


def _seed(at, kind, edited=None, deleted=None):
    key = _editor(at, kind).key
    at.session_state[key] = {"edited_rows": edited or {}, "added_rows": [], "deleted_rows": deleted or []}
    at.run()
    assert not at.exception


def test_demo_journeys_are_listed_and_a_persona_shows_its_path(page):
    pick = next(s for s in page.selectbox if s.key == "_jr_selected")
    assert set(pick.options) == {"Buying a new-build home", "A tenant who collects (verzamelaar)",
                                 "Disconnection for payment arrears", "When a customer crosses the line"}
    _pick_home_buying(page)
    persona = next(s for s in page.selectbox if s.key.startswith("_jr_persona_"))
    assert "De Regisseur" in persona.options
    persona.set_value("De Regisseur").run()
    assert not page.exception
    text = _text(page)
    assert "The path of **De Regisseur**: 26 steps, 31 moves" in text
    assert "Lowest point: **Change request after the deadline** (-2)" in text


def test_editing_a_node_label_saves_a_new_version(page):
    _pick_home_buying(page)
    before = _stored(page).version
    nodes = _editor(page, "nodes").value
    row = list(nodes["id"]).index("sales_talk")
    _seed(page, "nodes", edited={row: {"label": "Talk with the sales team"}})
    stored = _stored(page)
    assert stored.version == before + 1
    journey = next(j for j in stored.project.journeys if j["name"] == "Buying a new-build home")
    node = next(n for n in journey["nodes"] if n["id"] == "sales_talk")
    assert node["label"] == "Talk with the sales team"
    assert node["label_nl"] == "Gesprek met de verkoopadviseur"  # extra keys survive a table edit


def test_an_invalid_edge_is_refused_with_its_message_and_the_rows_kept(page):
    _pick_home_buying(page)
    before = _stored(page).version
    # make edge 1 the same move as edge 0: a duplicate edge
    _seed(page, "edges", edited={1: {"source": "visit_show_home"}})
    assert _stored(page).version == before
    errors = [e.value for e in page.error]
    assert any("edges[1]: duplicate edge visit_show_home -> sales_talk" in e for e in errors), errors
    pending = page.session_state["_jr_pending"]
    kept = next(v for (kind, _), v in pending.items() if kind == "edges")["frame"]
    assert list(kept["source"][:2]) == ["visit_show_home", "visit_show_home"]


def test_checks_panel_lists_a_dead_end_after_deleting_an_edge(page):
    _pick_home_buying(page)
    assert "dead_end" not in _text(page)
    edges = _editor(page, "edges").value
    row = [i for i, (s, t) in enumerate(zip(edges["source"], edges["target"]))
           if (s, t) == ("debrief", "case_closed")]
    _seed(page, "edges", deleted=row)
    text = _text(page)
    assert "**`dead_end`** · Debrief with the employee involved" in text
    assert "unreachable" in text  # case_closed is only reached through the debrief
    assert "2 open · 1 justified" in text


def test_dutch_page(page):
    page.query_params["lang"] = "nl"
    page.session_state["lang"] = "nl"
    page.run()
    assert not page.exception
    assert "Klantreizen" in _text(page)


def test_add_an_example_then_delete_it(page):
    n = len(_stored(page).project.journeys)
    page.button(key="_jr_do_add").click().run()  # the default source: the first example
    assert not page.exception
    names = [j["name"] for j in _stored(page).project.journeys]
    assert len(names) == n + 1 and names[-1].endswith("(2)")  # a taken name gets a number
    assert next(s for s in page.selectbox if s.key == "_jr_selected").value == n
    page.button(key="_jr_delete").click().run()
    assert [j["name"] for j in _stored(page).project.journeys] == names[:-1]


def test_uploads_are_read_or_refused_in_one_line(page):
    from journeys.formats import to_csv, to_mermaid
    from journeys.model import load_journey

    page.radio(key="_jr_src").set_value("upload").run()
    upload = next(u for u in page.get("file_uploader") if u.key == "_jr_upload")
    upload.set_value(("broken.json", b'{"name": "x", "nodes": [{"id": "a", "kind": "stepp"}]}',
                      "application/json")).run()
    errors = [e.value for e in page.error]
    assert any(e.startswith("broken.json: nodes[0]") for e in errors), errors
    home = load_journey(ROOT / "data" / "journeys" / "water_disconnection.json")
    nodes_csv, edges_csv = to_csv(home)
    upload = next(u for u in page.get("file_uploader") if u.key == "_jr_upload")
    upload.set_value([("water_nodes.csv", nodes_csv.encode(), "text/csv"),
                      ("water_edges.csv", edges_csv.encode(), "text/csv")]).run()
    assert not page.error
    page.button(key="_jr_do_add").click().run()
    added = _stored(page).project.journeys[-1]
    assert added["name"] == "water" and len(added["edges"]) == len(home.edges)
    assert to_mermaid(load_journey(added)).startswith("---")


def test_read_upload_limits_and_formats():
    from ui.journeys_state import MAX_BYTES, read_upload

    data, error = read_upload([("big.json", b" " * (MAX_BYTES + 1))])
    assert data is None and error == "big.json: larger than 5 MB"
    data, error = read_upload([("only_nodes.csv", b"id,label,kind\na,A,start\n")])
    assert data is None and error.startswith("CSV: upload the two files together")
    data, error = read_upload([("flow.mmd", b"flowchart LR\n  a([Start]) --> b{Ok?}\n  b ==> c((End))\n")])
    assert error is None and [n["kind"] for n in data["nodes"]] == ["start", "decision", "end"]
    data, error = read_upload([("flow.graphml", b"<!DOCTYPE x [<!ENTITY a 'b'>]><graphml/>")])
    assert data is None and error.startswith("flow.graphml: ") and "\n" not in error


def test_event_log_compares_designed_and_actual(page):
    _pick_home_buying(page)
    log = ("case_id,activity,timestamp\n"
           "1,Visits the show home,2025-01-01T10:00\n1,sales_talk,2025-01-01T11:00\n1,choose_plot,2025-01-02T10:00\n"
           "2,explore_online,2025-01-01T10:00\n2,sales_talk,2025-01-01T11:00\n2,reserve,2025-01-02T10:00\n")
    upload = next(u for u in page.get("file_uploader") if u.key == "_jr_log")
    upload.set_value(("log.csv", log.encode(), "text/csv")).run()
    assert not page.exception and not page.error
    metrics = {m.label: m.value for m in page.metric}
    assert metrics == {"Events": "6", "Cases": "2", "Cases following the design": "50%"}
    designed, extra = [d.value for d in page.dataframe if list(d.value.columns) == ["from", "to", "times", "cases"]]
    assert designed["times"].sum() == 3  # visit->talk, explore->talk, talk->plot
    assert list(zip(extra["from"], extra["to"], extra["times"])) == [("sales_talk", "reserve", 1)]
