"""The JSON API served next to the app (DESIGN.md section 7): Starlette routes, no Streamlit.

`app.py` mounts `routes()` through `st.App(..., routes=...)`, so `streamlit run app.py` serves both.
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def health(_request: Request) -> JSONResponse:
    return JSONResponse({"ok": True})


def routes() -> list[Route]:
    return [Route("/api/health", health, methods=["GET"])]
