"""Journeys page: swimlane map, a persona's path and emotion curve, table and canvas editors,
checks panel, designed versus actual."""
from __future__ import annotations

import streamlit as st

from journeys.charts import LABEL_LIMIT
from journeys.model import NODE_KINDS
from ui import journeys_state as js
from ui import state
from ui.i18n import current_lang, t
from ui.safe import md

project, version = state.current()
lang = current_lang()
editable = state.can_edit()  # a viewer reads maps, paths, checks and exports; nothing that saves is offered
cc = st.column_config

st.title(t("jr.title"))
toast = st.session_state.pop("_jr_toast", None)
if toast:
    st.toast(toast)

# -- pick, add, delete, export ------------------------------------------------------------------
names = [str(j.get("name") or f"#{i + 1}") for i, j in enumerate(project.journeys)]
if "_jr_select_next" in st.session_state:
    st.session_state["_jr_selected"] = st.session_state.pop("_jr_select_next")
if st.session_state.get("_jr_selected", 0) >= max(len(names), 1):
    st.session_state["_jr_selected"] = 0
pick, add_col, export_col, delete_col = st.columns([4, 1.3, 1.1, 1.1], vertical_alignment="bottom")
index = None
if names:
    index = pick.selectbox(t("jr.pick"), list(range(len(names))), format_func=lambda i: names[i],
                           key="_jr_selected")
else:
    pick.info(t("jr.none"))

if editable:  # adding a journey saves it
    with add_col.popover(f":material/add: {t('jr.add')}", width="stretch"):
        sources = {"example": t("jr.src_example"), "empty": t("jr.src_empty"), "upload": t("jr.src_upload")}
        source = st.radio(t("jr.add_from"), list(sources), format_func=sources.get, key="_jr_src", horizontal=True)
        new_data, add_error = None, None
        if source == "example":
            examples = js.examples()
            choice = st.selectbox(t("jr.example"), list(examples), key="_jr_example")
            if choice:
                new_data = js.read_example(examples[choice])
        elif source == "empty":
            new_data = js.empty_journey(st.text_input(t("jr.new_name"), value=t("jr.new_default"),
                                                      key="_jr_new_name", max_chars=200))
        else:
            files = st.file_uploader(t("jr.upload", mb=js.MAX_MB), key="_jr_upload", accept_multiple_files=True,
                                     type=["json", "graphml", "xml", "mmd", "mermaid", "md", "txt", "csv", "tsv"],
                                     max_upload_size=js.MAX_MB)
            new_data, add_error = js.read_upload([(f.name, f.getvalue()) for f in files or []])
            if add_error:
                st.error(add_error, icon=":material/error:")
            elif new_data:
                st.caption(f"{md(new_data.get('name'))}: {len(new_data.get('nodes', []))} · "
                           f"{len(new_data.get('edges', []))}")
        if st.button(t("jr.do_add"), key="_jr_do_add", type="primary", disabled=new_data is None):
            add_error = js.add_journey(new_data)
            if add_error:
                st.error(add_error, icon=":material/error:")
            else:
                st.rerun()

if index is None:
    st.stop()

data = project.journeys[index]
text = js.to_text(data)
journey, parse_error = js.parse(text)

if editable:  # deleting saves too
    with delete_col.popover(f":material/delete: {t('jr.delete')}", width="stretch"):
        st.write(t("jr.delete_confirm", name=names[index]))
        st.button(t("jr.delete_yes"), key="_jr_delete", type="primary", on_click=js.delete_journey, args=(index,))

if parse_error:
    st.error(t("jr.invalid_stored", error=parse_error), icon=":material/error:")
    st.stop()

with export_col.popover(f":material/download: {t('jr.export')}", width="stretch"):
    for label_key, content, filename, mime in js.exports_cached(text):
        st.download_button(t(label_key), content, file_name=filename, mime=mime, key=f"_jr_dl_{label_key}",
                           width="stretch")
    st.download_button(t("jr.export_svg"), lambda: js.map_svg(text, lang),
                       file_name=f"{js.slug(journey.name)}.svg", mime="image/svg+xml", key="_jr_dl_svg",
                       width="stretch")
    st.caption(t("jr.export_png"))

personas = js.personas_of(journey)
highlight = st.session_state.get("_jr_highlight")
if highlight is not None and highlight not in {n.id for n in journey.nodes}:
    highlight = None
found = js.findings(text)

c1, c2 = st.columns([1, 2])
persona = c1.selectbox(t("jr.persona"), [None] + personas, key=f"_jr_persona_{index}",
                       format_func=lambda p: t("jr.all_personas") if p is None else p,
                       disabled=not personas, help=None if personas else t("jr.no_personas"))
collapsed = c2.multiselect(t("jr.collapse"), list(journey.stages), key=f"_jr_collapse_{index}",
                           help=t("jr.collapse_help"), placeholder=t("jr.collapse_none"))
if len(journey.nodes) > LABEL_LIMIT:
    st.caption(t("jr.big", n=len(journey.nodes)))
figure = js.map_figure(text, persona, highlight, tuple(collapsed), lang)
# On a phone the map keeps a readable width and scrolls sideways instead of squeezing the names.
st.html("<style>.st-key-jr_map_box{overflow-x:auto}"
        ".st-key-jr_map_box .st-key-jr_map{min-width:760px}</style>")
st.container(key="jr_map_box").plotly_chart(figure, key="jr_map", theme=None,
                config={"displaylogo": False, "scrollZoom": False,
                        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
                        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "journey"}})
st.caption(t("jr.key"))

main, side = st.columns([3, 1], gap="medium")
with main:
    if persona is not None:
        emotion, moments, n_nodes, n_edges = js.persona_view(text, persona, lang)
        st.markdown(t("jr.path_caption", persona=f"**{md(persona)}**", nodes=n_nodes, edges=n_edges))
        st.markdown(f"**{t('jr.emotion', persona=md(persona))}**")
        lowest = [m for m in moments if m["lowest"]]
        if any(p == persona for n in journey.nodes for p in n.emotion):
            with st.container(key="jr_emotion_box"):
                st.plotly_chart(emotion, key="jr_emotion", theme=None, config={"displaylogo": False})
            if lowest:
                st.markdown(t("jr.lowest", names=", ".join(f"**{js.label_of(journey, m['node'])}** "
                                                            f"({m['emotion']:+g})" for m in lowest)))
        else:
            st.info(t("jr.no_emotion", persona=persona))
        st.markdown(f"**{t('jr.moments')}**", help=t("jr.moments_help"))
        halves = st.columns(2)
        for k, m in enumerate(moments):
            why = " · ".join(w for w, on in ((t("jr.why_lowest"), m["lowest"]),
                                             (t("jr.why_unavoidable"), m["unavoidable"])) if on)
            score = "" if m["emotion"] is None else f" ({m['emotion']:+g})"
            halves[k * 2 // max(len(moments), 1)].markdown(
                f"- **{js.label_of(journey, m['node'])}**{score} · {why}")

    tabs = [t("jr.tab_tables" if editable else "jr.tab_tables_view"), t("jr.tab_canvas"), t("jr.tab_actual")]
    tab_tables, tab_canvas, tab_actual = st.tabs(tabs)

# -- tables --------------------------------------------------------------------------------------
with tab_tables:
    with st.expander(t("jr.settings")):
        s1, s2 = st.columns(2)
        s1.text_input(t("jr.name"), value=journey.name, key=f"_jr_name_{index}_{version}", max_chars=200,
                      on_change=js.set_setting, args=(index, "name", f"_jr_name_{index}_{version}"),
                      disabled=not editable)
        s2.text_input(t("jr.personas"), value=", ".join(journey.personas), key=f"_jr_pers_{index}_{version}",
                      on_change=js.set_setting, args=(index, "personas", f"_jr_pers_{index}_{version}"),
                      disabled=not editable)
        s1.text_input(t("jr.stages"), value=", ".join(journey.stages), key=f"_jr_stages_{index}_{version}",
                      on_change=js.set_setting, args=(index, "stages", f"_jr_stages_{index}_{version}"),
                      disabled=not editable)
        s2.text_input(t("jr.lanes"), value=", ".join(journey.lanes), key=f"_jr_lanes_{index}_{version}",
                      on_change=js.set_setting, args=(index, "lanes", f"_jr_lanes_{index}_{version}"),
                      disabled=not editable)
    st.caption(t("jr.table_help" if editable else "jr.table_help_view"))
    reset = st.session_state.get("_jr_editor_reset", 0)
    node_ids = [n.id for n in journey.nodes]

    def choice(label_key: str, options: list[str], **kw):
        if options:
            return cc.SelectboxColumn(t(label_key), options=options, **kw)
        return cc.TextColumn(t(label_key), **kw)

    node_table, edge_table = js.tables(text)
    tables = {
        "nodes": (node_table, {
            "_row": None,
            "id": cc.TextColumn(t("jr.c_id"), required=True, width="small", pinned=True),
            "label": cc.TextColumn(t("jr.c_label"), width="medium"),
            "kind": cc.SelectboxColumn(t("jr.c_kind"), options=list(NODE_KINDS), required=True, width="small"),
            "stage": choice("jr.c_stage", list(journey.stages), width="small"),
            "lane": choice("jr.c_lane", list(journey.lanes), width="small"),
            "channel": cc.TextColumn(t("jr.c_channel"), width="small"),
            "discretion": cc.CheckboxColumn(t("jr.c_discretion"), width="small"),
            "who_decides": cc.TextColumn(t("jr.c_who"), width="medium"),
            **{js.emotion_column(p): cc.NumberColumn(t("jr.c_emotion", persona=p), min_value=-2, max_value=2,
                                                     step=1, width="small") for p in personas}}),
        "edges": (edge_table, {
            "source": cc.SelectboxColumn(t("jr.c_source"), options=node_ids, required=True, width="medium"),
            "target": cc.SelectboxColumn(t("jr.c_target"), options=node_ids, required=True, width="medium"),
            "personas": cc.MultiselectColumn(t("jr.c_personas"), options=personas,
                                             accept_new_options=not journey.personas, width="medium"),
            "default": cc.CheckboxColumn(t("jr.c_default"), width="small"),
            "condition": cc.TextColumn(t("jr.c_condition"), width="medium"),
            "label": cc.TextColumn(t("jr.c_edge_label"), width="small")}),
    }
    for kind, (frame, config) in tables.items():
        st.markdown(f"**{t('jr.' + kind)}**")
        key = f"jr_{kind}_{index}_{version}_{reset}"
        pend = js.pending(kind, index)
        carried = pend is not None and pend["version"] != version  # edits made before another save
        if carried:
            frame, key = pend["frame"], key + "_p"
        edited = st.data_editor(frame, key=key, num_rows="dynamic" if editable else "fixed", hide_index=True,
                                column_config=config, width="stretch", disabled=not editable,
                                height=min(38 + 35 * (len(frame) + editable), 420))
        if editable and (js.editor_changed(key) or carried):
            status, message = js.apply_table(kind, index, data, edited, personas, version)
            if status == "refused":
                st.error(t("jr.refused", error=message), icon=":material/block:")
                st.caption(t("jr.refused_keep"))
                st.button(t("jr.discard"), key=f"_jr_discard_{kind}", on_click=js.discard_pending,
                          args=(kind, index, key))
            elif status == "incomplete":
                st.info(t("jr.incomplete"))

# -- canvas ----------------------------------------------------------------------------------------
with tab_canvas:
    if not js.flow_available():
        st.info(t("jr.canvas_missing"))
    else:
        from streamlit_flow import streamlit_flow

        st.caption(t("jr.canvas_help" if editable else "jr.canvas_help_view"))
        sent = js.flow_state(journey, text, editable=editable)
        result = streamlit_flow(f"jr_flow_{index}_{version}", sent, height=560, fit_view=True,
                                allow_new_edges=editable, enable_edge_menu=editable, hide_watermark=True,
                                show_minimap=len(journey.nodes) > 40, min_zoom=0.1)
        try:
            change = js.apply_flow(data, result, sent) if editable else None  # a viewer only pans and zooms
        except ValueError as error:
            st.error(t("jr.refused", error=str(error).splitlines()[0]), icon=":material/block:")
            change = None
        if change is not None and js.save_journey(index, change[0], change[1]):
            st.rerun()

# -- designed vs actual ---------------------------------------------------------------------------
def show_comparison(result) -> None:
    """Metrics, the map with the observed counts, designed moves and moves not in the design."""
    m1, m2, m3 = st.columns(3)
    m1.metric(t("jr.m_events"), f"{result.n_events:,}".replace(",", " "))
    m2.metric(t("jr.m_cases"), f"{result.n_cases:,}".replace(",", " "))
    m3.metric(t("jr.m_share"), f"{result.share_following:.0%}")
    if result.unmapped:
        st.warning(t("jr.unmapped", names=", ".join(md(n) for n in result.unmapped[:20])), icon=":material/link_off:")
    counts = tuple((s, tg, c) for (s, tg), c in result.edge_counts.items())
    st.plotly_chart(js.map_figure(text, None, None, tuple(collapsed), lang, counts), key="jr_actual_map",
                    theme=None, config={"displaylogo": False})
    st.caption(t("jr.actual_key"))
    a1, a2 = st.columns(2)
    names = {"source": t("jr.c_source"), "target": t("jr.c_target"), "count": t("jr.c_count"),
             "cases": t("jr.c_cases")}
    with a1:
        st.markdown(f"**{t('jr.actual_edges')}**")
        st.dataframe(result.edges.rename(columns=names), hide_index=True, width="stretch", key="jr_actual_edges")
    with a2:
        st.markdown(f"**{t('jr.extra')}**")
        if result.extra.empty:
            st.success(t("jr.extra_none"))
        else:
            st.dataframe(result.extra.rename(columns=names), hide_index=True, width="stretch",
                         key="jr_actual_extra")


with tab_actual:
    st.caption(t("jr.log_help"))
    upload = st.file_uploader(t("jr.log_upload", mb=js.MAX_LOG_MB), type=["csv", "tsv", "txt"], key="_jr_log",
                              max_upload_size=js.MAX_LOG_MB)
    kept = js.saved_log(data)  # the compact summary kept in the journey (never the events)
    digest, log_error = None, None
    if upload is not None:
        log, log_error, digest = js.read_log(upload.getvalue(), upload.name)
        if log_error:
            st.error(log_error, icon=":material/error:")
        else:
            map_key = f"_jr_map_{index}_{digest[:12]}"
            table = js.activity_table(log, journey, st.session_state.get(map_key) or js.saved_mapping(kept, digest))
            st.markdown(f"**{t('jr.mapping')}**")
            mapped = st.data_editor(table, key=f"jr_mapping_{index}_{digest[:12]}", hide_index=True,
                                    disabled=["activity", "events"], width="stretch",
                                    height=min(38 + 35 * (len(table) + 1), 360), column_config={
                                        "activity": cc.TextColumn(t("jr.c_activity")),
                                        "events": cc.NumberColumn(t("jr.c_events")),
                                        "node": cc.SelectboxColumn(t("jr.c_node"), options=node_ids)})
            mapping = {str(a): js._text(n) for a, n in zip(mapped["activity"], mapped["node"])}
            st.session_state[map_key] = mapping
            only = persona if persona is not None and "persona" in log.columns else None
            result = js.comparison(text, digest, log, tuple(sorted(mapping.items())), only)
            if editable:  # a viewer compares in the session only
                if js.keep_log(index, data, log, mapping, upload.name, digest, result if only is None else None):
                    kept = js.saved_log(state.shown()[0].journeys[index])
                if js.is_forgotten(index, digest):
                    st.caption(t("jr.log_not_kept"))
                    st.button(t("jr.log_keep"), key="_jr_keep_log", on_click=js.keep_again, args=(index, digest))
                else:
                    st.caption(t("jr.log_kept"))
            if only:
                st.caption(t("jr.filter_persona", persona=only))
            show_comparison(result)
    if (upload is None or log_error) and kept is not None:  # no (readable) upload: what the project kept
        saved, saved_error = js.saved_comparison(text)
        st.info(t("jr.log_saved", **js.log_facts(kept)), icon=":material/history:")
        if kept.get("design") != js.design_fingerprint(journey):
            st.warning(t("jr.log_stale"), icon=":material/update:")
        if persona is not None:
            st.caption(t("jr.log_all_personas"))
        if saved_error:
            st.error(t("jr.log_bad", error=saved_error), icon=":material/error:")
        else:
            show_comparison(saved)
    if editable and kept is not None:
        st.button(f":material/delete_history: {t('jr.log_forget')}", key="_jr_forget_log", on_click=js.forget_log,
                  args=(index, digest), help=t("jr.log_forget_help"))

# -- checks panel --------------------------------------------------------------------------------
CARDS = 12
with side:
    st.subheader(t("jr.checks"))
    open_count = sum(1 for f in found if not f["justified"])
    st.caption(t("jr.checks_count", open=open_count, justified=len(found) - open_count))
    if not found:
        st.success(t("jr.checks_ok"), icon=":material/check_circle:")
    ordered = js.ordered_findings(found)
    for k, f in enumerate(ordered[:CARDS]):
        with st.container(border=True):
            js.finding_card_text(f, "jr", where=js.label_of(journey, f.get("node")))
            st.button(f":material/my_location: {t('jr.show')}", key=f"_jr_show_{k}", on_click=js.show_node,
                      args=(f.get("node"),), type="primary" if highlight == f.get("node") else "secondary",
                      width="stretch")
            js.justify_controls(f, index, k, f"_jr_reason_{index}_{k}_{version}", "jr", editable)
    if len(ordered) > CARDS:  # the rest in one table: a card per finding would slow big journeys down
        st.caption(t("jr.more", n=len(ordered) - CARDS))
        st.dataframe([{t("jr.c_severity"): f["severity"] + (" ✓" if f["justified"] else ""), "code": f["code"],
                       t("jr.c_node"): js.label_of(journey, f.get("node")), t("jr.c_message"): js.finding_text(f, "message")}
                      for f in ordered[CARDS:]], hide_index=True, width="stretch", key="jr_more_findings")
