"""Segments page: run a segmentation, then read its axis map, k choice, profiles, stability, typing tool."""
from __future__ import annotations

import html
import json

import streamlit as st

from segmentation.charts import segment_colour
from studio.segmenting import METHODS
from ui import segments_state as ss
from ui import state
from ui.i18n import current_lang, t

project, version = state.current()
data = state.survey(project)
editable = state.can_edit()  # a viewer reads every run; running and choosing are for editors
lang = current_lang()

st.title(t("seg.title"))
st.caption(t("seg.intro"))
if data is None:
    st.info(t("seg.no_survey"))
    st.stop()
codebook, problem = ss.codebook_of(project)
if codebook is None:
    st.info(problem)
    st.stop()
scales = list(codebook.scales)
notice = st.session_state.pop("_seg_notice", None)
if notice:
    st.success(notice, icon=":material/check_circle:")
if st.session_state.pop("_seg_cancelled", False):
    st.info(t("seg.cancelled"), icon=":material/cancel:")

# -- 1. a new run ---------------------------------------------------------------------------------
if editable:  # a run only produces something to store: a viewer never starts one
    with st.expander(t("seg.new_run"), expanded=not project.segmentations):
        # format_func look-ups are precomputed: widgets may format their values outside the script thread
        method_labels = {m: t(f"seg.method.{m}") for m in METHODS}
        scale_labels = {s: ss.scale_title(codebook, s, lang) for s in scales}
        method = st.segmented_control(t("seg.method"), METHODS, default="quadrant", key="seg_method",
                                      format_func=method_labels.get, help=t("seg.method_help")) or "quadrant"
        req = ss.RunRequest(method=method)
        c1, c2, c3, c4 = st.columns(4)
        if method == "quadrant":
            cut_labels = {c: t(f"seg.cut.{c}") for c in ("midpoint", "median")}
            req.cut = c1.radio(t("seg.cut"), list(cut_labels), format_func=cut_labels.get, key="seg_cut")
            if len(scales) > 2:
                x = c2.selectbox(t("seg.x_axis"), scales, index=0, key="seg_x", format_func=scale_labels.get)
                y = c3.selectbox(t("seg.y_axis"), [s for s in scales if s != x], index=0, key="seg_y",
                                 format_func=scale_labels.get)
                req.axes = (x, y)
        elif method in ("kmeans", "gmm"):
            if c1.toggle(t("seg.use_range"), value=False, key="seg_use_range"):
                req.k_range = c2.slider(t("seg.k_range"), 2, 10, (2, 6), key="seg_k_range")
                req.k = None
            else:
                req.k = int(c2.number_input(t("seg.k"), 2, 12, 4, key="seg_k"))
        else:
            req.k = int(c1.number_input(t("seg.k"), 2, 10, 4, key="seg_lca_k"))
            req.starts = int(c2.number_input(t("seg.starts"), 1, 200, 10, key="seg_starts", help=t("seg.starts_help")))
        req.seed = int(c4.number_input(t("seg.seed"), 0, 2**31 - 1, 0, key="seg_seed"))
        req.n_boot = int(c4.number_input(t("seg.n_boot"), 0, 200, 20, key="seg_n_boot"))

        if method == "quadrant":
            axes = list(req.axes or scales[:2])
            if len(axes) >= 2:
                st.caption(f"{t('seg.inputs')}: " + t("seg.inputs_axes", x=ss.scale_title(codebook, axes[0], lang),
                                                        y=ss.scale_title(codebook, axes[1], lang)))
        elif method == "lca":
            st.caption(f"{t('seg.inputs')}: " + t("seg.inputs_items", items=", ".join(codebook.scale_items)))
        else:
            st.caption(f"{t('seg.inputs')}: " + t("seg.inputs_scores", scales=", ".join(
                ss.scale_title(codebook, s, lang) for s in scales)))
        options = ss.behaviour_options(codebook, data, method)
        if options:
            req.behaviour = st.multiselect(t("seg.behaviour"), options, key=f"seg_behaviour_{method}",
                                           help=t("seg.behaviour_help"))
        demo_options = ss.demographic_options(codebook, data, method)
        if demo_options and st.checkbox(t("seg.override"), key="seg_override"):
            st.warning(t("seg.override_warn"), icon=":material/warning:")
            d1, d2 = st.columns([1, 2])
            req.demographics = d1.multiselect(t("seg.demographics"), demo_options, key="seg_demographics")
            req.reason = d2.text_input(t("seg.reason"), key="seg_reason")

        clicked = st.button(t("seg.run"), type="primary", key="seg_run", icon=":material/play_arrow:")
        if clicked:
            refused = req.refused()
            if refused:
                st.error(refused, icon=":material/block:")
            else:
                with st.status(t("seg.running", n=len(data), method=t(f"seg.method.{method}")), expanded=True) as box:
                    st.caption(t("seg.long_note"))
                    st.button(t("seg.cancel"), key="seg_cancel", icon=":material/stop:",
                              on_click=lambda: st.session_state.update(_seg_cancelled=True))
                    bar = st.progress(0.0, text=t("seg.step.start"))

                    def on_progress(fraction: float, text: str) -> None:
                        bar.progress(min(max(fraction, 0.0), 1.0), text=ss.step_text(text))

                    try:
                        run = ss.execute(project, data, codebook, req, on_progress)
                    except ValueError as error:
                        box.update(state="error")
                        st.error(t("seg.run_failed", error=str(error).splitlines()[0]), icon=":material/error:")
                        run = None
                if run is not None:
                    if ss.save_run(run):  # refused when someone saved in between: the conflict banner offers a merge
                        st.session_state["seg_view"] = run["id"]
                        st.session_state["_seg_notice"] = t("seg.saved", version=state.shown()[1])
                    st.rerun()


# -- 2. results -----------------------------------------------------------------------------------
st.subheader(t("seg.results" if editable else "seg.results_view"))
runs = project.segmentations
if not runs:
    st.info(t("seg.no_runs" if editable else "seg.no_runs_view"))
    st.stop()
ids = [r["id"] for r in runs]
if st.session_state.get("seg_view") not in ids:
    st.session_state["seg_view"] = ids[ss.default_run_index(runs)]
left, right = st.columns([2, 1], vertical_alignment="bottom")
run_labels = {i: ss.run_label(r, n) for n, (i, r) in enumerate(zip(ids, runs))}
view = left.selectbox(t("seg.pick_run"), ids, key="seg_view", format_func=run_labels.get)
run = runs[ids.index(view)]
if run.get("chosen"):
    right.success(t("seg.is_chosen"), icon=":material/star:")
else:
    right.button(t("seg.choose"), key="seg_choose", on_click=ss.choose_run, args=(run["id"],),
                 icon=":material/star:", disabled=not editable)

names = ss.segment_names(run, codebook, lang)
m2, m3, m4, m5 = st.columns(4)
m2.metric(t("seg.metric.k"), run["k"])
m3.metric(t("seg.metric.placed"), f"{run['n_placed']} / {run['n']}")
verdict_short, verdict_plain = ss.verdict(run)
m4.metric(t("seg.metric.stability"), f"{run['stability_ari']:.2f}" if run.get("stability_ari") is not None else "–",
          verdict_short, delta_color="off", delta_arrow="off")
if run.get("bic") is not None:
    m5.metric(t("seg.metric.bic"), f"{run['bic']:,.0f}")
if run.get("override_reason"):
    st.warning(t("seg.override_used", cols=", ".join(ss.demographics_used(run, codebook)) or "–",
                 reason=run["override_reason"]), icon=":material/gavel:")
same_survey = len(data) == run.get("n")
if not same_survey:
    st.warning(t("seg.other_survey", n=run.get("n"), m=len(data)), icon=":material/sync_problem:")

tab_map, tab_k, tab_prof, tab_stab, tab_type = st.tabs(
    [t("seg.tab.map"), t("seg.tab.k"), t("seg.tab.profiles"), t("seg.tab.stability"), t("seg.tab.typing")])

with tab_map:
    fig, n_near = ss.axis_map(project, run, data, codebook, lang) if same_survey else (None, 0)
    if fig is None:
        st.info(t("seg.map_needs_two") if same_survey else t("seg.other_survey", n=run.get("n"), m=len(data)))
    else:
        st.plotly_chart(fig, width="stretch", key="seg_map", config={"displaylogo": False})
        st.caption(t("seg.map_caption"))
        if len(data) > ss.MAP_MAX_POINTS:
            st.caption(t("seg.map_sample", shown=ss.MAP_MAX_POINTS, n=len(data)))
        cuts = (run.get("fit") or {}).get("cuts")
        if run["method"] == "quadrant" and cuts:
            st.caption(t("seg.map_near", cx=cuts[0], cy=cuts[1], n=n_near, near=ss.NEAR_CUT))

with tab_k:
    if run["method"] == "quadrant":
        st.info(t("seg.k_quadrant"))
    else:
        kfig = ss.k_figure(project, run, lang)
        if kfig is None:
            st.info(t("seg.k_none"))
        else:
            rule = "bic" if run["method"] == "gmm" else "silhouette"
            st.caption(t("seg.k_caption", k=run["k"], rule=t(f"seg.k_rule.{rule}")))
            st.plotly_chart(kfig, width="stretch", key="seg_kfig", config={"displaylogo": False})

with tab_prof:
    profiles = run.get("profiles") or []
    mfig = ss.means_figure(project, run, codebook, lang)
    if mfig is not None:
        st.markdown(f"**{t('seg.axis_means')}**")
        st.plotly_chart(mfig, width="stretch", key="seg_means", config={"displaylogo": False})
    tables = ss.distinguishing_tables(project, run, codebook, lang)
    per_row = 4 if len(profiles) != 5 else 5
    for start in range(0, len(profiles), per_row):
        cols = st.columns(per_row)
        for col, prof, table in zip(cols, profiles[start:start + per_row], tables[start:start + per_row]):
            seg = int(prof["segment"])
            with col.container(border=True):
                st.markdown(f"<span style='color:{segment_colour(seg)};font-size:1.4em'>●</span> "
                            f"**{html.escape(names[seg] if seg < len(names) else str(seg))}**", unsafe_allow_html=True)
                st.metric(t("seg.share"), f"{prof['share']:.0%}", t("seg.n", n=prof["n"]), delta_color="off",
                          delta_arrow="off")
                for axis, a in (prof.get("axes") or {}).items():
                    if a.get("mean") is not None:
                        ci = (f" [{a['ci_low']:.2f}–{a['ci_high']:.2f}]" if a.get("ci_low") is not None else "")
                        st.caption(f"{ss.scale_title(codebook, axis, lang)}: **{a['mean']:.2f}**{ci}")
                st.markdown(f"*{t('seg.distinguishing')}*", help=t("seg.effect_help"))
                st.markdown(table, unsafe_allow_html=True)
    with st.container(border=True):
        st.markdown(f"**{t('seg.demo_title')}**")
        st.caption(t("seg.demo_caption"))
        demo = ss.demographics_table(project, run, codebook, lang)
        if demo.empty:
            st.caption(t("seg.demo_none"))
        else:
            st.dataframe(demo, hide_index=True, width="stretch")

with tab_stab:
    sfig = ss.stability_figure(project, run, codebook, lang)
    if sfig is None:
        st.info(t("seg.stab_none"))
    else:
        verdict_key = (run.get("stability") or {}).get("verdict")
        box = st.success if verdict_key == "stable" else st.info if verdict_key == "moderately stable" \
            else st.warning
        box(verdict_plain)
        st.plotly_chart(sfig, width="stretch", key="seg_stab", config={"displaylogo": False})
        st.caption(t("seg.stab_weakest"))
        if run["method"] == "quadrant" and (run.get("params") or {}).get("cut") == "midpoint":
            st.caption(t("seg.stab_fixed_cut"))

with tab_type:
    st.caption(t("seg.tt_intro"))
    n_items = len(codebook.scale_items)
    c1, c2, c3 = st.columns([2, 1, 1])
    max_q = c1.slider(t("seg.tt_max"), 1, max(n_items, 2), min(6, n_items), key="seg_tt_max")
    dialect = c2.selectbox(t("seg.tt_dialect"), ["postgres", "duckdb", "sqlite"], key="seg_tt_dialect")
    table_name = c3.text_input(t("seg.tt_table"), "survey", key="seg_tt_table")
    tool = ss.typing_tool(project, run, data, max_q, dialect, table_name) if same_survey else \
        {"error": t("seg.other_survey", n=run.get("n"), m=len(data))}
    if "error" in tool:
        st.error(t("seg.tt_failed", error=tool["error"]), icon=":material/error:")
    else:
        a1, a2 = st.columns([1, 2])
        a1.metric(t("seg.tt_accuracy"), f"{tool['accuracy']:.1%}")
        a1.markdown(f"**{t('seg.tt_questions')}**")
        a1.markdown("\n".join(f"{i}. {ss.item_text(codebook, q, lang)}" for i, q in enumerate(tool["questions"], 1)))
        conf_fig, acc_fig = ss.typing_figures(project, run, tool, names, lang)
        with a2:
            st.markdown(f"**{t('seg.tt_confusion')}**")
            st.plotly_chart(conf_fig, width="stretch", key="seg_confusion", config={"displaylogo": False})
        if acc_fig is not None:
            with a1.popover(t("seg.tt_by_n"), icon=":material/show_chart:"):
                st.plotly_chart(acc_fig, width="stretch", key="seg_acc_by_n", config={"displaylogo": False})

        @st.fragment
        def scoring_form(rule: dict, questions: list[str]) -> None:
            st.markdown(f"**{t('seg.tt_form')}**")
            cols = st.columns(min(len(questions), 3))
            answers = {}
            for i, q in enumerate(questions):
                low, high = ss.question_bounds(codebook, q)
                default = min(max(round(rule["impute_missing_with"].get(q, low)), low), high)
                answers[q] = cols[i % len(cols)].number_input(ss.item_text(codebook, q, lang), int(low),
                                                              int(high), int(default), step=1,
                                                              key=f"seg_tt_q_{run['id']}_{q}")
            seg = ss.score_rule(rule, answers)
            label = names[seg] if isinstance(seg, int) and seg < len(names) else str(seg)
            st.success(t("seg.tt_predicted", segment=label), icon=":material/person_search:")

        scoring_form(tool["rule"], tool["questions"])
        st.markdown(f"**{t('seg.tt_export')}**")
        e1, e2 = st.columns(2)
        e1.download_button(t("seg.tt_json"), json.dumps(tool["rule"], ensure_ascii=False, indent=2),
                           file_name=f"typing-tool-{run['id']}.json", mime="application/json", key="seg_tt_json",
                           icon=":material/download:")
        e2.download_button(t("seg.tt_sql", dialect=dialect), tool.get("sql", ""),
                           file_name=f"typing-tool-{run['id']}-{dialect}.sql", mime="application/sql",
                           key="seg_tt_sql", icon=":material/download:")
        st.caption(t("seg.tt_sql_caption"))
