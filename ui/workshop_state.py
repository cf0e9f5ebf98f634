"""Glue between the Workshop/Vote pages and studio/workshops.py (the same store functions the API uses).

The facilitator's key lives in the page URL (`?ws=CODE&key=TOKEN`): that address is the secret
facilitator link, so a reload or a new tab keeps control of the session. A participant's id lives in
the vote page URL (`?code=CODE&p=ID`), so a reload resumes where they were.
"""
from __future__ import annotations

import io
import secrets
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from journeys.model import load_journey
from studio import workshops as ws
from studio.schema import Project
from workshop import charts
from workshop.drafts import add_draft_row, draft_rule_row, find_decision_point, is_disagreement  # noqa: F401
from workshop.sessions import BASES, parse_cases
from workshop.summary import BENCHMARK  # noqa: F401

from . import state
from . import strings_workshop  # noqa: F401  (registers the pages' strings)
from .i18n import t

HIDE_CHROME_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarNav"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapseButton"], header [data-testid="stToolbar"],
[data-testid="stMainMenu"] {display: none !important;}
.block-container {max-width: 34rem; padding-top: 1.5rem;}
</style>"""

EXAMPLE_CASES = """\
- id: late_change
  decision_point: late_change
  text: >-
    A buyer asks to move the kitchen wall two weeks after the deadline for changes. The builder
    says it can still be done at a small extra cost. The buyer is polite but insistent.
  answers: [accept, refuse, escalate]
- id: nuisance
  text: >-
    A tenant has hoarded newspapers and crates for years; neighbours complain about the smell for
    the third time. The tenant lives alone and is in poor health.
  answers: [evict, mediate, warn, refer to care]
- id: scooter
  text: >-
    A mobility scooter stands in the shared entrance hall. Nobody has complained yet, but the fire
    safety rules say the hall must stay clear.
  answers: [remove now, ask to move, tolerate]
- id: arrears_grace
  text: >-
    A tenant who always paid on time is two months behind after losing a job and asks for time.
    How many weeks of grace do you give before the formal procedure starts?
  scale: {min: 0, max: 26}
- id: goodwill
  text: >-
    A buyer complains, with photos, that the delivered tiles are a shade darker than the sample.
    How much goodwill compensation (in euros) do you offer?
  scale: {min: 0, max: 2000}
"""


def url() -> str:
    return state.store().url


def create(project_id: str, content: str | bytes, filename: str | None, title: str) -> tuple[str, str] | str:
    """A new session: (code, token), or the one-line reason the cases cannot start one.

    The session's entry (never its token) is saved in the project, so the session stays in it."""
    if not state.can_edit():  # a viewer may look at a project's workshops, not start one
        state.refuse()
        return st.session_state.pop("_notice")
    try:
        cases = parse_cases(content, filename)
    except ValueError as error:
        return str(error).splitlines()[0]
    code, token = ws.create_session(project_id, cases, title, url=url(), record=False)
    remember(code, "started")
    return code, token


def remember(code: str, what: str) -> bool:
    """Save the session's summary entry in the shown project (a new project version)."""
    entry = ws.project_entry(code, url=url())
    return state.edit(f"workshop {code} {what}", lambda p: ws.remember(p, entry))


def set_status(code: str, token: str, status: str) -> None:
    ws.set_status(code, token, status, url=url())
    remember(code, status)


def delete(code: str, token: str) -> None:
    """Delete the session (votes too) and take its entry out of the shown project (a new version,
    only when the project had one: a session of another project leaves this one alone)."""
    ws.delete_session(code, token, url=url(), record=False)
    project, _ = state.shown()
    if any(isinstance(w, dict) and w.get("code") == ws.normalise_code(code) for w in project.workshops):
        state.edit(f"workshop {code} deleted", lambda p: ws.forget(p, code))


# -- draft rules of play from a disagreement ---------------------------------------------------

def draft_target(case: dict[str, Any], journeys: list[dict[str, Any]]) -> int | None:
    """The journey index holding the case's decision point (None: no point, or not found)."""
    return find_decision_point(case, journeys)


def add_draft(code: str, case_id: str) -> None:
    """Button callback: append the draft row of this case to its decision point's rules of play."""
    session = ws.get_session(code, url=url())
    case = next((c for c in session["cases"] if c["id"] == case_id), None)
    project, _ = state.shown()
    index = find_decision_point(case or {}, project.journeys)
    if case is None or index is None:
        st.session_state["_wk_draft_msg"] = ("error", t("wk.draft_no_point", case=case_id))
        return
    node = case["decision_point"]
    frame = ws.votes_frame(code, url=url())
    table = (project.journeys[index].get("rules") or {}).get(node)
    try:
        row = draft_rule_row(case, frame[frame["case"] == case_id], table, why_template=t("wk.draft_why"))
        data = add_draft_row(project.journeys[index], node, row)
        load_journey(data)
    except ValueError as error:
        st.session_state["_wk_draft_msg"] = ("error", str(error).splitlines()[0])
        return

    def change(p: Project) -> None:
        p.journeys[index] = data

    if state.edit(f"{data.get('name')}: draft rule at {node} from workshop {code}", change):
        st.session_state["_wk_draft_msg"] = ("success", t("wk.draft_added", node=node, answer=row["then"],
                                                          journey=data.get("name") or index + 1))


# -- the summary as HTML, PDF and PNG ------------------------------------------------------------

def summary_labels() -> dict[str, str]:
    """The summary's texts in the user's language (read now: a deferred download has no session)."""
    keys = {"heading": "wk.sum_heading", "date": "wk.sum_date", "votes": "wk.sum_votes",
            "participants": "wk.count", "kappa": "wk.kappa", "pct": "wk.pct", "noise": "wk.noise",
            "by_case": "wk.by_case", "bases": "wk.bases", "room": "wk.room", "benchmark": "wk.benchmark",
            "no_votes": "wk.waiting", "case_line": "wk.sum_case_line", "alpha": "wk.alpha"}
    out = {k: t(v) for k, v in keys.items()}
    out.update({f"basis.{b}": basis_label(b) for b in BASES})
    return out


def summary(code: str, labels: dict[str, str], lang: str) -> str:
    return ws.summary_document(code, url=url(), labels=labels, lang=lang)


def summary_pdf(code: str, labels: dict[str, str], lang: str) -> bytes:
    return ws.summary_bytes(code, "pdf", url=url(), labels=labels, lang=lang)


def summary_png(code: str, labels: dict[str, str], lang: str) -> bytes:
    return ws.summary_bytes(code, "png", url=url(), labels=labels, lang=lang)


def open_facilitator(code: str, token: str) -> None:
    st.query_params["ws"] = code
    st.query_params["key"] = token


def facilitator_session() -> tuple[dict[str, Any] | None, str | None]:
    """The session in the URL and its key, when the key is right (else the key is None)."""
    code = st.query_params.get("ws")
    if not code:
        return None, None
    try:
        session = ws.get_session(code, url=url())
    except ws.SessionNotFound:
        st.query_params.pop("ws", None)
        st.query_params.pop("key", None)
        return None, None
    token = st.query_params.get("key")
    try:
        ws.check_token(code, token, url=url())
    except ws.Forbidden:
        return session, None
    return session, token


def join_url(code: str) -> str:
    """The absolute address a phone opens (from the address the facilitator's browser used)."""
    base = ""
    try:
        here = urlsplit(st.context.url or "")
        if here.scheme and here.netloc:
            base = f"{here.scheme}://{here.netloc}"
    except Exception:  # noqa: BLE001 - no browser context (tests, bare mode): a relative link
        base = ""
    return f"{base}/vote?code={code}"


@st.cache_data(show_spinner=False, max_entries=32)
def qr_png(text: str) -> bytes:
    import qrcode

    image = qrcode.make(text, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def votes_csv(code: str) -> bytes:
    frame = ws.votes_frame(code, url=url())
    return frame.to_csv(index=False).encode("utf-8")


def basis_label(key: str | None) -> str:
    return t(f"basis.{key}") if key in BASES else (key or "")


def answer_figure(case: dict[str, Any], values: pd.Series) -> go.Figure:
    """Answers to one case, in the user's language (workshop.charts draws it)."""
    return charts.answer_figure(case, values, count_label=t("wk.count"), answers_label=t("wk.answers"))


def bases_figure(bases: dict[str, float]) -> go.Figure:
    """Share of each basis in this room, beside the 400-person organisation's benchmark."""
    return charts.bases_figure(bases, labels={k: basis_label(k) for k in BASES}, room=t("wk.room"),
                               benchmark=t("wk.benchmark"))


# -- participant ------------------------------------------------------------------------------

def participant_id() -> str:
    """This phone's participant id, kept in the URL so a reload resumes."""
    pid = st.query_params.get("p")
    if not pid or len(pid) > 64:
        pid = secrets.token_urlsafe(9)
        st.query_params["p"] = pid
    return pid


def pending_vote_id(code: str, participant: str, case_id: str) -> str:
    """The vote_id of the answer being written: the same for a double tap, new after it was stored."""
    key = f"_vote_id_{code}_{participant}_{case_id}"
    if key not in st.session_state:
        st.session_state[key] = secrets.token_hex(12)
    return st.session_state[key]


def send_vote(code: str, participant: str, case_id: str, value: Any, basis: str | None,
              reason: str | None) -> str | None:
    """Store a vote through the API's own store function; None when stored, else the reason."""
    key = f"_vote_id_{code}_{participant}_{case_id}"
    body = {"vote_id": pending_vote_id(code, participant, case_id), "participant": participant,
            "case": case_id, "value": value, "basis": basis, "reason": reason}
    try:
        ws.cast_vote(code, body, url=url())
    except ws.SessionClosed:
        return t("vt.closed")
    except (ws.SessionNotFound, ValueError) as error:
        return str(error).splitlines()[0]
    st.session_state.pop(key, None)  # acknowledged: the next change is a new vote
    return None
