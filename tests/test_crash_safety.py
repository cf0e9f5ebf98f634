"""Nothing lost: SIGKILL the process that writes, restart, and find every acknowledged change.

(a) Workshop votes posted to the real app server (`streamlit run app.py`, the JSON API) from a
    thread; the server is killed with SIGKILL at a random moment, restarted on the same store,
    and every vote that got `201 Created` must be there exactly once. The vote that was in flight
    is sent again after the restart (a phone retrying) and must also count once.
(b) Project edits: a child process saves versions in a loop and prints each version the store
    acknowledged; it is killed with SIGKILL mid-loop; every acknowledged version must load, and
    the newest must be the last acknowledged one (or one more: killed after the commit, before
    the print).

Both on SQLite (WAL, synchronous=FULL) and, when STUDIO_TEST_PG_URL is set (scripts/test.sh),
on PostgreSQL, where the killed process holds no data and the database is checked directly.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.browser_support import ROOT, start_streamlit, stop_streamlit

PG_URL = os.environ.get("STUDIO_TEST_PG_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL, reason="STUDIO_TEST_PG_URL not set (scripts/test.sh starts a PostgreSQL)"))]
CASES = [{"id": "late_change", "text": "Move a wall after the deadline?", "answers": ["accept", "refuse"]},
         {"id": "grace", "text": "Weeks of grace?", "scale": {"min": 0, "max": 26}}]
FIGURES: dict[str, dict[str, int]] = {}


def _db(backend: str, home: Path) -> tuple[str, dict[str, str]]:
    """The store URL and the environment that makes a child process use it."""
    if backend == "postgresql":
        return PG_URL, {"STUDIO_HOME": str(home), "STUDIO_DB_URL": PG_URL}
    return f"sqlite:///{home / 'studio.db'}", {"STUDIO_HOME": str(home)}


def _child_env(extra: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ, **extra)
    if "STUDIO_DB_URL" not in extra:
        env.pop("STUDIO_DB_URL", None)
    env["PYTHONPATH"] = str(ROOT)
    return env


def _start_server(home: Path, env_extra: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` as browser_support.running_studio starts it, but we keep the Popen."""
    return start_streamlit(ROOT / "app.py", home, env=_child_env(env_extra), health="/api/health")


def _stop(proc: subprocess.Popen) -> None:
    stop_streamlit(proc, kill=True)


def _post(url: str, code: str, vote: dict) -> int:
    request = urllib.request.Request(f"{url}/api/workshops/{code}/votes", data=json.dumps(vote).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _vote(i: int) -> dict:
    if i % 2:
        return {"vote_id": uuid.uuid4().hex, "participant": f"p{i}", "case": "grace", "value": i % 27,
                "basis": "policy", "reason": f"reason {i}"}
    return {"vote_id": uuid.uuid4().hex, "participant": f"p{i}", "case": "late_change",
            "value": random.choice(["accept", "refuse"]), "basis": "fairness"}


@pytest.mark.parametrize("backend", BACKENDS)
def test_votes_survive_sigkill_of_the_server(backend, tmp_path):
    from studio import workshops

    home = tmp_path / "home"
    home.mkdir()
    url, env = _db(backend, home)
    code, _token = workshops.create_session(None, CASES, "crash test", url=url)
    proc, base = _start_server(home, env)
    acknowledged: list[dict] = []
    in_flight: list[dict] = []
    stop = threading.Event()

    def voter() -> None:
        for i in range(5000):
            if stop.is_set():
                return
            vote = _vote(i)
            in_flight[:] = [vote]
            try:
                status = _post(base, code, vote)
            except OSError:
                return  # the server is gone
            if status == 201:
                acknowledged.append(vote)
                in_flight.clear()
            else:
                raise AssertionError(f"vote refused with HTTP {status}")

    try:
        thread = threading.Thread(target=voter, daemon=True)
        thread.start()
        deadline = time.time() + 20
        while len(acknowledged) < 5 and time.time() < deadline:  # voting is under way
            time.sleep(0.05)
        time.sleep(random.uniform(0.2, 1.5))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        stop.set()
        thread.join(10)
        assert not thread.is_alive()
        n_acked = len(acknowledged)
        assert n_acked >= 5, f"only {n_acked} votes before the kill"

        proc, base = _start_server(home, env)
        for vote in in_flight:  # the phone retries what it never got an answer for
            assert _post(base, code, vote) == 201
        frame = workshops.votes_frame(code, url=url)
    finally:
        _stop(proc)
    stored = frame["vote_id"].tolist()
    assert len(stored) == len(set(stored)), "a vote was stored twice"
    expected = {v["vote_id"] for v in acknowledged} | {v["vote_id"] for v in in_flight}
    lost = expected - set(stored)
    assert not lost, f"{len(lost)} acknowledged votes lost after SIGKILL"
    assert set(stored) == expected  # nothing appeared that was never sent
    by_id = frame.set_index("vote_id")
    for vote in acknowledged:
        assert by_id.loc[vote["vote_id"], "rater"] == vote["participant"]
        assert by_id.loc[vote["vote_id"], "value"] == str(vote["value"])
    FIGURES[f"votes/{backend}"] = {"acknowledged": n_acked, "retried": len(in_flight), "lost": len(lost)}


EDITOR = textwrap.dedent("""
    import sys
    from studio.store import Store
    store = Store()
    stored = store.load(sys.argv[1])
    project, version = stored.project, stored.version
    for i in range(int(sys.argv[2])):
        project.description = f"edit {i}"
        project.personas = [{"id": "p", "name": f"Persona {i}", "quotes": ["x" * (i % 50)]}]
        version = store.save(project, version, note=f"edit {i}")
        print(version, flush=True)
""")


@pytest.mark.parametrize("backend", BACKENDS)
def test_edits_survive_sigkill_of_the_editor(backend, tmp_path):
    from studio.schema import Project
    from studio.store import Store

    home = tmp_path / "home"
    home.mkdir()
    url, env = _db(backend, home)
    store = Store(url)
    project = Project(name="crash safety")
    store.create(project)
    limit = 400  # below MAX_VERSIONS_KEPT: every version stays in the history
    kill_after = random.randint(20, 200)
    child = subprocess.Popen([sys.executable, "-c", EDITOR, project.id, str(limit)], cwd=ROOT,
                             env=_child_env(env), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    acknowledged: list[int] = []
    try:
        deadline = time.time() + 40
        while len(acknowledged) < kill_after and time.time() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            acknowledged.append(int(line))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
        # read(), not communicate(): communicate bypasses lines readline() already buffered
        rest, err = child.stdout.read(), child.stderr.read()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    acknowledged += [int(line) for line in rest.split()]
    assert len(acknowledged) >= min(kill_after, 20), f"the editor failed: {err[-1500:]}"
    assert len(acknowledged) < limit, "the kill came after the loop ended: raise the limit"
    assert acknowledged == list(range(2, len(acknowledged) + 2))

    latest = Store(url).load(project.id)
    last = acknowledged[-1]
    assert latest.version in (last, last + 1)
    for version in acknowledged:
        saved = Store(url).load_version(project.id, version)
        assert saved.description == f"edit {version - 2}"
        assert saved.personas[0]["name"] == f"Persona {version - 2}"
    assert latest.project.description == f"edit {latest.version - 2}"
    FIGURES[f"edits/{backend}"] = {"acknowledged": len(acknowledged), "lost": 0,
                                   "committed_unacknowledged": latest.version - last}


def test_crash_figures():
    """Not a check of its own: prints what the kills above left behind (-s to see)."""
    print("crash safety:", FIGURES)
