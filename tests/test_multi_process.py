"""Several app processes on one store (issue #11): what a team runs behind a reverse proxy.

(a) Two `streamlit run app.py` servers on the same database take workshop votes at the same time,
    phones spread over both (as a load balancer would): every acknowledged vote is stored once, and
    both servers report the same results.
(b) Four processes edit one project at the same time, each re-reading and retrying when its save
    is refused as stale: every edit is in the final project, none overwritten (no lost update).

SQLite (WAL) and, when STUDIO_TEST_PG_URL is set (scripts/test.sh), PostgreSQL.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import urllib.request

import pytest

from studio.schema import Project
from studio.store import Store
from tests.test_crash_safety import BACKENDS, CASES, _child_env, _db, _post, _start_server, _stop, _vote


def _results(base: str, code: str, token: str) -> dict:
    request = urllib.request.Request(f"{base}/api/workshops/{code}/results",
                                     headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_servers_take_votes_on_one_store(backend, tmp_path):
    from studio import workshops

    home = tmp_path / "home"
    home.mkdir()
    url, env = _db(backend, home)
    code, token = workshops.create_session(None, CASES, "two servers", url=url)
    servers = [_start_server(home, env) for _ in range(2)]
    try:
        votes = [_vote(i) for i in range(80)]
        statuses: dict[str, int] = {}

        def phone(start: int) -> None:
            for i in range(start, len(votes), 4):
                base = servers[i % 2][1]
                statuses[votes[i]["vote_id"]] = _post(base, code, votes[i])
                if i % 5 == 0:  # a retry through the other server counts once
                    other = servers[(i + 1) % 2][1]
                    assert _post(other, code, votes[i]) in (200, 201)

        threads = [threading.Thread(target=phone, args=(k,)) for k in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert set(statuses.values()) == {201}
        stored = workshops.votes_frame(code, url=url)
        first, second = (_results(base, code, token) for _, base in servers)
        assert first == second
        assert first["n_votes"] == len(votes)
        assert len(stored) == len(votes) and stored["vote_id"].is_unique
    finally:
        for proc, _ in servers:
            _stop(proc)


EDITOR = textwrap.dedent("""
    import sys
    from studio.store import Store, StaleProjectError
    store, pid, who = Store(sys.argv[1]), sys.argv[2], sys.argv[3]
    for n in range(int(sys.argv[4])):
        while True:
            stored = store.load(pid)
            stored.project.description += f"[{who}{n}]"
            try:
                store.save(stored.project, stored.version, note=f"{who} {n}")
                break
            except StaleProjectError:
                continue  # someone else saved first: re-read and apply the edit again
""")


@pytest.mark.parametrize("backend", BACKENDS)
def test_concurrent_editors_in_separate_processes_lose_nothing(backend, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    url, env = _db(backend, home)
    pid = Store(url).create(Project(name="Shared by four")).project.id
    editors, rounds = ["a", "b", "c", "d"], 15
    procs = [subprocess.Popen([sys.executable, "-c", EDITOR, url, pid, who, str(rounds)], env=_child_env(env),
                              stderr=subprocess.PIPE, text=True) for who in editors]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err[-2000:]
    final = Store(url).load(pid)
    assert final.version == 1 + len(editors) * rounds
    for who in editors:
        for n in range(rounds):
            assert final.project.description.count(f"[{who}{n}]") == 1


def test_first_start_makes_one_demo_even_when_sessions_and_processes_race(tmp_path, monkeypatch):
    """Two sessions (threads) start at once: one demo. A process that loses the race for the fixed
    first-demo id (simulated: it did not see the winner's row) loads the winner's demo and leaves no
    orphan survey table behind."""
    import sqlalchemy as sa

    from studio import service
    from studio.store import survey_tables

    store = Store(f"sqlite:///{tmp_path / 'studio.db'}")
    found: list[str] = []
    threads = [threading.Thread(target=lambda: found.append(service.ensure_demo_project(store).project.id))
               for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(found)) == 1 and len(store.list()) == 1

    monkeypatch.setattr(store, "list", lambda: [])  # the other process has not seen the winner yet
    assert service.ensure_demo_project(store).project.id == service.FIRST_DEMO_ID
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(survey_tables)).scalar() == 1
