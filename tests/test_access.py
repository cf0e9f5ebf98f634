"""Access: owners, sharing read-only or read-write, sign-in (OIDC through st.login, or the single-user
password), on SQLite and PostgreSQL. The browser flow through a real OIDC provider is in
tests/test_browser_login.py; these tests hold the rules and the page logic."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from studio import access
from studio.cli import main as cli
from studio.schema import Project
from studio.store import Store
from tests.apptest_support import page_texts
from tests.test_store import store  # noqa: F401  (the SQLite / PostgreSQL store fixture)

ROOT = Path(__file__).resolve().parents[1]
AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "studio", "client_secret": "s",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}


def test_owner_viewer_editor_and_strangers(store):  # noqa: F811
    mine = store.create(Project(name="Alice's homes"), owner="alice@example.com").project.id
    open_one = store.create(Project(name="Demo")).project.id
    assert access.role_for(store, mine, "alice@example.com") == "owner"
    assert access.role_for(store, mine, "bob@example.com") is None
    assert access.role_for(store, open_one, "bob@example.com") == "editor"  # no owner: open to all
    assert access.role_for(store, mine, None) == "owner"  # a studio without accounts

    access.share(store, mine, "Bob@Example.com", "viewer", by="alice@example.com")
    assert access.role_for(store, mine, "bob@example.com") == "viewer"
    assert not access.can_edit("viewer") and access.can_edit("editor")
    names = {(p["name"], p["role"]) for p in access.visible_projects(store, "bob@example.com")}
    assert names == {("Alice's homes", "viewer"), ("Demo", "editor")}
    assert {p["name"] for p in access.visible_projects(store, "carol@example.com")} == {"Demo"}

    with pytest.raises(access.AccessError, match="only the owner"):
        access.share(store, mine, "carol@example.com", "editor", by="bob@example.com")
    access.share(store, mine, "bob@example.com", "editor", by="alice@example.com")
    assert access.role_for(store, mine, "bob@example.com") == "editor"
    access.share(store, mine, "bob@example.com", None, by="alice@example.com")
    assert access.role_for(store, mine, "bob@example.com") is None


def test_handing_over_ownership_keeps_the_old_owner_as_editor(store):  # noqa: F811
    pid = store.create(Project(name="P"), owner="alice@example.com").project.id
    access.share(store, pid, "bob@example.com", "owner", by="alice@example.com")
    assert access.role_for(store, pid, "bob@example.com") == "owner"
    assert access.role_for(store, pid, "alice@example.com") == "editor"
    assert [m["user_id"] for m in access.members(store, pid)][0] == "bob@example.com"
    with pytest.raises(ValueError, match="owns project"):
        access.share(store, pid, "bob@example.com", "viewer", by="bob@example.com")
    store.delete(pid)
    assert access.visible_projects(store, "alice@example.com") == []


@pytest.mark.parametrize("bad", ["", "two words", "<script>", "x" * 201])
def test_user_ids_are_checked(bad):
    with pytest.raises(ValueError, match="expected an e-mail address"):
        access.normalise_user(bad)


def test_password_hash_and_signed_session():
    encoded = access.hash_password("correct horse", iterations=1000)
    assert access.verify_password("correct horse", encoded)
    assert not access.verify_password("correct hors", encoded)
    assert not access.verify_password("correct horse", "garbage")
    with pytest.raises(ValueError, match="at least 8"):
        access.hash_password("short")
    key = access.session_key(encoded)
    token = access.sign_session("owner", key, ttl_seconds=60, now=1000)
    assert access.read_session(token, key, now=1030) == "owner"
    assert access.read_session(token, key, now=1061) is None  # expired
    assert access.read_session(token[:-1] + ("0" if token[-1] != "0" else "1"), key, now=1030) is None  # forged
    other = access.session_key(access.hash_password("another pass", iterations=1000))
    assert access.read_session(token, other, now=1030) is None  # a new password signs everyone out


def test_cli_share_and_hash_password(studio_home, capsys, monkeypatch):
    pid = Store().create(Project(name="P"), owner="alice@example.com").project.id
    assert cli(["share", pid, "bob@example.com", "--role", "viewer", "--json"]) == 0
    out = capsys.readouterr().out
    assert '"bob@example.com"' in out and '"viewer"' in out
    assert cli(["share", "nope", "bob@example.com", "--role", "viewer"]) == 2
    assert "no project with id 'nope'" in capsys.readouterr().err
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("long enough secret\n"))
    assert cli(["hash-password", "--json"]) == 0
    import json

    encoded = json.loads(capsys.readouterr().out)["STUDIO_PASSWORD_HASH"]
    assert access.verify_password("long enough secret", encoded)


# -- the pages ------------------------------------------------------------------------------------

def _app(user: dict | None, page: str | None = None, project: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = user if user is not None else {"is_logged_in": False}
    if project:
        at.query_params["project"] = project
    if page:
        at.switch_page(page)
    return at


def _signed_in(email: str) -> dict:
    return {"is_logged_in": True, "email": email, "sub": email.split("@")[0]}


def test_signed_out_sees_only_the_sign_in_screen(studio_home):
    Store().create(Project(name="Secret plans"), owner="alice@example.com")
    at = _app(None)
    at.run()
    assert not at.exception
    text = page_texts(at)
    assert "Sign in to see the projects" in text and "Secret plans" not in text
    assert [b.label for b in at.button] == ["Sign in"]
    assert "project" not in at.query_params  # no project was read


def test_stranger_cannot_open_a_project_by_its_url(studio_home):
    pid = Store().create(Project(name="Secret plans", description="the merger"), owner="alice@example.com").project.id
    at = _app(_signed_in("bob@example.com"), page="app_pages/project.py", project=pid)
    at.run()
    assert not at.exception
    text = page_texts(at)
    assert "is not shared with you" in text
    assert "Secret plans" not in text and "the merger" not in text
    assert at.query_params["project"] != pid


def test_viewer_sees_read_only_and_edits_are_refused(studio_home):
    store = Store()
    pid = store.create(Project(name="Shared plans"), owner="alice@example.com").project.id
    access.share(store, pid, "bob@example.com", "viewer", by="alice@example.com")
    at = _app(_signed_in("bob@example.com"), page="app_pages/project.py", project=pid)
    at.run()
    assert not at.exception
    text = page_texts(at)
    assert "Read-only: `alice@example.com` shared this project with you" in text
    assert "your role: can view" in text
    name = next(w for w in at.text_input if w.label == "Project name" or w.value == "Shared plans")
    assert name.disabled
    assert not [b for b in at.button if b.label.startswith("Restore")]


def test_edit_refused_for_a_viewer_even_when_a_widget_sends_it(studio_home):
    """The store-side rule, not just a disabled widget: ui.state.edit refuses for a viewer."""
    store = Store()
    pid = store.create(Project(name="Shared plans"), owner="alice@example.com").project.id
    access.share(store, pid, "bob@example.com", "viewer", by="alice@example.com")

    def script():
        import streamlit as st

        from ui import auth, state

        auth.require_user()
        saved = state.edit("renamed", lambda p: setattr(p, "name", "Bob was here"))
        st.write(f"saved={saved}")
        st.warning(st.session_state.pop("_notice", ""))

    at = AppTest.from_function(script, default_timeout=30)
    at.secrets["auth"] = AUTH
    at.user = _signed_in("bob@example.com")
    at.query_params["project"] = pid
    at.run()
    assert not at.exception
    assert "saved=False" in page_texts(at)
    assert "read-only for you" in at.warning[0].value
    assert store.load(pid).project.name == "Shared plans" and store.load(pid).version == 1
    access.share(store, pid, "bob@example.com", "editor", by="alice@example.com")
    at.run()
    assert "saved=True" in page_texts(at)
    assert store.load(pid).project.name == "Bob was here"


def test_owner_shares_on_the_project_page(studio_home):
    store = Store()
    pid = store.create(Project(name="Alice's homes"), owner="alice@example.com").project.id
    at = _app(_signed_in("alice@example.com"), page="app_pages/project.py", project=pid)
    at.run()
    assert "Signed in as `alice@example.com`" in page_texts(at)
    at.text_input(key="share_user").input("Bob@Example.com")
    at.selectbox(key="share_role").select("viewer")
    next(b for b in at.button if b.label == "Share").click()
    at.run()
    assert not at.exception
    assert "Shared with `bob@example.com` (can view)." in page_texts(at)
    assert access.role_for(store, pid, "bob@example.com") == "viewer"
    at.text_input(key="share_user").input("two words")
    next(b for b in at.button if b.label == "Share").click()
    at.run()
    assert "expected an e-mail address" in page_texts(at)


def test_password_sign_in_for_one_person(studio_home, monkeypatch):
    monkeypatch.setenv("STUDIO_PASSWORD_HASH", access.hash_password("workshop laptop", iterations=1000))
    monkeypatch.setenv("STUDIO_USER", "facilitator")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert "project" not in at.query_params
    at.text_input(key="_password").input("wrong password")
    at.button[0].click()
    at.run()
    assert "That password is not right." in page_texts(at)
    at.text_input(key="_password").input("workshop laptop")
    at.button[0].click()
    at.run()
    assert not at.exception
    assert "Signed in as `facilitator`" in page_texts(at)
    assert at.query_params.get("project")
