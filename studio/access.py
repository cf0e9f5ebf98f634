"""Who may see and change a project: owners, editors, viewers, and how people sign in.

A studio runs in one of three ways (README "Access"):

- ``none``: one person on their own machine (the default; ``scripts/run.sh`` binds to 127.0.0.1).
  There are no accounts; that person may do everything.
- ``password``: one person, but the studio is reachable by others (a shared server, a workshop
  laptop on a network). ``STUDIO_PASSWORD_HASH`` (made by ``python -m studio hash-password``)
  guards every page except the participants' vote page; ``STUDIO_USER`` names the account.
- ``oidc``: a team. Streamlit's ``st.login`` with the OpenID Connect provider configured under
  ``[auth]`` in ``.streamlit/secrets.toml``; a person is their e-mail address.

Roles per project: ``owner`` (may share, give away ownership), ``editor``, ``viewer`` (sees
everything, changes nothing). A project without an owner (the demo, projects made with the CLI or
before accounts were switched on) is open to every signed-in person as editor; the CLI's
``share PROJECT USER --role owner`` claims it. Workshop participants never have a role: the vote
page and the vote API only take votes and show results.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import time
from typing import Any

import sqlalchemy as sa

from .schema import utcnow
from .store import ProjectNotFound, Store, project_members, projects

ROLES = ("viewer", "editor", "owner")
OPEN_PROJECT_ROLE = "editor"
PBKDF2_ITERATIONS = 600_000  # OWASP 2023 figure for PBKDF2-HMAC-SHA256
_USER = re.compile(r"^[^\s<>\"'`|]{1,200}$")


class AccessError(PermissionError):
    """A change the signed-in person's role does not allow; the message says which role would."""


def normalise_user(user: str) -> str:
    """User ids compare case-insensitively (e-mail addresses); refuse what cannot be one."""
    value = str(user).strip().lower()
    if not _USER.match(value):
        raise ValueError(f"user {str(user)[:60]!r}: expected an e-mail address or a user name "
                         "without spaces or quotes (at most 200 characters)")
    return value


def _owner(store: Store, project_id: str) -> str | None:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(projects.c.owner).where(projects.c.id == project_id)).first()
    if row is None:
        raise ProjectNotFound(project_id)
    return row.owner


def role_for(store: Store, project_id: str, user: str | None) -> str | None:
    """The role of `user` on the project; None when it is not shared with them.

    `user` None means accounts are off (one person on their own machine): always the owner.
    """
    if user is None:
        return "owner"
    owner = _owner(store, project_id)
    shared = None
    if owner is not None and owner != user:  # only then does the member list decide
        with store.engine.connect() as conn:
            shared = conn.execute(sa.select(project_members.c.role).where(
                project_members.c.project_id == project_id, project_members.c.user_id == user)).scalar()
    return _role(owner, user, shared)


def _role(owner: str | None, user: str, shared: str | None) -> str | None:
    """Owner, else open (no owner), else the role the project is shared with them (or None)."""
    return "owner" if owner == user else OPEN_PROJECT_ROLE if owner is None else shared


def can_edit(role: str | None) -> bool:
    return role in ("editor", "owner")


def visible_projects(store: Store, user: str | None) -> list[dict[str, Any]]:
    """The store's projects this person may open, newest first, each with its `role`."""
    rows = store.list()
    if user is None:
        return [{**row, "role": "owner"} for row in rows]
    with store.engine.connect() as conn:
        shared = dict(conn.execute(sa.select(project_members.c.project_id, project_members.c.role)
                                   .where(project_members.c.user_id == user)).all())
    visible = []
    for row in rows:
        role = _role(row["owner"], user, shared.get(row["id"]))
        if role:
            visible.append({**row, "role": role})
    return visible


def members(store: Store, project_id: str) -> list[dict[str, Any]]:
    """The owner first, then everyone the project is shared with."""
    owner = _owner(store, project_id)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(project_members.c.user_id, project_members.c.role, project_members.c.added_by,
                                      project_members.c.added_at)
                            .where(project_members.c.project_id == project_id)
                            .order_by(project_members.c.user_id)).all()
    found = [dict(row._mapping) for row in rows]
    return ([{"user_id": owner, "role": "owner", "added_by": "", "added_at": ""}] if owner else []) + found


def share(store: Store, project_id: str, user: str, role: str | None, *, by: str | None) -> None:
    """Give `user` a role on the project (None removes them); only the owner may.

    `by` None is the administrator at the command line (or a single-user studio). Giving the role
    ``owner`` hands the project over; the previous owner stays on as editor.
    """
    user = normalise_user(user)
    if role is not None and role not in ROLES:
        raise ValueError(f"role {role!r}: expected one of {', '.join(ROLES)} (or none to remove)")
    owner = _owner(store, project_id)
    if by is not None and owner != by:
        raise AccessError(f"only the owner of project {project_id} can share it")
    now = utcnow()
    with store.engine.begin() as conn:
        conn.execute(project_members.delete().where(project_members.c.project_id == project_id,
                                                    project_members.c.user_id == user))
        if role == "owner":
            conn.execute(projects.update().where(projects.c.id == project_id).values(owner=user))
            if owner and owner != user:
                conn.execute(project_members.insert().values(project_id=project_id, user_id=owner, role="editor",
                                                             added_by=by or "admin", added_at=now))
        elif role is not None:
            if user == owner:
                raise ValueError(f"{user} owns project {project_id}; hand it to someone else first")
            conn.execute(project_members.insert().values(project_id=project_id, user_id=user, role=role,
                                                         added_by=by or "admin", added_at=now))


# -- the single-user password fallback -----------------------------------------------------------
# Hand-written on hashlib's PBKDF2 and hmac (standard library) rather than a password library: the
# fallback guards one account, and the standard library is the smallest thing that does it right.

def hash_password(password: str, *, iterations: int = PBKDF2_ITERATIONS, salt: bytes | None = None) -> str:
    if len(password) < 8:
        raise ValueError("password: expected at least 8 characters")
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return "pbkdf2_sha256${}${}${}".format(iterations, base64.b64encode(salt).decode(), base64.b64encode(digest).decode())


def verify_password(password: str, encoded: str) -> bool:
    try:
        scheme, iterations, salt, digest = encoded.strip().split("$")
        if scheme != "pbkdf2_sha256":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), base64.b64decode(salt), int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def session_key(password_hash: str, secret: str | None = None) -> bytes:
    """The key that signs sign-in cookies: STUDIO_SECRET if set, else derived from the password
    hash, so changing the password signs everyone out."""
    return hashlib.sha256(b"persona-studio-session\0" + (secret or password_hash).encode()).digest()


def sign_session(user: str, key: bytes, *, ttl_seconds: int = 12 * 3600, now: float | None = None) -> str:
    expires = int((now if now is not None else time.time()) + ttl_seconds)
    body = base64.urlsafe_b64encode(f"{user}|{expires}".encode()).decode().rstrip("=")
    mac = hmac.new(key, body.encode(), hashlib.sha256).hexdigest()
    return f"{body}.{mac}"


def read_session(token: str | None, key: bytes, *, now: float | None = None) -> str | None:
    """The user a cookie was signed for, or None when it is absent, forged or expired."""
    if not token or "." not in token:
        return None
    body, mac = token.rsplit(".", 1)
    if not hmac.compare_digest(hmac.new(key, body.encode(), hashlib.sha256).hexdigest(), mac):
        return None
    try:
        user, expires = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode().rsplit("|", 1)
        if int(expires) < (now if now is not None else time.time()):
            return None
    except (ValueError, UnicodeDecodeError):
        return None
    return user
