"""Personas page: generate from the segmentation, read cards with evidence, edit, lint, compare."""
from __future__ import annotations

import streamlit as st

from personas.io import personas_to_json

from studio.segmenting import chosen_run
from ui import personas_state as ps
from ui import state
from ui.i18n import current_lang, t

project, version = state.current()
data = state.survey(project)
editable = state.can_edit()  # a viewer reads cards, evidence and findings; every control that saves is off
lang = current_lang()

st.title(t("per.title"))
st.caption(t("per.intro"))
error = st.session_state.pop("_per_error", None)
if error:
    st.error(error)
imported = st.session_state.pop("_per_imported", None)
if imported:
    st.success(imported)

if editable:
    with st.expander(t("per.import"), expanded=not project.personas and chosen_run(project) is None):
        st.file_uploader(t("per.import_file"), type=["json"], key="per_import_file", max_upload_size=20)
        st.radio(t("per.import_mode"), ["merge", "replace"], format_func=lambda m: t(f"per.import_{m}"),
                 key="per_import_mode")
        st.button(t("per.import_go"), key="per_import_go", on_click=ps.import_set,
                  args=("per_import_file", "per_import_mode"))

run = chosen_run(project)
if run is None and not project.personas:
    st.info(t("per.no_run"))
    st.page_link("app_pages/segments.py", label=t("per.go_segments"), icon=":material/scatter_plot:")
    st.stop()

if run is not None:
    when = str(run.get("created_at", ""))[:16].replace("T", " ")
    st.caption(t("per.from_run", label=f"{run.get('method')} · k={run.get('k')} · {when}"
                 + (" · ★" if run.get("chosen") else "")))
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    written_in = {p.get("lang") for p in project.personas} - {None}  # the language they were generated in
    right.segmented_control(t("per.lang"), ["en", "nl"], default=written_in.pop() if len(written_in) == 1 else lang,
                            key="per_lang", help=t("per.lang_help"),
                            format_func={"en": "English", "nl": "Nederlands"}.get, disabled=not editable)
    left.button(t("per.regenerate") if project.personas else t("per.generate"), key="per_generate",
                type="primary", on_click=ps.generate, args=(data, "per_lang"), disabled=not editable)

personas = ps.personas_of(project)
if not personas:
    st.info(t("per.none"))
    st.stop()

# -- pending choices after a regeneration ---------------------------------------------------------
pending = list((getattr(project, "persona_changes", None) or {}).get("pending") or [])
if pending:
    with st.container(border=True):
        st.warning(t("per.changes"))
        names = {p.id: p.name for p in personas}
        for i, change in enumerate(pending):
            left, mid, right = st.columns([6, 1, 1])
            old, new = change.get("old"), change.get("new")
            left.markdown(t("per.change_line", name=ps.safe(names.get(change["persona"], change["persona"])),
                            field=ps.safe(change["field"]), old=ps.safe(str(old)[:120]),
                            new=ps.safe(str(new)[:120])))
            mid.button(t("per.keep_mine"), key=f"per_keep_{i}", on_click=ps.pick_change, args=(i, "old"),
                       disabled=not editable)
            right.button(t("per.take_new"), key=f"per_take_{i}", on_click=ps.pick_change, args=(i, "new"),
                         disabled=not editable)

findings = ps.lint(project, data)
by_persona: dict[str, list[dict]] = {}
for f in findings:
    by_persona.setdefault(f.get("persona") or "", []).append(f)

# -- cards side by side ---------------------------------------------------------------------------
columns = st.columns(min(len(personas), 4))
for index, persona in enumerate(personas):
    pid = persona.id
    with columns[index % len(columns)].container(border=True):
        if (persona.model_extra or {}).get("stale"):
            st.warning(t("per.stale"))
            st.button(t("per.delete"), key=f"per_del_{pid}", on_click=ps.delete_persona, args=(pid,),
                      disabled=not editable)
        photo = ps.photo_bytes(persona) if persona.picture and persona.picture.kind == "photo" else None
        if photo is not None:
            st.image(photo, width=160)
            st.caption(t("per.photo_chosen"))
        else:
            st.image(ps.avatar(project, persona), width=160, caption=t("per.avatar_caption"))
        st.markdown(f"### {ps.safe(persona.name)}")
        if persona.tagline:
            st.markdown(f"*{ps.safe(persona.tagline)}*")
        st.metric(t("per.share"), f"{(persona.share or 0):.0%}")
        axis_line = " · ".join(f"{ps.scale_title(project, a, lang)} {v:.2f}" for a, v in persona.axes.items())
        st.caption(ps.safe(axis_line))
        evidence = {e.claim: e for e in persona.evidence}
        for key in ("needs", "behaviours", "contexts"):
            lines = getattr(persona, key)
            if not lines:
                continue
            st.markdown(f"**{t('per.' + key)}**")
            for line in lines:
                ev = evidence.get(line)
                hover = f"{ev.item}: {ev.figure:+.2f} (n = {ev.n})" if ev and ev.figure is not None else None
                st.markdown(f"- {ps.safe(line)}", help=hover)
        if persona.quotes:
            st.markdown(f"**{t('per.quotes')}**")
            for q in persona.quotes:
                text = q.get("text") if isinstance(q, dict) else q
                st.markdown(f"> {ps.safe(text)}")
        with st.expander(t("per.why")):
            st.caption(t("per.ev.help"))
            st.dataframe(ps.evidence_frame(persona), hide_index=True, width="stretch")
        if editable:  # the fields, the picture and the photo upload all save
            with st.expander(t("per.edit")):
                for field in ("name", "tagline"):
                    key = f"per_{field}_{pid}"
                    st.text_input(t(f"per.f.{field}"), value=getattr(persona, field), key=key,
                                  on_change=ps.edit_field, args=(pid, field, key))
                key = f"per_description_{pid}"
                st.text_area(t("per.f.description"), value=persona.description, key=key,
                             on_change=ps.edit_field, args=(pid, "description", key))
                key = f"per_quotes_{pid}"
                quote_text = "\n".join(str(q.get("text") if isinstance(q, dict) else q) for q in persona.quotes)
                st.text_area(t("per.f.quotes"), value=quote_text, key=key, on_change=ps.edit_field,
                             args=(pid, "quotes", key))
                kinds = {"avatar": t("per.pic.avatar"), "photo": t("per.pic.photo")}
                current = "photo" if persona.picture and persona.picture.kind == "photo" else "avatar"
                key = f"per_pic_{pid}"
                choice = st.radio(t("per.picture"), list(kinds), index=list(kinds).index(current),
                                  format_func=kinds.get, key=key, on_change=ps.set_picture_kind, args=(pid, key))
                if choice == "photo" or current == "photo":
                    st.warning(t("per.photo_risk"), icon=":material/visibility:")
                if choice == "photo":
                    key = f"per_photo_{pid}"
                    st.file_uploader(t("per.photo_upload"), type=["png", "jpg", "jpeg", "webp"], key=key,
                                     on_change=ps.upload_photo, args=(pid, key), max_upload_size=2)

# -- lint panel -----------------------------------------------------------------------------------
st.subheader(t("per.lint"))
if not findings:
    st.success(t("per.lint_clean"), icon=":material/check_circle:")
names = {p.id: p for p in personas}
for i, f in enumerate(findings):
    persona = names.get(f.get("persona") or "")
    who = persona.name if persona else (f.get("persona") or "—")
    severity = t(f"per.severity.{f.get('severity')}")
    box = st.container(border=True)
    head = f"**{ps.safe(who)}** · `{f['code']}` · {severity}"
    if f.get("field"):
        head += f" · {ps.safe(f['field'])}"
    (box.info if f.get("justified") or f.get("severity") == "info" else
     box.error if f.get("severity") == "error" else box.warning)(head)
    if persona and f.get("field"):
        box.markdown(ps.highlight(ps.field_text(persona, f["field"]), f.get("span")))
    box.markdown(ps.safe(f.get("message") or ""))
    if f.get("suggestion"):
        box.caption(f"{t('per.lint_suggest')}: {ps.safe(f['suggestion'])}")
    if f.get("justified"):
        box.caption(t("per.justified", reason=ps.safe(f.get("justification") or "")))
    elif persona and editable:
        key = f"per_just_{i}"
        box.text_input(t("per.justify_reason"), key=key)
        box.button(t("per.justify"), key=f"per_just_btn_{i}", on_click=ps.justify, args=(persona.id, f, key))

# -- all together ---------------------------------------------------------------------------------
st.subheader(t("per.map"))
figure = ps.persona_map(project, personas, lang)
if figure is not None:
    st.plotly_chart(figure, key="per_map")
st.subheader(t("per.compare"))
st.dataframe(ps.comparison(project, personas, lang), width="stretch")
st.caption(t("per.export_note"))
st.download_button(t("per.download"), personas_to_json(personas),
                   file_name="personas.json", mime="application/json", key="per_download")
