"""The Workshop and Vote pages through streamlit.testing.v1.AppTest: a facilitator starts a session
from the example cases and sees the join code; a participant votes on a phone page that shows no
navigation and no project data; the facilitator's live view then shows the vote."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from studio import workshops as ws

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 90


def _texts(at, where: str = "all") -> str:
    root = at.main if where == "main" else at
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(getattr(el, "value", "")) for el in getattr(root, kind)]
    parts += [el.proto.text for el in root.get("progress")]
    return "\n".join(parts)


def _page(path: str, lang: str = "en", **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    at.run()
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(path)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture()
def started(studio_home):
    at = _page("app_pages/workshop.py")
    at.button(key="wk_create").click().run()
    assert not at.exception, at.exception
    code, key = at.query_params.get("ws"), at.query_params.get("key")
    assert code and key
    return at, code, key


def test_facilitator_starts_a_session_and_sees_code_and_qr(started):
    at, code, key = started
    ws.check_token(code, key)  # the key in the facilitator link is the session's token
    session = ws.get_session(code)
    assert session["status"] == "open" and len(session["cases"]) == 5
    text = _texts(at)
    assert code in text and f"/vote?code={code}" in text
    assert len(at.get("image")) == 1  # the QR code
    assert "Waiting for the first votes" in text


def test_participant_votes_once_and_facilitator_sees_it(started):
    fac, code, key = started
    phone = _page("app_pages/vote.py", code=code.lower().replace("-", ""))
    assert phone.query_params["code"] == code and phone.query_params.get("p")
    text = _texts(phone)
    assert "Case 1 of 5" in text and "kitchen wall" in text
    assert "hidden" in text.lower()
    assert any("stSidebar" in str(el.value) and "display: none" in str(el.value) for el in phone.markdown)
    # no project data on the phone's page (app.py still fills the sidebar, which the page hides)
    assert "Project" not in _texts(phone, "main") and "home buyers" not in _texts(phone, "main").lower()
    phone.radio(key="vt_answer_late_change").set_value("refuse")
    phone.radio(key="vt_basis_late_change").set_value("fairness")
    phone.text_area(key="vt_reason_late_change").input("It is only two weeks")
    next(b for b in phone.button if b.label == "Send").click().run()
    assert not phone.exception, phone.exception
    assert "Received" in _texts(phone) and "Case 2 of 5" in _texts(phone)
    frame = ws.votes_frame(code)
    assert frame[["case", "value", "basis", "reason"]].values.tolist() == [
        ["late_change", "refuse", "fairness", "It is only two weeks"]]

    # a reload of the same phone (same ?p=) resumes at the next case, the answer still counted once
    again = _page("app_pages/vote.py", code=code, p=phone.query_params["p"])
    assert "Case 2 of 5" in _texts(again)
    assert len(ws.votes_frame(code)) == 1

    fac.run()
    assert not fac.exception, fac.exception
    text = _texts(fac)
    assert "1 votes from 1 participants" in text and "Per case, most disagreement first" in text
    assert len(fac.get("plotly_chart")) >= 6  # five cases and the bases of decision


def test_closed_session_tells_the_phone_and_dutch_works(started):
    fac, code, key = started
    fac.button(key="wk_close").click().run()
    assert ws.get_session(code)["status"] == "closed"
    phone = _page("app_pages/vote.py", lang="nl", code=code)
    assert "gesloten" in _texts(phone)
    unknown = _page("app_pages/vote.py", lang="nl", code="ZZZ-ZZZ")
    assert "Geen sessie met code" in _texts(unknown)


def test_wrong_key_gives_no_control(started):
    fac, code, key = started
    other = _page("app_pages/workshop.py", ws=code, key="0" * 64)
    assert "facilitator link" in _texts(other)
    assert not [b for b in other.button if b.key in ("wk_close", "wk_reveal", "wk_delete_confirm")]


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium (scripts/test.sh)")
def test_real_browser_phones_vote_and_facilitator_view_updates_without_reload(tmp_path):
    """Three phone-sized pages vote through the page; the facilitator page, open all the while,
    shows the votes by its own refresh (st.fragment), never reloaded."""
    from studio.service import ensure_demo_project
    from studio.store import Store
    from tests.browser_support import browser_page, running_studio, wait_for_app
    from ui.workshop_state import EXAMPLE_CASES
    from workshop.sessions import parse_cases

    home = tmp_path / "home"
    home.mkdir()
    url = f"sqlite:///{home / 'studio.db'}"
    pid = ensure_demo_project(Store(url)).project.id
    code, token = ws.create_session(pid, parse_cases(EXAMPLE_CASES), "Browser audit", url=url)
    with running_studio(home) as base, browser_page() as facilitator:
        facilitator.goto(f"{base}/workshop?project={pid}&ws={code}&key={token}&lang=en")
        wait_for_app(facilitator)
        facilitator.wait_for_selector("text=Waiting for the first votes", timeout=60_000)
        facilitator.evaluate("window.__not_reloaded = true")
        browser = facilitator.context.browser
        for i, answer in enumerate(["refuse", "accept", "refuse"]):
            phone = browser.new_page(viewport={"width": 390, "height": 844})
            phone.goto(f"{base}/vote?code={code}&lang=en")
            wait_for_app(phone)
            phone.wait_for_selector("text=Case 1 of 5", timeout=60_000)
            assert not phone.locator('[data-testid="stSidebar"]').is_visible()
            phone.get_by_text(answer, exact=True).click()
            phone.get_by_text("policy or the prescribed process").click()
            phone.get_by_role("button", name="Send").click()
            phone.wait_for_selector("text=Received", timeout=30_000)
            phone.wait_for_selector("text=Case 2 of 5", timeout=30_000)
            phone.close()
        facilitator.wait_for_selector("text=3 votes from 3 participants", timeout=30_000)
        assert facilitator.evaluate("window.__not_reloaded") is True
    frame = ws.votes_frame(code, url=url)
    assert sorted(frame["value"]) == ["accept", "refuse", "refuse"] and set(frame["basis"]) == {"policy"}
