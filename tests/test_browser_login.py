"""Login and sharing in a real browser (issue 11, "Access").

A fake OpenID Connect provider (tests/fake_oidc.py) stands in for the identity provider; Streamlit
is pointed at it with a secrets.toml passed through `--secrets.files`, exactly as a deployment
configures `st.login`. Headless Chromium clicks through the provider's sign-in form, so the whole
authorization-code flow (state, nonce, PKCE, RS256 id_token, signed auth cookie) runs for real.
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser_support import CHROMIUM, CHROMIUM_FLAGS, ROOT, start_streamlit, stop_streamlit
from tests.fake_oidc import FakeOIDCProvider, write_auth_secrets

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian's chromium (scripts/test.sh)")]

SHOTS = Path(os.environ.get("STUDIO_SHOTS", "/tmp/shots"))


@contextmanager
def running_streamlit(script: Path, secrets_file: Path, log_dir: Path, cwd: Path = ROOT,
                      extra_env: dict | None = None):
    """`streamlit run <script>` configured by `secrets_file` only.

    `--secrets.files` replaces Streamlit's default search list, so a developer's own
    .streamlit/secrets.toml never leaks into the test.
    """
    env = dict(os.environ, **(extra_env or {}))
    for inherited in ("STUDIO_DB_URL", "STUDIO_AUTH_PROVIDER", "STUDIO_PASSWORD_HASH"):
        env.pop(inherited, None)
    proc, url = start_streamlit(script, log_dir, env=env, cwd=cwd, args=("--secrets.files", str(secrets_file)))
    try:
        yield url
    finally:
        stop_streamlit(proc)


@pytest.fixture(scope="module")
def idp():
    with FakeOIDCProvider() as provider:
        yield provider


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module; each person gets their own context (cookies)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


def sign_in_at_provider(page, idp: FakeOIDCProvider, email: str) -> None:
    """On the fake provider's page (after st.login redirected there): type who logs in, continue."""
    page.wait_for_url(f"{idp.issuer}/authorize*", timeout=30_000)
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Continue").click()


MINIMAL_APP = '''
import streamlit as st

if st.user.is_logged_in:
    st.write(f"Signed in as {st.user.email} ({st.user.name})")
    if st.button("Log out"):
        st.logout()
else:
    st.write("Nobody is signed in")
    if st.button("Log in"):
        st.login()
'''


def test_fake_provider_signs_a_user_into_a_minimal_streamlit_app(tmp_path, idp, browser):
    """st.login() -> provider form -> back in the app with st.user filled; st.logout() clears it.

    Proves the fake provider satisfies Authlib's checks (issuer, audience, nonce, RS256 via JWKS,
    PKCE) so the studio's own login tests below fail only for the studio's reasons.
    """
    script = tmp_path / "minimal_login_app.py"
    script.write_text(MINIMAL_APP, encoding="utf-8")
    secrets_file = write_auth_secrets(tmp_path / "secrets.toml", idp)
    logins_before = len(idp.logins)
    with running_streamlit(script, secrets_file, tmp_path, cwd=tmp_path) as url:
        mine, other = browser.new_context(), browser.new_context()
        try:
            page = mine.new_page()
            page.goto(url)
            page.get_by_text("Nobody is signed in").wait_for(timeout=30_000)
            page.get_by_role("button", name="Log in").click()
            sign_in_at_provider(page, idp, "carol@example.com")
            page.get_by_text("Signed in as carol@example.com (Carol)").wait_for(timeout=30_000)
            assert idp.logins[logins_before:] == ["carol@example.com"]
            request = idp.authorize_requests[-1]
            assert request["nonce"] and request["code_challenge_method"] == "S256"

            # Another browser (no cookie) is still signed out: the login lives in that browser only.
            elsewhere = other.new_page()
            elsewhere.goto(url)
            elsewhere.get_by_text("Nobody is signed in").wait_for(timeout=30_000)

            page.get_by_role("button", name="Log out").click()
            page.get_by_text("Nobody is signed in").wait_for(timeout=30_000)
        finally:
            mine.close()
            other.close()


# -- the studio itself (app.py) behind the fake provider ----------------------------------------------

ALICE, BOB = "alice@example.com", "bob@example.com"
PROJECT = "Tender 2027 (confidential)"


def _store(home: Path):
    from studio.store import Store

    return Store(f"sqlite:///{home / 'studio.db'}")


def _body(page) -> str:
    return page.inner_text("body")


def _idle(page, timeout: float = 60_000, quiet: float = 0.3) -> None:
    """No script run for `quiet` seconds (Streamlit marks the run state on the app root).

    A page often runs twice in a row (e.g. after the URL's query string is set), so one glimpse of
    "notRunning" is not enough before clicking a widget a rerun would redraw.
    """
    deadline = time.monotonic() + timeout / 1000
    quiet_since = None
    while time.monotonic() < deadline:
        state = page.get_attribute('[data-testid="stApp"]', "data-test-script-state", timeout=timeout)
        now = time.monotonic()
        if state != "notRunning":
            quiet_since = None
        elif quiet_since is None:
            quiet_since = now
        elif now - quiet_since >= quiet:
            return
        time.sleep(0.1)
    raise TimeoutError("the studio kept running its script")


def _settled(page, text: str, timeout: float = 60_000) -> None:
    """`text` is on screen and the script run that drew it has finished."""
    page.get_by_text(text).first.wait_for(timeout=timeout)
    _idle(page, timeout)


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"login_{name}.png"), full_page=True)


def _menu(page):
    return page.locator('[data-testid="stSidebarNav"], [data-testid="stPageLink"], [data-testid="stSidebar"]')


def _choose(page, selectbox, option: str) -> None:
    """Pick `option` in a Streamlit selectbox.

    A click on a selectbox in a columns row only focuses it here (seen in headless Chromium), so
    the menu is opened with the keyboard as well.
    """
    selectbox.click()
    selectbox.locator("input").press("ArrowDown")
    page.get_by_role("option", name=option, exact=True).click()


def _sign_in(browser, url: str, idp: FakeOIDCProvider, email: str):
    """A fresh browser context (its own cookies) signed in as `email`; returns its page."""
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(url)
    page.get_by_role("button", name="Sign in").click()
    sign_in_at_provider(page, idp, email)
    page.locator('[data-testid="stSidebar"]').get_by_text(f"Signed in as {email}").wait_for(timeout=60_000)
    _idle(page)
    return page


def _open(page, url: str, path: str, pid: str, landmark: str) -> None:
    page.goto(f"{url}/{path}?project={pid}")
    _settled(page, landmark)


@pytest.fixture(scope="module")
def studio_with_login(tmp_path_factory, idp):
    """The studio (`app.py`, a fresh store) with [auth] pointing at a fake provider; (url, idp, home).

    Alice and Bob each own one empty project from the start, so signing in lands on their own
    project instead of generating the 1,200-respondent demo (20 s on a busy 2-core machine); the
    demo's own first start is covered elsewhere.
    """
    from studio.schema import Project

    tmp = tmp_path_factory.mktemp("login")
    home = tmp / "studio-home"
    home.mkdir()
    store = _store(home)
    store.create(Project(name="Alice's sketches"), owner=ALICE)
    store.create(Project(name="Bob's notes"), owner=BOB)
    secrets_file = write_auth_secrets(tmp / "secrets.toml", idp)
    with running_streamlit(ROOT / "app.py", secrets_file, tmp, extra_env={"STUDIO_HOME": str(home)}) as url:
        yield url, idp, home


def test_sign_in_owner_and_sharing_read_only_then_read_write(studio_with_login, browser):
    """Issue 11: nobody reaches a project before signing in; a project is its owner's until shared;
    a viewer sees it read-only and cannot change it; an editor can."""
    url, idp, home = studio_with_login
    store = _store(home)
    # 1. A fresh browser sees the sign-in screen and nothing else: no menu, no project.
    stranger = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    stranger.goto(f"{url}/project")
    _settled(stranger, "Sign in to see the projects shared with you.")
    _shot(stranger, "1_sign_in_screen")
    assert stranger.get_by_role("button", name="Sign in").is_visible()
    assert _menu(stranger).count() == 0
    text = _body(stranger)
    for hidden in ("Alice's sketches", "Bob's notes", "Demo", "Personas", "Version history"):
        assert hidden not in text, hidden
    assert len(store.list()) == 2, "the sign-in screen read or created a project"

    # 2. Alice signs in through the provider and creates a project: it is hers.
    alice = _sign_in(browser, url, idp, ALICE)
    alice.goto(f"{url}/project")
    _settled(alice, "Version history")
    alice.get_by_label("Name of the new project").fill(PROJECT)
    alice.get_by_role("button", name="Create project").click()
    _settled(alice, f"Project: {PROJECT}")
    pid = alice.evaluate("() => new URL(location.href).searchParams.get('project')")
    assert store.load(pid).project.name == PROJECT
    _settled(alice, "your role: owner")
    _shot(alice, "2_alice_created")

    # 3. Bob does not see it in his list; opening it by id says so and shows none of it.
    bob = _sign_in(browser, url, idp, BOB)
    bob.goto(f"{url}/project")
    _settled(bob, "Version history")
    assert "Bob's notes" in _body(bob)
    assert PROJECT not in _body(bob) and "Alice's sketches" not in _body(bob)
    bob.goto(f"{url}/?project={pid}")
    _settled(bob, "is not shared with you")
    _shot(bob, "3_bob_not_shared")
    assert PROJECT not in _body(bob)
    assert bob.evaluate("() => new URL(location.href).searchParams.get('project')") != pid

    # 4. Alice shares it with Bob to view (she is still on her Project page).
    alice.get_by_label("E-mail or user name").fill(BOB)
    alice.get_by_role("button", name="Share", exact=True).click()
    _settled(alice, f"Shared with {BOB} (can view).")
    _shot(alice, "4_alice_shared_viewer")

    # 5. Bob sees it read-only: the name field is locked, and the Journeys page offers no editing
    #    (ui.state.edit would refuse it anyway: tests/test_access.py, tests/test_viewer_pages.py).
    _open(bob, url, "project", pid, f"Project: {PROJECT}")
    _settled(bob, f"Read-only: {ALICE} shared this project with you to view.")
    assert bob.get_by_text(f"Owner: {ALICE} · your role: can view").is_visible()
    assert bob.get_by_label("Project name").is_disabled()
    _shot(bob, "5_bob_read_only")
    _open(bob, url, "journeys", pid, "Read-only")
    _shot(bob, "6_bob_journeys_read_only")
    assert bob.get_by_role("button", name="Add journey").count() == 0
    assert bob.get_by_role("button", name="Add", exact=True).count() == 0
    assert store.load(pid).project.journeys == [] and store.load(pid).version == 1

    # 6. Alice makes Bob an editor; his rename then sticks.
    _choose(alice, alice.locator('[data-testid="stSelectbox"]').last, "can edit")
    _settled(alice, f"Owner: {ALICE}")
    _shot(alice, "7_alice_made_editor")
    _open(bob, url, "project", pid, f"Project: {PROJECT}")
    assert "Read-only" not in _body(bob)
    name_field = bob.get_by_label("Project name")
    name_field.fill("Tender 2027 (Bob's edit)")
    name_field.press("Enter")
    _settled(bob, "Project: Tender 2027 (Bob's edit)")
    _shot(bob, "8_bob_renamed")
    assert store.load(pid).project.name == "Tender 2027 (Bob's edit)"

    # 7. Signing out ends it: back to the sign-in screen, nothing of the project left on screen.
    bob.get_by_role("button", name="Sign out").click()
    _settled(bob, "Sign in to see the projects shared with you.")
    from playwright.sync_api import expect

    # st.logout sends the browser through the logout route to a new page: wait for that page
    expect(_menu(bob)).to_have_count(0, timeout=45_000)
    assert "Tender 2027" not in _body(bob)


def test_vote_page_needs_no_account_and_shows_no_menu(studio_with_login, browser):
    """Workshop participants join from a phone without an account: /vote is open, the studio is not."""
    url, _idp, _home = studio_with_login
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(f"{url}/vote")
    _settled(phone, "Session code")
    _shot(phone, "9_vote_without_login")
    assert phone.get_by_role("button", name="Join").is_visible()
    assert phone.get_by_role("button", name="Sign in").count() == 0
    assert _menu(phone).count() == 0
    text = _body(phone)
    assert "Sign in to see" not in text and "Alice's sketches" not in text
