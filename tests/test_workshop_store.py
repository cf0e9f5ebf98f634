"""Workshop sessions in the store: a vote counts once however often a phone retries, a new answer
replaces the old one, a closed session refuses votes, only the facilitator token controls a session.

Runs against SQLite always and against PostgreSQL when STUDIO_TEST_PG_URL is set (scripts/test.sh).
"""
from __future__ import annotations

import os
import threading

import pytest
import sqlalchemy as sa

from studio import workshops as ws
from workshop.sessions import CasesError, VoteError, parse_cases, validate_vote

PG_URL = os.environ.get("STUDIO_TEST_PG_URL")
BACKENDS = ["sqlite"] + (["postgres"] if PG_URL else [])
CASES = [{"id": "late_change", "text": "A buyer asks for a change after the deadline.",
          "answers": ["accept", "refuse", "escalate"], "decision_point": "late_change"},
         {"id": "grace", "text": "How many days of grace for rent arrears?", "scale": {"min": 0, "max": 60}}]


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'studio.db'}"
    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:  # a clean schema per test
        conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    from studio import store as store_module

    store_module._engines.pop(PG_URL, None)
    return PG_URL


@pytest.fixture()
def session(url):
    code, token = ws.create_session("p1", CASES, "Kitchen changes", url=url)
    return url, code, token


def vote(vid, who, case="late_change", value="accept", **extra):
    return {"vote_id": vid, "participant": who, "case": case, "value": value, **extra}


def test_join_code_is_readable_and_token_is_stored_only_as_hash(session):
    url, code, token = session
    assert len(code) == 7 and code[3] == "-"
    assert not set(code.replace("-", "")) & set("0O1I")
    assert len(token) == 64 and int(token, 16) >= 0
    with ws.get_engine(url).connect() as conn:
        stored = conn.execute(sa.select(ws.workshop_sessions.c.facilitator_token_hash)).scalar()
    assert stored != token and token not in stored
    assert ws.get_session(code.lower().replace("-", " "), url=url)["code"] == code
    public = ws.get_session(code, url=url)
    assert "facilitator_token_hash" not in public and "project_id" not in public


def test_retry_of_the_same_vote_counts_once(session):
    url, code, _ = session
    first = ws.cast_vote(code, vote("v1", "anna", basis="policy"), url=url)
    again = ws.cast_vote(code, vote("v1", "anna", basis="policy"), url=url)
    assert first == again == {"vote_id": "v1", "accepted": True}
    assert len(ws.votes_frame(code, url=url)) == 1


def test_new_vote_on_same_case_replaces_and_late_retry_does_not_undo_it(session):
    url, code, token = session
    ws.cast_vote(code, vote("v1", "anna", value="accept"), url=url)
    ws.cast_vote(code, vote("v2", "anna", value="refuse", reason="too late"), url=url)
    ws.cast_vote(code, vote("v1", "anna", value="accept"), url=url)  # the first request, retried late
    ws.cast_vote(code, vote("v3", "anna", case="grace", value="14"), url=url)
    frame = ws.votes_frame(code, url=url).set_index("case")
    assert len(frame) == 2
    assert frame.loc["late_change", "value"] == "refuse" and frame.loc["late_change", "reason"] == "too late"
    assert frame.loc["grace", "value"] == "14"
    assert ws.results(code, token, url=url)["n_votes"] == 2
    assert ws.participant_votes(code, "anna", url=url)["late_change"]["value"] == "refuse"


def test_concurrent_votes_are_all_kept_once(session):
    url, code, _ = session
    errors = []

    def cast(i):
        try:
            for attempt in range(2):  # every phone sends twice: a double tap
                ws.cast_vote(code, vote(f"v{i}", f"p{i}", value=["accept", "refuse"][i % 2]), url=url)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=cast, args=(i,)) for i in range(30)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert not errors
    frame = ws.votes_frame(code, url=url)
    assert len(frame) == 30 and frame["rater"].nunique() == 30


def test_closed_session_refuses_votes_but_acknowledges_earlier_ones(session):
    url, code, token = session
    ws.cast_vote(code, vote("v1", "anna"), url=url)
    ws.set_status(code, token, "closed", url=url)
    with pytest.raises(ws.SessionClosed):
        ws.cast_vote(code, vote("v2", "bob"), url=url)
    assert ws.cast_vote(code, vote("v1", "anna"), url=url)["accepted"]  # a retry of an acknowledged vote
    assert len(ws.votes_frame(code, url=url)) == 1
    ws.set_status(code, token, "open", url=url)
    ws.cast_vote(code, vote("v2", "bob"), url=url)
    assert len(ws.votes_frame(code, url=url)) == 2


def test_facilitator_actions_need_the_token(session):
    url, code, token = session
    for action in (lambda t: ws.reveal(code, t, url=url), lambda t: ws.set_status(code, t, "closed", url=url),
                   lambda t: ws.delete_session(code, t, url=url), lambda t: ws.results(code, t, url=url)):
        with pytest.raises(ws.Forbidden):
            action("0" * 64)
        with pytest.raises(ws.Forbidden):
            action(None)
    assert ws.get_session(code, url=url)["status"] == "open"
    with pytest.raises(ws.Forbidden):
        ws.results(code, public=True, url=url)
    assert ws.reveal(code, token, url=url)["revealed"] is True
    assert ws.results(code, public=True, url=url)["n_votes"] == 0
    ws.cast_vote(code, vote("v1", "anna"), url=url)
    ws.delete_session(code, token, url=url)
    with pytest.raises(ws.SessionNotFound):
        ws.get_session(code, url=url)
    with pytest.raises(ws.SessionNotFound):
        ws.cast_vote(code, vote("v2", "anna"), url=url)


def test_invalid_votes_name_the_field(session):
    url, code, _ = session
    cases = ws.get_session(code, url=url)["cases"]
    bad = [(vote("v1", "anna", value="evict"), "value"), (vote("v1", "anna", case="grace", value="61"), "value"),
           (vote("v1", "anna", case="grace", value="lots"), "value"), (vote("v1", "anna", case="nope"), "case"),
           (vote("v1", "", ), "participant"), (vote("v 1", "anna"), "vote_id"),
           (vote("v1", "anna", basis="gut feeling"), "basis"), (vote("v1", "anna", reason="x" * 1001), "reason")]
    for body, field in bad:
        with pytest.raises(VoteError) as info:
            validate_vote(body, cases)
        assert info.value.field == field and str(info.value).startswith(field)
        with pytest.raises(ValueError):
            ws.cast_vote(code, body, url=url)
    assert validate_vote(vote("v1", "anna", case="grace", value="7,0"), cases)["value"] == "7"
    assert len(ws.votes_frame(code, url=url)) == 0


def test_cases_file_yaml_and_json_and_one_line_errors():
    text = "- id: a\n  text: Case A\n  answers: [yes, no]\n- id: b\n  text: Case B\n  scale: {min: 1, max: 7}\n"
    cases = parse_cases(text, "cases.yaml")
    assert cases[0]["answers"] == ["yes", "no"]  # not the booleans YAML 1.1 makes of them
    assert cases[1]["scale"] == {"min": 1, "max": 7}
    assert parse_cases(b'{"cases": [{"id": "a", "text": "A", "answers": ["x", "y"]}]}', "c.json")[0]["id"] == "a"
    for text, where in [("- id: a\n  text: A\n", "answers"), ("- id: a\n  text: A\n  answers: [x]\n", "answers"),
                        ("- id: a\n  text: A\n  scale: {min: 5, max: 1}\n", "scale"), ("[]", "non-empty"),
                        ("- id: a\n  text: A\n  answer: [x, y]\n", "answer"), ("{", "YAML")]:
        with pytest.raises(CasesError) as info:
            parse_cases(text, "cases.yaml")
        assert where in str(info.value) and "\n" not in str(info.value)


def test_mixed_session_reports_the_noise_index_of_its_number_cases(session):
    """Noise index as in Kahneman et al., "Noise", HBR October 2016: |a - b| / mean(a, b); for
    answers 10 and 20 days that is 10 / 15 = 0.667. The label case makes the whole table labels,
    so the session-wide index is None and the number cases get their own."""
    url, code, token = session
    ws.cast_vote(code, vote("v1", "anna", case="grace", value=10), url=url)
    ws.cast_vote(code, vote("v2", "bob", case="grace", value="20"), url=url)
    ws.cast_vote(code, vote("v3", "anna"), url=url)
    report = ws.results(code, token, url=url)
    assert report["noise_index"] is None
    assert report["scale_noise_index"] == pytest.approx(10 / 15)
    assert report["n_votes"] == 3


def test_cli_workshop_command_prints_code_token_and_join_url(studio_home, tmp_path, capsys):
    import json

    from studio.cli import main
    from studio.service import ensure_demo_project
    from studio.store import Store

    pid = ensure_demo_project(Store()).project.id
    cases = tmp_path / "cases.yaml"
    cases.write_text("- id: a\n  text: Case A\n  answers: [evict, mediate]\n", encoding="utf-8")
    assert main(["workshop", pid, "--cases", str(cases), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["join_url"] == f"/vote?code={out['code']}"
    ws.check_token(out["code"], out["facilitator_token"])
    assert ws.list_sessions(pid)[0]["code"] == out["code"]
    cases.write_text("- id: a\n  text: Case A\n", encoding="utf-8")
    assert main(["workshop", pid, "--cases", str(cases)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {cases}: case 'a'") and "answers" in err and "\n" not in err
