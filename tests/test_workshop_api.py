"""The workshop HTTP API of DESIGN.md section 7: every status code a phone or an integration relies
on, and 60 participants voting at once against a real `streamlit run app.py` on 127.0.0.1."""
from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import anyio
import pytest
from starlette.applications import Starlette

from studio import workshops as ws
from studio.api import MAX_BODY, routes

CASES = [{"id": "late_change", "text": "A buyer asks for a change after the deadline.",
          "answers": ["accept", "refuse", "escalate"]},
         {"id": "grace", "text": "Days of grace for rent arrears?", "scale": {"min": 0, "max": 60}},
         {"id": "noise", "text": "A neighbour complains about noise for the third time.",
          "answers": ["warn", "mediate", "evict"]}]


class Response:
    def __init__(self, status_code: int, headers: dict[str, str], content: bytes):
        self.status_code, self.headers, self.content = status_code, headers, content
        self.text = content.decode("utf-8")

    def json(self):
        return json.loads(self.content)


class Client:
    """A minimal in-process ASGI client: starlette.testclient needs httpx, which is not a dependency
    of the studio; this sends one request through the same ASGI interface a server would."""

    def __init__(self, app):
        self.app = app

    def request(self, method: str, path: str, *, json_body=None, content: bytes | None = None,
                headers: dict[str, str] | None = None) -> Response:
        body = json.dumps(json_body).encode() if json_body is not None else (content or b"")
        head = {"content-length": str(len(body)), **{k.lower(): v for k, v in (headers or {}).items()}}
        path, _, query = path.partition("?")
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
                 "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query.encode(),
                 "root_path": "", "headers": [(k.encode(), v.encode()) for k, v in head.items()],
                 "client": ("127.0.0.1", 1234), "server": ("testserver", 80)}
        chunks = [body[i:i + 4096] for i in range(0, len(body), 4096)] or [b""]
        sent: list[dict] = []

        async def receive():
            if chunks:
                chunk = chunks.pop(0)
                return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}
            return {"type": "http.disconnect"}

        async def send(message):
            sent.append(message)

        anyio.run(self.app, scope, receive, send)
        start = next(m for m in sent if m["type"] == "http.response.start")
        headers_out = {k.decode().lower(): v.decode() for k, v in start.get("headers", [])}
        content_out = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
        return Response(start["status"], headers_out, content_out)

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, *, json=None, **kwargs) -> Response:  # noqa: A002 - mirrors httpx
        return self.request("POST", path, json_body=json, **kwargs)


@pytest.fixture()
def client(studio_home):
    return Client(Starlette(routes=routes()))


@pytest.fixture()
def session(studio_home):
    return ws.create_session("p1", CASES, "Noise audit")


def vote(vid="v1", who="anna", case="late_change", value="accept", **extra):
    return {"vote_id": vid, "participant": who, "case": case, "value": value, **extra}


def test_health(client):
    assert client.get("/api/health").json() == {"ok": True}


def test_vote_is_acknowledged_and_a_retry_gets_the_same_answer(client, session):
    code, token = session
    first = client.post(f"/api/workshops/{code}/votes", json=vote(basis="policy", reason="rules are rules"))
    assert first.status_code == 201 and first.json() == {"vote_id": "v1", "accepted": True}
    again = client.post(f"/api/workshops/{code}/votes", json=vote(basis="policy", reason="rules are rules"))
    assert again.status_code == 201 and again.json() == first.json()
    lower = client.post(f"/api/workshops/{code.lower()}/votes", json=vote("v2", "bob", value="refuse"))
    assert lower.status_code == 201
    assert len(ws.votes_frame(code)) == 2


def test_unknown_code_closed_session_and_invalid_value(client, session):
    code, token = session
    assert client.post("/api/workshops/ZZZ-ZZZ/votes", json=vote()).status_code == 404
    bad = client.post(f"/api/workshops/{code}/votes", json=vote(value="evict"))
    assert bad.status_code == 422 and bad.json()["field"] == "value" and "value" in bad.json()["error"]
    bad = client.post(f"/api/workshops/{code}/votes", json=vote(case="grace", value=99))
    assert bad.status_code == 422 and bad.json()["field"] == "value"
    bad = client.post(f"/api/workshops/{code}/votes", json=vote(case="missing"))
    assert bad.status_code == 422 and bad.json()["field"] == "case"
    bad = client.post(f"/api/workshops/{code}/votes", content=b"not json",
                      headers={"content-type": "application/json"})
    assert bad.status_code == 422 and bad.json()["field"] == "body"
    big = client.post(f"/api/workshops/{code}/votes", content=b"{" + b" " * MAX_BODY + b"}")
    assert big.status_code == 413
    ws.set_status(code, token, "closed")
    closed = client.post(f"/api/workshops/{code}/votes", json=vote("v9", "carl"))
    assert closed.status_code == 409 and "closed" in closed.json()["error"]
    assert len(ws.votes_frame(code)) == 0


def test_results_need_the_facilitator_token(client, session):
    code, token = session
    client.post(f"/api/workshops/{code}/votes", json=vote())
    client.post(f"/api/workshops/{code}/votes", json=vote("v2", "bob", value="refuse", basis="fairness"))
    assert client.get(f"/api/workshops/{code}/results").status_code == 401
    assert client.get(f"/api/workshops/{code}/results", headers={"Authorization": "Basic x"}).status_code == 401
    assert client.get(f"/api/workshops/{code}/results",
                      headers={"Authorization": "Bearer " + "0" * 64}).status_code == 403
    assert client.get("/api/workshops/ZZZ-ZZZ/results",
                      headers={"Authorization": f"Bearer {token}"}).status_code == 404
    ok = client.get(f"/api/workshops/{code}/results", headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 200
    report = ok.json()
    assert report["n_votes"] == 2 and report["n_raters"] == 2
    assert set(report) >= {"fleiss_kappa", "krippendorff_alpha", "percent_agreement", "noise_index", "cases"}
    assert report["cases"][0]["case"] == "late_change" and report["bases"] == {"fairness": 1.0}


def test_public_session_info_hides_secrets_and_results_until_revealed(client, session):
    code, token = session
    client.post(f"/api/workshops/{code}/votes", json=vote())
    info = client.get(f"/api/workshops/{code}")
    assert info.status_code == 200
    body = info.json()
    assert body["title"] == "Noise audit" and body["status"] == "open" and body["revealed"] is False
    assert [c["id"] for c in body["cases"]] == ["late_change", "grace", "noise"]
    assert "results" not in body and token not in info.text and "p1" not in json.dumps(body)
    ws.reveal(code, token)
    body = client.get(f"/api/workshops/{code}").json()
    assert body["revealed"] is True and body["results"]["n_votes"] == 1
    assert client.get("/api/workshops/ZZZ-ZZZ").status_code == 404


def _post(url: str, body: dict) -> tuple[int, float]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, time.perf_counter()
    except urllib.error.HTTPError as error:
        return error.code, time.perf_counter()


@pytest.mark.slow
def test_sixty_phones_vote_at_once_against_a_running_studio(tmp_path):
    """No vote lost, none counted twice, and the facilitator's results keep up while votes arrive.

    Each of 60 participants answers 3 cases, double-taps one (same vote_id sent twice) and changes
    one answer (a new vote on the same case): 180 votes must remain. Prints the measured p95 delay
    between a phone sending a vote and a results request that shows it.
    """
    from tests.browser_support import running_studio

    home = tmp_path / "home"
    home.mkdir()
    code, token = ws.create_session("p1", CASES, "Load", url=f"sqlite:///{home / 'studio.db'}")
    with running_studio(home) as base:
        votes_url = f"{base}/api/workshops/{code}/votes"
        results_url = f"{base}/api/workshops/{code}/results"
        sent: dict[str, float] = {}
        acked: dict[str, float] = {}
        statuses: list[int] = []
        polls: list[tuple[float, float, int]] = []
        done = threading.Event()

        def participant(i: int) -> None:
            who = f"phone-{i}"
            for case, values in (("late_change", ["accept", "refuse", "escalate"]), ("grace", [3, 14, 30]),
                                 ("noise", ["warn", "mediate", "evict"])):
                vid = uuid.uuid4().hex
                body = vote(vid, who, case, values[i % 3], basis=["policy", "fairness", "situation"][i % 3])
                sent[vid] = time.perf_counter()
                status, at = _post(votes_url, body)
                statuses.append(status)
                acked[vid] = at
                if case == "late_change":  # a double tap: the same vote again
                    statuses.append(_post(votes_url, body)[0])
            changed = vote(uuid.uuid4().hex, who, "noise", "mediate")  # changes their mind
            statuses.append(_post(votes_url, changed)[0])

        def facilitator() -> None:
            request = urllib.request.Request(results_url, headers={"Authorization": f"Bearer {token}"})
            while not done.is_set():
                started = time.perf_counter()
                with urllib.request.urlopen(request, timeout=30) as response:
                    n = json.loads(response.read())["n_votes"]
                polls.append((started, time.perf_counter(), n))

        poller = threading.Thread(target=facilitator)
        poller.start()
        begin = time.perf_counter()
        with ThreadPoolExecutor(max_workers=60) as pool:
            list(pool.map(participant, range(60)))
        elapsed = time.perf_counter() - begin
        time.sleep(0.5)
        done.set()
        poller.join(30)

        assert statuses.count(201) == len(statuses) == 60 * 5
        frame = ws.votes_frame(code, url=f"sqlite:///{home / 'studio.db'}")
        assert len(frame) == 180 and not frame.duplicated(["case", "rater"]).any()
        assert (frame[frame["case"] == "noise"]["value"] == "mediate").all()
        request = urllib.request.Request(results_url, headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert json.loads(response.read())["n_votes"] == 180

        # vote-to-results delay: from sending a vote to the end of the first results request
        # that started after the vote was acknowledged (so it must include it)
        delays = []
        for vid, ack in acked.items():
            seen = next((end for start, end, _ in polls if start >= ack), None)
            if seen is not None:
                delays.append(seen - sent[vid])
        assert len(polls) >= 3 and len(delays) >= 100
        delays.sort()
        p95 = delays[int(0.95 * (len(delays) - 1))]
        acks = sorted(acked[v] - sent[v] for v in acked)
        poll_times = sorted(end - start for start, end, _ in polls)
        print(f"\nvote acknowledged p95 {acks[int(0.95 * (len(acks) - 1))] * 1000:.0f} ms; results request "
              f"p95 {poll_times[int(0.95 * (len(poll_times) - 1))] * 1000:.0f} ms")
        print(f"60 phones, {len(statuses)} requests in {elapsed:.1f} s; {len(polls)} results polls; "
              f"vote-to-results p50 {delays[len(delays) // 2] * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
        assert elapsed < 60
