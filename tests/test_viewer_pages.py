"""Viewers see everything and change nothing, on every page (issue #11, "Access").

A project shared to view is opened on each page as that viewer; every enabled control the page
shows is then clicked, typed into or switched, one at a time with a rerun after each, and the store
must stay exactly as it was: same project version and content, same number of rows in every table
(no survey table, workshop session, vote or project added), and no click may end in the "Not
saved: read-only for you" refusal: the controls that would save are disabled or hidden, so there is
nothing to click that could only be refused afterwards (against the pages before issue #11's
viewer pass, six of the eight pages fail on that refusal: Run, Generate, Add journey, ...). The same
project opened by an editor does save a rename, so the check can see a change when there is one.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from studio import access
from studio import workshops as ws
from studio.service import create_demo_project
from studio.store import Store
from tests.apptest_support import page_texts
from tests.test_access import AUTH
from workshop.sessions import parse_cases

ROOT = Path(__file__).resolve().parents[1]
ALICE, BOB = "alice@example.com", "bob@example.com"
BANNER = f"Read-only: `{ALICE}` shared this project with you to view."
REFUSED = "Not saved: this project is read-only for you"  # ui.state.refuse: never reached if nothing saving is offered
KINDS = ("button", "checkbox", "toggle", "radio", "selectbox", "segmented_control", "multiselect",
         "text_input", "text_area", "number_input", "slider", "file_uploader")
# Controls a viewer keeps on purpose although they write something: each makes the viewer's OWN new
# project (or ends their sign-in), never a change to the project shared with them.
OWN_ACTIONS = {"_sign_out", "_lang_choice", "fresh_demo", "project_upload", "Name of the new project",
               "FormSubmitter:new_project-Create project"}
# Tables a viewer may still edit: the mapping of an uploaded event log to the journey's steps,
# which is kept in the session only (designed versus actual, a read-only comparison).
SCRATCH_EDITORS = ("jr_mapping_",)
UPLOADS_KEPT = {"_jr_log", "project_upload"}  # read a log to compare / open a file as one's own project
LOG = b"case,activity,timestamp\n1,Viewing,2024-01-01 10:00\n1,Reservation,2024-01-02 10:00\n"
CASES = """\
- id: late_change
  decision_point: late_change
  text: A buyer asks to move the kitchen wall two weeks after the deadline.
  answers: [accept, refuse, escalate]
"""


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """The demo project owned by Alice, shared with Bob to view, with a workshop that disagrees."""
    home = tmp_path_factory.mktemp("viewer-home")
    patch = pytest.MonkeyPatch()
    patch.setenv("STUDIO_HOME", str(home))
    patch.delenv("STUDIO_DB_URL", raising=False)
    store = Store()
    pid = create_demo_project(store).project.id
    access.share(store, pid, ALICE, "owner", by=None)
    access.share(store, pid, BOB, "viewer", by=ALICE)
    code, token = ws.create_session(pid, parse_cases(CASES, "cases.yaml"), "Change requests", url=store.url)
    for i, answer in enumerate(["accept", "refuse", "escalate", "refuse"]):
        ws.cast_vote(code, {"vote_id": f"v{i}", "participant": f"p{i}", "case": "late_change", "value": answer},
                     url=store.url)
    yield store, pid, code, token
    patch.undo()


def snapshot(store: Store, pid: str) -> tuple:
    """Everything a save would change: the project's version and content, and every table's size."""
    stored = store.load(pid)
    with store.engine.connect() as conn:
        sizes = {name: conn.execute(sa.text(f'SELECT COUNT(*) FROM "{name}"')).scalar()
                 for name in sa.inspect(conn).get_table_names()}
    return stored.version, stored.project.model_dump_json(), sizes


def _app(pid: str, page: str, email: str = BOB, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": email, "sub": email.split("@")[0]}
    at.query_params["project"] = pid
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(page)
    return at


def _force(widget, state: WidgetState) -> None:
    """Send `state` for this widget on the next run: what a browser sends when the user picks a
    shown option (the formatted label), without needing the option's Python value."""
    cls = type(widget)
    widget.__class__ = type(f"Forced{cls.__name__}", (cls,), {"_widget_state": property(lambda self: state)})


def _poke(kind: str, w) -> None:
    """Change one control the way a user would (another option, other text, a click)."""
    state = WidgetState()
    state.id = w.id
    if kind == "button":
        w.click()
    elif kind in ("checkbox", "toggle"):
        w.set_value(not w.value)
    elif kind in ("radio", "selectbox"):
        current = w.index if w.value is not None else -1
        state.string_value = w.options[(current + 1) % len(w.options)]
        _force(w, state)
    elif kind == "segmented_control":
        chosen = set(w.formatted_values)
        state.string_array_value.data[:] = [next((o for o in w.options if o not in chosen), w.options[0])]
        _force(w, state)
    elif kind == "multiselect":
        chosen = list(w.values)
        state.string_array_value.data[:] = chosen[1:] if chosen else w.options[:1]
        _force(w, state)
    elif kind in ("text_input", "text_area"):
        w.input("viewer was here")
    elif kind == "number_input":
        w.decrement() if w.value is not None and w.value >= w.proto.max else w.increment()
    elif kind == "slider":
        value = w.value
        w.set_value([w.min, w.max] if isinstance(value, (list, tuple)) else (w.min if value != w.min else w.max))
    elif kind == "file_uploader":
        ext = (w.allowed_type or [".csv"])[0]
        content = {".json": b"{}", ".yaml": b"- id: x\n", ".yml": b"- id: x\n"}.get(ext, LOG)
        w.set_value((f"upload{ext}", content, "application/octet-stream"))


def _controls(at) -> list[tuple[tuple, str, object]]:
    """The page's enabled controls, each with an identity that survives a rerun."""
    out, seen = [], {}
    for kind in KINDS:
        for w in getattr(at, kind):
            if getattr(w.proto, "disabled", False):
                continue
            name = w.key or getattr(w, "label", "")
            seen[(kind, name)] = seen.get((kind, name), -1) + 1
            out.append(((kind, name, seen[(kind, name)]), kind, w))
    return out


def _click_everything(at, store: Store, pid: str, before: tuple, limit: int = 40) -> list[tuple]:
    """Poke every enabled control once (new ones that appear too), asserting after each rerun."""
    done: list[tuple] = []
    for _ in range(limit):
        todo = [(ident, kind, w) for ident, kind, w in _controls(at)
                if ident not in done and ident[1] not in OWN_ACTIONS]
        if not todo:
            break
        ident, kind, w = todo[0]
        done.append(ident)
        _poke(kind, w)
        at.run()
        assert not at.exception, (ident, [e.value for e in at.exception])
        assert snapshot(store, pid) == before, f"{ident} changed the store"
        assert BANNER in page_texts(at), f"no read-only banner after {ident}"
        refused = REFUSED in page_texts(at) or "_notice" in at.session_state
        assert not refused, f"{ident} offered a change that was then refused"
    return done


def _editors_send_an_edit(at, store: Store, pid: str, before: tuple) -> int:
    """A table edit that still reaches the page (a stale tab, a crafted request) saves nothing."""
    editors = [e for e in at.data_editor if not (e.key or "").startswith(SCRATCH_EDITORS)]
    for editor in editors:
        assert editor.proto.disabled, f"{editor.key} is editable for a viewer"
        column = [c for c in editor.value.columns if not str(c).startswith("_")][0]
        at.session_state[editor.key] = {"edited_rows": {0: {column: "viewer was here"}}, "added_rows": [],
                                        "deleted_rows": [1]}
    if editors:
        at.run()
        assert not at.exception
        assert snapshot(store, pid) == before
    return len(editors)


PAGES = ["data", "segments", "personas", "journeys", "rules", "present", "workshop", "project"]


@pytest.mark.parametrize("page", PAGES)
def test_a_viewer_can_look_at_everything_and_change_nothing(shared, page):
    store, pid, code, token = shared
    before = snapshot(store, pid)
    at = _app(pid, f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert BANNER in page_texts(at)
    kept = {u.key for u in at.file_uploader}
    assert kept <= UPLOADS_KEPT, f"upload that saves offered to a viewer: {kept - UPLOADS_KEPT}"
    _editors_send_an_edit(at, store, pid, before)
    done = _click_everything(at, store, pid, before)
    assert snapshot(store, pid) == before
    if page in ("segments", "journeys", "rules", "present"):
        assert done, "the reading controls (pick, trace, page through) stay enabled"


def test_viewer_pages_offer_no_editing_controls(shared):
    """What the viewer does NOT get, page by page (an editor gets each of these)."""
    store, pid, code, token = shared
    expected_gone = {
        "segments": lambda at: not [b for b in at.button if b.key == "seg_run"]
        and all(b.proto.disabled for b in at.button if b.key == "seg_choose"),
        "personas": lambda at: not at.text_area and all(b.proto.disabled for b in at.button if b.key == "per_generate"),
        "workshop": lambda at: not [b for b in at.button if b.key == "wk_create"],
    }
    for page, gone in expected_gone.items():
        for email, role in ((BOB, "viewer"), ("carol@example.com", "editor")):
            access.share(store, pid, email, role, by=ALICE)
            at = _app(pid, f"app_pages/{page}.py", email=email)
            at.run()
            assert not at.exception
            assert gone(at) == (role == "viewer"), (page, role)
    access.share(store, pid, "carol@example.com", None, by=ALICE)


def test_a_viewer_with_the_facilitator_link_cannot_steer_the_workshop(shared):
    store, pid, code, token = shared
    before = snapshot(store, pid)
    at = _app(pid, "app_pages/workshop.py", ws=code, key=token)
    at.run()
    assert not at.exception
    assert code in page_texts(at) and BANNER in page_texts(at)
    steering = [b for b in at.button if b.key in ("wk_reveal", "wk_hide", "wk_close", "wk_reopen",
                                                  "wk_delete_confirm") or (b.key or "").startswith("wk_draft_")]
    assert len(steering) >= 3 and all(b.proto.disabled for b in steering)
    _click_everything(at, store, pid, before)
    assert ws.get_session(code, url=store.url)["status"] == "open"


def test_the_canvas_is_view_only_for_a_viewer():
    from ui import journeys_state as js

    data = js.read_example(js.examples()[next(iter(js.examples()))])
    text = js.to_text(data)
    journey, _ = js.parse(text)
    view = js.flow_state(journey, text, editable=False)
    edit = js.flow_state(journey, text)
    assert not any(n.draggable or n.connectable for n in view.nodes) and not any(e.deletable for e in view.edges)
    assert all(n.draggable and n.connectable for n in edit.nodes) and all(e.deletable for e in edit.edges)


def test_an_editor_does_save(shared):
    """The same check sees a change: Bob as editor renames the project on the Project page."""
    store, pid, code, token = shared
    before = snapshot(store, pid)
    access.share(store, pid, BOB, "editor", by=ALICE)
    try:
        at = _app(pid, "app_pages/project.py")
        at.run()
        assert BANNER not in page_texts(at)
        name = at.text_input(key=f"pname_{before[0]}")
        assert not name.disabled
        name.input("Home buyers, renamed").run()
        assert not at.exception
        assert snapshot(store, pid) != before
        assert store.load(pid).project.name == "Home buyers, renamed"
        assert store.load(pid).version == before[0] + 1
    finally:
        access.share(store, pid, BOB, "viewer", by=ALICE)
