"""Workshop page (facilitator): start a noise-audit session, show the join code and QR, watch the
disagreement arrive live, reveal, close, export."""
from __future__ import annotations

import streamlit as st

from ui.safe import md

from studio import workshops as ws
from ui import state
from ui import workshop_state as wst
from ui.i18n import current_lang, t

project = state.project()
editable = state.can_edit()  # a viewer watches sessions and exports them; starting and steering is for editors
st.title(t("wk.title"))
st.caption(t("wk.intro"))

session, token = wst.facilitator_session()

# -- sessions of this project, and a new one ----------------------------------------------------
sessions = ws.list_sessions(project.id, url=wst.url())
with st.expander(t("wk.sessions"), expanded=session is None and bool(sessions)):
    if not sessions:
        st.caption(t("wk.no_sessions"))
    for row in sessions:
        left, right = st.columns([4, 1])
        left.markdown(f"**{row['code']}** · {md(row['title'])} · {t('wk.' + row['status'])} · {row['n_votes']}")
        if right.button(t("project.open"), key=f"wk_open_{row['code']}"):
            st.query_params["ws"] = row["code"]
            st.query_params.pop("key", None)
            st.rerun()

if editable:  # a new session is saved in the project
    with st.expander(t("wk.new"), expanded=session is None):
        title = st.text_input(t("wk.session_title"), value=t("wk.session_default"), key="wk_title")
        source = st.radio(t("wk.source"), ["example", "upload", "typed"], horizontal=True, key="wk_source",
                          format_func=lambda s: t(f"wk.src_{s}"))
        content, filename = None, None
        if source == "example":
            st.code(wst.EXAMPLE_CASES, language="yaml")
            content, filename = wst.EXAMPLE_CASES, "example.yaml"
        elif source == "upload":
            upload = st.file_uploader(t("wk.upload"), type=["yaml", "yml", "json"], key="wk_upload", max_upload_size=1)
            if upload is not None:
                content, filename = upload.getvalue(), upload.name
        else:
            content = st.text_area(t("wk.typed"), value=wst.EXAMPLE_CASES, height=260, key="wk_typed")
            filename = "typed.yaml"
        if st.button(t("wk.create"), type="primary", key="wk_create", disabled=content is None):
            created = wst.create(project.id, content, filename, title)
            if isinstance(created, str):
                st.error(t("wk.cases_error", error=created), icon=":material/error:")
            else:
                wst.open_facilitator(*created)
                st.toast(t("wk.created", code=created[0]))
                st.rerun()

if session is None:
    st.stop()
code = session["code"]
if token is None:
    st.warning(t("wk.no_token", code=code), icon=":material/key:")
    key = st.text_input(t("wk.key"), type="password", key="wk_key_input")
    if key:
        try:
            ws.check_token(code, key, url=wst.url())
        except ws.Forbidden:
            st.error(t("wk.wrong_key"))
        else:
            wst.open_facilitator(code, key)
            st.rerun()
    st.stop()

# -- join code, link, QR ----------------------------------------------------------------------
st.divider()
join = wst.join_url(code)
left, right = st.columns([3, 2])
with left:
    st.subheader(session["title"] or code)
    st.markdown(t("wk.join", url=join))
    st.markdown(f"<div style='font-size:4rem;font-weight:700;letter-spacing:.3rem'>{code}</div>",
                unsafe_allow_html=True)
    st.caption(t("wk.keep_link"))
right.image(wst.qr_png(join), width=240)

buttons = st.columns(4)
if session["revealed"]:
    if buttons[0].button(t("wk.hide"), key="wk_hide", disabled=not editable):
        ws.reveal(code, token, False, url=wst.url())
        st.rerun()
elif buttons[0].button(t("wk.reveal"), key="wk_reveal", type="primary", disabled=not editable):
    ws.reveal(code, token, True, url=wst.url())
    st.rerun()
if session["status"] == "open":
    if buttons[1].button(t("wk.close"), key="wk_close", disabled=not editable):
        wst.set_status(code, token, "closed")
        st.rerun()
elif buttons[1].button(t("wk.reopen"), key="wk_reopen", disabled=not editable):
    wst.set_status(code, token, "open")
    st.rerun()
buttons[2].download_button(t("wk.export"), data=wst.votes_csv(code), file_name=f"votes-{code}.csv",
                           mime="text/csv", key="wk_export", on_click="ignore")
labels, lang = wst.summary_labels(), current_lang()
exports = st.columns(4)
exports[0].download_button(t("wk.export_pdf"), data=lambda: wst.summary_pdf(code, labels, lang),
                           file_name=f"workshop-{code}.pdf", mime="application/pdf", key="wk_export_pdf",
                           on_click="ignore")
exports[1].download_button(t("wk.export_png"), data=lambda: wst.summary_png(code, labels, lang),
                           file_name=f"workshop-{code}.png", mime="image/png", key="wk_export_png",
                           on_click="ignore")
with buttons[3].popover(t("wk.delete"), disabled=not editable):
    if st.button(t("wk.delete"), key="wk_delete_confirm", type="primary", disabled=not editable):
        wst.delete(code, token)
        st.query_params.pop("ws", None)
        st.query_params.pop("key", None)
        st.toast(t("wk.deleted", code=code))
        st.rerun()


def draft_message() -> None:
    """What the last draft button did (shown inside the live view, which the button reruns)."""
    message = st.session_state.pop("_wk_draft_msg", None)
    if message:
        getattr(st, message[0])(message[1])
        if message[0] == "success":
            st.markdown(f"[{t('wk.rules_link')}](/rules?project={project.id})")


def draft_button(case: dict) -> None:
    """A disagreement on a case tied to a decision point: offer it as a draft rule of play."""
    node = case["decision_point"]
    if wst.draft_target(case, state.project().journeys) is None:
        st.caption(t("wk.draft_no_point", case=case["id"]))
        return
    st.button(t("wk.draft", node=node), key=f"wk_draft_{case['id']}", help=t("wk.draft_help"),
              on_click=wst.add_draft, args=(code, case["id"]), disabled=not editable)


# -- live results (refreshes itself every 2 s, without reloading the page) ----------------------
@st.fragment(run_every=2)
def live_results() -> None:
    try:
        frame = ws.votes_frame(code, url=wst.url())
        now = ws.get_session(code, url=wst.url())
    except ws.SessionNotFound:
        return
    report = ws.session_report(frame, now["cases"])
    st.subheader(t("wk.live"))
    st.caption(t("wk.status", status=t("wk." + now["status"]), n=len(frame), raters=report["n_raters"]))
    if frame.empty:
        st.info(t("wk.waiting"), icon=":material/hourglass_top:")
        return
    kappa = report["fleiss_kappa"]
    fmt = lambda x, pct=False: "–" if x is None else (f"{x:.0%}" if pct else f"{x:.2f}")  # noqa: E731
    cols = st.columns(4)
    cols[0].metric(t("wk.kappa"), fmt(kappa["value"]),
                   help=t("wk.kappa_ci", low=fmt(kappa["ci_low"]), high=fmt(kappa["ci_high"])))
    cols[1].metric(t("wk.alpha", level=report["level"]), fmt(report["krippendorff_alpha"][report["level"]]))
    cols[2].metric(t("wk.pct"), fmt(report["percent_agreement"], True))
    noise = report["noise_index"] if report["noise_index"] is not None else report["scale_noise_index"]
    cols[3].metric(t("wk.noise"), fmt(noise, True), help=t("wk.noise_help"))

    st.markdown(f"**{t('wk.by_case')}**")
    draft_message()
    by_id = {c["id"]: c for c in now["cases"]}
    shown = [row["case"] for row in report["cases"]]
    for case_id in shown + [c for c in by_id if c not in shown]:
        case = by_id.get(case_id)
        if case is None:
            continue
        row = next((r for r in report["cases"] if r["case"] == case_id), None)
        with st.container(border=True):
            st.markdown(f"**{md(case_id)}** · {md(case['text'][:240])}")
            if row:
                st.caption(t("wk.case_line", n=row["n"], mode=row["mode"], share=fmt(row["share_mode"], True)))
            if row and case.get("decision_point") and wst.is_disagreement(row):
                draft_button(case)
            values = frame.loc[frame["case"] == case_id, "value"]
            st.plotly_chart(wst.answer_figure(case, values), key=f"wk_chart_{case_id}",
                            config={"displayModeBar": False})

    st.markdown(f"**{t('wk.bases')}**")
    st.caption(t("wk.bases_help"))
    st.plotly_chart(wst.bases_figure(report["bases"]), key="wk_bases", config={"displayModeBar": False})


live_results()
