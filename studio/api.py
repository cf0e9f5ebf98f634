"""The JSON API served next to the app (DESIGN.md section 7): Starlette routes, no Streamlit.

`app.py` mounts `routes()` through `st.App(..., routes=...)`, so `streamlit run app.py` serves both.
Phones vote here instead of through a websocket each, so a room of 60 does not hang on the app
server. Database work runs in a worker thread (`run_in_threadpool`) to keep the event loop free.
"""
from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from studio import workshops
from workshop.sessions import VoteError

MAX_BODY = 16 * 1024


async def health(_request: Request) -> JSONResponse:
    return JSONResponse({"ok": True})


def _error(status: int, message: str, **extra) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


async def _body(request: Request) -> bytes | None:
    """The request body, or None when it is larger than MAX_BODY (read no further than that)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def post_vote(request: Request) -> JSONResponse:
    code = request.path_params["code"]
    body = await _body(request)
    if body is None:
        return _error(413, f"body: expected at most {MAX_BODY} bytes")
    try:
        vote = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _error(422, "body: expected a JSON object", field="body")
    try:
        result = await run_in_threadpool(workshops.cast_vote, code, vote)
    except workshops.SessionNotFound as error:
        return _error(404, str(error))
    except workshops.SessionClosed as error:
        return _error(409, str(error))
    except VoteError as error:
        return _error(422, str(error), field=error.field)
    return JSONResponse(result, status_code=201)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


async def get_results(request: Request) -> JSONResponse:
    code = request.path_params["code"]
    token = _bearer(request)
    if token is None:
        return JSONResponse({"error": "Authorization: expected 'Bearer <facilitator_token>'"}, status_code=401,
                            headers={"WWW-Authenticate": "Bearer"})
    try:
        report = await run_in_threadpool(workshops.results, code, token)
    except workshops.SessionNotFound as error:
        return _error(404, str(error))
    except workshops.Forbidden as error:
        return _error(403, str(error))
    return JSONResponse(report, headers={"Cache-Control": "no-store"})


def _public_session(code: str) -> dict:
    session = workshops.get_session(code)
    session.pop("created_at", None)
    if session["revealed"]:
        session["results"] = workshops.results(code, public=True)
    return session


async def get_session(request: Request) -> JSONResponse:
    try:
        session = await run_in_threadpool(_public_session, request.path_params["code"])
    except workshops.SessionNotFound as error:
        return _error(404, str(error))
    return JSONResponse(session, headers={"Cache-Control": "no-store"})


def routes() -> list[Route]:
    return [
        Route("/api/health", health, methods=["GET"]),
        Route("/api/workshops/{code}/votes", post_vote, methods=["POST"]),
        Route("/api/workshops/{code}/results", get_results, methods=["GET"]),
        Route("/api/workshops/{code}", get_session, methods=["GET"]),
    ]
