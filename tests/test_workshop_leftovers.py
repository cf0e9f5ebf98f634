"""Workshop leftovers (issue #9): a deleted session leaves the project's list of workshops, and the
facilitator can close, reopen and export a session's summary from the command line
(`workshop-close`, `workshop-summary`), with exit 2 and one line for a wrong token or an unknown code."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from studio import workshops as ws
from studio.cli import main
from studio.schema import Project
from studio.store import Store

ROOT = Path(__file__).resolve().parents[1]
HAS_CHROMIUM = Path("/usr/bin/chromium").exists()
CASES = [{"id": "late_change", "decision_point": "late_change", "text": "Move the kitchen wall after the deadline?",
          "answers": ["accept", "refuse", "escalate"]},
         {"id": "grace", "text": "Weeks of grace for a tenant behind on rent?", "scale": {"min": 0, "max": 26}}]


@pytest.fixture()
def session(studio_home):
    """A project with a recorded session holding five votes (3 refuse, 2 accept)."""
    store = Store()
    pid = store.create(Project(name="Audit project")).project.id
    code, token = ws.create_session(pid, CASES, "Change requests")
    for i, answer in enumerate(["refuse"] * 3 + ["accept"] * 2):
        ws.cast_vote(code, {"vote_id": f"v{i}", "participant": f"p{i}", "case": "late_change", "value": answer})
    return store, pid, code, token


def _cli(capsys, *args: str) -> tuple[int, dict | None, str]:
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


# -- 1. deleting a session --------------------------------------------------------------------------

def test_deleting_a_session_takes_it_out_of_the_project(session):
    store, pid, code, token = session
    assert [w["code"] for w in store.load(pid).project.workshops] == [code]
    with pytest.raises(ws.Forbidden):
        ws.delete_session(code, "0" * 64, record=True)
    assert [w["code"] for w in store.load(pid).project.workshops] == [code]  # a wrong token changes nothing
    other, _ = ws.create_session(pid, CASES, "Second round")
    before = store.load(pid).version
    ws.delete_session(code.lower().replace("-", " "), token, record=True)  # typed as people type codes
    stored = store.load(pid)
    assert [w["code"] for w in stored.project.workshops] == [other]
    assert stored.version == before + 1
    with pytest.raises(ws.SessionNotFound):
        ws.get_session(code)


def test_forget_reports_whether_there_was_an_entry():
    project = Project(workshops=[{"code": "ABC-DEF", "title": "a"}, {"code": "GHJ-KLM", "title": "b"}])
    assert ws.forget(project, "abcdef") is True
    assert [w["code"] for w in project.workshops] == ["GHJ-KLM"]
    assert ws.forget(project, "ABC-DEF") is False


def test_the_page_delete_button_removes_the_entry(studio_home):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("app_pages/workshop.py")
    at.run()
    at.button(key="wk_create").click().run()
    assert not at.exception, at.exception
    code, pid = at.query_params["ws"], at.query_params["project"]
    store = Store()
    assert code in [w["code"] for w in store.load(pid).project.workshops]
    at.button(key="wk_delete_confirm").click().run()
    assert not at.exception, at.exception
    assert code not in [w["code"] for w in store.load(pid).project.workshops]
    assert ws.list_sessions(pid, url=store.url) == []


# -- 2. the command line ----------------------------------------------------------------------------

def test_workshop_close_and_reopen(session, capsys):
    store, pid, code, token = session
    rc, out, err = _cli(capsys, "workshop-close", code, "--token", token)
    assert rc == 0, err
    assert out == {"code": code, "status": "closed", "title": "Change requests", "n_votes": 5}
    assert ws.get_session(code)["status"] == "closed"
    assert store.load(pid).project.workshops[-1]["status"] == "closed"  # the project's entry follows
    with pytest.raises(ws.SessionClosed):
        ws.cast_vote(code, {"vote_id": "late", "participant": "px", "case": "late_change", "value": "accept"})
    rc, out, err = _cli(capsys, "workshop-close", code, "--token", token, "--reopen")
    assert rc == 0 and out["status"] == "open", err
    assert store.load(pid).project.workshops[-1]["status"] == "open"


def test_wrong_token_or_unknown_code_exit_2_with_one_line(session, capsys):
    _, _, code, token = session
    for args, field in ((["workshop-close", code, "--token", "0" * 64], "--token"),
                        (["workshop-summary", code, "--token", "nope", "--out", "x.json"], "--token"),
                        (["workshop-close", "ZZZ-ZZZ", "--token", token], "CODE"),
                        (["workshop-summary", "ZZZ-ZZZ", "--token", token, "--out", "x.json"], "CODE")):
        rc, out, err = _cli(capsys, *args)
        assert rc == 2 and out is None, args
        assert len(err.strip().splitlines()) == 1 and err.startswith(f"error: {field}: "), err
    rc, out, err = _cli(capsys, "workshop-summary", code, "--token", token, "--out", "summary.docx")
    assert rc == 2 and "--out summary.docx" in err
    assert ws.get_session(code)["status"] == "open"


def test_bad_token_from_a_real_shell_has_no_traceback(session):
    _, _, code, _ = session
    env = dict(os.environ)
    done = subprocess.run([sys.executable, "-m", "studio", "workshop-close", code, "--token", "-", "--json"],
                          input="not-the-token\n", capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == f"error: --token: wrong facilitator token for session {code}"


def test_summary_as_json_holds_the_figures(session, capsys, tmp_path):
    _, _, code, token = session
    target = tmp_path / "out" / "summary.json"
    rc, out, err = _cli(capsys, "workshop-summary", code, "--token", token, "--out", str(target))
    assert rc == 0, err
    assert out["format"] == "json" and out["n_votes"] == 5 and out["n_cases"] == 2
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["code"] == code and data["title"] == "Change requests" and data["n_votes"] == 5
    by_case = {c["case"]: c for c in data["cases"]}
    assert by_case["late_change"]["mode"] == "refuse" and by_case["late_change"]["share_mode"] == pytest.approx(0.6)
    assert "fleiss_kappa" in data and "krippendorff_alpha" in data
    assert [c["text"] for c in data["case_definitions"]] == [c["text"] for c in CASES]
    assert token not in target.read_text(encoding="utf-8")


@pytest.mark.skipif(not HAS_CHROMIUM or shutil.which("pdftotext") is None, reason="needs chromium and pdftotext")
def test_summary_as_pdf_is_the_pages_summary(session, capsys, tmp_path):
    _, _, code, token = session
    target = tmp_path / "summary.pdf"
    rc, out, err = _cli(capsys, "workshop-summary", code, "--token", token, "--out", str(target))
    assert rc == 0, err
    assert target.read_bytes()[:5] == b"%PDF-" and out["bytes"] == target.stat().st_size
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "Change requests" in text and "Move the kitchen wall" in text and code in text
