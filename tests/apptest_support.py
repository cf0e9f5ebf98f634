"""Helpers shared by the AppTest page tests."""
from __future__ import annotations


def page_texts(at) -> str:
    """Every text a user reads on the page (titles, markdown, captions, alerts), one per line."""
    parts = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(getattr(el, "value", "")) for el in getattr(at, kind)]
    return "\n".join(parts)


def stored_project(at):
    """The page's project as the store has it now (the id comes from the page's URL)."""
    from studio.store import Store

    return Store().load(at.query_params["project"])
