"""Vote page (participant, on a phone): one case at a time, an answer, what decided it, an optional
reason. No navigation, no project data; the code and the participant id live in the URL."""
from __future__ import annotations

import streamlit as st

from ui.safe import md

from studio import workshops as ws
from ui import workshop_state as wst
from ui.i18n import t
from workshop.sessions import BASES

st.markdown(wst.HIDE_CHROME_CSS, unsafe_allow_html=True)
st.header(t("vt.title"))

raw_code = st.query_params.get("code")
session = None
if raw_code:
    try:
        session = ws.get_session(raw_code, url=wst.url())
    except ws.SessionNotFound:
        st.error(t("vt.unknown", code=raw_code), icon=":material/error:")
if session is None:
    with st.form("vt_join"):
        typed = st.text_input(t("vt.code"), max_chars=9, placeholder="K7Q-4MZ", key="vt_code_input")
        if st.form_submit_button(t("vt.join"), type="primary", use_container_width=True) and typed.strip():
            st.query_params["code"] = ws.normalise_code(typed)
            st.rerun()
    st.stop()

code = session["code"]
if raw_code != code:
    st.query_params["code"] = code
participant = wst.participant_id()
cases = session["cases"]
mine = ws.participant_votes(code, participant, url=wst.url())

if session["revealed"]:
    with st.expander(t("vt.revealed"), expanded=session["status"] == "closed"):
        frame = ws.votes_frame(code, url=wst.url())
        for case in cases:
            st.markdown(f"**{case['id']}**")
            st.plotly_chart(wst.answer_figure(case, frame.loc[frame["case"] == case["id"], "value"]),
                            key=f"vt_result_{case['id']}", config={"displayModeBar": False, "staticPlot": True})

if session["status"] != "open":
    st.info(t("vt.closed"), icon=":material/lock:")
    st.stop()

index_key = f"_vt_index_{code}"
if index_key not in st.session_state:  # resume at the first case not answered yet
    st.session_state[index_key] = next((i for i, c in enumerate(cases) if c["id"] not in mine), 0)
i = min(max(st.session_state[index_key], 0), len(cases) - 1)
case = cases[i]

flash = st.session_state.pop("_vt_flash", None)
if flash:
    st.success(flash, icon=":material/check_circle:")
if len(mine) == len(cases):
    st.info(t("vt.done", n=len(cases)))

st.progress((i + 1) / len(cases), text=t("vt.progress", i=i + 1, n=len(cases)))
st.caption(t("vt.own"))
st.markdown(md(case["text"]))
stored = mine.get(case["id"])
if stored:
    st.caption(t("vt.stored", value=stored["value"]))

with st.form(f"vt_form_{case['id']}", clear_on_submit=False):
    if "answers" in case:
        options = case["answers"]
        value = st.radio(t("vt.answer"), options, key=f"vt_answer_{case['id']}",
                         index=options.index(stored["value"]) if stored and stored["value"] in options else None)
    else:
        lo, hi = case["scale"]["min"], case["scale"]["max"]
        start = float(stored["value"]) if stored else None
        if isinstance(lo, int) and isinstance(hi, int) and hi - lo <= 10:
            value = st.slider(t("vt.answer"), lo, hi, int(start) if start is not None else (lo + hi) // 2,
                              key=f"vt_answer_{case['id']}")
        else:
            value = st.number_input(t("vt.answer"), min_value=float(lo), max_value=float(hi), value=start,
                                    key=f"vt_answer_{case['id']}")
    basis = st.radio(t("vt.basis"), list(BASES), format_func=wst.basis_label, key=f"vt_basis_{case['id']}",
                     index=list(BASES).index(stored["basis"]) if stored and stored["basis"] in BASES else None)
    reason = st.text_area(t("vt.reason"), value=(stored or {}).get("reason") or "", max_chars=1000,
                          key=f"vt_reason_{case['id']}", height=80)
    sent = st.form_submit_button(t("vt.send"), type="primary", use_container_width=True)
if sent:
    if value is None:
        st.error(t("vt.error", error=t("vt.answer")), icon=":material/error:")
    else:
        error = wst.send_vote(code, participant, case["id"], value, basis, reason.strip() or None)
        if error:
            st.error(t("vt.error", error=error), icon=":material/error:")
        else:
            st.session_state["_vt_flash"] = t("vt.sent")
            answered = set(mine) | {case["id"]}
            later = [j for j, c in enumerate(cases) if c["id"] not in answered and j > i]
            st.session_state[index_key] = later[0] if later else min(i + 1, len(cases) - 1)
            st.rerun()

prev, nxt = st.columns(2)
if prev.button(t("vt.prev"), key="vt_prev", disabled=i == 0, use_container_width=True):
    st.session_state[index_key] = i - 1
    st.rerun()
if nxt.button(t("vt.next"), key="vt_next", disabled=i >= len(cases) - 1, use_container_width=True):
    st.session_state[index_key] = i + 1
    st.rerun()
