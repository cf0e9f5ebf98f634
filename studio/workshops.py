"""Noise-audit sessions in the store: shared by the HTTP API, the pages and the CLI.

Participants get a short join code (easy to read off a projector: no 0/O or 1/I); the facilitator
gets a random token that only this store's sha256 of it can check, so a leaked database does not
let anyone reveal or close a session. A vote is stored in one transaction that is
- idempotent on ``vote_id`` (a phone that retries after a dropped connection never counts twice,
  even when the retry arrives after the participant changed the answer), and
- an upsert on (session, participant, case) (a participant's new answer replaces the old one),
using the dialect's INSERT ... ON CONFLICT on SQLite and PostgreSQL alike.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import math
import secrets
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from workshop.sessions import validate_cases, validate_vote

from .schema import utcnow
from .store import get_engine, metadata

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, no 1/I
STATUSES = ("open", "closed")

workshop_sessions = sa.Table(
    "workshop_sessions", metadata,
    sa.Column("code", sa.String(16), primary_key=True),
    sa.Column("project_id", sa.String(64), nullable=True),
    sa.Column("facilitator_token_hash", sa.String(64), nullable=False),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("cases", sa.Text, nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("revealed", sa.Integer, nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)
votes = sa.Table(
    "votes", metadata,
    sa.Column("vote_id", sa.String(64), primary_key=True),
    sa.Column("code", sa.String(16), nullable=False),
    sa.Column("participant", sa.String(64), nullable=False),
    sa.Column("case_id", sa.String(100), nullable=False),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("basis", sa.String(40), nullable=True),
    sa.Column("reason", sa.Text, nullable=True),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
    sa.UniqueConstraint("code", "participant", "case_id", name="uq_votes_code_participant_case"),
)
vote_receipts = sa.Table(
    "vote_receipts", metadata,
    sa.Column("vote_id", sa.String(64), primary_key=True),
    sa.Column("code", sa.String(16), nullable=False),
    sa.Column("received_at", sa.String(40), nullable=False),
)


class SessionNotFound(LookupError):
    def __init__(self, code: str):
        self.code = code
        super().__init__(f"no workshop session with code {code!r}")


class SessionClosed(RuntimeError):
    def __init__(self, code: str):
        self.code = code
        super().__init__(f"workshop session {code} is closed: votes are no longer accepted")


class Forbidden(PermissionError):
    """Wrong or missing facilitator token."""


def normalise_code(code: str) -> str:
    """'k7q 4mz', 'K7Q4MZ' and 'K7Q-4MZ' are the same code (people type what they see)."""
    letters = "".join(ch for ch in str(code).upper() if ch.isalnum())
    return f"{letters[:3]}-{letters[3:]}" if len(letters) == 6 else letters[:16]


def new_code() -> str:
    letters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
    return f"{letters[:3]}-{letters[3:]}"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _engine(url: str | None) -> sa.Engine:
    return get_engine(url)


def create_session(project_id: str | None, cases: Any, title: str = "", *,
                   url: str | None = None, record: bool = True) -> tuple[str, str]:
    """Store a new open session; returns (join code, facilitator token). The token is shown once.

    With ``record`` (the CLI) the session's summary entry is saved in the project's ``workshops``;
    the app passes False and records it through its own edit (so its version stays in step).
    """
    checked = validate_cases(cases)
    token = secrets.token_hex(32)
    now = utcnow()
    engine = _engine(url)
    for _ in range(20):  # 32**6 codes: a clash is rare, but retry instead of failing
        code = new_code()
        try:
            with engine.begin() as conn:
                conn.execute(workshop_sessions.insert().values(
                    code=code, project_id=project_id, facilitator_token_hash=_hash(token),
                    title=(title or "").strip()[:300], cases=json.dumps(checked, ensure_ascii=False),
                    status="open", revealed=0, created_at=now, updated_at=now))
        except IntegrityError:
            continue
        if record and project_id:
            record_in_project(project_id, code, url=url)
        return code, token
    raise RuntimeError("could not find a free join code")


def _row(conn: sa.Connection, code: str):
    row = conn.execute(sa.select(workshop_sessions).where(workshop_sessions.c.code == code)).first()
    if row is None:
        raise SessionNotFound(code)
    return row


def _public(row) -> dict[str, Any]:
    return {"code": row.code, "title": row.title, "status": row.status, "revealed": bool(row.revealed),
            "cases": json.loads(row.cases), "created_at": row.created_at}


def get_session(code: str, *, url: str | None = None) -> dict[str, Any]:
    """What anyone with the code may see: title, cases, status, revealed (no token, no project)."""
    code = normalise_code(code)
    with _engine(url).connect() as conn:
        return _public(_row(conn, code))


def list_sessions(project_id: str, *, url: str | None = None) -> list[dict[str, Any]]:
    """The project's sessions, newest first, with their vote counts (for the facilitator page)."""
    n = (sa.select(sa.func.count()).select_from(votes).where(votes.c.code == workshop_sessions.c.code)
         .scalar_subquery())
    with _engine(url).connect() as conn:
        rows = conn.execute(sa.select(workshop_sessions.c.code, workshop_sessions.c.title,
                                      workshop_sessions.c.status, workshop_sessions.c.revealed,
                                      workshop_sessions.c.created_at, n.label("n_votes"))
                            .where(workshop_sessions.c.project_id == project_id)
                            .order_by(workshop_sessions.c.created_at.desc())).all()
    return [dict(r._mapping, revealed=bool(r.revealed)) for r in rows]


def _upsert(conn: sa.Connection, table: sa.Table, values: dict[str, Any], index: list[str],
            update: list[str] | None):
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table).values(**values)
    if update is None:
        return conn.execute(stmt.on_conflict_do_nothing(index_elements=index))
    return conn.execute(stmt.on_conflict_do_update(
        index_elements=index, set_={name: stmt.excluded[name] for name in update}))


def cast_vote(code: str, vote: dict[str, Any], *, url: str | None = None) -> dict[str, Any]:
    """Store one vote durably; returns {"vote_id", "accepted": True}.

    Raises SessionNotFound, SessionClosed, or workshop.sessions.VoteError (a ValueError naming
    the field). A vote_id seen before is acknowledged again without any change.
    """
    code = normalise_code(code)
    engine = _engine(url)
    for attempt in range(3):
        try:
            with engine.begin() as conn:
                session = _row(conn, code)
                vote_id = vote.get("vote_id") if isinstance(vote, dict) else None
                if isinstance(vote_id, str) and conn.execute(
                        sa.select(vote_receipts.c.code).where(vote_receipts.c.vote_id == vote_id)).first():
                    return {"vote_id": vote_id, "accepted": True}
                if session.status != "open":
                    raise SessionClosed(code)
                clean = validate_vote(vote, json.loads(session.cases))
                now = utcnow()
                received = _upsert(conn, vote_receipts, {"vote_id": clean["vote_id"], "code": code,
                                                         "received_at": now}, ["vote_id"], None)
                if received.rowcount == 0:  # the same vote_id committed in between: a retry
                    return {"vote_id": clean["vote_id"], "accepted": True}
                _upsert(conn, votes, {"vote_id": clean["vote_id"], "code": code,
                                      "participant": clean["participant"], "case_id": clean["case"],
                                      "value": clean["value"], "basis": clean["basis"],
                                      "reason": clean["reason"], "created_at": now, "updated_at": now},
                        ["code", "participant", "case_id"],
                        ["vote_id", "value", "basis", "reason", "updated_at"])
            return {"vote_id": clean["vote_id"], "accepted": True}
        except IntegrityError:
            # Two requests for the same participant and case racing on PostgreSQL's unique index,
            # or a vote_id reused for another case: try again; the second round sees the winner.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def votes_frame(code: str, *, url: str | None = None) -> pd.DataFrame:
    """The session's votes as the long table of DESIGN.md section 4 (case, rater, value, basis, reason)."""
    code = normalise_code(code)
    with _engine(url).connect() as conn:
        _row(conn, code)
        rows = conn.execute(sa.select(votes.c.case_id.label("case"), votes.c.participant.label("rater"),
                                      votes.c.value, votes.c.basis, votes.c.reason, votes.c.vote_id,
                                      votes.c.updated_at)
                            .where(votes.c.code == code).order_by(votes.c.created_at, votes.c.vote_id)).all()
    return pd.DataFrame([dict(r._mapping) for r in rows],
                        columns=["case", "rater", "value", "basis", "reason", "vote_id", "updated_at"])


def participant_votes(code: str, participant: str, *, url: str | None = None) -> dict[str, dict[str, Any]]:
    """One participant's own votes by case (so a reloaded phone resumes where it was)."""
    code = normalise_code(code)
    with _engine(url).connect() as conn:
        rows = conn.execute(sa.select(votes.c.case_id, votes.c.value, votes.c.basis, votes.c.reason)
                            .where(votes.c.code == code, votes.c.participant == participant)).all()
    return {r.case_id: {"value": r.value, "basis": r.basis, "reason": r.reason} for r in rows}


def check_token(code: str, token: str | None, *, url: str | None = None) -> None:
    """Raise SessionNotFound for an unknown code, Forbidden for a missing or wrong token."""
    code = normalise_code(code)
    with _engine(url).connect() as conn:
        row = _row(conn, code)
    if not token or not hmac.compare_digest(_hash(str(token)), row.facilitator_token_hash):
        raise Forbidden(f"wrong facilitator token for session {code}")


def results(code: str, token: str | None = None, *, url: str | None = None, public: bool = False,
            n_boot: int = 1000) -> dict[str, Any]:
    """The agreement report (as `python -m studio agreement --json`) plus n_votes.

    The facilitator needs the token; with ``public=True`` the results are only given once revealed.
    """
    code = normalise_code(code)
    if public:
        if not get_session(code, url=url)["revealed"]:
            raise Forbidden(f"session {code} has not been revealed yet")
    else:
        check_token(code, token, url=url)
    return session_report(votes_frame(code, url=url), get_session(code, url=url)["cases"], n_boot=n_boot)


def session_report(frame: pd.DataFrame, cases: list[dict[str, Any]], *, n_boot: int = 1000) -> dict[str, Any]:
    """agreement_report over the session's votes, plus ``scale_noise_index``.

    A session that mixes answer cases and number cases is a table of labels to the agreement
    statistics (one non-number makes every answer a label), so its ``noise_index`` is None; the
    noise index over the number cases alone is what the noise audit literature reports, so it is
    given beside it (None when no number case has two votes).
    """
    from workshop.agreement import agreement_report, noise_index

    votes_only = frame[["case", "rater", "value", "basis", "reason"]]
    report = agreement_report(votes_only, n_boot=n_boot)
    report["n_votes"] = int(len(frame))
    scale_ids = {c["id"] for c in cases if "scale" in c}
    scale_votes = votes_only[votes_only["case"].isin(scale_ids)]
    report["scale_noise_index"] = noise_index(scale_votes) if len(scale_votes) else None
    return report


def _update(code: str, token: str | None, url: str | None, **values: Any) -> dict[str, Any]:
    check_token(code, token, url=url)
    code = normalise_code(code)
    with _engine(url).begin() as conn:
        conn.execute(workshop_sessions.update().where(workshop_sessions.c.code == code)
                     .values(updated_at=utcnow(), **values))
    return get_session(code, url=url)


def set_status(code: str, token: str | None, status: str, *, url: str | None = None,
               record: bool = False) -> dict[str, Any]:
    """Open or close a session (closed: votes are refused with SessionClosed).

    With ``record`` the project's summary entry of the session is updated too (see create_session).
    """
    if status not in STATUSES:
        raise ValueError(f"status: expected one of {', '.join(STATUSES)}, got {status!r}")
    session = _update(code, token, url, status=status)
    if record:
        project_id = _project_id(code, url)
        if project_id:
            record_in_project(project_id, code, url=url)
    return session


# -- the session in the project ------------------------------------------------------------------

def _project_id(code: str, url: str | None) -> str | None:
    with _engine(url).connect() as conn:
        return _row(conn, normalise_code(code)).project_id


def project_entry(code: str, *, url: str | None = None) -> dict[str, Any]:
    """What the project keeps of a session: {code, title, created_at, status, n_cases,
    decision_points}. Never the facilitator token (nor its hash): a project file is shared."""
    session = get_session(code, url=url)
    points = list(dict.fromkeys(c["decision_point"] for c in session["cases"] if c.get("decision_point")))
    return {"code": session["code"], "title": session["title"], "created_at": session["created_at"],
            "status": session["status"], "n_cases": len(session["cases"]), "decision_points": points}


def remember(project: Any, entry: dict[str, Any]) -> None:
    """Put ``entry`` into ``project.workshops`` (replacing the entry with the same code)."""
    kept = [w for w in project.workshops if not (isinstance(w, dict) and w.get("code") == entry["code"])]
    project.workshops = [*kept, dict(entry)]


def forget(project: Any, code: str) -> bool:
    """Take the session's entry out of ``project.workshops``; True when there was one to take."""
    code = normalise_code(code)
    kept = [w for w in project.workshops if not (isinstance(w, dict) and w.get("code") == code)]
    if len(kept) == len(project.workshops):
        return False
    project.workshops = kept
    return True


def _save_in_project(project_id: str, change: Any, note: str, *, url: str | None) -> bool:
    """Apply ``change(project) -> bool`` to the stored project and save it as a new version
    (retried when another save came in between). False when the project does not exist or the
    change changed nothing (no empty version)."""
    from .store import ProjectNotFound, StaleProjectError, Store

    store = Store(url)
    for _ in range(5):
        try:
            stored = store.load(project_id)
        except ProjectNotFound:
            return False
        project = stored.project.model_copy(deep=True)
        if change(project) is False:
            return False
        try:
            store.save(project, stored.version, note=note)
            return True
        except StaleProjectError:
            continue
    raise RuntimeError(f"could not save {note!r} in project {project_id}: it keeps changing")


def record_in_project(project_id: str, code: str, *, url: str | None = None) -> bool:
    """Save the session's entry in the stored project as a new version (retried when another save
    came in between). False when the project does not exist (a session without a project)."""
    entry = project_entry(code, url=url)
    return _save_in_project(project_id, lambda p: remember(p, entry),
                            f"workshop {entry['code']}: {entry['status']}", url=url)


def forget_in_project(project_id: str, code: str, *, url: str | None = None) -> bool:
    """Remove the session's entry from the stored project (a new version, only when it was there)."""
    code = normalise_code(code)
    return _save_in_project(project_id, lambda p: forget(p, code), f"workshop {code}: deleted", url=url)


def reveal(code: str, token: str | None, revealed: bool = True, *, url: str | None = None) -> dict[str, Any]:
    """Show (or hide again) the results to participants."""
    return _update(code, token, url, revealed=int(bool(revealed)))


def delete_session(code: str, token: str | None, *, url: str | None = None, record: bool = False) -> None:
    """Remove the session with its votes and receipts.

    With ``record`` (the CLI) its entry is taken out of the project's ``workshops`` too; the app
    passes False and removes it through its own edit (see create_session)."""
    check_token(code, token, url=url)
    code = normalise_code(code)
    project_id = _project_id(code, url) if record else None
    with _engine(url).begin() as conn:
        conn.execute(vote_receipts.delete().where(vote_receipts.c.code == code))
        conn.execute(votes.delete().where(votes.c.code == code))
        conn.execute(workshop_sessions.delete().where(workshop_sessions.c.code == code))
    if project_id:
        forget_in_project(project_id, code, url=url)


# -- the summary (page downloads and `python -m studio workshop-summary`) ---------------------------

SUMMARY_FORMATS = ("pdf", "png", "html", "json")


def summary_data(code: str, *, url: str | None = None, n_boot: int = 1000) -> dict[str, Any]:
    """The agreement report (as ``results``: ``cases`` holds the per-case figures) with the session's
    code, title, status, revealed, created_at and its written cases as ``case_definitions``."""
    session = get_session(code, url=url)
    report = session_report(votes_frame(code, url=url), session["cases"], n_boot=n_boot)
    meta = {k: session[k] for k in ("code", "title", "status", "revealed", "created_at")}
    return {**meta, "case_definitions": session["cases"], **report}


def summary_document(code: str, *, url: str | None = None, labels: dict[str, str] | None = None,
                     lang: str = "en") -> str:
    """The one-page HTML summary of workshop.summary (``labels``: the texts in the user's language;
    English without)."""
    from workshop.summary import summary_html

    frame = votes_frame(code, url=url)
    session = get_session(code, url=url)
    return summary_html(session, frame, session_report(frame, session["cases"]), labels=labels, lang=lang)


def summary_bytes(code: str, fmt: str, *, url: str | None = None, labels: dict[str, str] | None = None,
                  lang: str = "en") -> bytes:
    """The summary as a file's content: ``pdf`` and ``png`` printed by chromium from the HTML page,
    ``html`` the page itself, ``json`` the figures (summary_data). ValueError for another format;
    studio.export.pdf.ExportError (a ValueError) when chromium cannot print."""
    import tempfile
    from pathlib import Path

    if fmt not in SUMMARY_FORMATS:
        raise ValueError(f"format: expected one of {', '.join(SUMMARY_FORMATS)}, got {fmt!r}")
    if fmt == "json":
        return json.dumps(_json_safe(summary_data(code, url=url)), ensure_ascii=False, indent=2,
                          allow_nan=False).encode("utf-8")
    html = summary_document(code, url=url, labels=labels, lang=lang)
    if fmt == "html":
        return html.encode("utf-8")
    from .export.pdf import html_to_pdf, html_to_png

    with tempfile.TemporaryDirectory(prefix="studio-wk-") as tmp:
        if fmt == "pdf":
            return html_to_pdf(html, Path(tmp) / "summary.pdf").read_bytes()
        return html_to_png(html, Path(tmp) / "summary.png", 900, 1400).read_bytes()


def _json_safe(value: Any) -> Any:
    """numpy scalars to Python, NaN/inf to None (json would write the invalid ``NaN``)."""
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
