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

from studio import workshops as ws
from workshop.sessions import BASES, parse_cases

from . import state
from . import strings_workshop  # noqa: F401  (registers the pages' strings)
from .i18n import t

# Over 80% policy, 10% own sense of fairness (DOMAIN.md section 4: the 400-person organisation).
BENCHMARK = {"policy": 0.80, "fairness": 0.10}
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
    """A new session: (code, token), or the one-line reason the cases cannot start one."""
    try:
        cases = parse_cases(content, filename)
    except ValueError as error:
        return str(error).splitlines()[0]
    return ws.create_session(project_id, cases, title, url=url())


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
    """Answers to one case: a bar per offered answer (zeros shown), or a histogram of numbers."""
    if "answers" in case:
        counts = values.astype(str).value_counts()
        labels = list(case["answers"])
        fig = go.Figure(go.Bar(x=labels, y=[int(counts.get(a, 0)) for a in labels], marker_color="#4C78A8"))
    else:
        numbers = pd.to_numeric(values, errors="coerce").dropna()
        fig = go.Figure(go.Histogram(x=numbers, marker_color="#4C78A8",
                                     xbins={"start": case["scale"]["min"], "end": case["scale"]["max"]}))
        fig.update_xaxes(range=[case["scale"]["min"], case["scale"]["max"]])
    fig.update_layout(height=220, margin={"l": 10, "r": 10, "t": 10, "b": 10}, showlegend=False,
                      yaxis_title=t("wk.count"), xaxis_title=t("wk.answers"), bargap=0.15)
    return fig


def bases_figure(bases: dict[str, float]) -> go.Figure:
    """Share of each basis in this room, beside the 400-person organisation's benchmark."""
    keys = list(BASES)
    labels = [basis_label(k) for k in keys]
    fig = go.Figure([
        go.Bar(name=t("wk.room"), y=labels, x=[bases.get(k, 0.0) for k in keys], orientation="h",
               marker_color="#4C78A8", text=[f"{bases.get(k, 0.0):.0%}" for k in keys], textposition="auto"),
        go.Scatter(name=t("wk.benchmark"), y=[basis_label(k) for k in BENCHMARK], x=list(BENCHMARK.values()),
                   mode="markers", marker={"symbol": "line-ns", "size": 26, "line": {"width": 4, "color": "#E45756"}}),
    ])
    fig.update_layout(height=260, margin={"l": 10, "r": 10, "t": 10, "b": 10}, xaxis={"tickformat": ".0%",
                      "range": [0, 1]}, yaxis={"autorange": "reversed"},
                      legend={"orientation": "h", "y": -0.2})
    return fig


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
