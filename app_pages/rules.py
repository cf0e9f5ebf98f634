"""Rules of play page: a decision table per decision point, its live checks, and tracing a case."""
from __future__ import annotations

import math

import streamlit as st

from journeys.model import HIT_POLICIES, TEST_QUESTIONS
from journeys.rules import OTHER, fmt
from ui import journeys_state as js
from ui import rules_state as rs
from ui import state
from ui.i18n import current_lang, t

project, version = state.current()
lang = current_lang()
editable = state.can_edit()  # a viewer reads tables and checks and traces cases; nothing that saves is offered
cc = st.column_config
md = rs.md

st.title(t("ru.title"))
st.caption(t("ru.intro"))
toast = st.session_state.pop("_ru_toast", None)
if toast:
    st.toast(toast)

# -- pick a journey and a decision point ------------------------------------------------------------
names = [str(j.get("name") or f"#{i + 1}") for i, j in enumerate(project.journeys)]
if not names:
    st.info(t("ru.no_journeys"))
    st.stop()
if st.session_state.get("_ru_journey", 0) >= len(names):
    st.session_state["_ru_journey"] = 0
c_journey, c_node = st.columns(2)
index = c_journey.selectbox(t("ru.journey"), list(range(len(names))), format_func=lambda i: names[i],
                            key="_ru_journey")
data = project.journeys[index]
text = js.to_text(data)
journey, parse_error = js.parse(text)
if parse_error:
    st.error(t("ru.invalid_stored", error=parse_error), icon=":material/error:")
    st.stop()

decisions = rs.decision_nodes(journey)
node_key = f"_ru_node_{index}"
if "_ru_node_next" in st.session_state:
    chosen = st.session_state.pop("_ru_node_next")
    if chosen in decisions:
        st.session_state[node_key] = chosen
if st.session_state.get(node_key) not in decisions:
    st.session_state.pop(node_key, None)
node_id = c_node.selectbox(t("ru.node"), decisions, key=node_key,
                           format_func=lambda n: rs.node_option(journey, n)) if decisions else None


def protocol_button(default: str | None) -> None:
    if not editable:  # inserting a protocol step saves the journey
        return
    with st.popover(f":material/shield_person: {t('ru.protocol')}", width="stretch"):
        st.caption(t("ru.protocol_help"))
        ids = [n.id for n in journey.nodes]
        widget = f"_ru_protocol_after_{index}_{version}"
        st.selectbox(t("ru.protocol_after"), ids, index=ids.index(default) if default in ids else 0, key=widget,
                     format_func=lambda n: f"{js.label_of(journey, n)} ({n})")
        st.button(t("ru.protocol_do"), key="_ru_protocol_do", type="primary", on_click=rs.insert_protocol,
                  args=(index, widget))


if node_id is None:
    st.info(t("ru.no_decisions"))
    protocol_button(None)
    st.stop()

node = journey.node(node_id)
label = js.label_of(journey, node_id)
table = rs.table_of(data, node_id)
if table is None:
    st.info(t("ru.no_table", node=md(label)), icon=":material/rule:")
    if node.discretion:
        st.warning(t("ru.no_table_discretion"), icon=":material/warning:")
    left, right = st.columns(2)
    left.button(f":material/add: {t('ru.create')}", key="_ru_create", type="primary", on_click=rs.create_table,
                args=(index, node_id), disabled=not editable)
    with right:
        protocol_button(node_id)
    st.stop()

model = journey.rules[node_id]
table_text = js.to_text(table)
main, side = st.columns([3, 1.2], gap="medium")

# -- the table ---------------------------------------------------------------------------------------
with main:
    top1, top2, top3 = st.columns([1.3, 1.8, 0.9], vertical_alignment="bottom")
    policy_key = f"_ru_policy_{index}_{node_id}_{version}"
    top1.selectbox(t("ru.hit_policy"), list(HIT_POLICIES), index=list(HIT_POLICIES).index(model.hit_policy),
                   key=policy_key, format_func=lambda p: t(f"ru.pol.{p}"), help=t("ru.hit_help"),
                   on_change=rs.set_hit_policy, args=(index, node_id, policy_key), disabled=not editable)
    with top2:
        protocol_button(node_id)
    if editable:
        with top3.popover(f":material/delete: {t('ru.delete_table')}", width="stretch"):
            st.write(t("ru.delete_confirm", node=md(label)))
            st.button(t("ru.delete_yes"), key="_ru_delete", on_click=rs.delete_table, args=(index, node_id))
    if model.hit_policy == "priority":
        prio_key = f"_ru_prio_{index}_{node_id}_{version}"
        st.text_input(t("ru.priorities"), value=", ".join(model.priorities or []), key=prio_key,
                      on_change=rs.set_priorities, args=(index, node_id, prio_key),
                      disabled=not editable)

    reset = st.session_state.get("_ru_reset", 0)
    base_key = f"{index}_{node_id}_{version}_{reset}_{lang}"
    answers = [t("ru.yes"), t("ru.no")]
    in_frame, row_frame = rs.inputs_frame(table), rs.rows_frame(table, *answers)
    pend = rs.pending(index, node_id)
    carried = pend is not None and pend["version"] != version  # edits made before another save
    if carried:
        in_frame, row_frame, base_key = pend["inputs"], pend["rows"], base_key + "_p"

    st.markdown(f"**{t('ru.inputs')}**", help=t("ru.inputs_help"))
    in_key = f"ru_inputs_{base_key}"
    edited_inputs = st.data_editor(
        in_frame, key=in_key, num_rows="dynamic" if editable else "fixed", hide_index=True, width="stretch",
        disabled=not editable,
        height=min(38 + 35 * (len(in_frame) + editable), 320),
        column_config={"_row": None,
                       "name": cc.TextColumn(t("ru.c_name"), required=True, width="medium"),
                       "basis": cc.SelectboxColumn(t("ru.c_basis"), options=rs.BASIS_OPTIONS, width="small"),
                       "values": cc.TextColumn(t("ru.c_values"), width="medium"),
                       "ranges": cc.TextColumn(t("ru.c_ranges"), width="small"),
                       "integer": cc.CheckboxColumn(t("ru.c_integer"), width="small")})

    st.markdown(f"**{t('ru.rows')}**")
    row_config = {"_row": None,
                  "then": cc.TextColumn(t("ru.c_then"), required=True, width="medium"),
                  "why": cc.TextColumn(t("ru.c_why"), width="large")}
    for col in row_frame.columns:
        if str(col).startswith(rs.COND_PREFIX):
            row_config[col] = cc.TextColumn(str(col)[len(rs.COND_PREFIX):])
    for q, col in zip(TEST_QUESTIONS, rs.TEST_COLUMNS):
        row_config[col] = cc.SelectboxColumn(t(f"ru.c_{q}"), options=answers, width="small")
    row_key = f"ru_rows_{base_key}"
    edited_rows = st.data_editor(row_frame, key=row_key, num_rows="dynamic" if editable else "fixed",
                                 hide_index=True, width="stretch", disabled=not editable,
                                 height=min(38 + 35 * (len(row_frame) + editable), 460), column_config=row_config)
    st.caption(t("ru.rows_help"))

    if editable and (js.editor_changed(in_key) or js.editor_changed(row_key) or carried):
        status, message = rs.apply_frames(index, node_id, table, edited_inputs, edited_rows, version)
        if status == "refused":
            st.error(t("ru.refused", error=message), icon=":material/block:")
            st.caption(t("ru.refused_keep"))
            st.button(t("ru.discard"), key="_ru_discard", on_click=rs.discard_pending, args=(index, node_id))
        elif status == "incomplete":
            st.info(t("ru.incomplete"))

    # -- trace a case --------------------------------------------------------------------------------
    st.subheader(t("ru.trace"))
    st.caption(t("ru.trace_help"))
    domains = rs.trace_domains(model)
    if not domains:
        st.info(t("ru.trace_no_inputs"))
    else:
        case: dict = {}
        cols = st.columns(min(len(domains), 4))
        for k, (name, numeric, options) in enumerate(domains):
            key = rs.trace_key(index, node_id, table_text, name)
            box = cols[k % len(cols)]
            if numeric:
                if key not in st.session_state:
                    st.session_state[key] = float(options[len(options) // 2]) if options else 0.0
                case[name] = box.number_input(name, key=key)
            else:
                if key in st.session_state and st.session_state[key] not in options:
                    st.session_state.pop(key)
                value = box.selectbox(name, options, key=key,
                                      format_func=lambda v: t("ru.not_given") if v == OTHER else fmt(v))
                if value != OTHER:
                    case[name] = value
        try:
            result, nearest = rs.trace(model, case)
        except ValueError as error:
            st.error(t("ru.trace_error", error=md(str(error).splitlines()[0])))
        else:
            with st.container(border=True, key="ru_trace_result"):
                if result["status"] == "no_match":
                    st.markdown(f":red[:material/help:] **{t('ru.no_match')}**")
                elif result["status"] == "conflict":
                    st.markdown(f":red[:material/error:] **{t('ru.conflict')}**")
                elif model.hit_policy == "collect":
                    st.markdown(t("ru.collected", rows=", ".join(str(r + 1) for r in result["matched"])))
                else:
                    row = model.rows[result["row"]]
                    st.markdown(f":green[:material/check_circle:] **{t('ru.fires', row=result['row'] + 1)}** · "
                                f"{t('ru.outcome')}: **{md(result['outcome'])}**")
                    st.markdown(f"{t('ru.why')}: " + (md(row.why) if row.why else f"*{t('ru.no_why')}*"))
                st.markdown(f"**{t('ru.say')}**")
                st.info(md(result["explanation"].get(lang) or result["explanation"]["en"]),
                        icon=":material/record_voice_over:")
                if result["status"] == "ok" and model.hit_policy != "collect":
                    st.markdown(f"**{t('ru.change')}**")
                    if nearest is None:
                        st.caption(t("ru.change_none"))
                    else:
                        st.markdown(t("ru.change_text", input=md(nearest["input"]), to=md(fmt(nearest["to"])),
                                      from_=md(fmt(nearest["from"])) if nearest["from"] is not None
                                      else t("ru.not_given"), outcome=md(nearest["outcome"])))

# -- checks panel ------------------------------------------------------------------------------------
with side:
    st.subheader(t("ru.checks"))
    found = js.ordered_findings(rs.node_findings(text, node_id))
    open_count = sum(1 for f in found if not f["justified"])
    combos = math.prod(len(options) for _, _, options in domains)
    st.caption(t("ru.checks_count", open=open_count, justified=len(found) - open_count) + " · " +
               t("ru.size", combos=f"{combos:,}".replace(",", " ")))
    if not found:
        st.success(t("ru.checks_ok"), icon=":material/check_circle:")
    for k, f in enumerate(found):
        with st.container(border=True):
            js.finding_card_text(f, "ru")
            js.justify_controls(f, index, k, f"_ru_reason_{index}_{node_id}_{k}_{version}", "ru", editable)
            if f["code"] == "rule_gap":
                cases = rs.gap_cases(table_text)
                if cases:
                    st.caption(t("ru.gap_examples"))
                    st.dataframe([{n: fmt(v) for n, v in c.items()} for c in cases], hide_index=True,
                                 width="stretch", key=f"ru_gaps_{k}")
                    st.button(f":material/play_arrow: {t('ru.trace_this')}", key=f"_ru_trace_gap_{k}",
                              on_click=rs.set_trace_case, args=(index, node_id, table_text, cases[0]),
                              width="stretch")
